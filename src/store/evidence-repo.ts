// Verified fraud evidence and the marks it puts on operators. Sublevel
// `evidence`: evidence id hex → the evidence (JSON form) and what it proves,
// who relayed it, when. Sublevel `evidence-marks`: `<operator key hex>.<evidence id hex>`
// → the mark (kind, chain, height, when). Both are written in one batch.
// Bounded: at most `maxPerOperator` pieces against one operator (more adds
// nothing: it is marked) and `max` in all.
import { textSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub } from './db.js'
import type { EvidenceJson } from '../sortition/evidence-json.js'
import type { EvidenceKind, MoveGround } from '../sortition/evidence.js'

export interface StoredEvidence {
  id: string
  kind: EvidenceKind
  /** operator key (hex) the evidence is against */
  operator: string
  operatorAddress: string
  chainId: string
  height: number
  ground?: MoveGround
  detail: string
  /** PeerId that relayed it (ours when submitted here) */
  from: string
  receivedAt: number
  evidence: EvidenceJson
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
  private size?: number

  constructor (private readonly db: RootDb, readonly max = 100_000, readonly maxPerOperator = 64) {
    this.evidence = textSub(db, 'evidence')
    this.marks = textSub(db, 'evidence-marks')
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

  async count (): Promise<number> {
    if (this.size == null) {
      let n = 0
      for await (const _ of this.evidence.keys()) n++
      this.size = n
    }
    return this.size
  }
}
