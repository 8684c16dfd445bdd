// One half of a tally as its holder sees it, and the pure rules that move it:
// chit validation, the credit limit, closing, and appending chain entries.
import { Side, ChitType } from '../../protos/tally.js'
import type { TallyRecord, Chit, ChainEntry, Cert, TradingSettings } from '../../protos/tally.js'
import { ErrorCode, reject } from './errors.js'
import { chitSigningBytes, entryHash, tallyHash, tallySigningBytes } from './encoding.js'
import { equalBytes } from '../crypto/bytes.js'
import { verifySignature } from '../crypto/keys.js'
import { validateSettings, DEFAULT_SETTINGS } from './settings.js'
import type { Settings } from './settings.js'

export type TallyState = 'proposed' | 'open' | 'closing' | 'closed' | 'refused'

export interface TallyHalf {
  record: TallyRecord
  /** the side this node holds */
  side: Side
  /** the local user holding this half */
  user: string
  state: TallyState
  proposedByMe: boolean
  mySignature?: Uint8Array
  partnerSignature?: Uint8Array
  length: number
  head: Uint8Array
  /** holder's view: positive means the partner owes the holder */
  balance: bigint
  settings: { stock: Settings, foil: Settings }
  /** stock only: own chits issued but not yet placed by the foil */
  pendingCount: number
  pendingUnits: bigint
  /**
   * Units reserved by lifts still undecided (DESIGN §5): the most their lift
   * chits could raise, and lower, the stock balance if they all turn good.
   */
  liftUp: bigint
  liftDown: bigint
  /** foil only: how many entries the stock has acknowledged */
  peerLength: number
  /** acceptor only: signed, waiting for the proposer's signature */
  acceptPending: boolean
  /** acceptor only: refused, waiting for the proposer to hear it */
  refusePending: boolean
  updated: number
}

export const MAX_TEXT_BYTES = 1024
export const ID_LENGTH = 16
const I64_MAX = (1n << 63n) - 1n

export function otherSide (side: Side): Side {
  return side === Side.STOCK ? Side.FOIL : Side.STOCK
}

export function certOf (record: TallyRecord, side: Side): Cert {
  const cert = side === Side.STOCK ? record.stock : record.foil
  if (cert == null) reject(ErrorCode.MALFORMED, 'tally record lacks a certificate')
  return cert
}

export function sideName (side: Side): 'stock' | 'foil' {
  return side === Side.STOCK ? 'stock' : 'foil'
}

/** A fresh half for a completed record; chain empty, head = tally hash. */
export function newHalf (record: TallyRecord, side: Side, user: string, proposedByMe: boolean, now: number): TallyHalf {
  return {
    record,
    side,
    user,
    state: 'proposed',
    proposedByMe,
    length: 0,
    head: tallyHash(record),
    balance: 0n,
    settings: { stock: { ...DEFAULT_SETTINGS }, foil: { ...DEFAULT_SETTINGS } },
    pendingCount: 0,
    pendingUnits: 0n,
    liftUp: 0n,
    liftDown: 0n,
    peerLength: 0,
    acceptPending: false,
    refusePending: false,
    updated: now
  }
}

/** Balance from the stock's point of view (the foil's debt to the stock). */
export function stockBalance (half: TallyHalf): bigint {
  return half.side === Side.STOCK ? half.balance : -half.balance
}

export async function verifyTallySignature (record: TallyRecord, side: Side, signature: Uint8Array | undefined): Promise<boolean> {
  if (signature == null) return false
  return await verifySignature(certOf(record, side).publicKey, tallySigningBytes(record), signature)
}

/** Structural checks that need no state: types, sizes, ranges. */
export function validateChitShape (chit: Chit): void {
  if (chit.tallyId.length !== ID_LENGTH) reject(ErrorCode.MALFORMED, 'chit tally id must be 16 bytes')
  if (chit.chitId.length !== ID_LENGTH) reject(ErrorCode.MALFORMED, 'chit id must be 16 bytes')
  if (chit.issuer !== Side.STOCK && chit.issuer !== Side.FOIL) reject(ErrorCode.MALFORMED, 'chit issuer must be stock or foil')
  if (Buffer.byteLength(chit.memo, 'utf8') > MAX_TEXT_BYTES) reject(ErrorCode.MALFORMED, 'chit memo too long')
  if (Buffer.byteLength(chit.reference, 'utf8') > MAX_TEXT_BYTES) reject(ErrorCode.MALFORMED, 'chit reference too long')
  if (chit.signature.length === 0) reject(ErrorCode.BAD_SIGNATURE, 'chit is not signed')
  switch (chit.type) {
    case ChitType.PAYMENT:
      if (chit.units <= 0n || chit.units > I64_MAX) reject(ErrorCode.MALFORMED, 'payment units must be a positive 64-bit integer')
      if (chit.settings != null || chit.close) reject(ErrorCode.MALFORMED, 'a payment chit carries no settings')
      if (chit.liftId.length !== 0) reject(ErrorCode.MALFORMED, 'a payment chit carries no lift id')
      break
    case ChitType.SETTING:
      if (chit.units !== 0n) reject(ErrorCode.MALFORMED, 'a setting chit carries no units')
      if (chit.settings == null && !chit.close) reject(ErrorCode.MALFORMED, 'a setting chit needs settings or close')
      if (chit.settings != null) validateSettings(fromWire(chit.settings))
      if (chit.liftId.length !== 0) reject(ErrorCode.MALFORMED, 'a setting chit carries no lift id')
      break
    case ChitType.LIFT:
      if (chit.units <= 0n || chit.units > I64_MAX) reject(ErrorCode.MALFORMED, 'lift units must be a positive 64-bit integer')
      if (chit.settings != null || chit.close) reject(ErrorCode.MALFORMED, 'a lift chit carries no settings')
      if (chit.liftId.length !== ID_LENGTH) reject(ErrorCode.MALFORMED, 'a lift chit names its lift (16 bytes)')
      break
    default:
      reject(ErrorCode.MALFORMED, 'unknown chit type')
  }
}

export function fromWire (s: TradingSettings): Settings {
  return { target: s.target, bound: s.bound, reward: s.reward, clutch: s.clutch }
}

export async function verifyChitSignature (record: TallyRecord, chit: Chit): Promise<void> {
  const key = certOf(record, chit.issuer).publicKey
  if (!await verifySignature(key, chitSigningBytes(chit), chit.signature)) {
    reject(ErrorCode.BAD_SIGNATURE, 'chit signature does not verify against the issuer\'s key')
  }
}

/** Whether two chits are the same in every field, signature included. */
export function sameChit (a: Chit, b: Chit): boolean {
  const sa = a.settings
  const sb = b.settings
  return equalBytes(a.signature, b.signature) && equalBytes(a.chitId, b.chitId) && equalBytes(a.tallyId, b.tallyId) &&
    a.issuer === b.issuer && a.type === b.type && a.units === b.units && a.memo === b.memo && a.reference === b.reference &&
    a.time === b.time && a.close === b.close && equalBytes(a.liftId, b.liftId) &&
    (sa == null ? sb == null : sb != null && sa.target === sb.target && sa.bound === sb.bound && sa.reward === sb.reward && sa.clutch === sb.clutch)
}

/** Payment and lift chits move value; setting chits do not. */
export function movesValue (chit: Chit): boolean {
  return chit.type === ChitType.PAYMENT || chit.type === ChitType.LIFT
}

/** How much a chit changes the stock balance (positive: the foil owes more). */
export function stockDelta (chit: Chit): bigint {
  if (!movesValue(chit)) return 0n
  return chit.issuer === Side.FOIL ? chit.units : -chit.units
}

/**
 * The stock balance after `chit`, or a rejection: tally state, the credit limit
 * (the foil's debt to the stock never exceeds `limit`) and the closing rule
 * (while closing, a payment may only bring the balance toward zero).
 */
export function checkChit (half: TallyHalf, chit: Chit, stockBase = stockBalance(half)): bigint {
  if (!equalBytes(chit.tallyId, half.record.id)) reject(ErrorCode.UNKNOWN_TALLY, 'chit names another tally')
  if (half.state !== 'open' && half.state !== 'closing') reject(ErrorCode.BAD_STATE, `tally is ${half.state}`)
  if (!movesValue(chit)) return stockBase
  const next = chit.issuer === Side.FOIL ? stockBase + chit.units : stockBase - chit.units
  if (next > I64_MAX || next < -I64_MAX) reject(ErrorCode.OVER_LIMIT, 'balance would overflow')
  // Units reserved by undecided lifts count as if they turn good.
  if (chit.issuer === Side.FOIL && half.record.hasLimit && next + half.liftUp > half.record.limit) {
    const reserved = half.liftUp > 0n ? ` (${half.liftUp} of it reserved by lifts)` : ''
    reject(ErrorCode.OVER_LIMIT, `chit of ${chit.units} would take the foil's debt to ${next + half.liftUp}${reserved}, over the limit of ${half.record.limit}`)
  }
  if (half.state === 'closing') {
    const towardZero = stockBase > 0n ? (next >= 0n && next < stockBase) : (next <= 0n && next > stockBase)
    if (!towardZero) reject(ErrorCode.BAD_STATE, 'tally is closing: payments may only reduce the balance')
  }
  return next
}

/**
 * Adds a chit issued by this half's own user. The foil orders the chain, so
 * its chits are placed at once (`entry`); the stock's wait for the foil and
 * are checked against the balance as it will be once its earlier unplaced
 * chits land. Pure.
 */
export function addOwnChit (h: TallyHalf, chit: Chit, now: number): { half: TallyHalf, entry?: ChainEntry } {
  if (h.side === Side.FOIL) {
    const entry: ChainEntry = { index: BigInt(h.length), prev: h.head as Uint8Array<ArrayBuffer>, chit }
    return { half: applyEntry(h, entry, now), entry }
  }
  validateChitShape(chit)
  checkChit(h, chit, stockBalance(h) - h.pendingUnits)
  const units = movesValue(chit) ? chit.units : 0n
  return { half: { ...h, pendingCount: h.pendingCount + 1, pendingUnits: h.pendingUnits + units, updated: now } }
}

/**
 * Append one entry. Pure: returns the new half. The caller verifies the chit's
 * signature first (async) and persists the result atomically.
 */
export function applyEntry (half: TallyHalf, entry: ChainEntry, now: number): TallyHalf {
  const chit = entry.chit
  if (chit == null) reject(ErrorCode.MALFORMED, 'chain entry has no chit')
  if (Number(entry.index) !== half.length) reject(ErrorCode.CHAIN_GAP, `entry ${entry.index} does not follow length ${half.length}`)
  if (!equalBytes(entry.prev, half.head)) reject(ErrorCode.CHAIN_CONFLICT, 'entry does not link to the chain head')
  validateChitShape(chit)
  const nextStock = checkChit(half, chit)
  const settings = { ...half.settings }
  let state = half.state
  if (chit.type === ChitType.SETTING) {
    if (chit.settings != null) {
      settings[chit.issuer === Side.STOCK ? 'stock' : 'foil'] = fromWire(chit.settings)
    }
    if (chit.close && state === 'open') state = 'closing'
  }
  if (state === 'closing' && nextStock === 0n) state = 'closed'
  return {
    ...half,
    settings,
    state,
    length: half.length + 1,
    head: entryHash(half.length, half.head, chit),
    balance: half.side === Side.STOCK ? nextStock : -nextStock,
    updated: now
  }
}
