// The tally application service: user commands (propose, accept, pay...) and
// the answers to peers' requests. Rules live in half.ts/record.ts; this file
// sequences them with storage and the transport. Changes to one half are
// serialised by a per-half lock and written in one atomic batch.
import { Side, ChitType, ErrorCode, Chit } from '../../protos/tally.js'
import type { TallyRequest, TallyResponse, ChainEntry, Propose, Accept, Refuse, PostChit, PushEntries, FetchEntries } from '../../protos/tally.js'
import { TallyError, reject } from './errors.js'
import { parseAddress, formatAddress } from './address.js'
import { draftRecord, validateDraft, withKey } from './record.js'
import {
  newHalf, applyEntry, addOwnChit, movesValue, validateChitShape, verifyChitSignature, verifyTallySignature, sameChit,
  otherSide, certOf, stockBalance, sideName, ID_LENGTH
} from './half.js'
import type { TallyHalf } from './half.js'
import { validateSettings } from './settings.js'
import type { Settings } from './settings.js'
import { chitSigningBytes, refuseSigningBytes, tallySigningBytes } from './encoding.js'
import { TallyRepository, halfKey } from '../store/tally-repo.js'
import type { HalfChange } from '../store/tally-repo.js'
import { UserService } from '../user/users.js'
import { KeyedMutex } from '../util/keyed-mutex.js'
import { equalBytes, normaliseHexId, randomBytes, toHex } from '../crypto/bytes.js'
import { verifySignature, PUBLIC_KEY_LENGTH } from '../crypto/keys.js'
import type { Signer } from '../crypto/keys.js'
import { emptyResponse, MAX_ENTRIES_PER_MESSAGE } from './transport.js'
import type { TallyTransport, TallyRequestHandler, LiftChitGate } from './transport.js'
import type { BatchOp } from '../store/db.js'
import { Delivery } from './delivery.js'

export interface TallyView {
  id: string
  side: 'stock' | 'foil'
  user: string
  address: string
  partner: string
  state: string
  proposedByMe: boolean
  balance: string
  limit: string | null
  chain: { length: number, head: string }
  pending: { count: number, units: string }
  /** units held by undecided lifts: how far they could raise / lower the stock balance */
  reserved: { up: string, down: string }
  undelivered: number
  settings: { stock: SettingsView, foil: SettingsView }
  created: number
  awaiting?: 'accept' | 'refuse'
}

export interface SettingsView { target: string, bound: string, reward: number, clutch: number }

export interface ChitView {
  index: number
  chitId: string
  issuer: 'stock' | 'foil'
  type: string
  units: string
  memo: string
  reference: string
  time: number
  settings?: SettingsView
  close: boolean
}

export interface PayResult {
  tallyId: string
  chitId: string
  units: string
  /** true once the partner's node holds the chit; false: queued for delivery */
  delivered: boolean
  /** why the last delivery attempt failed, when it did */
  deliveryError?: string
  tally: TallyView
}

/** How soon a chit refused as LIFT_UNDECIDED is offered again. */
const LIFT_RETRY_MS = 100

interface IssueInput { type: ChitType, units: bigint, memo?: string, reference?: string, settings?: Settings, close: boolean }

/** A chit asked for, waiting to be signed and stored with its half's next write. */
interface IssueTicket {
  input: IssueInput
  signer: Signer
  /** set once the chit is stored (or refused), under the half's lock */
  outcome?: { chit: Chit, index: number } | { error: unknown }
  settled: () => void
}

/** Queued chits signed onto a half, not yet written. */
interface Signed { half: TallyHalf, entries: ChainEntry[], pending: Chit[], tickets: IssueTicket[] }

export interface ServiceOptions {
  users: UserService
  repo: TallyRepository
  transport: TallyTransport
  now?: () => number
  log?: (msg: string) => void
}

export class TallyService implements TallyRequestHandler {
  private readonly users: UserService
  private readonly repo: TallyRepository
  private readonly transport: TallyTransport
  private readonly now: () => number
  private readonly mutex = new KeyedMutex()
  private readonly refused = new Map<string, TallyError>()
  private readonly issueQueues = new Map<string, IssueTicket[]>()
  /** per half: the write of queued chits under way, if any */
  private readonly issueWriters = new Map<string, Promise<void>>()
  /**
   * per half: a delivery round is out and its closing write (which stores the
   * partner's answer) will take the queued chits too; resolved once it has,
   * or once the round ended without one
   */
  private readonly closing = new Map<string, { taken: Promise<void>, resolve: () => void }>()
  private liftGate?: LiftChitGate
  private readonly retrySoon = new Set<string>()
  /** foil halves: entries the partner acknowledged, by half (see pushEntries) */
  private readonly acked = new Map<string, number>()
  private readonly log?: (msg: string) => void
  readonly delivery: Delivery

  constructor (opts: ServiceOptions) {
    this.users = opts.users
    this.repo = opts.repo
    this.transport = opts.transport
    this.now = opts.now ?? Date.now
    this.log = opts.log
    this.delivery = new Delivery({
      repo: this.repo,
      transport: this.transport,
      deliver: async (key, acknowledged) => {
        const done = await this.deliver(key, acknowledged)
        // A partner that has not yet heard a lift decided hears it within moments: retry soon.
        if (this.retrySoon.delete(key)) setTimeout(() => { this.delivery.flush(key).catch(() => {}) }, LIFT_RETRY_MS).unref()
        return done
      },
      log: opts.log
    })
  }

  get localPeer (): string {
    return this.transport.localPeer
  }

  async start (): Promise<void> {
    await this.delivery.start()
  }

  /** The lift service, which admits partners' lift chits. */
  setLiftGate (gate: LiftChitGate): void {
    this.liftGate = gate
  }

  /**
   * Runs `fn` holding the locks of several halves at once (taken in key order,
   * so two callers never deadlock). For lifts, which change many halves in one
   * batch.
   */
  async withHalves<T> (keys: string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort()
    const take = async (i: number): Promise<T> => i === sorted.length ? await fn() : await this.mutex.run(sorted[i], async () => await take(i + 1))
    return await take(0)
  }

  /** The decisions on the lifts of the lift chits among `chits`, for the partner to apply first. */
  private async decisionsFor (chits: Array<Chit | undefined>): Promise<Array<Uint8Array<ArrayBuffer>>> {
    if (this.liftGate == null) return []
    const ids = new Map<string, Uint8Array>()
    for (const c of chits) if (c?.type === ChitType.LIFT) ids.set(toHex(c.liftId), c.liftId)
    const out: Array<Uint8Array<ArrayBuffer>> = []
    for (const id of ids.values()) {
      const d = await this.liftGate.decisionFor(id)
      if (d != null) out.push(d as Uint8Array<ArrayBuffer>)
    }
    return out
  }

  private async learnDecisions (decisions: Uint8Array[], remote: string): Promise<void> {
    if (decisions.length === 0 || this.liftGate == null) return
    if (decisions.length > MAX_ENTRIES_PER_MESSAGE) reject(ErrorCode.MALFORMED, `at most ${MAX_ENTRIES_PER_MESSAGE} lift decisions per message`)
    await this.liftGate.learn(decisions, remote)
  }

  private async admitLiftChit (h: TallyHalf, chit: Chit, sameBatch: ChainEntry[]): Promise<{ half: TallyHalf, ops: BatchOp[] }> {
    if (this.liftGate == null) reject(ErrorCode.BAD_STATE, 'this node takes no part in lifts')
    if (sameBatch.some(e => e.chit?.type === ChitType.LIFT && equalBytes(e.chit.liftId, chit.liftId))) {
      reject(ErrorCode.BAD_STATE, `a second chit for lift ${toHex(chit.liftId)} in one batch`)
    }
    if (await this.repo.liftChitPosition(halfKey(h.record.id, h.side), chit.liftId) != null) {
      // Not DUPLICATE: that would tell the stock this chit is placed. It is refused for good.
      reject(ErrorCode.BAD_STATE, `lift ${toHex(chit.liftId)} already has its chit on this tally`)
    }
    return await this.liftGate.admit(h, chit)
  }

  async stop (): Promise<void> {
    await this.delivery.stop()
  }

  /**
   * Resolves once no delivery round is under way. A payment returns when the
   * partner holds its chit, which can be before this node's own record of
   * the placement is on disk (it is visible here at once): for readers of
   * the database itself (tests, tools), not for the API.
   */
  async settled (): Promise<void> {
    await this.delivery.idle()
  }

  // ---------------------------------------------------------------- commands

  async propose (input: { user: string, partner: string, role: 'stock' | 'foil', limit?: bigint }): Promise<TallyView> {
    const user = await this.users.get(input.user)
    const partner = parseAddress(input.partner)
    const myAddress = formatAddress(user.name, this.localPeer)
    if (input.partner === myAddress) reject(ErrorCode.MALFORMED, 'a tally joins two different users')
    if (input.limit != null && input.limit < 0n) reject(ErrorCode.MALFORMED, 'limit must not be negative')
    const side = input.role === 'stock' ? Side.STOCK : Side.FOIL
    const draft = draftRecord({
      id: randomBytes(ID_LENGTH),
      proposerAddress: myAddress,
      proposerKey: user.publicKey,
      partnerAddress: input.partner,
      proposerSide: side,
      limit: input.limit,
      created: this.now()
    })
    const res = await this.transport.request(partner.peerId, { propose: { record: draft } })
    if (res.code !== ErrorCode.OK) throw new TallyError(res.code, `partner's node refused the proposal: ${res.message}`)
    if (res.publicKey.length !== PUBLIC_KEY_LENGTH) reject(ErrorCode.MALFORMED, 'partner\'s node returned no valid key')
    const record = withKey(draft, otherSide(side), res.publicKey as Uint8Array<ArrayBuffer>)
    const signer = await this.users.signer(user.name)
    const half = newHalf(record, side, user.name, true, this.now())
    half.mySignature = await signer.sign(tallySigningBytes(record))
    await this.repo.commit({ half })
    return this.view(half)
  }

  async accept (idHex: string, user?: string): Promise<TallyView> {
    const half = await this.incomingProposal(idHex, user)
    const signer = await this.users.signer(half.user)
    const key = halfKey(half.record.id, half.side)
    await this.mutex.run(key, async () => {
      const h = await this.mustGet(key)
      if (h.state !== 'proposed' || h.refusePending) reject(ErrorCode.BAD_STATE, `tally is ${h.state}`)
      h.mySignature = await signer.sign(tallySigningBytes(h.record))
      h.acceptPending = true
      h.updated = this.now()
      await this.repo.commit({ half: h, dirty: true })
    })
    await this.delivery.flush(key)
    return this.view(await this.mustGet(key))
  }

  async refuse (idHex: string, user?: string): Promise<TallyView> {
    const half = await this.incomingProposal(idHex, user)
    const signer = await this.users.signer(half.user)
    const key = halfKey(half.record.id, half.side)
    await this.mutex.run(key, async () => {
      const h = await this.mustGet(key)
      if (h.state !== 'proposed' || h.acceptPending) reject(ErrorCode.BAD_STATE, h.acceptPending ? 'tally already accepted' : `tally is ${h.state}`)
      h.mySignature = await signer.sign(refuseSigningBytes(h.record))
      h.state = 'refused'
      h.refusePending = true
      h.updated = this.now()
      await this.repo.commit({ half: h, dirty: true })
    })
    await this.delivery.flush(key)
    return this.view(await this.mustGet(key))
  }

  /** Publish this half's trading variables to the partner as a setting chit. */
  async setSettings (idHex: string, settings: Settings, user?: string): Promise<PayResult> {
    validateSettings(settings)
    const half = await this.pick(idHex, user)
    return await this.issue(half, { type: ChitType.SETTING, units: 0n, settings, close: false })
  }

  /** Ask to close: no new debt; the tally closes when its balance reaches zero. */
  async close (idHex: string, user?: string): Promise<PayResult> {
    const half = await this.pick(idHex, user)
    // A reserved lift must still be able to place its chit, which the closing rule could forbid.
    if (half.liftUp > 0n || half.liftDown > 0n) reject(ErrorCode.BAD_STATE, `lifts in progress hold units on tally ${idHex}; close it once they are decided`)
    return await this.issue(half, { type: ChitType.SETTING, units: 0n, close: true })
  }

  /** A direct payment chit to a partner this user shares an open tally with. */
  async pay (input: { from: string, to: string, units: bigint, memo?: string, reference?: string }): Promise<PayResult> {
    await this.users.get(input.from)
    parseAddress(input.to)
    if (input.units <= 0n) reject(ErrorCode.MALFORMED, 'units must be a positive integer (milli-units)')
    const candidates = await this.repo.selectOfUser(input.from, h =>
      (h.state === 'open' || h.state === 'closing') &&
      certOf(h.record, otherSide(h.side)).address === input.to)
    if (candidates.length === 0) {
      reject(ErrorCode.UNKNOWN_TALLY, `${input.from} has no open tally with ${input.to} (payments along paths of tallies arrive with lifts)`)
    }
    // Prefer a tally that can carry the payment without hitting its limit.
    let lastError: unknown
    for (const half of candidates) {
      try {
        return await this.issue(half, { type: ChitType.PAYMENT, units: input.units, memo: input.memo, reference: input.reference, close: false })
      } catch (err) {
        if (!(err instanceof TallyError) || err.code !== ErrorCode.OVER_LIMIT) throw err
        lastError = err
      }
    }
    throw lastError
  }

  async list (user?: string): Promise<TallyView[]> {
    const halves = await this.repo.list()
    return halves.filter(h => user == null || h.user === user).map(h => this.view(h))
  }

  async show (idHex: string, user?: string): Promise<TallyView> {
    return this.view(await this.pick(idHex, user, true))
  }

  async chain (idHex: string, user?: string): Promise<ChitView[]> {
    const half = await this.pick(idHex, user, true)
    return (await this.repo.entriesFrom(half.record.id, half.side, 0)).map(chitView)
  }

  // ---------------------------------------------------------------- issuing

  /**
   * Queues a chit on its half and waits for the delivery round that carries
   * it. Queued chits are signed and stored at once, in one batch per group of
   * callers (group commit), usually while the half's delivery round is out
   * with the partner, so the next round can send them without writing first;
   * chits queued when a round closes join that round's closing write. No
   * chit leaves before it is stored: a round waits for the write under way.
   */
  private async issue (half: TallyHalf, input: IssueInput): Promise<PayResult> {
    const key = halfKey(half.record.id, half.side)
    let settled!: () => void
    const stored = new Promise<void>(resolve => { settled = resolve })
    const ticket: IssueTicket = { input, signer: await this.users.signer(half.user), settled }
    let queue = this.issueQueues.get(key)
    if (queue == null) {
      queue = []
      this.issueQueues.set(key, queue)
    }
    queue.push(ticket)
    this.writeQueued(key).catch(() => {})
    // The round this waits for starts after the chit was queued, and waits for
    // its write, so it carries it.
    let round = this.delivery.flush(key)
    round.catch(() => {})
    await Promise.race([stored, round.then(() => {}, () => {})])
    if (ticket.outcome == null) {
      // No round ran (the node is stopping): it stays queued for delivery once stored.
      await stored
      round = this.delivery.flush(key)
      round.catch(() => {})
    }
    const outcome = ticket.outcome!
    if ('error' in outcome) throw outcome.error
    const { chit, index } = outcome
    // The chit is stored; delivery problems leave it queued, they do not undo it.
    let deliveryError: string | undefined
    try {
      await round
    } catch (err: any) {
      deliveryError = err?.message ?? String(err)
    }
    const refused = this.refused.get(toHex(chit.chitId))
    if (refused != null) {
      this.refused.delete(toHex(chit.chitId))
      throw new TallyError(refused.code, `the partner refused the chit: ${refused.message}`)
    }
    const after = this.withAcked(await this.mustGet(key))
    // The foil placed its chit at `index`; the stock's is placed once no longer pending
    // (a refused one was dropped and reported above).
    const delivered = after.side === Side.FOIL
      ? after.peerLength > index
      : !await this.repo.isPending(after.record.id, after.side, chit.chitId)
    return {
      tallyId: toHex(chit.tallyId),
      chitId: toHex(chit.chitId),
      units: chit.units.toString(),
      delivered,
      ...(deliveryError != null && !delivered ? { deliveryError } : {}),
      tally: this.view(after)
    }
  }

  /**
   * Writes the chits queued on a half, group after group, unless that is
   * under way already (the writer then takes them with its next group).
   * Resolves once nothing is queued.
   */
  private writeQueued (key: string): Promise<void> {
    let writer = this.issueWriters.get(key)
    if (writer == null) {
      writer = (async () => {
        try {
          // Callers released together (a round ending elsewhere) queue their
          // chits in one burst of microtasks: let it finish, write it as one batch.
          await new Promise(resolve => process.nextTick(resolve))
          // A round is out: its closing write stores these chits at no extra
          // cost, and nothing could be sent before it anyway. Chits queued
          // after that write took its share are written here at once.
          await this.closing.get(key)?.taken
          while (this.issueQueues.has(key)) await this.mutex.run(key, async () => { await this.issueQueued(key) })
        } finally {
          if (this.issueWriters.get(key) === writer) this.issueWriters.delete(key)
        }
      })()
      this.issueWriters.set(key, writer)
    }
    return writer
  }

  /** Under the half's lock: signs and stores, in one batch, the chits queued on it. */
  private async issueQueued (key: string): Promise<void> {
    const tickets = this.takeTickets(key)
    if (tickets.length === 0) return
    let signed: Signed | undefined
    try {
      signed = await this.signQueued(await this.mustGet(key), tickets)
      if (signed.entries.length > 0 || signed.pending.length > 0) {
        await this.repo.commit({ half: signed.half, entries: signed.entries, addPending: signed.pending, dirty: true })
      }
    } catch (error) {
      // Every caller of the batch hears the failure, not only one.
      failTickets(tickets, error)
    }
    settleTickets(tickets)
  }

  private takeTickets (key: string): IssueTicket[] {
    this.closing.get(key)?.resolve()
    const tickets = this.issueQueues.get(key)
    if (tickets == null) return []
    this.issueQueues.delete(key)
    return tickets
  }

  /**
   * Signs and checks queued chits onto `h` (under its lock); each ticket gets
   * its chit or its error. The caller writes the result and settles the tickets.
   */
  private async signQueued (h: TallyHalf, tickets: IssueTicket[]): Promise<Signed> {
    const entries: ChainEntry[] = []
    const pending: Chit[] = []
    for (const t of tickets) {
      try {
        // Checked again under the lock: a lift may have reserved since close() looked.
        if (t.input.close && (h.liftUp > 0n || h.liftDown > 0n)) reject(ErrorCode.BAD_STATE, 'lifts in progress hold units on this tally; close it once they are decided')
        const c: Chit = {
          tallyId: h.record.id,
          chitId: randomBytes(ID_LENGTH),
          issuer: h.side,
          type: t.input.type,
          units: t.input.units,
          memo: t.input.memo ?? '',
          reference: t.input.reference ?? '',
          time: BigInt(this.now()),
          settings: t.input.settings,
          close: t.input.close,
          liftId: new Uint8Array(),
          signature: new Uint8Array()
        }
        c.signature = await t.signer.sign(chitSigningBytes(c))
        validateChitShape(c)
        const added = addOwnChit(h, c, this.now())
        h = added.half
        if (added.entry != null) entries.push(added.entry)
        else pending.push(c)
        t.outcome = { chit: c, index: added.entry != null ? Number(added.entry.index) : -1 }
      } catch (error) {
        t.outcome = { error }
      }
    }
    return { half: h, entries, pending, tickets }
  }

  // ---------------------------------------------------------------- delivery

  /** Moves one half's queued work to the partner. True when nothing is left. */
  private async deliver (key: string, acknowledged: () => void): Promise<boolean> {
    // Chits queued before this round are stored before anything is sent
    // (usually they were, by the previous round's closing write): holding the
    // lock, every group taken earlier is written, and this takes the rest.
    // Chits queued later go with the next round; waiting for them too would
    // hold this round back for as long as new chits keep coming.
    if (this.issueQueues.has(key) || this.issueWriters.has(key)) await this.mutex.run(key, async () => { await this.issueQueued(key) })
    let resolve!: () => void
    const taken = new Promise<void>(res => { resolve = res })
    const round = { taken, resolve }
    this.closing.set(key, round)
    try {
      return await this.deliverRound(key, acknowledged)
    } finally {
      resolve()
      if (this.closing.get(key) === round) this.closing.delete(key)
    }
  }

  private async deliverRound (key: string, acknowledged: () => void): Promise<boolean> {
    const half = await this.repo.getByKey(key)
    if (half == null) return true
    const partnerPeer = parseAddress(certOf(half.record, otherSide(half.side)).address).peerId
    if (half.acceptPending) return await this.sendAccept(key, half, partnerPeer)
    if (half.refusePending) return await this.sendRefuse(key, half, partnerPeer)
    if (half.side === Side.STOCK) return await this.sendPending(key, half, partnerPeer, acknowledged)
    return await this.pushEntries(key, half, partnerPeer, acknowledged)
  }

  private async sendAccept (key: string, half: TallyHalf, peer: string): Promise<boolean> {
    const acceptor = certOf(half.record, half.side)
    const res = await this.transport.request(peer, {
      accept: { tallyId: half.record.id, publicKey: acceptor.publicKey, signature: half.mySignature as Uint8Array<ArrayBuffer> }
    })
    return await this.mutex.run(key, async () => {
      const h = await this.mustGet(key)
      if (res.code === ErrorCode.OK || res.code === ErrorCode.DUPLICATE) {
        if (!await verifyTallySignature(h.record, otherSide(h.side), res.signature)) {
          throw new TallyError(ErrorCode.BAD_SIGNATURE, 'proposer\'s signature on the tally does not verify')
        }
        await this.repo.commit({ half: { ...h, state: 'open', partnerSignature: res.signature, acceptPending: false, updated: this.now() }, dirty: false })
        return true
      }
      if (res.code === ErrorCode.INTERNAL) return false
      // A final refusal: the proposal is gone or no longer open.
      await this.repo.commit({ half: { ...h, acceptPending: false, updated: this.now() }, dirty: false })
      throw new TallyError(res.code, `proposer's node rejected the acceptance: ${res.message}`)
    })
  }

  private async sendRefuse (key: string, half: TallyHalf, peer: string): Promise<boolean> {
    const res = await this.transport.request(peer, { refuse: { tallyId: half.record.id, signature: half.mySignature as Uint8Array<ArrayBuffer> } })
    if (res.code === ErrorCode.INTERNAL) return false
    await this.mutex.run(key, async () => {
      const h = await this.mustGet(key)
      await this.repo.commit({ half: { ...h, refusePending: false, updated: this.now() }, dirty: false })
    })
    return true
  }

  /**
   * One delivery round for a stock: posts the chits pending when the round
   * starts (chits issued meanwhile have callers waiting on the next round).
   * False when the partner made no progress, so the round is retried later
   * rather than hammered.
   */
  private async sendPending (key: string, half: TallyHalf, peer: string, acknowledged: () => void): Promise<boolean> {
    const pending = half.pendingCount === 0 ? [] : await this.repo.listPending(half.record.id, half.side)
    for (let i = 0; i < pending.length; i += MAX_ENTRIES_PER_MESSAGE) {
      const last = i + MAX_ENTRIES_PER_MESSAGE >= pending.length
      if (!await this.postPending(key, pending.slice(i, i + MAX_ENTRIES_PER_MESSAGE), peer, last ? acknowledged : undefined)) return false
    }
    return await this.mutex.run(key, async () => {
      const h = await this.mustGet(key)
      if (h.pendingCount === 0) {
        // Usually cleared already by the round's own write (applyRemote).
        if (await this.repo.isDirty(key)) await this.repo.commit({ half: h, dirty: false })
        return true
      }
      // A partner that answers without placing our oldest chit is retried later.
      return pending.length > 0 && !await this.repo.isPending(h.record.id, h.side, pending[0].chitId)
    })
  }

  private async postPending (key: string, batch: Chit[], peer: string, acknowledged?: () => void): Promise<boolean> {
    const current = await this.mustGet(key)
    const res = await this.transport.request(peer, { postChit: { chits: batch, haveLength: BigInt(current.length), liftDecisions: await this.decisionsFor(batch) } })
    if (res.code === ErrorCode.INTERNAL) return false
    if (res.entries.length > 0 && (res.code === ErrorCode.OK || res.code === ErrorCode.DUPLICATE || res.chitId.length > 0)) {
      await this.applyRemote(key, res.entries, batch, true, acknowledged)
    }
    if (res.code === ErrorCode.OK || res.code === ErrorCode.DUPLICATE) return true
    // The foil has not seen the lift decided yet: keep the chit, retry later.
    if (res.code === ErrorCode.LIFT_UNDECIDED) {
      this.retrySoon.add(key)
      return false
    }
    const refused = batch.find(c => equalBytes(c.chitId, res.chitId))
    if (refused == null) throw new TallyError(res.code, `partner rejected posted chits: ${res.message}`)
    // The foil will never place it (closed tally, closing rule...): drop it so it
    // stops blocking the queue. It never moved value.
    await this.dropPending(key, refused, new TallyError(res.code, res.message))
    return true
  }

  /**
   * One delivery round for a foil: pushes the entries the partner lacks up to
   * the length when the round starts. False when the partner made no progress.
   */
  private async pushEntries (key: string, half: TallyHalf, peer: string, acknowledged: () => void): Promise<boolean> {
    let h = half
    const target = half.length
    while (h.peerLength < target) {
      const from = h.peerLength
      const entries = await this.repo.entriesFrom(h.record.id, h.side, h.peerLength, Math.min(MAX_ENTRIES_PER_MESSAGE, target - from))
      const res = await this.transport.request(peer, { pushEntries: { tallyId: h.record.id, entries, liftDecisions: await this.decisionsFor(entries.map(e => e.chit)) } })
      if (res.code === ErrorCode.INTERNAL) return false
      if (res.code === ErrorCode.LIFT_UNDECIDED) this.retrySoon.add(key)
      const partial = res.code === ErrorCode.CHAIN_GAP || res.code === ErrorCode.LIFT_UNDECIDED
      if (res.code !== ErrorCode.OK && res.code !== ErrorCode.DUPLICATE && !partial) {
        throw new TallyError(res.code, `partner rejected chain entries: ${res.message}`)
      }
      if (!partial && Number(res.length) >= target) {
        // The stock holds every entry of the round: its callers need not wait
        // for this half to write down how far the stock got.
        this.noteAcked(key, target)
        acknowledged()
      }
      h = await this.mutex.run(key, async () => {
        const cur = await this.mustGet(key)
        const acked = Math.min(Number(res.length), cur.length)
        // Chits queued meanwhile are placed in the same write; the next round pushes them.
        const signed = await this.signQueued({ ...cur, peerLength: partial ? acked : Math.max(cur.peerLength, acked) }, this.takeTickets(key))
        const next = signed.half
        const dirty = next.peerLength < next.length || signed.pending.length > 0
        if (signed.entries.length === 0 && signed.pending.length === 0) {
          // Only how far the stock got changed: no write of its own (see keepUnwritten).
          await this.repo.keepUnwritten(next, dirty)
          settleTickets(signed.tickets)
          return next
        }
        await this.commitWithQueued({ half: next, entries: signed.entries, addPending: signed.pending, dirty }, signed)
        return next
      })
      if (h.peerLength === from) return false // no progress: retry later
    }
    return true
  }

  /** A foil's partner acknowledged `length` entries (written down with the half's next write). */
  private noteAcked (key: string, length: number): void {
    if ((this.acked.get(key) ?? 0) < length) this.acked.set(key, length)
  }

  /** A foil half as the partner has acknowledged it, possibly ahead of what is written. */
  private withAcked (h: TallyHalf): TallyHalf {
    const acked = this.acked.get(halfKey(h.record.id, h.side)) ?? 0
    return h.side === Side.FOIL && acked > h.peerLength ? { ...h, peerLength: Math.min(acked, h.length) } : h
  }

  /** Writes a change that also stores queued chits; their callers hear how it went. */
  private async commitWithQueued (change: HalfChange, signed: Signed | undefined, visible?: () => void): Promise<void> {
    try {
      if (visible != null) await this.repo.commitVisible(change, visible)
      else await this.repo.commit(change)
    } catch (error) {
      if (signed != null) failTickets(signed.tickets, error)
      throw error
    } finally {
      if (signed != null) settleTickets(signed.tickets)
    }
  }

  private async dropPending (key: string, chit: Chit, reason: TallyError): Promise<void> {
    await this.mutex.run(key, async () => {
      const h = await this.mustGet(key)
      const units = movesValue(chit) ? chit.units : 0n
      await this.repo.commit({ half: { ...h, pendingCount: h.pendingCount - 1, pendingUnits: h.pendingUnits - units }, removePending: [chit.chitId] })
    })
    this.log?.(`chit ${toHex(chit.chitId)} on ${key} dropped: the partner refused it: ${reason.message}`)
    // Remembered briefly so a waiting `pay` can report it; bounded.
    if (this.refused.size > 1000) this.refused.clear()
    this.refused.set(toHex(chit.chitId), reason)
  }

  /**
   * Applies entries from the partner (the foil) to a stock half, all or nothing.
   * Entries already held are skipped; the first new one must follow the head.
   */
  private async applyRemote (key: string, entries: ChainEntry[], posted: Chit[] = [], withQueued = false, acknowledged?: () => void): Promise<{ code: ErrorCode, half: TallyHalf }> {
    // Chits this half signed and posted itself need no second verification.
    const mine = new Map(posted.map(c => [toHex(c.signature), c]))
    return await this.mutex.run(key, async () => {
      const start = await this.mustGet(key)
      let h = start
      const added: ChainEntry[] = []
      const placedMine: Chit[] = []
      const extra: BatchOp[] = []
      let undecided: TallyError | undefined
      let sawDuplicate = false
      for (const e of entries) if (e.chit == null) reject(ErrorCode.MALFORMED, 'chain entry has no chit')
      const positions = await this.repo.chitPositions(h.record.id, h.side, entries.map(e => e.chit!.chitId))
      for (const [i, e] of entries.entries()) {
        if (e.chit == null) reject(ErrorCode.MALFORMED, 'chain entry has no chit')
        const index = Number(e.index)
        const known = positions[i]
        if (index < h.length) {
          if (known !== index) reject(ErrorCode.CHAIN_CONFLICT, `entry ${index} differs from the one held`)
          sawDuplicate = true
          continue
        }
        if (index > h.length) {
          if (added.length === 0) return { code: ErrorCode.CHAIN_GAP, half: h }
          break
        }
        if (known != null || added.some(a => equalBytes(a.chit!.chitId, e.chit!.chitId))) {
          reject(ErrorCode.DUPLICATE, `chit ${toHex(e.chit.chitId)} is already on the chain (replay)`)
        }
        validateChitShape(e.chit)
        const own = mine.get(toHex(e.chit.signature))
        if (own == null || !sameChit(own, e.chit)) await verifyChitSignature(h.record, e.chit)
        if (e.chit.issuer !== h.side && e.chit.type === ChitType.LIFT) {
          try {
            const admitted = await this.admitLiftChit(h, e.chit, added)
            h = admitted.half
            extra.push(...admitted.ops)
          } catch (err) {
            // Undecided: keep what came before it; the foil pushes the rest again.
            if (!(err instanceof TallyError) || err.code !== ErrorCode.LIFT_UNDECIDED) throw err
            undecided = err
            break
          }
        }
        h = applyEntry(h, e, this.now())
        added.push(e)
        if (e.chit.issuer === h.side) placedMine.push(e.chit)
      }
      if (added.length === 0) {
        if (undecided != null) return { code: ErrorCode.LIFT_UNDECIDED, half: h }
        return { code: sawDuplicate ? ErrorCode.DUPLICATE : ErrorCode.OK, half: h }
      }
      const pendingIds = new Set(placedMine.length === 0 || h.pendingCount === 0 ? [] : (await this.repo.listPending(h.record.id, h.side)).map(c => toHex(c.chitId)))
      const removed = placedMine.filter(c => pendingIds.has(toHex(c.chitId)))
      const units = removed.reduce((s, c) => s + (movesValue(c) ? c.units : 0n), 0n)
      h = { ...h, pendingCount: h.pendingCount - removed.length, pendingUnits: h.pendingUnits - units }
      // Chits queued during the round join this write (after the placed ones
      // left the pending balance); the next round posts them.
      const signed = withQueued ? await this.signQueued(h, this.takeTickets(key)) : undefined
      if (signed != null) h = signed.half
      // Nothing left to deliver: leave the queue in the same write.
      const clean = h.pendingCount === 0 && !h.acceptPending && !h.refusePending
      const queued = signed != null && (signed.pending.length > 0 || signed.entries.length > 0)
      const change: HalfChange = {
        half: h,
        entries: signed == null ? added : [...added, ...signed.entries],
        removePending: removed.map(c => c.chitId),
        addPending: signed?.pending,
        extra,
        ...(clean ? { dirty: false } : queued ? { dirty: true } : {})
      }
      // Every chit the round posted is on the foil's chain now, so the foil
      // holds this change: the round's callers are released once readers see
      // it, before it is on disk (a crash before the write re-posts the chits
      // and the foil answers with the same entries).
      const placed = new Set(placedMine.map(c => toHex(c.chitId)))
      // (Not when it also admits the partner's lift chits: their lift records
      // are updated only once the write is done.)
      const allPlaced = acknowledged != null && extra.length === 0 && posted.length > 0 && posted.every(c => placed.has(toHex(c.chitId)))
      await this.commitWithQueued(change, signed, allPlaced ? acknowledged : undefined)
      return { code: undecided != null ? ErrorCode.LIFT_UNDECIDED : ErrorCode.OK, half: h }
    })
  }

  // ---------------------------------------------------------------- requests

  async handleTallyRequest (remotePeer: string, req: TallyRequest): Promise<TallyResponse> {
    try {
      if (req.propose != null) return await this.onPropose(remotePeer, req.propose)
      if (req.accept != null) return await this.onAccept(remotePeer, req.accept)
      if (req.refuse != null) return await this.onRefuse(remotePeer, req.refuse)
      if (req.postChit != null) return await this.onPostChit(remotePeer, req.postChit)
      if (req.pushEntries != null) return await this.onPushEntries(remotePeer, req.pushEntries)
      if (req.fetchEntries != null) return await this.onFetch(remotePeer, req.fetchEntries)
      return fail(ErrorCode.MALFORMED, 'empty request')
    } catch (err: any) {
      if (err instanceof TallyError) return fail(err.code, err.message)
      if (err instanceof RangeError || err instanceof TypeError) return fail(ErrorCode.MALFORMED, err.message)
      this.log?.(`internal error answering ${remotePeer}: ${err?.stack ?? err}`)
      return fail(ErrorCode.INTERNAL, 'internal error')
    }
  }

  private async onPropose (remote: string, msg: Propose): Promise<TallyResponse> {
    const draft = msg.record
    if (draft == null) reject(ErrorCode.MALFORMED, 'proposal has no record')
    const side = validateDraft(draft, remote, this.localPeer)
    const name = parseAddress(certOf(draft, side).address).name
    const user = await this.users.find(name)
    if (user == null) reject(ErrorCode.UNKNOWN_USER, `no user ${name} on this node`)
    const key = halfKey(draft.id, side)
    return await this.mutex.run(key, async () => {
      const existing = await this.repo.getByKey(key)
      const record = withKey(draft, side, user.publicKey)
      if (existing != null) {
        if (equalBytes(tallySigningBytes(existing.record), tallySigningBytes(record))) {
          return { ...emptyResponse(), code: ErrorCode.DUPLICATE, message: 'proposal already received', publicKey: user.publicKey }
        }
        reject(ErrorCode.DUPLICATE, 'tally id already in use')
      }
      await this.repo.commit({ half: newHalf(record, side, name, false, this.now()) })
      return { ...emptyResponse(), publicKey: user.publicKey }
    })
  }

  /** The proposer's half of a tally named by a request from `remote`. */
  private async proposerHalf (remote: string, tallyId: Uint8Array): Promise<{ key: string, half: TallyHalf }> {
    if (tallyId.length !== ID_LENGTH) reject(ErrorCode.MALFORMED, 'tally id must be 16 bytes')
    const halves = (await this.repo.find(toHex(tallyId))).filter(h => h.proposedByMe)
    const half = halves[0]
    if (half == null) reject(ErrorCode.UNKNOWN_TALLY, 'no proposal with that id')
    this.checkCounterparty(half, remote)
    return { key: halfKey(half.record.id, half.side), half }
  }

  private async onAccept (remote: string, msg: Accept): Promise<TallyResponse> {
    const { key, half } = await this.proposerHalf(remote, msg.tallyId)
    const acceptor = certOf(half.record, otherSide(half.side))
    if (!equalBytes(msg.publicKey, acceptor.publicKey)) reject(ErrorCode.WRONG_USER, `accept is not signed by ${acceptor.address}`)
    if (!await verifySignature(acceptor.publicKey, tallySigningBytes(half.record), msg.signature)) {
      reject(ErrorCode.BAD_SIGNATURE, 'acceptor\'s signature on the tally does not verify')
    }
    return await this.mutex.run(key, async () => {
      const h = await this.mustGet(key)
      if (h.state === 'proposed') {
        await this.repo.commit({ half: { ...h, state: 'open', partnerSignature: msg.signature, updated: this.now() } })
        return { ...emptyResponse(), signature: h.mySignature as Uint8Array<ArrayBuffer> }
      }
      if (h.state !== 'refused' && h.partnerSignature != null && equalBytes(h.partnerSignature, msg.signature)) {
        return { ...emptyResponse(), code: ErrorCode.DUPLICATE, message: 'already accepted', signature: h.mySignature as Uint8Array<ArrayBuffer> }
      }
      reject(ErrorCode.BAD_STATE, `tally is ${h.state}`)
    })
  }

  private async onRefuse (remote: string, msg: Refuse): Promise<TallyResponse> {
    const { key, half } = await this.proposerHalf(remote, msg.tallyId)
    const acceptor = certOf(half.record, otherSide(half.side))
    if (!await verifySignature(acceptor.publicKey, refuseSigningBytes(half.record), msg.signature)) {
      reject(ErrorCode.BAD_SIGNATURE, 'refusal is not signed by the partner')
    }
    return await this.mutex.run(key, async () => {
      const h = await this.mustGet(key)
      if (h.state === 'refused') return { ...emptyResponse(), code: ErrorCode.DUPLICATE, message: 'already refused' }
      if (h.state !== 'proposed') reject(ErrorCode.BAD_STATE, `tally is ${h.state}`)
      await this.repo.commit({ half: { ...h, state: 'refused', partnerSignature: msg.signature, updated: this.now() } })
      return emptyResponse()
    })
  }

  private async onPostChit (remote: string, msg: PostChit): Promise<TallyResponse> {
    const chits = msg.chits
    if (chits.length === 0 || chits.length > MAX_ENTRIES_PER_MESSAGE) reject(ErrorCode.MALFORMED, `post 1..${MAX_ENTRIES_PER_MESSAGE} chits`)
    for (const c of chits) {
      validateChitShape(c)
      if (!equalBytes(c.tallyId, chits[0].tallyId)) reject(ErrorCode.MALFORMED, 'all chits of one post name one tally')
      if (c.issuer !== Side.STOCK) reject(ErrorCode.MALFORMED, 'only the stock posts chits; the foil places its own')
    }
    const key = halfKey(chits[0].tallyId, Side.FOIL)
    const half = await this.repo.getByKey(key)
    if (half == null) reject(ErrorCode.UNKNOWN_TALLY, 'this node holds no foil of that tally')
    this.checkCounterparty(half, remote)
    await this.learnDecisions(msg.liftDecisions, remote)
    // Every signature is checked before anything is placed: one forgery rejects the post.
    for (const c of chits) await verifyChitSignature(half.record, c)
    return await this.mutex.run(key, async () => {
      let h = await this.mustGet(key)
      const have = Number(msg.haveLength)
      if (have > h.length) reject(ErrorCode.CHAIN_CONFLICT, `stock claims ${have} entries, the foil has ${h.length}`)
      const added: ChainEntry[] = []
      const extra: BatchOp[] = []
      let failure: { error: TallyError, chitId: Uint8Array<ArrayBuffer> } | undefined
      const positions = await this.repo.chitPositions(h.record.id, h.side, chits.map(c => c.chitId))
      for (const [i, chit] of chits.entries()) {
        if (positions[i] != null) continue
        if (added.some(e => equalBytes(e.chit!.chitId, chit.chitId))) continue
        const entry: ChainEntry = { index: BigInt(h.length), prev: h.head as Uint8Array<ArrayBuffer>, chit }
        try {
          // The reservation is released only if the chit is placed.
          let base = h
          const ops: BatchOp[] = []
          if (chit.type === ChitType.LIFT) {
            const admitted = await this.admitLiftChit(h, chit, added)
            base = admitted.half
            ops.push(...admitted.ops)
          }
          h = applyEntry(base, entry, this.now())
          extra.push(...ops)
        } catch (err) {
          if (!(err instanceof TallyError)) throw err
          failure = { error: err, chitId: chit.chitId }
          break
        }
        added.push(entry)
      }
      if (added.length > 0) {
        // The reply carries every entry from `have`; the stock re-posts until it sees its chits.
        h = { ...h, peerLength: Math.max(h.peerLength, h.length) }
        await this.repo.commit({ half: h, entries: added, dirty: false, extra })
      }
      if (failure != null) {
        const res = await this.entriesResponse(h, have, failure.error.code, failure.error.message)
        return { ...res, chitId: failure.chitId }
      }
      return await this.entriesResponse(h, have, added.length === 0 ? ErrorCode.DUPLICATE : ErrorCode.OK, added.length === 0 ? 'chits already placed' : '')
    })
  }

  private async entriesResponse (h: TallyHalf, from: number, code: ErrorCode, message: string): Promise<TallyResponse> {
    const entries = await this.repo.entriesFrom(h.record.id, h.side, from, MAX_ENTRIES_PER_MESSAGE)
    return { ...emptyResponse(), code, message, entries, length: BigInt(h.length), head: h.head as Uint8Array<ArrayBuffer> }
  }

  private async onPushEntries (remote: string, msg: PushEntries): Promise<TallyResponse> {
    if (msg.tallyId.length !== ID_LENGTH) reject(ErrorCode.MALFORMED, 'tally id must be 16 bytes')
    if (msg.entries.length === 0 || msg.entries.length > MAX_ENTRIES_PER_MESSAGE) reject(ErrorCode.MALFORMED, `push 1..${MAX_ENTRIES_PER_MESSAGE} entries`)
    const key = halfKey(msg.tallyId, Side.STOCK)
    const half = await this.repo.getByKey(key)
    if (half == null) reject(ErrorCode.UNKNOWN_TALLY, 'this node holds no stock of that tally')
    this.checkCounterparty(half, remote)
    await this.learnDecisions(msg.liftDecisions, remote)
    const { code, half: after } = await this.applyRemote(key, msg.entries)
    return { ...emptyResponse(), code, message: code === ErrorCode.CHAIN_GAP ? `send from ${after.length}` : '', length: BigInt(after.length), head: after.head as Uint8Array<ArrayBuffer> }
  }

  private async onFetch (remote: string, msg: FetchEntries): Promise<TallyResponse> {
    const halves = await this.repo.find(toHex(msg.tallyId))
    const half = halves.find(h => parseAddress(certOf(h.record, otherSide(h.side)).address).peerId === remote)
    if (half == null) reject(ErrorCode.UNKNOWN_TALLY, 'no tally with that id is shared with the sender')
    return await this.entriesResponse(half, Number(msg.fromIndex), ErrorCode.OK, '')
  }

  /** DESIGN §8: a request naming a tally is served only for the node hosting the other half. */
  private checkCounterparty (half: TallyHalf, remote: string): void {
    const partner = parseAddress(certOf(half.record, otherSide(half.side)).address)
    if (partner.peerId !== remote) reject(ErrorCode.NOT_COUNTERPARTY, 'sender does not host the other half of this tally')
  }

  // ---------------------------------------------------------------- helpers

  private async mustGet (key: string): Promise<TallyHalf> {
    const h = await this.repo.getByKey(key)
    if (h == null) reject(ErrorCode.UNKNOWN_TALLY, 'no such tally')
    return h
  }

  private async incomingProposal (idHex: string, user?: string): Promise<TallyHalf> {
    const halves = (await this.repo.find(normaliseId(idHex))).filter(h => !h.proposedByMe)
    if (halves.length === 0) reject(ErrorCode.UNKNOWN_TALLY, `no proposal ${idHex} addressed to a user of this node`)
    const half = halves[0]
    if (user != null && half.user !== user) {
      reject(ErrorCode.WRONG_USER, `tally ${idHex} was proposed to ${half.user}, not ${user}`)
    }
    return half
  }

  /** The half of tally `idHex` held for `user` (or the only one held here). */
  private async pick (idHex: string, user?: string, anyState = false): Promise<TallyHalf> {
    const halves = await this.repo.find(normaliseId(idHex))
    if (halves.length === 0) reject(ErrorCode.UNKNOWN_TALLY, `no tally ${idHex} on this node`)
    const mine = user == null ? halves : halves.filter(h => h.user === user)
    if (mine.length === 0) reject(ErrorCode.WRONG_USER, `tally ${idHex} does not belong to ${user}`)
    if (mine.length > 1) reject(ErrorCode.MALFORMED, `both users of tally ${idHex} live here: name one with --user`)
    const half = mine[0]
    if (!anyState && half.state !== 'open' && half.state !== 'closing') reject(ErrorCode.BAD_STATE, `tally ${idHex} is ${half.state}`)
    return half
  }

  view (h: TallyHalf): TallyView {
    const mine = certOf(h.record, h.side)
    const theirs = certOf(h.record, otherSide(h.side))
    return {
      id: toHex(h.record.id),
      side: sideName(h.side),
      user: h.user,
      address: mine.address,
      partner: theirs.address,
      state: h.state,
      proposedByMe: h.proposedByMe,
      balance: h.balance.toString(),
      limit: h.record.hasLimit ? h.record.limit.toString() : null,
      chain: { length: h.length, head: toHex(h.head) },
      pending: { count: h.pendingCount, units: h.pendingUnits.toString() },
      reserved: { up: h.liftUp.toString(), down: h.liftDown.toString() },
      undelivered: h.side === Side.FOIL ? h.length - h.peerLength : h.pendingCount,
      settings: { stock: settingsView(h.settings.stock), foil: settingsView(h.settings.foil) },
      created: Number(h.record.created),
      ...(h.acceptPending ? { awaiting: 'accept' as const } : h.refusePending ? { awaiting: 'refuse' as const } : {})
    }
  }
}

/** A failed write: the chits signed for it were never stored. */
function failTickets (tickets: IssueTicket[], error: unknown): void {
  for (const t of tickets) if (t.outcome == null || !('error' in t.outcome)) t.outcome = { error }
}

function settleTickets (tickets: IssueTicket[]): void {
  for (const t of tickets) t.settled()
}

function fail (code: ErrorCode, message: string): TallyResponse {
  return { ...emptyResponse(), code, message }
}

function settingsView (s: Settings): SettingsView {
  return { target: s.target.toString(), bound: s.bound.toString(), reward: s.reward, clutch: s.clutch }
}

function chitView (e: ChainEntry): ChitView {
  const c = e.chit!
  return {
    index: Number(e.index),
    chitId: toHex(c.chitId),
    issuer: sideName(c.issuer),
    type: c.type.toLowerCase(),
    units: c.units.toString(),
    memo: c.memo,
    reference: c.reference,
    time: Number(c.time),
    ...(c.settings != null ? { settings: settingsView(c.settings) } : {}),
    close: c.close
  }
}

function normaliseId (idHex: string): string {
  return normaliseHexId(idHex) ?? reject(ErrorCode.MALFORMED, `tally id must be 32 hex characters: ${JSON.stringify(idHex)}`)
}
