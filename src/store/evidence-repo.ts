// Verified fraud evidence and the marks it puts on operators. Sublevel
// `evidence`: evidence id hex → the evidence (JSON form) and what it proves,
// who relayed it, when. Sublevel `evidence-marks`: `<operator key hex>.<evidence id hex>`
// → the mark (kind, chain, height, when). Both are written in one batch.
// Bounded: at most `maxPerOperator` marks on one operator (more adds
// nothing: it is marked) and `max` pieces in all.
//
// Answers to UNPAID_CLAIM evidence (sublevel `evidence-answers`,
// `<chain id hex>.<answer id hex>` → what the answer shows, who relayed it,
// when, the payload): an answer is stored, and every accusation it answers
// is updated (answered: when, by which answer) and loses its mark, in one
// batch. Bounded: `maxAnswersPerChain` per chain, `max` in all.
import { textSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub } from './db.js'
import type { EvidenceJson } from '../sortition/evidence-json.js'
import type { EvidenceKind, MoveGround, UnpaidFacts } from '../sortition/evidence.js'
import type { AnswerFacts, AnswerKind } from '../sortition/evidence-answer.js'

export interface StoredEvidence {
  id: string
  kind: EvidenceKind
  /** operator key (hex) the evidence is against */
  operator: string
  operatorAddress: string
  chainId: string
  height: number
  ground?: MoveGround
  /** UNPAID_CLAIM: the claim accused */
  unpaid?: UnpaidFacts
  /** UNPAID_CLAIM: the operator's answer that cleared the mark */
  answered?: { at: number, answer: string, kind: AnswerKind, from: string }
  detail: string
  /** PeerId that relayed it (ours when submitted here) */
  from: string
  receivedAt: number
  evidence: EvidenceJson
}

export interface StoredAnswer extends AnswerFacts {
  /** PeerId that relayed it (ours when submitted here) */
  from: string
  receivedAt: number
  /** the gossip payload (protos/evidence-answer.proto), hex */
  payload: string
}

export interface OperatorMark {
  operator: string
  evidenceId: string
  kind: EvidenceKind
  chainId: string
  height: number
  ground?: MoveGround
  from: string
  receivedAt: number
}

export class EvidenceRepository {
  private readonly evidence: Sub<string>
  private readonly marks: Sub<string>
  private readonly answers: Sub<string>
  private size?: number
  private answerCount?: number

  constructor (private readonly db: RootDb, readonly max = 100_000, readonly maxPerOperator = 64, readonly maxAnswersPerChain = 16) {
    this.evidence = textSub(db, 'evidence')
    this.marks = textSub(db, 'evidence-marks')
    this.answers = textSub(db, 'evidence-answers')
  }

  async get (id: string): Promise<StoredEvidence | undefined> {
    const raw = await this.evidence.get(id)
    return raw == null ? undefined : JSON.parse(raw)
  }

  async has (id: string): Promise<boolean> {
    return await this.evidence.get(id) != null
  }

  /** Whether another piece against `operator` would be kept. */
  async hasRoom (operator: string): Promise<boolean> {
    if (await this.count() >= this.max) return false
    let n = 0
    for await (const _ of this.marks.keys({ ...prefixRange(operator + '.'), limit: this.maxPerOperator })) n++
    return n < this.maxPerOperator
  }

  /** Stores verified evidence and its mark in one batch; false if it was there already. */
  async put (e: StoredEvidence): Promise<boolean> {
    if (await this.has(e.id)) return false
    const n = await this.count()
    const mark: OperatorMark = {
      operator: e.operator, evidenceId: e.id, kind: e.kind, chainId: e.chainId, height: e.height, ...(e.ground != null ? { ground: e.ground } : {}), from: e.from, receivedAt: e.receivedAt
    }
    await writeBatch(this.db, [
      { type: 'put', sublevel: this.evidence, key: e.id, value: JSON.stringify(e) },
      { type: 'put', sublevel: this.marks, key: `${e.operator}.${e.id}`, value: JSON.stringify(mark), onCommit: () => { this.size = n + 1 } }
    ])
    return true
  }

  /** All evidence, oldest first. */
  async list (): Promise<StoredEvidence[]> {
    const out: StoredEvidence[] = []
    for await (const v of this.evidence.values()) out.push(JSON.parse(v))
    return out.sort((a, b) => a.receivedAt - b.receivedAt || a.id.localeCompare(b.id))
  }

  /** The marks on one operator key (hex), oldest first. */
  async marksOf (operator: string): Promise<OperatorMark[]> {
    const out: OperatorMark[] = []
    for await (const v of this.marks.values(prefixRange(operator + '.'))) out.push(JSON.parse(v))
    return out.sort((a, b) => a.receivedAt - b.receivedAt || a.evidenceId.localeCompare(b.evidenceId))
  }

  /** Open UNPAID_CLAIM accusations (marks not answered) against `operator` on one chain. */
  async openUnpaid (operator: string, chainId: string): Promise<StoredEvidence[]> {
    const out: StoredEvidence[] = []
    for (const m of await this.marksOf(operator)) {
      if (m.kind !== 'UNPAID_CLAIM' || m.chainId !== chainId) continue
      const e = await this.get(m.evidenceId)
      if (e != null) out.push(e)
    }
    return out
  }

  async hasAnswer (chainId: string, id: string): Promise<boolean> {
    return await this.answers.get(`${chainId}.${id}`) != null
  }

  /** The answers held for one chain, oldest first. */
  async answersOn (chainId: string): Promise<StoredAnswer[]> {
    const out: StoredAnswer[] = []
    for await (const v of this.answers.values(prefixRange(chainId + '.'))) out.push(JSON.parse(v))
    return out.sort((a, b) => a.receivedAt - b.receivedAt || a.id.localeCompare(b.id))
  }

  /** Whether another answer on `chainId` would be kept. */
  async hasAnswerRoom (chainId: string): Promise<boolean> {
    if (await this.countAnswers() >= this.max) return false
    let n = 0
    for await (const _ of this.answers.keys({ ...prefixRange(chainId + '.'), limit: this.maxAnswersPerChain })) n++
    return n < this.maxAnswersPerChain
  }

  /**
   * Stores a verified answer and, in the same batch, marks each of `cleared`
   * (UNPAID_CLAIM evidence it answers) answered and removes its mark.
   */
  async putAnswer (a: StoredAnswer, cleared: StoredEvidence[]): Promise<void> {
    const n = await this.countAnswers()
    const known = await this.hasAnswer(a.chainId, a.id)
    await writeBatch(this.db, [
      { type: 'put', sublevel: this.answers, key: `${a.chainId}.${a.id}`, value: JSON.stringify(a), onCommit: () => { if (!known) this.answerCount = n + 1 } },
      ...cleared.flatMap(e => [
        { type: 'put' as const, sublevel: this.evidence, key: e.id, value: JSON.stringify({ ...e, answered: { at: a.receivedAt, answer: a.id, kind: a.kind, from: a.from } }) },
        { type: 'del' as const, sublevel: this.marks, key: `${e.operator}.${e.id}` }
      ])
    ])
  }

  async countAnswers (): Promise<number> {
    if (this.answerCount == null) {
      let n = 0
      for await (const _ of this.answers.keys()) n++
      this.answerCount = n
    }
    return this.answerCount
  }

  async count (): Promise<number> {
    if (this.size == null) {
      let n = 0
      for await (const _ of this.evidence.keys()) n++
      this.size = n
    }
    return this.size
  }
}
