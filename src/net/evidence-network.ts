// The validated gossip topic /sortlift/evidence/1: fraud evidence against
// sortition chain operators. The protocol mechanics (subscription,
// asynchronous validation, penalties) are in GossipTopic; the rules are in
// src/sortition/evidence-service.ts.
import { GossipTopic } from './gossip.js'
import type { SortliftHost } from './libp2p.js'
import { EVIDENCE_TOPIC } from './protocols.js'

export class EvidenceGossip extends GossipTopic {
  constructor (host: SortliftHost) {
    super(host, EVIDENCE_TOPIC)
  }
}

export { EVIDENCE_TOPIC }
