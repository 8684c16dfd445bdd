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
import { toHex } from '../crypto/bytes.js'
import { KeyedMutex } from '../util/keyed-mutex.js'
import { verifyEvidence, evidenceId } from './evidence.js'
import type { Evidence, Finding } from './evidence.js'
import { EvidenceError } from './evidence-errors.js'
import { decodeEvidenceWire, encodeEvidenceWire } from './evidence-wire.js'
import { evidenceFromJson, evidenceToJson } from './evidence-json.js'
import type { EvidenceRepository, StoredEvidence, OperatorMark } from '../store/evidence-repo.js'
import type { GossipValidator, GossipVerdict } from '../net/gossip.js'

export interface EvidenceServiceOptions {
  repo: EvidenceRepository
  /** publishes a payload on /sortlift/evidence/1; resolves to the number of peers it was sent to */
  publish: (data: Uint8Array) => Promise<number>
  localPeer: string
  now?: () => number
  log?: (msg: string) => void
}

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

  constructor (private readonly opts: EvidenceServiceOptions) {
    this.now = opts.now ?? Date.now
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
    return await this.mutex.run('evidence', async () => {
      if (await this.opts.repo.has(id)) return 'ignore'
      let f: Finding
      try {
        f = await verifyEvidence(e)
      } catch (err) {
        if (!(err instanceof EvidenceError)) throw err
        this.opts.log?.(`evidence ${id} from ${from} rejected: ${err.code}: ${err.message}`)
        return 'reject'
      }
      if (!await this.opts.repo.hasRoom(toHex(f.operator))) return 'ignore'
      await this.opts.repo.put(this.record(e, f, from))
      return 'accept'
    })
  }

  /**
   * Verifies evidence found by this node (a follower's detector, a user's
   * file), stores it, marks the operator and publishes it. Throws
   * EvidenceError if it proves nothing (then nothing is stored or sent).
   */
  async submit (e: Evidence): Promise<SubmitResult> {
    const data = encodeEvidenceWire(e) // what peers would refuse as too large is refused here first
    const { stored, record } = await this.mutex.run('evidence', async () => {
      const f = await verifyEvidence(e)
      const record = this.record(e, f, this.opts.localPeer)
      const known = await this.opts.repo.get(record.id)
      if (known != null) return { stored: false, record: known }
      if (!await this.opts.repo.hasRoom(record.operator)) return { stored: false, record }
      await this.opts.repo.put(record)
      return { stored: true, record }
    })
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

  private record (e: Evidence, f: Finding, from: string): StoredEvidence {
    return {
      id: toHex(f.id),
      kind: f.kind,
      operator: toHex(f.operator),
      operatorAddress: e.chain.operatorAddress,
      chainId: toHex(f.chainId),
      height: f.height,
      ...(f.ground != null ? { ground: f.ground } : {}),
      detail: f.detail,
      from,
      receivedAt: this.now(),
      evidence: evidenceToJson(e)
    }
  }
}
