// Fraud evidence on a node: verifies every piece before acting on it, stores
// it and marks the operator, and relays it on /sortlift/evidence/1.
//
// - gossip validation (validate): a payload that does not decode, or does not
//   prove fraud, is rejected (gossipsub penalises the relaying peer) and
//   nothing is stored; a kind this node does not judge, a piece already
//   known, or one beyond the storage bounds is ignored (not relayed, not
//   penalised); verified new evidence is stored, then accepted (relayed).
// - local detectors and users (submit): the same verification (a failure is
//   thrown as EvidenceError), then stored and published.
// - UNPAID_CLAIM is judged with this node's clock and beacon network; the
//   operator's answers (/sortlift/evidence-answer/1, validateAnswer and
//   submitAnswer) clear the marks of the accusations they answer, and an
//   accusation that an answer held here already answers is refused (ANSWERED).
//   Refusals that say nothing against the sender (NOT_AN_OFFENCE: a clock
//   behind, no or another beacon network, answered already) are ignored on
//   gossip, not rejected.
import { toHex } from '../crypto/bytes.js'
import { KeyedMutex } from '../util/keyed-mutex.js'
import type { BeaconNetwork } from '../beacon/networks.js'
import { verifyEvidence, evidenceId } from './evidence.js'
import type { Evidence, Finding, VerifyContext } from './evidence.js'
import { EvidenceError, NOT_AN_OFFENCE, evidenceFail } from './evidence-errors.js'
import { decodeEvidenceWire, encodeEvidenceWire } from './evidence-wire.js'
import { evidenceFromJson, evidenceToJson } from './evidence-json.js'
import { verifyAnswer, answerCovers, answerId, answerChain } from './evidence-answer.js'
import type { EvidenceAnswer, AnswerFacts } from './evidence-answer.js'
import { decodeAnswerWire, encodeAnswerWire } from './evidence-answer-wire.js'
import type { EvidenceRepository, StoredEvidence, StoredAnswer, OperatorMark } from '../store/evidence-repo.js'
import type { GossipValidator, GossipVerdict } from '../net/gossip.js'

export interface EvidenceServiceOptions {
  repo: EvidenceRepository
  /** publishes a payload on /sortlift/evidence/1; resolves to the number of peers it was sent to */
  publish: (data: Uint8Array) => Promise<number>
  /** publishes a payload on /sortlift/evidence-answer/1 (none: answers are kept here only) */
  publishAnswer?: (data: Uint8Array) => Promise<number>
  /** the beacon network this node follows: claims are judged against it (none: UNPAID_CLAIM is not judged) */
  network?: () => BeaconNetwork | undefined
  localPeer: string
  now?: () => number
  log?: (msg: string) => void
}

export interface AnswerResult extends Omit<StoredAnswer, 'payload'> {
  /** false when this node held it already (or its storage bounds are reached) */
  stored: boolean
  /** UNPAID_CLAIM evidence whose marks it cleared here */
  cleared: string[]
  recipients: number
}

/** Called with UNPAID_CLAIM evidence just stored (from gossip or submitted here). */
export type UnpaidListener = (e: StoredEvidence) => void

export type EvidenceSummary = Omit<StoredEvidence, 'evidence'>

export interface SubmitResult extends EvidenceSummary {
  /** false when this node held it already (or its storage bounds are reached) */
  stored: boolean
  /** peers the payload was sent to */
  recipients: number
}

export class EvidenceService implements GossipValidator {
  private readonly now: () => number
  // one piece at a time: checking "known", verifying and storing must not
  // interleave (verification is CPU-bound on this thread anyway)
  private readonly mutex = new KeyedMutex()
  private readonly unpaidListeners: UnpaidListener[] = []

  constructor (private readonly opts: EvidenceServiceOptions) {
    this.now = opts.now ?? Date.now
  }

  /** Tells `listener` of each new UNPAID_CLAIM stored here (the operator's node answers those against its chains). */
  onUnpaid (listener: UnpaidListener): void {
    this.unpaidListeners.push(listener)
  }

  private context (): VerifyContext {
    return { network: this.opts.network?.(), now: this.now() }
  }

  /** gossip validation of a /sortlift/evidence/1 payload (stores it before accepting). */
  async validate (data: Uint8Array, from: string): Promise<GossipVerdict> {
    let e: Evidence
    let id: string
    try {
      e = decodeEvidenceWire(data)
      id = toHex(evidenceId(e))
    } catch (err) {
      if (!(err instanceof EvidenceError)) throw err
      // a kind this node does not judge yet is no offence: newer nodes know more kinds
      if (err.code === 'UNSUPPORTED_KIND') return 'ignore'
      this.opts.log?.(`evidence from ${from} rejected: ${err.code}: ${err.message}`)
      return 'reject'
    }
    const stored = await this.mutex.run('evidence', async (): Promise<StoredEvidence | GossipVerdict> => {
      if (await this.opts.repo.has(id)) return 'ignore'
      let f: Finding
      try {
        f = await verifyEvidence(e, this.context())
        await this.refuseAnswered(f)
      } catch (err) {
        if (!(err instanceof EvidenceError)) throw err
        if (NOT_AN_OFFENCE.has(err.code)) return 'ignore'
        this.opts.log?.(`evidence ${id} from ${from} rejected: ${err.code}: ${err.message}`)
        return 'reject'
      }
      if (!await this.opts.repo.hasRoom(toHex(f.operator))) return 'ignore'
      const record = this.record(e, f, from)
      await this.opts.repo.put(record)
      return record
    })
    if (typeof stored === 'string') return stored
    this.notify(stored)
    return 'accept'
  }

  /**
   * Verifies evidence found by this node (a follower's detector, a user's
   * file), stores it, marks the operator and publishes it. Throws
   * EvidenceError if it proves nothing (then nothing is stored or sent).
   */
  async submit (e: Evidence): Promise<SubmitResult> {
    const data = encodeEvidenceWire(e) // what peers would refuse as too large is refused here first
    const { stored, record } = await this.mutex.run('evidence', async () => {
      const f = await verifyEvidence(e, this.context())
      const record = this.record(e, f, this.opts.localPeer)
      const known = await this.opts.repo.get(record.id)
      // answered here already: publishing it again would only be ignored
      if (known?.answered != null) evidenceFail('ANSWERED', `claim ${known.unpaid?.claimHash ?? ''} is answered by ${known.answered.kind} answer ${known.answered.answer}`)
      if (known != null) return { stored: false, record: known }
      await this.refuseAnswered(f)
      if (!await this.opts.repo.hasRoom(record.operator)) return { stored: false, record }
      await this.opts.repo.put(record)
      return { stored: true, record }
    })
    if (stored) this.notify(record)
    const recipients = await this.opts.publish(data)
    const { evidence: _, ...summary } = record
    return { ...summary, stored, recipients }
  }

  /** submit() for the JSON form (files, the API). */
  async submitJson (json: unknown): Promise<SubmitResult> {
    return await this.submit(evidenceFromJson(json))
  }

  /** Evidence held here, oldest first; only against `operator` (key hex) if given. */
  async list (filter: { operator?: string } = {}): Promise<EvidenceSummary[]> {
    let all: StoredEvidence[]
    if (filter.operator != null) {
      const marks = await this.opts.repo.marksOf(filter.operator.toLowerCase())
      all = (await Promise.all(marks.map(async m => await this.opts.repo.get(m.evidenceId)))).filter((x): x is StoredEvidence => x != null)
    } else {
      all = await this.opts.repo.list()
    }
    return all.map(({ evidence: _, ...s }) => s)
  }

  async show (id: string): Promise<StoredEvidence | undefined> {
    return await this.opts.repo.get(id.toLowerCase())
  }

  /** Which evidence marks an operator key (hex), and when it arrived. */
  async marksOf (operator: string): Promise<OperatorMark[]> {
    return await this.opts.repo.marksOf(operator.toLowerCase())
  }

  // ---------------------------------------------------------------- answers

  /** gossip validation of a /sortlift/evidence-answer/1 payload (stores it, and clears what it answers, before accepting). */
  async validateAnswer (data: Uint8Array, from: string): Promise<GossipVerdict> {
    let a: EvidenceAnswer
    try {
      a = decodeAnswerWire(data)
      answerId(a) // shape
    } catch (err) {
      if (!(err instanceof EvidenceError)) throw err
      if (NOT_AN_OFFENCE.has(err.code)) return 'ignore'
      this.opts.log?.(`answer from ${from} rejected: ${err.code}: ${err.message}`)
      return 'reject'
    }
    return await this.mutex.run('evidence', async () => {
      const chainId = toHex(answerChain(a).id)
      if (await this.opts.repo.hasAnswer(chainId, toHex(answerId(a)))) return 'ignore'
      let facts: AnswerFacts
      try {
        facts = await verifyAnswer(a, this.context())
      } catch (err) {
        if (!(err instanceof EvidenceError)) throw err
        if (NOT_AN_OFFENCE.has(err.code)) return 'ignore'
        this.opts.log?.(`answer on chain ${chainId} from ${from} rejected: ${err.code}: ${err.message}`)
        return 'reject'
      }
      if (!await this.opts.repo.hasAnswerRoom(chainId)) return 'ignore'
      const cleared = await this.storeAnswer(facts, data, from)
      if (cleared.length > 0) this.opts.log?.(`answer ${facts.id} (${facts.kind}) from ${from} clears ${cleared.length} unpaid-claim marks on operator ${facts.operator}`)
      return 'accept'
    })
  }

  /**
   * Verifies an answer made here (the operator's node), stores it, clears the
   * marks of what it answers and publishes it. Throws EvidenceError if it
   * answers nothing verifiable (then nothing is stored or sent).
   */
  async submitAnswer (a: EvidenceAnswer): Promise<AnswerResult> {
    const data = encodeAnswerWire(a)
    const { facts, stored, cleared } = await this.mutex.run('evidence', async () => {
      const facts = await verifyAnswer(a, this.context())
      if (await this.opts.repo.hasAnswer(facts.chainId, facts.id)) return { facts, stored: false, cleared: [] }
      if (!await this.opts.repo.hasAnswerRoom(facts.chainId)) return { facts, stored: false, cleared: [] }
      return { facts, stored: true, cleared: await this.storeAnswer(facts, data, this.opts.localPeer) }
    })
    const recipients = await this.opts.publishAnswer?.(data) ?? 0
    return { ...facts, from: this.opts.localPeer, receivedAt: this.now(), stored, cleared, recipients }
  }

  /** The answers held here for a chain (id hex), oldest first. */
  async answersOn (chainId: string): Promise<StoredAnswer[]> {
    return await this.opts.repo.answersOn(chainId.toLowerCase())
  }

  /** Open (unanswered) UNPAID_CLAIM evidence against `operator` on a chain. */
  async openUnpaid (operator: string, chainId: string): Promise<StoredEvidence[]> {
    return await this.opts.repo.openUnpaid(operator.toLowerCase(), chainId.toLowerCase())
  }

  /** Stores a verified answer and clears the open accusations it answers (under the mutex); their ids. */
  private async storeAnswer (facts: AnswerFacts, payload: Uint8Array, from: string): Promise<string[]> {
    const open = await this.opts.repo.openUnpaid(facts.operator, facts.chainId)
    const cleared = open.filter(e => e.unpaid != null && answerCovers(facts, e.chainId, e.unpaid))
    await this.opts.repo.putAnswer({ ...facts, from, receivedAt: this.now(), payload: toHex(payload) }, cleared)
    return cleared.map(e => e.id)
  }

  /** ANSWERED if an answer held here answers this UNPAID_CLAIM. */
  private async refuseAnswered (f: Finding): Promise<void> {
    if (f.unpaid == null) return
    const chainId = toHex(f.chainId)
    for (const a of await this.opts.repo.answersOn(chainId)) {
      if (answerCovers(a, chainId, f.unpaid)) evidenceFail('ANSWERED', `claim ${f.unpaid.claimHash} is answered by ${a.kind} answer ${a.id} (${a.detail})`)
    }
  }

  private notify (e: StoredEvidence): void {
    if (e.kind !== 'UNPAID_CLAIM') return
    for (const l of this.unpaidListeners) {
      try { l(e) } catch (err: any) { this.opts.log?.(`unpaid-claim listener failed: ${err?.message ?? err}`) }
    }
  }

  private record (e: Evidence, f: Finding, from: string): StoredEvidence {
    return {
      id: toHex(f.id),
      kind: f.kind,
      operator: toHex(f.operator),
      operatorAddress: e.chain.operatorAddress,
      chainId: toHex(f.chainId),
      height: f.height,
      ...(f.ground != null ? { ground: f.ground } : {}),
      ...(f.unpaid != null ? { unpaid: f.unpaid } : {}),
      detail: f.detail,
      from,
      receivedAt: this.now(),
      evidence: evidenceToJson(e)
    }
  }
}
