// Owns /sortlift/route/1.0.0: serves inbound route queries through a handler
// the node supplies, sends outbound ones, and tracks misbehaving peers. It
// knows the protocol, not the routing rules (lift/route-service.ts).
import type { Libp2p } from '@libp2p/interface'
import { RouteQuery, RouteResponse, RouteError } from '../../protos/route.js'
import { ROUTE_PROTOCOL, ROUTE_LIMITS } from './protocols.js'
import type { ReqRespLimits } from './protocols.js'
import { RequestClient, RequestError, serveRequests } from './reqresp.js'
import type { MessageCodec } from './reqresp.js'
import { MAX_HOPS, MAX_ROUTES, MAX_VISITED } from '../lift/discovery.js'
import type { RouteTransport, RouteQueryHandler } from '../lift/route-service.js'

/** Codes that mean the sender misbehaved (not a race or a retry). */
const PENALISED = new Set<RouteError>([RouteError.MALFORMED, RouteError.EXPIRED, RouteError.HOP_BUDGET_EXHAUSTED, RouteError.NOT_COUNTERPARTY])

/** Decoders that stop at the protocol's repeated-field bounds instead of allocating. */
const queryCodec: MessageCodec<RouteQuery> = {
  encode: (q) => RouteQuery.encode(q),
  decode: (b) => RouteQuery.decode(b, { limits: { visited: MAX_VISITED } })
}
const responseCodec: MessageCodec<RouteResponse> = {
  encode: (r) => RouteResponse.encode(r),
  decode: (b) => RouteResponse.decode(b, { limits: { routes: MAX_ROUTES, routes$: { hops: MAX_HOPS } } })
}

/** Every route message this node sends or receives, encoded (for tests and tracing). */
export type RouteTap = (event: { direction: 'in' | 'out', kind: 'query' | 'response', peer: string, bytes: Uint8Array }) => void

export class RouteNetwork implements RouteTransport {
  readonly localPeer: string
  /** set to observe the protocol's traffic */
  tap?: RouteTap
  private handler?: RouteQueryHandler
  private readonly penalties = new Map<string, number>()
  readonly counters = { sent: 0, served: 0 }

  constructor (private readonly host: Libp2p, private readonly limits: ReqRespLimits = ROUTE_LIMITS) {
    this.localPeer = host.peerId.toString()
  }

  async start (handler: RouteQueryHandler): Promise<void> {
    this.handler = handler
    await serveRequests<RouteQuery, RouteResponse>(this.host, ROUTE_PROTOCOL, {
      codecs: { request: queryCodec, response: responseCodec },
      limits: this.limits,
      handle: async (query, remotePeer, signal) => {
        this.counters.served++
        this.observe('in', 'query', remotePeer, () => RouteQuery.encode(query))
        const res = await this.dispatch(remotePeer, query, signal)
        this.observe('out', 'response', remotePeer, () => RouteResponse.encode(res))
        return res
      },
      malformed: (message) => ({ code: RouteError.MALFORMED, message, routes: [] }),
      onMalformed: (peer) => { this.penalise(peer) }
    })
  }

  async stop (): Promise<void> {
    await this.host.unhandle(ROUTE_PROTOCOL).catch(() => {})
  }

  async request (peer: string, query: RouteQuery, signal: AbortSignal): Promise<RouteResponse> {
    this.observe('out', 'query', peer, () => RouteQuery.encode(query))
    let res: RouteResponse
    if (peer === this.localPeer) {
      res = await this.dispatch(peer, query, signal)
    } else {
      this.counters.sent++
      // One stream per query: answers wait for their own downstream, so sharing
      // a pipelined (in-order) stream would hold quick answers behind slow ones,
      // and giving up on one at its deadline would fail the stream for all.
      const client = new RequestClient<RouteQuery, RouteResponse>(this.host, ROUTE_PROTOCOL, { request: queryCodec, response: responseCodec }, this.limits)
      try {
        res = await client.request(peer, query, signal)
      } catch (err) {
        if (err instanceof RequestError && err.code === 'MALFORMED_RESPONSE') this.penalise(peer)
        throw err
      } finally {
        client.close()
      }
    }
    this.observe('in', 'response', peer, () => RouteResponse.encode(res))
    return res
  }

  /** Count of penalised messages per peer (malformed, expired, out of budget, not the counterparty). */
  penaltyOf (peer: string): number {
    return this.penalties.get(peer) ?? 0
  }

  private async dispatch (remotePeer: string, query: RouteQuery, signal: AbortSignal): Promise<RouteResponse> {
    if (this.handler == null) return { code: RouteError.INTERNAL, message: 'node is starting', routes: [] }
    let res: RouteResponse
    try {
      res = await this.handler.handleRouteQuery(remotePeer, query, signal)
    } catch (err: any) {
      return { code: RouteError.INTERNAL, message: `route query failed: ${String(err?.message ?? err).slice(0, 200)}`, routes: [] }
    }
    if (PENALISED.has(res.code)) this.penalise(remotePeer)
    return res
  }

  private observe (direction: 'in' | 'out', kind: 'query' | 'response', peer: string, bytes: () => Uint8Array): void {
    if (this.tap != null) this.tap({ direction, kind, peer, bytes: bytes() })
  }

  private penalise (peer: string): void {
    this.penalties.set(peer, this.penaltyOf(peer) + 1)
  }
}
