// Wires fraud evidence for the composition root: the repository, the
// /sortlift/evidence/1 topic and the service that validates, stores and
// publishes evidence, and their start/stop order.
import type { SortliftHost } from '../net/libp2p.js'
import type { RootDb } from '../store/db.js'
import { EvidenceGossip } from '../net/evidence-network.js'
import { EvidenceRepository } from '../store/evidence-repo.js'
import { EvidenceService } from '../sortition/evidence-service.js'

export interface EvidenceServices {
  net: EvidenceGossip
  service: EvidenceService
  /** rejected evidence messages relayed by `peer` */
  penaltyOf: (peer: string) => number
  stop: () => void
}

export function startEvidence (opts: { host: SortliftHost, db: RootDb, log?: (m: string) => void }): EvidenceServices {
  const net = new EvidenceGossip(opts.host)
  const service = new EvidenceService({
    repo: new EvidenceRepository(opts.db),
    publish: async (d) => await net.publish(d),
    localPeer: opts.host.peerId.toString(),
    log: opts.log
  })
  net.start(service)
  return {
    net,
    service,
    penaltyOf: (peer) => net.penaltyOf(peer),
    stop: () => net.stop()
  }
}
