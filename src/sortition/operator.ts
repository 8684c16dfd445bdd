// The sortition operator service: creates chains run by a local user's key,
// sells regions against payments it can see arrived, applies owner-signed
// transfers and splits, and signs a hash-chained commitment per height (on a
// timer when something changed, and on demand). The same service is the
// client side: a buyer's node pays the operator's user (lifts.pay) and sends
// the issue request over /sortlift/sortition/1.0.0 with the payment evidence;
// an owner's node signs transfers and splits with the owner's key.
//
// Every change to a chain — tree nodes, chain state, commitment, payment
// marked used — is written in one LevelDB batch; if the write fails the chain
// is reloaded from disk, so memory never runs ahead of the store.
import { SortitionTree } from './tree.js'
import type { Decide } from './tree.js'
import type { Leaf } from './hashing.js'
import { SPACE, pointToBytes, pointFromBytes, regionValue } from './space.js'
import type { Condition, Region } from './space.js'
import { encodeProof, decodeProof, verifyProofBytes } from './proof.js'
import type { Proof } from './proof.js'
import { decodePredicate, encodePredicate, predicateHash } from './predicate.js'
import type { Predicate } from './predicate.js'
import { SortitionError } from './errors.js'
import { ChainError, chainFail } from './chain-errors.js'
import type { ChainErrorCode } from './chain-errors.js'
import {
  signChain, validateChain, chainToJson, chainFromJson, issueSigningBytes, transferSigningBytes, splitSigningBytes,
  custodyHash, requireSignature, locatorToJson, locatorFromJson, NONCE_LENGTH, chainId as chainIdOf
} from './chain.js'
import type { SignedChain, Locator, NewOwner, TransferFields, SplitFields, ChainJson } from './chain.js'
import {
  signCommitment, validateCommitment, commitmentHash, commitmentToJson, commitmentFromJson, changedLeafItem, changesDigest, ZERO_HASH,
  commitmentSigningBytes
} from './commitment.js'
import type { SignedCommitment, CommitmentJson } from './commitment.js'
import type { ProofFile } from './proof-file.js'
import { encodeOp } from './op-log.js'
import { changedItems } from './replay.js'
import type { ChainRepository, ChainState } from '../store/chain-repo.js'
import type { Signer } from '../crypto/keys.js'
import { verifySignature } from '../crypto/keys.js'
import { equalBytes, fromHex, randomBytes, toHex } from '../crypto/bytes.js'
import { KeyedMutex } from '../util/keyed-mutex.js'
import { SortitionCode } from '../../protos/sortition.js'
import type { SortitionRequest, SortitionResponse, ChainRecord, Commitment, Condition as WireCondition } from '../../protos/sortition.js'
import type { SortitionTransport } from '../net/sortition-network.js'

export const DEFAULT_COMMIT_INTERVAL_MS = 10_000
const PPM = 1_000_000n
/** how long a buyer's node retries an issue whose payment the operator has not seen yet */
const PAYMENT_WAIT_MS = 8_000

/** A payment as the operator's node sees it. */
export interface ReceivedPayment { units: bigint, reference: string, payee: string, payer?: string }

export interface OperatorUsers {
  signer (name: string): Promise<Signer>
  find (name: string): Promise<unknown>
}

export interface OperatorOptions {
  users: OperatorUsers
  repo: ChainRepository
  transport: SortitionTransport
  localPeer: string
  /** pays like lifts.pay; returns the evidence string "tally:<id>:<chit>" or "lift:<id>" */
  pay: (input: { from: string, to: string, units: bigint, memo: string, reference: string }) => Promise<string>
  /** what this node received for `evidence` as `payee` (its local user's address), if anything */
  findPayment: (evidence: string, payee: string) => Promise<ReceivedPayment | undefined>
  commitIntervalMs?: number
  now?: () => number
  log?: (msg: string) => void
}

interface Live {
  chain: SignedChain
  state: ChainState
  tree: SortitionTree
  head: SignedCommitment
}

export interface ChainView {
  id: string
  operator: string
  operatorAddress: string
  operatorUser: string
  value: string
  tradingEnd: number
  beaconRound: number
  parent?: ChainJson['parent']
  created: number
  height: number
  root: string
  committedRoot: string
  commitment: string
  pending: number
}

export interface ContractView {
  chainId: string
  lo: string
  hi: string
  conditions: Array<{ predicate: string, value: boolean }>
  owner: { kind: string, publicKey?: string, chainId?: string }
  custody?: string
  value: string
}

export interface BuyResult extends ContractView { price: string, payment: string, reference: string }

/**
 * Where the client side gets a chain's data when its operator cannot be
 * reached (or is not named): chains this node follows, and providers found
 * in the DHT (src/sortition/follower.ts). Both answers are checked there.
 */
export interface ChainFallback {
  chain (idHex: string, peer?: string): Promise<SignedChain | undefined>
  proof (chain: SignedChain, at: Locator): Promise<ProofFile | undefined>
}

export class OperatorService {
  private readonly live = new Map<string, Live>()
  private readonly mutex = new KeyedMutex()
  private readonly opts: OperatorOptions
  private readonly now: () => number
  readonly commitIntervalMs: number
  private timer?: NodeJS.Timeout
  private ticking?: Promise<void>
  private readonly committed: Array<(chain: SignedChain, c: SignedCommitment) => void> = []
  private readonly soon = new Map<string, NodeJS.Timeout>()
  private readonly chainSources: Array<(idHex: string) => Promise<SignedChain | undefined>> = []
  private readonly fetched: Array<(chain: SignedChain, c: SignedCommitment) => void> = []
  private beaconDue?: (round: number) => number | undefined
  private stopped = false
  private fallback?: ChainFallback

  constructor (opts: OperatorOptions) {
    this.opts = opts
    this.now = opts.now ?? Date.now
    this.commitIntervalMs = opts.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS
  }

  async start (): Promise<void> {
    for (const state of await this.opts.repo.list()) await this.load(state.record.id)
    if (this.commitIntervalMs > 0) {
      this.timer = setInterval(() => { this.ticking ??= this.commitAll().finally(() => { this.ticking = undefined }) }, this.commitIntervalMs)
      this.timer.unref()
    }
  }

  async stop (): Promise<void> {
    this.stopped = true
    if (this.timer != null) clearInterval(this.timer)
    for (const t of this.soon.values()) clearTimeout(t)
    this.soon.clear()
    await this.ticking
  }

  /** Chain data from followers and providers when the operator is out of reach (set by the chain-sync wiring). */
  setFallback (f: ChainFallback): void {
    this.fallback = f
  }

  /** Calls `fn` after every new commitment of a chain this node operates (height 0 included). */
  onCommit (fn: (chain: SignedChain, c: SignedCommitment) => void): void {
    this.committed.push(fn)
  }

  private emitCommit (chain: SignedChain, c: SignedCommitment): void {
    for (const fn of this.committed) {
      try { fn(chain, c) } catch (err: any) { this.opts.log?.(`commit listener: ${err?.message ?? err}`) }
    }
  }

  /**
   * Commits a chain within `delayMs` if it has pending changes (once, however
   * often asked meanwhile): embedded child commitments reach the ancestors
   * without waiting for the commit timer.
   */
  commitSoon (idHex: string, delayMs: number): void {
    const id = normalise(idHex)
    if (this.stopped || this.soon.has(id)) return
    const t = setTimeout(() => {
      this.soon.delete(id)
      this.commit(id).catch((err: any) => { this.opts.log?.(`commitment of chain ${id}: ${err?.message ?? err}`) })
    }, delayMs)
    t.unref()
    this.soon.set(id, t)
  }

  /** The signed chain record and latest commitment of a chain this node operates. */
  head (idHex: string): { chain: SignedChain, commitment: SignedCommitment } {
    const l = this.get(idHex)
    return { chain: l.chain, commitment: l.head }
  }

  private async load (idHex: string): Promise<Live | undefined> {
    const state = await this.opts.repo.get(idHex)
    if (state == null) { this.live.delete(idHex); return undefined }
    const tree = await this.opts.repo.trees.load(fromHex(idHex))
    const head = await this.opts.repo.commitment(idHex, state.head)
    if (tree == null || head == null) throw new SortitionError('CORRUPT_STORE', `chain ${idHex} is incomplete on disk`)
    const l: Live = { chain: chainFromJson(state.record), state, tree, head: commitmentFromJson(head) }
    this.live.set(idHex, l)
    return l
  }

  private get (idHex: string): Live {
    const l = this.live.get(normalise(idHex))
    if (l == null) chainFail('UNKNOWN_CHAIN', `this node does not operate chain ${idHex}`)
    return l
  }

  /** Runs `fn` on a chain under its lock; if it throws after changing the tree, reloads the chain from disk. */
  private async withChain<T> (idHex: string, fn: (l: Live) => Promise<T>): Promise<T> {
    const id = normalise(idHex)
    return await this.mutex.run(id, async () => {
      const l = this.get(id)
      const root = l.tree.root()
      try {
        return await fn(l)
      } catch (err) {
        if (!equalBytes(root, l.tree.root())) await this.load(id)
        throw err
      }
    })
  }

  // ---------------------------------------------------------------- operator: commands

  /**
   * Creates a chain operated by local user `user`. A child chain names a leaf
   * of its parent that `user` owns; that leaf is transferred to the child
   * chain (signed by `user`) before the child is stored, so the parent embeds
   * the child's commitments from its first height.
   */
  async create (input: { user: string, value: bigint, tradingEnd: number, beaconRound: number, parent?: { chainId: string, leaf: Locator, peer?: string } }): Promise<ChainView> {
    const signer = await this.opts.users.signer(input.user)
    const now = this.now()
    if (input.tradingEnd <= now) chainFail('MALFORMED', 'the trading end must be in the future')
    const due = this.beaconDue?.(input.beaconRound)
    if (due != null && due <= input.tradingEnd) chainFail('MALFORMED', `beacon round ${input.beaconRound} is due at ${new Date(due).toISOString()}, before the trading end: the draw would be known while the chain still trades`)
    const chain = await signChain(signer, {
      operatorAddress: `${input.user}@${this.opts.localPeer}`,
      value: input.value,
      tradingEnd: input.tradingEnd,
      beaconRound: input.beaconRound,
      ...(input.parent != null ? { parent: { chainId: hex32(input.parent.chainId, 'parent chain id'), leaf: input.parent.leaf } } : {}),
      created: now,
      nonce: randomBytes(NONCE_LENGTH)
    })
    if (input.parent != null) await this.adoptParentLeaf(input.user, chain, input.parent.peer)
    const tree = new SortitionTree()
    const items = [...tree.entries()].map(e => changedLeafItem(e.region, e.leaf))
    const head = await signCommitment(signer, { chainId: chain.id, height: 0, root: tree.root(), prev: ZERO_HASH, time: now, changes: changesDigest(items), children: [] })
    await validateCommitment(chain, undefined, head)
    const state: ChainState = { record: chainToJson(chain), operatorUser: input.user, head: 0, touched: [], children: {} }
    await this.opts.repo.write(state, tree, { commitment: commitmentToJson(head) })
    this.live.set(toHex(chain.id), { chain, state, tree, head })
    this.emitCommit(chain, head)
    return this.view(this.live.get(toHex(chain.id))!)
  }

  /** Moves the parent leaf `user` owns to the new child chain; a child promises no more than its parent leaf can win. */
  private async adoptParentLeaf (user: string, child: SignedChain, peer?: string): Promise<void> {
    const p = child.parent!
    const parent = await this.fetchChain(toHex(p.chainId), peer)
    if (child.value > parent.value) chainFail('MALFORMED', `a child chain's value cannot exceed its parent's (${parent.value})`)
    if (child.tradingEnd > parent.tradingEnd) chainFail('MALFORMED', 'a child chain must stop trading no later than its parent')
    const signer = await this.opts.users.signer(user)
    const { owner } = await this.current({ chainId: toHex(p.chainId), at: p.leaf, peer })
    if (!equalBytes(owner, signer.publicKey)) chainFail('NOT_OWNER', `${user} does not own the parent leaf at ${p.leaf.lo}`)
    await this.transfer({ chainId: toHex(p.chainId), user, at: p.leaf, to: { kind: 'child', chainId: child.id }, peer, signer })
  }

  list (): ChainView[] {
    return [...this.live.values()].sort((a, b) => a.chain.created - b.chain.created).map(l => this.view(l))
  }

  show (idHex: string): ChainView {
    return this.view(this.get(idHex))
  }

  async commitments (idHex: string): Promise<CommitmentJson[]> {
    this.get(idHex)
    return await this.opts.repo.commitmentList(normalise(idHex))
  }

  /** The contracts (assigned leaves) of a chain, in order. */
  contracts (idHex: string): ContractView[] {
    const l = this.get(idHex)
    const out: ContractView[] = []
    for (const e of l.tree.entries()) if (e.leaf.owner.kind !== 'unassigned') out.push(contractView(l.chain, e.region, e.leaf))
    return out
  }

  private view (l: Live): ChainView {
    const c = l.chain
    return {
      id: toHex(c.id),
      operator: toHex(c.operator),
      operatorAddress: c.operatorAddress,
      operatorUser: l.state.operatorUser,
      value: c.value.toString(),
      tradingEnd: c.tradingEnd,
      beaconRound: c.beaconRound,
      ...(c.parent != null ? { parent: chainToJson(c).parent } : {}),
      created: c.created,
      height: l.head.height,
      root: toHex(l.tree.root()),
      committedRoot: toHex(l.head.root),
      commitment: toHex(commitmentHash(l.head)),
      pending: l.state.touched.length + Object.keys(l.state.children).length
    }
  }

  /** Signs the next height if anything changed since the last one (or `force`); returns the head. */
  async commit (idHex: string, force = false): Promise<CommitmentJson> {
    return await this.withChain(idHex, async (l) => await this.commitLocked(l, force))
  }

  private async commitLocked (l: Live, force: boolean): Promise<CommitmentJson> {
    const changed = l.state.touched.length > 0 || Object.keys(l.state.children).length > 0
    if (!changed && !force) return commitmentToJson(l.head)
    // Changes are only accepted up to the trading end (open()), so those still
    // pending after it get a closing commitment stamped at the trading end:
    // settlement needs the root that holds every sale.
    const late = this.now() > l.chain.tradingEnd
    if (late && !changed) chainFail('AFTER_TRADING_END', 'the chain\'s trading has ended: no more commitments')
    const now = late ? l.chain.tradingEnd : Math.max(this.now(), l.head.time)
    // (a touched leaf since split by a predicate is skipped: both branches are touched)
    const items = changedItems(l.tree, l.state.touched.map(locatorFromJson))
    const children = Object.entries(l.state.children).map(([k, v]) => ({ chainId: fromHex(k), commitment: fromHex(v) }))
    const signer = await this.opts.users.signer(l.state.operatorUser)
    const next = await signCommitment(signer, {
      chainId: l.chain.id, height: l.head.height + 1, root: l.tree.root(), prev: commitmentHash(l.head), time: now, changes: changesDigest(items), children
    })
    await validateCommitment(l.chain, l.head, next)
    const state: ChainState = { ...l.state, head: next.height, touched: [], children: {} }
    const json = commitmentToJson(next)
    await this.opts.repo.write(state, l.tree, { commitment: json })
    l.state = state
    l.head = next
    this.emitCommit(l.chain, next)
    return json
  }

  private async commitAll (): Promise<void> {
    for (const id of [...this.live.keys()]) {
      const l = this.live.get(id)
      if (l == null) continue
      if (l.state.touched.length === 0 && Object.keys(l.state.children).length === 0) continue
      try {
        await this.commit(id)
      } catch (err: any) {
        this.opts.log?.(`commitment of chain ${id}: ${err.message}`)
      }
    }
  }

  /**
   * Records a child chain's latest commitment hash in the child's leaf (the
   * leaf named exactly by `leaf`, owned by the child chain); false when it
   * already holds that hash. Committed at the next height.
   */
  async embedChild (idHex: string, leaf: Locator, childId: Uint8Array, commitment: Uint8Array): Promise<boolean> {
    return await this.withChain(idHex, async (l) => {
      this.open(l)
      let found: ReturnType<SortitionTree['find']>
      try {
        found = l.tree.find(leaf.lo, leaf.conditions)
      } catch (err) {
        if (err instanceof SortitionError) chainFail('BAD_REGION', err.message)
        throw err
      }
      if (found.region.lo !== leaf.lo || found.region.conditions.length !== leaf.conditions.length) chainFail('BAD_REGION', 'no leaf starts at the child\'s parent point with those conditions')
      if (found.leaf.owner.kind !== 'child' || !equalBytes(found.leaf.owner.chainId, childId)) chainFail('BAD_REGION', 'that leaf is not the child chain\'s')
      const held = (found.leaf as { commitment?: Uint8Array }).commitment
      if (held != null && equalBytes(held, commitment)) return false
      this.applyTree(l, [{ op: 'set-commitment', point: leaf.lo, conditions: leaf.conditions, commitment }])
      const state = { ...l.state, touched: [...l.state.touched, locatorToJson(leaf)], children: { ...l.state.children, [toHex(childId)]: toHex(commitment) } }
      await this.opts.repo.write(state, l.tree, { op: encodeOp({ kind: 'child', chainId: l.chain.id, leaf, child: childId, commitment }) })
      l.state = state
      return true
    })
  }

  private open (l: Live): void {
    if (this.now() > l.chain.tradingEnd) chainFail('AFTER_TRADING_END', 'the chain\'s trading has ended')
  }

  private applyTree (l: Live, ops: Parameters<SortitionTree['apply']>[0]): void {
    try {
      l.tree.apply(ops)
    } catch (err) {
      if (err instanceof SortitionError) chainFail(err.code === 'MISSING_CONDITION' || err.code === 'BAD_REGION' || err.code === 'WRONG_LEAF_KIND' ? 'BAD_REGION' : 'MALFORMED', err.message)
      throw err
    }
  }

  // ---------------------------------------------------------------- operator: requests

  /** Issues a region of `widthPpm` millionths of the space to `owner`, paid by `payment`. */
  async issue (input: { chainId: string, owner: NewOwner, buyer: string, widthPpm: number, payment: string, nonce: Uint8Array }): Promise<ContractView> {
    if (!Number.isInteger(input.widthPpm) || input.widthPpm < 1 || input.widthPpm > 1_000_000) chainFail('MALFORMED', 'width must be 1..1000000 parts per million of the space')
    if (!(input.nonce instanceof Uint8Array) || input.nonce.length !== NONCE_LENGTH) chainFail('MALFORMED', 'nonce must be 16 bytes')
    if (!/^(tally:[0-9a-f]{32}:[0-9a-f]{32}|lift:[0-9a-f]{32})$/.test(input.payment)) chainFail('MALFORMED', 'payment must be tally:<tally id>:<chit id> or lift:<lift id>')
    return await this.withChain(input.chainId, async (l) => {
      this.open(l)
      const idHex = toHex(l.chain.id)
      const used = await this.opts.repo.paymentUse(input.payment)
      if (used != null) chainFail('PAYMENT_USED', `payment ${input.payment} already bought a region of chain ${used.chainId}`)
      const paid = await this.opts.findPayment(input.payment, l.chain.operatorAddress)
      if (paid == null) chainFail('PAYMENT_NOT_FOUND', `no payment ${input.payment} to ${l.chain.operatorAddress} here (yet)`)
      const reference = buyReference(l.chain.id, input.nonce)
      if (paid.payee !== l.chain.operatorAddress) chainFail('UNDERPAID', 'the payment was not to this chain\'s operator')
      if (paid.reference !== reference) chainFail('UNDERPAID', `the payment's reference is not ${reference}`)
      const width = BigInt(input.widthPpm) * SPACE / PPM
      const price = priceOf(l.chain.value, width)
      if (paid.units < price) chainFail('UNDERPAID', `paid ${paid.units}, the price of that width is ${price}`)
      // first unassigned leaf (without conditions) wide enough
      let at: Region | undefined
      for (const e of l.tree.entries()) {
        if (e.leaf.owner.kind === 'unassigned' && e.region.conditions.length === 0 && e.region.hi - e.region.lo >= width) { at = e.region; break }
      }
      if (at == null) chainFail('NO_SPACE', `no unassigned region of ${input.widthPpm} ppm is left`)
      const lo = at.lo
      const hi = lo + width
      const signer = await this.opts.users.signer(l.state.operatorUser)
      const fields = { chainId: l.chain.id, lo, hi, conditions: [], owner: input.owner, payment: input.payment, time: this.now(), nonce: input.nonce }
      const bytes = issueSigningBytes(fields)
      const signature = await signer.sign(bytes)
      const custody = custodyHash(bytes, signature)
      const leaf = leafFor(input.owner, custody)
      this.applyTree(l, [{ op: 'issue', lo, hi, leaf }])
      const touched = [{ lo, conditions: [] }, ...(hi < at.hi ? [{ lo: hi, conditions: [] }] : [])].map(locatorToJson)
      const state = { ...l.state, touched: [...l.state.touched, ...touched] }
      await this.opts.repo.write(state, l.tree, { payment: { evidence: input.payment, use: { chainId: idHex, lo: lo.toString(), hi: hi.toString(), owner: input.buyer, time: this.now() } }, op: encodeOp({ kind: 'issue', fields, signature }) })
      l.state = state
      return contractView(l.chain, { lo, hi, conditions: [] }, leaf)
    })
  }

  /** Applies a transfer signed by the region's current owner. */
  async applyTransfer (t: TransferFields, signer: Uint8Array, signature: Uint8Array): Promise<ContractView> {
    const bytes = transferSigningBytes(t)
    return await this.withChain(toHex(t.chainId), async (l) => {
      this.open(l)
      const found = this.ownedLeaf(l, t.leaf, t.custody, signer)
      await requireSignature(signer, bytes, signature, 'the transfer')
      const leaf = leafFor(t.owner, custodyHash(bytes, signature))
      this.applyTree(l, [{ op: 'transfer', point: t.leaf.lo, conditions: t.leaf.conditions, leaf }])
      const state = { ...l.state, touched: [...l.state.touched, locatorToJson(t.leaf)] }
      await this.opts.repo.write(state, l.tree, { op: encodeOp({ kind: 'transfer', fields: t, signer, signature }) })
      l.state = state
      return contractView(l.chain, found.region, leaf)
    })
  }

  /** Applies a split signed by the region's current owner; both parts keep owner and custody. */
  async applySplit (s: SplitFields, signer: Uint8Array, signature: Uint8Array): Promise<ContractView[]> {
    const bytes = splitSigningBytes(s)
    return await this.withChain(toHex(s.chainId), async (l) => {
      this.open(l)
      const found = this.ownedLeaf(l, s.leaf, s.custody, signer)
      await requireSignature(signer, bytes, signature, 'the split')
      let parts: Locator[]
      if (s.split.kind === 'point') {
        const at = s.split.at
        if (at <= found.region.lo || at >= found.region.hi) chainFail('BAD_REGION', 'the split point is not inside the region')
        this.applyTree(l, [{ op: 'split-point', at, conditions: s.leaf.conditions }])
        parts = [s.leaf, { lo: at, conditions: s.leaf.conditions }]
      } else {
        const predicate = s.split.predicate
        this.applyTree(l, [{ op: 'split-predicate', point: s.leaf.lo, conditions: s.leaf.conditions, predicate }])
        const h = predicateHash(predicate)
        parts = [true, false].map(v => ({ lo: s.leaf.lo, conditions: [...s.leaf.conditions, { predicate: h, value: v }] }))
      }
      const state = { ...l.state, touched: [...l.state.touched, ...parts.map(locatorToJson)] }
      await this.opts.repo.write(state, l.tree, { op: encodeOp({ kind: 'split', fields: s, signer, signature }) })
      l.state = state
      return parts.map(p => { const f = l.tree.find(p.lo, p.conditions); return contractView(l.chain, f.region, f.leaf) })
    })
  }

  /** The user-owned leaf named exactly by `loc`, held by `signer` under `custody`. */
  private ownedLeaf (l: Live, loc: Locator, custody: Uint8Array, signer: Uint8Array): { region: Region, leaf: Leaf } {
    let found: ReturnType<SortitionTree['find']>
    try {
      found = l.tree.find(loc.lo, loc.conditions)
    } catch (err) {
      if (err instanceof SortitionError) chainFail('BAD_REGION', err.message)
      throw err
    }
    if (found.region.lo !== loc.lo || found.region.conditions.length !== loc.conditions.length) chainFail('BAD_REGION', 'no leaf starts at that point with those conditions')
    const leaf = found.leaf
    if (leaf.owner.kind !== 'user') chainFail('NOT_OWNER', leaf.owner.kind === 'unassigned' ? 'the region is unassigned (the operator\'s)' : 'the region belongs to a child chain')
    if (!equalBytes(leaf.owner.publicKey, signer)) chainFail('NOT_OWNER', 'the signer does not own the region')
    if (!equalBytes((leaf as any).custody, custody)) chainFail('STALE_CUSTODY', 'the region changed hands since the request was signed')
    return found
  }

  /**
   * A proof of the leaf containing `point`, against the latest commitment
   * (pending changes are committed first while trading is open).
   */
  async proofFile (idHex: string, at: Locator): Promise<ProofFile> {
    return await this.withChain(idHex, async (l) => {
      if (!equalBytes(l.tree.root(), l.head.root)) await this.commitLocked(l, false)
      if (!equalBytes(l.tree.root(), l.head.root)) chainFail('AFTER_TRADING_END', 'changes after the last commitment cannot be committed any more')
      let proof: Uint8Array
      try {
        proof = encodeProof(l.tree.prove(at.lo, at.conditions))
      } catch (err) {
        if (err instanceof SortitionError) chainFail('BAD_REGION', err.message)
        throw err
      }
      return { kind: 'sortlift-sortition-proof', version: 1, chain: chainToJson(l.chain), commitment: commitmentToJson(l.head), at: locatorToJson(at), proof: toHex(proof) }
    })
  }

  /**
   * A chain's state for settlement: the chain record, its head commitment
   * (pending changes committed first — after the trading end as the closing
   * commitment) and, given a point and a decider, the leaf containing the
   * point and its proof against that head. The decider may throw (an
   * undecided predicate); nothing changes then.
   */
  async final (idHex: string, at?: { point: bigint, decide: Decide }): Promise<{ chain: SignedChain, head: SignedCommitment, operatorUser: string, winner?: { proof: Proof, region: Region, leaf: Leaf } }> {
    return await this.withChain(idHex, async (l) => {
      if (!equalBytes(l.tree.root(), l.head.root)) await this.commitLocked(l, false)
      if (!equalBytes(l.tree.root(), l.head.root)) throw new SortitionError('CORRUPT_STORE', `chain ${idHex}: the tree is not the head commitment's`)
      const base = { chain: l.chain, head: l.head, operatorUser: l.state.operatorUser }
      if (at == null) return base
      const found = l.tree.find(at.point, at.decide)
      return { ...base, winner: { proof: l.tree.prove(at.point, at.decide), region: found.region, leaf: found.leaf } }
    })
  }

  isOperated (idHex: string): boolean {
    return this.live.has(normalise(idHex))
  }

  // ---------------------------------------------------------------- wire: serving

  async handleSortitionRequest (_remotePeer: string, req: SortitionRequest): Promise<SortitionResponse> {
    try {
      if (req.getChain != null) {
        const l = this.get(toHex(req.getChain.chainId))
        return ok({ chain: chainToWire(l.chain), commitment: commitmentToWire(l.head) })
      }
      if (req.buy != null) {
        const b = req.buy
        const c = await this.issue({ chainId: toHex(b.chainId), owner: { kind: 'user', publicKey: key32(b.buyerKey) }, buyer: b.buyerAddress, widthPpm: b.widthPpm, payment: b.payment, nonce: b.nonce })
        return ok({ lo: pointToBytes(BigInt(c.lo)), hi: hiWire(BigInt(c.hi)), custody: fromHex(c.custody!) })
      }
      if (req.transfer != null) {
        const t = req.transfer
        const c = await this.applyTransfer(transferFromWire(t), t.signer, t.signature)
        return ok({ lo: pointToBytes(BigInt(c.lo)), hi: hiWire(BigInt(c.hi)), custody: fromHex(c.custody!) })
      }
      if (req.split != null) {
        const s = req.split
        const parts = await this.applySplit(splitFromWire(s), s.signer, s.signature)
        return ok({ lo: pointToBytes(BigInt(parts[0].lo)), hi: hiWire(BigInt(parts[0].hi)), custody: fromHex(parts[0].custody!) })
      }
      if (req.getProof != null) {
        const g = req.getProof
        const file = await this.proofFile(toHex(g.chainId), { lo: pointWire(g.point), conditions: conditionsFromWire(g.conditions) })
        return ok({ chain: chainToWire(chainFromJson(file.chain)), commitment: commitmentToWire(commitmentFromJson(file.commitment)), proof: fromHex(file.proof) })
      }
      return fail(SortitionCode.SORTITION_MALFORMED, 'empty request')
    } catch (err: any) {
      if (err instanceof ChainError) return fail(WIRE_CODE[err.code], err.message)
      if (err instanceof SortitionError) return fail(SortitionCode.SORTITION_MALFORMED, err.message)
      this.opts.log?.(`sortition request failed: ${err?.stack ?? err}`)
      return fail(SortitionCode.SORTITION_INTERNAL, 'internal error')
    }
  }

  // ---------------------------------------------------------------- client side

  private async ask (peer: string, req: Record<string, unknown>): Promise<SortitionResponse> {
    let res: SortitionResponse
    try {
      res = await this.opts.transport.request(peer, req as unknown as SortitionRequest)
    } catch (err: any) {
      chainFail('UNAVAILABLE', `operator ${peer}: ${err?.message ?? err}`)
    }
    if (res.code !== SortitionCode.SORTITION_OK) chainFail(CODE_OF_WIRE.get(res.code) ?? 'UNAVAILABLE', res.message)
    return res
  }

  /**
   * When a beacon round is due (ms since epoch) on the network this node
   * follows, if it follows one: a chain whose round is due before its trading
   * end would sell regions while its draw is known.
   */
  setBeaconClock (due: (round: number) => number | undefined): void {
    this.beaconDue = due
  }

  /** Where else a chain record may be known on this node (e.g. announced over gossip). */
  addChainSource (fn: (idHex: string) => Promise<SignedChain | undefined>): void {
    this.chainSources.push(fn)
  }

  /** Calls `fn` with every chain record (and the operator's latest commitment) fetched from another node. */
  onChainFetched (fn: (chain: SignedChain, c: SignedCommitment) => void): void {
    this.fetched.push(fn)
  }

  /**
   * The chain record (checked): this node's, one known here (announced), or
   * from `peer` (its operator).
   */
  async fetchChain (idHex: string, peer?: string): Promise<SignedChain> {
    const id = normalise(idHex)
    if (this.live.has(id)) return this.live.get(id)!.chain
    if (peer == null) {
      for (const source of this.chainSources) {
        const known = await source(id)
        if (known != null) return known
      }
      // followers and providers (chain-sync)
      const found = await this.fallback?.chain(id)
      if (found != null) return found
      chainFail('UNKNOWN_CHAIN', `chain ${idHex} is not known here and no follower or provider has it; name its operator's PeerId`)
    }
    let res: SortitionResponse
    try {
      res = await this.ask(peer, { getChain: { chainId: fromHex(id) } })
    } catch (err) {
      // the peer is out of reach or is not the operator (a follower, say): followers and providers may have it
      if (!(err instanceof ChainError) || (err.code !== 'UNAVAILABLE' && err.code !== 'UNKNOWN_CHAIN')) throw err
      const found = await this.fallback?.chain(id, err.code === 'UNKNOWN_CHAIN' ? peer : undefined)
      if (found != null) return found
      throw err
    }
    if (res.chain == null) chainFail('UNAVAILABLE', 'the operator sent no chain record')
    const chain = chainFromWire(res.chain)
    await validateChain(chain)
    if (toHex(chain.id) !== id) chainFail('WRONG_CHAIN', 'the operator sent another chain')
    if (res.commitment != null && this.fetched.length > 0) {
      const c = commitmentFromWire(res.commitment)
      if (equalBytes(c.chainId, chain.id) && await verifySignature(chain.operator, commitmentSigningBytes(c), c.signature)) {
        for (const fn of this.fetched) fn(chain, c)
      }
    }
    return chain
  }

  /**
   * Buys `widthPpm` millionths of a chain's space for local user `user`: pays
   * the operator's user, then asks the operator to issue against that payment.
   */
  async buy (input: { chainId: string, user: string, widthPpm: number, peer?: string }): Promise<BuyResult> {
    if (!Number.isInteger(input.widthPpm) || input.widthPpm < 1 || input.widthPpm > 1_000_000) chainFail('MALFORMED', 'width must be 1..1000000 parts per million of the space')
    const chain = await this.fetchChain(input.chainId, input.peer)
    const operatorPeer = chain.operatorAddress.split('@')[1]
    const buyer = await this.opts.users.signer(input.user)
    const width = BigInt(input.widthPpm) * SPACE / PPM
    const price = priceOf(chain.value, width)
    const nonce = randomBytes(NONCE_LENGTH)
    const reference = buyReference(chain.id, nonce)
    const payment = await this.opts.pay({ from: input.user, to: chain.operatorAddress, units: price, memo: 'sortition purchase', reference })
    const buy = { chainId: chain.id, buyerKey: buyer.publicKey, buyerAddress: `${input.user}@${this.opts.localPeer}`, widthPpm: input.widthPpm, payment, nonce }
    const deadline = Date.now() + PAYMENT_WAIT_MS
    for (;;) {
      try {
        const res = await this.ask(operatorPeer, { buy })
        const lo = pointWire(res.lo)
        const hi = res.hi.length === 0 ? SPACE : pointWire(res.hi)
        const leaf = leafFor({ kind: 'user', publicKey: buyer.publicKey }, res.custody)
        return { ...contractView(chain, { lo, hi, conditions: [] }, leaf), price: price.toString(), payment, reference }
      } catch (err) {
        // the operator's node may see the chit or the lift decision a moment later, or be unreachable
        // for a moment: the payment is made, so keep asking (the same payment and nonce) a while
        const again = err instanceof ChainError && (err.code === 'PAYMENT_NOT_FOUND' || err.code === 'UNAVAILABLE') && Date.now() <= deadline
        if (!again) {
          if (err instanceof ChainError && err.code === 'UNAVAILABLE') chainFail('UNAVAILABLE', `${err.message}; paid with ${payment} (reference ${reference}): the operator can still issue against it`)
          throw err
        }
        await new Promise(resolve => setTimeout(resolve, 200))
      }
    }
  }

  /** Current proof file from the operator (this node or `peer`), checked against the chain and commitment. */
  async fetchProof (input: { chainId: string, at: Locator, peer?: string }): Promise<ProofFile> {
    const id = normalise(input.chainId)
    if (this.live.has(id)) return await this.proofFile(id, input.at)
    const chain = await this.fetchChain(id, input.peer)
    let res: SortitionResponse
    try {
      res = await this.ask(chain.operatorAddress.split('@')[1], { getProof: { chainId: chain.id, point: pointToBytes(input.at.lo), conditions: conditionsToWire(input.at.conditions) } })
    } catch (err) {
      // the operator is out of reach: a follower's proof is checked against the operator-signed commitment
      if (!(err instanceof ChainError) || err.code !== 'UNAVAILABLE') throw err
      const file = await this.fallback?.proof(chain, input.at)
      if (file != null) return file
      throw err
    }
    if (res.commitment == null) chainFail('UNAVAILABLE', 'the operator sent no commitment')
    const c = commitmentFromWire(res.commitment)
    if (!await verifySignature(chain.operator, commitmentSigningBytes(c), c.signature) || !equalBytes(c.chainId, chain.id)) chainFail('BAD_SIGNATURE', 'the operator sent a commitment it did not sign')
    const v = verifyProofBytes(res.proof, c.root)
    if (!v.ok) chainFail('BAD_SIGNATURE', `the operator's proof does not verify: ${v.reason}`)
    return { kind: 'sortlift-sortition-proof', version: 1, chain: chainToJson(chain), commitment: commitmentToJson(c), at: locatorToJson(input.at), proof: toHex(res.proof) }
  }

  /** The leaf containing `at`, as its operator proves it now. */
  async contract (input: { chainId: string, at: Locator, peer?: string }): Promise<ContractView & { height: number }> {
    const file = await this.fetchProof(input)
    const chain = chainFromJson(file.chain)
    const v = verifyProofBytes(fromHex(file.proof), fromHex(file.commitment.root))
    if (!v.ok) chainFail('BAD_SIGNATURE', v.reason)
    return { ...contractView(chain, v.region, v.leaf), height: file.commitment.height }
  }

  /** Signs, as local user `user` (the owner), a transfer of the leaf starting at `at` to `to`, and sends it. */
  async transfer (input: { chainId: string, user: string, at: Locator, to: NewOwner, peer?: string, signer?: Signer }): Promise<ContractView> {
    const { chain, custody } = await this.current(input)
    const signer = input.signer ?? await this.opts.users.signer(input.user)
    const fields: TransferFields = { chainId: chain.id, leaf: input.at, custody, owner: input.to, nonce: randomBytes(NONCE_LENGTH) }
    const signature = await signer.sign(transferSigningBytes(fields))
    if (this.live.has(toHex(chain.id))) return await this.applyTransfer(fields, signer.publicKey, signature)
    const res = await this.ask(chain.operatorAddress.split('@')[1], { transfer: transferToWire(fields, signer.publicKey, signature) })
    return contractView(chain, { lo: pointWire(res.lo), hi: res.hi.length === 0 ? SPACE : pointWire(res.hi), conditions: input.at.conditions }, leafFor(input.to, res.custody))
  }

  /** Signs, as the owner, a split of the leaf starting at `at` (by point or predicate), and sends it. */
  async split (input: { chainId: string, user: string, at: Locator, split: SplitFields['split'], peer?: string }): Promise<{ parts: number }> {
    const { chain, custody } = await this.current(input)
    const signer = await this.opts.users.signer(input.user)
    const fields: SplitFields = { chainId: chain.id, leaf: input.at, custody, split: input.split, nonce: randomBytes(NONCE_LENGTH) }
    const signature = await signer.sign(splitSigningBytes(fields))
    if (this.live.has(toHex(chain.id))) { await this.applySplit(fields, signer.publicKey, signature); return { parts: 2 } }
    await this.ask(chain.operatorAddress.split('@')[1], { split: splitToWire(fields, signer.publicKey, signature) })
    return { parts: 2 }
  }

  /** The chain and the custody of the user leaf at `at`, from a checked proof. */
  private async current (input: { chainId: string, at: Locator, peer?: string }): Promise<{ chain: SignedChain, custody: Uint8Array, owner: Uint8Array }> {
    const file = await this.fetchProof(input)
    const chain = chainFromJson(file.chain)
    const leaf = decodeProof(fromHex(file.proof)).leaf as any
    if (leaf.owner.kind !== 'user') chainFail('NOT_OWNER', 'the region is not owned by a user')
    return { chain, custody: leaf.custody, owner: leaf.owner.publicKey }
  }
}

// ---------------------------------------------------------------- helpers

/** The reference a purchase's payment must carry: binds it to one chain and one request. */
export function buyReference (chainId: Uint8Array, nonce: Uint8Array): string {
  return `sortition-buy:${toHex(chainId)}:${toHex(nonce)}`
}

/** What a region of `width` costs in a chain worth V: ceil(V·width/2^256), never less than any such region's value. */
export function priceOf (value: bigint, width: bigint): bigint {
  return (value * width + SPACE - 1n) / SPACE
}

function normalise (idHex: string): string {
  if (typeof idHex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(idHex)) chainFail('MALFORMED', 'a chain id is 64 hex digits')
  return idHex.toLowerCase()
}

function hex32 (s: string, what: string): Uint8Array {
  if (typeof s !== 'string' || !/^[0-9a-fA-F]{64}$/.test(s)) chainFail('MALFORMED', `${what} must be 64 hex digits`)
  return fromHex(s.toLowerCase())
}

function key32 (b: Uint8Array): Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== 32) chainFail('MALFORMED', 'a key must be 32 bytes')
  return b
}

function leafFor (owner: NewOwner, custody: Uint8Array): Leaf {
  return owner.kind === 'user' ? { owner: { kind: 'user', publicKey: owner.publicKey }, custody } : { owner: { kind: 'child', chainId: owner.chainId }, custody }
}

export function contractView (chain: SignedChain, region: Region, leaf: Leaf): ContractView {
  const l = leaf as any
  return {
    chainId: toHex(chain.id),
    lo: region.lo.toString(),
    hi: region.hi.toString(),
    conditions: region.conditions.map(c => ({ predicate: toHex(c.predicate), value: c.value })),
    owner: leaf.owner.kind === 'user' ? { kind: 'user', publicKey: toHex(leaf.owner.publicKey) } : leaf.owner.kind === 'child' ? { kind: 'child', chainId: toHex(leaf.owner.chainId) } : { kind: 'unassigned' },
    ...(l.custody != null ? { custody: toHex(l.custody) } : {}),
    value: regionValue(chain.value, region.lo, region.hi).toString()
  }
}

const EMPTY = new Uint8Array(0)

function ok (r: Record<string, unknown>): SortitionResponse {
  return { code: SortitionCode.SORTITION_OK, message: '', proof: EMPTY, lo: EMPTY, hi: EMPTY, custody: EMPTY, ...r } as SortitionResponse
}

function fail (code: SortitionCode, message: string): SortitionResponse {
  return { code, message, proof: EMPTY, lo: EMPTY, hi: EMPTY, custody: EMPTY } as SortitionResponse
}

const WIRE_CODE: Record<ChainErrorCode, SortitionCode> = {
  MALFORMED: SortitionCode.SORTITION_MALFORMED,
  BAD_SIGNATURE: SortitionCode.SORTITION_BAD_SIGNATURE,
  BAD_CHAIN_ID: SortitionCode.SORTITION_MALFORMED,
  WRONG_CHAIN: SortitionCode.SORTITION_MALFORMED,
  HEIGHT_SKIP: SortitionCode.SORTITION_INTERNAL,
  BROKEN_LINK: SortitionCode.SORTITION_INTERNAL,
  BAD_TIME: SortitionCode.SORTITION_INTERNAL,
  AFTER_TRADING_END: SortitionCode.SORTITION_CLOSED,
  UNKNOWN_CHAIN: SortitionCode.SORTITION_UNKNOWN_CHAIN,
  NOT_OPERATOR: SortitionCode.SORTITION_UNKNOWN_CHAIN,
  NOT_OWNER: SortitionCode.SORTITION_NOT_OWNER,
  STALE_CUSTODY: SortitionCode.SORTITION_STALE_CUSTODY,
  BAD_REGION: SortitionCode.SORTITION_BAD_REGION,
  NO_SPACE: SortitionCode.SORTITION_NO_SPACE,
  PAYMENT_NOT_FOUND: SortitionCode.SORTITION_PAYMENT_NOT_FOUND,
  PAYMENT_USED: SortitionCode.SORTITION_PAYMENT_USED,
  UNDERPAID: SortitionCode.SORTITION_UNDERPAID,
  UNAVAILABLE: SortitionCode.SORTITION_INTERNAL,
  WRONG_TOPIC: SortitionCode.SORTITION_MALFORMED,
  CONFLICT: SortitionCode.SORTITION_INTERNAL,
  NOT_EMBEDDED: SortitionCode.SORTITION_INTERNAL
}

const CODE_OF_WIRE = new Map<SortitionCode, ChainErrorCode>([
  [SortitionCode.SORTITION_MALFORMED, 'MALFORMED'],
  [SortitionCode.SORTITION_BAD_SIGNATURE, 'BAD_SIGNATURE'],
  [SortitionCode.SORTITION_UNKNOWN_CHAIN, 'UNKNOWN_CHAIN'],
  [SortitionCode.SORTITION_NOT_OWNER, 'NOT_OWNER'],
  [SortitionCode.SORTITION_STALE_CUSTODY, 'STALE_CUSTODY'],
  [SortitionCode.SORTITION_BAD_REGION, 'BAD_REGION'],
  [SortitionCode.SORTITION_NO_SPACE, 'NO_SPACE'],
  [SortitionCode.SORTITION_PAYMENT_NOT_FOUND, 'PAYMENT_NOT_FOUND'],
  [SortitionCode.SORTITION_PAYMENT_USED, 'PAYMENT_USED'],
  [SortitionCode.SORTITION_UNDERPAID, 'UNDERPAID'],
  [SortitionCode.SORTITION_CLOSED, 'AFTER_TRADING_END'],
  [SortitionCode.SORTITION_INTERNAL, 'UNAVAILABLE']
])

function pointWire (b: Uint8Array): bigint {
  if (!(b instanceof Uint8Array) || b.length !== 32) chainFail('MALFORMED', 'a point must be 32 bytes')
  return pointFromBytes(b)
}

function hiWire (hi: bigint): Uint8Array {
  return hi === SPACE ? EMPTY : pointToBytes(hi)
}

function conditionsFromWire (cs: WireCondition[]): Condition[] {
  return cs.map(c => ({ predicate: c.predicate, value: c.value }))
}

function conditionsToWire (cs: Condition[]): WireCondition[] {
  return cs.map(c => ({ predicate: c.predicate as Uint8Array<ArrayBuffer>, value: c.value }))
}

function ownerFromWire (kind: number, owner: Uint8Array): NewOwner {
  if (kind === 1) return { kind: 'user', publicKey: owner }
  if (kind === 2) return { kind: 'child', chainId: owner }
  return chainFail('MALFORMED', 'owner kind must be 1 (user) or 2 (child chain)')
}

function transferFromWire (t: NonNullable<SortitionRequest['transfer']>): TransferFields {
  return { chainId: t.chainId, leaf: { lo: pointWire(t.lo), conditions: conditionsFromWire(t.conditions) }, custody: t.custody, owner: ownerFromWire(t.ownerKind, t.owner), nonce: t.nonce }
}

function transferToWire (t: TransferFields, signer: Uint8Array, signature: Uint8Array): NonNullable<SortitionRequest['transfer']> {
  return {
    chainId: t.chainId, lo: pointToBytes(t.leaf.lo), conditions: conditionsToWire(t.leaf.conditions), custody: t.custody,
    ownerKind: t.owner.kind === 'user' ? 1 : 2, owner: t.owner.kind === 'user' ? t.owner.publicKey : t.owner.chainId, nonce: t.nonce, signature, signer
  } as any
}

function splitFromWire (s: NonNullable<SortitionRequest['split']>): SplitFields {
  let split: SplitFields['split']
  if (s.point.length > 0 && s.predicate.length === 0) split = { kind: 'point', at: pointWire(s.point) }
  else if (s.point.length === 0 && s.predicate.length > 0) {
    let predicate: Predicate
    try { predicate = decodePredicate(s.predicate) } catch (err: any) { return chainFail('MALFORMED', `split predicate: ${err.message}`) }
    split = { kind: 'predicate', predicate }
  } else return chainFail('MALFORMED', 'a split names a point or a predicate')
  return { chainId: s.chainId, leaf: { lo: pointWire(s.lo), conditions: conditionsFromWire(s.conditions) }, custody: s.custody, split, nonce: s.nonce }
}

function splitToWire (s: SplitFields, signer: Uint8Array, signature: Uint8Array): NonNullable<SortitionRequest['split']> {
  return {
    chainId: s.chainId, lo: pointToBytes(s.leaf.lo), conditions: conditionsToWire(s.leaf.conditions), custody: s.custody,
    point: s.split.kind === 'point' ? pointToBytes(s.split.at) : EMPTY, predicate: s.split.kind === 'predicate' ? encodePredicate(s.split.predicate) : EMPTY,
    nonce: s.nonce, signature, signer
  } as any
}

export function chainToWire (c: SignedChain): ChainRecord {
  return {
    operator: c.operator, operatorAddress: c.operatorAddress, value: c.value, tradingEnd: BigInt(c.tradingEnd), beaconRound: BigInt(c.beaconRound),
    hasParent: c.parent != null, parentId: c.parent?.chainId ?? EMPTY, parentLo: c.parent != null ? pointToBytes(c.parent.leaf.lo) : EMPTY,
    parentConditions: conditionsToWire(c.parent?.leaf.conditions ?? []), created: BigInt(c.created), nonce: c.nonce, signature: c.signature
  } as any
}

function safe (n: bigint, what: string): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) chainFail('MALFORMED', `${what} is too large`)
  return Number(n)
}

export function chainFromWire (c: ChainRecord): SignedChain {
  const fields = {
    operator: c.operator, operatorAddress: c.operatorAddress, value: c.value, tradingEnd: safe(c.tradingEnd, 'trading end'), beaconRound: safe(c.beaconRound, 'beacon round'),
    ...(c.hasParent ? { parent: { chainId: c.parentId, leaf: { lo: pointWire(c.parentLo), conditions: conditionsFromWire(c.parentConditions) } } } : {}),
    created: safe(c.created, 'created'), nonce: c.nonce
  }
  // the id is never sent: it is the hash of the fields
  return { ...fields, id: chainIdOf(fields), signature: c.signature }
}

export function commitmentToWire (c: SignedCommitment): Commitment {
  return { chainId: c.chainId, height: BigInt(c.height), root: c.root, prev: c.prev, time: BigInt(c.time), changes: c.changes, children: c.children, signature: c.signature } as any
}

export function commitmentFromWire (c: Commitment): SignedCommitment {
  return { chainId: c.chainId, height: safe(c.height, 'height'), root: c.root, prev: c.prev, time: safe(c.time, 'time'), changes: c.changes, children: c.children, signature: c.signature }
}
