// How a lift changes the tally halves a node holds (pure): reserving capacity
// when a node promises, releasing it on void, and turning legs into lift
// chits on good. The caller holds the halves' locks and writes the returned
// changes, with the lift record, in one batch.
import { ErrorCode } from '../../protos/tally.js'
import type { Chit, ChainEntry } from '../../protos/tally.js'
import { TallyError } from '../tally/errors.js'
import { addOwnChit, applyEntry, stockBalance } from '../tally/half.js'
import type { TallyHalf } from '../tally/half.js'
import type { HalfChange } from '../store/tally-repo.js'
import { edgeOf, incomingEdgeOf } from './graph.js'
import { LiftError } from './errors.js'
import { reserve, release } from './record.js'
import type { LiftLeg } from './record.js'

export type Halves = Map<string, TallyHalf>

function get (halves: Halves, key: string): TallyHalf {
  const h = halves.get(key)
  if (h == null) throw new LiftError('NO_CAPACITY', `tally half ${key} is not held here`)
  return h
}

/**
 * Checks that every leg fits (v1 lifts stay within each edge's reward-free
 * capacity, and credit limits hold counting every reservation) and reserves
 * it on the halves held here. Returns the changed halves.
 */
export function reserveLegs (halves: Halves, legs: LiftLeg[], localPeer: string): Halves {
  const out: Halves = new Map(halves)
  for (const leg of legs) {
    const giver = leg.giverHalf != null ? get(out, leg.giverHalf) : undefined
    const receiver = leg.receiverHalf != null ? get(out, leg.receiverHalf) : undefined
    const edge = giver != null ? edgeOf(giver, localPeer) : incomingEdgeOf(receiver!, localPeer)
    if (edge == null || edge.min < leg.units) {
      throw new LiftError('NO_CAPACITY', `tally ${leg.tallyId} can carry ${edge?.min ?? 0n} free of reward, not ${leg.units}`)
    }
    for (const [key, h] of [[leg.giverHalf, giver], [leg.receiverHalf, receiver]] as const) {
      if (key == null || h == null) continue
      const next = reserve(h, leg)
      if (next.record.hasLimit && stockBalance(next) + next.liftUp > next.record.limit) {
        throw new LiftError('NO_CAPACITY', `tally ${leg.tallyId} would pass its credit limit of ${next.record.limit}`)
      }
      out.set(key, next)
    }
  }
  return out
}

/** Gives back what `reserveLegs` took (the lift is void). */
export function releaseLegs (halves: Halves, legs: LiftLeg[]): Halves {
  const out: Halves = new Map(halves)
  for (const leg of legs) {
    if (!leg.reserved) continue
    for (const key of [leg.giverHalf, leg.receiverHalf]) {
      if (key != null) out.set(key, release(get(out, key), leg))
    }
  }
  return out
}

/**
 * The lift is good: each leg whose giver's half is here becomes a lift chit
 * (`chits` holds them, signed, by leg index). A tally with both halves here
 * takes it on both at once when they are in step; a foreign tally gets it
 * through the usual delivery. Reservations end with the chit, except on a leg
 * only received here, which the partner's chit releases when it arrives.
 */
export function applyGood (halves: Halves, legs: LiftLeg[], chits: Map<number, Chit>, now: number): { changes: HalfChange[], dirty: string[] } {
  const work: Halves = new Map(halves)
  const changes = new Map<string, HalfChange>()
  const dirty: string[] = []
  const change = (key: string, half: TallyHalf, entry?: ChainEntry, addPending?: Chit, markDirty?: boolean): void => {
    const prev = changes.get(key)
    changes.set(key, {
      half,
      entries: [...prev?.entries ?? [], ...entry != null ? [entry] : []],
      addPending: [...prev?.addPending ?? [], ...addPending != null ? [addPending] : []],
      dirty: markDirty === true ? true : prev?.dirty
    })
    if (markDirty === true) dirty.push(key)
  }
  for (const [i, leg] of legs.entries()) {
    if (leg.giverHalf == null) continue
    const chit = chits.get(i)
    if (chit == null) throw new LiftError('INTERNAL', `leg ${i} has no chit`)
    let giver = get(work, leg.giverHalf)
    if (leg.reserved) giver = release(giver, leg)
    if (leg.receiverHalf == null) {
      // A foreign partner: the foil places it at once, the stock queues it.
      const added = addOwnChit(giver, chit, now)
      work.set(leg.giverHalf, added.half)
      change(leg.giverHalf, added.half, added.entry, added.entry == null ? chit : undefined, true)
      continue
    }
    let receiver = get(work, leg.receiverHalf)
    if (leg.reserved) receiver = release(receiver, leg)
    const [foilKey, stockKey] = leg.giverSide === 'foil' ? [leg.giverHalf, leg.receiverHalf] : [leg.receiverHalf, leg.giverHalf]
    const foil = foilKey === leg.giverHalf ? giver : receiver
    const stock = stockKey === leg.giverHalf ? giver : receiver
    const entry: ChainEntry = { index: BigInt(foil.length), prev: foil.head as Uint8Array<ArrayBuffer>, chit }
    const nextFoil = applyEntry(foil, entry, now)
    if (stock.length === foil.length && stock.pendingCount === 0) {
      const nextStock = applyEntry(stock, entry, now)
      work.set(foilKey, { ...nextFoil, peerLength: nextFoil.length })
      work.set(stockKey, nextStock)
      change(foilKey, work.get(foilKey)!, entry)
      change(stockKey, nextStock, entry)
    } else {
      // The stock half lags: the foil places it, delivery brings it over.
      work.set(foilKey, nextFoil)
      work.set(stockKey, stock)
      change(foilKey, nextFoil, entry, undefined, true)
      if (stock !== get(halves, stockKey)) change(stockKey, stock)
    }
  }
  // Halves only released (received legs keep theirs) still need writing.
  for (const [key, h] of work) if (!changes.has(key) && h !== halves.get(key)) change(key, h)
  return { changes: [...changes.values()], dirty }
}

export function assertNoTallyError (err: unknown): never {
  if (err instanceof TallyError && err.code === ErrorCode.OVER_LIMIT) throw new LiftError('NO_CAPACITY', err.message)
  throw err
}
