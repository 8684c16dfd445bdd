// Pure fixtures for lift tests: tallies between any two addresses (same node or
// not), trading variables and balances set by applying real signed chits to
// both halves, and lift legs built from graph edges. No network or disk.
import { generateSigner } from '../../src/crypto/keys.js'
import type { Signer } from '../../src/crypto/keys.js'
import { Side, ChitType } from '../../protos/tally.js'
import type { Chit, ChainEntry } from '../../protos/tally.js'
import { draftRecord, withKey } from '../../src/tally/record.js'
import { applyEntry, newHalf, otherSide } from '../../src/tally/half.js'
import type { TallyHalf } from '../../src/tally/half.js'
import type { Settings } from '../../src/tally/settings.js'
import { parseAddress } from '../../src/tally/address.js'
import { halfKey } from '../../src/store/tally-repo.js'
import { randomBytes, toHex } from '../../src/crypto/bytes.js'
import type { GraphEdge } from '../../src/lift/graph.js'
import type { LiftLeg } from '../../src/lift/record.js'
import type { Halves } from '../../src/lift/apply.js'
import { makeChit } from './fixtures.js'
import type { Pair } from './fixtures.js'

export { PEER_A, PEER_B } from './fixtures.js'

const signers = new Map<string, Signer>()

/** One key per address, shared by every tally of that user. */
export async function signerOf (address: string): Promise<Signer> {
  let s = signers.get(address)
  if (s == null) {
    s = (await generateSigner()).signer
    signers.set(address, s)
  }
  return s
}

export interface Tally extends Pair {
  stockAddress: string
  foilAddress: string
  stockKey: string
  foilKey: string
}

/** An open tally: `stock` holds the stock half, `foil` the foil half; both halves returned. */
export async function openTally (stock: string, foil: string, limit?: bigint): Promise<Tally> {
  const stockSigner = await signerOf(stock)
  const foilSigner = await signerOf(foil)
  const draft = draftRecord({
    id: randomBytes(16),
    proposerAddress: stock,
    proposerKey: stockSigner.publicKey,
    partnerAddress: foil,
    proposerSide: Side.STOCK,
    limit,
    created: 1_700_000_000_000
  })
  const record = withKey(draft, Side.FOIL, foilSigner.publicKey)
  return {
    record,
    stock: stockSigner,
    foil: foilSigner,
    stockHalf: { ...newHalf(record, Side.STOCK, parseAddress(stock).name, true, 1), state: 'open' },
    foilHalf: { ...newHalf(record, Side.FOIL, parseAddress(foil).name, false, 1), state: 'open' },
    stockAddress: stock,
    foilAddress: foil,
    stockKey: halfKey(record.id, Side.STOCK),
    foilKey: halfKey(record.id, Side.FOIL)
  }
}

export function entryFor (h: TallyHalf, chit: Chit): ChainEntry {
  return { index: BigInt(h.length), prev: h.head as Uint8Array<ArrayBuffer>, chit }
}

/** Places a chit on both halves, as the foil and the stock do once it is delivered. */
export function placeBoth (t: Tally, chit: Chit): void {
  t.stockHalf = applyEntry(t.stockHalf, entryFor(t.stockHalf, chit), 2)
  t.foilHalf = applyEntry(t.foilHalf, entryFor(t.foilHalf, chit), 2)
}

/** A signed payment from `issuer`, placed on both halves. */
export async function payOn (t: Tally, issuer: Side, units: bigint): Promise<void> {
  placeBoth(t, await makeChit(t, issuer, units))
}

/** A signed setting chit publishing `side`'s trading variables, placed on both halves. */
export async function publish (t: Tally, side: Side, s: Partial<Settings>): Promise<void> {
  const settings = { target: 0n, bound: 0n, reward: 0, clutch: 0, ...s }
  placeBoth(t, await makeChit(t, side, 0n, { type: ChitType.SETTING, settings }))
}

/** The side `address` holds on tally `t`. */
export function sideOf (t: Tally, address: string): Side {
  if (address === t.stockAddress) return Side.STOCK
  if (address === t.foilAddress) return Side.FOIL
  throw new Error(`${address} is not on tally ${toHex(t.record.id)}`)
}

export function halfOf (t: Tally, side: Side): TallyHalf {
  return side === Side.STOCK ? t.stockHalf : t.foilHalf
}

export function keyOf (t: Tally, side: Side): string {
  return side === Side.STOCK ? t.stockKey : t.foilKey
}

/** Both halves of every tally, keyed as the repository keys them. */
export function halvesOf (tallies: Tally[], which: 'both' | Side = 'both'): Halves {
  const out: Halves = new Map()
  for (const t of tallies) {
    if (which === 'both' || which === Side.STOCK) out.set(t.stockKey, t.stockHalf)
    if (which === 'both' || which === Side.FOIL) out.set(t.foilKey, t.foilHalf)
  }
  return out
}

/**
 * A leg giver → receiver over tally `t`, with the halves this node holds:
 * 'both' (a local tally), 'giver' (value leaves for a foreign partner) or
 * 'receiver' (value arrives from a foreign partner).
 */
export function legOn (t: Tally, giver: string, units: bigint, held: 'both' | 'giver' | 'receiver' = 'both', reserved = true): LiftLeg {
  const gs = sideOf(t, giver)
  const rs = otherSide(gs)
  const receiver = rs === Side.STOCK ? t.stockAddress : t.foilAddress
  return {
    tallyId: toHex(t.record.id),
    giver,
    receiver,
    ...(held !== 'receiver' ? { giverHalf: keyOf(t, gs) } : {}),
    ...(held !== 'giver' ? { receiverHalf: keyOf(t, rs) } : {}),
    giverSide: gs === Side.FOIL ? 'foil' : 'stock',
    units,
    reserved
  }
}

/** A leg for a local graph edge (both halves held here). */
export function legOfEdge (e: GraphEdge, halves: Halves, units: bigint): LiftLeg {
  const giver = halves.get(e.halfKey)
  if (giver == null) throw new Error(`no half ${e.halfKey}`)
  return {
    tallyId: e.tallyId,
    giver: e.giver,
    receiver: e.receiver,
    giverHalf: e.halfKey,
    receiverHalf: halfKey(giver.record.id, otherSide(giver.side)),
    giverSide: giver.side === Side.FOIL ? 'foil' : 'stock',
    units,
    reserved: true
  }
}

/** The lift chit a leg's giver signs. */
export async function liftChitFor (t: Tally, leg: LiftLeg, liftId: Uint8Array<ArrayBuffer>, extra: Partial<Chit> = {}): Promise<Chit> {
  return await makeChit(t, leg.giverSide === 'foil' ? Side.FOIL : Side.STOCK, leg.units, { type: ChitType.LIFT, liftId, ...extra })
}
