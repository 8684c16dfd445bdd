// Sortition chains this node follows (replicates from its operator or other
// followers): the signed chain record and sync state, every commitment by
// height, and every height's operations (op-log.ts), so this node can serve
// them on to others. A height is stored in one atomic batch with the tree
// nodes its replay changed (SortitionRepository.saveOps), so the tree, the
// head and the log always agree, and nothing of a height that failed
// validation is ever written.
import { textSub, bytesSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub, BatchOp } from './db.js'
import { SortitionRepository } from './sortition-repo.js'
import type { SortitionTree } from '../sortition/tree.js'
import type { ChainJson } from '../sortition/chain.js'
import type { CommitmentJson } from '../sortition/commitment.js'

const HEIGHT_WIDTH = 12
const SEQ_WIDTH = 8

export interface FollowState {
  record: ChainJson
  /** height of the last commitment replayed and stored */
  head: number
  /** when this node started following (ms) */
  added: number
  /** when the last height was stored (ms) */
  syncedAt: number
  /** the peer that served the last height */
  source?: string
}

export class FollowRepository {
  readonly trees: SortitionRepository
  private readonly chains: Sub<string>
  private readonly commitments: Sub<string>
  private readonly ops: Sub<Uint8Array>

  constructor (private readonly db: RootDb) {
    this.trees = new SortitionRepository(db)
    this.chains = textSub(db, 'follow-chains')
    this.commitments = textSub(db, 'follow-commitments')
    this.ops = bytesSub(db, 'follow-ops')
  }

  private static hkey (idHex: string, height: number): string {
    return `${idHex}.${String(height).padStart(HEIGHT_WIDTH, '0')}`
  }

  async list (): Promise<FollowState[]> {
    const out: FollowState[] = []
    for await (const v of this.chains.values()) out.push(JSON.parse(v))
    return out
  }

  async get (idHex: string): Promise<FollowState | undefined> {
    const raw = await this.chains.get(idHex)
    return raw == null ? undefined : JSON.parse(raw)
  }

  async commitment (idHex: string, height: number): Promise<CommitmentJson | undefined> {
    const raw = await this.commitments.get(FollowRepository.hkey(idHex, height))
    return raw == null ? undefined : JSON.parse(raw)
  }

  /** Commitments of heights [from, from + max), in order. */
  async commitmentRange (idHex: string, from: number, max: number): Promise<CommitmentJson[]> {
    const out: CommitmentJson[] = []
    for await (const v of this.commitments.values({ gte: FollowRepository.hkey(idHex, from), lt: FollowRepository.hkey(idHex, from + max) })) out.push(JSON.parse(v))
    return out
  }

  /** One height's operations, in order. */
  async opLog (idHex: string, height: number): Promise<Uint8Array[]> {
    const out: Uint8Array[] = []
    for await (const v of this.ops.values(prefixRange(FollowRepository.hkey(idHex, height) + '.'))) out.push(v)
    return out
  }

  /**
   * Stores one replayed height in one batch: the tree nodes it changed, its
   * commitment, its operations and the new state (head = commitment height).
   */
  async writeHeight (state: FollowState, tree: SortitionTree, commitment: CommitmentJson, ops: Uint8Array[]): Promise<void> {
    const id = state.record.id
    if (state.head !== commitment.height) throw new Error('the state head must be the stored commitment\'s height')
    const { ops: treeOps, requeue } = this.trees.saveOps(Buffer.from(id, 'hex'), tree)
    const h = FollowRepository.hkey(id, commitment.height)
    const all: BatchOp[] = [
      ...treeOps,
      { type: 'put', sublevel: this.commitments, key: h, value: JSON.stringify(commitment) },
      ...ops.map((op, i): BatchOp => ({ type: 'put', sublevel: this.ops, key: `${h}.${String(i).padStart(SEQ_WIDTH, '0')}`, value: op })),
      { type: 'put', sublevel: this.chains, key: id, value: JSON.stringify(state) }
    ]
    try {
      await writeBatch(this.db, all)
    } catch (err) {
      requeue()
      throw err
    }
  }
}
