// Lift records, one per lift this node takes part in. Written in the same
// batch as the tally halves a lift changes (see TallyRepository.commitMany).
// Undecided lifts and recently used ones are kept in memory: every step of a
// lift reads its record, and the recovery sweep visits undecided lifts only.
import { textSub } from './db.js'
import type { RootDb, Sub, BatchOp } from './db.js'
import { decodeLift, encodeLift, isDecided } from '../lift/record.js'
import type { LiftRecord } from '../lift/record.js'

const RECENT = 2048

export class LiftRepository {
  private readonly sub: Sub<string>
  private readonly recent = new Map<string, LiftRecord>()
  private undecided?: Map<string, LiftRecord>
  private loading?: Promise<void>
  private writtenWhileLoading?: LiftRecord[]

  constructor (db: RootDb) {
    this.sub = textSub(db, 'lifts')
  }

  async get (id: string): Promise<LiftRecord | undefined> {
    const hit = this.undecided?.get(id) ?? this.recent.get(id)
    if (hit != null) return hit
    const raw = await this.sub.get(id)
    // A write may have landed (and been cached) while this read: keep that one.
    const cached = this.undecided?.get(id) ?? this.recent.get(id)
    if (cached != null) return cached
    if (raw == null) return undefined
    const lift = decodeLift(raw)
    this.touch(lift, false)
    return lift
  }

  async list (): Promise<LiftRecord[]> {
    const out: LiftRecord[] = []
    for await (const v of this.sub.values()) out.push(decodeLift(v))
    return out.sort((a, b) => a.created - b.created)
  }

  /** Lifts not yet decided here (read from disk once, then kept up to date). */
  async listUndecided (): Promise<LiftRecord[]> {
    if (this.undecided == null) {
      // Records written while this reads are replayed on the result: they may
      // land before or after the read's snapshot.
      this.loading ??= (async () => {
        this.writtenWhileLoading = []
        const found = new Map<string, LiftRecord>()
        for await (const v of this.sub.values()) {
          const lift = decodeLift(v)
          if (!isDecided(lift.state)) found.set(lift.id, lift)
        }
        for (const lift of this.writtenWhileLoading) {
          if (isDecided(lift.state)) found.delete(lift.id)
          else found.set(lift.id, lift)
        }
        this.writtenWhileLoading = undefined
        this.undecided = found
      })()
      await this.loading
    }
    return [...this.undecided!.values()]
  }

  /** The op that stores `lift`, for a batch with the halves it changes; the cache follows once it is written. */
  putOp (lift: LiftRecord): BatchOp {
    return { type: 'put', sublevel: this.sub, key: lift.id, value: encodeLift(lift), onCommit: () => { this.touch(lift) } }
  }

  /** Caches `lift`; `written`: it was just written (a disk read is never replayed over a load). */
  private touch (lift: LiftRecord, written = true): void {
    if (this.undecided == null) {
      if (written) this.writtenWhileLoading?.push(lift)
    } else if (written || !this.undecided.has(lift.id)) {
      if (isDecided(lift.state)) this.undecided.delete(lift.id)
      else if (written) this.undecided.set(lift.id, lift)
    }
    this.recent.delete(lift.id)
    this.recent.set(lift.id, lift)
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!)
  }
}
