// Wires the gossip of commitments to ancestors for the composition root: one
// GossipTopics (the roots topic and one topic per operated chain), the
// repository of what was announced, and the RootsService.
import { peerIdFromString } from '@libp2p/peer-id'
import type { SortliftHost } from '../net/libp2p.js'
import type { RootDb } from '../store/db.js'
import { GossipTopics } from '../net/gossip.js'
import { RootsRepository } from '../store/roots-repo.js'
import { RootsService } from '../sortition/roots-service.js'
import type { OperatorService } from '../sortition/operator.js'
import type { SortitionTransport } from '../net/sortition-network.js'

export interface RootsWiring {
  net: GossipTopics
  service: RootsService
  stop: () => void
}

export function startRoots (opts: { host: SortliftHost, db: RootDb, operator: OperatorService, transport: SortitionTransport, embedDelayMs?: number, log?: (m: string) => void }): RootsWiring {
  const net = new GossipTopics(opts.host)
  const service = new RootsService({
    operator: opts.operator,
    gossip: net,
    repo: new RootsRepository(opts.db),
    transport: opts.transport,
    localPeer: opts.host.peerId.toString(),
    connect: async (peer) => {
      const id = peerIdFromString(peer)
      if (opts.host.getConnections(id).length > 0) return
      await opts.host.dial(id, { signal: AbortSignal.timeout(5_000) })
    },
    embedDelayMs: opts.embedDelayMs,
    log: opts.log
  })
  service.start()
  return { net, service, stop: () => { net.stopAll() } }
}
