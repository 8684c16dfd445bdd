// Owns /sortlift/tally/1.0.0: serves inbound requests through a handler the
// node supplies, sends outbound requests, tracks misbehaving peers and tells
// listeners when a peer connects. It knows the protocol, not the tally rules.
import { TypedEventEmitter } from '@libp2p/interface'
import type { Libp2p } from '@libp2p/interface'
import { TallyRequest, TallyResponse, ErrorCode } from '../../protos/tally.js'
import { TALLY_PROTOCOL, TALLY_LIMITS } from './protocols.js'
import type { ReqRespLimits } from './protocols.js'
import { RequestClient, serveRequests } from './reqresp.js'
import { emptyResponse } from '../tally/transport.js'
import type { TallyTransport, TallyRequestHandler } from '../tally/transport.js'

export interface TallyNetworkEvents {
  'peer:connect': CustomEvent<string>
}

/** Codes that mean the sender misbehaved (not a race or a retry). */
const PENALISED = new Set<ErrorCode>([ErrorCode.MALFORMED, ErrorCode.BAD_SIGNATURE, ErrorCode.NOT_COUNTERPARTY, ErrorCode.CHAIN_CONFLICT, ErrorCode.WRONG_USER])

export class TallyNetwork extends TypedEventEmitter<TallyNetworkEvents> implements TallyTransport {
  readonly localPeer: string
  private handler?: TallyRequestHandler
  private readonly client: RequestClient<TallyRequest, TallyResponse>
  private readonly penalties = new Map<string, number>()
  /** requests sent to other nodes, and answered for them (a cheap metric) */
  readonly counters = { sent: 0, served: 0, sentMs: 0, servedMs: 0 }
  private readonly onConnect = (evt: CustomEvent<any>): void => {
    this.safeDispatchEvent('peer:connect', { detail: evt.detail.toString() })
  }

  constructor (private readonly host: Libp2p, private readonly limits: ReqRespLimits = TALLY_LIMITS) {
    super()
    this.localPeer = host.peerId.toString()
    this.client = new RequestClient<TallyRequest, TallyResponse>(host, TALLY_PROTOCOL, { request: TallyRequest, response: TallyResponse }, limits)
  }

  async start (handler: TallyRequestHandler): Promise<void> {
    this.handler = handler
    this.host.addEventListener('peer:connect', this.onConnect)
    await serveRequests<TallyRequest, TallyResponse>(this.host, TALLY_PROTOCOL, {
      codecs: { request: TallyRequest, response: TallyResponse },
      limits: this.limits,
      handle: async (req, remotePeer, signal) => {
        this.counters.served++
        const t0 = performance.now()
        try {
          return await this.dispatch(remotePeer, req, signal)
        } finally {
          this.counters.servedMs += performance.now() - t0
        }
      },
      malformed: (message) => ({ ...emptyResponse(), code: ErrorCode.MALFORMED, message }),
      onMalformed: (peer) => { this.penalise(peer) }
    })
  }

  async stop (): Promise<void> {
    this.host.removeEventListener('peer:connect', this.onConnect)
    this.client.close()
    await this.host.unhandle(TALLY_PROTOCOL).catch(() => {})
  }

  async request (peer: string, req: TallyRequest, signal?: AbortSignal): Promise<TallyResponse> {
    // Both users of a tally may live on this node: answer in-process.
    if (peer === this.localPeer) return await this.dispatch(peer, req, signal ?? AbortSignal.timeout(this.limits.responseTimeoutMs))
    this.counters.sent++
    const t0 = performance.now()
    try {
      return await this.client.request(peer, req, signal)
    } finally {
      this.counters.sentMs += performance.now() - t0
    }
  }

  /** Count of penalised requests per peer (malformed, forged, not the counterparty...). */
  penaltyOf (peer: string): number {
    return this.penalties.get(peer) ?? 0
  }

  private async dispatch (remotePeer: string, req: TallyRequest, signal: AbortSignal): Promise<TallyResponse> {
    if (this.handler == null) return { ...emptyResponse(), code: ErrorCode.INTERNAL, message: 'node is starting' }
    const res = await this.handler.handleTallyRequest(remotePeer, req, signal)
    if (PENALISED.has(res.code)) this.penalise(remotePeer)
    return res
  }

  private penalise (peer: string): void {
    this.penalties.set(peer, this.penaltyOf(peer) + 1)
  }
}
