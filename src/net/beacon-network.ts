// The two validated gossip topics of the beacon role: /sortlift/beacon/1
// (signed beacon rounds) and /sortlift/oracle/1 (oracle attestations). The
// protocol mechanics (subscription, asynchronous validation, penalties) are
// in GossipTopic; the rules are in src/beacon/service.ts.
import { GossipTopic } from './gossip.js'
import type { SortliftHost } from './libp2p.js'
import { BEACON_TOPIC, ORACLE_TOPIC } from './protocols.js'

export class BeaconGossip extends GossipTopic {
  constructor (host: SortliftHost) {
    super(host, BEACON_TOPIC)
  }
}

export class OracleGossip extends GossipTopic {
  constructor (host: SortliftHost) {
    super(host, ORACLE_TOPIC)
  }
}

export { BEACON_TOPIC, ORACLE_TOPIC }
