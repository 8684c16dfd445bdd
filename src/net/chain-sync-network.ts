// Owns /sortlift/chain-sync/1.0.0: chain records, heights (signed commitment
// plus the operations behind it) and proofs, served by whoever holds a
// chain's data. It knows the protocol and its limits, not the chain rules;
// the follower tells it which peers sent bad data (penalise).
import type { Libp2p } from '@libp2p/interface'
import { ChainSyncRequest, ChainSyncResponse, ChainSyncCode } from '../../protos/chain-sync.js'
import type { ReqRespLimits } from './protocols.js'
import { RequestClient, serveRequests } from './reqresp.js'

export const CHAIN_SYNC_PROTOCOL = '/sortlift/chain-sync/1.0.0'

export const CHAIN_SYNC_LIMITS: ReqRespLimits = {
  maxMessageBytes: 1024 * 1024,
  dialTimeoutMs: 5_000,
  responseTimeoutMs: 15_000
}

/** heights in one get_heights response, at most */
export const MAX_HEIGHTS_PER_RESPONSE = 64

export interface ChainSyncHandler {
  handleChainSync (remotePeer: string, req: ChainSyncRequest): Promise<ChainSyncResponse>
}

export interface ChainSyncTransport {
  readonly localPeer: string
  readonly limits: ReqRespLimits
  request (peer: string, req: ChainSyncRequest, signal?: AbortSignal): Promise<ChainSyncResponse>
  /** the peer sent data that fails validation */
  penalise (peer: string): void
}

export function syncResponse (code: ChainSyncCode, message: string, extra: Partial<ChainSyncResponse> = {}): ChainSyncResponse {
  return { code, message, heights: [], held: 0n, opCount: 0, ops: [], proof: new Uint8Array(0), ...extra }
}

export class ChainSyncNetwork implements ChainSyncTransport {
  readonly localPeer: string
  private handler?: ChainSyncHandler
  private readonly client: RequestClient<ChainSyncRequest, ChainSyncResponse>
  private readonly penalties = new Map<string, number>()

  constructor (private readonly host: Libp2p, readonly limits: ReqRespLimits = CHAIN_SYNC_LIMITS) {
    this.localPeer = host.peerId.toString()
    this.client = new RequestClient<ChainSyncRequest, ChainSyncResponse>(host, CHAIN_SYNC_PROTOCOL, { request: ChainSyncRequest, response: ChainSyncResponse }, limits)
  }

  async start (handler: ChainSyncHandler): Promise<void> {
    this.handler = handler
    await serveRequests<ChainSyncRequest, ChainSyncResponse>(this.host, CHAIN_SYNC_PROTOCOL, {
      codecs: { request: ChainSyncRequest, response: ChainSyncResponse },
      limits: this.limits,
      handle: async (req, remotePeer) => await this.dispatch(remotePeer, req),
      malformed: (message) => syncResponse(ChainSyncCode.SYNC_MALFORMED, message),
      onMalformed: (peer) => { this.penalise(peer) }
    })
  }

  async stop (): Promise<void> {
    this.client.close()
    await this.host.unhandle(CHAIN_SYNC_PROTOCOL).catch(() => {})
  }

  async request (peer: string, req: ChainSyncRequest, signal?: AbortSignal): Promise<ChainSyncResponse> {
    if (peer === this.localPeer) return await this.dispatch(peer, req)
    return await this.client.request(peer, req, signal)
  }

  penaltyOf (peer: string): number {
    return this.penalties.get(peer) ?? 0
  }

  penalise (peer: string): void {
    if (peer === this.localPeer) return
    this.penalties.set(peer, this.penaltyOf(peer) + 1)
  }

  private async dispatch (remotePeer: string, req: ChainSyncRequest): Promise<ChainSyncResponse> {
    if (this.handler == null) return syncResponse(ChainSyncCode.SYNC_INTERNAL, 'node is starting')
    const res = await this.handler.handleChainSync(remotePeer, req)
    if (res.code === ChainSyncCode.SYNC_MALFORMED) this.penalise(remotePeer)
    return res
  }
}
