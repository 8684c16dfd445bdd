// Flipping any bit pattern of any byte of an encoded proof must make it fail:
// either it verifies false or it is refused as malformed, never anything else.
import assert from 'node:assert/strict'
import { verifyProofBytes } from '../../src/sortition/proof.js'
import { SortitionError } from '../../src/sortition/errors.js'

export function assertEveryByteFlipFails (bytes: Uint8Array, root: Uint8Array): void {
  for (let i = 0; i < bytes.length; i++) {
    for (const mask of [0x01, 0x80, 0xff]) {
      const bad = bytes.slice()
      bad[i] ^= mask
      let ok = false
      try { ok = verifyProofBytes(bad, root).ok } catch (e) { assert.ok(e instanceof SortitionError && e.code === 'MALFORMED_PROOF', String(e)) }
      assert.equal(ok, false, `version ${bytes[0]}: byte ${i} ^ ${mask} of a ${bytes.length}-byte proof`)
    }
  }
}
