// Typed rejections for settlement: draws, winner search, claims and receipts
// (same pattern as chain-errors.ts: string codes, mapped to the wire enum
// ClaimCode in protos/claim.proto and to HTTP statuses in the API).

export type SettlementErrorCode =
  /** bytes that do not decode, fields out of range */
  | 'MALFORMED'
  /** the chain is not settled yet: trading still open, the beacon round not out, or a condition on the path undecided (temporary) */
  | 'NOT_SETTLED_YET'
  /** the draw does not land in the claimed region, or a condition of the region is false */
  | 'LOSING_REGION'
  /** the draw lands in an unassigned region: the operator keeps V and there is nothing to claim */
  | 'UNASSIGNED'
  /** the beacon round is not the chain's, or its signature does not verify for the followed beacon network */
  | 'BAD_BEACON'
  /** an attestation whose oracle signature does not verify */
  | 'BAD_ATTESTATION'
  /** the proof does not decode or does not verify against the committed root */
  | 'BAD_PROOF'
  /** the chain record is not valid (id, signature) or is another chain's */
  | 'BAD_CHAIN'
  /** the commitment is not the operator's, is another chain's, does not match the claim, or is stamped after the trading end */
  | 'BAD_COMMITMENT'
  /** the commitment is valid but not the chain's final one (the operator holds a later one) */
  | 'STALE_COMMITMENT'
  /** the claim is not signed by the winning leaf's owner (or the child chain's operator) */
  | 'NOT_OWNER'
  /** the claim's time is too far from the operator's clock: sign a fresh one */
  | 'BAD_TIME'
  /** the chain's prize was already paid (the receipt comes with this error) */
  | 'ALREADY_PAID'
  /** this node does not operate that chain (or knows nothing of it) */
  | 'UNKNOWN_CHAIN'
  /** the operator could not pay (no route, no capacity) or a payment is still undecided: retry later (temporary) */
  | 'PAYMENT_FAILED'
  /** the receipt is not signed by the chain's operator or is not for this claim */
  | 'BAD_RECEIPT'
  /** the operator could not be reached or failed: retry later (temporary) */
  | 'UNAVAILABLE'

/** Codes a claimant retries (the same claim, later). */
export const TEMPORARY_CODES: ReadonlySet<SettlementErrorCode> = new Set(['NOT_SETTLED_YET', 'PAYMENT_FAILED', 'UNAVAILABLE'])

export class SettlementError extends Error {
  constructor (readonly code: SettlementErrorCode, message: string) {
    super(message)
    this.name = 'SettlementError'
  }
}

export function settleFail (code: SettlementErrorCode, message: string): never {
  throw new SettlementError(code, message)
}
