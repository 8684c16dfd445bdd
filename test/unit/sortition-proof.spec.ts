// Proof encodings: version 2 (packed step kinds, point suffixes after the
// prefix the interval fixes) round-trips on deep random trees with condition
// splits, has exactly the layout's length, verifies as version 1 does, and
// refuses or rejects what it must; version 1 bytes still verify.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { SortitionTree } from '../../src/sortition/tree.js'
import type { TreeOp } from '../../src/sortition/tree.js'
import { encodeProof, encodeProofV1, decodeProof, verifyProofBytes, verifyProof, MAX_STEPS } from '../../src/sortition/proof.js'
import type { Proof } from '../../src/sortition/proof.js'
import { SPACE, pointToBytes } from '../../src/sortition/space.js'
import { encodePredicate, encodePredicateUntagged, decodePredicateUntagged, predicateHash, TAG_PREDICATE } from '../../src/sortition/predicate.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import type { Leaf } from '../../src/sortition/hashing.js'
import { SortitionError } from '../../src/sortition/errors.js'
import { sha256 } from '../../src/crypto/hash.js'
import { equalBytes } from '../../src/crypto/bytes.js'
import { prefixBytesOf } from '../vectors/make-sortition-vectors.js'
import { assertEveryByteFlipFails } from '../helpers/proof-flips.js'

const b32 = (n: number): Uint8Array => new Uint8Array(32).fill(n)
const user = (n: number): Leaf => ({ owner: { kind: 'user', publicKey: b32(n) }, custody: b32((n + 100) & 0xff) })
const child = (n: number): Leaf => ({ owner: { kind: 'child', chainId: b32(n) }, custody: b32(n + 1), commitment: b32(n + 2) })
const PREDICATES: Predicate[] = [
  { kind: 'always' },
  { kind: 'preimage', digest: sha256(new TextEncoder().encode('secret')) },
  { kind: 'oracle', oracle: b32(0xee), question: 'who wins?', outcome: 'red' },
  { kind: 'oracle', oracle: b32(0xee), question: 'who wins?', outcome: 'blue' }
]
const HASHES = PREDICATES.map(predicateHash)
/** a truth assignment from a bit mask over PREDICATES */
const truthOf = (mask: number) => (_p: Predicate, h: Uint8Array): boolean => ((mask >> HASHES.findIndex(q => equalBytes(q, h))) & 1) === 1
const isMalformed = (e: any): boolean => e instanceof SortitionError && e.code === 'MALFORMED_PROOF'


/** The length of a version 2 encoding, from the layout. */
function v2Length (p: Proof): number {
  const leaf = p.leaf.owner.kind === 'unassigned' ? 0 : (p.leaf as any).commitment != null ? 96 : 64
  const m = prefixBytesOf(p)
  return 2 + leaf + 2 + Math.ceil(p.steps.length / 4) + p.steps.reduce((n, s, i) => n + (s.kind === 'prob' ? 32 - m[i]! : 2 + encodePredicateUntagged(s.predicate).length) + 32, 0)
}

// Boundaries clustered around a center with trailing zero bits, at random
// scales: crit-bit paths then run deep and intervals narrow on both sides, so
// prefixes of every length occur (and hi - 1 borrows across zero bytes).
const arbPoint = fc.bigInt({ min: 0n, max: SPACE - 1n })
const arbDeep = fc.record({
  center: arbPoint,
  zeros: fc.nat(255),
  offsets: fc.array(fc.record({ bits: fc.nat(255), r: arbPoint, below: fc.boolean() }), { minLength: 20, maxLength: 100 }),
  splits: fc.array(fc.record({ at: fc.nat(1000), pred: fc.nat(PREDICATES.length - 1), mask: fc.nat(15), r: arbPoint, kid: fc.boolean() }), { maxLength: 8 })
})
type Deep = typeof arbDeep extends fc.Arbitrary<infer T> ? T : never

function buildDeep (x: Deep): SortitionTree {
  const c = (x.center >> BigInt(x.zeros)) << BigInt(x.zeros)
  const keys = new Set<bigint>([c])
  for (const o of x.offsets) {
    const d = o.r % (1n << BigInt(o.bits))
    const k = o.below ? c - d : c + d
    if (k >= 0n && k < SPACE) keys.add(k)
  }
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const t = new SortitionTree()
  const ops: TreeOp[] = []
  for (let i = 0; i + 1 < sorted.length; i++) ops.push({ op: 'issue', lo: sorted[i], hi: sorted[i + 1], leaf: user(i & 0x7f) })
  t.apply(ops)
  for (const s of x.splits) {
    const point = sorted[s.at % sorted.length]
    const conditions = truthOf(s.mask)
    const at = t.find(point, conditions)
    if (at.region.conditions.some(q => equalBytes(q.predicate, HASHES[s.pred]))) continue
    t.apply([{ op: 'split-predicate', point, conditions, predicate: PREDICATES[s.pred] }])
    // split a branch below the condition, and sometimes hand it to a child chain
    const below = t.find(point, conditions)
    const { lo, hi } = below.region
    if (hi - lo >= 2n) {
      // the upper part to someone else: two equal leaves side by side would let a proof's side flip and still verify
      const q = lo + 1n + (s.r % (hi - lo - 1n))
      t.apply([{ op: 'split-point', at: q, conditions }])
      if (below.leaf.owner.kind !== 'unassigned') t.apply([{ op: 'transfer', point: q, conditions, leaf: user(0x80 + (s.at & 0x7f)) }])
    }
    if (s.kid && below.leaf.owner.kind !== 'unassigned') t.apply([{ op: 'transfer', point, conditions, leaf: child(s.at & 0x7f) }])
  }
  return t
}

/** a fixed deep tree: 80 boundaries at scales 2^0 .. 2^237 on both sides of a center, with condition splits */
function fixedDeep (): SortitionTree {
  const r = (i: number): bigint => BigInt('0x' + Buffer.from(sha256(new TextEncoder().encode(`deep ${i}`))).toString('hex'))
  return buildDeep({
    center: r(0),
    zeros: 40,
    offsets: Array.from({ length: 80 }, (_, i) => ({ bits: (i * 3) % 240, r: r(i + 1), below: i % 2 === 1 })),
    splits: Array.from({ length: 6 }, (_, i) => ({ at: i * 13, pred: i % PREDICATES.length, mask: i * 5 % 16, r: r(100 + i), kid: i % 2 === 0 }))
  })
}

/** the proofs of every leaf, each decided as the leaf's own region is */
function allProofs (t: SortitionTree): Proof[] {
  return [...t.entries()].map(e => t.prove(e.region.lo, (_p, h) => e.region.conditions.find(c => equalBytes(c.predicate, h))?.value ?? false))
}

describe('sortition: proof encoding version 2', () => {
  it('round-trips on deep random trees with condition splits, with exactly the layout\'s length, and verifies as version 1 does', () => {
    let deepest = 0
    const seen = new Set<number>()
    fc.assert(fc.property(arbDeep, (x) => {
      const t = buildDeep(x)
      const root = t.root()
      for (const p of allProofs(t)) {
        deepest = Math.max(deepest, p.steps.length)
        for (const m of prefixBytesOf(p)) if (m != null) seen.add(m)
        const bytes = encodeProof(p)
        assert.equal(bytes[0], 2)
        assert.equal(bytes.length, v2Length(p))
        assert.deepEqual(decodeProof(bytes), p)
        assert.deepEqual(encodeProof(decodeProof(bytes)), bytes)
        const v = verifyProofBytes(bytes, root)
        assert.ok(v.ok, (v as any).reason)
        const v1 = encodeProofV1(p)
        assert.equal(v1[0], 1)
        assert.deepEqual(decodeProof(v1), p)
        assert.deepEqual(verifyProofBytes(v1, root), v)
        assert.deepEqual(encodeProof(decodeProof(v1)), bytes)
      }
    }), { numRuns: 40 })
    assert.ok(deepest > 16, `deepest proof ${deepest} steps`)
    // prefixes of none, one, two and many bytes all occurred
    for (const m of [0, 1, 2]) assert.ok(seen.has(m), `prefix of ${m} bytes`)
    assert.ok([...seen].some(m => m >= 8), `prefixes seen: ${[...seen].sort((a, b) => a - b).join(' ')}`)
  })

  it('altering any byte of a deep proof, in either version, makes it fail to decode or to verify', () => {
    const t = fixedDeep()
    const root = t.root()
    const proofs = allProofs(t).sort((a, b) => b.steps.length - a.steps.length).slice(0, 3)
    assert.ok(proofs[0].steps.length > 16, `${proofs[0].steps.length} steps`)
    for (const p of proofs) {
      for (const bytes of [encodeProof(p), encodeProofV1(p)]) {
        assert.ok(verifyProofBytes(bytes, root).ok)
        assertEveryByteFlipFails(bytes, root)
      }
    }
  })

  it('encodeProof refuses a point outside its interval; version 1 carries it and verification rejects it', () => {
    const t = new SortitionTree()
    t.apply([{ op: 'issue', lo: 100n, hi: 200n, leaf: user(1) }, { op: 'split-point', at: 150n }])
    assert.ok(verifyProofBytes(encodeProof(t.prove(160n)), t.root()).ok)
    const p = t.prove(160n)
    assert.deepEqual(p.steps.map(s => s.kind === 'prob' ? [s.point, s.side] : []), [[150n, 1], [200n, 0]])
    const at = (i: number, point: bigint): Proof => ({ ...p, steps: p.steps.map((s, j) => j === i ? { ...s, point } : s) })
    const flipped: Proof = { ...p, steps: [p.steps[1], p.steps[0]] } // [0, 200), then [150, 200): valid intervals
    const variants: Proof[] = [
      at(0, 0n), // 0 at the top: equal to lo
      at(1, 150n), // equal to lo
      at(1, 100n), // below lo
      { ...flipped, steps: [flipped.steps[0], { ...(flipped.steps[1] as any), point: 200n }] }, // equal to hi
      { ...flipped, steps: [flipped.steps[0], { ...(flipped.steps[1] as any), point: 250n }] } // above hi
    ]
    assert.ok(verifyProofBytes(encodeProof(flipped), t.root()).ok === false) // encodable, and wrong only in its hashes
    for (const bad of variants) {
      assert.throws(() => encodeProof(bad), (e: any) => e instanceof SortitionError && e.code === 'BAD_INPUT' && /split point outside its interval/.test(e.message))
      const r = verifyProofBytes(encodeProofV1(bad), t.root())
      assert.ok(!r.ok && /split point outside its interval/.test(r.reason))
      assert.equal(verifyProof(bad, t.root()).ok, false)
    }
  })

  it('a point suffix that puts the point on or outside its interval is rejected at that step, and the bytes still decode', () => {
    // cells [c - 2^20, c + 16), [c + 16, c + 32) split at c + 24, [c + 32, c + 2^20): the last step's interval
    // is [c + 16, c + 32), so its point has a 31-byte prefix and both lo and hi are expressible
    const c = 0x77n << 240n
    const t = new SortitionTree()
    t.apply([
      { op: 'issue', lo: c - (1n << 20n), hi: c + 16n, leaf: user(1) },
      { op: 'issue', lo: c + 16n, hi: c + 32n, leaf: user(2) },
      { op: 'issue', lo: c + 32n, hi: c + (1n << 20n), leaf: user(3) },
      { op: 'split-point', at: c + 24n }
    ])
    const root = t.root()
    const p = t.prove(c + 17n)
    const bytes = encodeProof(p)
    const m = prefixBytesOf(p)
    const last = p.steps.length - 1
    assert.deepEqual(p.steps[last], { ...p.steps[last], kind: 'prob', point: c + 24n, side: 0 })
    assert.equal(m[last], 31)
    const at = bytes.length - 32 - 1
    const cases: Array<[bigint, string]> = [
      [c + 16n, `step ${last}: split point outside its interval`], // = lo
      [c + 32n, `step ${last}: split point outside its interval`], // = hi
      [c + 255n, `step ${last}: split point outside its interval`], // > hi, same prefix
      [c + 20n, 'root mismatch'] // inside, not the tree's
    ]
    for (const [point, reason] of cases) {
      const bad = bytes.slice()
      bad[at] = Number(point & 0xffn)
      const r = verifyProofBytes(bad, root)
      assert.ok(!r.ok && r.reason === reason, `point c + ${point - c}: ${(r as any).reason}`)
      assert.equal((decodeProof(bad).steps[last] as any).point, point)
    }
  })

  it('a condition step carries its predicate without the tag every predicate starts with; the decoder puts it back', () => {
    const preds: Predicate[] = [
      { kind: 'always' },
      { kind: 'preimage', digest: sha256(Uint8Array.of(7)) },
      { kind: 'oracle', oracle: new Uint8Array(32).fill(9), question: 'rain in Oslo on 2027-01-01?', outcome: 'yes' }
    ]
    for (const p of preds) {
      const full = encodePredicate(p)
      const body = encodePredicateUntagged(p)
      assert.ok(full.length - body.length > TAG_PREDICATE.length, 'the tag and its length prefix are left out')
      assert.ok(equalBytes(full.subarray(full.length - body.length), body))
      assert.deepEqual(decodePredicateUntagged(body), p)
      assert.ok(equalBytes(predicateHash(decodePredicateUntagged(body)), predicateHash(p)))
    }
    assert.throws(() => decodePredicateUntagged(Uint8Array.of(0xee)), (err: unknown) => err instanceof SortitionError && err.code === 'MALFORMED_PREDICATE')
  })

  it('rejects nonzero padding bits after the step kinds, for every count of steps in the last byte', () => {
    for (const depth of [1, 2, 3]) {
      // a chain of `depth` splits at powers of two: the leaf [0, 2^(256-depth))
      const t = new SortitionTree()
      t.apply([{ op: 'issue', lo: 0n, hi: 1n << BigInt(256 - depth), leaf: user(1) }])
      for (let d = 1; d < depth; d++) t.apply([{ op: 'split-point', at: 1n << BigInt(256 - d) }])
      const p = t.prove(0n)
      assert.equal(p.steps.length, depth)
      const bytes = encodeProof(p)
      assert.ok(verifyProofBytes(bytes, t.root()).ok)
      const kinds = 2 + 64 + 2
      for (let bit = 0; bit < 8 - 2 * depth; bit++) {
        const bad = bytes.slice()
        bad[kinds] |= 1 << bit
        assert.throws(() => decodeProof(bad), (e: any) => isMalformed(e) && /nonzero padding bits/.test(e.message), `depth ${depth} bit ${bit}`)
      }
    }
  })

  it('the step-count limit holds for version 2; truncation anywhere is malformed', () => {
    // MAX_STEPS probability steps, all kind 0: prefixes grow as hi shrinks, so build the bytes with the layout rule
    const steps = (n: number): Uint8Array => {
      const out: number[] = [2, 0, n >> 8, n & 0xff, ...new Array(Math.ceil(n / 4)).fill(0)]
      let hi = SPACE
      for (let i = 0; i < n; i++) {
        const point = hi > 1n ? hi - 1n : 0n
        const x = 0n ^ (hi - 1n)
        const k = x === 0n ? 256 : 256 - x.toString(2).length
        out.push(...pointToBytes(point).subarray(k >> 3), ...b32(1))
        if (hi > 1n) hi = point
      }
      return new Uint8Array(out)
    }
    const ok = steps(MAX_STEPS)
    assert.equal(decodeProof(ok).steps.length, MAX_STEPS)
    const r = verifyProofBytes(ok, new Uint8Array(32))
    assert.ok(!r.ok)
    assert.throws(() => decodeProof(steps(MAX_STEPS + 1)), (e: any) => isMalformed(e) && /4097 steps/.test(e.message))
    const t = fixedDeep()
    const bytes = encodeProof(allProofs(t).sort((a, b) => b.steps.length - a.steps.length)[0])
    for (let cut = 0; cut < bytes.length; cut++) assert.throws(() => decodeProof(bytes.subarray(0, cut)), isMalformed, `cut at ${cut}`)
    assert.throws(() => decodeProof(new Uint8Array([...bytes, 0])), (e: any) => isMalformed(e) && /1 trailing bytes/.test(e.message))
    for (const v of [0, 3, 0xff]) assert.throws(() => decodeProof(new Uint8Array([v, ...bytes.subarray(1)])), (e: any) => isMalformed(e) && /unknown version/.test(e.message))
  })
})
