// What the gossip of commitments leaves behind: every chain announced to this
// node (its signed record and latest commitment) and the commitments seen per
// height, so an ancestry proof can find the child commitment a parent embeds.
// A head and its commitment are written in one batch.
//
// Anyone can create chains and announce them, so what is kept is bounded: the
// latest MAX_HEIGHTS commitments of a chain (an ancestry proof needs the one a
// parent embedded, which is recent), and MAX_CHAINS chains, the one updated
// longest ago making room for a new one (an active chain announces again and
// comes back; records this node needs are also fetched from operators).
import { textSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub, BatchOp } from './db.js'
import type { ChainJson } from '../sortition/chain.js'
import type { CommitmentJson } from '../sortition/commitment.js'

const HEIGHT_WIDTH = 12
export const MAX_HEIGHTS = 1024
export const MAX_CHAINS = 10_000

export interface RootsLimits { maxHeights: number, maxChains: number }

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
  /** every chain with a head, and when its head was last replaced (loaded once) */
  private updated?: Map<string, number>
  private readonly limits: RootsLimits

  constructor (private readonly db: RootDb, limits: Partial<RootsLimits> = {}) {
    this.heads = textSub(db, 'roots-heads')
    this.seen = textSub(db, 'roots-commitments')
    this.limits = { maxHeights: limits.maxHeights ?? MAX_HEIGHTS, maxChains: limits.maxChains ?? MAX_CHAINS }
  }

  private async updatedAt (): Promise<Map<string, number>> {
    if (this.updated == null) {
      const m = new Map<string, number>()
      for await (const [k, v] of this.heads.iterator()) m.set(k, (JSON.parse(v) as SeenHead).receivedAt)
      this.updated ??= m
    }
    return this.updated
  }

  /** Chains with a head kept. */
  async count (): Promise<number> {
    return (await this.updatedAt()).size
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
    const top = Math.max(head.commitment.height, prev?.commitment.height ?? 0)
    // Too old to keep: below the window of the latest heights.
    if (head.commitment.height <= top - this.limits.maxHeights) return
    const ops: BatchOp[] = [
      { type: 'put', sublevel: this.seen, key: RootsRepository.key(id, head.commitment.height), value: JSON.stringify(head.commitment) }
    ]
    if (isHead) {
      // heights that fall out of the window
      const below = top - this.limits.maxHeights + 1
      if (below > 0) {
        for await (const k of this.seen.keys({ gte: id + '.', lt: RootsRepository.key(id, below) })) ops.push({ type: 'del', sublevel: this.seen, key: k })
      }
      const updated = await this.updatedAt()
      ops.push({ type: 'put', sublevel: this.heads, key: id, value: JSON.stringify(head), onCommit: () => { this.cache.set(id, head); updated.set(id, head.receivedAt) } })
      if (prev == null && updated.size >= this.limits.maxChains) ops.push(...await this.evictionOps(updated, id))
    }
    await writeBatch(this.db, ops)
  }

  /** Makes room for a new chain: the one whose head was replaced longest ago goes, with its commitments. */
  private async evictionOps (updated: Map<string, number>, keep: string): Promise<BatchOp[]> {
    let oldest: string | undefined
    let at = Infinity
    for (const [id, t] of updated) if (id !== keep && t < at) { oldest = id; at = t }
    if (oldest == null) return []
    const gone = oldest
    const ops: BatchOp[] = [{ type: 'del', sublevel: this.heads, key: gone, onCommit: () => { this.cache.delete(gone); updated.delete(gone) } }]
    for await (const k of this.seen.keys(prefixRange(gone + '.'))) ops.push({ type: 'del', sublevel: this.seen, key: k })
    return ops
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
