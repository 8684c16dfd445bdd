import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { ed25519, nodeEd25519 } from '../../src/crypto/ed25519.js'
import { generateSigner, signerFromSecret, verifySignature } from '../../src/crypto/keys.js'

// RFC 8032 §7.1, test 2: one-byte message.
const RFC = {
  seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  message: '72',
  signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'
}
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))

describe('Ed25519 implementations', function () {
  it('the process uses libsodium where sodium-native loads (it is installed here), unless told otherwise', () => {
    assert.equal(ed25519.name, process.env.SORTLIFT_ED25519 === 'node' ? 'node:crypto' : 'libsodium')
  })

  for (const impl of [ed25519, nodeEd25519]) {
    describe(impl.name, function () {
      it('signs and verifies the RFC 8032 vector', () => {
        const sig = impl.signer(hex(RFC.seed), hex(RFC.publicKey))(hex(RFC.message))
        assert.equal(Buffer.from(sig).toString('hex'), RFC.signature)
        assert.equal(impl.verify(hex(RFC.publicKey), hex(RFC.message), sig), true)
      })

      it('each signature is an array of its own: a later one leaves it unchanged', () => {
        const sign = impl.signer(hex(RFC.seed), hex(RFC.publicKey))
        const first = sign(hex(RFC.message))
        const second = sign(Uint8Array.of(1, 2, 3))
        assert.equal(Buffer.from(first).toString('hex'), RFC.signature)
        assert.notDeepEqual(second, first)
        assert.equal(first.byteLength, 64)
        assert.equal(impl.verify(hex(RFC.publicKey), Uint8Array.of(1, 2, 3), second), true)
      })

      it('rejects an altered message, signature or key, and never throws', () => {
        const pk = hex(RFC.publicKey)
        const msg = hex(RFC.message)
        const sig = hex(RFC.signature)
        assert.equal(impl.verify(pk, Uint8Array.of(0x73), sig), false)
        for (const i of [0, 31, 32, 63]) {
          const bad = sig.slice()
          bad[i] ^= 1
          assert.equal(impl.verify(pk, msg, bad), false, `signature byte ${i}`)
        }
        const otherKey = pk.slice()
        otherKey[0] ^= 1
        assert.equal(impl.verify(otherKey, msg, sig), false)
        // S ≥ L (not canonical) and an all-zero key: refused, not thrown.
        const highS = sig.slice()
        highS.fill(0xff, 32)
        assert.equal(impl.verify(pk, msg, highS), false)
        assert.equal(impl.verify(new Uint8Array(32), msg, sig), false)
      })
    })
  }

  it('both implementations give the same signatures and accept each other\'s', async () => {
    for (let i = 0; i < 20; i++) {
      const { signer, secret } = await generateSigner()
      const data = randomBytes(1 + i * 13)
      const viaKeys = await signerFromSecret(secret).sign(data)
      const raw = (await signer.sign(data))
      assert.deepEqual(viaKeys, raw)
      assert.equal(nodeEd25519.verify(signer.publicKey, data, raw), true)
      assert.equal(ed25519.verify(signer.publicKey, data, raw), true)
      assert.equal(await verifySignature(signer.publicKey, data, raw), true)
    }
  })

  it('verifySignature refuses wrong lengths before any curve work', async () => {
    const { signer } = await generateSigner()
    const sig = await signer.sign(Uint8Array.of(1))
    assert.equal(await verifySignature(signer.publicKey.subarray(0, 31), Uint8Array.of(1), sig), false)
    assert.equal(await verifySignature(signer.publicKey, Uint8Array.of(1), sig.subarray(0, 63)), false)
  })
})
