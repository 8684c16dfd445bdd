// Typed rejections for following a chain (replay and chain-sync). The chain
// codes (chain-errors.ts) keep their meaning: a commitment that skips a
// height is HEIGHT_SKIP whether the operator or a relay sent it. The codes
// added here are about the data behind a commitment.
import type { ChainErrorCode } from './chain-errors.js'

export type SyncErrorCode =
  | ChainErrorCode
  /** replaying a height's operations does not give the root its commitment signs */
  | 'ROOT_MISMATCH'
  /** ... nor its changes digest */
  | 'CHANGES_MISMATCH'
  /** ... nor its embedded child commitments */
  | 'CHILDREN_MISMATCH'
  /** an operation that cannot apply to the tree (no such leaf, wrong kind, outside the leaf) */
  | 'BAD_OP'
  /** a peer holds another commitment, validly signed, for a height this node holds */
  | 'CONFLICT'
  /** a peer's response does not decode, is oversized, or is not what was asked */
  | 'BAD_RESPONSE'
  /** no peer (operator, provider) could give the data */
  | 'NO_PROVIDER'
  /** this node does not follow that chain */
  | 'NOT_FOLLOWED'
  /** this node operates that chain: it cannot follow it */
  | 'OPERATED_HERE'

export class SyncError extends Error {
  /** `remote`: the code is the peer's own answer (a refusal), not a fault found in its data */
  constructor (readonly code: SyncErrorCode, message: string, readonly remote = false) {
    super(message)
    this.name = 'SyncError'
  }
}

export function syncFail (code: SyncErrorCode, message: string): never {
  throw new SyncError(code, message)
}

/** Codes that mean the peer that sent the data misbehaved (or relays an operator who did). */
const PEER_FAULTS = new Set<SyncErrorCode>([
  'MALFORMED', 'BAD_SIGNATURE', 'BAD_CHAIN_ID', 'WRONG_CHAIN', 'HEIGHT_SKIP', 'BROKEN_LINK', 'BAD_TIME', 'AFTER_TRADING_END',
  'NOT_OWNER', 'STALE_CUSTODY', 'BAD_REGION', 'ROOT_MISMATCH', 'CHANGES_MISMATCH', 'CHILDREN_MISMATCH', 'BAD_OP', 'BAD_RESPONSE'
])

/** Whether the peer that answered is to blame (and penalised). */
export function isPeerFault (e: SyncError): boolean {
  return !e.remote && PEER_FAULTS.has(e.code)
}
