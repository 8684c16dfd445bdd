// Checks the implementation against the pinned vectors in test/vectors/tally.json
// (never regenerates them).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tallySigningBytes, tallyHash, refuseSigningBytes, chitSigningBytes, chitHash, entryHash } from '../../src/tally/encoding.js'
import { verifySignature } from '../../src/crypto/keys.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { buildVectors, recordFromJson, chitFromJson } from '../vectors/build.js'
import type { Vectors } from '../vectors/build.js'

const pinned: Vectors = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'tally.json'), 'utf8'))

function flip (hex: string, at = 0): Uint8Array {
  const b = fromHex(hex)
  b[at] ^= 1
  return b
}

describe('tally test vectors', () => {
  const record = recordFromJson(pinned.tally.record)
  const stockKey = fromHex(pinned.stock.publicKey)
  const foilKey = fromHex(pinned.foil.publicKey)

  it('the pinned file matches what the fixed seeds produce', async () => {
    assert.deepEqual(await buildVectors(), pinned)
  })

  it('tally record: signing bytes, hash, both signatures', async () => {
    const bytes = tallySigningBytes(record)
    assert.equal(toHex(bytes), pinned.tally.signingBytes)
    assert.equal(toHex(tallyHash(record)), pinned.tally.tallyHash)
    assert.equal(await verifySignature(stockKey, bytes, fromHex(pinned.tally.stockSignature)), true)
    assert.equal(await verifySignature(foilKey, bytes, fromHex(pinned.tally.foilSignature)), true)
    assert.equal(await verifySignature(foilKey, bytes, fromHex(pinned.tally.stockSignature)), false)
    assert.equal(await verifySignature(stockKey, bytes, flip(pinned.tally.stockSignature, 5)), false)
    assert.equal(await verifySignature(stockKey, flip(pinned.tally.signingBytes, 30), fromHex(pinned.tally.stockSignature)), false)
  })

  it('refusal: signing bytes and signature', async () => {
    assert.equal(toHex(refuseSigningBytes(record)), pinned.refusal.signingBytes)
    assert.equal(await verifySignature(foilKey, fromHex(pinned.refusal.signingBytes), fromHex(pinned.refusal.foilSignature)), true)
    assert.equal(await verifySignature(foilKey, fromHex(pinned.tally.signingBytes), fromHex(pinned.refusal.foilSignature)), false)
  })

  it('chits: signing bytes, signatures, chit hashes and the entry hash chain', async () => {
    assert.equal(pinned.chits.length, 4)
    let prev = pinned.tally.tallyHash
    for (const v of pinned.chits) {
      const chit = chitFromJson(v.chit, v.signature)
      assert.equal(toHex(chitSigningBytes(chit)), v.signingBytes, v.name)
      const key = v.chit.issuer === 'STOCK' ? stockKey : foilKey
      assert.equal(await verifySignature(key, chitSigningBytes(chit), chit.signature), true, v.name)
      assert.equal(await verifySignature(key, flip(v.signingBytes, 40), chit.signature), false, v.name)
      assert.equal(toHex(chitHash(chit)), v.chitHash, v.name)
      assert.equal(v.entryPrev, prev)
      assert.equal(toHex(entryHash(v.entryIndex, fromHex(prev), chit)), v.entryHash, v.name)
      prev = v.entryHash
    }
  })
})
