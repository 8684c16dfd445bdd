// The validated gossip topics of fraud evidence: /sortlift/evidence/1 (the
// evidence against sortition chain operators) and /sortlift/evidence-answer/1
// (operators' answers to UNPAID_CLAIM evidence). The protocol mechanics
// (subscription, asynchronous validation, penalties) are in GossipTopics; the
// rules are in src/sortition/evidence-service.ts.
import { GossipTopics } from './gossip.js'
import type { GossipValidator } from './gossip.js'
import type { SortliftHost } from './libp2p.js'
import { EVIDENCE_TOPIC, EVIDENCE_ANSWER_TOPIC } from './protocols.js'

/** What validates both topics' payloads. */
export interface EvidenceValidator extends GossipValidator {
  validateAnswer: GossipValidator['validate']
}

export class EvidenceGossip extends GossipTopics {
  constructor (host: SortliftHost) {
    super(host)
  }

  start (validator: EvidenceValidator): void {
    this.validateWith(async (topic, data, from) => topic === EVIDENCE_ANSWER_TOPIC ? await validator.validateAnswer(data, from) : await validator.validate(data, from))
    this.join(EVIDENCE_TOPIC)
    this.join(EVIDENCE_ANSWER_TOPIC)
  }

  stop (): void {
    this.stopAll()
  }

  /** Publishes evidence this node made (and already stored); the number of peers sent it. */
  async publish (data: Uint8Array): Promise<number> {
    return await this.publishTo(EVIDENCE_TOPIC, data)
  }

  /** Publishes an answer this node made (and already stored). */
  async publishAnswer (data: Uint8Array): Promise<number> {
    return await this.publishTo(EVIDENCE_ANSWER_TOPIC, data)
  }

  meshPeers (topic = EVIDENCE_TOPIC): string[] {
    return this.meshPeersOf(topic)
  }

  subscribers (topic = EVIDENCE_TOPIC): string[] {
    return this.subscribersOf(topic)
  }
}

export { EVIDENCE_TOPIC, EVIDENCE_ANSWER_TOPIC }
