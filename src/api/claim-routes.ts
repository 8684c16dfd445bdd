// Control API routes for settlement: a chain's settlement state, claiming a
// prize, and the claims this node sent and received.
import type { SortliftNode } from '../node/node.js'
import { SettlementError } from '../sortition/settlement-errors.js'
import type { SettlementErrorCode } from '../sortition/settlement-errors.js'
import { SortitionApiError } from './sortition-routes.js'

type Handler = (node: SortliftNode, body: any, params: string[], query: URLSearchParams) => Promise<unknown>
const ID = '([0-9a-fA-F]{64})'

function str (v: unknown, name: string): string {
  if (typeof v !== 'string' || v === '') throw new SortitionApiError(400, 'MALFORMED', `${name} is required`)
  return v
}

function opt (v: unknown, name: string): string | undefined {
  if (v == null || v === '') return undefined
  if (typeof v !== 'string') throw new SortitionApiError(400, 'MALFORMED', `${name} must be a string`)
  return v
}

function waitMs (v: unknown): number | undefined {
  if (v == null || v === '') return undefined
  const s = typeof v === 'number' ? String(v) : v
  if (typeof s !== 'string' || !/^\d{1,5}$/.test(s) || Number(s) > 60_000) throw new SortitionApiError(400, 'MALFORMED', 'wait must be 0..60000 ms')
  return Number(s)
}

export const claimRoutes: Array<[string, string, Handler]> = [
  ['GET', `^/chains/${ID}/settlement$`, async (n, _b, [id], q) => await n.settlement.claims.settle(id, opt(q.get('peer'), 'peer'))],
  ['POST', '^/claims$', async (n, b) => await n.settlement.claims.claim({
    chainId: str(b.chain, 'chain'), user: str(b.user, 'user'), peer: opt(b.peer, 'peer'), payee: opt(b.payee, 'payee'), waitMs: waitMs(b.wait)
  })],
  ['GET', '^/claims$', async (n) => await n.settlement.claims.listClaims()]
]

const STATUS: Record<SettlementErrorCode, number> = {
  MALFORMED: 400,
  NOT_SETTLED_YET: 409,
  LOSING_REGION: 422,
  UNASSIGNED: 422,
  BAD_BEACON: 422,
  BAD_ATTESTATION: 400,
  BAD_PROOF: 400,
  BAD_CHAIN: 400,
  BAD_COMMITMENT: 422,
  STALE_COMMITMENT: 409,
  NOT_OWNER: 403,
  BAD_TIME: 409,
  ALREADY_PAID: 409,
  UNKNOWN_CHAIN: 404,
  PAYMENT_FAILED: 503,
  BAD_RECEIPT: 502,
  UNAVAILABLE: 502
}

/** The API error for a settlement failure, or undefined for other errors. */
export function claimApiError (err: unknown): { status: number, code: string, message: string } | undefined {
  if (err instanceof SettlementError) return { status: STATUS[err.code], code: err.code, message: err.message }
  return undefined
}
