// Settlement as a service: the settlement state of a chain (this node's, or a
// remote operator's, checked here), the operator's side of a claim (verify,
// pay, receipt), and the claimant's side (build, sign, store, send, retry,
// check the receipt).
//
// Paying exactly once. The operator records the claim as an intent (state
// "paying") before it pays; the payment carries the reference
// "sortition-claim:<claim hash hex>". Whenever it finds an intent from
// earlier (a retry, a restart, the background sweep), it first looks for a
// payment with that reference among its own tallies and lifts and pays only
// if there is none; an undecided lift with that reference means "wait". Once
// paid it writes claim, payment evidence and signed receipt as one record
// and only then answers. The same claim again gets the same receipt; another
// claim on a paid chain gets ALREADY_PAID with that receipt.
//
// A claim left unpaid past its deadline (claim-verify.ts claimDeadline): the
// claimant's sweep hands it, once, to the accuser (UNPAID_CLAIM evidence,
// wired in src/node/unpaid-wiring.ts); the operator's node answers an
// accusation against its chain (answerAccusation: paying if it owes, then a
// receipt; or the final settlement for a stale claim), and tells onPaid
// listeners of every payment so that one made later answers too.
import { equalBytes, fromHex, randomBytes, toHex } from '../crypto/bytes.js'
import { verifySignature } from '../crypto/keys.js'
import type { Signer } from '../crypto/keys.js'
import { randomnessOf, verifyBeacon } from '../beacon/verify.js'
import { BeaconError } from '../beacon/errors.js'
import type { BeaconNetwork } from '../beacon/networks.js'
import { KeyedMutex } from '../util/keyed-mutex.js'
import { ClaimCode, SettlementState } from '../../protos/claim.js'
import type { ClaimRequest, ClaimResponse, Settlement } from '../../protos/claim.js'
import type { ClaimTransport } from '../net/claim-network.js'
import type { ClaimRepository, ReceivedClaim, SentClaim } from '../store/claim-repo.js'
import type { OperatorService, ReceivedPayment } from './operator.js'
import { validateChain, chainSigningBytes, NONCE_LENGTH } from './chain.js'
import type { SignedChain } from './chain.js'
import { ChainError } from './chain-errors.js'
import { commitmentHash, commitmentSigningBytes } from './commitment.js'
import type { SignedCommitment } from './commitment.js'
import { decodeProof, encodeProof, verifyProofBytes } from './proof.js'
import type { Proof } from './proof.js'
import type { Region } from './space.js'
import type { Leaf } from './hashing.js'
import type { Predicate } from './predicate.js'
import { decodeAttestation, encodeAttestation } from './attestation.js'
import type { Attestation } from './attestation.js'
import { decodeChainRecord, decodeCommitment } from './record-codec.js'
import { Decisions, checkConditions, drawPoint, inInterval, strictDecider, supportFor, describePredicate } from './settlement.js'
import { claimHash, decodeClaim, encodeClaim, signClaim, signReceipt, receiptSignedBy, PAYMENT_EVIDENCE } from './claim-encoding.js'
import type { Claim, Receipt } from './claim-encoding.js'
import { verifyClaim, claimDeadline, CLAIM_TIME_SKEW_MS } from './claim-verify.js'
import { winnerName } from './evidence.js'
import type { EvidenceAnswer, SupersededAnswer } from './evidence-answer.js'
import { SettlementError, settleFail, TEMPORARY_CODES } from './settlement-errors.js'
import type { SettlementErrorCode } from './settlement-errors.js'
import {
  baseView, receiptView, receiptToJson, receiptFromJson, receiptToWire, receiptFromWire, stateFromWire, stateToWire, stateMessage, winnerView
} from './settlement-view.js'
import type { SettlementStateName, SettlementView } from './settlement-view.js'

/** how often pending claims (sent) and unfinished payments (received) are retried */
export const DEFAULT_CLAIM_RETRY_MS = 5_000
/** how long `claim` keeps retrying a temporary refusal before it returns the pending claim (default) */
export const CLAIM_WAIT_MS = 15_000
/**
 * The claimant accuses this long after the deadline, so that nodes whose
 * clocks lag its own by up to this much already judge the claim due (a node
 * that judges it not due yet ignores the evidence, and gossip does not offer
 * it again).
 */
export const ACCUSE_AFTER_DEADLINE_MS = CLAIM_TIME_SKEW_MS

/**
 * Publishes UNPAID_CLAIM evidence for a claim record; `done` false asks to be
 * called again at a later sweep (e.g. this node's evidence service judges it
 * not due yet).
 */
export type Accuser = (record: Uint8Array) => Promise<{ done: boolean, evidence?: string, note: string }>

/** Told of every claim the operator's node pays (with the receipt it signed). */
export type PaidListener = (chainId: string, record: Uint8Array, receipt: Receipt) => void

/** The beacon as settlement needs it: the followed network and verified rounds this node holds. */
export interface BeaconSource {
  network (): BeaconNetwork | undefined
  /** the signature of `round`, if this node holds it (verified on arrival) */
  signature (round: number): Promise<Uint8Array | undefined>
  /** a round learnt from a peer (a claim, a settlement question): kept if it verifies, as a gossiped one would be */
  offer (round: number, signature: Uint8Array): Promise<void>
}

/**
 * Chains this node follows (chain-sync, src/sortition/follower.ts): the
 * settlement is worked out from them while the operator is out of reach, so
 * the claim is built, signed and stored, and sent once the operator is back.
 */
export interface FollowedChains {
  isFollowed (idHex: string): boolean
  /** starts following (from followers and providers found in the DHT) */
  follow (idHex: string): Promise<unknown>
  final: OperatorService['final']
}

export interface ClaimServiceOptions {
  operator: OperatorService
  followed?: FollowedChains
  repo: ClaimRepository
  transport: ClaimTransport
  users: { signer: (name: string) => Promise<Signer> }
  beacon: BeaconSource
  /** verified oracle attestations this node holds on a question */
  attestations: (question: string) => Promise<Attestation[]>
  /** pays like lifts.pay; returns the evidence "tally:<id>:<chit>" or "lift:<id>" */
  pay: (input: { from: string, to: string, units: bigint, memo: string, reference: string }) => Promise<string>
  /** a payment this node already made from local user `from` to `to` with `reference`: its evidence, "pending" (an undecided lift), or undefined */
  findOwnPayment: (input: { from: string, to: string, reference: string }) => Promise<string | 'pending' | undefined>
  /** what this node received for `evidence` as `payee` (a local user's address), if anything */
  findPayment: (evidence: string, payee: string) => Promise<ReceivedPayment | undefined>
  localPeer: string
  retryMs?: number
  now?: () => number
  log?: (msg: string) => void
}

/** The refusal of a claim on a chain already paid to another claim; carries that receipt. */
export class AlreadyPaid extends SettlementError {
  constructor (readonly receipt: Receipt, message: string) { super('ALREADY_PAID', message) }
}

/** A chain's settlement as worked out from its tree (operator) or from an operator's answer (checked). */
interface Worked {
  chain: SignedChain
  head: SignedCommitment
  state: SettlementStateName
  detail?: string
  beaconSignature?: Uint8Array
  beaconVerified?: boolean
  randomness?: Uint8Array
  draw?: bigint
  winner?: { proof: Proof, region: Region, leaf: Leaf }
  support?: { attestations: Attestation[], preimages: Uint8Array[] }
  claim?: Uint8Array
  receipt?: Receipt
}

export function claimReference (hash: Uint8Array): string {
  return `sortition-claim:${toHex(hash)}`
}

export type ClaimView = Omit<SentClaim, 'record' | 'receipt'> & { receipt?: ReturnType<typeof receiptView> }

export class ClaimService {
  private readonly opts: ClaimServiceOptions
  private readonly now: () => number
  /** operator side and claimant side lock separately: a node can claim from itself */
  private readonly paying = new KeyedMutex()
  private readonly sending = new KeyedMutex()
  private timer?: NodeJS.Timeout
  private sweeping?: Promise<void>
  private accuser?: Accuser
  private readonly paidListeners: PaidListener[] = []

  constructor (opts: ClaimServiceOptions) {
    this.opts = opts
    this.now = opts.now ?? Date.now
  }

  /** Who publishes the evidence when a claim sent from here is overdue (set once evidence runs). */
  setAccuser (accuser: Accuser): void {
    this.accuser = accuser
  }

  onPaid (listener: PaidListener): void {
    this.paidListeners.push(listener)
  }

  async start (): Promise<void> {
    const every = this.opts.retryMs ?? DEFAULT_CLAIM_RETRY_MS
    if (every > 0) {
      this.timer = setInterval(() => { this.sweeping ??= this.sweep().finally(() => { this.sweeping = undefined }) }, every)
      this.timer.unref()
    }
  }

  async stop (): Promise<void> {
    if (this.timer != null) clearInterval(this.timer)
    await this.sweeping
  }

  /** Retries what is unfinished: payments this node owes, claims it sent. */
  async sweep (): Promise<void> {
    for (const r of await this.opts.repo.listReceived()) {
      if (r.state !== 'paying') continue
      try {
        await this.paying.run(r.chainId, async () => { await this.payLocked(r.chainId, false) })
      } catch (err: any) {
        this.opts.log?.(`claim payment for chain ${r.chainId}: ${err.message}`)
      }
    }
    for (const s of await this.opts.repo.listSent()) {
      if (s.state === 'failed' || (s.state === 'paid' && (s.paymentSeen === true || peerOf(s.payee) !== this.opts.localPeer))) continue
      try {
        await this.sending.run(s.chainId, async () => {
          const now = await this.attemptLocked(s.chainId)
          if (now.state === 'pending') await this.accuseIfOverdue(now)
        })
      } catch (err: any) {
        this.opts.log?.(`claim on chain ${s.chainId}: ${err.message}`)
      }
    }
  }

  /** A pending claim past its deadline (and the margin) is handed to the accuser, once (under the chain's sending lock). */
  private async accuseIfOverdue (s: SentClaim): Promise<void> {
    if (this.accuser == null || s.accused != null) return
    const record = fromHex(s.record)
    if (this.now() <= claimDeadline(decodeClaim(record)) + ACCUSE_AFTER_DEADLINE_MS) return
    const r = await this.accuser(record)
    this.opts.log?.(`claim ${s.claimHash} on chain ${s.chainId} is unpaid past its deadline: ${r.note}`)
    if (r.done) await this.opts.repo.putSent({ ...s, accused: { at: this.now(), ...(r.evidence != null ? { evidence: r.evidence } : {}), note: r.note } })
  }

  // ---------------------------------------------------------------- settlement state

  /** The settlement of a chain this node operates (or follows), worked out from its tree. */
  private async workLocal (idHex: string, op: Pick<OperatorService, 'final'> = this.opts.operator): Promise<Worked> {
    const { chain, head } = await op.final(idHex)
    if (this.now() <= chain.tradingEnd) return { chain, head, state: 'trading' }
    const signature = await this.opts.beacon.signature(chain.beaconRound)
    if (signature == null) return { chain, head, state: 'waiting-round' }
    const randomness = randomnessOf(signature)
    const draw = drawPoint(randomness, chain.id)
    const decisions = new Decisions()
    const asked = new Set<string>()
    const undecided: { p?: Predicate } = {}
    // Walk the draw's path; an oracle predicate not decided yet makes us fetch
    // what this node holds on its question, then walk again.
    for (;;) {
      undecided.p = undefined
      const decide = strictDecider(decisions)
      try {
        const got = await op.final(idHex, { point: draw, decide: (p) => { try { return decide(p) } catch (err) { undecided.p = p; throw err } } })
        const received = await this.opts.repo.getReceived(toHex(chain.id))
        const w = got.winner!
        const base: Worked = { chain: got.chain, head: got.head, state: 'won', beaconSignature: signature, beaconVerified: true, randomness, draw, winner: w, support: supportFor(w.proof, decisions) }
        if (w.leaf.owner.kind === 'unassigned') return { ...base, state: 'operator-keeps' }
        if (received?.state === 'paid') return { ...base, state: 'paid', claim: fromHex(received.claimHash), receipt: receiptFromJson(received.receipt!) }
        if (received?.state === 'paying') return { ...base, state: 'claimed', claim: fromHex(received.claimHash) }
        return base
      } catch (err) {
        // (set by the decider: TypeScript cannot see that)
        const p = undecided.p as Predicate | undefined
        if (!(err instanceof SettlementError) || err.code !== 'NOT_SETTLED_YET' || p == null) throw err
        if (p.kind !== 'oracle' || asked.has(p.question)) return { chain, head, state: 'undecided', detail: describePredicate(p), beaconSignature: signature, beaconVerified: true, randomness, draw }
        asked.add(p.question)
        for (const a of await this.opts.attestations(p.question)) await decisions.addAttestation(a)
      }
    }
  }

  /** The settlement of a remote operator's chain, every part checked here. */
  private async workRemote (idHex: string, peer: string): Promise<Worked> {
    const chainId = fromHex(idHex)
    let s = (await this.ask(peer, { getSettlement: { chainId, beaconSignature: new Uint8Array(0) } })).settlement
    if (s == null) settleFail('UNAVAILABLE', 'the operator sent no settlement')
    if (s.state === SettlementState.SETTLEMENT_WAITING_ROUND) {
      // the operator may have missed the round: ask again with ours, if we hold it
      const ours = await this.opts.beacon.signature(decodeChainRecord(s.chain, s.chainSignature).beaconRound)
      if (ours != null) s = (await this.ask(peer, { getSettlement: { chainId, beaconSignature: ours as Uint8Array<ArrayBuffer> } })).settlement ?? s
    }
    return await this.checkSettlement(idHex, s)
  }

  private async checkSettlement (idHex: string, s: Settlement): Promise<Worked> {
    const bad = (m: string): never => settleFail('UNAVAILABLE', `the operator's settlement answer is not valid: ${m}`)
    let chain: SignedChain
    let head: SignedCommitment
    try {
      chain = decodeChainRecord(s.chain, s.chainSignature)
      head = decodeCommitment(s.commitment, s.commitmentSignature)
      await validateChain(chain)
    } catch (err: any) { return bad(err.message) }
    if (toHex(chain.id) !== idHex) bad('it is another chain\'s')
    if (!equalBytes(head.chainId, chain.id)) bad('the commitment is another chain\'s')
    if (!await verifySignature(chain.operator, commitmentSigningBytes(head), head.signature)) bad('the commitment is not signed by the operator')
    if (head.time > chain.tradingEnd) bad('the commitment is stamped after the trading end')
    const state = stateFromWire(s.state)
    if (state == null) return bad('unknown state')
    const out: Worked = { chain, head, state }
    if (s.beaconSignature.length > 0) {
      const network = this.opts.beacon.network()
      let randomness: Uint8Array
      if (network != null) {
        try {
          randomness = verifyBeacon(network, BigInt(chain.beaconRound), s.beaconSignature)
        } catch (err) {
          if (err instanceof BeaconError) settleFail('BAD_BEACON', `the operator's beacon round ${chain.beaconRound}: ${err.code}: ${err.message}`)
          throw err
        }
      } else {
        randomness = randomnessOf(s.beaconSignature)
      }
      Object.assign(out, { beaconSignature: s.beaconSignature, beaconVerified: network != null, randomness, draw: drawPoint(randomness, chain.id) })
    } else {
      // this node may hold the round the operator lacks
      const local = await this.opts.beacon.signature(chain.beaconRound)
      if (local != null) {
        const randomness = randomnessOf(local)
        Object.assign(out, { beaconSignature: local, beaconVerified: true, randomness, draw: drawPoint(randomness, chain.id) })
      }
    }
    if (s.proof.length > 0) {
      if (out.draw == null) bad('a winner without the beacon round')
      const v = verifyProofBytes(s.proof, head.root)
      if (!v.ok) return bad(`the proof: ${v.reason}`)
      if (!inInterval(v.region, out.draw!)) bad('the draw is not in the winning region')
      const decisions = new Decisions()
      const attestations: Attestation[] = []
      for (const b of s.attestations) {
        const a = decodeAttestation(b)
        if (!await decisions.addAttestation(a)) bad('an attestation does not verify')
        attestations.push(a)
      }
      for (const p of s.preimages) decisions.revealPreimage(p)
      const proof = decodeProof(s.proof)
      try { checkConditions(proof, decisions) } catch (err: any) { bad(err.message) }
      out.winner = { proof, region: v.region, leaf: v.leaf }
      out.support = { attestations, preimages: s.preimages }
    } else if (state === 'won' || state === 'claimed' || state === 'paid' || state === 'operator-keeps') {
      bad(`state ${state} without a proof`)
    }
    if (s.claim.length > 0) out.claim = s.claim
    if (s.receipt != null) {
      const r = receiptFromWire(s.receipt)
      if (!await receiptSignedBy(r, chain.operator) || !equalBytes(r.chainId, chain.id)) bad('the receipt is not the operator\'s for this chain')
      out.receipt = r
    }
    return out
  }

  private async work (idHex: string, peer?: string): Promise<Worked> {
    const id = normalise(idHex)
    if (this.opts.operator.isOperated(id)) return await this.workLocal(id)
    const sent = await this.opts.repo.getSent(id)
    const to = peer ?? sent?.operatorPeer
    const followed = this.opts.followed
    if (to == null) {
      if (followed?.isFollowed(id) === true) return await this.workLocal(id, followed)
      settleFail('UNKNOWN_CHAIN', `chain ${id} is not operated here; name its operator's PeerId`)
    }
    try {
      return await this.workRemote(id, to)
    } catch (err) {
      // the operator is out of reach: the chain as this node follows it (following it now if need be)
      if (followed == null || !(err instanceof SettlementError) || err.code !== 'UNAVAILABLE') throw err
      if (!followed.isFollowed(id)) await followed.follow(id).catch(() => { throw err })
      return await this.workLocal(id, followed)
    }
  }

  /** `chain settle`: round, draw, winning leaf and settlement state of a chain. */
  async settle (idHex: string, peer?: string): Promise<SettlementView> {
    const id = normalise(idHex)
    const w = await this.work(id, peer)
    return await this.view(w, peer != null && !this.opts.operator.isOperated(id) ? peer : undefined)
  }

  private async view (w: Worked, from?: string): Promise<SettlementView> {
    const winner = w.winner != null ? winnerView(w.chain, w.winner.region, w.winner.leaf) : undefined
    const receipt = w.receipt != null ? receiptView(w.receipt) : undefined
    const sent = await this.opts.repo.getSent(toHex(w.chain.id))
    return {
      ...baseView(w.chain, w.head),
      state: w.state,
      message: stateMessage(w.state, { beaconRound: w.chain.beaconRound, tradingEnd: w.chain.tradingEnd, winner, receipt, detail: w.detail }),
      ...(w.randomness != null ? { randomness: toHex(w.randomness), draw: '0x' + w.draw!.toString(16).padStart(64, '0'), beaconVerified: w.beaconVerified === true } : {}),
      ...(winner != null ? { winner } : {}),
      ...(w.claim != null ? { claim: toHex(w.claim) } : {}),
      ...(receipt != null ? { receipt } : {}),
      ...(sent != null ? { ownClaim: { state: sent.state, claimHash: sent.claimHash, ...(sent.lastError != null ? { lastError: sent.lastError } : {}), ...(sent.paymentSeen != null ? { paymentSeen: sent.paymentSeen } : {}) } } : {}),
      ...(from != null ? { from } : {})
    }
  }

  // ---------------------------------------------------------------- operator: receiving claims

  async handleClaimRequest (_remotePeer: string, req: ClaimRequest): Promise<ClaimResponse> {
    try {
      if (req.submit != null) {
        const receipt = await this.receive(req.submit.claim)
        return { code: ClaimCode.CLAIM_OK, message: '', receipt: receiptToWire(receipt) }
      }
      if (req.getSettlement != null) {
        const id = toHex(req.getSettlement.chainId)
        if (req.getSettlement.chainId.length !== 32) settleFail('MALFORMED', 'a chain id is 32 bytes')
        if (!this.opts.operator.isOperated(id)) settleFail('UNKNOWN_CHAIN', `this node does not operate chain ${id}`)
        const offered = req.getSettlement.beaconSignature
        if (offered.length > 0) await this.opts.beacon.offer((await this.opts.operator.fetchChain(id)).beaconRound, offered)
        return { code: ClaimCode.CLAIM_OK, message: '', settlement: settlementToWire(await this.workLocal(id)) }
      }
      return { code: ClaimCode.CLAIM_MALFORMED, message: 'empty request' }
    } catch (err: any) {
      if (err instanceof AlreadyPaid) return { code: ClaimCode.CLAIM_ALREADY_PAID, message: err.message, receipt: receiptToWire(err.receipt) }
      if (err instanceof SettlementError) return { code: WIRE_CODE[err.code], message: err.message }
      if (err instanceof ChainError && err.code === 'UNKNOWN_CHAIN') return { code: ClaimCode.CLAIM_UNKNOWN_CHAIN, message: err.message }
      this.opts.log?.(`claim request failed: ${err?.stack ?? err}`)
      return { code: ClaimCode.CLAIM_INTERNAL, message: 'internal error' }
    }
  }

  /**
   * Receives a claim record: checks it, pays the winner once, returns the
   * receipt. Nothing is stored for a claim that does not check out.
   */
  async receive (record: Uint8Array): Promise<Receipt> {
    const claim = decodeClaim(record)
    const id = toHex(claim.fields.chainId)
    if (!this.opts.operator.isOperated(id)) settleFail('UNKNOWN_CHAIN', `this node does not operate chain ${id}`)
    const hash = claimHash(claim)
    return await this.paying.run(id, async () => {
      const existing = await this.opts.repo.getReceived(id)
      if (existing != null && existing.claimHash === toHex(hash)) {
        // the same claim again: its receipt, or finish paying it
        if (existing.state === 'paid') return receiptFromJson(existing.receipt!)
        return await this.payLocked(id, false)
      }
      const verified = await this.check(claim)
      if (existing != null) {
        // another valid claim: the one recorded first is the one paid
        const receipt = existing.state === 'paid' ? receiptFromJson(existing.receipt!) : await this.payLocked(id, false)
        throw new AlreadyPaid(receipt, `chain ${id} is paid to claim ${existing.claimHash}`)
      }
      const { operatorUser } = await this.opts.operator.final(id)
      const intent: ReceivedClaim = {
        chainId: id,
        claimHash: toHex(hash),
        record: toHex(record),
        payee: claim.fields.payee,
        units: verified.units.toString(),
        reference: claimReference(hash),
        operatorUser,
        received: this.now(),
        state: 'paying',
        attempts: 0
      }
      // the intent is on disk before any payment can exist
      await this.opts.repo.putReceived(intent)
      return await this.payLocked(id, true)
    })
  }

  /** verifyClaim, plus what only the operator can check: the clock, and that the commitment is its final one. */
  private async check (claim: Claim): Promise<{ units: bigint }> {
    const id = toHex(claim.fields.chainId)
    const network = this.opts.beacon.network()
    if (network == null) settleFail('UNAVAILABLE', 'this node follows no beacon network: it cannot check claims')
    const now = this.now()
    if (Math.abs(claim.fields.time - now) > CLAIM_TIME_SKEW_MS) settleFail('BAD_TIME', `the claim is stamped ${claim.fields.time - now} ms from this node's clock (at most ±${CLAIM_TIME_SKEW_MS}); sign a fresh one`)
    const known: Attestation[] = []
    let proof: Proof | undefined
    try { proof = decodeProof(claim.fields.proof) } catch { proof = undefined } // verifyClaim reports it
    const questions = new Set<string>()
    for (const s of proof?.steps ?? []) if (s.kind === 'cond' && s.predicate.kind === 'oracle') questions.add(s.predicate.question)
    for (const q of questions) known.push(...await this.opts.attestations(q))
    const v = await verifyClaim(claim, { network, now, known })
    // the round verified: keep it if this node missed it, so its own settlement view has it
    await this.opts.beacon.offer(claim.fields.beaconRound, claim.beaconSignature)
    const { head } = await this.opts.operator.final(id)
    if (!equalBytes(commitmentHash(head), claim.fields.commitment)) settleFail('STALE_COMMITMENT', `the claim's commitment is not chain ${id}'s final one (height ${head.height})`)
    return { units: v.units }
  }

  /** Pays the recorded claim of a chain if it is not paid yet (under the chain's lock). */
  private async payLocked (id: string, fresh: boolean): Promise<Receipt> {
    const rec = await this.opts.repo.getReceived(id)
    if (rec == null) settleFail('UNKNOWN_CHAIN', `no claim recorded on chain ${id}`)
    if (rec.state === 'paid') return receiptFromJson(rec.receipt!)
    let payment: string | 'pending' | undefined
    // an earlier attempt may have paid before its result was written
    if (!fresh) payment = await this.opts.findOwnPayment({ from: rec.operatorUser, to: rec.payee, reference: rec.reference })
    if (payment === 'pending') settleFail('PAYMENT_FAILED', 'an earlier payment of this claim is still undecided; retry later')
    if (payment == null) {
      try {
        payment = await this.opts.pay({ from: rec.operatorUser, to: rec.payee, units: BigInt(rec.units), memo: 'sortition prize', reference: rec.reference })
      } catch (err: any) {
        await this.opts.repo.putReceived({ ...rec, attempts: rec.attempts + 1, lastError: err?.message ?? String(err) })
        settleFail('PAYMENT_FAILED', `cannot pay ${rec.units} to ${rec.payee} now: ${err?.message ?? err}`)
      }
    }
    const signer = await this.opts.users.signer(rec.operatorUser)
    const receipt = await signReceipt(signer, { claim: fromHex(rec.claimHash), chainId: fromHex(rec.chainId), units: BigInt(rec.units), payment, time: this.now() })
    const paid: ReceivedClaim = { ...rec, state: 'paid', attempts: rec.attempts + 1, payment, receipt: receiptToJson(receipt), paid: this.now() }
    delete paid.lastError
    // claim, payment evidence and receipt in one record, before answering
    await this.opts.repo.putReceived(paid)
    for (const l of this.paidListeners) {
      try { l(id, fromHex(rec.record), receipt) } catch (err: any) { this.opts.log?.(`paid listener failed: ${err?.message ?? err}`) }
    }
    return receipt
  }

  // ---------------------------------------------------------------- operator: answering accusations

  /**
   * The operator's answer to UNPAID_CLAIM evidence quoting `record`, on a
   * chain this node operates, paying first when it owes: the receipt of the
   * chain's recorded claim (finishing its payment if pending); with no claim
   * recorded, the accused claim itself is recorded and paid if it is valid
   * (an accusation is a claim too: no clock check) and against the final
   * commitment, or against an older one by the same winner; a stale claim of
   * another winner gets the final settlement (SUPERSEDED). undefined when it
   * cannot answer now: not its chain, or the payment failed (the intent
   * stays; the sweep retries and onPaid listeners hear of the payment).
   * Throws SettlementError for a claim that does not verify here.
   */
  async answerAccusation (record: Uint8Array): Promise<EvidenceAnswer | undefined> {
    const claim = decodeClaim(record)
    const id = toHex(claim.fields.chainId)
    if (!this.opts.operator.isOperated(id)) return undefined
    return await this.paying.run(id, async () => {
      let fresh = false
      if (await this.opts.repo.getReceived(id) == null) {
        const owed = await this.checkAccused(claim)
        if (owed != null) return owed
        const hash = claimHash(claim)
        const { operatorUser } = await this.opts.operator.final(id)
        await this.opts.repo.putReceived({
          chainId: id, claimHash: toHex(hash), record: toHex(record), payee: claim.fields.payee, units: claim.chain.value.toString(),
          reference: claimReference(hash), operatorUser, received: this.now(), state: 'paying', attempts: 0
        })
        fresh = true
      }
      let receipt: Receipt
      try {
        receipt = await this.payLocked(id, fresh)
      } catch (err) {
        if (err instanceof SettlementError && TEMPORARY_CODES.has(err.code)) return undefined
        throw err
      }
      const paid = (await this.opts.repo.getReceived(id))!
      return { kind: 'PAID', claim: decodeClaim(fromHex(paid.record)), receipt }
    })
  }

  /** An accused claim with nothing recorded on its chain: undefined if it is to be paid, else the SUPERSEDED answer. */
  private async checkAccused (claim: Claim): Promise<SupersededAnswer | undefined> {
    const id = toHex(claim.fields.chainId)
    const network = this.opts.beacon.network()
    if (network == null) settleFail('UNAVAILABLE', 'this node follows no beacon network: it cannot check claims')
    const known: Attestation[] = []
    const questions = new Set<string>()
    for (const s of decodeProof(claim.fields.proof).steps) if (s.kind === 'cond' && s.predicate.kind === 'oracle') questions.add(s.predicate.question)
    for (const q of questions) known.push(...await this.opts.attestations(q))
    const v = await verifyClaim(claim, { network, now: this.now(), known })
    await this.opts.beacon.offer(claim.fields.beaconRound, claim.beaconSignature)
    const { head } = await this.opts.operator.final(id)
    if (equalBytes(commitmentHash(head), claim.fields.commitment)) return undefined
    // a stale claim: still owed if its signer is the final winner
    const w = await this.workLocal(id)
    if (w.winner == null || w.beaconSignature == null) settleFail('NOT_SETTLED_YET', stateMessage(w.state, { beaconRound: w.chain.beaconRound, tradingEnd: w.chain.tradingEnd, detail: w.detail }))
    if (winnerName(w.winner.leaf.owner) === winnerName(v.winner)) return undefined
    if (w.winner.leaf.owner.kind === 'unassigned') settleFail('UNASSIGNED', 'the draw lands in an unassigned leaf at the final commitment')
    return {
      kind: 'SUPERSEDED',
      chain: w.chain,
      commitment: w.head,
      beaconSignature: w.beaconSignature,
      proof: encodeProof(w.winner.proof),
      attestations: w.support?.attestations ?? [],
      preimages: w.support?.preimages ?? []
    }
  }

  // ---------------------------------------------------------------- claimant

  /**
   * Claims a chain's value as local user `user`: the owner of the winning user
   * leaf, or the operator (on this node) of the winning child chain. Stores
   * the signed claim, sends it, and retries temporary refusals for a while;
   * the background sweep keeps retrying a claim still pending after that.
   */
  async claim (input: { chainId: string, user: string, peer?: string, payee?: string, waitMs?: number }): Promise<ClaimView> {
    const id = normalise(input.chainId)
    return await this.sending.run(id, async () => {
      const sent = await this.opts.repo.getSent(id)
      if (sent == null || sent.state === 'failed') await this.build(id, input)
      const deadline = this.now() + (input.waitMs ?? CLAIM_WAIT_MS)
      for (;;) {
        const s = await this.attemptLocked(id)
        // a final refusal is an error (it stays listed, and a new `claim` starts afresh)
        if (s.state === 'failed') settleFail((s.lastError?.code ?? 'UNAVAILABLE') as SettlementErrorCode, s.lastError?.message ?? 'the claim was refused')
        if (s.state !== 'pending' || this.now() > deadline) return claimView(s)
        await new Promise(resolve => setTimeout(resolve, 500))
      }
    })
  }

  async listClaims (): Promise<{ sent: ClaimView[], received: ReceivedClaim[] }> {
    return { sent: (await this.opts.repo.listSent()).map(claimView), received: await this.opts.repo.listReceived() }
  }

  /** Builds, signs and stores a claim (replacing a failed or stale one). */
  private async build (id: string, input: { user: string, peer?: string, payee?: string }): Promise<SentClaim> {
    const w = await this.work(id, input.peer)
    if (w.state === 'operator-keeps') settleFail('UNASSIGNED', 'the draw lands in an unassigned region: the operator keeps the chain\'s value')
    if (w.winner == null || w.beaconSignature == null) settleFail('NOT_SETTLED_YET', stateMessage(w.state, { beaconRound: w.chain.beaconRound, tradingEnd: w.chain.tradingEnd, detail: w.detail }))
    const leaf = w.winner.leaf
    let signer: Signer
    let child: SignedChain | undefined
    if (leaf.owner.kind === 'user') {
      signer = await this.opts.users.signer(input.user)
      if (!equalBytes(signer.publicKey, leaf.owner.publicKey)) settleFail('NOT_OWNER', `${input.user} does not own the winning leaf`)
    } else if (leaf.owner.kind === 'child') {
      const childId = toHex(leaf.owner.chainId)
      if (!this.opts.operator.isOperated(childId)) settleFail('NOT_OWNER', `the winner is child chain ${childId}, not operated on this node`)
      if (this.opts.operator.show(childId).operatorUser !== input.user) settleFail('NOT_OWNER', `child chain ${childId} is not operated by ${input.user}`)
      signer = await this.opts.users.signer(input.user)
      child = await this.opts.operator.fetchChain(childId)
    } else {
      return settleFail('UNASSIGNED', 'the winning region is unassigned')
    }
    const payee = input.payee ?? `${input.user}@${this.opts.localPeer}`
    const claim = await signClaim(signer, {
      fields: { chainId: w.chain.id, commitment: commitmentHash(w.head), proof: encodeProof(w.winner.proof), beaconRound: w.chain.beaconRound, payee, time: this.now(), nonce: randomBytes(NONCE_LENGTH) },
      chain: w.chain,
      commitment: w.head,
      beaconSignature: w.beaconSignature,
      attestations: w.support?.attestations ?? [],
      preimages: w.support?.preimages ?? [],
      ...(child != null ? { child } : {})
    })
    const record = encodeClaim(claim)
    const s: SentClaim = {
      chainId: id,
      user: input.user,
      operatorPeer: peerOf(w.chain.operatorAddress),
      claimHash: toHex(claimHash(claim)),
      record: toHex(record),
      payee,
      state: 'pending',
      created: this.now(),
      attempts: 0
    }
    // stored before it is sent: a restart retries it
    await this.opts.repo.putSent(s)
    return s
  }

  /** Sends the stored claim of a chain once and records the outcome (under the chain's sending lock). */
  private async attemptLocked (id: string): Promise<SentClaim> {
    let s = (await this.opts.repo.getSent(id))!
    if (s.state === 'failed') return s
    if (s.state === 'paid') {
      // a local payee's node may see a chit or a lift decision a moment after the receipt
      if (s.paymentSeen !== true && peerOf(s.payee) === this.opts.localPeer && await this.paymentSeen(s, receiptFromJson(s.receipt!))) {
        s = { ...s, paymentSeen: true }
        await this.opts.repo.putSent(s)
      }
      return s
    }
    const claim = decodeClaim(fromHex(s.record))
    let res: ClaimResponse
    try {
      res = await this.ask(s.operatorPeer, { submit: { claim: fromHex(s.record) } })
    } catch (err) {
      if (err instanceof AlreadyPaid) {
        s = { ...s, state: 'failed', attempts: s.attempts + 1, lastError: { code: 'ALREADY_PAID', message: `${err.message}; receipt ${toHex(err.receipt.claim)} paid by ${err.receipt.payment}` } }
      } else if (err instanceof SettlementError && err.code === 'BAD_TIME' && s.attempts < 3) {
        // never accepted: sign it afresh with this clock (a few times at most)
        const fresh = await this.build(id, { user: s.user, peer: s.operatorPeer, payee: s.payee })
        await this.opts.repo.putSent({ ...fresh, attempts: s.attempts + 1 })
        return await this.attemptLocked(id)
      } else if (err instanceof SettlementError) {
        s = { ...s, state: TEMPORARY_CODES.has(err.code) ? 'pending' : 'failed', attempts: s.attempts + 1, lastError: { code: err.code, message: err.message } }
      } else {
        throw err
      }
      await this.opts.repo.putSent(s)
      return s
    }
    const receipt = receiptFromWire(res.receipt!)
    const problem = await this.receiptProblem(claim, receipt)
    if (problem != null) {
      s = { ...s, state: 'failed', attempts: s.attempts + 1, lastError: { code: 'BAD_RECEIPT', message: problem } }
    } else {
      s = { ...s, state: 'paid', attempts: s.attempts + 1, receipt: receiptToJson(receipt), paymentSeen: await this.paymentSeen(s, receipt) }
      delete s.lastError
    }
    await this.opts.repo.putSent(s)
    return s
  }

  private async receiptProblem (claim: Claim, r: Receipt): Promise<string | undefined> {
    if (!await receiptSignedBy(r, claim.chain.operator)) return 'the receipt is not signed by the chain\'s operator'
    if (!equalBytes(r.claim, claimHash(claim))) return 'the receipt is for another claim'
    if (!equalBytes(r.chainId, claim.chain.id)) return 'the receipt is for another chain'
    if (r.units !== claim.chain.value) return `the receipt pays ${r.units}, the chain's value is ${claim.chain.value}`
    if (!PAYMENT_EVIDENCE.test(r.payment)) return 'the receipt names no payment'
    return undefined
  }

  /** Whether the payee, if it is a user of this node, holds the payment the receipt names. */
  private async paymentSeen (s: SentClaim, r: Receipt): Promise<boolean> {
    if (peerOf(s.payee) !== this.opts.localPeer) return false
    const got = await this.opts.findPayment(r.payment, s.payee)
    return got != null && got.payee === s.payee && got.units >= r.units && got.reference === claimReference(fromHex(s.claimHash))
  }

  private async ask (peer: string, req: ClaimRequest): Promise<ClaimResponse> {
    let res: ClaimResponse
    try {
      res = await this.opts.transport.request(peer, req)
    } catch (err: any) {
      return settleFail('UNAVAILABLE', `operator ${peer}: ${err?.message ?? err}`)
    }
    if (res.code === ClaimCode.CLAIM_OK) {
      if (req.submit != null && res.receipt == null) settleFail('UNAVAILABLE', 'the operator answered without a receipt')
      return res
    }
    if (res.code === ClaimCode.CLAIM_ALREADY_PAID && res.receipt != null) throw new AlreadyPaid(receiptFromWire(res.receipt), res.message)
    return settleFail(CODE_OF_WIRE.get(res.code) ?? 'UNAVAILABLE', res.message)
  }
}

// ---------------------------------------------------------------- helpers

function claimView (s: SentClaim): ClaimView {
  const { record: _record, receipt, ...rest } = s
  return { ...rest, ...(receipt != null ? { receipt: receiptView(receiptFromJson(receipt)) } : {}) }
}

function normalise (idHex: string): string {
  if (typeof idHex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(idHex)) settleFail('MALFORMED', 'a chain id is 64 hex digits')
  return idHex.toLowerCase()
}

function peerOf (address: string): string {
  return address.slice(address.lastIndexOf('@') + 1)
}

function settlementToWire (w: Worked): Settlement {
  const empty = new Uint8Array(0)
  return {
    state: stateToWire(w.state),
    chain: chainSigningBytes(w.chain) as Uint8Array<ArrayBuffer>,
    chainSignature: w.chain.signature as Uint8Array<ArrayBuffer>,
    commitment: commitmentSigningBytes(w.head) as Uint8Array<ArrayBuffer>,
    commitmentSignature: w.head.signature as Uint8Array<ArrayBuffer>,
    beaconSignature: (w.beaconSignature ?? empty) as Uint8Array<ArrayBuffer>,
    proof: (w.winner != null ? encodeProof(w.winner.proof) : empty) as Uint8Array<ArrayBuffer>,
    attestations: (w.support?.attestations ?? []).map(a => encodeAttestation(a) as Uint8Array<ArrayBuffer>),
    preimages: (w.support?.preimages ?? []) as Array<Uint8Array<ArrayBuffer>>,
    ...(w.receipt != null ? { receipt: receiptToWire(w.receipt) } : {}),
    claim: (w.claim ?? empty) as Uint8Array<ArrayBuffer>
  }
}

const WIRE_CODE: Record<SettlementErrorCode, ClaimCode> = {
  MALFORMED: ClaimCode.CLAIM_MALFORMED,
  NOT_SETTLED_YET: ClaimCode.CLAIM_NOT_SETTLED_YET,
  LOSING_REGION: ClaimCode.CLAIM_LOSING_REGION,
  UNASSIGNED: ClaimCode.CLAIM_UNASSIGNED,
  BAD_BEACON: ClaimCode.CLAIM_BAD_BEACON,
  BAD_ATTESTATION: ClaimCode.CLAIM_BAD_ATTESTATION,
  BAD_PROOF: ClaimCode.CLAIM_BAD_PROOF,
  BAD_CHAIN: ClaimCode.CLAIM_BAD_CHAIN,
  BAD_COMMITMENT: ClaimCode.CLAIM_BAD_COMMITMENT,
  STALE_COMMITMENT: ClaimCode.CLAIM_STALE_COMMITMENT,
  NOT_OWNER: ClaimCode.CLAIM_NOT_OWNER,
  BAD_TIME: ClaimCode.CLAIM_BAD_TIME,
  ALREADY_PAID: ClaimCode.CLAIM_ALREADY_PAID,
  UNKNOWN_CHAIN: ClaimCode.CLAIM_UNKNOWN_CHAIN,
  PAYMENT_FAILED: ClaimCode.CLAIM_PAYMENT_FAILED,
  BAD_RECEIPT: ClaimCode.CLAIM_INTERNAL,
  UNAVAILABLE: ClaimCode.CLAIM_INTERNAL
}

const CODE_OF_WIRE = new Map<ClaimCode, SettlementErrorCode>(
  (Object.entries(WIRE_CODE) as Array<[SettlementErrorCode, ClaimCode]>)
    .filter(([k]) => k !== 'BAD_RECEIPT')
    .map(([k, v]) => [v, k])
)
