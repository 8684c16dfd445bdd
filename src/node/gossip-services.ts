// Wires the validated gossip topics (beacon rounds, oracle attestations) for
// the composition root: repositories, protocol classes and services, and
// their start/stop order.
import type { SortliftHost } from '../net/libp2p.js'
import type { RootDb } from '../store/db.js'
import { BeaconGossip, OracleGossip } from '../net/beacon-network.js'
import { BeaconRoundRepository, AttestationRepository } from '../store/gossip-repo.js'
import { BeaconService, OracleService, loadLocalBeacon } from '../beacon/service.js'
import type { BeaconConfig } from '../beacon/service.js'
import type { UserService } from '../user/users.js'

export interface GossipServices {
  beaconNet: BeaconGossip
  oracleNet: OracleGossip
  beacon: BeaconService
  oracle: OracleService
  /** rejected gossip messages relayed by `peer` */
  penaltyOf: (peer: string) => number
  stop: () => void
}

export async function startGossip (opts: { host: SortliftHost, db: RootDb, dataDir: string, config?: BeaconConfig, users: UserService, log?: (m: string) => void }): Promise<GossipServices> {
  const cfg = opts.config ?? {}
  const localPeer = opts.host.peerId.toString()
  const local = cfg.role === true ? await loadLocalBeacon(opts.dataDir, cfg) : undefined
  const beaconNet = new BeaconGossip(opts.host)
  const oracleNet = new OracleGossip(opts.host)
  const beacon = new BeaconService({
    repo: new BeaconRoundRepository(opts.db, cfg.keep),
    publish: async (d) => await beaconNet.publish(d),
    network: cfg.network,
    local,
    localPeer,
    log: opts.log
  })
  const oracle = new OracleService({
    repo: new AttestationRepository(opts.db),
    publish: async (d) => await oracleNet.publish(d),
    signer: async (user) => await opts.users.signer(user),
    localPeer
  })
  beaconNet.start(beacon)
  oracleNet.start(oracle)
  await beacon.start()
  return {
    beaconNet,
    oracleNet,
    beacon,
    oracle,
    penaltyOf: (peer) => beaconNet.penaltyOf(peer) + oracleNet.penaltyOf(peer),
    stop: () => {
      beacon.stop()
      beaconNet.stop()
      oracleNet.stop()
    }
  }
}
