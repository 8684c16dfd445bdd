// Proofs of a leaf: the leaf plus, from the root down, each split and the
// sibling's hash. The verifier rebuilds the region from the splits and the
// root from the hashes. Every split partitions its parent, so a valid proof
// for a region is also a proof that nobody else holds any part of it under
// that root; the proof of an unassigned leaf shows its points are unassigned.
//
// Binary encoding (all integers big-endian):
//   u8  version = 1
//   leaf: u8 kind, then
//     0 unassigned: nothing
//     1 user:  public key 32, custody 32
//     2 child: chain id 32, custody 32            (no commitment yet)
//     3 child: chain id 32, custody 32, commitment 32
//   u16 step count (at most MAX_STEPS), then steps from the root down:
//     u8 header: 0 probability split, leaf on the left  [lo, p)
//                1 probability split, leaf on the right [p, hi)
//                2 condition split, leaf on the true branch (left)
//                3 condition split, leaf on the false branch (right)
//     header 0/1: point 32
//     header 2/3: u16 length, predicate (canonical encoding, predicate.ts)
//     sibling hash 32
//   nothing after the last step.
import { fail, SortitionError } from './errors.js'
import { SPACE, pointFromBytes, pointToBytes } from './space.js'
import type { Condition, Region } from './space.js'
import { decodePredicate, encodePredicate, predicateHash } from './predicate.js'
import type { Predicate } from './predicate.js'
import { checkLeaf, probHashInto, condHashInto, unassignedHashInto, userHashInto, childHashInto } from './hashing.js'
import type { Leaf } from './hashing.js'

export const PROOF_VERSION = 1
export const MAX_STEPS = 4096
const MAX_PREDICATE = 4096

export type ProofStep =
  | { kind: 'prob', point: bigint, side: 0 | 1, sibling: Uint8Array }
  | { kind: 'cond', predicate: Predicate, side: 0 | 1, sibling: Uint8Array }

export interface Proof { leaf: Leaf, steps: ProofStep[] }

export type Verified =
  | { ok: true, region: Region, leaf: Leaf }
  | { ok: false, reason: string }

export function encodeProof (proof: Proof): Uint8Array<ArrayBuffer> {
  checkLeaf(proof.leaf)
  if (proof.steps.length > MAX_STEPS) fail('BAD_INPUT', `a proof has at most ${MAX_STEPS} steps`)
  const parts: Uint8Array[] = [Uint8Array.of(PROOF_VERSION)]
  const l = proof.leaf
  if (l.owner.kind === 'unassigned') parts.push(Uint8Array.of(0))
  else if (l.owner.kind === 'user') parts.push(Uint8Array.of(1), l.owner.publicKey, (l as any).custody)
  else {
    const c: Uint8Array | undefined = (l as any).commitment
    parts.push(Uint8Array.of(c == null ? 2 : 3), l.owner.chainId, (l as any).custody)
    if (c != null) parts.push(c)
  }
  parts.push(Uint8Array.of(proof.steps.length >> 8, proof.steps.length & 0xff))
  for (const s of proof.steps) {
    if (!(s.sibling instanceof Uint8Array) || s.sibling.length !== 32) fail('BAD_INPUT', 'sibling hash must be 32 bytes')
    if (s.side !== 0 && s.side !== 1) fail('BAD_INPUT', 'side must be 0 or 1')
    if (s.kind === 'prob') {
      parts.push(Uint8Array.of(s.side), pointToBytes(s.point))
    } else {
      const p = encodePredicate(s.predicate)
      parts.push(Uint8Array.of(2 + s.side, p.length >> 8, p.length & 0xff), p)
    }
    parts.push(s.sibling)
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

interface Parsed {
  buf: Uint8Array
  leafKind: number
  leafOff: number
  /** per step: header, offset of its point or predicate, predicate length, offset of its sibling */
  header: Uint8Array
  valueOff: Int32Array
  valueLen: Int32Array
  siblingOff: Int32Array
  n: number
}

const LEAF_BYTES = [0, 64, 64, 96]

// The step tables parse fills. Decoding and verifying are synchronous and never
// re-enter parse, so one set serves every call: allocating four typed arrays
// per proof cost more than the checks they hold offsets for.
const SCRATCH = {
  header: new Uint8Array(MAX_STEPS),
  valueOff: new Int32Array(MAX_STEPS),
  valueLen: new Int32Array(MAX_STEPS),
  siblingOff: new Int32Array(MAX_STEPS)
}

/** Checks the whole layout and fills the step tables (valid until the next parse). */
function parse (buf: Uint8Array): Parsed {
  const bad = (m: string): never => fail('MALFORMED_PROOF', `proof: ${m}`)
  if (!(buf instanceof Uint8Array)) bad('not bytes')
  if (buf.length < 4) bad('truncated')
  if (buf[0] !== PROOF_VERSION) bad(`unknown version ${buf[0]}`)
  const leafKind = buf[1]
  if (leafKind > 3) bad(`unknown leaf kind ${leafKind}`)
  let o = 2 + LEAF_BYTES[leafKind]
  if (buf.length < o + 2) bad('truncated leaf')
  const n = (buf[o] << 8) | buf[o + 1]
  if (n > MAX_STEPS) bad(`${n} steps exceed ${MAX_STEPS}`)
  o += 2
  const { header, valueOff, valueLen, siblingOff } = SCRATCH
  const end = buf.length
  for (let i = 0; i < n; i++) {
    if (o >= end) bad(`truncated at step ${i}`)
    const h = buf[o++]
    let len = 32
    if (h > 1) {
      if (h > 3) bad(`step ${i}: unknown header ${h}`)
      if (o + 2 > end) bad(`truncated at step ${i}`)
      len = (buf[o] << 8) | buf[o + 1]
      o += 2
      if (len > MAX_PREDICATE) bad(`step ${i}: predicate too long`)
    }
    header[i] = h
    valueOff[i] = o
    valueLen[i] = len
    o += len
    siblingOff[i] = o
    o += 32
    if (o > end) bad(`truncated at step ${i}`)
  }
  if (o !== end) bad(`${end - o} trailing bytes`)
  return { buf, leafKind, leafOff: 2, header, valueOff, valueLen, siblingOff, n }
}

function leafOf (p: Parsed): Leaf {
  const b = p.buf
  const o = p.leafOff
  switch (p.leafKind) {
    case 0: return { owner: { kind: 'unassigned' } }
    case 1: return { owner: { kind: 'user', publicKey: b.slice(o, o + 32) }, custody: b.slice(o + 32, o + 64) }
    case 2: return { owner: { kind: 'child', chainId: b.slice(o, o + 32) }, custody: b.slice(o + 32, o + 64) }
    default: return { owner: { kind: 'child', chainId: b.slice(o, o + 32) }, custody: b.slice(o + 32, o + 64), commitment: b.slice(o + 64, o + 96) }
  }
}

function predicateAt (p: Parsed, i: number): Predicate {
  try {
    return decodePredicate(p.buf.subarray(p.valueOff[i], p.valueOff[i] + p.valueLen[i]))
  } catch (err: any) {
    if (err instanceof SortitionError) fail('MALFORMED_PROOF', `proof: step ${i}: ${err.message}`)
    throw err
  }
}

/** Decodes a proof; throws SortitionError MALFORMED_PROOF on malformed input. */
export function decodeProof (buf: Uint8Array): Proof {
  const p = parse(buf)
  const steps: ProofStep[] = []
  for (let i = 0; i < p.n; i++) {
    const sibling = buf.slice(p.siblingOff[i], p.siblingOff[i] + 32)
    if (p.header[i] < 2) steps.push({ kind: 'prob', point: pointFromBytes(buf, p.valueOff[i]), side: p.header[i] as 0 | 1, sibling })
    else steps.push({ kind: 'cond', predicate: predicateAt(p, i), side: (p.header[i] - 2) as 0 | 1, sibling })
  }
  return { leaf: leafOf(p), steps }
}

function cmp32 (a: Uint8Array, aOff: number, b: Uint8Array, bOff: number): number {
  for (let k = 0; k < 32; k++) {
    const d = a[aOff + k] - b[bOff + k]
    if (d !== 0) return d
  }
  return 0
}

function sameBytes (a: Uint8Array, aOff: number, b: Uint8Array, bOff: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a[aOff + k] !== b[bOff + k]) return false
  return true
}

/**
 * Verifies an encoded proof against a root: decodes it (throwing
 * MALFORMED_PROOF on malformed bytes), checks that each probability split's
 * point lies strictly inside the interval the splits above it leave and that
 * no predicate occurs twice on the path, and rebuilds the root from the leaf
 * and the sibling hashes. On success returns the leaf and its region.
 */
export function verifyProofBytes (buf: Uint8Array, root: Uint8Array): Verified {
  const p = parse(buf)
  const b = p.buf
  // region, top-down, on bytes: lo/hi are offsets into b, or -1 for 0 / 2^256
  let lo = -1
  let hi = -1
  const predHashes: Uint8Array[] = []
  const conditions: Condition[] = []
  for (let i = 0; i < p.n; i++) {
    if (p.header[i] < 2) {
      const at = p.valueOff[i]
      const aboveLo = lo < 0 ? !isZero(b, at) : cmp32(b, at, b, lo) > 0
      const belowHi = hi < 0 || cmp32(b, at, b, hi) < 0
      if (!aboveLo || !belowHi) return { ok: false, reason: `step ${i}: split point outside its interval` }
      if (p.header[i] === 0) hi = at
      else lo = at
    } else {
      const h = predicateHash(predicateAt(p, i))
      for (const q of predHashes) if (sameBytes(q, 0, h, 0, 32)) return { ok: false, reason: `step ${i}: predicate repeated on the path` }
      predHashes.push(h)
      conditions.push({ predicate: h, value: p.header[i] === 2 })
    }
  }
  // root, bottom-up
  const cur = new Uint8Array(32)
  const o = p.leafOff
  switch (p.leafKind) {
    case 0: unassignedHashInto(cur, 0); break
    case 1: userHashInto(b, o, o + 32, cur, 0); break
    case 2: childHashInto(b, o, o + 32, undefined, cur, 0); break
    default: childHashInto(b, o, o + 32, b.subarray(o + 64, o + 96), cur, 0)
  }
  for (let i = p.n - 1, c = conditions.length - 1; i >= 0; i--) {
    const h = p.header[i]
    const s = p.siblingOff[i]
    if (h === 0) probHashInto(b, p.valueOff[i], cur, 0, b, s, cur, 0)
    else if (h === 1) probHashInto(b, p.valueOff[i], b, s, cur, 0, cur, 0)
    else if (h === 2) condHashInto(conditions[c--].predicate, cur, 0, b, s, cur, 0)
    else condHashInto(conditions[c--].predicate, b, s, cur, 0, cur, 0)
  }
  if (root.length !== 32 || !sameBytes(cur, 0, root, 0, 32)) return { ok: false, reason: 'root mismatch' }
  return {
    ok: true,
    region: { lo: lo < 0 ? 0n : pointFromBytes(b, lo), hi: hi < 0 ? SPACE : pointFromBytes(b, hi), conditions },
    leaf: leafOf(p)
  }
}

function isZero (b: Uint8Array, o: number): boolean {
  for (let k = 0; k < 32; k++) if (b[o + k] !== 0) return false
  return true
}

export function verifyProof (proof: Proof, root: Uint8Array): Verified {
  return verifyProofBytes(encodeProof(proof), root)
}

/**
 * Non-existence: the proof verifies, its leaf is unassigned, and its region
 * contains `point` under the given condition outcomes.
 */
export function verifyUnassigned (buf: Uint8Array, root: Uint8Array, point: bigint, truth: (predicateHash: Uint8Array) => boolean): boolean {
  const v = verifyProofBytes(buf, root)
  return v.ok && v.leaf.owner.kind === 'unassigned' && point >= v.region.lo && point < v.region.hi &&
    v.region.conditions.every(c => truth(c.predicate) === c.value)
}
