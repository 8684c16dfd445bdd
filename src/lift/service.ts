// The lift application service: payments along paths of tallies and clearing
// of circuits (DESIGN §5). A lift inside one node commits in one atomic batch:
// every leg's lift chit, on both halves of each tally, and the lift record.
// Rules live in graph.ts, lading.ts and record.ts; this file sequences them
// with storage and the tally service's locks.
import { ChitType, ErrorCode, Side } from '../../protos/tally.js'
import type { Chit } from '../../protos/tally.js'
import { TallyError, reject } from '../tally/errors.js'
import { otherSide } from '../tally/half.js'
import type { TallyHalf } from '../tally/half.js'
import { chitSigningBytes } from '../tally/encoding.js'
import { formatAddress, parseAddress } from '../tally/address.js'
import type { TallyService, PayResult } from '../tally/service.js'
import type { LiftChitGate } from '../tally/transport.js'
import type { TallyRepository } from '../store/tally-repo.js'
import { halfKey } from '../store/tally-repo.js'
import type { LiftRepository } from '../store/lift-repo.js'
import type { BatchOp } from '../store/db.js'
import type { UserService } from '../user/users.js'
import { randomBytes, toHex, fromBase64, normaliseHexId } from '../crypto/bytes.js'
import { TallyGraph } from './graph.js'
import type { GraphEdge } from './graph.js'
import { LiftError } from './errors.js'
import { liftView, release, giverSideOf } from './record.js'
import { applyGood, assertNoTallyError } from './apply.js'
import type { LiftCommit } from './commit.js'
import type { LiftRecord, LiftLeg, LiftView } from './record.js'

export interface ClearingOptions {
  /** run local clearing this often (ms); 0 turns it off */
  intervalMs: number
  /** smallest circuit worth clearing, in milli-units */
  min: bigint
}

export const DEFAULT_CLEARING: ClearingOptions = { intervalMs: 60_000, min: 1000n }
/** Most clearing lifts one pass makes, so a pass always ends. */
const MAX_CLEARING_LIFTS = 100

/** What the lift service needs of route discovery (implemented by RouteService). */
export interface RouteFinder {
  findRoutes (input: { from: string, to: string, units: bigint, circular?: boolean }): Promise<{
    routes: Array<{ hops: Array<{ peer: string, handle: Uint8Array }>, carries: boolean, lading: { min: bigint } | null }>
    reason?: string
  }>
}

export interface LiftServiceOptions {
  /** the distributed commit engine (lifts across nodes) */
  commit?: LiftCommit
  /** route discovery (lifts across nodes) */
  routes?: RouteFinder
  users: UserService
  repo: TallyRepository
  lifts: LiftRepository
  tallies: TallyService
  localPeer: string
  clearing?: Partial<ClearingOptions>
  now?: () => number
  log?: (msg: string) => void
}

export type PayOutcome =
  | ({ route: 'direct' } & PayResult)
  | ({ route: 'lift' } & LiftView)

export class LiftService implements LiftChitGate {
  private readonly users: UserService
  private readonly repo: TallyRepository
  private readonly lifts: LiftRepository
  private readonly tallies: TallyService
  private readonly localPeer: string
  private readonly now: () => number
  private readonly log?: (msg: string) => void
  readonly clearing: ClearingOptions
  readonly commit?: LiftCommit
  private routes?: RouteFinder
  private timer?: NodeJS.Timeout
  private clearingRun?: Promise<unknown>
  /** automatic clearing passes completed (for status and tests) */
  clearingPasses = 0

  constructor (opts: LiftServiceOptions) {
    this.users = opts.users
    this.commit = opts.commit
    this.routes = opts.routes
    this.repo = opts.repo
    this.lifts = opts.lifts
    this.tallies = opts.tallies
    this.localPeer = opts.localPeer
    this.now = opts.now ?? Date.now
    this.log = opts.log
    this.clearing = { ...DEFAULT_CLEARING, ...definedOnly(opts.clearing ?? {}) }
  }

  async start (): Promise<void> {
    this.tallies.setLiftGate(this)
    this.commit?.start()
    if (this.clearing.intervalMs > 0) {
      this.timer = setInterval(() => { void this.autoClear() }, this.clearing.intervalMs)
      this.timer.unref()
    }
  }

  async stop (): Promise<void> {
    if (this.timer != null) clearInterval(this.timer)
    await this.clearingRun
    await this.commit?.stop()
  }

  // ---------------------------------------------------------------- commands

  /**
   * Pays `to` from local user `from`: a direct chit when a tally joins them,
   * otherwise a lift along a path of tallies.
   */
  async pay (input: { from: string, to: string, units: bigint, memo?: string, reference?: string }): Promise<PayOutcome> {
    try {
      return { route: 'direct', ...await this.tallies.pay(input) }
    } catch (err) {
      if (!(err instanceof TallyError) || err.code !== ErrorCode.UNKNOWN_TALLY) throw err
    }
    const payer = formatAddress((await this.users.get(input.from)).name, this.localPeer)
    const payee = parseAddress(input.to)
    if (payee.peerId !== this.localPeer) return { route: 'lift', ...await this.payRemote(payer, input) }
    if (await this.users.find(payee.name) == null) reject(ErrorCode.UNKNOWN_USER, `no user ${payee.name} on this node`)
    return { route: 'lift', ...await this.payLocal(payer, input.to, input.units, input.memo ?? '', input.reference ?? '') }
  }

  /** Route discovery, once the node has started it. */
  setRouteFinder (routes: RouteFinder): void {
    this.routes = routes
  }

  /** A payment to a user of another node: discovery, then a distributed lift this node referees. */
  private async payRemote (payer: string, input: { from: string, to: string, units: bigint, memo?: string, reference?: string }): Promise<LiftView> {
    if (this.routes == null || this.commit == null) throw new LiftError('NO_ROUTE', 'this node does not take part in lifts across nodes')
    const found = await this.routes.findRoutes({ from: input.from, to: input.to, units: input.units })
    const route = found.routes.find(r => r.carries)
    if (route == null) {
      const why = found.reason ?? (found.routes.length === 0 ? 'no route found' : 'no route carries the amount')
      throw new LiftError(found.routes.length === 0 ? 'NO_ROUTE' : 'NO_CAPACITY', `cannot pay ${input.units} to ${input.to}: ${why}`)
    }
    const lift = await this.commit.originate({ hops: route.hops }, { payer, payee: input.to, units: input.units, memo: input.memo ?? '', reference: input.reference ?? '' })
    return liftView(lift)
  }

  /** A payment between two users of this node along a path of its tallies. */
  private async payLocal (payer: string, payee: string, units: bigint, memo: string, reference: string): Promise<LiftView> {
    const graph = new TallyGraph(await this.repo.list(), this.localPeer)
    const paths = graph.localPaths(payer).filter(p => p.end === payee && p.lading != null)
    if (paths.length === 0) throw new LiftError('NO_ROUTE', `no path of open tallies with capacity leads from ${payer} to ${payee}`)
    const path = paths.find(p => p.lading!.min >= units)
    if (path == null) {
      const best = paths.reduce((a, p) => p.lading!.min > a ? p.lading!.min : a, 0n)
      throw new LiftError('NO_CAPACITY', `the paths from ${payer} to ${payee} carry at most ${best} (free of reward), less than ${units}`)
    }
    const lift = await this.runLocal(path.edges, units, { payer, payee, memo, reference, clearing: false })
    return liftView(lift)
  }

  /**
   * Clears circuits among this node's tallies: each becomes a local lift of
   * the circuit's reward-free capacity, if at least `min`.
   */
  async clear (opts: { min?: bigint } = {}): Promise<LiftView[]> {
    const min = opts.min ?? this.clearing.min
    if (min <= 0n) throw new LiftError('BAD_REQUEST', 'min must be a positive number of milli-units')
    const done: LiftView[] = []
    const stale = new Set<string>()
    while (done.length < MAX_CLEARING_LIFTS) {
      const graph = new TallyGraph(await this.repo.list(), this.localPeer)
      const starts = [...new Set((await this.repo.list()).map(h => formatAddress(h.user, this.localPeer)))].sort()
      let best: { edges: GraphEdge[], units: bigint } | undefined
      for (const user of starts) {
        for (const c of graph.localCircuits(user)) {
          const key = c.edges.map(e => e.tally).join()
          if (c.lading.min >= min && !stale.has(key) && (best == null || c.lading.min > best.units)) best = { edges: c.edges, units: c.lading.min }
        }
      }
      if (best == null) break
      try {
        const start = best.edges[0].giver
        done.push(liftView(await this.runLocal(best.edges, best.units, { payer: start, payee: start, memo: 'clearing', reference: '', clearing: true })))
      } catch (err) {
        // A circuit changed under us (a payment raced it): skip it this pass.
        if (!(err instanceof LiftError) && !(err instanceof TallyError)) throw err
        stale.add(best.edges.map(e => e.tally).join())
      }
    }
    if (this.routes != null && this.commit != null) done.push(...await this.clearAcross(min, MAX_CLEARING_LIFTS - done.length))
    return done
  }

  /**
   * Distributed clearing: for each local user with tallies to other nodes, a
   * circuit that leaves this node and comes back to that user, cleared by a
   * lift this node referees. One circuit per user per pass.
   */
  private async clearAcross (min: bigint, most: number): Promise<LiftView[]> {
    const done: LiftView[] = []
    const graph = new TallyGraph(await this.repo.list(), this.localPeer)
    const names = [...new Set((await this.repo.list()).map(h => h.user))].sort()
    for (const name of names) {
      if (done.length >= most) break
      const address = formatAddress(name, this.localPeer)
      if (graph.foreignEdgesFrom(address).length === 0) continue
      const found = await this.routes!.findRoutes({ from: name, to: address, units: min, circular: true }).catch(() => undefined)
      const route = found?.routes.find(r => r.carries && r.lading != null)
      if (route == null) continue
      try {
        const lift = await this.commit!.originate({ hops: route.hops }, { payer: address, payee: address, units: route.lading!.min, memo: 'clearing', reference: '', clearing: true })
        done.push(liftView(lift))
      } catch (err) {
        // Capacity moved since discovery: try again next pass.
        if (!(err instanceof LiftError)) throw err
        this.log?.(`clearing through other nodes from ${name}: ${err.message}`)
      }
    }
    return done
  }

  async list (): Promise<LiftView[]> {
    return (await this.lifts.list()).map(liftView)
  }

  async show (id: string): Promise<LiftView> {
    const lift = await this.lifts.get(normaliseId(id))
    if (lift == null) throw new LiftError('UNKNOWN_LIFT', `no lift ${id} on this node`)
    return liftView(lift)
  }

  // ---------------------------------------------------------------- local lifts

  /**
   * Commits a lift whose legs are all tallies between users of this node: one
   * lift chit per leg, signed by the giver, placed on both halves, with the
   * lift record, in one batch.
   */
  private async runLocal (edges: GraphEdge[], units: bigint, what: { payer: string, payee: string, memo: string, reference: string, clearing: boolean }): Promise<LiftRecord> {
    if (edges.some(e => !e.local)) throw new LiftError('INTERNAL', 'a local lift runs over local tallies only')
    const liftId = randomBytes(16)
    const keys = edges.flatMap(e => [e.halfKey, receiverKeyOf(e)])
    const dirty: string[] = []
    const lift = await this.tallies.withHalves(keys, async () => {
      const halves = new Map<string, TallyHalf>()
      for (const k of keys) {
        const h = await this.repo.getByKey(k)
        if (h == null) throw new LiftError('NO_CAPACITY', `tally half ${k} is gone`)
        halves.set(k, h)
      }
      // Capacity again, under the locks: another lift or payment may have used it.
      const graph = new TallyGraph([...halves.values()], this.localPeer)
      for (const e of edges) {
        const fresh = graph.edgesFrom(e.giver).find(x => x.tally === e.tally)
        if (fresh == null || fresh.min < units) {
          throw new LiftError('NO_CAPACITY', `tally ${e.tally} from ${e.giver} can no longer carry ${units}`)
        }
      }
      const now = this.now()
      const legs: LiftLeg[] = edges.map(e => ({
        tallyId: e.tally, giver: e.giver, receiver: e.receiver, giverHalf: e.halfKey, receiverHalf: receiverKeyOf(e),
        giverSide: halves.get(e.halfKey)!.side === Side.FOIL ? 'foil' : 'stock', units, reserved: false
      }))
      // The payer's and the payee's chits carry the memo; the ones in between do not.
      const chits = new Map<number, Chit>()
      for (const [i, e] of edges.entries()) {
        const visible = i === 0 || i === edges.length - 1
        chits.set(i, await this.liftChit(halves.get(e.halfKey)!, liftId, units, visible ? what.memo : '', visible ? what.reference : ''))
      }
      let applied: ReturnType<typeof applyGood>
      try {
        applied = applyGood(halves, legs, chits, now)
      } catch (err) {
        assertNoTallyError(err)
      }
      dirty.push(...applied.dirty)
      const changes = applied.changes
      const record: LiftRecord = {
        id: toHex(liftId),
        kind: 'local',
        state: 'good',
        units,
        payer: what.payer,
        payee: what.payee,
        memo: what.memo,
        reference: what.reference,
        referee: this.localPeer,
        deadline: now,
        legs,
        clearing: what.clearing,
        created: now,
        updated: now
      }
      await this.repo.commitMany(changes, [this.lifts.putOp(record)])
      return record
    })
    for (const k of dirty) this.tallies.delivery.flush(k).catch(err => this.log?.(`delivery of lift ${lift.id} on ${k}: ${err.message}`))
    return lift
  }

  /** Signs a lift chit for the giver of a leg (its node holds the giver's key). */
  async liftChit (giver: TallyHalf, liftId: Uint8Array<ArrayBuffer>, units: bigint, memo: string, reference: string): Promise<Chit> {
    const chit: Chit = {
      tallyId: giver.record.id as Uint8Array<ArrayBuffer>,
      chitId: randomBytes(16),
      issuer: giver.side,
      type: ChitType.LIFT,
      units,
      memo,
      reference,
      time: BigInt(this.now()),
      close: false,
      liftId,
      signature: new Uint8Array()
    }
    chit.signature = await (await this.users.signer(giver.user)).sign(chitSigningBytes(chit))
    return chit
  }

  // ---------------------------------------------------------------- the gate

  /** Admits a partner's lift chit: only for a lift decided good, on the leg it belongs to. */
  async admit (half: TallyHalf, chit: Chit): Promise<{ half: TallyHalf, ops: BatchOp[] }> {
    const lift = await this.lifts.get(toHex(chit.liftId))
    if (lift == null) reject(ErrorCode.BAD_STATE, `lift ${toHex(chit.liftId)} is unknown here`)
    if (lift.state === 'void') reject(ErrorCode.BAD_STATE, `lift ${lift.id} was voided`)
    if (lift.state !== 'good') {
      // The partner has the decision and this node not yet: go and get it.
      this.commit?.nudge(lift.id)
      throw new TallyError(ErrorCode.LIFT_UNDECIDED, `lift ${lift.id} is not decided here yet`)
    }
    const key = halfKey(half.record.id, half.side)
    const leg = lift.legs.find(g => g.receiverHalf === key)
    if (leg == null || giverSideOf(leg) !== chit.issuer || chit.issuer !== otherSide(half.side)) {
      reject(ErrorCode.BAD_STATE, `lift ${lift.id} has no leg paying this half`)
    }
    if (leg.units !== chit.units) reject(ErrorCode.BAD_STATE, `lift ${lift.id} moves ${leg.units} on this tally, not ${chit.units}`)
    // Only a leg received here alone still holds its reservation: one whose
    // giver's half is here too was released when the chit was placed.
    return { half: leg.reserved && leg.giverHalf == null ? release(half, leg) : half, ops: [] }
  }

  async decisionFor (liftId: Uint8Array): Promise<Uint8Array | undefined> {
    const lift = await this.lifts.get(toHex(liftId))
    return lift?.decision == null ? undefined : fromBase64(lift.decision)
  }

  async learn (decisions: Uint8Array[], from: string): Promise<void> {
    if (this.commit == null) return
    for (const d of decisions) await this.commit.learnDecision(d, from)
  }

  private async autoClear (): Promise<void> {
    if (this.clearingRun != null) return
    this.clearingRun = this.clear().then(lifts => {
      if (lifts.length > 0) this.log?.(`local clearing: ${lifts.length} circuit(s) cleared`)
    }).catch(err => this.log?.(`local clearing failed: ${err?.message ?? err}`)).finally(() => {
      this.clearingRun = undefined
      this.clearingPasses++
    })
    await this.clearingRun
  }
}

function receiverKeyOf (e: GraphEdge): string {
  return `${e.tally}.${e.halfKey.endsWith('.s') ? 'f' : 's'}`
}

function normaliseId (id: string): string {
  const hex = normaliseHexId(id)
  if (hex == null) throw new LiftError('BAD_REQUEST', `lift id must be 32 hex characters: ${JSON.stringify(id)}`)
  return hex
}

function definedOnly<T extends object> (o: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v != null)) as Partial<T>
}
