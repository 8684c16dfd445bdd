// Control-API endpoints for the beacon and oracle topics (added to the route
// table in server.ts).
import { ApiError } from './server.js'
import { GossipServiceError } from '../beacon/service.js'
import type { SortliftNode } from '../node/node.js'

type Handler = (node: SortliftNode, body: any, params: string[], query: URLSearchParams) => Promise<unknown>

const STATUS: Record<GossipServiceError['code'], number> = { NO_NETWORK: 409, UNKNOWN_ROUND: 404, BAD_INPUT: 400 }

function wrap (handler: Handler): Handler {
  return async (n, b, p, q) => {
    try {
      return await handler(n, b, p, q)
    } catch (err) {
      if (err instanceof GossipServiceError) throw new ApiError(STATUS[err.code], err.code, err.message)
      throw err
    }
  }
}

function text (b: any, name: string): string {
  if (typeof b[name] !== 'string') throw new ApiError(400, 'MALFORMED', `${name} is required (a string)`)
  return b[name]
}

export const gossipRoutes = [
  { method: 'GET', pattern: /^\/beacon$/, handler: wrap(async (n) => await n.gossip.beacon.show()) },
  { method: 'GET', pattern: /^\/beacon\/info$/, handler: wrap(async (n) => n.gossip.beacon.info()) },
  { method: 'GET', pattern: /^\/beacon\/rounds\/(\d{1,20})$/, handler: wrap(async (n, _b, [r]) => await n.gossip.beacon.show(BigInt(r))) },
  { method: 'POST', pattern: /^\/oracle\/attest$/, handler: wrap(async (n, b) => await n.gossip.oracle.attest(text(b, 'user'), text(b, 'question'), text(b, 'outcome'))) },
  { method: 'GET', pattern: /^\/oracle$/, handler: wrap(async (n, _b, _p, q) => await n.gossip.oracle.list(q.get('question') ?? undefined)) }
]
