// Typed lift errors: what the API and CLI report when a lift cannot be made.
export type LiftErrorCode =
  | 'NO_ROUTE' // nothing joins payer and payee with enough capacity
  | 'NO_CAPACITY' // a route exists but cannot carry the amount
  | 'BAD_REQUEST' // malformed input
  | 'UNKNOWN_LIFT'
  | 'INTERNAL'

export class LiftError extends Error {
  constructor (readonly code: LiftErrorCode, message: string) {
    super(message)
    this.name = 'LiftError'
  }
}
