// The probability axis: points are 256-bit unsigned integers in [0, 2^256),
// regions are half-open intervals [lo, hi) plus the condition outcomes a path
// of condition splits fixes. Values are bigint milli-units, never floats.
import { fail } from './errors.js'

export const SPACE_BITS = 256
export const SPACE = 1n << 256n
export const POINT_LENGTH = 32

/** One condition a region carries: the predicate (by hash) and the branch taken. */
export interface Condition {
  /** sha256 of the predicate's canonical encoding (see predicate.ts) */
  predicate: Uint8Array
  value: boolean
}

/** A region of the space: conditions (in path order) × [lo, hi). */
export interface Region {
  lo: bigint
  hi: bigint
  conditions: Condition[]
}

export function checkPoint (p: bigint, what = 'point'): void {
  if (typeof p !== 'bigint' || p < 0n || p >= SPACE) fail('BAD_REGION', `${what} is not in [0, 2^256)`)
}

// Points move between bigint and bytes as four big-endian u64 words through a
// DataView: about 3x faster than a hex string round trip, and both run per
// split on the tree's and the verifier's paths.
const U64 = (1n << 64n) - 1n

export function pointToBytes (p: bigint, out = new Uint8Array(POINT_LENGTH), offset = 0): Uint8Array {
  checkPoint(p)
  if (!Number.isInteger(offset) || offset < 0 || offset + POINT_LENGTH > out.length) throw new RangeError('point does not fit at this offset')
  const v = new DataView(out.buffer, out.byteOffset + offset, POINT_LENGTH)
  v.setBigUint64(0, p >> 192n)
  v.setBigUint64(8, (p >> 128n) & U64)
  v.setBigUint64(16, (p >> 64n) & U64)
  v.setBigUint64(24, p & U64)
  return out
}

export function pointFromBytes (b: Uint8Array, offset = 0): bigint {
  if (!Number.isInteger(offset) || offset < 0 || offset + POINT_LENGTH > b.length) throw new RangeError('a point needs 32 bytes at this offset')
  const v = new DataView(b.buffer, b.byteOffset + offset, POINT_LENGTH)
  return (v.getBigUint64(0) << 192n) | (v.getBigUint64(8) << 128n) | (v.getBigUint64(16) << 64n) | v.getBigUint64(24)
}

/**
 * The value of [lo, hi) in a chain worth V, rounded by the cumulative-floor
 * rule: value = floor(V·hi / 2^256) − floor(V·lo / 2^256). Each value is
 * within one unit of the exact V·(hi−lo)/2^256, and the values of any
 * partition of an interval sum exactly to the interval's value (the terms
 * telescope), so splits conserve value and a whole chain sums to V.
 */
export function regionValue (V: bigint, lo: bigint, hi: bigint): bigint {
  if (V < 0n) fail('BAD_INPUT', 'chain value must not be negative')
  if (lo < 0n || hi > SPACE || lo > hi) fail('BAD_REGION', 'interval must satisfy 0 <= lo <= hi <= 2^256')
  return ((V * hi) >> 256n) - ((V * lo) >> 256n)
}

/** The exact expected value V·(hi−lo)/2^256 as a numerator over 2^256. */
export function exactValueNumerator (V: bigint, lo: bigint, hi: bigint): bigint {
  return V * (hi - lo)
}

function sameBytes (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Whether two regions can share a point of the space: their intervals
 * intersect and no predicate is required true by one and false by the other.
 */
export function regionsOverlap (a: Region, b: Region): boolean {
  if (a.hi <= b.lo || b.hi <= a.lo) return false
  for (const ca of a.conditions) {
    for (const cb of b.conditions) {
      if (sameBytes(ca.predicate, cb.predicate) && ca.value !== cb.value) return false
    }
  }
  return true
}

/** Whether `point` lies in the region under a truth assignment. */
export function regionContains (r: Region, point: bigint, truth: (predicate: Uint8Array) => boolean): boolean {
  if (point < r.lo || point >= r.hi) return false
  return r.conditions.every(c => truth(c.predicate) === c.value)
}
