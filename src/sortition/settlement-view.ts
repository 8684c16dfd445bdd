// JSON views of settlement (API, CLI) and the wire forms of the settlement
// state and receipts of /sortlift/claim/1.0.0. Pure conversions.
import { toHex, fromHex } from '../crypto/bytes.js'
import { SettlementState } from '../../protos/claim.js'
import type { Receipt as WireReceipt } from '../../protos/claim.js'
import type { SignedChain } from './chain.js'
import type { SignedCommitment } from './commitment.js'
import { commitmentHash } from './commitment.js'
import type { Region } from './space.js'
import { regionValue } from './space.js'
import type { Leaf } from './hashing.js'
import { decodeReceipt, receiptHash, receiptSigningBytes } from './claim-encoding.js'
import type { Receipt } from './claim-encoding.js'
import type { ReceiptJson } from '../store/claim-repo.js'

export type SettlementStateName = 'trading' | 'waiting-round' | 'undecided' | 'won' | 'claimed' | 'paid' | 'operator-keeps'

const STATE_NAMES: Array<[SettlementState, SettlementStateName]> = [
  [SettlementState.SETTLEMENT_TRADING, 'trading'],
  [SettlementState.SETTLEMENT_WAITING_ROUND, 'waiting-round'],
  [SettlementState.SETTLEMENT_UNDECIDED, 'undecided'],
  [SettlementState.SETTLEMENT_WON, 'won'],
  [SettlementState.SETTLEMENT_CLAIMED, 'claimed'],
  [SettlementState.SETTLEMENT_PAID, 'paid'],
  [SettlementState.SETTLEMENT_OPERATOR_KEEPS, 'operator-keeps']
]

export function stateToWire (s: SettlementStateName): SettlementState {
  return STATE_NAMES.find(([, n]) => n === s)![0]
}

export function stateFromWire (s: SettlementState): SettlementStateName | undefined {
  return STATE_NAMES.find(([w]) => w === s)?.[1]
}

export interface ReceiptView {
  hash: string
  claim: string
  chainId: string
  units: string
  payment: string
  time: number
  signature: string
}

export function receiptView (r: Receipt): ReceiptView {
  return { hash: toHex(receiptHash(r)), claim: toHex(r.claim), chainId: toHex(r.chainId), units: r.units.toString(), payment: r.payment, time: r.time, signature: toHex(r.signature) }
}

export function receiptToJson (r: Receipt): ReceiptJson {
  return { signing: toHex(receiptSigningBytes(r)), signature: toHex(r.signature) }
}

export function receiptFromJson (j: ReceiptJson): Receipt {
  return decodeReceipt(fromHex(j.signing), fromHex(j.signature))
}

export function receiptToWire (r: Receipt): WireReceipt {
  return { receipt: receiptSigningBytes(r) as Uint8Array<ArrayBuffer>, signature: r.signature as Uint8Array<ArrayBuffer> }
}

export function receiptFromWire (w: WireReceipt): Receipt {
  return decodeReceipt(w.receipt, w.signature)
}

export interface WinnerView {
  owner: { kind: 'user', publicKey: string } | { kind: 'child', chainId: string } | { kind: 'unassigned' }
  region: { lo: string, hi: string, conditions: Array<{ predicate: string, value: boolean }> }
  /** what the region wins: the chain's whole value when it is the winner */
  value: string
  /** the region's share of the space, for reference */
  regionValue: string
}

export function winnerView (chain: SignedChain, region: Region, leaf: Leaf): WinnerView {
  const owner: WinnerView['owner'] = leaf.owner.kind === 'user'
    ? { kind: 'user', publicKey: toHex(leaf.owner.publicKey) }
    : leaf.owner.kind === 'child' ? { kind: 'child', chainId: toHex(leaf.owner.chainId) } : { kind: 'unassigned' }
  return {
    owner,
    region: { lo: region.lo.toString(), hi: region.hi.toString(), conditions: region.conditions.map(c => ({ predicate: toHex(c.predicate), value: c.value })) },
    value: chain.value.toString(),
    regionValue: regionValue(chain.value, region.lo, region.hi).toString()
  }
}

export interface SettlementView {
  chainId: string
  operatorAddress: string
  value: string
  tradingEnd: number
  beaconRound: number
  state: SettlementStateName
  /** one line for people: "waiting for round N", "won by …", "paid: …" */
  message: string
  height: number
  commitment: string
  /** the beacon round's randomness and the chain's draw, once the round is known */
  randomness?: string
  draw?: string
  /** whether this node checked the round's signature against the beacon network it follows */
  beaconVerified?: boolean
  winner?: WinnerView
  /** the claim being paid or paid (hash) */
  claim?: string
  receipt?: ReceiptView
  /** how this node's own claim on the chain stands, if it sent one */
  ownClaim?: { state: string, claimHash: string, lastError?: { code: string, message: string }, paymentSeen?: boolean }
  /** the operator that answered (remote chains) */
  from?: string
}

export function baseView (chain: SignedChain, head: SignedCommitment): Pick<SettlementView, 'chainId' | 'operatorAddress' | 'value' | 'tradingEnd' | 'beaconRound' | 'height' | 'commitment'> {
  return {
    chainId: toHex(chain.id),
    operatorAddress: chain.operatorAddress,
    value: chain.value.toString(),
    tradingEnd: chain.tradingEnd,
    beaconRound: chain.beaconRound,
    height: head.height,
    commitment: toHex(commitmentHash(head))
  }
}

/** The one-line message for a settlement state. */
export function stateMessage (state: SettlementStateName, v: { beaconRound: number, tradingEnd: number, winner?: WinnerView, receipt?: ReceiptView, detail?: string }): string {
  switch (state) {
    case 'trading': return `trading until ${new Date(v.tradingEnd).toISOString()}; settles on beacon round ${v.beaconRound}`
    case 'waiting-round': return `waiting for round ${v.beaconRound}`
    case 'undecided': return `a condition on the draw's path is not decided yet${v.detail != null ? `: ${v.detail}` : ''}`
    case 'won': return `won by ${ownerText(v.winner)}; not claimed yet`
    case 'claimed': return `won by ${ownerText(v.winner)}; claimed, payment pending`
    case 'paid': return `won by ${ownerText(v.winner)}; paid ${v.receipt?.units ?? '?'} by ${v.receipt?.payment ?? '?'}`
    case 'operator-keeps': return 'the draw lands in an unassigned region: the operator keeps the value'
  }
}

function ownerText (w?: WinnerView): string {
  if (w == null) return '?'
  if (w.owner.kind === 'user') return `user key ${w.owner.publicKey}`
  if (w.owner.kind === 'child') return `child chain ${w.owner.chainId} (its operator; it settles with its own draw)`
  return 'nobody'
}
