// Route discovery (DESIGN §5 "Discovery"), the pure part: the blinded payee
// token and per-session tally nonces, query validation, deadlines, and how
// hops are joined into routes and routes ranked. No I/O; the service
// (route-service.ts) and the protocol (net/route-network.ts) build on it.
import { CanonicalWriter } from '../crypto/canonical.js'
import { equalBytes } from '../crypto/bytes.js'
import { joinLading } from './lading.js'
import type { Lading } from './lading.js'
import { RouteError } from '../../protos/route.js'
import type { RouteQuery, Route, Hop, Lading as WireLading } from '../../protos/route.js'

export const TAG_ROUTE_TARGET = 'sortlift/v1/route-target'
export const TAG_TALLY_NONCE = 'sortlift/v1/tally-nonce'

export const SESSION_BYTES = 16
export const SALT_BYTES = 16
export const HANDLE_BYTES = 16
export const HASH_BYTES = 32
/** hop budget the originator gives a query */
export const DEFAULT_HOPS = 8
/** largest hop budget accepted, and most PeerIds in `visited` */
export const MAX_HOPS = 16
export const MAX_VISITED = 16
/** most queries a node forwards for one query it handles (largest capacity first) */
export const DEFAULT_FAN_OUT = 4
export const MAX_FAN_OUT = 16
/** most routes in one response */
export const MAX_ROUTES = 8
/** originator's default time to collect answers */
export const DEFAULT_TIMEOUT_MS = 3_000
/** a deadline further ahead than this is clamped to it */
export const MAX_DEADLINE_MS = 30_000
/** each hop forwards with a deadline this much earlier than its own */
export const HOP_MARGIN_MS = 200
/** a hop does not forward when less than this is left before the forwarded deadline */
export const MIN_FORWARD_MS = 50
/** largest route message, either way */
export const ROUTE_MAX_MESSAGE_BYTES = 64 * 1024
const MAX_PEER_ID_CHARS = 128
const PEER_ID = /^[1-9A-HJ-NP-Za-km-z]{40,64}$/
const I64_MAX = (1n << 63n) - 1n
const PPM = 1_000_000

/**
 * The lading of a hop or route, or `null` for one with no edges (the payee's
 * own node when the payee is the entry user): no limit and no charge, the
 * identity of `joinLading`.
 */
export type HopLading = Lading | null

/** The blinded payee: SHA-256 of (salt, address); only the payee's node can match it. */
export function targetToken (salt: Uint8Array, address: string): Uint8Array {
  return new CanonicalWriter(TAG_ROUTE_TARGET).bytes(salt).string(address).digest()
}

/** A tally as it appears in one session: SHA-256 of (tally id, session). */
export function tallyNonce (tallyId: Uint8Array, session: Uint8Array): Uint8Array {
  return new CanonicalWriter(TAG_TALLY_NONCE).bytes(tallyId).bytes(session).digest()
}

export interface QueryProblem {
  code: RouteError
  message: string
}

/**
 * Checks a query received from another node, in this order: shape
 * (MALFORMED), deadline (EXPIRED), hop budget (HOP_BUDGET_EXHAUSTED).
 * Undefined when it may be handled.
 */
export function validateQuery (q: RouteQuery, now: number): QueryProblem | undefined {
  const bad = (message: string): QueryProblem => ({ code: RouteError.MALFORMED, message })
  if (q.session.length !== SESSION_BYTES) return bad(`session must be ${SESSION_BYTES} bytes`)
  if (q.salt.length !== SALT_BYTES) return bad(`salt must be ${SALT_BYTES} bytes`)
  if (q.target.length !== HASH_BYTES) return bad(`target must be ${HASH_BYTES} bytes`)
  if (q.entry.length !== HASH_BYTES) return bad(`entry must be a ${HASH_BYTES}-byte tally nonce`)
  if (q.units <= 0n || q.units > I64_MAX) return bad('units must be a positive 64-bit integer')
  if (q.hopsLeft > MAX_HOPS) return bad(`hops_left must be at most ${MAX_HOPS}`)
  if (q.visited.length > MAX_VISITED) return bad(`at most ${MAX_VISITED} visited peers`)
  if (new Set(q.visited).size !== q.visited.length) return bad('visited repeats a peer')
  for (const p of q.visited) {
    if (p.length > MAX_PEER_ID_CHARS || !PEER_ID.test(p)) return bad('visited holds something that is not a PeerId')
  }
  if (q.deadline <= BigInt(now)) return { code: RouteError.EXPIRED, message: `deadline passed ${BigInt(now) - q.deadline} ms ago` }
  if (q.hopsLeft === 0) return { code: RouteError.HOP_BUDGET_EXHAUSTED, message: 'hops_left is 0' }
  return undefined
}

/** The deadline a node works to: the query's, clamped to MAX_DEADLINE_MS ahead. */
export function effectiveDeadline (deadline: bigint, now: number): number {
  const d = Number(deadline > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : deadline)
  return Math.min(d, now + MAX_DEADLINE_MS)
}

/**
 * How a node with deadline `deadline` forwards: the next hop gets `deadline`
 * (one margin earlier) and is waited for until `waitUntil` (half a margin
 * before this node's own deadline, leaving time to answer). Undefined when
 * too little time is left to forward.
 */
export function forwardTiming (deadline: number, now: number): { deadline: number, waitUntil: number } | undefined {
  const next = deadline - HOP_MARGIN_MS
  if (next - now < MIN_FORWARD_MS) return undefined
  return { deadline: next, waitUntil: deadline - HOP_MARGIN_MS / 2 }
}

/** `a` then `b`; an unbounded part (no edges) is the identity. */
export function joinHops (a: HopLading, b: HopLading): HopLading {
  if (a == null) return b
  if (b == null) return a
  return joinLading(a, b)
}

/** A route's lading: its hops' ladings joined in payer → payee order. */
export function routeLading (hops: HopLading[]): HopLading {
  return hops.reduce<HopLading>((acc, h) => joinHops(acc, h), null)
}

/** v1 lifts only within min: a route carries `units` when its min covers them. */
export function carries (lading: HopLading, units: bigint): boolean {
  return lading == null || lading.min >= units
}

export interface Ranked {
  /** nodes on the route (or edges in a segment) */
  length: number
  lading: HopLading
}

/**
 * Preference, best first: carries `units`, then fewer nodes, then larger
 * min, then larger max, then smaller margin, then smaller reward.
 */
export function compareRoutes (units: bigint): (a: Ranked, b: Ranked) => number {
  return (a, b) => {
    const ca = carries(a.lading, units)
    const cb = carries(b.lading, units)
    if (ca !== cb) return ca ? -1 : 1
    if (a.length !== b.length) return a.length - b.length
    const la = a.lading
    const lb = b.lading
    if (la == null || lb == null) return la == null ? (lb == null ? 0 : -1) : 1
    if (la.min !== lb.min) return la.min > lb.min ? -1 : 1
    if (la.max !== lb.max) return la.max > lb.max ? -1 : 1
    if (la.margin !== lb.margin) return la.margin - lb.margin
    return la.reward - lb.reward
  }
}

export function toWireLading (l: HopLading): WireLading {
  if (l == null) return { min: 0n, max: 0n, reward: 0, margin: 0, unbounded: true }
  return { min: l.min, max: l.max, reward: l.reward, margin: l.margin, unbounded: false }
}

export function fromWireLading (w: WireLading): HopLading {
  return w.unbounded ? null : { min: w.min, max: w.max, reward: w.reward, margin: w.margin }
}

/** A hop as the originator sees it. */
export interface RouteHop {
  peer: string
  handle: Uint8Array
  lading: HopLading
}

export interface FoundRoute {
  hops: RouteHop[]
  /** the hops' ladings joined */
  lading: HopLading
  /** true when the route carries the asked units (min ≥ units) */
  carries: boolean
}

/**
 * Checks a route returned by the next node: at most `maxHops` hops, the first
 * at `firstPeer`, distinct PeerIds none of which is in `exclude`, 16-byte
 * handles, sane ladings with only the last hop unbounded. Returns the hops, or
 * undefined when the route must be dropped.
 */
export function checkRoute (route: Route, firstPeer: string, maxHops: number, exclude: ReadonlySet<string>): RouteHop[] | undefined {
  const hops = route.hops
  if (hops.length === 0 || hops.length > maxHops) return undefined
  if (hops[0].peer !== firstPeer) return undefined
  const seen = new Set<string>()
  const out: RouteHop[] = []
  for (let i = 0; i < hops.length; i++) {
    const h: Hop = hops[i]
    // The last hop may be a node already on the path: a circuit coming back to its originator.
    const last = i === hops.length - 1
    if (h.peer.length > MAX_PEER_ID_CHARS || !PEER_ID.test(h.peer) || seen.has(h.peer) || (exclude.has(h.peer) && !last)) return undefined
    seen.add(h.peer)
    if (h.handle.length !== HANDLE_BYTES || h.lading == null) return undefined
    const l = fromWireLading(h.lading)
    if (l == null) {
      if (i !== hops.length - 1) return undefined
    } else if (l.min < 0n || l.max <= 0n || l.min > l.max || !isPpm(l.reward) || !isPpm(l.margin)) {
      return undefined
    }
    out.push({ peer: h.peer, handle: h.handle, lading: l })
  }
  return out
}

export function toWireRoute (hops: RouteHop[]): Route {
  return { hops: hops.map(h => ({ peer: h.peer, handle: h.handle as Uint8Array<ArrayBuffer>, lading: toWireLading(h.lading) })) }
}

/** Routes ranked best first for `units`, at most `max`. */
export function rankRoutes (routes: RouteHop[][], units: bigint, max = MAX_ROUTES): FoundRoute[] {
  return routes
    .map(hops => {
      const lading = routeLading(hops.map(h => h.lading))
      return { hops, lading, carries: carries(lading, units), length: hops.length }
    })
    .sort(compareRoutes(units))
    .slice(0, max)
    .map(({ hops, lading, carries }) => ({ hops, lading, carries }))
}

/** Does `token` name one of `addresses`? Returns the match. */
export function matchTarget (salt: Uint8Array, token: Uint8Array, addresses: Iterable<string>): string | undefined {
  for (const a of addresses) if (equalBytes(targetToken(salt, a), token)) return a
  return undefined
}

function isPpm (v: number): boolean {
  return Number.isInteger(v) && v >= -PPM && v <= PPM
}
