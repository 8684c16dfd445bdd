// The composition root: wires the libp2p host, the store, the protocol
// classes and the domain services, and owns their start/stop order.
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { createHost } from '../net/libp2p.js'
import type { SortliftHost } from '../net/libp2p.js'
import { TallyNetwork } from '../net/tally-network.js'
import { RouteNetwork } from '../net/route-network.js'
import { RouteService } from '../lift/route-service.js'
import { openDb } from '../store/db.js'
import { lowerCompactionPriority, DEFAULT_COMPACTION_NICE, ALREADY_RUNNING } from '../store/compaction-priority.js'
import type { RootDb } from '../store/db.js'
import { UserRepository } from '../store/user-repo.js'
import { TallyRepository } from '../store/tally-repo.js'
import { UserService } from '../user/users.js'
import { TallyService } from '../tally/service.js'
import { LiftRepository } from '../store/lift-repo.js'
import { LiftService } from '../lift/service.js'
import { LiftCommit } from '../lift/commit.js'
import { SegmentRegistry } from '../lift/segments.js'
import { LiftNetwork } from '../net/lift-network.js'
import { signerFromPrivateKey } from '../crypto/keys.js'
import { DataDir } from './datadir.js'
import { startGossip } from './gossip-services.js'
import type { GossipServices } from './gossip-services.js'
import { SortitionNetwork } from '../net/sortition-network.js'
import { OperatorService } from '../sortition/operator.js'
import { ChainRepository } from '../store/chain-repo.js'
import { payWith, paymentFinder } from './sortition-wiring.js'
import { startRoots } from './roots-wiring.js'
import { timeOfRound } from '../beacon/networks.js'
import type { RootsWiring } from './roots-wiring.js'
import { startChainSync, forkReporter } from './chain-sync-wiring.js'
import type { ChainSyncServices } from './chain-sync-wiring.js'
import { startEvidence } from './evidence-wiring.js'
import type { EvidenceServices } from './evidence-wiring.js'
import type { NodeConfig } from './datadir.js'
import { startClaims } from './claims-wiring.js'
import type { ClaimServices } from './claims-wiring.js'
import { wireUnpaidClaims } from './unpaid-wiring.js'

export interface NodeOptions extends Partial<NodeConfig> {
  dataDir: string
  log?: (msg: string) => void
  /**
   * Fault injection (devnet scenarios, tests): a failpoint armed in the file
   * `failpoints` of the data directory (one name per line) fires once and
   * calls this. Default: the process dies at once, as if killed.
   */
  onFailpoint?: (name: string, liftId: string) => void
  /** Tests: the clock of settlement and evidence (claim deadlines), instead of Date.now. */
  now?: () => number
}

export interface PeerView {
  peerId: string
  addresses: string[]
  penalty: number
}

export class SortliftNode {
  private constructor (
    readonly dataDir: DataDir,
    readonly host: SortliftHost,
    readonly db: RootDb,
    readonly users: UserService,
    readonly tallies: TallyService,
    readonly tallyNet: TallyNetwork,
    readonly lifts: LiftService,
    readonly liftNet: LiftNetwork,
    readonly segments: SegmentRegistry,
    readonly startedAt: number
  ) {}

  /** route discovery (/sortlift/route/1.0.0), set in start() */
  routeNet!: RouteNetwork
  routes!: RouteService
  /** beacon rounds and oracle attestations (/sortlift/beacon/1, /sortlift/oracle/1), set in start() */
  gossip!: GossipServices
  /** sortition chains this node operates, and the client side of buying/transferring (/sortlift/sortition/1.0.0) */
  sortitionNet!: SortitionNetwork
  operator!: OperatorService
  /** commitments announced to ancestors, embedded from children (/sortlift/roots/1, /sortlift/chain/<id>/1) */
  roots!: RootsWiring
  private stopping?: Promise<void>
  /** settlement: claims and receipts (/sortlift/claim/1.0.0), set in start() */
  settlement!: ClaimServices
  /** following chains and serving their data (/sortlift/chain-sync/1.0.0, DHT provider records) */
  chainSync!: ChainSyncServices
  /** fraud evidence against chain operators (/sortlift/evidence/1), set in start() */
  evidence!: EvidenceServices

  static async start (opts: NodeOptions): Promise<SortliftNode> {
    const dataDir = new DataDir(opts.dataDir)
    await dataDir.init()
    const config = { ...await dataDir.config(), ...definedOnly(opts) }
    for (const a of [...config.listen, ...config.bootstrap]) {
      try {
        multiaddr(a)
      } catch {
        throw new Error(`not a multiaddr: ${a}`)
      }
    }
    for (const b of config.bootstrap) {
      if (!b.includes('/p2p/')) throw new Error(`bootstrap address needs /p2p/<PeerId>: ${b}`)
    }
    const nice = config.storage?.compactionNice ?? DEFAULT_COMPACTION_NICE
    if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new Error(`storage.compactionNice must be an integer from 0 to 19, not ${JSON.stringify(nice)}`)
    const db = await openDb(dataDir.dbPath)
    if (nice > 0) {
      const p = await lowerCompactionPriority(db, nice).catch((err: any) => ({ lowered: false as const, reason: String(err?.message ?? err) }))
      if (p.lowered) opts.log?.(`LevelDB compaction thread ${p.thread} runs at nice ${p.nice}`)
      else if (p.reason !== ALREADY_RUNNING) opts.log?.(`LevelDB compaction priority unchanged: ${p.reason}`)
    }
    let host: SortliftHost
    const privateKey = await dataDir.privateKey()
    try {
      host = await createHost({ privateKey, listen: config.listen, bootstrap: config.bootstrap, datastorePath: dataDir.p2pPath })
    } catch (err: any) {
      await db.close()
      throw new Error(`cannot start the libp2p host on ${config.listen.join(', ')}: ${err.message}`)
    }
    const peerId = host.peerId.toString()
    const users = new UserService(new UserRepository(db), peerId)
    const tallyNet = new TallyNetwork(host)
    const repo = new TallyRepository(db)
    const tallies = new TallyService({ users, repo, transport: tallyNet, log: opts.log })
    const liftRepo = new LiftRepository(db)
    const liftNet = new LiftNetwork(host)
    const segments = new SegmentRegistry()
    let lifts: LiftService
    const commit = new LiftCommit({
      repo,
      lifts: liftRepo,
      tallies,
      transport: liftNet,
      segments,
      nodeSigner: signerFromPrivateKey(privateKey),
      nodeSeed: privateKey.raw.subarray(0, 32),
      signLiftChit: async (giver, liftId, units, memo, reference) => await lifts.liftChit(giver, liftId, units, memo, reference),
      timeoutMs: config.liftTimeoutMs,
      failpoint: dataDir.failpoints(opts.onFailpoint ?? (() => { process.kill(process.pid, 'SIGKILL') })),
      log: opts.log
    })
    lifts = new LiftService({
      users, repo, lifts: liftRepo, tallies, commit, localPeer: peerId, log: opts.log,
      clearing: { intervalMs: config.clearing?.intervalMs, min: config.clearing?.min != null ? BigInt(config.clearing.min) : undefined }
    })
    const node = new SortliftNode(dataDir, host, db, users, tallies, tallyNet, lifts, liftNet, segments, Date.now())
    node.routeNet = new RouteNetwork(host)
    node.routes = new RouteService({ repo, users, transport: node.routeNet })
    const routes = node.routes
    // Handles discovery gave out name route segments for the lift commit.
    segments.addResolver({
      resolveHandle: (handle) => {
        const s = routes.resolveHandle(handle)
        if (s == null) return undefined
        return {
          entryHalf: s.entry?.halfKey,
          edges: s.edges.map(e => ({ halfKey: e.halfKey, tally: e.tallyId, giver: e.giver, receiver: e.receiver })),
          exitHalf: s.exit?.halfKey,
          payee: s.payee
        }
      }
    })
    lifts.setRouteFinder(routes)
    await liftNet.start(commit)
    await lifts.start()
    await tallyNet.start(tallies)
    await node.routeNet.start(node.routes)
    await tallies.start()
    node.sortitionNet = new SortitionNetwork(host)
    const chainRepo = new ChainRepository(db)
    node.operator = new OperatorService({
      users, repo: chainRepo, transport: node.sortitionNet, localPeer: peerId, log: opts.log,
      pay: payWith(lifts), findPayment: paymentFinder(tallies, lifts), commitIntervalMs: config.sortition?.commitIntervalMs
    })
    await node.operator.start()
    node.roots = startRoots({ host, db, operator: node.operator, transport: node.sortitionNet, embedDelayMs: config.sortition?.embedDelayMs, log: opts.log })
    await node.sortitionNet.start(node.operator)
    node.chainSync = await startChainSync({ host, db, roots: node.roots.service, operator: node.operator, chainRepo, config: config.sortition, log: opts.log })
    try {
      // beacon settings given to start() (e.g. --beacon-role) add to config.json's
      node.gossip = await startGossip({ host, db, dataDir: dataDir.path, config: { ...config.beacon, ...opts.beacon }, users, log: opts.log })
      node.operator.setBeaconClock((round) => {
        const n = node.gossip.beacon.info().network
        return n == null || round < 1 ? undefined : timeOfRound(n, BigInt(round)) * 1000
      })
      node.settlement = await startClaims({ host, db, operator: node.operator, users, tallies, lifts, gossip: node.gossip, followed: node.chainSync.follower, retryMs: config.sortition?.claimRetryMs, now: opts.now, log: opts.log })
    } catch (err) {
      await node.stop()
      throw err
    }
    node.evidence = startEvidence({ host, db, detectors: node.roots.service, network: () => node.gossip.beacon.network, now: opts.now, log: opts.log })
    node.chainSync.follower.onConflict = forkReporter(node.evidence.service, opts.log)
    wireUnpaidClaims({ evidence: node.evidence, claims: node.settlement.claims, operator: node.operator, log: opts.log })
    return node
  }

  get peerId (): string {
    return this.host.peerId.toString()
  }

  addresses (): string[] {
    return this.host.getMultiaddrs().map(a => a.toString())
  }

  peers (): PeerView[] {
    return this.host.getPeers().map(p => {
      const id = p.toString()
      return {
        peerId: id,
        addresses: this.host.getConnections(p).map(c => c.remoteAddr.toString()),
        penalty: this.tallyNet.penaltyOf(id) + this.routeNet.penaltyOf(id) + this.liftNet.penaltyOf(id) + (this.gossip?.penaltyOf(id) ?? 0) + (this.sortitionNet?.penaltyOf(id) ?? 0) + (this.roots?.net.penaltyOf(id) ?? 0) + (this.settlement?.claimNet.penaltyOf(id) ?? 0) +
          (this.evidence?.penaltyOf(id) ?? 0) + (this.chainSync?.penaltyOf(id) ?? 0)
      }
    })
  }

  /** Resolves a PeerId to its addresses through the DHT (peer routing). */
  async findPeer (peerId: string, timeoutMs = 10_000): Promise<string[]> {
    const info = await this.host.peerRouting.findPeer(peerIdFromString(peerId), { signal: AbortSignal.timeout(timeoutMs) })
    return info.multiaddrs.map(a => a.toString())
  }

  async dial (address: string): Promise<void> {
    await this.host.dial(multiaddr(address), { signal: AbortSignal.timeout(10_000) })
  }

  async status (): Promise<Record<string, unknown>> {
    return {
      peerId: this.peerId,
      addresses: this.addresses(),
      peers: this.host.getPeers().length,
      users: (await this.users.list()).length,
      tallies: (await this.tallies.list()).length,
      lifts: (await this.lifts.list()).length,
      queued: await this.tallies.delivery.queued(),
      dataDir: this.dataDir.path,
      uptimeMs: Date.now() - this.startedAt
    }
  }

  /**
   * Stops every service, then the host, then closes the database; each step
   * runs even if one before it failed (the first failure is thrown at the
   * end), so the data directory is always released. Calling it again waits
   * for the same stop.
   */
  async stop (): Promise<void> {
    this.stopping ??= this.stopAll()
    await this.stopping
  }

  private async stopAll (): Promise<void> {
    let first: unknown
    const step = async (fn: () => unknown): Promise<void> => {
      try { await fn() } catch (err) { first ??= err }
    }
    await step(async () => await this.settlement?.stop())
    await step(() => this.evidence?.stop())
    await step(() => this.gossip?.stop())
    await step(() => this.roots?.stop())
    await step(async () => await this.chainSync?.stop())
    await step(async () => await this.sortitionNet?.stop())
    await step(async () => await this.operator?.stop())
    await step(async () => await this.lifts.stop())
    await step(async () => await this.liftNet.stop())
    await step(async () => await this.tallies.stop())
    await step(async () => await this.routeNet.stop())
    await step(() => this.routes.stop())
    await step(async () => await this.tallyNet.stop())
    await step(async () => await this.host.stop())
    await step(async () => await this.db.close())
    if (first != null) throw first
  }
}

function definedOnly (o: Partial<NodeConfig>): Partial<NodeConfig> {
  const out: Partial<NodeConfig> = {}
  if (o.listen != null && o.listen.length > 0) out.listen = o.listen
  if (o.bootstrap != null && o.bootstrap.length > 0) out.bootstrap = o.bootstrap
  if (o.apiPort != null) out.apiPort = o.apiPort
  if (o.clearing != null) out.clearing = o.clearing
  if (o.liftTimeoutMs != null) out.liftTimeoutMs = o.liftTimeoutMs
  if (o.sortition != null) out.sortition = o.sortition
  return out
}
