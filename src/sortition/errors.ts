// Typed rejections for sortition trees and proofs (same pattern as
// src/tally/errors.ts, with string codes: this layer has no wire enum yet).

export type SortitionErrorCode =
  /** a proof's bytes do not decode (truncated, trailing bytes, bad tag or length) */
  | 'MALFORMED_PROOF'
  /** an encoded predicate or attestation does not decode */
  | 'MALFORMED_PREDICATE'
  /** a region or point outside the space, empty, or not inside the leaf it names */
  | 'BAD_REGION'
  /** the leaf an operation names is not of the kind the operation needs */
  | 'WRONG_LEAF_KIND'
  /** navigation reached a condition split whose predicate the locator does not decide */
  | 'MISSING_CONDITION'
  /** a malformed argument: key or hash length, unknown owner kind */
  | 'BAD_INPUT'
  /** stored tree data is inconsistent */
  | 'CORRUPT_STORE'

export class SortitionError extends Error {
  constructor (readonly code: SortitionErrorCode, message: string) {
    super(message)
    this.name = 'SortitionError'
  }
}

export function fail (code: SortitionErrorCode, message: string): never {
  throw new SortitionError(code, message)
}
