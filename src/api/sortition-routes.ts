// Control API routes for sortition chains (operator and client side). Amounts
// and points travel as decimal strings (points may also be 0x-hex).
import type { SortliftNode } from '../node/node.js'
import { ChainError } from '../sortition/chain-errors.js'
import { SyncError } from '../sortition/sync-errors.js'
import type { SyncErrorCode } from '../sortition/sync-errors.js'
import type { ChainErrorCode } from '../sortition/chain-errors.js'
import type { Locator, NewOwner } from '../sortition/chain.js'
import { decodePredicate } from '../sortition/predicate.js'
import { SPACE } from '../sortition/space.js'
import { fromHex } from '../crypto/bytes.js'

export class SortitionApiError extends Error {
  constructor (readonly status: number, readonly code: string, message: string) { super(message) }
}

type Handler = (node: SortliftNode, body: any, params: string[], query: URLSearchParams) => Promise<unknown>
const ID = '([0-9a-fA-F]{64})'

function bad (message: string): never { throw new SortitionApiError(400, 'MALFORMED', message) }

function str (v: unknown, name: string): string {
  if (typeof v !== 'string' || v === '') bad(`${name} is required`)
  return v
}

function opt (v: unknown, name: string): string | undefined {
  if (v == null || v === '') return undefined
  if (typeof v !== 'string') bad(`${name} must be a string`)
  return v
}

function int (v: unknown, name: string, min: number, max: number): number {
  const s = typeof v === 'number' ? String(v) : v
  if (typeof s !== 'string' || !/^\d{1,16}$/.test(s) || Number(s) < min || Number(s) > max) bad(`${name} must be an integer in ${min}..${max}`)
  return Number(s)
}

function units (v: unknown, name: string): bigint {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v
  if (typeof s !== 'string' || !/^\d{1,19}$/.test(s) || BigInt(s) <= 0n || BigInt(s) >= 1n << 63n) bad(`${name} must be a positive integer number of milli-units`)
  return BigInt(s)
}

export function parsePoint (v: unknown, name: string): bigint {
  if (typeof v !== 'string' || !/^(\d{1,78}|0x[0-9a-fA-F]{1,64})$/.test(v)) bad(`${name} must be a point: decimal or 0x-hex, in [0, 2^256)`)
  const p = BigInt(v)
  if (p >= SPACE) bad(`${name} must be below 2^256`)
  return p
}

/** ms since epoch, or an ISO date */
export function parseTime (v: unknown, name: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v
  if (typeof v === 'string' && /^\d{1,16}$/.test(v)) return Number(v)
  const t = typeof v === 'string' ? Date.parse(v) : NaN
  if (!Number.isFinite(t)) bad(`${name} must be ms since epoch or an ISO date`)
  return t
}

function conditions (v: unknown): Locator['conditions'] {
  if (v == null) return []
  if (!Array.isArray(v)) bad('conditions must be a list of {predicate, value}')
  return v.map((c: any) => {
    if (typeof c?.predicate !== 'string' || !/^[0-9a-fA-F]{64}$/.test(c.predicate) || typeof c.value !== 'boolean') bad('a condition is {predicate: 64 hex digits, value: boolean}')
    return { predicate: fromHex(c.predicate.toLowerCase()), value: c.value }
  })
}

function locator (lo: unknown, conds: unknown, name = 'lo'): Locator {
  return { lo: parsePoint(lo, name), conditions: conditions(conds) }
}

async function newOwner (n: SortliftNode, b: any): Promise<NewOwner> {
  if (b.toUser != null) return { kind: 'user', publicKey: (await n.users.signer(str(b.toUser, 'toUser'))).publicKey }
  if (b.toChain != null) {
    const chain = str(b.toChain, 'toChain')
    if (!/^[0-9a-fA-F]{64}$/.test(chain)) bad('toChain must be a chain id of 64 hex digits')
    return { kind: 'child', chainId: fromHex(chain.toLowerCase()) }
  }
  const to = str(b.to, 'to (an owner public key, 64 hex digits), toUser or toChain')
  if (!/^[0-9a-fA-F]{64}$/.test(to)) bad('to must be a public key of 64 hex digits')
  return { kind: 'user', publicKey: fromHex(to.toLowerCase()) }
}

export const sortitionRoutes: Array<[string, string, Handler]> = [
  // operated and followed chains (a followed chain's view has role "follower")
  ['GET', '^/chains$', async (n) => [...n.operator.list().map(c => ({ ...c, role: 'operator' })), ...n.chainSync.follower.list()]],
  ['POST', '^/chains$', async (n, b) => await n.operator.create({
    user: str(b.user, 'user'),
    value: units(b.value, 'value'),
    tradingEnd: parseTime(b.tradingEnd, 'tradingEnd'),
    beaconRound: int(b.beaconRound, 'beaconRound', 0, Number.MAX_SAFE_INTEGER),
    ...(b.parent != null ? { parent: { chainId: str(b.parent, 'parent'), leaf: locator(b.parentLo ?? '0', b.parentConditions, 'parentLo'), peer: opt(b.peer, 'peer') } } : {})
  })],
  ['GET', '^/chains/known$', async (n) => await n.roots.service.known()],
  ['GET', `^/chains/${ID}/ancestry$`, async (n, _b, [id], q) => await n.roots.service.ancestry({ chainId: id, commitment: opt(q.get('commitment'), 'commitment') })],
  ['GET', `^/chains/${ID}$`, async (n, _b, [id]) => followed(n, id) ? n.chainSync.follower.show(id) : { ...n.operator.show(id), role: 'operator' }],
  ['GET', `^/chains/${ID}/commitments$`, async (n, _b, [id]) => followed(n, id) ? await n.chainSync.follower.commitments(id) : await n.operator.commitments(id)],
  ['POST', `^/chains/${ID}/commit$`, async (n, b, [id]) => await n.operator.commit(id, b?.force === true)],
  ['GET', `^/chains/${ID}/contracts$`, async (n, _b, [id]) => followed(n, id) ? n.chainSync.follower.contracts(id) : n.operator.contracts(id)],
  ['POST', `^/chains/${ID}/follow$`, async (n, b, [id]) => await n.chainSync.follower.follow(id, opt(b.peer, 'peer'))],
  ['POST', `^/chains/${ID}/sync$`, async (n, b, [id]) => {
    n.chainSync.follower.show(id) // only a followed chain: following starts with follow
    await n.chainSync.follower.sync(id, { peers: opt(b.peer, 'peer') != null ? [b.peer] : [] })
    return n.chainSync.follower.show(id)
  }],
  ['POST', '^/contracts/buy$', async (n, b) => await n.operator.buy({
    chainId: str(b.chain, 'chain'), user: str(b.user, 'user'), widthPpm: int(b.width, 'width (ppm)', 1, 1_000_000), peer: opt(b.peer, 'peer')
  })],
  ['POST', '^/contracts/transfer$', async (n, b) => await n.operator.transfer({
    chainId: str(b.chain, 'chain'), user: str(b.user, 'user'), at: locator(b.lo, b.conditions), to: await newOwner(n, b), peer: opt(b.peer, 'peer')
  })],
  ['POST', '^/contracts/split$', async (n, b) => {
    let split: { kind: 'point', at: bigint } | { kind: 'predicate', predicate: any }
    if (b.at != null && b.predicate == null) split = { kind: 'point', at: parsePoint(b.at, 'at') }
    else if (b.predicate != null && b.at == null) {
      try { split = { kind: 'predicate', predicate: decodePredicate(fromHex(str(b.predicate, 'predicate'))) } } catch (err: any) { bad(`predicate: ${err.message}`) }
    } else bad('a split needs at (a point) or predicate (its canonical encoding, hex)')
    return await n.operator.split({ chainId: str(b.chain, 'chain'), user: str(b.user, 'user'), at: locator(b.lo, b.conditions), split, peer: opt(b.peer, 'peer') })
  }],
  ['GET', '^/contracts/show$', async (n, _b, _p, q) => await n.operator.contract({
    chainId: str(q.get('chain'), 'chain'), at: locator(q.get('at') ?? '0', q.get('conditions') != null ? JSON.parse(q.get('conditions')!) : undefined, 'at'), peer: opt(q.get('peer'), 'peer')
  })],
  ['GET', '^/contracts/proof$', async (n, _b, _p, q) => await n.operator.fetchProof({
    chainId: str(q.get('chain'), 'chain'), at: locator(q.get('at') ?? '0', q.get('conditions') != null ? JSON.parse(q.get('conditions')!) : undefined, 'at'), peer: opt(q.get('peer'), 'peer')
  })]
]

const STATUS: Record<ChainErrorCode, number> = {
  MALFORMED: 400, BAD_SIGNATURE: 400, BAD_CHAIN_ID: 400, WRONG_CHAIN: 400, HEIGHT_SKIP: 409, BROKEN_LINK: 409, BAD_TIME: 409,
  AFTER_TRADING_END: 409, UNKNOWN_CHAIN: 404, NOT_OPERATOR: 404, NOT_OWNER: 403, STALE_CUSTODY: 409, BAD_REGION: 422,
  NO_SPACE: 422, PAYMENT_NOT_FOUND: 503, PAYMENT_USED: 409, UNDERPAID: 422, UNAVAILABLE: 502,
  WRONG_TOPIC: 400, CONFLICT: 409, NOT_EMBEDDED: 409
}

/** Following: the chain's own codes from a peer's data are the peer's failure (502), not the caller's. */
const SYNC_STATUS: Partial<Record<SyncErrorCode, number>> = {
  MALFORMED: 400, UNKNOWN_CHAIN: 404, NOT_FOLLOWED: 404, OPERATED_HERE: 409, CONFLICT: 409, BAD_REGION: 422
}

function followed (n: SortliftNode, id: string): boolean {
  return !n.operator.isOperated(id) && n.chainSync.follower.isFollowed(id)
}

/** The API error for a sortition failure, or undefined for other errors. */
export function sortitionApiError (err: unknown): { status: number, code: string, message: string } | undefined {
  if (err instanceof SortitionApiError) return { status: err.status, code: err.code, message: err.message }
  if (err instanceof ChainError) return { status: STATUS[err.code], code: err.code, message: err.message }
  if (err instanceof SyncError) return { status: SYNC_STATUS[err.code] ?? 502, code: err.code, message: err.message }
  return undefined
}
