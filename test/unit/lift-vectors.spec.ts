// Checks the implementation against the pinned vectors in test/vectors/lift.json
// (never regenerates them).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 as sha256Noble } from '@noble/hashes/sha2.js'
import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { Side } from '../../protos/tally.js'
import { Instructions } from '../../protos/lift.js'
import { chitSigningBytes, chitHash } from '../../src/tally/encoding.js'
import { validateChitShape, stockDelta } from '../../src/tally/half.js'
import { promiseSigningBytes, decisionSigningBytes } from '../../src/lift/encoding.js'
import { publicKeyOf } from '../../src/lift/commit.js'
import { seal, open, SealError } from '../../src/crypto/seal.js'
import { verifySignature } from '../../src/crypto/keys.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { chitFromJson } from '../vectors/build.js'
import { buildLiftVectors, instructionsFromJson, promiseFromJson, decisionFromJson } from '../vectors/lift-build.js'
import type { LiftVectors } from '../vectors/lift-build.js'

const pinned: LiftVectors = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'lift.json'), 'utf8'))
const tallyVectors = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'tally.json'), 'utf8'))

function flip (hex: string, at = 0): Uint8Array<ArrayBuffer> {
  const b = fromHex(hex)
  b[at] ^= 1
  return b
}

describe('lift test vectors', () => {
  it('the pinned file matches what the fixed seeds produce', async () => {
    assert.deepEqual(await buildLiftVectors(), pinned)
  })

  it('node keys: each PeerId is derived from its seed and carries its public key', async () => {
    for (const n of Object.values(pinned.nodes)) {
      const key = await generateKeyPairFromSeed('Ed25519', fromHex(n.seed))
      assert.equal(toHex(key.publicKey.raw), n.publicKey)
      assert.equal(peerIdFromPrivateKey(key).toString(), n.peerId)
      assert.equal(toHex(publicKeyOf(n.peerId)), n.publicKey)
    }
  })

  it('lift chits: shape, signing bytes, signatures, chit hashes, stock delta', async () => {
    const lc = pinned.liftChits
    assert.equal(lc.tallyHash, tallyVectors.tally.tallyHash, 'the tally of tally.json')
    assert.equal(lc.chits.length, 2)
    for (const v of lc.chits) {
      const chit = chitFromJson(v.chit, v.signature)
      validateChitShape(chit)
      assert.equal(toHex(chit.liftId), pinned.liftId, v.name)
      assert.equal(toHex(chitSigningBytes(chit)), v.signingBytes, v.name)
      const key = fromHex(chit.issuer === Side.STOCK ? lc.stockPublicKey : lc.foilPublicKey)
      const other = fromHex(chit.issuer === Side.STOCK ? lc.foilPublicKey : lc.stockPublicKey)
      assert.equal(await verifySignature(key, chitSigningBytes(chit), chit.signature), true, v.name)
      assert.equal(await verifySignature(other, chitSigningBytes(chit), chit.signature), false, v.name)
      assert.equal(await verifySignature(key, flip(v.signingBytes, 40), chit.signature), false, v.name)
      assert.equal(toHex(chitHash(chit)), v.chitHash, v.name)
      assert.equal(stockDelta(chit).toString(), v.stockDelta, v.name)
    }
    // The lift id is signed: the same chit naming another lift has other bytes.
    const c = chitFromJson(lc.chits[0].chit, lc.chits[0].signature)
    assert.notEqual(toHex(chitSigningBytes({ ...c, liftId: flip(pinned.liftId) })), lc.chits[0].signingBytes)
  })

  it('promise: signing bytes and the relay node\'s signature, verified against its PeerId', async () => {
    const p = promiseFromJson(pinned.promise.fields, pinned.promise.signature)
    assert.equal(toHex(promiseSigningBytes(p)), pinned.promise.signingBytes)
    assert.equal(p.peer, pinned.nodes.relay.peerId)
    assert.equal(toHex(p.envelopeHash), pinned.envelope.envelopeHash, 'the promise names the envelope the relay opened')
    assert.equal(await verifySignature(publicKeyOf(p.peer), promiseSigningBytes(p), p.signature), true)
    assert.equal(await verifySignature(publicKeyOf(pinned.nodes.referee.peerId), promiseSigningBytes(p), p.signature), false)
    assert.equal(await verifySignature(publicKeyOf(p.peer), promiseSigningBytes({ ...p, unitsIn: p.unitsIn + 1n }), p.signature), false)
    assert.equal(await verifySignature(publicKeyOf(p.peer), flip(pinned.promise.signingBytes, 60), p.signature), false)
  })

  it('decisions good and void: signing bytes and the referee\'s signature', async () => {
    assert.deepEqual(pinned.decisions.map(d => [d.name, d.fields.good]), [['good', true], ['void', false]])
    const referee = publicKeyOf(pinned.nodes.referee.peerId)
    for (const v of pinned.decisions) {
      const d = decisionFromJson(v.fields, v.signature)
      assert.equal(d.referee, pinned.nodes.referee.peerId)
      assert.equal(toHex(decisionSigningBytes(d)), v.signingBytes, v.name)
      assert.equal(await verifySignature(referee, decisionSigningBytes(d), d.signature), true, v.name)
      assert.equal(await verifySignature(publicKeyOf(pinned.nodes.relay.peerId), decisionSigningBytes(d), d.signature), false, v.name)
      // Flipping the verdict breaks the signature.
      assert.equal(await verifySignature(referee, decisionSigningBytes({ ...d, good: !d.good }), d.signature), false, v.name)
    }
  })

  describe('sealed envelope of Instructions', () => {
    const e = pinned.envelope
    const aad = fromHex(e.aad)

    it('the plaintext is the Instructions protobuf of the given fields', () => {
      const instr = instructionsFromJson(e.instructions)
      assert.equal(toHex(Instructions.encode(instr)), e.plaintext)
      assert.deepEqual(Instructions.decode(fromHex(e.plaintext)), instr)
      assert.equal(e.aad, pinned.liftId)
      assert.equal(e.recipientPeerId, pinned.nodes.relay.peerId)
      assert.equal(toHex(publicKeyOf(e.recipientPeerId)), e.recipientEd25519)
    })

    it('seal with the fixed ephemeral secret gives the pinned envelope: ephemeral public key ‖ ciphertext ‖ tag', () => {
      const env = seal(fromHex(e.recipientEd25519), fromHex(e.plaintext), aad, fromHex(e.ephemeralSecret))
      assert.equal(toHex(env), e.envelope)
      assert.equal(toHex(env.subarray(0, 32)), e.ephemeralPublic)
      assert.equal(env.length, 32 + fromHex(e.plaintext).length + 16)
      assert.equal(toHex(sha256(env)), e.envelopeHash)
    })

    it('the intermediate values rebuild the envelope from the primitives', () => {
      const ephSecret = fromHex(e.ephemeralSecret)
      assert.equal(toHex(ed25519.utils.toMontgomery(fromHex(e.recipientEd25519))), e.recipientX25519)
      assert.equal(toHex(x25519.getPublicKey(ephSecret)), e.ephemeralPublic)
      const shared = x25519.getSharedSecret(ephSecret, fromHex(e.recipientX25519))
      assert.equal(toHex(shared), e.sharedSecret)
      // The recipient reaches the same shared secret from its side.
      const recipientSecret = ed25519.utils.toMontgomerySecret(fromHex(pinned.nodes.relay.seed))
      assert.equal(toHex(x25519.getSharedSecret(recipientSecret, fromHex(e.ephemeralPublic))), e.sharedSecret)
      assert.equal(e.hkdfSalt, e.ephemeralPublic + e.recipientX25519)
      assert.equal(Buffer.from(fromHex(e.hkdfInfo)).toString('utf8'), 'sortlift/v1/seal')
      assert.equal(toHex(hkdf(sha256Noble, shared, fromHex(e.hkdfSalt), fromHex(e.hkdfInfo), 32)), e.key)
      const body = chacha20poly1305(fromHex(e.key), fromHex(e.nonce), aad).encrypt(fromHex(e.plaintext))
      assert.equal(e.ephemeralPublic + toHex(body), e.envelope)
    })

    it('open with the recipient\'s seed returns the instructions', () => {
      const plain = open(fromHex(pinned.nodes.relay.seed), fromHex(e.envelope), aad)
      assert.equal(toHex(plain), e.plaintext)
      assert.deepEqual(Instructions.decode(plain), instructionsFromJson(e.instructions))
    })

    it('open fails with another node\'s seed, another aad, or a flipped byte', () => {
      const env = fromHex(e.envelope)
      for (const seed of [pinned.nodes.payee.seed, pinned.nodes.referee.seed]) {
        assert.throws(() => open(fromHex(seed), env, aad), SealError)
      }
      assert.throws(() => open(fromHex(pinned.nodes.relay.seed), env, flip(e.aad)), SealError)
      assert.throws(() => open(fromHex(pinned.nodes.relay.seed), env), SealError)
      for (const at of [0, 40, env.length - 1]) {
        assert.throws(() => open(fromHex(pinned.nodes.relay.seed), flip(e.envelope, at), aad), SealError, `byte ${at}`)
      }
      assert.throws(() => open(fromHex(pinned.nodes.relay.seed), env.slice(0, 47), aad), SealError)
    })
  })
})
