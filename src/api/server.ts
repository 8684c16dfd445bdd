// The control API: HTTP+JSON on 127.0.0.1 behind a bearer token from the data
// directory. Amounts travel as decimal strings (milli-units, never floats).
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse, Server } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { ErrorCode } from '../../protos/tally.js'
import { TallyError } from '../tally/errors.js'
import { RequestError } from '../net/reqresp.js'
import { LiftError } from '../lift/errors.js'
import type { SortliftNode } from '../node/node.js'
import type { FoundRoute, HopLading } from '../lift/discovery.js'
import { toHex } from '../crypto/bytes.js'
import { gossipRoutes } from './gossip-routes.js'
import { sortitionRoutes, sortitionApiError } from './sortition-routes.js'
import { claimRoutes, claimApiError } from './claim-routes.js'
import { evidenceRoutes } from './evidence-routes.js'

const MAX_BODY = 64 * 1024

export class ApiError extends Error {
  constructor (readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

type Handler = (node: SortliftNode, body: any, params: string[], query: URLSearchParams) => Promise<unknown>

interface Route { method: string, pattern: RegExp, handler: Handler }

const HEX32 = '([0-9a-fA-F]{32})'

const routes: Route[] = [
  route('GET', '^/status$', async (n) => await n.status()),
  route('GET', '^/peers$', async (n) => n.peers()),
  route('POST', '^/peers/dial$', async (n, b) => { await n.dial(str(b, 'address')); return { dialed: b.address } }),
  route('GET', '^/peers/find/([1-9A-HJ-NP-Za-km-z]+)$', async (n, _b, [id]) => ({ peerId: id, addresses: await n.findPeer(id) })),
  route('GET', '^/users$', async (n) => await n.users.list()),
  route('POST', '^/users$', async (n, b) => await n.users.add(str(b, 'name'))),
  route('GET', '^/tallies$', async (n, _b, _p, q) => await n.tallies.list(q.get('user') ?? undefined)),
  route('POST', '^/tallies$', async (n, b) => await n.tallies.propose({
    user: str(b, 'user'), partner: str(b, 'partner'), role: role(b.role), limit: optUnits(b.limit, 'limit')
  })),
  route('GET', `^/tallies/${HEX32}$`, async (n, _b, [id], q) => await n.tallies.show(id, q.get('user') ?? undefined)),
  route('GET', `^/tallies/${HEX32}/chain$`, async (n, _b, [id], q) => await n.tallies.chain(id, q.get('user') ?? undefined)),
  route('POST', `^/tallies/${HEX32}/accept$`, async (n, b, [id]) => await n.tallies.accept(id, optStr(b, 'user'))),
  route('POST', `^/tallies/${HEX32}/refuse$`, async (n, b, [id]) => await n.tallies.refuse(id, optStr(b, 'user'))),
  route('POST', `^/tallies/${HEX32}/close$`, async (n, b, [id]) => await n.tallies.close(id, optStr(b, 'user'))),
  route('POST', `^/tallies/${HEX32}/settings$`, async (n, b, [id]) => await n.tallies.setSettings(id, {
    target: units(b.target ?? '0', 'target', true), bound: units(b.bound ?? '0', 'bound', true), reward: ppm(b.reward ?? 0, 'reward'), clutch: ppm(b.clutch ?? 0, 'clutch')
  }, optStr(b, 'user'))),
  route('GET', '^/routes$', async (n, _b, _p, q) => {
    const found = await n.routes.findRoutes({
      from: param(q, 'from'), to: param(q, 'to'), units: units(q.get('units'), 'units'), hops: optInt(q.get('hops'), 'hops')
    })
    return { session: found.session, routes: found.routes.map(routeView), ...(found.reason != null ? { reason: found.reason } : {}) }
  }),
  route('POST', '^/pay$', async (n, b) => await n.lifts.pay({
    from: str(b, 'from'), to: str(b, 'to'), units: units(b.units, 'units'), memo: optStr(b, 'memo'), reference: optStr(b, 'reference')
  })),
  route('GET', '^/lifts$', async (n) => await n.lifts.list()),
  route('GET', `^/lifts/${HEX32}$`, async (n, _b, [id]) => await n.lifts.show(id)),
  route('POST', '^/lifts/clear$', async (n, b) => ({ lifts: await n.lifts.clear({ min: b.min == null ? undefined : units(b.min, 'min') }) })),
  ...gossipRoutes,
  ...evidenceRoutes,
  ...sortitionRoutes.map(([m, p, h]) => route(m, p, h)),
  ...claimRoutes.map(([m, p, h]) => route(m, p, h))
]

export interface ApiServer {
  url: string
  close: () => Promise<void>
}

export async function startApi (node: SortliftNode, token: string, port: number, host = '127.0.0.1'): Promise<ApiServer> {
  const expected = Buffer.from(`Bearer ${token}`)
  const server: Server = createServer((req, res) => { void serve(node, expected, req, res) })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: any) => reject(new Error(err.code === 'EADDRINUSE' ? `API port ${port} is in use` : err.message)))
    server.listen(port, host, () => resolve())
  })
  const addr = server.address() as AddressInfo
  return {
    url: `http://${host}:${addr.port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

async function serve (node: SortliftNode, expected: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const auth = Buffer.from(req.headers.authorization ?? '')
    if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) throw new ApiError(401, 'UNAUTHORIZED', 'missing or wrong bearer token (see api.token in the data directory)')
    const url = new URL(req.url ?? '/', 'http://localhost')
    const body = req.method === 'POST' ? await readJson(req) : {}
    for (const r of routes) {
      if (r.method !== req.method) continue
      const m = r.pattern.exec(url.pathname)
      if (m == null) continue
      send(res, 200, await r.handler(node, body, m.slice(1), url.searchParams))
      return
    }
    throw new ApiError(404, 'NOT_FOUND', `no such endpoint: ${req.method} ${url.pathname}`)
  } catch (err: any) {
    const e = toApiError(err)
    send(res, e.status, { error: { code: e.code, message: e.message } })
  }
}

function toApiError (err: any): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof TallyError) return new ApiError(statusOf(err.code), err.code, err.message)
  if (err instanceof RequestError) return new ApiError(502, 'UNREACHABLE', err.message)
  if (err instanceof LiftError) return new ApiError(LIFT_STATUS[err.code], err.code, err.message)
  const s = sortitionApiError(err)
  if (s != null) return new ApiError(s.status, s.code, s.message)
  const c = claimApiError(err)
  if (c != null) return new ApiError(c.status, c.code, c.message)
  return new ApiError(500, 'INTERNAL', err?.message ?? String(err))
}

const LIFT_STATUS: Record<LiftError['code'], number> = { NO_ROUTE: 422, NO_CAPACITY: 422, BAD_REQUEST: 400, UNKNOWN_LIFT: 404, INTERNAL: 500 }

function statusOf (code: ErrorCode): number {
  switch (code) {
    case ErrorCode.MALFORMED: case ErrorCode.BAD_SIGNATURE: return 400
    case ErrorCode.WRONG_USER: case ErrorCode.NOT_COUNTERPARTY: return 403
    case ErrorCode.UNKNOWN_TALLY: case ErrorCode.UNKNOWN_USER: return 404
    case ErrorCode.DUPLICATE: case ErrorCode.BAD_STATE: case ErrorCode.CHAIN_CONFLICT: case ErrorCode.CHAIN_GAP: return 409
    case ErrorCode.OVER_LIMIT: return 422
    case ErrorCode.LIFT_UNDECIDED: return 503
    default: return 500
  }
}

function send (res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value, (_k, v) => typeof v === 'bigint' ? v.toString() : v)
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(text + '\n')
}

async function readJson (req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req) {
    size += c.length
    if (size > MAX_BODY) throw new ApiError(413, 'TOO_LARGE', 'request body too large')
    chunks.push(c)
  }
  if (size === 0) return {}
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    if (v == null || typeof v !== 'object') throw new Error('not an object')
    return v
  } catch {
    throw new ApiError(400, 'MALFORMED', 'request body is not a JSON object')
  }
}

function route (method: string, pattern: string, handler: Handler): Route {
  return { method, pattern: new RegExp(pattern), handler }
}

function str (b: any, name: string): string {
  if (typeof b[name] !== 'string' || b[name] === '') throw new ApiError(400, 'MALFORMED', `${name} is required`)
  return b[name]
}

function optStr (b: any, name: string): string | undefined {
  if (b[name] == null) return undefined
  if (typeof b[name] !== 'string') throw new ApiError(400, 'MALFORMED', `${name} must be a string`)
  return b[name]
}

function role (v: unknown): 'stock' | 'foil' {
  if (v !== 'stock' && v !== 'foil') throw new ApiError(400, 'MALFORMED', 'role must be stock or foil')
  return v
}

/** Integer milli-units as a decimal string or safe integer; never a float. */
export function units (v: unknown, name: string, allowZero = false): bigint {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v
  if (typeof s !== 'string' || !/^-?\d{1,19}$/.test(s)) throw new ApiError(400, 'MALFORMED', `${name} must be an integer number of milli-units`)
  const n = BigInt(s)
  if (n < 0n || (!allowZero && n === 0n)) throw new ApiError(400, 'MALFORMED', `${name} must be ${allowZero ? 'zero or more' : 'positive'}`)
  if (n > (1n << 63n) - 1n) throw new ApiError(400, 'MALFORMED', `${name} is too large`)
  return n
}

function optUnits (v: unknown, name: string): bigint | undefined {
  return v == null ? undefined : units(v, name, true)
}

function ppm (v: unknown, name: string): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -1_000_000 || n > 1_000_000) {
    throw new ApiError(400, 'MALFORMED', `${name} must be an integer in parts per million, -1000000..1000000`)
  }
  return n
}

function param (q: URLSearchParams, name: string): string {
  const v = q.get(name)
  if (v == null || v === '') throw new ApiError(400, 'MALFORMED', `query parameter ${name} is required`)
  return v
}

function optInt (v: string | null, name: string): number | undefined {
  if (v == null) return undefined
  if (!/^\d{1,3}$/.test(v)) throw new ApiError(400, 'MALFORMED', `${name} must be a small non-negative integer`)
  return Number(v)
}

function ladingView (l: HopLading): object {
  return l == null ? { unbounded: true } : { min: l.min.toString(), max: l.max.toString(), reward: l.reward, margin: l.margin, unbounded: false }
}

/** A found route as JSON: hops (PeerId, handle in hex, lading), the joined lading, and whether it carries the units. */
function routeView (r: FoundRoute): object {
  return { hops: r.hops.map(h => ({ peer: h.peer, handle: toHex(h.handle), lading: ladingView(h.lading) })), lading: ladingView(r.lading), carries: r.carries }
}
