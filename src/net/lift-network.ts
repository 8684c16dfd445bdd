// Owns /sortlift/lift/1.0.0: serves proposals, promises, decisions and decision
// queries through the handler the node supplies, and sends them. It knows the
// protocol, not the lift rules.
import type { Libp2p } from '@libp2p/interface'
import { LiftRequest, LiftResponse, LiftCode } from '../../protos/lift.js'
import { LIFT_PROTOCOL, LIFT_LIMITS } from './protocols.js'
import type { ReqRespLimits } from './protocols.js'
import { RequestClient, serveRequests } from './reqresp.js'
import type { LiftTransport } from '../lift/commit.js'

export interface LiftRequestHandler {
  handleLiftRequest (remotePeer: string, req: LiftRequest): Promise<LiftResponse>
}

/** Codes that mean the sender misbehaved (not a race or a retry). */
const PENALISED = new Set<LiftCode>([LiftCode.LIFT_MALFORMED, LiftCode.LIFT_BAD_SIGNATURE, LiftCode.LIFT_BAD_ENVELOPE, LiftCode.LIFT_NOT_REFEREE, LiftCode.LIFT_NOT_NEIGHBOUR])

export class LiftNetwork implements LiftTransport {
  readonly localPeer: string
  private handler?: LiftRequestHandler
  private readonly client: RequestClient<LiftRequest, LiftResponse>
  private readonly penalties = new Map<string, number>()

  constructor (private readonly host: Libp2p, private readonly limits: ReqRespLimits = LIFT_LIMITS) {
    this.localPeer = host.peerId.toString()
    this.client = new RequestClient<LiftRequest, LiftResponse>(host, LIFT_PROTOCOL, { request: LiftRequest, response: LiftResponse }, limits)
  }

  async start (handler: LiftRequestHandler): Promise<void> {
    this.handler = handler
    await serveRequests<LiftRequest, LiftResponse>(this.host, LIFT_PROTOCOL, {
      codecs: { request: LiftRequest, response: LiftResponse },
      limits: this.limits,
      handle: async (req, remotePeer) => await this.dispatch(remotePeer, req),
      malformed: (message) => ({ code: LiftCode.LIFT_MALFORMED, message }),
      onMalformed: (peer) => { this.penalise(peer) }
    })
  }

  async stop (): Promise<void> {
    this.client.close()
    await this.host.unhandle(LIFT_PROTOCOL).catch(() => {})
  }

  async request (peer: string, req: LiftRequest, signal?: AbortSignal): Promise<LiftResponse> {
    if (peer === this.localPeer) return await this.dispatch(peer, req)
    return await this.client.request(peer, req, signal)
  }

  penaltyOf (peer: string): number {
    return this.penalties.get(peer) ?? 0
  }

  private async dispatch (remotePeer: string, req: LiftRequest): Promise<LiftResponse> {
    if (this.handler == null) return { code: LiftCode.LIFT_INTERNAL, message: 'node is starting' }
    const res = await this.handler.handleLiftRequest(remotePeer, req)
    if (PENALISED.has(res.code)) this.penalise(remotePeer)
    return res
  }

  private penalise (peer: string): void {
    this.penalties.set(peer, this.penaltyOf(peer) + 1)
  }
}
