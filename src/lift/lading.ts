// Lading algebra (DESIGN §4): how much value one tally edge, and a path of
// them, can carry in a lift, and what it costs. Pure; integer units (bigint)
// and integer parts per million only.
//
// Rounding rule (stated once, used everywhere): compounding two rates rounds
// the product term half away from zero to the nearest ppm; a fee on an amount
// is rounded up (toward +infinity), so a charging party is never short-changed
// by rounding and a negative rate never pays out more than it states.
import { PPM } from '../tally/settings.js'
import type { Settings } from '../tally/settings.js'

export const MAX_PATH_EDGES = 10
const PPM_N = BigInt(PPM)

/** A tally seen as an edge giver → receiver: the direction value moves in a lift. */
export interface EdgeInput {
  tally: string
  giver: string
  receiver: string
  /** receiver's projected balance: good plus pending lift chits (positive: the giver owes the receiver) */
  receiverBalance: bigint
  /** receiver's trading variables (target, bound, reward) */
  receiverSettings: Pick<Settings, 'target' | 'bound' | 'reward'>
  /** giver's clutch, in ppm */
  giverClutch: number
}

export interface Lading {
  /** carried free of reward */
  min: bigint
  /** the most the path can carry */
  max: bigint
  /** ppm charged on the part above min */
  reward: number
  /** ppm charged on all of it */
  margin: number
}

export interface Edge extends Lading {
  tally: string
  giver: string
  receiver: string
}

export interface Path extends Lading {
  edges: Edge[]
}

export class LadingError extends Error {
  constructor (readonly code: 'LOOP' | 'TOO_LONG' | 'DISCONNECTED' | 'EMPTY', message: string) {
    super(message)
    this.name = 'LadingError'
  }
}

/** Capacity of one edge; undefined when the edge can carry nothing (max ≤ 0). */
export function edgeCapacity (e: EdgeInput): Edge | undefined {
  const { target: T, bound: B, reward: R } = e.receiverSettings
  const N = e.receiverBalance
  const max = (T > B ? T : B) - N
  if (max <= 0n) return undefined
  const free = T - N
  return {
    tally: e.tally,
    giver: e.giver,
    receiver: e.receiver,
    min: free > 0n ? free : 0n,
    max,
    reward: R,
    margin: e.giverClutch
  }
}

/** rate' = rate + mine·(1 − rate), in ppm, product rounded half away from zero. */
export function compoundRate (rate: number, mine: number): number {
  return rate + divRoundHalfAway(BigInt(mine) * (PPM_N - BigInt(rate)), PPM_N)
}

/** The fee `rate` ppm charges on `units`, rounded up. */
export function feeOn (units: bigint, rate: number): bigint {
  return divCeil(units * BigInt(rate), PPM_N)
}

/** A one-edge path. */
export function pathOf (edge: Edge): Path {
  return { min: edge.min, max: edge.max, reward: edge.reward, margin: edge.margin, edges: [edge] }
}

/**
 * Extends path P by edge e (e's giver must be P's last receiver). Only one
 * edge of a path may charge its reward: the one that sets the new min.
 */
export function extendPath (p: Path, e: Edge): Path {
  if (p.edges.length === 0) throw new LadingError('EMPTY', 'cannot extend an empty path')
  if (p.edges.length >= MAX_PATH_EDGES) throw new LadingError('TOO_LONG', `a path has at most ${MAX_PATH_EDGES} edges`)
  const last = p.edges[p.edges.length - 1]
  if (last.receiver !== e.giver) throw new LadingError('DISCONNECTED', `edge ${e.tally} does not start where the path ends`)
  if (p.edges.some(x => x.tally === e.tally)) throw new LadingError('LOOP', `tally ${e.tally} is already on the path`)
  const users = new Set(p.edges.map(x => x.giver))
  users.add(last.receiver)
  if (users.has(e.receiver)) throw new LadingError('LOOP', `user ${e.receiver} is already on the path`)
  return { ...joinLading(p, e), edges: [...p.edges, e] }
}

/**
 * The lading of `a` followed by `b` (two paths, or a path and an edge). Only
 * one part may charge its reward: the one that sets the new min.
 */
export function joinLading (a: Lading, b: Lading): Lading {
  const min = b.min < a.min ? b.min : a.min
  let max: bigint
  let reward: number
  if (b.min < a.min) {
    max = b.max < a.min ? b.max : a.min
    reward = b.reward
  } else {
    max = b.min < a.max ? b.min : a.max
    reward = a.reward
  }
  return { min, max, reward, margin: compoundRate(a.margin, b.margin) }
}

/** Folds edges into a path, left to right. */
export function ladePath (edges: Edge[]): Path {
  if (edges.length === 0) throw new LadingError('EMPTY', 'a path needs at least one edge')
  return edges.slice(1).reduce(extendPath, pathOf(edges[0]))
}

function divRoundHalfAway (n: bigint, d: bigint): number {
  const q = n / d
  const r = n % d
  const twice = (r < 0n ? -r : r) * 2n
  const adj = twice >= d ? (n < 0n ? -1n : 1n) : 0n
  return Number(q + adj)
}

function divCeil (n: bigint, d: bigint): bigint {
  const q = n / d
  return n % d > 0n ? q + 1n : q
}
