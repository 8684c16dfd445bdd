// What the tally service sees of the network (implemented by net/tally-network.ts).
import { ErrorCode } from '../../protos/tally.js'
import type { TallyRequest, TallyResponse } from '../../protos/tally.js'

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
