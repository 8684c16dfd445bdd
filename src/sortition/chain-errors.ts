// Typed rejections for chains, commitments, signed requests and the operator
// service (same pattern as errors.ts: string codes, mapped to the wire enum
// SortitionCode in protos/sortition.proto and to HTTP statuses in the API).

export type ChainErrorCode =
  /** a field has the wrong length, range or shape */
  | 'MALFORMED'
  /** a signature does not verify under the key that must have signed */
  | 'BAD_SIGNATURE'
  /** a chain record whose id is not the hash of its fields */
  | 'BAD_CHAIN_ID'
  /** a commitment or request for another chain than the one it is checked against */
  | 'WRONG_CHAIN'
  /** a commitment's height is not the previous height + 1 (or not 0 for the first) */
  | 'HEIGHT_SKIP'
  /** a commitment's previous hash is not the hash of the previous commitment (zero at height 0) */
  | 'BROKEN_LINK'
  /** a commitment stamped earlier than the previous one */
  | 'BAD_TIME'
  /** a commitment stamped after the chain's trading end, or a change asked after it */
  | 'AFTER_TRADING_END'
  /** no chain with that id here */
  | 'UNKNOWN_CHAIN'
  /** this node does not operate that chain */
  | 'NOT_OPERATOR'
  /** the request is signed by someone who does not own the region */
  | 'NOT_OWNER'
  /** the request names a custody the region no longer has (replayed or stale) */
  | 'STALE_CUSTODY'
  /** the named region is not an assigned leaf, or a split is not inside it */
  | 'BAD_REGION'
  /** no unassigned leaf is wide enough for the purchase */
  | 'NO_SPACE'
  /** the payment evidence names nothing this node received (yet): temporary */
  | 'PAYMENT_NOT_FOUND'
  /** the payment evidence was already used for a purchase */
  | 'PAYMENT_USED'
  /** the payment is smaller than the region's price, or to someone else, or for another purchase */
  | 'UNDERPAID'
  /** the operator could not be reached or failed: temporary */
  | 'UNAVAILABLE'
  /** a chain announced on a topic that is not its parent's (or the roots topic for a top-level chain) */
  | 'WRONG_TOPIC'
  /** two different commitments of one chain for one height */
  | 'CONFLICT'
  /** an ancestor's committed leaf does not hold the child's commitment (not yet embedded, or another one) */
  | 'NOT_EMBEDDED'

export class ChainError extends Error {
  constructor (readonly code: ChainErrorCode, message: string) {
    super(message)
    this.name = 'ChainError'
  }
}

export function chainFail (code: ChainErrorCode, message: string): never {
  throw new ChainError(code, message)
}
