// Route discovery, the service (DESIGN §5 "Discovery"): answers route queries
// from neighbouring nodes and finds routes for local payers. It walks the
// node's tally graph, forwards through a RouteTransport (the domain never
// sees libp2p), and remembers, per handle it hands out, the segment of the
// route it stands for — in memory only, for a short while, for the lift
// commit to resolve.
import { TallyGraph } from './graph.js'
import type { GraphEdge, LocalPath } from './graph.js'
import { joinLading, MAX_PATH_EDGES } from './lading.js'
import type { Lading } from './lading.js'
import {
  DEFAULT_FAN_OUT, DEFAULT_HOPS, DEFAULT_TIMEOUT_MS, HANDLE_BYTES, MAX_DEADLINE_MS, MAX_FAN_OUT, MAX_HOPS, MAX_ROUTES, MAX_VISITED,
  SALT_BYTES, SESSION_BYTES, checkRoute, compareRoutes, effectiveDeadline, forwardTiming, matchTarget, rankRoutes,
  tallyNonce, targetToken, toWireRoute, validateQuery
} from './discovery.js'
import type { FoundRoute, HopLading, RouteHop } from './discovery.js'
import { RouteError } from '../../protos/route.js'
import type { RouteQuery, RouteResponse } from '../../protos/route.js'
import type { TallyRepository } from '../store/tally-repo.js'
import { halfKey } from '../store/tally-repo.js'
import type { TallyHalf } from '../tally/half.js'
import { certOf, otherSide } from '../tally/half.js'
import { formatAddress, parseAddress } from '../tally/address.js'
import { ErrorCode, TallyError } from '../tally/errors.js'
import type { UserService } from '../user/users.js'
import { equalBytes, fromHex, randomBytes, toHex } from '../crypto/bytes.js'

/** What the route service sees of the network (implemented by net/route-network.ts). */
export interface RouteTransport {
  readonly localPeer: string
  request (peer: string, query: RouteQuery, signal: AbortSignal): Promise<RouteResponse>
}

export interface RouteQueryHandler {
  handleRouteQuery (remotePeer: string, query: RouteQuery, signal: AbortSignal): Promise<RouteResponse>
}

/** One tally edge of a segment, named by the half this node holds for it. */
export interface SegmentEdge {
  /** the half held here: the giver's for local and exit edges, the receiver's for the entry edge */
  halfKey: string
  tallyId: string
  giver: string
  receiver: string
}

/**
 * What a handle stands for on the node that issued it: its part of one route.
 * Value enters at `start` (from `entry`, or the payer), moves along `edges`,
 * and leaves by `exit` (or stays with `payee`).
 */
export interface RouteSegment {
  /** hex of the 16-byte handle */
  handle: string
  /** hex of the session the handle belongs to */
  session: string
  units: bigint
  /** the user where value enters this node: the payer, or the receiver of the entry tally */
  start: string
  /** the cross-node tally the query arrived by (its receiver is `start`); absent at the payer's node */
  entry?: SegmentEdge & { peer: string }
  /** local edges in payer → payee order; empty when value passes through `start` alone */
  edges: SegmentEdge[]
  /** the cross-node edge to the next node on the route; absent at the payee's node */
  exit?: SegmentEdge & { peer: string }
  /** the payee's address, when the route ends on this node */
  payee?: string
  /** the lading this node announced for the segment (null: no edges) */
  lading: HopLading
  created: number
  expires: number
}

export interface FindRoutesInput {
  /** name of the local paying user */
  from: string
  /** payee address name@PeerId */
  to: string
  /** milli-units */
  units: bigint
  /**
   * A circuit: `to` is `from` itself, and the route leaves this node and
   * comes back to it (distributed clearing, DESIGN §5).
   */
  circular?: boolean
  /** hop budget (node-to-node hops), 1..16, default 8 */
  hops?: number
  /** queries forwarded per node, 1..16, default 4 */
  fanOut?: number
  /** time to collect answers, default 3000 ms */
  timeoutMs?: number
}

export interface FindRoutesResult {
  /** hex session id (the handles are valid within it) */
  session: string
  /** best first */
  routes: FoundRoute[]
  /** why no route carries the units (set when `routes` is empty or none carries) */
  reason?: string
}

export interface RouteServiceOptions {
  repo: TallyRepository
  users: UserService
  transport: RouteTransport
  now?: () => number
  /** how long a handle stays resolvable, default 60 s */
  segmentTtlMs?: number
  /** most remembered segments and seen queries, default 50 000 each */
  maxEntries?: number
  fanOut?: number
}

interface WalkInput {
  session: Uint8Array
  salt: Uint8Array
  target: Uint8Array
  units: bigint
  /** hops_left for forwarded queries; 0: do not forward */
  forwardHops: number
  /** PeerIds on the path so far, without this node */
  visited: string[]
  /** peers no route may go to next (visited, the sender, this node) */
  exclude: Set<string>
  deadline: number
  start: string
  entry?: SegmentEdge & { peer: string }
  fanOut: number
  signal?: AbortSignal
  /** the originator of a circuit: leave this node off the visited list so the query can return */
  circular?: boolean
}

interface WalkResult {
  routes: RouteHop[][]
  notes: Map<string, number>
}

interface Candidate {
  path: LocalPath
  exit: GraphEdge
  lading: Lading
}

/** exits to one peer asked per query (each enters that node at another user) */
const MAX_EXITS_PER_PEER = 8

const NOTE = {
  deadEnd: 'dead end',
  budget: 'hop budget spent',
  time: 'too little time left to forward',
  visitedFull: 'visited list full',
  noAnswer: 'no answer in time',
  unreachable: 'next node unreachable',
  badRoutes: 'next node returned unusable routes'
}

export class RouteService implements RouteQueryHandler {
  private readonly repo: TallyRepository
  private readonly users: UserService
  private readonly transport: RouteTransport
  private readonly now: () => number
  private readonly ttl: number
  private readonly maxEntries: number
  private readonly fanOut: number
  private readonly segments = new Map<string, RouteSegment>()
  /** (session, entry) pairs answered, with when to forget them */
  private readonly seen = new Map<string, number>()
  /** circuits this node is looking for: session → when the session ends */
  private readonly circuits = new Map<string, number>()
  /** queries handled and forwarded (a cheap metric) */
  readonly counters = { found: 0, handled: 0, forwarded: 0, rejected: 0 }

  constructor (opts: RouteServiceOptions) {
    this.repo = opts.repo
    this.users = opts.users
    this.transport = opts.transport
    this.now = opts.now ?? Date.now
    this.ttl = opts.segmentTtlMs ?? 60_000
    this.maxEntries = opts.maxEntries ?? 50_000
    this.fanOut = opts.fanOut ?? DEFAULT_FAN_OUT
  }

  get localPeer (): string {
    return this.transport.localPeer
  }

  /** How many segments and answered queries are held in memory. */
  get remembered (): { segments: number, seen: number } {
    return { segments: this.segments.size, seen: this.seen.size }
  }

  stop (): void {
    this.segments.clear()
    this.seen.clear()
  }

  /** The segment a handle this node issued stands for; undefined when unknown or expired. */
  resolveHandle (handle: Uint8Array | string): RouteSegment | undefined {
    const key = typeof handle === 'string' ? handle.toLowerCase() : toHex(handle)
    const s = this.segments.get(key)
    if (s == null) return undefined
    if (s.expires <= this.now()) {
      this.segments.delete(key)
      return undefined
    }
    return { ...s, edges: [...s.edges] }
  }

  /** Routes from a local user to any address, best first (DESIGN §5). */
  async findRoutes (input: FindRoutesInput): Promise<FindRoutesResult> {
    await this.users.get(input.from)
    const to = parseAddress(input.to)
    const payer = formatAddress(input.from, this.localPeer)
    const payee = formatAddress(to.name, to.peerId)
    const circular = input.circular === true
    if (circular !== (payee === payer)) throw new TallyError(ErrorCode.MALFORMED, circular ? 'a circuit ends where it starts' : 'payer and payee are the same user')
    if (input.units <= 0n || input.units > (1n << 63n) - 1n) throw new TallyError(ErrorCode.MALFORMED, 'units must be a positive 64-bit integer (milli-units)')
    const hops = bounded(input.hops ?? DEFAULT_HOPS, 1, MAX_HOPS, 'hops')
    const fanOut = bounded(input.fanOut ?? this.fanOut, 1, MAX_FAN_OUT, 'fanOut')
    const timeoutMs = bounded(input.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, MAX_DEADLINE_MS, 'timeoutMs')
    this.counters.found++
    this.prune(this.now())
    const session = randomBytes(SESSION_BYTES)
    const salt = randomBytes(SALT_BYTES)
    const now = this.now()
    const payeeHere = to.peerId === this.localPeer && !circular
    // A circuit must be able to come back here: this node stays off the visited list.
    if (circular) this.remember(this.circuits, toHex(session), now + timeoutMs + this.ttl)
    const { routes, notes } = await this.walk(await this.graph(), {
      session,
      salt,
      target: targetToken(salt, payee),
      units: input.units,
      // A payee on this node is reached by local edges only: the path cannot come back here.
      forwardHops: payeeHere ? 0 : hops,
      visited: [],
      exclude: new Set([this.localPeer]),
      deadline: now + timeoutMs,
      start: payer,
      fanOut,
      circular
    })
    if (circular) this.circuits.delete(toHex(session))
    const ranked = rankRoutes(routes, input.units, MAX_ROUTES)
    const result: FindRoutesResult = { session: toHex(session), routes: ranked }
    if (!ranked.some(r => r.carries)) {
      const why = ranked.length > 0
        ? `no route carries ${input.units} units within its min (best min ${ranked[0].lading?.min ?? 'unbounded'})`
        : payeeHere ? `no local path from ${input.from} to ${payee}` : `no route from ${input.from} to ${payee}`
      result.reason = notes.size > 0 && !payeeHere ? `${why}: ${formatNotes(notes)}` : why
    }
    return result
  }

  async handleRouteQuery (remotePeer: string, q: RouteQuery, signal: AbortSignal): Promise<RouteResponse> {
    const now = this.now()
    const problem = validateQuery(q, now)
    if (problem != null) return this.reject(problem.code, problem.message)
    const halves = await this.repo.list()
    const found = this.entryHalf(halves, q)
    if (found == null) return this.reject(RouteError.UNKNOWN_TALLY, 'no open tally here has that nonce in this session')
    const { half, partner } = found
    if (parseAddress(partner).peerId !== remotePeer) return this.reject(RouteError.NOT_COUNTERPARTY, 'the sender does not host the other half of the entry tally')
    if (q.visited.includes(this.localPeer)) return response(RouteError.OK, 'this node is already on the path')
    const key = toHex(q.session) + toHex(q.entry)
    this.prune(now)
    if (this.seen.has(key)) return response(RouteError.DUPLICATE, 'query already answered in this session')
    this.remember(this.seen, key, effectiveDeadline(q.deadline, now) + this.ttl)
    this.counters.handled++
    const start = certOf(half.record, half.side).address
    const graph = new TallyGraph(halves, this.localPeer)
    // A circuit this node is looking for has come back: it ends here or nowhere.
    const mine = this.circuits.has(toHex(q.session))
    const canForward = !mine && q.hopsLeft - 1 > 0 && q.visited.length < MAX_VISITED
    const { routes, notes } = await this.walk(graph, {
      session: q.session,
      salt: q.salt,
      target: q.target,
      units: q.units,
      forwardHops: canForward ? q.hopsLeft - 1 : 0,
      visited: q.visited,
      exclude: new Set([...q.visited, remotePeer, this.localPeer]),
      deadline: effectiveDeadline(q.deadline, now),
      start,
      entry: { halfKey: halfKey(half.record.id, half.side), tallyId: toHex(half.record.id), giver: partner, receiver: start, peer: remotePeer },
      fanOut: this.fanOut,
      signal
    })
    if (!canForward && q.visited.length >= MAX_VISITED) bump(notes, NOTE.visitedFull)
    const ranked = rankRoutes(routes, q.units, MAX_ROUTES)
    return {
      code: RouteError.OK,
      message: ranked.length === 0 ? formatNotes(notes) : '',
      routes: ranked.map(r => toWireRoute(r.hops))
    }
  }

  // ---------------------------------------------------------------- the walk

  /**
   * From `start`, along local paths: a route ends here if a reachable user is
   * the target; otherwise the query goes on over the best foreign edges out
   * of reachable users, and each route that comes back gets this node's hop
   * in front.
   */
  private async walk (graph: TallyGraph, w: WalkInput): Promise<WalkResult> {
    const notes = new Map<string, number>()
    // A hop is this node's local edges plus at most one cross-node edge.
    const paths = graph.localPaths(w.start, { maxEdges: MAX_PATH_EDGES - 1 })
    const rank = compareRoutes(w.units)
    const better = (a: { path: LocalPath, lading: HopLading }, b: { path: LocalPath, lading: HopLading }): boolean =>
      rank({ length: a.path.edges.length, lading: a.lading }, { length: b.path.edges.length, lading: b.lading }) < 0

    // The payee on this node?
    const ends = new Map<string, LocalPath>()
    for (const p of paths) {
      const best = ends.get(p.end)
      if (best == null || better({ path: p, lading: p.lading ?? null }, { path: best, lading: best.lading ?? null })) ends.set(p.end, p)
    }
    // (A circuit's originator is where it ends, not where it starts.)
    const payee = w.circular === true ? undefined : matchTarget(w.salt, w.target, ends.keys())
    if (payee != null) {
      const path = ends.get(payee) as LocalPath
      const lading = path.lading == null ? null : plainLading(path.lading)
      const handle = this.issue(w, path.edges, lading, { payee })
      return { routes: [[{ peer: this.localPeer, handle, lading }]], notes }
    }

    // Foreign edges out of reachable users, the best local path to each.
    const byExit = new Map<string, Candidate>()
    for (const p of paths) {
      for (const e of graph.foreignEdgesFrom(p.end)) {
        if (w.exclude.has(e.receiverPeer) || e.tallyId === w.entry?.tallyId) continue
        const lading = p.lading == null ? plainLading(e) : joinLading(p.lading, e)
        const c = { path: p, exit: e, lading }
        const best = byExit.get(e.tallyId)
        if (best == null || better(c, best)) byExit.set(e.tallyId, c)
      }
    }
    if (byExit.size === 0) {
      bump(notes, NOTE.deadEnd)
      return { routes: [], notes }
    }
    if (w.forwardHops <= 0) {
      bump(notes, NOTE.budget)
      return { routes: [], notes }
    }
    const timing = forwardTiming(w.deadline, this.now())
    if (timing == null) {
      bump(notes, NOTE.time)
      return { routes: [], notes }
    }
    // Only exits that can carry the units free of reward, when there are any (a
    // hopeless branch could reach a node first and use up its one answer to the
    // query); otherwise the best there are, so `route find` can say why. Largest
    // capacity first. The fan-out counts peers, not tallies: every exit to a
    // chosen peer is asked (up to MAX_EXITS_PER_PEER), because each tally enters
    // that node at a different user and only one of them may reach the payee.
    const all = [...byExit.values()]
    const capable = all.filter(c => c.lading.min >= w.units)
    const byPeer = new Map<string, Candidate[]>()
    for (const c of (capable.length > 0 ? capable : all)
      .sort((a, b) => a.lading.max > b.lading.max ? -1 : a.lading.max < b.lading.max ? 1 : a.path.edges.length - b.path.edges.length)) {
      const list = byPeer.get(c.exit.receiverPeer) ?? []
      if (list.length < MAX_EXITS_PER_PEER) list.push(c)
      byPeer.set(c.exit.receiverPeer, list)
    }
    const chosen = [...byPeer.values()].slice(0, w.fanOut).flat()
    const visited = w.circular === true ? [...w.visited] : [...w.visited, this.localPeer]
    const routes: RouteHop[][] = []
    await Promise.all(chosen.map(async c => {
      const next = c.exit.receiverPeer
      const query: RouteQuery = {
        session: w.session as Uint8Array<ArrayBuffer>,
        salt: w.salt as Uint8Array<ArrayBuffer>,
        target: w.target as Uint8Array<ArrayBuffer>,
        units: w.units,
        hopsLeft: w.forwardHops,
        deadline: BigInt(timing.deadline),
        visited,
        entry: tallyNonce(fromHex(c.exit.tallyId), w.session) as Uint8Array<ArrayBuffer>
      }
      const wait = Math.max(1, timing.waitUntil - this.now())
      const signal = w.signal == null ? AbortSignal.timeout(wait) : AbortSignal.any([AbortSignal.timeout(wait), w.signal])
      let res: RouteResponse
      this.counters.forwarded++
      try {
        res = await this.transport.request(next, query, signal)
      } catch (err: any) {
        bump(notes, err?.code === 'TIMEOUT' || signal.aborted ? NOTE.noAnswer : NOTE.unreachable)
        return
      }
      if (res.code !== RouteError.OK) {
        bump(notes, `answered ${res.code}`)
        return
      }
      const tails: RouteHop[][] = []
      for (const r of res.routes.slice(0, MAX_ROUTES)) {
        const hops = checkRoute(r, next, w.forwardHops, w.exclude)
        if (hops != null) tails.push(hops)
      }
      if (tails.length === 0) {
        if (res.routes.length > 0) bump(notes, NOTE.badRoutes)
        for (const n of splitNotes(res.message)) bump(notes, n)
        return
      }
      const exit = { halfKey: c.exit.halfKey, tallyId: c.exit.tallyId, giver: c.exit.giver, receiver: c.exit.receiver, peer: next }
      const handle = this.issue(w, c.path.edges, c.lading, { exit })
      const own: RouteHop = { peer: this.localPeer, handle, lading: c.lading }
      for (const t of tails) routes.push([own, ...t])
    }))
    return { routes, notes }
  }

  /** Remembers this node's segment of a route under a fresh handle. */
  private issue (w: WalkInput, edges: GraphEdge[], lading: HopLading, end: { exit?: RouteSegment['exit'], payee?: string }): Uint8Array {
    const handle = randomBytes(HANDLE_BYTES)
    const now = this.now()
    const segment: RouteSegment = {
      handle: toHex(handle),
      session: toHex(w.session),
      units: w.units,
      start: w.start,
      ...(w.entry != null ? { entry: w.entry } : {}),
      edges: edges.map(e => ({ halfKey: e.halfKey, tallyId: e.tallyId, giver: e.giver, receiver: e.receiver })),
      ...(end.exit != null ? { exit: end.exit } : {}),
      ...(end.payee != null ? { payee: end.payee } : {}),
      lading,
      created: now,
      expires: Math.max(w.deadline, now) + this.ttl
    }
    this.remember(this.segments, segment.handle, segment)
    return handle
  }

  // ---------------------------------------------------------------- helpers

  private async graph (): Promise<TallyGraph> {
    return new TallyGraph(await this.repo.list(), this.localPeer)
  }

  /** The open half held here whose tally has the query's entry nonce, and its partner's address. */
  private entryHalf (halves: TallyHalf[], q: RouteQuery): { half: TallyHalf, partner: string } | undefined {
    for (const h of halves) {
      if (h.state !== 'open') continue
      if (!equalBytes(tallyNonce(h.record.id, q.session), q.entry)) continue
      return { half: h, partner: certOf(h.record, otherSide(h.side)).address }
    }
    return undefined
  }

  private reject (code: RouteError, message: string): RouteResponse {
    this.counters.rejected++
    return response(code, message)
  }

  private remember<V> (map: Map<string, V>, key: string, value: V): void {
    map.set(key, value)
    if (map.size > this.maxEntries) {
      const oldest = map.keys().next()
      if (oldest.done !== true) map.delete(oldest.value)
    }
  }

  /** Forgets expired seen-queries and segments (oldest first, insertion order). */
  private prune (now: number): void {
    for (const [k, until] of this.seen) {
      if (until > now) break
      this.seen.delete(k)
    }
    for (const [k, s] of this.segments) {
      if (s.expires > now) break
      this.segments.delete(k)
    }
  }
}

function response (code: RouteError, message: string): RouteResponse {
  return { code, message, routes: [] }
}

/** Just the lading of an edge or path (no edges, so no addresses, travel on). */
function plainLading (e: Lading): Lading {
  return { min: e.min, max: e.max, reward: e.reward, margin: e.margin }
}

function bump (notes: Map<string, number>, note: string): void {
  notes.set(note, (notes.get(note) ?? 0) + 1)
}

/** "dead end ×2; hop budget spent" — at most 200 characters. */
function formatNotes (notes: Map<string, number>): string {
  const text = [...notes.entries()].sort(([a], [b]) => a < b ? -1 : 1).map(([n, c]) => c > 1 ? `${n} ×${c}` : n).join('; ')
  return text.length > 200 ? text.slice(0, 197) + '...' : text
}

function splitNotes (message: string): string[] {
  return message === '' ? [] : message.slice(0, 200).split('; ').map(n => n.replace(/ ×\d+$/, ''))
}

function bounded (v: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new TallyError(ErrorCode.MALFORMED, `${name} must be an integer in ${min}..${max}`)
  return v
}
