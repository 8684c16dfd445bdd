import assert from 'node:assert/strict'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { seal, open, SealError } from '../../src/crypto/seal.js'

async function nodeKey (): Promise<{ pub: Uint8Array, seed: Uint8Array }> {
  const k = await generateKeyPair('Ed25519')
  // libp2p's raw Ed25519 private key is seed (32) ‖ public key (32)
  return { pub: k.publicKey.raw, seed: k.raw.subarray(0, 32) }
}

describe('sealed envelopes', () => {
  it('only the recipient node\'s key opens an envelope', async () => {
    const relay = await nodeKey()
    const other = await nodeKey()
    const msg = new TextEncoder().encode('handle=7 units=5000 next=12D3KooW...')
    const aad = Uint8Array.of(1, 2, 3)
    const env = seal(relay.pub, msg, aad)
    assert.deepEqual(open(relay.seed, env, aad), msg)
    assert.throws(() => open(other.seed, env, aad), SealError)
    assert.throws(() => open(relay.seed, env, Uint8Array.of(9)), SealError, 'wrong associated data')
    const tampered = Uint8Array.from(env)
    tampered[40] ^= 1
    assert.throws(() => open(relay.seed, tampered, aad), SealError)
    assert.throws(() => open(relay.seed, env.subarray(0, 40), aad), SealError)
  })

  it('two envelopes of the same message differ (fresh ephemeral keys)', async () => {
    const r = await nodeKey()
    const m = new Uint8Array(10)
    assert.notDeepEqual(seal(r.pub, m), seal(r.pub, m))
  })

  it('is deterministic given the ephemeral secret (for test vectors)', async () => {
    const r = await nodeKey()
    const eph = new Uint8Array(32).fill(7)
    assert.deepEqual(seal(r.pub, Uint8Array.of(1), undefined, eph), seal(r.pub, Uint8Array.of(1), undefined, eph))
  })
})
