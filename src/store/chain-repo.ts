// Sortition chains this node operates: the signed chain record, its state
// (head height, the leaves touched since the last commitment, child
// commitments to embed), every commitment by height, the operation log (every
// change, in order, under the height it will be committed at; op-log.ts), and
// the payments that bought regions. Every change goes in one atomic batch with the tree nodes it
// changed (SortitionRepository.saveOps), so a crash leaves the tree, the
// state and the commitments consistent.
import { textSub, bytesSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub, BatchOp } from './db.js'
import { SortitionRepository } from './sortition-repo.js'
import type { SortitionTree } from '../sortition/tree.js'
import type { ChainJson, LocatorJson } from '../sortition/chain.js'
import type { CommitmentJson } from '../sortition/commitment.js'

const HEIGHT_WIDTH = 12
const SEQ_WIDTH = 8

export interface ChainState {
  record: ChainJson
  /** local user whose key operates the chain */
  operatorUser: string
  /** height of the last commitment */
  head: number
  /** leaves (by a point and conditions inside them) touched since the last commitment */
  touched: LocatorJson[]
  /** child commitments set since the last commitment (chain id hex → commitment hash hex) */
  children: Record<string, string>
}

export interface PaymentUse { chainId: string, lo: string, hi: string, owner: string, time: number }

export class ChainRepository {
  readonly trees: SortitionRepository
  private readonly chains: Sub<string>
  private readonly commitments: Sub<string>
  private readonly payments: Sub<string>
  private readonly ops: Sub<Uint8Array>
  /** next operation sequence number per `<id>.<height>` (loaded from disk on first use) */
  private readonly nextSeq = new Map<string, number>()

  constructor (private readonly db: RootDb) {
    this.trees = new SortitionRepository(db)
    this.chains = textSub(db, 'chains')
    this.commitments = textSub(db, 'chain-commitments')
    this.payments = textSub(db, 'chain-payments')
    this.ops = bytesSub(db, 'chain-ops')
  }

  async list (): Promise<ChainState[]> {
    const out: ChainState[] = []
    for await (const v of this.chains.values()) out.push(JSON.parse(v))
    return out
  }

  async get (idHex: string): Promise<ChainState | undefined> {
    const raw = await this.chains.get(idHex)
    return raw == null ? undefined : JSON.parse(raw)
  }

  async commitment (idHex: string, height: number): Promise<CommitmentJson | undefined> {
    const raw = await this.commitments.get(ChainRepository.ckey(idHex, height))
    return raw == null ? undefined : JSON.parse(raw)
  }

  async commitmentList (idHex: string): Promise<CommitmentJson[]> {
    const out: CommitmentJson[] = []
    for await (const v of this.commitments.values(prefixRange(idHex + '.'))) out.push(JSON.parse(v))
    return out
  }

  /** Commitments of heights [from, from + max), in order (stops at the first missing). */
  async commitmentRange (idHex: string, from: number, max: number): Promise<CommitmentJson[]> {
    const out: CommitmentJson[] = []
    for await (const v of this.commitments.values({ gte: ChainRepository.ckey(idHex, from), lt: ChainRepository.ckey(idHex, from + max) })) out.push(JSON.parse(v))
    return out
  }

  /** The logged operations of one height (encoded, op-log.ts), in the order they were applied. */
  async opLog (idHex: string, height: number): Promise<Uint8Array[]> {
    const out: Uint8Array[] = []
    for await (const v of this.ops.values(prefixRange(ChainRepository.ckey(idHex, height) + '.'))) out.push(v)
    return out
  }

  async paymentUse (evidence: string): Promise<PaymentUse | undefined> {
    const raw = await this.payments.get(evidence)
    return raw == null ? undefined : JSON.parse(raw)
  }

  private static ckey (idHex: string, height: number): string {
    return `${idHex}.${String(height).padStart(HEIGHT_WIDTH, '0')}`
  }

  /** The next sequence number of an operation logged at `height` (the caller holds the chain's lock). */
  private async seqOf (idHex: string, height: number): Promise<number> {
    const k = ChainRepository.ckey(idHex, height)
    let n = this.nextSeq.get(k)
    if (n == null) {
      n = 0
      for await (const key of this.ops.keys({ ...prefixRange(k + '.'), reverse: true, limit: 1 })) n = Number(key.slice(k.length + 1)) + 1
    }
    return n
  }

  /**
   * Writes, in one batch: the tree's changed nodes, the chain state, and
   * optionally a new commitment, a payment marked used, and the encoded
   * operation that made the change (logged under height head + 1, the height
   * that will commit it).
   */
  async write (state: ChainState, tree: SortitionTree, extra: { commitment?: CommitmentJson, payment?: { evidence: string, use: PaymentUse }, op?: Uint8Array } = {}): Promise<void> {
    const { ops, requeue } = this.trees.saveOps(Buffer.from(state.record.id, 'hex'), tree)
    const all: BatchOp[] = [...ops, { type: 'put', sublevel: this.chains, key: state.record.id, value: JSON.stringify(state) }]
    if (extra.commitment != null) {
      const k = ChainRepository.ckey(state.record.id, extra.commitment.height)
      // a committed height takes no more operations: forget its counter
      all.push({ type: 'put', sublevel: this.commitments, key: k, value: JSON.stringify(extra.commitment), onCommit: () => { this.nextSeq.delete(k) } })
    }
    if (extra.payment != null) all.push({ type: 'put', sublevel: this.payments, key: extra.payment.evidence, value: JSON.stringify(extra.payment.use) })
    if (extra.op != null) {
      const h = ChainRepository.ckey(state.record.id, state.head + 1)
      const seq = await this.seqOf(state.record.id, state.head + 1)
      all.push({ type: 'put', sublevel: this.ops, key: `${h}.${String(seq).padStart(SEQ_WIDTH, '0')}`, value: extra.op, onCommit: () => { this.nextSeq.set(h, seq + 1) } })
    }
    try {
      await writeBatch(this.db, all)
    } catch (err) {
      requeue()
      throw err
    }
  }
}
