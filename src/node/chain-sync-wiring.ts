// Wires data availability for sortition chains (DESIGN §6): the chain-sync
// protocol, the follower service and its store, the chain-sync server over
// the operator's and the follower's data, DHT provider records for every
// chain this node holds, and the operator's fallback to followers and
// providers when an operator is out of reach.
import type { SortliftHost } from '../net/libp2p.js'
import type { RootDb } from '../store/db.js'
import { ChainSyncNetwork } from '../net/chain-sync-network.js'
import { ChainProviders } from '../net/chain-providers.js'
import { FollowRepository } from '../store/follow-repo.js'
import type { ChainRepository } from '../store/chain-repo.js'
import { FollowerService } from '../sortition/follower.js'
import { ChainSyncServer } from '../sortition/chain-sync-server.js'
import type { ChainDataSource } from '../sortition/chain-sync-server.js'
import type { OperatorService } from '../sortition/operator.js'
import { commitmentFromJson } from '../sortition/commitment.js'
import { chainFail } from '../sortition/chain-errors.js'
import type { Evidence } from '../sortition/evidence.js'
import { fromHex, toHex } from '../crypto/bytes.js'

export const DEFAULT_ANNOUNCE_INTERVAL_MS = 5_000
/** provider records are refreshed this often even when the DHT republishes them itself */
const REANNOUNCE_MS = 30 * 60_000
const ANNOUNCE_TIMEOUT_MS = 30_000

export interface ChainSyncServices {
  net: ChainSyncNetwork
  providers: ChainProviders
  follower: FollowerService
  server: ChainSyncServer
  /** bad chain data (or malformed requests) from `peer` */
  penaltyOf: (peer: string) => number
  stop: () => Promise<void>
}

/** The gossip of commitments (RootsService): followers hear every valid announcement, and a child chain's on its parent's topic. */
export interface CommitmentGossip {
  addListener: (l: { onCommitment: FollowerService['onCommitment'] }) => void
  watch: (chainIdHex: string) => void
}

export interface ChainSyncWiring {
  host: SortliftHost
  roots?: CommitmentGossip
  db: RootDb
  operator: OperatorService
  chainRepo: ChainRepository
  config?: { syncIntervalMs?: number, announceIntervalMs?: number }
  log?: (m: string) => void
}

/** The operator's chains as a chain-sync data source: committed heights and their logged operations. */
export function operatorSource (operator: OperatorService, repo: ChainRepository): ChainDataSource {
  const head = async (id: string): Promise<ReturnType<typeof commitmentFromJson>> => {
    const j = await repo.commitment(id, operator.show(id).height)
    if (j == null) chainFail('UNAVAILABLE', `chain ${id} has no stored head`)
    return commitmentFromJson(j)
  }
  return {
    has: (id) => operator.isOperated(id),
    chain: async (id) => await operator.fetchChain(id),
    head,
    commitmentRange: async (id, from, max) => {
      const n = Math.min(max, operator.show(id).height - from + 1)
      return n <= 0 ? [] : (await repo.commitmentRange(id, from, n)).map(commitmentFromJson)
    },
    opLog: async (id, height) => height > operator.show(id).height ? [] : await repo.opLog(id, height),
    prove: async (id, at) => {
      const f = await operator.proofFile(id, at)
      return { commitment: commitmentFromJson(f.commitment), proof: fromHex(f.proof) }
    }
  }
}

/**
 * The follower's fork detector as an evidence source: two commitments for
 * one height (both verified to carry the operator's signature) become
 * DOUBLE_COMMITMENT evidence, submitted (verified again) and published.
 */
export function forkReporter (evidence: { submit: (e: Evidence) => Promise<unknown> }, log?: (m: string) => void): NonNullable<FollowerService['onConflict']> {
  return (chain, first, second) => {
    evidence.submit({ kind: 'DOUBLE_COMMITMENT', chain, first, second }).catch((err: any) => {
      log?.(`fork of chain ${toHex(chain.id)} found by the follower not submitted as evidence: ${err?.code ?? ''} ${err?.message ?? err}`)
    })
  }
}

export async function startChainSync (w: ChainSyncWiring): Promise<ChainSyncServices> {
  const net = new ChainSyncNetwork(w.host)
  const providers = new ChainProviders(w.host)
  // provider records: announced once held, again when the first announce reached nobody, and periodically
  const announced = new Map<string, { at: number, reached: boolean }>()
  const announcing = new Set<string>()
  let stopped = false
  const announce = (chainId: Uint8Array): void => {
    const id = toHex(chainId)
    if (stopped || announcing.has(id)) return
    announcing.add(id)
    const reached = w.host.getPeers().length > 0
    providers.announce(chainId, AbortSignal.timeout(ANNOUNCE_TIMEOUT_MS))
      .then(() => { announced.set(id, { at: Date.now(), reached }) })
      .catch((err: any) => { w.log?.(`announcing chain ${id}: ${err?.message ?? err}`) })
      .finally(() => { announcing.delete(id) })
  }
  const follower = new FollowerService({
    repo: new FollowRepository(w.db),
    transport: net,
    providers,
    isOperated: (id) => w.operator.isOperated(id),
    onHeld: (chain) => {
      announce(chain.id)
      // a child chain's commitments are announced on its parent's topic
      if (chain.parent != null) w.roots?.watch(toHex(chain.parent.chainId))
    },
    syncIntervalMs: w.config?.syncIntervalMs,
    log: w.log
  })
  const server = new ChainSyncServer([operatorSource(w.operator, w.chainRepo), follower], net.limits.maxMessageBytes, w.log)
  await follower.start()
  await net.start(server)
  w.roots?.addListener(follower)
  w.operator.setFallback({
    chain: async (id, peer) => await follower.findChain(id, peer),
    proof: async (chain, at) => await follower.findProof(chain, at)
  })
  const tick = (): void => {
    const now = Date.now()
    const peers = w.host.getPeers().length > 0
    for (const id of [...w.operator.list().map(c => c.id), ...follower.list().map(c => c.id)]) {
      const a = announced.get(id)
      if (a == null || (!a.reached && peers) || now - a.at > REANNOUNCE_MS) announce(fromHex(id))
    }
  }
  tick()
  const timer = setInterval(tick, w.config?.announceIntervalMs ?? DEFAULT_ANNOUNCE_INTERVAL_MS)
  timer.unref()
  return {
    net,
    providers,
    follower,
    server,
    penaltyOf: (peer) => net.penaltyOf(peer),
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await follower.stop()
      await net.stop()
    }
  }
}
