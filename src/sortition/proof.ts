// Proofs of a leaf: the leaf plus, from the root down, each split and the
// sibling's hash. The verifier rebuilds the region from the splits and the
// root from the hashes. Every split partitions its parent, so a valid proof
// for a region is also a proof that nobody else holds any part of it under
// that root; the proof of an unassigned leaf shows its points are unassigned.
//
// Binary encoding, version 2 (what encodeProof writes; all integers big-endian):
//   u8  version = 2
//   leaf: u8 kind, then
//     0 unassigned: nothing
//     1 user:  public key 32, custody 32
//     2 child: chain id 32, custody 32            (no commitment yet)
//     3 child: chain id 32, custody 32, commitment 32
//   u16 step count n (at most MAX_STEPS)
//   step kinds: 2 bits a step, 4 a byte, the first step in the most
//     significant bits, ceil(n/4) bytes; unused low bits of the last byte 0.
//     0 probability split, leaf on the left  [lo, p)
//     1 probability split, leaf on the right [p, hi)
//     2 condition split, leaf on the true branch (left)
//     3 condition split, leaf on the false branch (right)
//   then per step, from the root down:
//     kind 0/1: the point's bytes from index m on (32 - m bytes), where m is
//               the number of whole leading bytes lo and hi - 1 share, [lo, hi)
//               the interval the probability splits above leave (the root's
//               is [0, 2^256)); the point's first m bytes are lo's. Every
//               point inside the interval has that prefix, so only a point
//               outside it has no encoding (encodeProof throws BAD_INPUT).
//     kind 2/3: u16 length, predicate: its canonical encoding (predicate.ts)
//               without the leading tag every predicate shares (35 bytes,
//               put back to decode; predicate hashes are unchanged)
//     sibling hash 32
//   nothing after the last step.
// (m = floor(k / 8), k the leading bits lo and hi - 1 share.) Deep steps have
// narrow intervals, so their points repeat long prefixes; packing the kinds
// saves 3 header bytes in 4; a condition step drops the 35-byte tag. On the
// 1,000,000-leaf bench: median 1,340 B and max 1,521 B (none over 1,536),
// against 1,368 and 1,569 in version 1. Where a point is outside
// its interval (the proof is invalid and the verifier rejects it at that
// step), decoding keeps the interval as it was for the steps below, so the
// layout of any bytes stays defined.
//
// Version 1 (still accepted: proofs in exported files and signed claims):
// the same leaf and step count, then per step a u8 header (the kind above),
// the whole point (32) or the u16-length predicate, and the sibling hash.
import { fail, SortitionError } from './errors.js'
import { SPACE, pointFromBytes, pointToBytes } from './space.js'
import type { Condition, Region } from './space.js'
import { decodePredicate, decodePredicateUntagged, encodePredicate, encodePredicateUntagged, predicateHash } from './predicate.js'
import type { Predicate } from './predicate.js'
import { checkLeaf, probHashInto, condHashInto, unassignedHashInto, userHashInto, childHashInto } from './hashing.js'
import type { Leaf } from './hashing.js'

export const PROOF_VERSION = 2
/** the first encoding: whole points and a byte per step header; decoded and verified, no longer written */
export const PROOF_VERSION_1 = 1
export const MAX_STEPS = 4096
const MAX_PREDICATE = 4096

export type ProofStep =
  | { kind: 'prob', point: bigint, side: 0 | 1, sibling: Uint8Array }
  | { kind: 'cond', predicate: Predicate, side: 0 | 1, sibling: Uint8Array }

export interface Proof { leaf: Leaf, steps: ProofStep[] }

export type Verified =
  | { ok: true, region: Region, leaf: Leaf }
  | { ok: false, reason: string }

const LEAF_BYTES = [0, 64, 64, 96]

/** the step kind (v1 header, v2 2-bit kind) of a step; checks side and sibling */
function kindOf (s: ProofStep): number {
  if (!(s.sibling instanceof Uint8Array) || s.sibling.length !== 32) fail('BAD_INPUT', 'sibling hash must be 32 bytes')
  if (s.side !== 0 && s.side !== 1) fail('BAD_INPUT', 'side must be 0 or 1')
  if (s.kind === 'prob') return s.side
  if (s.kind === 'cond') return 2 + s.side
  return fail('BAD_INPUT', 'unknown step kind')
}

function leafKindOf (l: Leaf): number {
  if (l.owner.kind === 'unassigned') return 0
  if (l.owner.kind === 'user') return 1
  return (l as any).commitment == null ? 2 : 3
}

/** writes version, leaf and step count at 0; returns the offset after them */
function writeHead (out: Uint8Array, version: number, l: Leaf, n: number): number {
  out[0] = version
  const kind = leafKindOf(l)
  out[1] = kind
  if (kind === 1) { out.set((l.owner as any).publicKey, 2); out.set((l as any).custody, 34) }
  if (kind >= 2) { out.set((l.owner as any).chainId, 2); out.set((l as any).custody, 34) }
  if (kind === 3) out.set((l as any).commitment, 66)
  const o = 2 + LEAF_BYTES[kind]
  out[o] = n >> 8
  out[o + 1] = n & 0xff
  return o + 2
}

function checkHead (proof: Proof): void {
  checkLeaf(proof.leaf)
  if (!Array.isArray(proof.steps)) fail('BAD_INPUT', 'steps must be an array')
  if (proof.steps.length > MAX_STEPS) fail('BAD_INPUT', `a proof has at most ${MAX_STEPS} steps`)
}

/**
 * How many leading bytes every point of [lo, hi) shares with lo: the leading
 * bytes on which lo and hi - 1 agree. lo and hi are offsets of 32-byte points
 * in `pts`, or -1 for 0 and 2^256; the interval must not be empty.
 */
function sharedBytes (pts: Uint8Array, lo: number, hi: number): number {
  // hi - 1 is hi with its last nonzero byte t decremented and 0xff after it
  let t = 31
  if (hi >= 0) while (t > 0 && pts[hi + t] === 0) t--
  for (let j = 0; j < 32; j++) {
    const l = lo < 0 ? 0 : pts[lo + j]
    const h = hi < 0 || j > t ? 0xff : j < t ? pts[hi + j] : pts[hi + j] - 1
    if (l !== h) return j
  }
  return 32
}

/** Encodes a proof as version 2. Throws BAD_INPUT for a malformed proof or a point outside its interval. */
export function encodeProof (proof: Proof): Uint8Array<ArrayBuffer> {
  checkHead(proof)
  const steps = proof.steps
  const n = steps.length
  // the points as bytes: the interval bounds the prefixes are taken from
  const pts = new Uint8Array(32 * n)
  const kinds = new Uint8Array(n)
  const shared = new Uint8Array(n)
  const preds: Array<Uint8Array | undefined> = new Array(n)
  let lo = 0n
  let hi = SPACE
  let loAt = -1
  let hiAt = -1
  let size = 2 + LEAF_BYTES[leafKindOf(proof.leaf)] + 2 + ((n + 3) >> 2)
  for (let i = 0; i < n; i++) {
    const s = steps[i]
    const k = kindOf(s)
    kinds[i] = k
    if (s.kind === 'prob') {
      pointToBytes(s.point, pts, 32 * i)
      if (!(s.point > lo && s.point < hi)) fail('BAD_INPUT', `step ${i}: split point outside its interval`)
      const m = sharedBytes(pts, loAt, hiAt)
      shared[i] = m
      size += 32 - m + 32
      if (k === 0) { hi = s.point; hiAt = 32 * i } else { lo = s.point; loAt = 32 * i }
    } else {
      const p = encodePredicateUntagged(s.predicate)
      preds[i] = p
      size += 2 + p.length + 32
    }
  }
  const out = new Uint8Array(size)
  let o = writeHead(out, PROOF_VERSION, proof.leaf, n)
  for (let i = 0; i < n; i++) out[o + (i >> 2)] |= kinds[i] << (6 - 2 * (i & 3))
  o += (n + 3) >> 2
  for (let i = 0; i < n; i++) {
    const p = preds[i]
    if (p == null) {
      const m = shared[i]
      out.set(pts.subarray(32 * i + m, 32 * i + 32), o)
      o += 32 - m
    } else {
      out[o] = p.length >> 8
      out[o + 1] = p.length & 0xff
      out.set(p, o + 2)
      o += 2 + p.length
    }
    out.set(steps[i].sibling, o)
    o += 32
  }
  return out
}

/**
 * Encodes a proof as version 1, which carries any point, inside its interval
 * or not. Nodes write version 2; this serves verifyProof (which judges any
 * Proof object) and tests of the version 1 decoder.
 */
export function encodeProofV1 (proof: Proof): Uint8Array<ArrayBuffer> {
  checkHead(proof)
  const steps = proof.steps
  const n = steps.length
  const preds: Array<Uint8Array | undefined> = steps.map(s => { kindOf(s); return s.kind === 'cond' ? encodePredicate(s.predicate) : undefined })
  let size = 2 + LEAF_BYTES[leafKindOf(proof.leaf)] + 2
  for (const p of preds) size += 1 + (p == null ? 32 : 2 + p.length) + 32
  const out = new Uint8Array(size)
  let o = writeHead(out, PROOF_VERSION_1, proof.leaf, n)
  for (let i = 0; i < n; i++) {
    const s = steps[i]
    const p = preds[i]
    if (s.kind === 'prob') {
      out[o] = s.side
      pointToBytes(s.point, out, o + 1)
      o += 33
    } else {
      out[o] = 2 + s.side
      out[o + 1] = p!.length >> 8
      out[o + 2] = p!.length & 0xff
      out.set(p!, o + 3)
      o += 3 + p!.length
    }
    out.set(s.sibling, o)
    o += 32
  }
  return out
}

interface Parsed {
  buf: Uint8Array
  leafKind: number
  leafOff: number
  /** per step: kind (v1 header), offset of its point in `pts` or of its predicate in `buf`, predicate length, offset of its sibling in `buf` */
  header: Uint8Array
  valueOff: Int32Array
  valueLen: Int32Array
  siblingOff: Int32Array
  /** where the points are: `buf` for version 1, the scratch area v2 rebuilds them in */
  pts: Uint8Array
  version: number
  n: number
  /** the first probability step whose point is not strictly inside its interval, or -1 */
  outside: number
  /** the interval the probability splits leave: offsets into `pts`, or -1 for 0 / 2^256 */
  lo: number
  hi: number
}

// parseSteps1/2 leave the interval and the first stray point here
const INTERVAL = { lo: -1, hi: -1, outside: -1 }

// The step tables parse fills. Decoding and verifying are synchronous and never
// re-enter parse, so one set serves every call: allocating four typed arrays
// per proof cost more than the checks they hold offsets for. Version 2 points
// are rebuilt (prefix from lo, suffix from the bytes) into `points`.
const SCRATCH = {
  header: new Uint8Array(MAX_STEPS),
  valueOff: new Int32Array(MAX_STEPS),
  valueLen: new Int32Array(MAX_STEPS),
  siblingOff: new Int32Array(MAX_STEPS),
  points: new Uint8Array(32 * MAX_STEPS)
}

const bad = (m: string): never => fail('MALFORMED_PROOF', `proof: ${m}`)

/** Checks the whole layout and fills the step tables (valid until the next parse). */
function parse (buf: Uint8Array): Parsed {
  if (!(buf instanceof Uint8Array)) bad('not bytes')
  if (buf.length < 4) bad('truncated')
  const version = buf[0]
  if (version !== PROOF_VERSION && version !== PROOF_VERSION_1) bad(`unknown version ${version} (known: 1, 2)`)
  const leafKind = buf[1]
  if (leafKind > 3) bad(`unknown leaf kind ${leafKind}`)
  let o = 2 + LEAF_BYTES[leafKind]
  if (buf.length < o + 2) bad('truncated leaf')
  const n = (buf[o] << 8) | buf[o + 1]
  if (n > MAX_STEPS) bad(`${n} steps exceed ${MAX_STEPS}`)
  o += 2
  const end = version === PROOF_VERSION ? parseSteps2(buf, o, n) : parseSteps1(buf, o, n)
  if (end !== buf.length) bad(`${buf.length - end} trailing bytes`)
  const { header, valueOff, valueLen, siblingOff, points } = SCRATCH
  const { lo, hi, outside } = INTERVAL
  return { buf, leafKind, leafOff: 2, header, valueOff, valueLen, siblingOff, pts: version === PROOF_VERSION ? points : buf, version, n, outside, lo, hi }
}

/** a condition step's u16 length and predicate at o: records them, returns the offset after */
function predicateStep (buf: Uint8Array, o: number, i: number): number {
  if (o + 2 > buf.length) bad(`truncated at step ${i}`)
  const len = (buf[o] << 8) | buf[o + 1]
  if (len > MAX_PREDICATE) bad(`step ${i}: predicate too long`)
  SCRATCH.valueOff[i] = o + 2
  SCRATCH.valueLen[i] = len
  return o + 2 + len
}

/** version 1 steps from o; returns the offset after the last */
function parseSteps1 (buf: Uint8Array, o: number, n: number): number {
  const { header, valueOff, valueLen, siblingOff } = SCRATCH
  const end = buf.length
  let lo = -1
  let hi = -1
  let outside = -1
  for (let i = 0; i < n; i++) {
    if (o >= end) bad(`truncated at step ${i}`)
    const h = buf[o++]
    if (h > 3) bad(`step ${i}: unknown header ${h}`)
    header[i] = h
    if (h < 2) {
      valueOff[i] = o
      valueLen[i] = 32
      if (o + 32 > end) bad(`truncated at step ${i}`)
      if (!inside(buf, o, lo, hi)) { if (outside < 0) outside = i } else if (h === 0) hi = o
      else lo = o
      o += 32
    } else {
      o = predicateStep(buf, o, i)
    }
    siblingOff[i] = o
    o += 32
    if (o > end) bad(`truncated at step ${i}`)
  }
  INTERVAL.lo = lo
  INTERVAL.hi = hi
  INTERVAL.outside = outside
  return o
}

/** version 2 kinds and steps from o; rebuilds the points into SCRATCH.points; returns the offset after the last step */
function parseSteps2 (buf: Uint8Array, o: number, n: number): number {
  const { header, valueOff, valueLen, siblingOff, points: pts } = SCRATCH
  const end = buf.length
  const kindBytes = (n + 3) >> 2
  if (o + kindBytes > end) bad('truncated step kinds')
  const kindsAt = o
  if ((n & 3) !== 0 && (buf[o + kindBytes - 1] & ((1 << (8 - 2 * (n & 3))) - 1)) !== 0) bad('nonzero padding bits after the step kinds')
  o += kindBytes
  // the interval so far, as offsets into pts (-1: 0 and 2^256)
  let lo = -1
  let hi = -1
  let outside = -1
  for (let i = 0; i < n; i++) {
    const h = (buf[kindsAt + (i >> 2)] >> (6 - 2 * (i & 3))) & 3
    header[i] = h
    if (h < 2) {
      const m = sharedBytes(pts, lo, hi)
      if (o + 32 - m > end) bad(`truncated at step ${i}`)
      const at = 32 * i
      for (let j = 0; j < m; j++) pts[at + j] = lo < 0 ? 0 : pts[lo + j]
      for (let j = m; j < 32; j++) pts[at + j] = buf[o++]
      valueOff[i] = at
      valueLen[i] = 32
      // a point outside the interval leaves it as it was (verification rejects the proof at the first)
      if (!inside(pts, at, lo, hi)) { if (outside < 0) outside = i } else if (h === 0) hi = at
      else lo = at
    } else {
      o = predicateStep(buf, o, i)
    }
    siblingOff[i] = o
    o += 32
    if (o > end) bad(`truncated at step ${i}`)
  }
  INTERVAL.lo = lo
  INTERVAL.hi = hi
  INTERVAL.outside = outside
  return o
}

/** lo < the point at `at` < hi; lo and hi are offsets into the same bytes, or -1 for 0 and 2^256 */
function inside (b: Uint8Array, at: number, lo: number, hi: number): boolean {
  const aboveLo = lo < 0 ? !isZero(b, at) : cmp32(b, at, b, lo) > 0
  return aboveLo && (hi < 0 || cmp32(b, at, b, hi) < 0)
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
    const bytes = p.buf.subarray(p.valueOff[i], p.valueOff[i] + p.valueLen[i])
    return p.version === PROOF_VERSION ? decodePredicateUntagged(bytes) : decodePredicate(bytes)
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
    if (p.header[i] < 2) steps.push({ kind: 'prob', point: pointFromBytes(p.pts, p.valueOff[i]), side: p.header[i] as 0 | 1, sibling })
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
  const pts = p.pts
  // region, top-down: parse has checked the points against their intervals
  const { lo, hi } = p
  const predHashes: Uint8Array[] = []
  const conditions: Condition[] = []
  for (let i = 0; i < p.n; i++) {
    if (i === p.outside) return { ok: false, reason: `step ${i}: split point outside its interval` }
    if (p.header[i] >= 2) {
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
    if (h === 0) probHashInto(pts, p.valueOff[i], cur, 0, b, s, cur, 0)
    else if (h === 1) probHashInto(pts, p.valueOff[i], b, s, cur, 0, cur, 0)
    else if (h === 2) condHashInto(conditions[c--].predicate, cur, 0, b, s, cur, 0)
    else condHashInto(conditions[c--].predicate, b, s, cur, 0, cur, 0)
  }
  if (root.length !== 32 || !sameBytes(cur, 0, root, 0, 32)) return { ok: false, reason: 'root mismatch' }
  return {
    ok: true,
    region: { lo: lo < 0 ? 0n : pointFromBytes(pts, lo), hi: hi < 0 ? SPACE : pointFromBytes(pts, hi), conditions },
    leaf: leafOf(p)
  }
}

function isZero (b: Uint8Array, o: number): boolean {
  for (let k = 0; k < 32; k++) if (b[o + k] !== 0) return false
  return true
}

/** Verifies a Proof object (as version 1 bytes: a point outside its interval is then rejected, not refused by the encoder). */
export function verifyProof (proof: Proof, root: Uint8Array): Verified {
  return verifyProofBytes(encodeProofV1(proof), root)
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
