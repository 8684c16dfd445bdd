// A gossipsub topic whose messages are validated asynchronously by the node:
// the host runs gossipsub with `asyncValidation: true` and content-derived
// message ids (src/net/libp2p.ts), so nothing is forwarded until the validator
// here reports Accept; Reject applies gossipsub's invalid-message penalty (P4)
// to the peer that sent it, and is also counted here per peer.
import { TopicValidatorResult } from '@libp2p/gossipsub'
import type { GossipsubMessage } from '@libp2p/gossipsub'
import type { SortliftHost } from './libp2p.js'

export type GossipVerdict = 'accept' | 'reject' | 'ignore'

/** What validates a topic's payloads (a domain service). */
export interface GossipValidator {
  /** Decides a payload received from `from` (the peer that relayed it); stores it before returning 'accept'. */
  validate: (data: Uint8Array, from: string) => Promise<GossipVerdict>
}

/** The parts of the gossipsub class this module uses (the service type exposes only the generic interface). */
interface GossipsubInternals {
  reportMessageValidationResult: (msgId: string, propagationSource: string, acceptance: TopicValidatorResult) => void
  getScore: (peerId: string) => number
  getMeshPeers: (topic: string) => string[]
}

const RESULT: Record<GossipVerdict, TopicValidatorResult> = {
  accept: TopicValidatorResult.Accept,
  reject: TopicValidatorResult.Reject,
  ignore: TopicValidatorResult.Ignore
}

export class GossipTopic {
  private validator?: GossipValidator
  private readonly penalties = new Map<string, number>()
  readonly counters = { accepted: 0, rejected: 0, ignored: 0, published: 0 }
  private readonly onMessage = (evt: CustomEvent<GossipsubMessage>): void => {
    const { msg, msgId, propagationSource } = evt.detail
    if (msg.topic !== this.topic) return
    void this.check(msgId, propagationSource.toString(), msg.data)
  }

  constructor (private readonly host: SortliftHost, readonly topic: string) {}

  private get pubsub (): SortliftHost['services']['pubsub'] & GossipsubInternals {
    return this.host.services.pubsub as any
  }

  start (validator: GossipValidator): void {
    this.validator = validator
    this.pubsub.addEventListener('gossipsub:message', this.onMessage)
    this.pubsub.subscribe(this.topic)
  }

  stop (): void {
    this.pubsub.removeEventListener('gossipsub:message', this.onMessage)
    try { this.pubsub.unsubscribe(this.topic) } catch {}
  }

  private async check (msgId: string, from: string, data: Uint8Array): Promise<void> {
    let verdict: GossipVerdict
    try {
      verdict = this.validator == null ? 'ignore' : await this.validator.validate(data, from)
    } catch {
      verdict = 'ignore' // our own failure (e.g. the store), not the sender's
    }
    if (verdict === 'reject') this.penalties.set(from, this.penaltyOf(from) + 1)
    this.counters[verdict === 'accept' ? 'accepted' : verdict === 'reject' ? 'rejected' : 'ignored']++
    try {
      this.pubsub.reportMessageValidationResult(msgId, from, RESULT[verdict])
    } catch {}
  }

  /** Publishes a payload this node made (and already stored); true if any peer was sent it. */
  async publish (data: Uint8Array): Promise<number> {
    this.counters.published++
    try {
      const res = await this.pubsub.publish(this.topic, data)
      return res.recipients.length
    } catch (err: any) {
      // the same payload was seen already (content-derived ids): nothing to do
      if (String(err?.message).includes('Duplicate')) return 0
      throw err
    }
  }

  /** Messages on this topic this node rejected, per relaying peer. */
  penaltyOf (peer: string): number {
    return this.penalties.get(peer) ?? 0
  }

  /** gossipsub's score of a peer (negative after rejected messages on a scored topic). */
  scoreOf (peer: string): number {
    return this.pubsub.getScore(peer)
  }

  meshPeers (): string[] {
    return this.pubsub.getMeshPeers(this.topic)
  }

  subscribers (): string[] {
    return this.pubsub.getSubscribers(this.topic).map(p => p.toString())
  }
}
