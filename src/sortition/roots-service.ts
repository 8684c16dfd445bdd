// Commitments flowing to ancestors (DESIGN §6 "Gossip to ancestors"): this
// node announces every commitment of the chains it operates on the parent's
// topic (or /sortlift/roots/1), listens on the topics of the chains it
// operates (their children announce there) and on the roots topic, validates
// what it hears (src/sortition/roots.ts), remembers it, and when it operates
// the parent, embeds the child's commitment in the child's leaf and commits
// soon after, so the commitment climbs one layer per hop. It also builds
// ancestry proofs.
import { SortitionCode, ChainAnnouncement } from '../../protos/sortition.js'
import type { SortitionRequest } from '../../protos/sortition.js'
import type { GossipVerdict } from '../net/gossip.js'
import { fromHex, toHex } from '../crypto/bytes.js'
import { chainFromJson, chainToJson } from './chain.js'
import type { SignedChain } from './chain.js'
import { commitmentFromJson, commitmentHash, commitmentToJson } from './commitment.js'
import type { SignedCommitment } from './commitment.js'
import { ChainError, chainFail } from './chain-errors.js'
import { decodeProof } from './proof.js'
import { ROOTS_TOPIC, chainTopic, topicOf, checkAnnouncement, checkEmbedding, ancestryLayer } from './roots.js'
import type { AncestryFile, AncestryLayer } from './roots.js'
import { chainToWire, chainFromWire, commitmentToWire, commitmentFromWire } from './operator.js'
import type { OperatorService } from './operator.js'
import type { RootsRepository, SeenHead } from '../store/roots-repo.js'
import type { SortitionTransport } from '../net/sortition-network.js'

/** How long after a child's commitment arrives its parent commits (embedding it), by default. */
export const DEFAULT_EMBED_DELAY_MS = 50

/** The gossip side this service uses (GossipTopics in src/net/gossip.ts). */
export interface AnnouncementGossip {
  validateWith: (fn: (topic: string, data: Uint8Array, from: string) => Promise<GossipVerdict>) => void
  join: (topic: string) => void
  leave: (topic: string) => void
  publishTo: (topic: string, data: Uint8Array) => Promise<number>
}

/** A follower of chains (the data-availability side), told of every valid announcement. */
export interface AnnouncementListener {
  onCommitment: (chain: SignedChain, c: SignedCommitment, from: string) => Promise<GossipVerdict>
}

export interface RootsOptions {
  operator: OperatorService
  gossip: AnnouncementGossip
  repo: RootsRepository
  transport: SortitionTransport
  localPeer: string
  /** makes sure a peer is connected (the parent operator's, before announcing to it) */
  connect?: (peer: string) => Promise<void>
  embedDelayMs?: number
  now?: () => number
  log?: (msg: string) => void
}

export interface KnownChainView {
  id: string
  operatorAddress: string
  parent?: string
  topic: string
  height: number
  commitment: string
  root: string
  time: number
  from: string
  receivedAt: number
}

export class RootsService {
  private readonly opts: RootsOptions
  private readonly now: () => number
  private readonly embedDelayMs: number
  private readonly listeners: AnnouncementListener[] = []
  private conflictFns: Array<(chain: SignedChain, a: SignedCommitment, b: SignedCommitment) => void> = []
  private afterEndFns: Array<(chain: SignedChain, c: SignedCommitment) => void> = []
  readonly counters = { announced: 0, accepted: 0, rejected: 0, embedded: 0 }

  constructor (opts: RootsOptions) {
    this.opts = opts
    this.now = opts.now ?? Date.now
    this.embedDelayMs = opts.embedDelayMs ?? DEFAULT_EMBED_DELAY_MS
  }

  start (): void {
    this.opts.gossip.validateWith(async (topic, data, from) => await this.validate(topic, data, from))
    this.opts.gossip.join(ROOTS_TOPIC)
    for (const c of this.opts.operator.list()) this.opts.gossip.join(chainTopic(c.id))
    this.opts.operator.onCommit((chain, c) => { void this.announce(chain, c) })
    // records fetched from operators (buying, creating a child) are remembered; known ones need no --peer
    this.opts.operator.onChainFetched((chain, c) => { void this.rememberFetched(chain, c) })
    this.opts.operator.addChainSource(async (id) => await this.chainRecord(id))
  }

  private async rememberFetched (chain: SignedChain, c: SignedCommitment): Promise<void> {
    try {
      const seen = await this.opts.repo.head(toHex(chain.id))
      if (seen == null || seen.commitment.height < c.height) await this.remember(chain, c, chain.operatorAddress.split('@')[1])
    } catch (err: any) {
      this.opts.log?.(`remembering chain ${toHex(chain.id)}: ${err?.message ?? err}`)
    }
  }

  /** Also tell `l` of every valid announcement (followers). */
  addListener (l: AnnouncementListener): void {
    this.listeners.push(l)
  }

  /** Called with two different signed commitments of one height (fraud evidence). */
  onConflict (fn: (chain: SignedChain, a: SignedCommitment, b: SignedCommitment) => void): void {
    this.conflictFns.push(fn)
  }

  /** Called with a signed commitment stamped after its chain's trading end (fraud evidence). */
  onAfterTradingEnd (fn: (chain: SignedChain, c: SignedCommitment) => void): void {
    this.afterEndFns.push(fn)
  }

  /** Listens on a chain's topic (to hear its children's commitments). */
  watch (chainIdHex: string): void {
    this.opts.gossip.join(chainTopic(chainIdHex))
  }

  /** Announces a commitment of a chain this node operates on the chain's announcement topic. */
  async announce (chain: SignedChain, c: SignedCommitment): Promise<number> {
    const idHex = toHex(chain.id)
    // our own chain: its topic is where its children announce
    this.opts.gossip.join(chainTopic(idHex))
    await this.remember(chain, c, this.opts.localPeer)
    if (chain.parent != null) await this.reachParent(chain)
    const data = ChainAnnouncement.encode({ chain: chainToWire(chain), commitment: commitmentToWire(c) })
    this.counters.announced++
    try {
      return await this.opts.gossip.publishTo(topicOf(chain), data)
    } catch (err: any) {
      this.opts.log?.(`announcing height ${c.height} of chain ${idHex}: ${err?.message ?? err}`)
      return 0
    }
  }

  /** Connects to the parent chain's operator, so the announcement has a subscriber to reach. */
  private async reachParent (chain: SignedChain): Promise<void> {
    if (this.opts.connect == null || chain.parent == null) return
    const parent = await this.chainRecord(toHex(chain.parent.chainId))
    const peer = parent?.operatorAddress.split('@')[1]
    if (peer == null || peer === this.opts.localPeer) return
    try { await this.opts.connect(peer) } catch {}
  }

  private async chainRecord (idHex: string): Promise<SignedChain | undefined> {
    if (this.opts.operator.isOperated(idHex)) return this.opts.operator.head(idHex).chain
    const seen = await this.opts.repo.head(idHex)
    return seen == null ? undefined : chainFromJson(seen.chain)
  }

  private async remember (chain: SignedChain, c: SignedCommitment, from: string): Promise<void> {
    await this.opts.repo.record({ chain: chainToJson(chain), commitment: commitmentToJson(c), from, receivedAt: this.now() })
  }

  /** The gossip validator: check, remember, embed (when this node operates the parent), tell followers. */
  async validate (topic: string, data: Uint8Array, from: string): Promise<GossipVerdict> {
    let chain: SignedChain
    let c: SignedCommitment
    try {
      const a = ChainAnnouncement.decode(data)
      if (a.chain == null || a.commitment == null) chainFail('MALFORMED', 'an announcement has a chain record and a commitment')
      chain = chainFromWire(a.chain)
      c = commitmentFromWire(a.commitment)
    } catch {
      this.counters.rejected++
      return 'reject'
    }
    const idHex = toHex(chain.id)
    if (this.opts.operator.isOperated(idHex)) return 'ignore' // our own, echoed back
    const seen = await this.opts.repo.head(idHex)
    const known = seen == null ? undefined : commitmentFromJson(seen.commitment)
    try {
      const relation = await checkAnnouncement(topic, chain, c, known == null ? undefined : { height: known.height, hash: commitmentHash(known) }, this.now())
      if (relation !== 'new') return 'ignore'
    } catch (err) {
      if (!(err instanceof ChainError)) throw err
      if (err.code === 'UNAVAILABLE') return 'ignore'
      if (err.code === 'CONFLICT' && known != null) for (const fn of this.conflictFns) fn(chain, known, c)
      if (err.code === 'AFTER_TRADING_END') for (const fn of this.afterEndFns) fn(chain, c)
      this.opts.log?.(`announcement of chain ${idHex} from ${from} rejected: ${err.code}: ${err.message}`)
      this.counters.rejected++
      return 'reject'
    }
    await this.remember(chain, c, from)
    await this.embed(chain, c)
    let verdict: GossipVerdict = 'accept'
    for (const l of this.listeners) {
      const v = await l.onCommitment(chain, c, from)
      if (v === 'reject') verdict = 'reject'
    }
    if (verdict === 'accept') this.counters.accepted++
    else this.counters.rejected++
    return verdict
  }

  /** Embeds a child's commitment when this node operates its parent, and commits the parent soon. */
  private async embed (chain: SignedChain, c: SignedCommitment): Promise<void> {
    const p = chain.parent
    if (p == null) return
    const parentHex = toHex(p.chainId)
    if (!this.opts.operator.isOperated(parentHex)) return
    try {
      if (await this.opts.operator.embedChild(parentHex, p.leaf, chain.id, commitmentHash(c))) {
        this.counters.embedded++
        this.opts.operator.commitSoon(parentHex, this.embedDelayMs)
      }
    } catch (err: any) {
      // the leaf is not (or no longer) the child's, or the parent stopped trading: nothing to embed
      this.opts.log?.(`embedding chain ${toHex(chain.id)} in ${parentHex}: ${err?.message ?? err}`)
    }
  }

  /** Chains announced to this node (and its own), latest first. */
  async known (): Promise<KnownChainView[]> {
    const out = (await this.opts.repo.list()).map(view)
    return out.sort((a, b) => b.receivedAt - a.receivedAt)
  }

  /**
   * An ancestry proof: the chain's commitment that its parent currently
   * commits to (or `commitment`, a hash), and each ancestor up to the top,
   * each proven by the parent leaf under the ancestor's latest commitment.
   */
  async ancestry (input: { chainId: string, commitment?: string }): Promise<AncestryFile> {
    const id = input.chainId.toLowerCase()
    const chain = await this.chainRecord(id)
    if (chain == null) chainFail('UNKNOWN_CHAIN', `chain ${id} is neither operated here nor announced to this node`)
    if (chain.parent == null) chainFail('WRONG_CHAIN', `chain ${id} is a top-level chain: it has no ancestors`)
    const layers: AncestryLayer[] = []
    let below: { chain: SignedChain, c?: SignedCommitment } = { chain }
    for (;;) {
      const b = below.chain
      if (b.parent == null) break
      const parentHex = toHex(b.parent.chainId)
      const parent = await this.chainRecord(parentHex)
      if (parent == null) chainFail('UNKNOWN_CHAIN', `the parent chain ${parentHex} is unknown here`)
      const proved = await this.parentProof(parent, b)
      const leaf = proved.leafCommitment
      if (below.c == null) {
        // the bottom layer: the child commitment the parent embeds (or the one asked for)
        const want = input.commitment?.toLowerCase() ?? leaf
        if (want == null) chainFail('NOT_EMBEDDED', `the parent ${parentHex} has not embedded any commitment of chain ${id} yet`)
        if (leaf !== want) chainFail('NOT_EMBEDDED', `the parent ${parentHex} commits to commitment ${leaf ?? 'none'} of chain ${id}, not ${want}`)
        below.c = await this.commitmentByHash(b, want)
        layers.push(ancestryLayer(b, below.c))
      }
      checkEmbedding({ chain: b, c: below.c }, { chain: parent, c: proved.c }, proved.proof)
      layers.push(ancestryLayer(parent, proved.c, proved.proof))
      below = { chain: parent, c: proved.c }
    }
    return { kind: 'sortlift-ancestry-proof', version: 1, layers }
  }

  /** The parent's latest commitment and the proof of the child's parent leaf under it. */
  private async parentProof (parent: SignedChain, child: SignedChain): Promise<{ c: SignedCommitment, proof: Uint8Array, leafCommitment?: string }> {
    const peer = parent.operatorAddress.split('@')[1]
    const file = await this.opts.operator.fetchProof({ chainId: toHex(parent.id), at: child.parent!.leaf, peer })
    const c = commitmentFromJson(file.commitment)
    const proof = fromHex(file.proof)
    const leaf = decodeProof(proof).leaf as { owner: { kind: string }, commitment?: Uint8Array }
    return { c, proof, leafCommitment: leaf.owner.kind === 'child' && leaf.commitment != null ? toHex(leaf.commitment) : undefined }
  }

  /** A commitment of `chain` by hash: ours, seen in gossip, or from its operator. */
  private async commitmentByHash (chain: SignedChain, hashHex: string): Promise<SignedCommitment> {
    const idHex = toHex(chain.id)
    if (this.opts.operator.isOperated(idHex)) {
      const mine = (await this.opts.operator.commitments(idHex)).find(c => c.hash === hashHex)
      if (mine != null) return commitmentFromJson(mine)
    }
    const seen = await this.opts.repo.byHash(idHex, hashHex)
    if (seen != null) return commitmentFromJson(seen)
    // the chain's operator has it as its latest, perhaps
    const peer = chain.operatorAddress.split('@')[1]
    try {
      const res = await this.opts.transport.request(peer, { getChain: { chainId: chain.id } } as unknown as SortitionRequest)
      if (res.code === SortitionCode.SORTITION_OK && res.commitment != null) {
        const c = commitmentFromWire(res.commitment)
        if (toHex(commitmentHash(c)) === hashHex) return c
      }
    } catch {}
    return chainFail('NOT_EMBEDDED', `commitment ${hashHex} of chain ${idHex} is not known here`)
  }
}

function view (h: SeenHead): KnownChainView {
  const chain = chainFromJson(h.chain)
  return {
    id: h.chain.id,
    operatorAddress: h.chain.operatorAddress,
    ...(h.chain.parent != null ? { parent: h.chain.parent.chainId } : {}),
    topic: topicOf(chain),
    height: h.commitment.height,
    commitment: h.commitment.hash,
    root: h.commitment.root,
    time: h.commitment.time,
    from: h.from,
    receivedAt: h.receivedAt
  }
}
