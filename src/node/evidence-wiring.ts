// Wires fraud evidence for the composition root: the repository, the
// /sortlift/evidence/1 and /sortlift/evidence-answer/1 topics and the service
// that validates, stores and publishes evidence and answers, and their
// start/stop order. The follower's detectors
// (the announcements heard on /sortlift/roots/1 and /sortlift/chain/<id>/1:
// two commitments for one height, a commitment after the trading end) submit
// what they find here.
import type { SortliftHost } from '../net/libp2p.js'
import type { RootDb } from '../store/db.js'
import { EvidenceGossip } from '../net/evidence-network.js'
import { EvidenceRepository } from '../store/evidence-repo.js'
import { EvidenceService } from '../sortition/evidence-service.js'
import type { Evidence } from '../sortition/evidence.js'
import type { RootsService } from '../sortition/roots-service.js'
import type { BeaconNetwork } from '../beacon/networks.js'

export interface EvidenceServices {
  net: EvidenceGossip
  service: EvidenceService
  /** rejected evidence messages relayed by `peer` */
  penaltyOf: (peer: string) => number
  stop: () => void
}

/** The detectors that report fraud they see (the roots service's announcement checks). */
export type FraudDetectors = Pick<RootsService, 'onConflict' | 'onAfterTradingEnd'>

export function startEvidence (opts: {
  host: SortliftHost
  db: RootDb
  detectors?: FraudDetectors
  /** the beacon network the node follows (UNPAID_CLAIM evidence and answers are judged against it) */
  network?: () => BeaconNetwork | undefined
  now?: () => number
  log?: (m: string) => void
}): EvidenceServices {
  const net = new EvidenceGossip(opts.host)
  const service = new EvidenceService({
    repo: new EvidenceRepository(opts.db),
    publish: async (d) => await net.publish(d),
    publishAnswer: async (d) => await net.publishAnswer(d),
    network: opts.network,
    localPeer: opts.host.peerId.toString(),
    now: opts.now,
    log: opts.log
  })
  net.start(service)
  const submit = (e: Evidence): void => {
    service.submit(e).then(
      (r) => opts.log?.(`evidence ${r.id} (${r.kind}) against operator ${r.operator}: ${r.stored ? 'stored and' : 'already held,'} published to ${r.recipients} peers`),
      (err) => opts.log?.(`evidence (${e.kind}) from a detector not submitted: ${err?.code ?? ''} ${err?.message ?? err}`)
    )
  }
  opts.detectors?.onConflict((chain, known, seen) => submit({ kind: 'DOUBLE_COMMITMENT', chain, first: known, second: seen }))
  opts.detectors?.onAfterTradingEnd((chain, c) => submit({ kind: 'AFTER_TRADING_END', chain, commitment: c }))
  return {
    net,
    service,
    penaltyOf: (peer) => net.penaltyOf(peer),
    stop: () => net.stop()
  }
}
