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
