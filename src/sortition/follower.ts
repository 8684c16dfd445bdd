// The follower service: replicates sortition chains this node does not
// operate, height by height, over /sortlift/chain-sync/1.0.0, from the
// operator or any node that holds the data (found as a provider in the DHT).
// Each height is checked by replaying its operations (replay.ts) before
// anything is stored; a peer whose data fails is penalised and the next one
// is tried. A follower then serves what it holds — chain record, heights,
// proofs — so owners get proofs while the operator is offline.
//
// Staying current: the gossip layer hands every announced commitment of a
// followed chain to onCommitment (validate, then sync in the background when
// it is ahead), and a poll (syncIntervalMs) catches up a follower that missed
// gossip. A commitment for a height already held with a different hash is two
// operator signatures on one height: reported through onConflict.
import { SortitionTree } from './tree.js'
import type { Decide } from './tree.js'
import type { Proof } from './proof.js'
import type { Leaf } from './hashing.js'
import type { Region } from './space.js'
import { SortitionError } from './errors.js'
import { encodeProof, verifyProofBytes } from './proof.js'
import { validateChain, chainToJson, chainFromJson, locatorToJson } from './chain.js'
import type { SignedChain, Locator, ChainJson } from './chain.js'
import {
  validateCommitment, commitmentHash, commitmentToJson, commitmentFromJson, commitmentSigningBytes
} from './commitment.js'
import type { SignedCommitment, CommitmentJson } from './commitment.js'
import type { ProofFile } from './proof-file.js'
import { contractView } from './operator.js'
import type { ContractView } from './operator.js'
import { ChainError } from './chain-errors.js'
import { replayHeight, genesisTree } from './replay.js'
import { SyncError, syncFail, isPeerFault } from './sync-errors.js'
import type { SyncErrorCode } from './sync-errors.js'
import { chainFromWire, commitmentFromWire, conditionsToWire } from './chain-wire.js'
import type { ChainDataSource } from './chain-sync-server.js'
import type { FollowRepository, FollowState } from '../store/follow-repo.js'
import type { ChainSyncTransport } from '../net/chain-sync-network.js'
import { MAX_HEIGHTS_PER_RESPONSE } from '../net/chain-sync-network.js'
import type { ProviderFinder } from '../net/chain-providers.js'
import { RequestError } from '../net/reqresp.js'
import { ChainSyncCode } from '../../protos/chain-sync.js'
import type { ChainSyncRequest, ChainSyncResponse, Height } from '../../protos/chain-sync.js'
import { verifySignature } from '../crypto/keys.js'
import { equalBytes, fromHex, toHex } from '../crypto/bytes.js'
import { pointToBytes } from './space.js'
import { KeyedMutex } from '../util/keyed-mutex.js'

export const DEFAULT_SYNC_INTERVAL_MS = 30_000
/** how long a DHT search for a chain's providers may take */
const PROVIDER_SEARCH_MS = 10_000
/** a chain keeps being polled this long after its trading end (late commitments stamped before it) */
const POLL_AFTER_END_MS = 10 * 60_000
/** get_ops rounds for one height, at most (a height's operations in ~64 MiB) */
const MAX_OPS_ROUNDS = 64

export type Verdict = 'accept' | 'reject' | 'ignore'

export interface FollowerOptions {
  repo: FollowRepository
  transport: ChainSyncTransport
  providers: ProviderFinder
  /** whether this node operates the chain (it then cannot follow it) */
  isOperated: (idHex: string) => boolean
  /** a chain is now held here (its first height stored, or loaded at start): announce it, listen for it */
  onHeld?: (chain: SignedChain) => void
  /** two validly signed commitments for one height (fraud evidence) */
  onConflict?: (chain: SignedChain, a: SignedCommitment, b: SignedCommitment) => void
  syncIntervalMs?: number
  providerSearchMs?: number
  now?: () => number
  log?: (msg: string) => void
}

interface Followed {
  chain: SignedChain
  state: FollowState
  tree: SortitionTree
  head: SignedCommitment
}

export interface FollowView {
  id: string
  role: 'follower'
  operator: string
  operatorAddress: string
  value: string
  tradingEnd: number
  beaconRound: number
  parent?: ChainJson['parent']
  created: number
  height: number
  root: string
  committedRoot: string
  commitment: string
  time: number
  syncedAt: number
  source?: string
}

export class FollowerService implements ChainDataSource {
  private readonly live = new Map<string, Followed>()
  /** one sync run per chain at a time */
  private readonly syncLock = new KeyedMutex()
  /** the tree is replayed or proven under this lock (a replay leaves it half changed between operations) */
  private readonly treeLock = new KeyedMutex()
  private readonly now: () => number
  private readonly syncIntervalMs: number
  private readonly providerSearchMs: number
  private timer?: NodeJS.Timeout
  private polling?: Promise<void>
  private readonly background = new Set<Promise<unknown>>()
  private stopped = false
  /** set by the lead's evidence wiring; also settable after construction */
  onConflict?: (chain: SignedChain, a: SignedCommitment, b: SignedCommitment) => void

  constructor (private readonly opts: FollowerOptions) {
    this.now = opts.now ?? Date.now
    this.syncIntervalMs = opts.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS
    this.providerSearchMs = opts.providerSearchMs ?? PROVIDER_SEARCH_MS
    this.onConflict = opts.onConflict
  }

  async start (): Promise<void> {
    for (const state of await this.opts.repo.list()) {
      try {
        await this.load(state)
      } catch (err: any) {
        this.opts.log?.(`followed chain ${state.record.id} not loaded: ${err.message}`)
      }
    }
    for (const f of this.live.values()) this.opts.onHeld?.(f.chain)
    if (this.syncIntervalMs > 0) {
      this.timer = setInterval(() => { this.polling ??= this.pollAll().finally(() => { this.polling = undefined }) }, this.syncIntervalMs)
      this.timer.unref()
    }
  }

  async stop (): Promise<void> {
    this.stopped = true
    if (this.timer != null) clearInterval(this.timer)
    await this.polling
    await Promise.allSettled([...this.background])
  }

  /** The stored tree (no rebuild: nodes are read back with their hashes) and head of a followed chain. */
  private async load (state: FollowState): Promise<void> {
    const chain = chainFromJson(state.record)
    const tree = await this.opts.repo.trees.load(chain.id)
    const head = await this.opts.repo.commitment(state.record.id, state.head)
    if (tree == null || head == null) throw new SortitionError('CORRUPT_STORE', 'the chain is incomplete on disk')
    const c = commitmentFromJson(head)
    if (!equalBytes(tree.root(), c.root)) throw new SortitionError('CORRUPT_STORE', 'the stored tree is not the tree of the stored head')
    this.live.set(state.record.id, { chain, state, tree, head: c })
  }

  // ---------------------------------------------------------------- views

  isFollowed (idHex: string): boolean {
    return this.live.has(idHex.toLowerCase())
  }

  list (): FollowView[] {
    return [...this.live.values()].sort((a, b) => a.state.added - b.state.added).map(f => this.view(f))
  }

  show (idHex: string): FollowView {
    return this.view(this.get(idHex))
  }

  async commitments (idHex: string): Promise<CommitmentJson[]> {
    const f = this.get(idHex)
    return await this.opts.repo.commitmentRange(toHex(f.chain.id), 0, f.head.height + 1)
  }

  /** The contracts (assigned leaves) at the head held here, in order. */
  contracts (idHex: string): ContractView[] {
    const f = this.get(idHex)
    const out: ContractView[] = []
    for (const e of f.tree.entries()) if (e.leaf.owner.kind !== 'unassigned') out.push(contractView(f.chain, e.region, e.leaf))
    return out
  }

  private get (idHex: string): Followed {
    const f = typeof idHex === 'string' ? this.live.get(idHex.toLowerCase()) : undefined
    if (f == null) syncFail('NOT_FOLLOWED', `this node does not follow chain ${idHex}`)
    return f
  }

  private view (f: Followed): FollowView {
    const c = f.chain
    const j = chainToJson(c)
    return {
      id: j.id,
      role: 'follower',
      operator: j.operator,
      operatorAddress: c.operatorAddress,
      value: j.value,
      tradingEnd: c.tradingEnd,
      beaconRound: c.beaconRound,
      ...(j.parent != null ? { parent: j.parent } : {}),
      created: c.created,
      height: f.head.height,
      root: toHex(f.tree.root()),
      committedRoot: toHex(f.head.root),
      commitment: toHex(commitmentHash(f.head)),
      time: f.head.time,
      syncedAt: f.state.syncedAt,
      ...(f.state.source != null ? { source: f.state.source } : {})
    }
  }

  // ---------------------------------------------------------------- following

  /**
   * Starts following a chain (or catches up one already followed): fetches
   * the chain record and every height from `peer`, the operator or any
   * provider, replaying and checking each before storing it.
   */
  async follow (idHex: string, peer?: string): Promise<FollowView> {
    const id = hex32(idHex)
    if (this.opts.isOperated(id)) syncFail('OPERATED_HERE', `this node operates chain ${id}`)
    await this.sync(id, { peers: peer != null ? [peer] : [] })
    return this.show(id)
  }

  /**
   * Catches a chain up from the given peers first, then its operator, then
   * providers, until one answers without fault (and `target` is reached,
   * when given). Throws the most telling failure when none could.
   */
  async sync (idHex: string, hint: { peers?: string[], target?: number } = {}): Promise<number> {
    const id = hex32(idHex)
    return await this.syncLock.run(id, async () => {
      const tried = new Set<string>()
      const failures: SyncError[] = []
      const done = (): boolean => {
        const f = this.live.get(id)
        return f != null && (hint.target == null || f.head.height >= hint.target)
      }
      const attempt = async (peer: string): Promise<boolean> => {
        if (tried.has(peer) || peer === this.opts.transport.localPeer) return false
        tried.add(peer)
        try {
          await this.pull(id, peer)
          return done()
        } catch (err: any) {
          if (!(err instanceof SyncError)) throw err
          failures.push(err)
          this.opts.log?.(`chain ${id} from ${peer}: ${err.code}: ${err.message}`)
          return false
        }
      }
      const known = this.live.get(id)
      const first = [...(hint.peers ?? []), ...(known?.state.source != null ? [known.state.source] : [])]
      for (const p of first) if (await attempt(p)) return this.live.get(id)!.head.height
      const operatorPeer = (known?.chain ?? await this.recordFrom(id, first)).operatorAddress?.split('@')[1]
      if (operatorPeer != null && await attempt(operatorPeer)) return this.live.get(id)!.head.height
      for await (const p of this.opts.providers.find(fromHex(id), AbortSignal.timeout(this.providerSearchMs))) {
        if (this.stopped) break
        if (await attempt(p)) return this.live.get(id)!.head.height
      }
      const f = this.live.get(id)
      // followed and nobody had anything newer: up to date as far as anyone knows
      if (f != null && hint.target == null && failures.every(e => !isPeerFault(e) && e.code !== 'CONFLICT')) return f.head.height
      const telling = failures.find(e => isPeerFault(e) || e.code === 'CONFLICT') ?? failures[0]
      if (telling != null) throw telling
      return syncFail('NO_PROVIDER', `no peer could serve chain ${id}${hint.target != null ? ` up to height ${hint.target}` : ''}`)
    })
  }

  /** The chain record known locally, or fetched (validated) from the first of `peers` that has it. */
  private async recordFrom (id: string, peers: string[]): Promise<Partial<SignedChain>> {
    for (const p of peers) {
      try { return await this.fetchRecord(id, p) } catch {}
    }
    return {}
  }

  /**
   * Syncs a chain from one peer only; throws SyncError (the peer is
   * penalised for bad data). For a chain not yet followed it also fetches
   * the chain record, and the chain is followed once height 0 is stored.
   */
  async syncFrom (idHex: string, peer: string): Promise<number> {
    const id = hex32(idHex)
    if (this.opts.isOperated(id)) syncFail('OPERATED_HERE', `this node operates chain ${id}`)
    return await this.syncLock.run(id, async () => {
      await this.pull(id, peer)
      return this.get(id).head.height
    })
  }

  /** Pulls every height `peer` has beyond this node's head (under the chain's sync lock). */
  private async pull (id: string, peer: string): Promise<void> {
    try {
      let chain = this.live.get(id)?.chain
      if (chain == null) chain = await this.fetchRecord(id, peer)
      // the first request overlaps this node's head by one height: the same commitment, or a fork
      let overlap = this.live.has(id)
      for (;;) {
        const f = this.live.get(id)
        const from = f == null ? 0 : overlap ? f.head.height : f.head.height + 1
        const res = await this.ask(peer, { getHeights: { chainId: chain.id as Uint8Array<ArrayBuffer>, from: BigInt(from), max: MAX_HEIGHTS_PER_RESPONSE } })
        const heights = res.heights
        if (heights.length > MAX_HEIGHTS_PER_RESPONSE) syncFail('BAD_RESPONSE', `more than ${MAX_HEIGHTS_PER_RESPONSE} heights in one response`)
        if (heights.length === 0) {
          if (f == null) syncFail('UNAVAILABLE', `${peer} has no height 0 of chain ${id}`)
          return
        }
        let rest = heights
        if (f != null && overlap) {
          const c0 = commitmentOf(heights[0])
          if (c0.height !== f.head.height) syncFail('BAD_RESPONSE', `asked from height ${from}, got height ${c0.height}`)
          if (!equalBytes(commitmentHash(c0), commitmentHash(f.head))) await this.conflict(f, c0)
          rest = heights.slice(1)
          overlap = false
        }
        for (const h of rest) await this.apply(chain, peer, h)
        const now = this.live.get(id)
        if (now == null || BigInt(now.head.height) >= res.held) return
      }
    } catch (err: any) {
      const e = toSyncError(err)
      if (isPeerFault(e)) this.opts.transport.penalise(peer)
      throw e
    }
  }

  private async conflict (f: Followed, theirs: SignedCommitment): Promise<never> {
    // signed by the operator: a second commitment for a height held here (fraud evidence), not the relay's fault
    if (!equalBytes(theirs.chainId, f.chain.id)) syncFail('WRONG_CHAIN', 'a commitment for another chain')
    let bytes: Uint8Array
    try { bytes = commitmentSigningBytes(theirs) } catch (err) { return asSync(err) }
    if (!await verifySignature(f.chain.operator, bytes, theirs.signature)) syncFail('BAD_SIGNATURE', 'a commitment not signed by the chain operator')
    this.reportConflict(f.chain, f.head, theirs)
    return syncFail('CONFLICT', `the operator signed two commitments for height ${theirs.height}`)
  }

  private reportConflict (chain: SignedChain, a: SignedCommitment, b: SignedCommitment): void {
    try {
      this.onConflict?.(chain, a, b)
    } catch (err: any) {
      this.opts.log?.(`conflict handler failed: ${err?.message ?? err}`)
    }
  }

  /** Completes, replays, checks and stores one height (the first one makes the chain followed). */
  private async apply (chain: SignedChain, peer: string, h: Height): Promise<void> {
    const id = toHex(chain.id)
    const c = commitmentOf(h)
    const ops = await this.completeOps(chain, peer, c.height, h)
    await this.treeLock.run(id, async () => {
      const f = this.live.get(id)
      const tree = f?.tree ?? genesisTree()
      try {
        await replayHeight(chain, f?.head, tree, { commitment: c, ops })
      } catch (err) {
        // the tree may be half changed: put back the stored one
        if (f != null) await this.reload(f)
        throw err
      }
      const state: FollowState = f != null
        ? { ...f.state, head: c.height, syncedAt: this.now(), source: peer }
        : { record: chainToJson(chain), head: c.height, added: this.now(), syncedAt: this.now(), source: peer }
      try {
        await this.opts.repo.writeHeight(state, tree, commitmentToJson(c), ops)
      } catch (err) {
        if (f != null) await this.reload(f)
        throw err
      }
      if (f != null) {
        f.state = state
        f.head = c
      } else {
        this.live.set(id, { chain, state, tree, head: c })
        this.opts.onHeld?.(chain)
      }
    })
  }

  private async reload (f: Followed): Promise<void> {
    const tree = await this.opts.repo.trees.load(f.chain.id)
    if (tree == null) throw new SortitionError('CORRUPT_STORE', `followed chain ${toHex(f.chain.id)} has no stored tree`)
    f.tree = tree
  }

  /** A height's operations in full: those sent with it, then get_ops for the rest. */
  private async completeOps (chain: SignedChain, peer: string, height: number, h: Height): Promise<Uint8Array[]> {
    const ops = [...h.ops]
    if (ops.length > h.opCount) syncFail('BAD_RESPONSE', `height ${height}: more operations than its count`)
    for (let round = 0; ops.length < h.opCount; round++) {
      if (round >= MAX_OPS_ROUNDS) syncFail('BAD_RESPONSE', `height ${height}: too many operations`)
      const res = await this.ask(peer, { getOps: { chainId: chain.id as Uint8Array<ArrayBuffer>, height: BigInt(height), fromSeq: ops.length } })
      if (res.opCount !== h.opCount) syncFail('BAD_RESPONSE', `height ${height}: the operation count changed`)
      if (res.ops.length === 0 || ops.length + res.ops.length > h.opCount) syncFail('BAD_RESPONSE', `height ${height}: get_ops sent ${res.ops.length} operations`)
      ops.push(...res.ops)
    }
    return ops
  }

  private async fetchRecord (id: string, peer: string): Promise<SignedChain> {
    const res = await this.ask(peer, { getChain: { chainId: fromHex(id) } })
    if (res.chain == null) syncFail('BAD_RESPONSE', 'no chain record in the response')
    let chain: SignedChain
    try {
      chain = chainFromWire(res.chain)
      await validateChain(chain)
    } catch (err) { return asSync(err) }
    if (toHex(chain.id) !== id) syncFail('WRONG_CHAIN', 'the peer sent another chain\'s record')
    return chain
  }

  private async ask (peer: string, req: ChainSyncRequest): Promise<ChainSyncResponse> {
    let res: ChainSyncResponse
    try {
      res = await this.opts.transport.request(peer, req)
    } catch (err: any) {
      if (err instanceof RequestError) syncFail(err.code === 'MALFORMED_RESPONSE' ? 'BAD_RESPONSE' : 'UNAVAILABLE', `${peer}: ${err.message}`)
      throw err
    }
    if (res.code !== ChainSyncCode.SYNC_OK) throw new SyncError(CODE_OF_WIRE.get(res.code) ?? 'UNAVAILABLE', `${peer}: ${res.message}`, true)
    return res
  }

  // ---------------------------------------------------------------- gossip and polling

  /**
   * For the gossip layer: a commitment of `chain` announced by `fromPeer`.
   * 'reject' what no honest relay would pass on (not the operator's
   * signature, another chain, stamped after the trading end or before the
   * head); 'ignore' what brings nothing new (a height held, a chain not
   * followed); 'accept' a valid commitment ahead of the head, and sync up to
   * it in the background. A different commitment for a held height goes to
   * onConflict.
   */
  async onCommitment (chain: SignedChain, c: SignedCommitment, fromPeer: string): Promise<Verdict> {
    const f = this.live.get(toHex(chain.id))
    if (f == null) return 'ignore'
    if (!equalBytes(c.chainId, f.chain.id)) return 'reject'
    let bytes: Uint8Array
    try { bytes = commitmentSigningBytes(c) } catch { return 'reject' }
    if (!await verifySignature(f.chain.operator, bytes, c.signature)) return 'reject'
    if (c.time > f.chain.tradingEnd) return 'reject'
    if (c.height <= f.head.height) {
      const held = c.height === f.head.height ? f.head : await this.storedCommitment(f, c.height)
      if (held != null && !equalBytes(commitmentHash(held), commitmentHash(c))) this.reportConflict(f.chain, held, c)
      return 'ignore'
    }
    if (c.time < f.head.time) return 'reject'
    let verdict: Verdict = 'accept'
    if (c.height === f.head.height + 1) {
      try {
        await validateCommitment(f.chain, f.head, c)
      } catch (err) {
        // a commitment that does not link to the head held here: a fork; the sync finds the other side
        if (!(err instanceof ChainError) || err.code !== 'BROKEN_LINK') return 'reject'
        verdict = 'ignore'
      }
    }
    this.inBackground(this.sync(toHex(f.chain.id), { peers: [fromPeer], target: c.height }))
    return verdict
  }

  private async storedCommitment (f: Followed, height: number): Promise<SignedCommitment | undefined> {
    const j = await this.opts.repo.commitment(toHex(f.chain.id), height)
    return j == null ? undefined : commitmentFromJson(j)
  }

  private inBackground (p: Promise<unknown>): void {
    const q = p.catch((err: any) => { this.opts.log?.(`background sync: ${err?.message ?? err}`) })
    this.background.add(q)
    void q.finally(() => this.background.delete(q))
  }

  /** The poll: every followed chain still trading (or just closed) catches up. */
  private async pollAll (): Promise<void> {
    for (const f of [...this.live.values()]) {
      if (this.stopped) return
      if (this.now() > f.chain.tradingEnd + POLL_AFTER_END_MS) continue
      try {
        await this.sync(toHex(f.chain.id))
      } catch (err: any) {
        this.opts.log?.(`poll of chain ${toHex(f.chain.id)}: ${err.message}`)
      }
    }
  }

  // ---------------------------------------------------------------- serving (ChainDataSource)

  has (idHex: string): boolean {
    return this.live.has(idHex)
  }

  async chain (idHex: string): Promise<SignedChain> {
    return this.get(idHex).chain
  }

  async head (idHex: string): Promise<SignedCommitment> {
    return this.get(idHex).head
  }

  async commitmentRange (idHex: string, from: number, max: number): Promise<SignedCommitment[]> {
    const f = this.get(idHex)
    const n = Math.min(max, f.head.height - from + 1)
    if (n <= 0) return []
    return (await this.opts.repo.commitmentRange(idHex, from, n)).map(commitmentFromJson)
  }

  async opLog (idHex: string, height: number): Promise<Uint8Array[]> {
    const f = this.get(idHex)
    if (height > f.head.height) return []
    return await this.opts.repo.opLog(idHex, height)
  }

  /** A proof of the leaf containing `at` against the head held here. */
  async prove (idHex: string, at: Locator): Promise<{ commitment: SignedCommitment, proof: Uint8Array }> {
    const f = this.get(idHex)
    return await this.treeLock.run(toHex(f.chain.id), async () => {
      try {
        return { commitment: f.head, proof: encodeProof(f.tree.prove(at.lo, at.conditions)) }
      } catch (err) {
        if (err instanceof SortitionError) syncFail('BAD_REGION', err.message)
        throw err
      }
    })
  }

  /**
   * The head held here and, given a point and a decider, the leaf containing
   * it with its proof (OperatorService.final's shape: settlement works on a
   * followed chain as on an operated one).
   */
  async final (idHex: string, at?: { point: bigint, decide: Decide }): Promise<{ chain: SignedChain, head: SignedCommitment, operatorUser: string, winner?: { proof: Proof, region: Region, leaf: Leaf } }> {
    const f = this.get(idHex)
    return await this.treeLock.run(toHex(f.chain.id), async () => {
      const base = { chain: f.chain, head: f.head, operatorUser: '' }
      if (at == null) return base
      const found = f.tree.find(at.point, at.decide)
      return { ...base, winner: { proof: f.tree.prove(at.point, at.decide), region: found.region, leaf: found.leaf } }
    })
  }

  // ---------------------------------------------------------------- client fallback (operator out of reach)

  /** A chain record from this node's followed chains, `peer`, or any provider; validated. */
  async findChain (idHex: string, peer?: string): Promise<SignedChain | undefined> {
    const id = idHex.toLowerCase()
    const f = this.live.get(id)
    if (f != null) return f.chain
    const tried = new Set<string>()
    const tryPeer = async (p: string): Promise<SignedChain | undefined> => {
      if (tried.has(p)) return undefined
      tried.add(p)
      try {
        return await this.fetchRecord(id, p)
      } catch (err: any) {
        if (err instanceof SyncError && isPeerFault(err)) this.opts.transport.penalise(p)
        return undefined
      }
    }
    if (peer != null) {
      const c = await tryPeer(peer)
      if (c != null) return c
    }
    for await (const p of this.opts.providers.find(fromHex(id), AbortSignal.timeout(this.providerSearchMs))) {
      const c = await tryPeer(p)
      if (c != null) return c
    }
    return undefined
  }

  /**
   * A proof file for the leaf containing `at`, from this node if it follows
   * the chain, else from the first provider whose answer checks out: the
   * commitment is the chain operator's, stamped before the trading end, and
   * the proof verifies against its root for a region containing `at`.
   */
  async findProof (chain: SignedChain, at: Locator): Promise<ProofFile | undefined> {
    const id = toHex(chain.id)
    const file = (commitment: SignedCommitment, proof: Uint8Array): ProofFile => ({
      kind: 'sortlift-sortition-proof', version: 1, chain: chainToJson(chain), commitment: commitmentToJson(commitment), at: locatorToJson(at), proof: toHex(proof)
    })
    if (this.live.has(id)) {
      const p = await this.prove(id, at)
      return file(p.commitment, p.proof)
    }
    for await (const peer of this.opts.providers.find(chain.id, AbortSignal.timeout(this.providerSearchMs))) {
      try {
        const res = await this.ask(peer, { getProof: { chainId: chain.id as Uint8Array<ArrayBuffer>, point: pointToBytes(at.lo) as Uint8Array<ArrayBuffer>, conditions: conditionsToWire(at.conditions) } })
        if (res.head == null) syncFail('BAD_RESPONSE', 'no commitment with the proof')
        const c = commitmentFromWire(res.head)
        await checkProof(chain, c, res.proof, at)
        return file(c, res.proof)
      } catch (err: any) {
        const e = toSyncError(err)
        if (isPeerFault(e)) this.opts.transport.penalise(peer)
        this.opts.log?.(`proof of chain ${id} from ${peer}: ${e.code}: ${e.message}`)
      }
    }
    return undefined
  }
}

/** A provider's proof: the operator's commitment for this chain, before the trading end, proving a leaf that contains `at`. */
async function checkProof (chain: SignedChain, c: SignedCommitment, proof: Uint8Array, at: Locator): Promise<void> {
  if (!equalBytes(c.chainId, chain.id)) syncFail('WRONG_CHAIN', 'the commitment is for another chain')
  let bytes: Uint8Array
  try { bytes = commitmentSigningBytes(c) } catch (err) { return asSync(err) }
  if (!await verifySignature(chain.operator, bytes, c.signature)) syncFail('BAD_SIGNATURE', 'the commitment is not signed by the chain operator')
  if (c.time > chain.tradingEnd) syncFail('AFTER_TRADING_END', 'the commitment is stamped after the trading end')
  let v: ReturnType<typeof verifyProofBytes>
  try { v = verifyProofBytes(proof, c.root) } catch (err: any) { return syncFail('MALFORMED', err.message) }
  if (!v.ok) syncFail('BAD_SIGNATURE', `the proof does not verify against the commitment: ${v.reason}`)
  const decided = v.region.conditions.every(rc => at.conditions.some(k => equalBytes(k.predicate, rc.predicate) && k.value === rc.value))
  if (!decided || at.lo < v.region.lo || at.lo >= v.region.hi) syncFail('BAD_REGION', 'the proof is of a leaf that does not contain the point asked for')
}

function commitmentOf (h: Height): SignedCommitment {
  if (h.commitment == null) syncFail('BAD_RESPONSE', 'a height without its commitment')
  try {
    return commitmentFromWire(h.commitment)
  } catch (err) { return asSync(err) }
}

function asSync (err: unknown): never {
  if (err instanceof ChainError) throw new SyncError(err.code, err.message)
  throw err
}

/** A peer's failure as a SyncError; anything else (the local store failing, say) is rethrown as is. */
function toSyncError (err: unknown): SyncError {
  if (err instanceof SyncError) return err
  if (err instanceof ChainError) return new SyncError(err.code, err.message)
  if (err instanceof RequestError) return new SyncError(err.code === 'MALFORMED_RESPONSE' ? 'BAD_RESPONSE' : 'UNAVAILABLE', err.message)
  throw err
}

function hex32 (s: string): string {
  if (typeof s !== 'string' || !/^[0-9a-fA-F]{64}$/.test(s)) syncFail('MALFORMED', 'a chain id is 64 hex digits')
  return s.toLowerCase()
}

const CODE_OF_WIRE = new Map<ChainSyncCode, SyncErrorCode>([
  // the peer says our request was malformed: nothing to hold against it
  [ChainSyncCode.SYNC_MALFORMED, 'UNAVAILABLE'],
  [ChainSyncCode.SYNC_UNKNOWN_CHAIN, 'UNKNOWN_CHAIN'],
  [ChainSyncCode.SYNC_UNAVAILABLE, 'UNAVAILABLE'],
  [ChainSyncCode.SYNC_BAD_REGION, 'BAD_REGION'],
  [ChainSyncCode.SYNC_INTERNAL, 'UNAVAILABLE']
])
