// Typed rejections of fraud evidence (same pattern as chain-errors.ts: string
// codes, mapped to HTTP statuses in the API). Every code means "this does not
// prove fraud": the evidence is refused, nothing is stored, and a gossip peer
// that relayed it is penalised.

export type EvidenceErrorCode =
  /** does not decode, a field has the wrong length or shape, or the wrong number of parts */
  | 'MALFORMED'
  /** an evidence kind this node does not know or cannot judge yet */
  | 'UNSUPPORTED_KIND'
  /** more custody records, or more bytes, than a node accepts */
  | 'TOO_LARGE'
  /** the chain record's id is not the hash of its fields, or the operator did not sign it */
  | 'BAD_CHAIN'
  /** a commitment or custody record of another chain */
  | 'WRONG_CHAIN'
  /** a commitment not signed by the chain's operator */
  | 'BAD_SIGNATURE'
  /** DOUBLE_COMMITMENT: the two commitments are the same signed bytes */
  | 'SAME_COMMITMENT'
  /** DOUBLE_COMMITMENT: the two commitments are for different heights */
  | 'HEIGHT_MISMATCH'
  /** AFTER_TRADING_END: the commitment is stamped at or before the trading end */
  | 'NOT_AFTER_END'
  /** a proof does not decode or does not verify against its commitment's root */
  | 'BAD_PROOF'
  /** UNAUTHORISED_MOVE: the earlier leaf is unassigned (nobody owned it) */
  | 'UNASSIGNED_LEAF'
  /** UNAUTHORISED_MOVE: the later commitment is not higher than the earlier one */
  | 'HEIGHT_ORDER'
  /** UNAUTHORISED_MOVE: the two leaves' regions share no point */
  | 'NO_OVERLAP'
  /** UNAUTHORISED_MOVE: the custody records do not link the later leaf's custody back as required */
  | 'BROKEN_CUSTODY'
  /** UNAUTHORISED_MOVE: the history passes through a region owned by a child chain, whose transfers v1 cannot judge */
  | 'UNSUPPORTED_OWNER'
  /** UNAUTHORISED_MOVE: the records show a legitimate history (every move signed by its owner) */
  | 'NOT_FRAUD'

export class EvidenceError extends Error {
  constructor (readonly code: EvidenceErrorCode, message: string) {
    super(message)
    this.name = 'EvidenceError'
  }
}

export function evidenceFail (code: EvidenceErrorCode, message: string): never {
  throw new EvidenceError(code, message)
}
