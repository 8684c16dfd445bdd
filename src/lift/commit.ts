// Distributed lifts (DESIGN §5 "Play" and "Commit"): the originator seals each
// node's instructions, the proposal travels the route node by node, each node
// reserves its segment in one batch and promises to the referee, and only the
// referee's signed decision turns reservations into lift chits (good) or gives
// them back (void). A node that misses the decision asks its neighbours, then
// the referee. The network is reached through LiftTransport only.
import { peerIdFromString } from '@libp2p/peer-id'
import { Instructions, Decision, LiftCode } from '../../protos/lift.js'
import type { LiftRequest, LiftResponse, Proposal, Promise as LiftPromise, DecisionQuery } from '../../protos/lift.js'
import type { Chit } from '../../protos/tally.js'
import { Side } from '../../protos/tally.js'
import { certOf, otherSide } from '../tally/half.js'
import type { TallyHalf } from '../tally/half.js'
import { parseAddress } from '../tally/address.js'
import type { TallyService } from '../tally/service.js'
import type { TallyRepository } from '../store/tally-repo.js'
import { halfKey } from '../store/tally-repo.js'
import type { LiftRepository } from '../store/lift-repo.js'
import type { Signer } from '../crypto/keys.js'
import { verifySignature } from '../crypto/keys.js'
import { seal, open } from '../crypto/seal.js'
import { sha256 } from '../crypto/hash.js'
import { equalBytes, fromBase64, fromHex, randomBytes, toBase64, toHex } from '../crypto/bytes.js'
import { LiftError } from './errors.js'
import { isDecided } from './record.js'
import type { LiftLeg, LiftRecord } from './record.js'
import { applyGood, releaseLegs, reserveLegs, assertNoTallyError } from './apply.js'
import type { Halves } from './apply.js'
import { decisionSigningBytes, promiseSigningBytes } from './encoding.js'

/** What the lift engine sees of the network (implemented by net/lift-network.ts). */
export interface LiftTransport {
  readonly localPeer: string
  request (peer: string, req: LiftRequest, signal?: AbortSignal): Promise<LiftResponse>
}

/** A node's part of a route, as discovery remembered it under a handle. */
export interface Segment {
  /** this node's half of the tally by which value arrives (the payer's node has none) */
  entryHalf?: string
  /** local edges, in order: the giver's half, and the giver and receiver addresses */
  edges: Array<{ halfKey: string, tally: string, giver: string, receiver: string }>
  /** this node's half of the tally by which value leaves (the payee's node has none) */
  exitHalf?: string
  /** the payee's address, on the payee's node */
  payee?: string
}

export interface SegmentResolver {
  resolveHandle (handle: Uint8Array): Segment | undefined
}

/** A route as the originator chose it: one hop per node, the originator first. */
export interface ChosenRoute {
  hops: Array<{ peer: string, handle: Uint8Array }>
}

export interface LiftCommitOptions {
  repo: TallyRepository
  lifts: LiftRepository
  tallies: TallyService
  transport: LiftTransport
  segments: SegmentResolver
  /** the node's own key: signs promises and decisions, opens envelopes */
  nodeSigner: Signer
  nodeSeed: Uint8Array
  signLiftChit: (giver: TallyHalf, liftId: Uint8Array<ArrayBuffer>, units: bigint, memo: string, reference: string) => Promise<Chit>
  /** how long the referee waits for every promise */
  timeoutMs?: number
  /** fault injection: called at named points ('exit-after-promise'); the node decides what to do */
  failpoint?: (name: string, liftId: string) => void
  now?: () => number
  log?: (msg: string) => void
}

export const DEFAULT_LIFT_TIMEOUT_MS = 5_000
const MAX_ROUTE_NODES = 11
/** After the deadline, how long a pending node waits before asking around. */
const ASK_AFTER_MS = 500
const SWEEP_MS = 1_000

export class LiftCommit {
  private readonly o: LiftCommitOptions
  private readonly localPeer: string
  private readonly now: () => number
  private readonly waiters = new Map<string, Array<(l: LiftRecord) => void>>()
  private readonly deciding = new Set<string>()
  private readonly asking = new Set<string>()
  private timer?: NodeJS.Timeout
  private sweeping?: Promise<void>

  constructor (opts: LiftCommitOptions) {
    this.o = opts
    this.localPeer = opts.transport.localPeer
    this.now = opts.now ?? Date.now
  }

  start (): void {
    this.timer = setInterval(() => { void this.sweep() }, SWEEP_MS)
    this.timer.unref()
    void this.sweep()
  }

  async stop (): Promise<void> {
    if (this.timer != null) clearInterval(this.timer)
    await this.sweeping
  }

  // ---------------------------------------------------------------- originator

  /**
   * Runs a payment lift along `route` (the originator is its referee) and
   * resolves with the decided record: good, or void with a reason.
   */
  async originate (route: ChosenRoute, what: { payer: string, payee: string, units: bigint, memo: string, reference: string, clearing?: boolean }): Promise<LiftRecord> {
    const hops = route.hops
    if (hops.length < 2 || hops.length > MAX_ROUTE_NODES) throw new LiftError('BAD_REQUEST', `a distributed route has 2..${MAX_ROUTE_NODES} nodes`)
    if (hops[0].peer !== this.localPeer) throw new LiftError('BAD_REQUEST', 'the route must start at this node')
    // A circuit (clearing) comes back here: its last segment is this node's too.
    const circular = hops[hops.length - 1].peer === this.localPeer
    const others = circular ? hops.slice(1, -1) : hops.slice(1)
    if (others.length === 0 || others.some(h => h.peer === this.localPeer)) throw new LiftError('BAD_REQUEST', 'the route passes this node in the middle')
    const first = this.o.segments.resolveHandle(hops[0].handle)
    const last = circular ? this.o.segments.resolveHandle(hops[hops.length - 1].handle) : undefined
    if (first == null || (circular && last == null)) throw new LiftError('NO_ROUTE', 'the route has expired: find it again')
    const liftId = randomBytes(16)
    const id = toHex(liftId)
    const now = this.now()
    const deadline = now + (this.o.timeoutMs ?? DEFAULT_LIFT_TIMEOUT_MS)
    // One sealed envelope per other node: only it can read its instructions.
    const envelopes: Array<Uint8Array<ArrayBuffer>> = []
    const envelopeHashes: Record<string, string> = {}
    for (let i = 1; i <= others.length; i++) {
      const end = i === hops.length - 1
      const instructions = Instructions.encode({
        liftId,
        handle: hops[i].handle as Uint8Array<ArrayBuffer>,
        unitsIn: what.units,
        unitsOut: end ? 0n : what.units,
        fee: 0n,
        prev: hops[i - 1].peer,
        next: end ? '' : hops[i + 1].peer,
        deadline: BigInt(deadline),
        memo: end ? what.memo : '',
        reference: end ? what.reference : ''
      })
      const env = seal(publicKeyOf(hops[i].peer), instructions, liftId)
      envelopes.push(env as Uint8Array<ArrayBuffer>)
      envelopeHashes[hops[i].peer] = toHex(sha256(env))
    }
    const legs = [...await this.legsOf(first, 0n, what.units), ...last != null ? await this.legsOf(last, what.units, 0n) : []]
    const record: LiftRecord = {
      id,
      kind: 'originated',
      state: 'seek',
      units: what.units,
      payer: what.payer,
      payee: what.payee,
      memo: what.memo,
      reference: what.reference,
      referee: this.localPeer,
      deadline,
      legs,
      clearing: what.clearing ?? false,
      next: hops[1].peer,
      ...(circular ? { prev: hops[hops.length - 2].peer } : {}),
      route: others.map(h => h.peer),
      envelopeHashes,
      promised: [],
      created: now,
      updated: now
    }
    await this.reserve(record)
    const decided = this.waitFor(id)
    const res = await this.o.transport.request(hops[1].peer, { proposal: { liftId, referee: this.localPeer, deadline: BigInt(deadline), envelopes } })
      .catch((err: any) => ({ code: LiftCode.LIFT_INTERNAL, message: `unreachable: ${err?.message ?? err}` }))
    if (res.code !== LiftCode.LIFT_OK) await this.decide(id, false, `the first node refused the proposal: ${res.message}`)
    return await decided
  }

  // ---------------------------------------------------------------- requests

  async handleLiftRequest (remote: string, req: LiftRequest): Promise<LiftResponse> {
    try {
      if (req.proposal != null) return await this.onProposal(remote, req.proposal)
      if (req.promise != null) return await this.onPromise(remote, req.promise)
      if (req.decision != null) return await this.onDecision(req.decision)
      if (req.query != null) return await this.onQuery(req.query)
      return fail(LiftCode.LIFT_MALFORMED, 'empty request')
    } catch (err: any) {
      if (err instanceof LiftFault) return fail(err.code, err.message)
      if (err instanceof LiftError) return fail(err.code === 'NO_CAPACITY' ? LiftCode.LIFT_NO_CAPACITY : LiftCode.LIFT_UNKNOWN, err.message)
      this.o.log?.(`lift request from ${remote} failed: ${err?.stack ?? err}`)
      return fail(LiftCode.LIFT_INTERNAL, 'internal error')
    }
  }

  private async onProposal (remote: string, p: Proposal): Promise<LiftResponse> {
    if (p.liftId.length !== 16) fault(LiftCode.LIFT_MALFORMED, 'lift id must be 16 bytes')
    if (p.envelopes.length === 0 || p.envelopes.length > MAX_ROUTE_NODES) fault(LiftCode.LIFT_MALFORMED, `a proposal carries 1..${MAX_ROUTE_NODES} envelopes`)
    validPeer(p.referee, 'referee')
    const id = toHex(p.liftId)
    if (Number(p.deadline) <= this.now()) fault(LiftCode.LIFT_EXPIRED, 'the lift is past its deadline')
    let instr: Instructions
    try {
      instr = Instructions.decode(open(this.o.nodeSeed, p.envelopes[0], p.liftId))
    } catch (err: any) {
      fault(LiftCode.LIFT_BAD_ENVELOPE, `the first envelope is not sealed to this node: ${err?.message ?? err}`)
    }
    if (!equalBytes(instr.liftId, p.liftId) || instr.deadline !== p.deadline) fault(LiftCode.LIFT_BAD_ENVELOPE, 'the envelope belongs to another lift')
    if (instr.prev !== remote) fault(LiftCode.LIFT_NOT_NEIGHBOUR, 'the proposal does not come from the node the instructions name')
    if (instr.next !== '') validPeer(instr.next, 'next hop')
    if (await this.o.lifts.get(id) != null) fault(LiftCode.LIFT_DUPLICATE, `lift ${id} was already proposed here (replay)`)
    const segment = this.o.segments.resolveHandle(instr.handle)
    if (segment == null || segment.entryHalf == null) fault(LiftCode.LIFT_UNKNOWN, 'no route segment under that handle')
    const entry = await this.o.repo.getByKey(segment.entryHalf)
    if (entry == null || parseAddress(certOf(entry.record, otherSide(entry.side)).address).peerId !== remote) {
      fault(LiftCode.LIFT_NOT_NEIGHBOUR, 'the sender does not hold the other half of the tally the segment starts with')
    }
    if ((instr.next === '') !== (segment.exitHalf == null)) fault(LiftCode.LIFT_BAD_ENVELOPE, 'the instructions do not match the segment')
    const legs = await this.legsOf(segment, instr.unitsIn, instr.next === '' ? 0n : instr.unitsOut)
    const now = this.now()
    const record: LiftRecord = {
      id,
      kind: 'relayed',
      state: 'pend',
      units: instr.unitsIn,
      ...(segment.payee != null ? { payee: segment.payee } : {}),
      memo: segment.payee != null ? instr.memo : '',
      reference: segment.payee != null ? instr.reference : '',
      referee: p.referee,
      deadline: Number(p.deadline),
      legs,
      clearing: false,
      prev: remote,
      ...(instr.next !== '' ? { next: instr.next } : {}),
      created: now,
      updated: now
    }
    await this.reserve(record)
    // Promise straight to the referee, and pass the rest of the proposal on.
    const promise: LiftPromise = {
      liftId: p.liftId,
      peer: this.localPeer,
      envelopeHash: sha256(p.envelopes[0]),
      unitsIn: instr.unitsIn,
      unitsOut: instr.unitsOut,
      signature: new Uint8Array()
    }
    promise.signature = await this.o.nodeSigner.sign(promiseSigningBytes(promise))
    const promised = this.send(p.referee, { promise }, `promise of ${id}`)
    // The last envelope: the proposal has reached its end (a circuit's end is the referee, which has it).
    const forwarded = instr.next === '' || p.envelopes.length === 1
      ? Promise.resolve()
      : this.o.transport.request(instr.next, { proposal: { ...p, envelopes: p.envelopes.slice(1) } })
        .then(res => { if (res.code !== LiftCode.LIFT_OK) this.o.log?.(`lift ${id}: ${instr.next} refused it: ${res.message}`) })
        .catch((err: any) => this.o.log?.(`lift ${id}: cannot reach ${instr.next}: ${err?.message ?? err}`))
    if (this.o.failpoint != null) {
      // Fault injection for devnet scenarios and tests: vanish right after promising.
      void Promise.all([promised, forwarded]).then(() => this.o.failpoint?.('exit-after-promise', id))
    }
    return fail(LiftCode.LIFT_OK, '')
  }

  private async onPromise (remote: string, p: LiftPromise): Promise<LiftResponse> {
    const id = toHex(p.liftId)
    const lift = await this.o.lifts.get(id)
    if (lift == null || lift.kind !== 'originated' || lift.referee !== this.localPeer) fault(LiftCode.LIFT_UNKNOWN, `this node referees no lift ${id}`)
    if (p.peer !== remote) fault(LiftCode.LIFT_BAD_SIGNATURE, 'a promise comes from the node that makes it')
    const expected = lift.envelopeHashes?.[p.peer]
    if (expected == null) fault(LiftCode.LIFT_UNKNOWN, `${p.peer} is not on the route of lift ${id}`)
    if (!await verifySignature(publicKeyOf(p.peer), promiseSigningBytes(p), p.signature)) fault(LiftCode.LIFT_BAD_SIGNATURE, 'the promise signature does not verify')
    if (toHex(p.envelopeHash) !== expected) fault(LiftCode.LIFT_BAD_ENVELOPE, 'the promise names another envelope')
    if (p.unitsIn !== lift.units) fault(LiftCode.LIFT_BAD_ENVELOPE, 'the promise is for other units')
    if (isDecided(lift.state)) return fail(LiftCode.LIFT_DUPLICATE, `lift ${id} is already ${lift.state}`)
    if (this.now() > lift.deadline) {
      await this.decide(id, false, 'not every node promised before the deadline')
      fault(LiftCode.LIFT_EXPIRED, 'the promise came after the deadline')
    }
    const promised = await this.o.tallies.withHalves([`lift:${id}`], async () => {
      const cur = (await this.o.lifts.get(id))!
      if (cur.state !== 'seek') return undefined
      const set = [...new Set([...cur.promised ?? [], p.peer])]
      await this.o.repo.commitMany([], [this.o.lifts.putOp({ ...cur, promised: set, updated: this.now() })])
      return set
    })
    if (promised != null && promised.length === lift.route!.length) await this.decide(id, true, '')
    return fail(LiftCode.LIFT_OK, '')
  }

  private async onDecision (d: Decision): Promise<LiftResponse> {
    const id = toHex(d.liftId)
    const lift = await this.o.lifts.get(id)
    if (lift == null) fault(LiftCode.LIFT_UNKNOWN, `no lift ${id} here`)
    if (d.referee !== lift.referee) fault(LiftCode.LIFT_NOT_REFEREE, `${d.referee} is not the referee of lift ${id}`)
    if (!await verifySignature(publicKeyOf(lift.referee), decisionSigningBytes(d), d.signature)) fault(LiftCode.LIFT_BAD_SIGNATURE, 'the decision signature does not verify')
    if (isDecided(lift.state)) {
      if ((lift.state === 'good') !== d.good) this.o.log?.(`lift ${id}: a validly signed decision contradicts the one applied (referee ${lift.referee} equivocated)`)
      return fail(LiftCode.LIFT_DUPLICATE, `lift ${id} is already ${lift.state}`)
    }
    await this.apply(id, d)
    // The decision also travels both ways along the route (DESIGN §5), so a
    // node the referee cannot reach hears it from a neighbour. A good one
    // already travels downstream with the lift chits (PostChit/PushEntries),
    // so it is passed upstream only; a void one, which moves no chit, both ways.
    for (const peer of d.good ? [lift.prev] : [lift.prev, lift.next]) {
      if (peer != null && peer !== lift.referee && peer !== this.localPeer) void this.send(peer, { decision: d }, `decision on ${id}`)
    }
    return fail(LiftCode.LIFT_OK, '')
  }

  /**
   * A decision that came with a partner's lift chits: applied like one from
   * the referee (same checks) when this node still holds the lift undecided;
   * anything invalid is ignored here (the chit itself then waits).
   */
  async learnDecision (bytes: Uint8Array, from: string): Promise<void> {
    let d: Decision
    try {
      d = Decision.decode(bytes)
    } catch {
      return
    }
    const lift = await this.o.lifts.get(toHex(d.liftId))
    if (lift == null || isDecided(lift.state)) return
    const res = await this.onDecision(d).catch(() => undefined)
    if (res != null && res.code !== LiftCode.LIFT_OK && res.code !== LiftCode.LIFT_DUPLICATE) this.o.log?.(`lift ${lift.id}: ${from} sent an unusable decision: ${res.message}`)
  }

  private async onQuery (q: DecisionQuery): Promise<LiftResponse> {
    const id = toHex(q.liftId)
    let lift = await this.o.lifts.get(id)
    if (lift == null) fault(LiftCode.LIFT_UNKNOWN, `no lift ${id} here`)
    // The referee never leaves a lift undecided past its deadline.
    if (lift.referee === this.localPeer && !isDecided(lift.state) && this.now() > lift.deadline) {
      await this.decide(id, false, 'not every node promised before the deadline')
      lift = (await this.o.lifts.get(id))!
    }
    if (lift.decision == null) return fail(LiftCode.LIFT_UNDECIDED, `lift ${id} is not decided yet`)
    return { code: LiftCode.LIFT_OK, message: '', decision: Decision.decode(fromBase64(lift.decision)) }
  }

  // ---------------------------------------------------------------- deciding

  /** The referee's decision: signed, applied here, then sent to every node on the route. */
  private async decide (id: string, good: boolean, reason: string): Promise<void> {
    if (this.deciding.has(id)) return
    this.deciding.add(id)
    try {
      const lift = await this.o.lifts.get(id)
      if (lift == null || isDecided(lift.state) || lift.referee !== this.localPeer) return
      const d: Decision = { liftId: fromHex(id), good, time: BigInt(this.now()), reason, referee: this.localPeer, signature: new Uint8Array() }
      d.signature = await this.o.nodeSigner.sign(decisionSigningBytes(d))
      // Stored (and applied) before anyone hears it: a referee that restarts
      // finds its decision and never signs another. Partners admit the chits
      // that follow because the chits carry the decision with them.
      await this.apply(id, d)
      if ((await this.o.lifts.get(id))?.decision == null) return
      for (const peer of lift.route ?? []) void this.send(peer, { decision: d }, `decision on ${id}`)
    } finally {
      this.deciding.delete(id)
    }
  }

  /** Applies a verified decision to this node's legs, in one batch. */
  private async apply (id: string, d: Decision): Promise<void> {
    const lift = await this.o.lifts.get(id)
    if (lift == null) return
    const keys = halvesOf(lift.legs)
    const dirty: string[] = []
    const applied = await this.o.tallies.withHalves([...keys, `lift:${id}`], async () => {
      const cur = (await this.o.lifts.get(id))!
      if (isDecided(cur.state)) return undefined
      const halves = await this.load(keys)
      const decided: LiftRecord = { ...cur, state: d.good ? 'good' : 'void', decision: toBase64(Decision.encode(d)), updated: this.now(), ...(d.good ? {} : { reason: d.reason }) }
      if (!d.good) {
        const released = releaseLegs(halves, cur.legs)
        await this.o.repo.commitMany(changed(halves, released).map(half => ({ half })), [this.o.lifts.putOp(decided)])
        return decided
      }
      const chits = new Map<number, Chit>()
      for (const [i, leg] of cur.legs.entries()) {
        if (leg.giverHalf == null) continue
        const visible = cur.payee != null && leg.receiverHalf != null && leg.receiver === cur.payee
        chits.set(i, await this.o.signLiftChit(halves.get(leg.giverHalf)!, fromHex(id), leg.units, visible ? cur.memo : '', visible ? cur.reference : ''))
      }
      let result: ReturnType<typeof applyGood>
      try {
        result = applyGood(halves, cur.legs, chits, this.now())
      } catch (err) {
        // The reservation should make this impossible; never leave it half done.
        this.o.log?.(`lift ${id}: applying good failed: ${(err as Error).message}`)
        assertNoTallyError(err)
      }
      dirty.push(...result.dirty)
      await this.o.repo.commitMany(result.changes, [this.o.lifts.putOp(decided)])
      return decided
    })
    for (const k of dirty) this.o.tallies.delivery.flush(k).catch(err => this.o.log?.(`lift ${id}: delivery on ${k}: ${err.message}`))
    if (applied != null) this.notify(applied)
  }

  // ---------------------------------------------------------------- recovery

  /** A partner already acts on a decision this node lacks: ask for it now (once at a time). */
  nudge (id: string): void {
    if (this.asking.has(id)) return
    this.asking.add(id)
    void this.o.lifts.get(id).then(async lift => {
      if (lift != null && !isDecided(lift.state) && lift.referee !== this.localPeer) await this.askAround(lift)
    }).catch(() => {}).finally(() => { this.asking.delete(id) })
  }

  /** Decides the referee's expired lifts; asks around for decisions this node missed. */
  private async sweep (): Promise<void> {
    if (this.sweeping != null) return
    this.sweeping = (async () => {
      for (const lift of await this.o.lifts.listUndecided()) {
        if (isDecided(lift.state) || lift.kind === 'local') continue
        const late = this.now() - lift.deadline
        if (lift.referee === this.localPeer) {
          if (late > 0) await this.decide(lift.id, false, 'not every node promised before the deadline')
        } else if (late > ASK_AFTER_MS) {
          await this.askAround(lift)
        }
      }
    })().catch(err => this.o.log?.(`lift sweep: ${err?.message ?? err}`)).finally(() => { this.sweeping = undefined })
    await this.sweeping
  }

  private async askAround (lift: LiftRecord): Promise<void> {
    for (const peer of [lift.prev, lift.next, lift.referee]) {
      if (peer == null || peer === this.localPeer) continue
      const res = await this.o.transport.request(peer, { query: { liftId: fromHex(lift.id) } }, AbortSignal.timeout(3_000)).catch(() => undefined)
      if (res?.code === LiftCode.LIFT_OK && res.decision != null) {
        const r = await this.onDecision(res.decision).catch(() => undefined)
        if (r?.code === LiftCode.LIFT_OK || r?.code === LiftCode.LIFT_DUPLICATE) return
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** This node's legs for a segment: value enters by `entryHalf`, crosses the local edges, leaves by `exitHalf`. */
  private async legsOf (segment: Segment, unitsIn: bigint, unitsOut: bigint): Promise<LiftLeg[]> {
    const legs: LiftLeg[] = []
    const units = unitsIn > 0n ? unitsIn : unitsOut
    if (unitsOut > unitsIn && unitsIn > 0n) fault(LiftCode.LIFT_BAD_ENVELOPE, 'a node cannot give on more than it receives')
    if (segment.entryHalf != null) {
      const h = await this.mustHalf(segment.entryHalf)
      const giverSide = otherSide(h.side)
      legs.push({ tallyId: toHex(h.record.id), giver: certOf(h.record, giverSide).address, receiver: certOf(h.record, h.side).address, receiverHalf: segment.entryHalf, giverSide: sideName(giverSide), units: unitsIn, reserved: true })
    }
    for (const e of segment.edges) {
      const h = await this.mustHalf(e.halfKey)
      legs.push({ tallyId: e.tally, giver: e.giver, receiver: e.receiver, giverHalf: e.halfKey, receiverHalf: halfKey(h.record.id, otherSide(h.side)), giverSide: sideName(h.side), units, reserved: true })
    }
    if (segment.exitHalf != null) {
      const h = await this.mustHalf(segment.exitHalf)
      legs.push({ tallyId: toHex(h.record.id), giver: certOf(h.record, h.side).address, receiver: certOf(h.record, otherSide(h.side)).address, giverHalf: segment.exitHalf, giverSide: sideName(h.side), units: unitsOut, reserved: true })
    }
    return legs
  }

  /** Reserves a new lift's legs and stores its record, in one batch. */
  private async reserve (record: LiftRecord): Promise<void> {
    const keys = halvesOf(record.legs)
    await this.o.tallies.withHalves([...keys, `lift:${record.id}`], async () => {
      // Again under the lock: two copies of one proposal must not both reserve.
      if (await this.o.lifts.get(record.id) != null) fault(LiftCode.LIFT_DUPLICATE, `lift ${record.id} was already proposed here (replay)`)
      const halves = await this.load(keys)
      const reserved = reserveLegs(halves, record.legs, this.localPeer)
      await this.o.repo.commitMany(changed(halves, reserved).map(half => ({ half })), [this.o.lifts.putOp(record)])
    })
  }

  private async load (keys: string[]): Promise<Halves> {
    const halves: Halves = new Map()
    for (const k of keys) halves.set(k, await this.mustHalf(k))
    return halves
  }

  private async mustHalf (key: string): Promise<TallyHalf> {
    const h = await this.o.repo.getByKey(key)
    if (h == null) throw new LiftError('NO_CAPACITY', `tally half ${key} is gone`)
    return h
  }

  private async send (peer: string, req: LiftRequest, what: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await this.o.transport.request(peer, req)
        if (res.code !== LiftCode.LIFT_INTERNAL) return
      } catch (err: any) {
        if (attempt === 2) this.o.log?.(`${what} to ${peer} failed: ${err?.message ?? err}`)
      }
      await new Promise(resolve => setTimeout(resolve, 200 * (attempt + 1)))
    }
  }

  private async waitFor (id: string): Promise<LiftRecord> {
    return await new Promise(resolve => {
      const list = this.waiters.get(id) ?? []
      list.push(resolve)
      this.waiters.set(id, list)
    })
  }

  private notify (lift: LiftRecord): void {
    const list = this.waiters.get(lift.id)
    this.waiters.delete(lift.id)
    for (const w of list ?? []) w(lift)
  }
}

/** A lift-protocol rejection with its wire code. */
class LiftFault extends Error {
  constructor (readonly code: LiftCode, message: string) {
    super(message)
  }
}

function fault (code: LiftCode, message: string): never {
  throw new LiftFault(code, message)
}

function fail (code: LiftCode, message: string): LiftResponse {
  return { code, message }
}

function validPeer (peer: string, what: string): void {
  try {
    publicKeyOf(peer)
  } catch {
    fault(LiftCode.LIFT_MALFORMED, `${what} is not an Ed25519 PeerId`)
  }
}

/** The Ed25519 key inside a PeerId: what promises and decisions verify against, and envelopes seal to. */
export function publicKeyOf (peer: string): Uint8Array {
  const key = peerIdFromString(peer).publicKey
  if (key == null || key.type !== 'Ed25519') throw new LiftError('BAD_REQUEST', `${peer} carries no Ed25519 key`)
  return key.raw
}

function sideName (side: Side): 'stock' | 'foil' {
  return side === Side.FOIL ? 'foil' : 'stock'
}

function halvesOf (legs: LiftLeg[]): string[] {
  return [...new Set(legs.flatMap(l => [l.giverHalf, l.receiverHalf]).filter((k): k is string => k != null))]
}

function changed (before: Halves, after: Halves): TallyHalf[] {
  return [...after].filter(([k, h]) => before.get(k) !== h).map(([, h]) => h)
}

