// Owns /sortlift/sortition/1.0.0: a chain operator's requests (chain record,
// buy, transfer, split, proof). It knows the protocol, not the chain rules.
import type { Libp2p } from '@libp2p/interface'
import { SortitionRequest, SortitionResponse, SortitionCode } from '../../protos/sortition.js'
import type { ReqRespLimits } from './protocols.js'
import { RequestClient, serveRequests } from './reqresp.js'

export const SORTITION_PROTOCOL = '/sortlift/sortition/1.0.0'

export const SORTITION_LIMITS: ReqRespLimits = {
  maxMessageBytes: 256 * 1024,
  dialTimeoutMs: 5_000,
  responseTimeoutMs: 10_000
}

export interface SortitionRequestHandler {
  handleSortitionRequest (remotePeer: string, req: SortitionRequest): Promise<SortitionResponse>
}

export interface SortitionTransport {
  request (peer: string, req: SortitionRequest, signal?: AbortSignal): Promise<SortitionResponse>
}

/** Codes that mean the sender misbehaved. */
const PENALISED = new Set<SortitionCode>([SortitionCode.SORTITION_MALFORMED, SortitionCode.SORTITION_BAD_SIGNATURE])

export class SortitionNetwork implements SortitionTransport {
  readonly localPeer: string
  private handler?: SortitionRequestHandler
  private readonly client: RequestClient<SortitionRequest, SortitionResponse>
  private readonly penalties = new Map<string, number>()

  constructor (private readonly host: Libp2p, private readonly limits: ReqRespLimits = SORTITION_LIMITS) {
    this.localPeer = host.peerId.toString()
    this.client = new RequestClient<SortitionRequest, SortitionResponse>(host, SORTITION_PROTOCOL, { request: SortitionRequest, response: SortitionResponse }, limits)
  }

  async start (handler: SortitionRequestHandler): Promise<void> {
    this.handler = handler
    await serveRequests<SortitionRequest, SortitionResponse>(this.host, SORTITION_PROTOCOL, {
      codecs: { request: SortitionRequest, response: SortitionResponse },
      limits: this.limits,
      handle: async (req, remotePeer) => await this.dispatch(remotePeer, req),
      malformed: (message) => ({ code: SortitionCode.SORTITION_MALFORMED, message, proof: new Uint8Array(0), lo: new Uint8Array(0), hi: new Uint8Array(0), custody: new Uint8Array(0) }),
      onMalformed: (peer) => { this.penalise(peer) }
    })
  }

  async stop (): Promise<void> {
    this.client.close()
    await this.host.unhandle(SORTITION_PROTOCOL).catch(() => {})
  }

  async request (peer: string, req: SortitionRequest, signal?: AbortSignal): Promise<SortitionResponse> {
    if (peer === this.localPeer) return await this.dispatch(peer, req)
    return await this.client.request(peer, req, signal)
  }

  penaltyOf (peer: string): number {
    return this.penalties.get(peer) ?? 0
  }

  private async dispatch (remotePeer: string, req: SortitionRequest): Promise<SortitionResponse> {
    if (this.handler == null) return { code: SortitionCode.SORTITION_INTERNAL, message: 'node is starting', proof: new Uint8Array(0), lo: new Uint8Array(0), hi: new Uint8Array(0), custody: new Uint8Array(0) }
    const res = await this.handler.handleSortitionRequest(remotePeer, req)
    if (PENALISED.has(res.code) && remotePeer !== this.localPeer) this.penalise(remotePeer)
    return res
  }

  private penalise (peer: string): void {
    this.penalties.set(peer, this.penaltyOf(peer) + 1)
  }
}
