// What the gossip of commitments leaves behind: every chain announced to this
// node (its signed record and latest commitment) and the commitments seen per
// height, so an ancestry proof can find the child commitment a parent embeds.
// A head and its commitment are written in one batch.
import { textSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub } from './db.js'
import type { ChainJson } from '../sortition/chain.js'
import type { CommitmentJson } from '../sortition/commitment.js'

const HEIGHT_WIDTH = 12

export interface SeenHead {
  chain: ChainJson
  /** the latest commitment seen */
  commitment: CommitmentJson
  /** PeerId that relayed it (ours for our own chains) */
  from: string
  receivedAt: number
}

export class RootsRepository {
  private readonly heads: Sub<string>
  private readonly seen: Sub<string>
  private readonly cache = new Map<string, SeenHead>()

  constructor (private readonly db: RootDb) {
    this.heads = textSub(db, 'roots-heads')
    this.seen = textSub(db, 'roots-commitments')
  }

  private static key (idHex: string, height: number): string {
    return `${idHex}.${String(height).padStart(HEIGHT_WIDTH, '0')}`
  }

  async head (idHex: string): Promise<SeenHead | undefined> {
    const hit = this.cache.get(idHex)
    if (hit != null) return hit
    const raw = await this.heads.get(idHex)
    if (raw == null) return undefined
    const h = JSON.parse(raw) as SeenHead
    this.cache.set(idHex, h)
    return h
  }

  async list (): Promise<SeenHead[]> {
    const out: SeenHead[] = []
    for await (const v of this.heads.values()) out.push(JSON.parse(v))
    return out
  }

  /** Records a commitment seen at its height; it becomes the head when it is the highest. */
  async record (head: SeenHead): Promise<void> {
    const id = head.chain.id
    const prev = await this.head(id)
    const isHead = prev == null || head.commitment.height > prev.commitment.height
    await writeBatch(this.db, [
      { type: 'put', sublevel: this.seen, key: RootsRepository.key(id, head.commitment.height), value: JSON.stringify(head.commitment) },
      ...(isHead ? [{ type: 'put' as const, sublevel: this.heads, key: id, value: JSON.stringify(head), onCommit: () => { this.cache.set(id, head) } }] : [])
    ])
  }

  /** The commitment of chain `idHex` with hash `hashHex`, if seen. */
  async byHash (idHex: string, hashHex: string): Promise<CommitmentJson | undefined> {
    for await (const v of this.seen.values({ ...prefixRange(idHex + '.'), reverse: true })) {
      const c = JSON.parse(v) as CommitmentJson
      if (c.hash === hashHex) return c
    }
    return undefined
  }
}
