// Lift records, one per lift this node takes part in. Written in the same
// batch as the tally halves a lift changes (see TallyRepository.commitMany).
import { textSub } from './db.js'
import type { RootDb, Sub, BatchOp } from './db.js'
import { decodeLift, encodeLift } from '../lift/record.js'
import type { LiftRecord } from '../lift/record.js'

export class LiftRepository {
  private readonly sub: Sub<string>

  constructor (db: RootDb) {
    this.sub = textSub(db, 'lifts')
  }

  async get (id: string): Promise<LiftRecord | undefined> {
    const raw = await this.sub.get(id)
    return raw == null ? undefined : decodeLift(raw)
  }

  async list (): Promise<LiftRecord[]> {
    const out: LiftRecord[] = []
    for await (const v of this.sub.values()) out.push(decodeLift(v))
    return out.sort((a, b) => a.created - b.created)
  }

  /** The op that stores `lift`, for a batch with the halves it changes. */
  putOp (lift: LiftRecord): BatchOp {
    return { type: 'put', sublevel: this.sub, key: lift.id, value: encodeLift(lift) }
  }
}
