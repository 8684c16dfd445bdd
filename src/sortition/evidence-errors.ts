// Typed rejections of fraud evidence and of the operator's answers to an
// unpaid claim (same pattern as chain-errors.ts: string codes, mapped to HTTP
// statuses in the API). Every code means "this does not prove fraud" (or "this
// answers nothing"): the piece is refused and nothing is stored. A gossip peer
// that relayed it is penalised, except for the codes in NOT_AN_OFFENCE.

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
  /** UNPAID_CLAIM: the claim's payment deadline has not passed by this node's clock (not an offence: clocks differ) */
  | 'NOT_DUE'
  /** UNPAID_CLAIM, answers: this node follows no beacon network, so it cannot judge a claim (not an offence) */
  | 'NO_BEACON'
  /** UNPAID_CLAIM, answers: the beacon signature does not verify for the network this node follows (a forgery, or another network: not penalised) */
  | 'BAD_BEACON'
  /** UNPAID_CLAIM: the claim (or, in a PAID answer, the paid claim) does not verify (§8.20; the settlement code is in the message) */
  | 'BAD_CLAIM'
  /** UNPAID_CLAIM: an answer this node holds already shows the claim paid or superseded (refused, not stored; not an offence) */
  | 'ANSWERED'
  /** PAID answer: the receipt is not the operator's, not for that claim and chain, or does not pay the chain's value */
  | 'BAD_RECEIPT'
  /** SUPERSEDED answer: the later commitment does not prove an assigned winning leaf (the settlement code is in the message) */
  | 'BAD_ANSWER'

export class EvidenceError extends Error {
  constructor (readonly code: EvidenceErrorCode, message: string) {
    super(message)
    this.name = 'EvidenceError'
  }
}

export function evidenceFail (code: EvidenceErrorCode, message: string): never {
  throw new EvidenceError(code, message)
}

/**
 * Refusals that say nothing against the relaying peer: a kind this node does
 * not judge, a clock behind the sender's, no or another beacon network, an
 * accusation this node already holds an answer to. Gossip ignores these
 * (neither relayed nor penalised).
 */
export const NOT_AN_OFFENCE: ReadonlySet<EvidenceErrorCode> = new Set(['UNSUPPORTED_KIND', 'NOT_DUE', 'NO_BEACON', 'BAD_BEACON', 'ANSWERED'])
