// A lift as one node records it (DESIGN §5): its kind, its state, and the legs
// (tally edges) of the lift that touch this node. Pure data and rules.
import { Side } from '../../protos/tally.js'
import type { TallyHalf } from '../tally/half.js'
import { LiftError } from './errors.js'

export type LiftKind = 'local' | 'originated' | 'relayed'
/** route: looking for a route; init: route chosen; seek: asking nodes to promise; pend: promised, awaiting the decision; good / void: decided. */
export type LiftState = 'route' | 'init' | 'seek' | 'pend' | 'good' | 'void'

/** One tally edge of the lift on this node: the giver pays the receiver `units`. */
export interface LiftLeg {
  tallyId: string
  giver: string
  receiver: string
  /** the giver's half, when held here */
  giverHalf?: string
  /** the receiver's half, when held here */
  receiverHalf?: string
  /** which side of the tally the giver holds: who issues the leg's chit */
  giverSide: 'stock' | 'foil'
  units: bigint
  /** whether this node reserved capacity on its halves for the leg (distributed lifts) */
  reserved: boolean
}

export interface LiftRecord {
  id: string
  kind: LiftKind
  state: LiftState
  units: bigint
  /** payer and payee addresses, known to their own nodes only */
  payer?: string
  payee?: string
  memo: string
  reference: string
  /** PeerId of the node whose decision is final */
  referee: string
  /** ms since epoch; the referee voids a lift not fully promised by then */
  deadline: number
  legs: LiftLeg[]
  clearing: boolean
  reason?: string
  /** distributed lifts: the neighbouring nodes on the route */
  prev?: string
  next?: string
  /** the referee's: every other node on the route, the hash of the envelope each was sent, who promised */
  route?: string[]
  envelopeHashes?: Record<string, string>
  promised?: string[]
  /** the referee's signed decision (protobuf, base64), kept to answer queries */
  decision?: string
  created: number
  updated: number
}

export function isDecided (state: LiftState): boolean {
  return state === 'good' || state === 'void'
}

/** How a leg's chit moves the stock balance of its tally (positive: the foil owes more). */
export function legStockDelta (leg: LiftLeg): bigint {
  return leg.giverSide === 'foil' ? leg.units : -leg.units
}

export function giverSideOf (leg: LiftLeg): Side {
  return leg.giverSide === 'foil' ? Side.FOIL : Side.STOCK
}

/** Reserves the leg's units on one of this node's halves of its tally. */
export function reserve (half: TallyHalf, leg: LiftLeg): TallyHalf {
  const d = legStockDelta(leg)
  return d > 0n ? { ...half, liftUp: half.liftUp + d } : { ...half, liftDown: half.liftDown - d }
}

/** Undoes `reserve` (the lift was decided). */
export function release (half: TallyHalf, leg: LiftLeg): TallyHalf {
  const d = legStockDelta(leg)
  const next = d > 0n ? { ...half, liftUp: half.liftUp - d } : { ...half, liftDown: half.liftDown + d }
  if (next.liftUp < 0n || next.liftDown < 0n) throw new LiftError('INTERNAL', `reservation of tally ${leg.tallyId} would go negative`)
  return next
}

// ---------------------------------------------------------------- storage form

export function encodeLift (l: LiftRecord): string {
  return JSON.stringify({ ...l, units: l.units.toString(), legs: l.legs.map(g => ({ ...g, units: g.units.toString() })) })
}

export function decodeLift (raw: string): LiftRecord {
  const o = JSON.parse(raw)
  return { ...o, units: BigInt(o.units), legs: o.legs.map((g: any) => ({ ...g, units: BigInt(g.units) })) }
}

/** What the API and CLI show. */
export interface LiftView {
  id: string
  kind: LiftKind
  state: LiftState
  units: string
  payer?: string
  payee?: string
  memo?: string
  reference?: string
  clearing: boolean
  referee: string
  deadline: number
  reason?: string
  legs: Array<{ tallyId: string, giver: string, receiver: string, units: string }>
  created: number
  updated: number
}

export function liftView (l: LiftRecord): LiftView {
  return {
    id: l.id,
    kind: l.kind,
    state: l.state,
    units: l.units.toString(),
    ...(l.payer != null ? { payer: l.payer } : {}),
    ...(l.payee != null ? { payee: l.payee } : {}),
    ...(l.memo !== '' ? { memo: l.memo } : {}),
    ...(l.reference !== '' ? { reference: l.reference } : {}),
    clearing: l.clearing,
    referee: l.referee,
    deadline: l.deadline,
    ...(l.reason != null ? { reason: l.reason } : {}),
    legs: l.legs.map(g => ({ tallyId: g.tallyId, giver: g.giver, receiver: g.receiver, units: g.units.toString() })),
    created: l.created,
    updated: l.updated
  }
}
