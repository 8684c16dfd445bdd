// What the tally service sees of the network (implemented by net/tally-network.ts),
// and of the lift service.
import { ErrorCode } from '../../protos/tally.js'
import type { Chit, TallyRequest, TallyResponse } from '../../protos/tally.js'
import type { TallyHalf } from './half.js'
import type { BatchOp } from '../store/db.js'

export interface TallyTransport {
  readonly localPeer: string
  request (peer: string, req: TallyRequest, signal?: AbortSignal): Promise<TallyResponse>
  addEventListener (type: 'peer:connect', listener: (evt: CustomEvent<string>) => void): void
  removeEventListener (type: 'peer:connect', listener: (evt: CustomEvent<string>) => void): void
}

export interface TallyRequestHandler {
  handleTallyRequest (remotePeer: string, req: TallyRequest, signal: AbortSignal): Promise<TallyResponse>
}

/** Entries per PushEntries or response: well under the 1 MiB frame limit. */
export const MAX_ENTRIES_PER_MESSAGE = 256

export function emptyResponse (): TallyResponse {
  return { code: ErrorCode.OK, message: '', publicKey: new Uint8Array(), signature: new Uint8Array(), entries: [], length: 0n, head: new Uint8Array(), chitId: new Uint8Array() }
}

/**
 * Where lift chits meet the lift records (the lift service implements it; the
 * tally service calls it). A lift chit the partner issued is admitted only for
 * a lift this node promised and saw decided good.
 */
export interface LiftChitGate {
  /**
   * Called under the half's lock before a partner's lift chit is placed on
   * `half`. Returns the half with the lift's reservation released and records
   * to write in the same batch. Throws TallyError: LIFT_UNDECIDED (temporary:
   * the sender retries) or BAD_STATE / MALFORMED (final).
   */
  admit (half: TallyHalf, chit: Chit): Promise<{ half: TallyHalf, ops: BatchOp[] }>
  /** The referee's signed decision on a lift, encoded, when this node holds it (sent along with lift chits). */
  decisionFor (liftId: Uint8Array): Promise<Uint8Array | undefined>
  /**
   * Decisions a partner sent along with lift chits: each is verified and, if
   * this node still holds the lift undecided, applied. Called before the
   * request takes any lock; invalid ones are ignored (the chit then waits).
   */
  learn (decisions: Uint8Array[], from: string): Promise<void>
}
