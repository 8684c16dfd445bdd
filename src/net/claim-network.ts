// Owns /sortlift/claim/1.0.0: a sortition winner's claim to the chain's
// operator (answered with a receipt or a typed refusal), and the settlement
// state of a chain. It knows the protocol, not the settlement rules.
import type { Libp2p } from '@libp2p/interface'
import { ClaimRequest, ClaimResponse, ClaimCode } from '../../protos/claim.js'
import type { ReqRespLimits } from './protocols.js'
import { RequestClient, serveRequests } from './reqresp.js'

export const CLAIM_PROTOCOL = '/sortlift/claim/1.0.0'

export const CLAIM_LIMITS: ReqRespLimits = {
  maxMessageBytes: 256 * 1024,
  dialTimeoutMs: 5_000,
  // the operator pays before it answers: a payment lift can take its own timeout
  responseTimeoutMs: 30_000
}

export interface ClaimRequestHandler {
  handleClaimRequest (remotePeer: string, req: ClaimRequest): Promise<ClaimResponse>
}

export interface ClaimTransport {
  request (peer: string, req: ClaimRequest, signal?: AbortSignal): Promise<ClaimResponse>
}

/** Codes that mean the sender misbehaved. */
const PENALISED = new Set<ClaimCode>([ClaimCode.CLAIM_MALFORMED, ClaimCode.CLAIM_BAD_PROOF, ClaimCode.CLAIM_BAD_ATTESTATION])

export function claimError (code: ClaimCode, message: string): ClaimResponse {
  return { code, message }
}

export class ClaimNetwork implements ClaimTransport {
  readonly localPeer: string
  private handler?: ClaimRequestHandler
  private readonly client: RequestClient<ClaimRequest, ClaimResponse>
  private readonly penalties = new Map<string, number>()

  constructor (private readonly host: Libp2p, private readonly limits: ReqRespLimits = CLAIM_LIMITS) {
    this.localPeer = host.peerId.toString()
    this.client = new RequestClient<ClaimRequest, ClaimResponse>(host, CLAIM_PROTOCOL, { request: ClaimRequest, response: ClaimResponse }, limits)
  }

  async start (handler: ClaimRequestHandler): Promise<void> {
    this.handler = handler
    await serveRequests<ClaimRequest, ClaimResponse>(this.host, CLAIM_PROTOCOL, {
      codecs: { request: ClaimRequest, response: ClaimResponse },
      limits: this.limits,
      handle: async (req, remotePeer) => await this.dispatch(remotePeer, req),
      malformed: (message) => claimError(ClaimCode.CLAIM_MALFORMED, message),
      onMalformed: (peer) => { this.penalise(peer) }
    })
  }

  async stop (): Promise<void> {
    this.client.close()
    await this.host.unhandle(CLAIM_PROTOCOL).catch(() => {})
  }

  async request (peer: string, req: ClaimRequest, signal?: AbortSignal): Promise<ClaimResponse> {
    if (peer === this.localPeer) return await this.dispatch(peer, req)
    return await this.client.request(peer, req, signal)
  }

  penaltyOf (peer: string): number {
    return this.penalties.get(peer) ?? 0
  }

  private async dispatch (remotePeer: string, req: ClaimRequest): Promise<ClaimResponse> {
    if (this.handler == null) return claimError(ClaimCode.CLAIM_INTERNAL, 'node is starting')
    const res = await this.handler.handleClaimRequest(remotePeer, req)
    if (PENALISED.has(res.code) && remotePeer !== this.localPeer) this.penalise(remotePeer)
    return res
  }

  private penalise (peer: string): void {
    this.penalties.set(peer, this.penaltyOf(peer) + 1)
  }
}
