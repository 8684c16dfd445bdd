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

/** Decides a payload on `topic` relayed by `from`; stores it before returning 'accept'. */
export type TopicValidator = (topic: string, data: Uint8Array, from: string) => Promise<GossipVerdict>

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

/**
 * A dynamic set of validated topics sharing one validator (e.g. one topic per
 * parent chain). Messages on topics outside the set are not ours to judge.
 */
export class GossipTopics {
  private validator?: TopicValidator
  private readonly topics = new Set<string>()
  private listening = false
  private readonly penalties = new Map<string, number>()
  readonly counters = { accepted: 0, rejected: 0, ignored: 0, published: 0 }
  private readonly onMessage = (evt: CustomEvent<GossipsubMessage>): void => {
    const { msg, msgId, propagationSource } = evt.detail
    if (!this.topics.has(msg.topic)) return
    void this.check(msg.topic, msgId, propagationSource.toString(), msg.data)
  }

  constructor (protected readonly host: SortliftHost) {}

  protected get pubsub (): SortliftHost['services']['pubsub'] & GossipsubInternals {
    return this.host.services.pubsub as any
  }

  /** Sets the validator (before joining any topic). */
  validateWith (validator: TopicValidator): void {
    this.validator = validator
    if (!this.listening) {
      this.pubsub.addEventListener('gossipsub:message', this.onMessage)
      this.listening = true
    }
  }

  join (topic: string): void {
    if (this.topics.has(topic)) return
    this.topics.add(topic)
    this.pubsub.subscribe(topic)
  }

  leave (topic: string): void {
    if (!this.topics.delete(topic)) return
    try { this.pubsub.unsubscribe(topic) } catch {}
  }

  joined (): string[] {
    return [...this.topics]
  }

  stopAll (): void {
    this.pubsub.removeEventListener('gossipsub:message', this.onMessage)
    this.listening = false
    for (const t of [...this.topics]) this.leave(t)
  }

  private async check (topic: string, msgId: string, from: string, data: Uint8Array): Promise<void> {
    let verdict: GossipVerdict
    try {
      verdict = this.validator == null ? 'ignore' : await this.validator(topic, data, from)
    } catch {
      verdict = 'ignore' // our own failure (e.g. the store), not the sender's
    }
    if (verdict === 'reject') this.penalties.set(from, this.penaltyOf(from) + 1)
    this.counters[verdict === 'accept' ? 'accepted' : verdict === 'reject' ? 'rejected' : 'ignored']++
    try {
      this.pubsub.reportMessageValidationResult(msgId, from, RESULT[verdict])
    } catch {}
  }

  /** Publishes a payload this node made (and already stored) on `topic`, joined or not; the number of peers sent it. */
  async publishTo (topic: string, data: Uint8Array): Promise<number> {
    this.counters.published++
    try {
      const res = await this.pubsub.publish(topic, data)
      return res.recipients.length
    } catch (err: any) {
      // the same payload was seen already (content-derived ids): nothing to do
      if (String(err?.message).includes('Duplicate')) return 0
      throw err
    }
  }

  /** Messages on these topics this node rejected, per relaying peer. */
  penaltyOf (peer: string): number {
    return this.penalties.get(peer) ?? 0
  }

  /** gossipsub's score of a peer (negative after rejected messages on a scored topic). */
  scoreOf (peer: string): number {
    return this.pubsub.getScore(peer)
  }

  meshPeersOf (topic: string): string[] {
    return this.pubsub.getMeshPeers(topic)
  }

  subscribersOf (topic: string): string[] {
    return this.pubsub.getSubscribers(topic).map(p => p.toString())
  }
}

/** One validated topic. */
export class GossipTopic extends GossipTopics {
  constructor (host: SortliftHost, readonly topic: string) {
    super(host)
  }

  start (validator: GossipValidator): void {
    this.validateWith(async (_topic, data, from) => await validator.validate(data, from))
    this.join(this.topic)
  }

  stop (): void {
    this.stopAll()
  }

  /** Publishes a payload this node made (and already stored); the number of peers sent it. */
  async publish (data: Uint8Array): Promise<number> {
    return await this.publishTo(this.topic, data)
  }

  meshPeers (): string[] {
    return this.meshPeersOf(this.topic)
  }

  subscribers (): string[] {
    return this.subscribersOf(this.topic)
  }
}
