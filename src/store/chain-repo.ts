// Sortition chains this node operates: the signed chain record, its state
// (head height, the leaves touched since the last commitment, child
// commitments to embed), every commitment by height, and the payments that
// bought regions. Every change goes in one atomic batch with the tree nodes it
// changed (SortitionRepository.saveOps), so a crash leaves the tree, the
// state and the commitments consistent.
import { textSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub, BatchOp } from './db.js'
import { SortitionRepository } from './sortition-repo.js'
import type { SortitionTree } from '../sortition/tree.js'
import type { ChainJson, LocatorJson } from '../sortition/chain.js'
import type { CommitmentJson } from '../sortition/commitment.js'

const HEIGHT_WIDTH = 12

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

  constructor (private readonly db: RootDb) {
    this.trees = new SortitionRepository(db)
    this.chains = textSub(db, 'chains')
    this.commitments = textSub(db, 'chain-commitments')
    this.payments = textSub(db, 'chain-payments')
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

  async paymentUse (evidence: string): Promise<PaymentUse | undefined> {
    const raw = await this.payments.get(evidence)
    return raw == null ? undefined : JSON.parse(raw)
  }

  private static ckey (idHex: string, height: number): string {
    return `${idHex}.${String(height).padStart(HEIGHT_WIDTH, '0')}`
  }

  /**
   * Writes, in one batch: the tree's changed nodes, the chain state, and
   * optionally a new commitment and a payment marked used.
   */
  async write (state: ChainState, tree: SortitionTree, extra: { commitment?: CommitmentJson, payment?: { evidence: string, use: PaymentUse } } = {}): Promise<void> {
    const { ops, requeue } = this.trees.saveOps(Buffer.from(state.record.id, 'hex'), tree)
    const all: BatchOp[] = [...ops, { type: 'put', sublevel: this.chains, key: state.record.id, value: JSON.stringify(state) }]
    if (extra.commitment != null) all.push({ type: 'put', sublevel: this.commitments, key: ChainRepository.ckey(state.record.id, extra.commitment.height), value: JSON.stringify(extra.commitment) })
    if (extra.payment != null) all.push({ type: 'put', sublevel: this.payments, key: extra.payment.evidence, value: JSON.stringify(extra.payment.use) })
    try {
      await writeBatch(this.db, all)
    } catch (err) {
      requeue()
      throw err
    }
  }
}
