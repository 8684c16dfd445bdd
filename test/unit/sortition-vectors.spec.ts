// Checks the implementation against the pinned vectors in
// test/vectors/sortition.json (never regenerates them).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildSortitionVectors, leafFromJson, prefixBytesOf } from '../vectors/make-sortition-vectors.js'
import type { SortitionVectors } from '../vectors/make-sortition-vectors.js'
import { leafHash, probHash, condHash } from '../../src/sortition/hashing.js'
import { decodePredicate, encodePredicate, encodePredicateUntagged, predicateHash } from '../../src/sortition/predicate.js'
import { attestationSigningBytes, verifyAttestation } from '../../src/sortition/attestation.js'
import { decodeProof, encodeProof, encodeProofV1, verifyProofBytes, verifyUnassigned } from '../../src/sortition/proof.js'
import { SortitionError } from '../../src/sortition/errors.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'

const pinned: SortitionVectors = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'sortition.json'), 'utf8'))

describe('sortition test vectors', () => {
  it('the pinned file matches what the fixed seeds produce', async () => {
    assert.deepEqual(await buildSortitionVectors(), pinned)
  })

  it('leaf hashes: sha256 of the pinned encoding, for every owner kind', () => {
    assert.equal(pinned.leaves.length, 4)
    for (const v of pinned.leaves) {
      assert.equal(toHex(sha256(fromHex(v.encoding))), v.hash, v.name)
      assert.equal(toHex(leafHash(leafFromJson(v.leaf))), v.hash, v.name)
    }
    assert.equal(new Set(pinned.leaves.map(v => v.hash)).size, 4)
  })

  it('predicates: encodings decode, re-encode and hash as pinned', () => {
    for (const v of pinned.predicates) {
      const p = decodePredicate(fromHex(v.encoding))
      assert.equal(p.kind, v.predicate.kind)
      assert.equal(toHex(encodePredicate(p)), v.encoding, v.name)
      assert.equal(toHex(predicateHash(p)), v.hash, v.name)
    }
  })

  it('attestation: signing bytes and the oracle signature', async () => {
    const a = pinned.attestation
    assert.equal(toHex(attestationSigningBytes(a.question, a.outcome)), a.signingBytes)
    const oracle = fromHex(pinned.oracle.publicKey)
    assert.equal(await verifyAttestation({ oracle, question: a.question, outcome: a.outcome, signature: fromHex(a.signature) }), true)
    assert.equal(await verifyAttestation({ oracle, question: a.question, outcome: 'blue', signature: fromHex(a.signature) }), false)
  })

  it('probability and condition split hashes', () => {
    const p = pinned.prob
    assert.equal(toHex(sha256(fromHex(p.encoding))), p.hash)
    assert.equal(toHex(probHash(BigInt('0x' + p.point), fromHex(p.left), fromHex(p.right))), p.hash)
    assert.notEqual(toHex(probHash(BigInt('0x' + p.point), fromHex(p.right), fromHex(p.left))), p.hash)
    const c = pinned.cond
    assert.equal(toHex(sha256(fromHex(c.encoding))), c.hash)
    assert.equal(toHex(condHash(fromHex(c.predicateHash), fromHex(c.left), fromHex(c.right))), c.hash)
  })

  it('the valid proof verifies under the root and yields the pinned region and leaf', () => {
    const t = pinned.tree
    const root = fromHex(t.root)
    const v = verifyProofBytes(fromHex(t.proof.hex), root)
    assert.ok(v.ok)
    assert.equal(v.region.lo.toString(16), t.proof.region.lo)
    assert.equal(v.region.hi.toString(16), t.proof.region.hi)
    assert.deepEqual(v.region.conditions.map(c => ({ predicate: toHex(c.predicate), value: c.value })), t.proof.conditions)
    assert.equal(toHex(leafHash(v.leaf)), t.proof.leafHash)
    assert.equal(toHex(encodeProof(decodeProof(fromHex(t.proof.hex)))), t.proof.hex)
    const u = fromHex(t.unassigned.hex)
    assert.equal(verifyUnassigned(u, root, BigInt('0x' + t.unassigned.point), () => true), true)
    const uv = verifyProofBytes(u, root)
    assert.ok(uv.ok)
    assert.equal(uv.region.lo.toString(16), t.unassigned.region.lo)
  })

  it('the pinned version 1 proof still verifies, to the same region and leaf, and decodes to the same proof', () => {
    const t = pinned.tree
    const root = fromHex(t.root)
    const v1 = fromHex(t.proofV1.hex)
    assert.equal(v1[0], 1)
    assert.equal(fromHex(t.proof.hex)[0], 2)
    assert.deepEqual(verifyProofBytes(v1, root), verifyProofBytes(fromHex(t.proof.hex), root))
    assert.deepEqual(decodeProof(v1), decodeProof(fromHex(t.proof.hex)))
    assert.equal(toHex(encodeProof(decodeProof(v1))), t.proof.hex)
    assert.equal(toHex(encodeProofV1(decodeProof(v1))), t.proofV1.hex)
  })

  it('the deep proof: version 2 leaves out the pinned prefixes, verifies, and equals its version 1 form', () => {
    const d = pinned.deep
    const root = fromHex(d.root)
    const bytes = fromHex(d.proof.hex)
    const v = verifyProofBytes(bytes, root)
    assert.ok(v.ok)
    assert.equal(v.region.lo.toString(16), d.proof.region.lo)
    assert.equal(v.region.hi.toString(16), d.proof.region.hi)
    assert.deepEqual(v.region.conditions.map(c => ({ predicate: toHex(c.predicate), value: c.value })), d.proof.conditions)
    assert.equal(toHex(leafHash(v.leaf)), d.proof.leafHash)
    const proof = decodeProof(bytes)
    assert.deepEqual(prefixBytesOf(proof), d.proof.prefixBytes)
    assert.deepEqual(d.proof.prefixBytes.filter(m => m != null && m > 0), [6, 6, 16, 16, 26, 31])
    // the layout, byte for byte in length: head, packed kinds, suffixes, predicates, siblings
    let size = 2 + 64 + 2 + Math.ceil(proof.steps.length / 4)
    proof.steps.forEach((s, i) => { size += (s.kind === 'prob' ? 32 - d.proof.prefixBytes[i]! : 2 + encodePredicateUntagged(s.predicate).length) + 32 })
    assert.equal(bytes.length, size)
    assert.equal(toHex(encodeProof(proof)), d.proof.hex)
    const v1 = fromHex(d.proofV1.hex)
    assert.equal(v1.length, 2 + 64 + 2 + proof.steps.reduce((n, s) => n + 1 + (s.kind === 'prob' ? 32 : 2 + encodePredicate(s.predicate).length) + 32, 0))
    assert.deepEqual(verifyProofBytes(v1, root), v)
    assert.deepEqual(decodeProof(v1), proof)
  })

  it('every invalid variant fails as pinned', () => {
    assert.ok(pinned.tree.invalid.length >= 5)
    assert.ok(pinned.deep.invalid.length >= 5)
    for (const [rootHex, invalid] of [[pinned.tree.root, pinned.tree.invalid], [pinned.deep.root, pinned.deep.invalid]] as const) {
      const root = fromHex(rootHex)
      for (const v of invalid) {
        if (v.expect === 'MALFORMED_PROOF') {
          assert.throws(() => verifyProofBytes(fromHex(v.hex), root), (e: any) => e instanceof SortitionError && e.code === 'MALFORMED_PROOF', v.name)
          assert.throws(() => decodeProof(fromHex(v.hex)), (e: any) => e instanceof SortitionError && e.code === 'MALFORMED_PROOF', v.name)
        } else {
          const r = verifyProofBytes(fromHex(v.hex), root)
          assert.equal(r.ok, false, v.name)
          assert.match((r as any).reason, new RegExp(v.expect), v.name)
        }
      }
    }
  })

  it('malformed version 2 bytes fail with a message that names the fault', () => {
    const d = pinned.deep
    const root = fromHex(d.root)
    const byName = (n: string): Uint8Array => fromHex(d.invalid.find(v => v.name.startsWith(n))!.hex)
    const cases: Array<[string, RegExp]> = [
      ['nonzero padding', /nonzero padding bits/],
      ['truncated in the step kinds', /truncated step kinds/],
      ['truncated (last', /truncated at step 9/],
      ['trailing byte', /1 trailing bytes/],
      ['unknown version (0)', /unknown version 0/]
    ]
    for (const [name, message] of cases) {
      assert.throws(() => verifyProofBytes(byName(name), root), (e: any) => e instanceof SortitionError && e.code === 'MALFORMED_PROOF' && message.test(e.message), name)
    }
  })
})
