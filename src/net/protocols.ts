// Protocol ids and wire limits (DESIGN §8).
export const DHT_PROTOCOL = '/sortlift/kad/1.0.0'
export const TALLY_PROTOCOL = '/sortlift/tally/1.0.0'
export const ROUTE_PROTOCOL = '/sortlift/route/1.0.0'

export interface ReqRespLimits {
  /** largest accepted frame, in bytes */
  maxMessageBytes: number
  /** opening a stream, including dialing the peer */
  dialTimeoutMs: number
  /** from the request written to the whole response read */
  responseTimeoutMs: number
}

export const TALLY_LIMITS: ReqRespLimits = {
  maxMessageBytes: 1024 * 1024,
  dialTimeoutMs: 5_000,
  responseTimeoutMs: 10_000
}

export const LIFT_PROTOCOL = '/sortlift/lift/1.0.0'

export const LIFT_LIMITS: ReqRespLimits = {
  maxMessageBytes: 64 * 1024,
  dialTimeoutMs: 5_000,
  responseTimeoutMs: 10_000
}

/**
 * Route discovery: small messages; each request's real bound is the query's
 * deadline (the caller aborts at it), the response timeout is a backstop.
 */
export const ROUTE_LIMITS: ReqRespLimits = {
  maxMessageBytes: 64 * 1024,
  dialTimeoutMs: 2_000,
  responseTimeoutMs: 30_000
}

/** Gossip topics (validated asynchronously; message id = SHA-256 of the payload). */
export const BEACON_TOPIC = '/sortlift/beacon/1'
export const ORACLE_TOPIC = '/sortlift/oracle/1'
export const EVIDENCE_TOPIC = '/sortlift/evidence/1'
/** operators' answers to UNPAID_CLAIM evidence */
export const EVIDENCE_ANSWER_TOPIC = '/sortlift/evidence-answer/1'

/**
 * gossipsub topic scores for the validated topics: only P4 (invalid messages)
 * counts, so a peer loses 10·n² points (decaying by 0.9 a second) for n
 * rejected messages and nothing for a quiet topic. At the default thresholds
 * one forged message stops gossip to it, three graylist it.
 */
export const VALIDATED_TOPIC_SCORE = {
  topicWeight: 1,
  timeInMeshWeight: 0,
  timeInMeshQuantum: 1000,
  timeInMeshCap: 1,
  firstMessageDeliveriesWeight: 0,
  firstMessageDeliveriesDecay: 0.5,
  firstMessageDeliveriesCap: 1,
  meshMessageDeliveriesWeight: 0,
  meshMessageDeliveriesDecay: 0.5,
  meshMessageDeliveriesCap: 1,
  meshMessageDeliveriesThreshold: 1,
  meshMessageDeliveriesWindow: 10,
  meshMessageDeliveriesActivation: 5000,
  meshFailurePenaltyWeight: 0,
  meshFailurePenaltyDecay: 0.5,
  invalidMessageDeliveriesWeight: -10,
  invalidMessageDeliveriesDecay: 0.9
}
