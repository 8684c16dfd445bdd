// Chain records, commitments and locators to and from their protobuf forms
// in protos/chain-sync.proto (field for field the same as sortition.proto's).
// Decoding checks lengths and ranges and throws ChainError MALFORMED; the
// chain id is never sent, it is the hash of the fields.
import { SPACE, pointFromBytes, pointToBytes } from './space.js'
import type { Condition } from './space.js'
import { chainId as chainIdOf } from './chain.js'
import type { SignedChain } from './chain.js'
import type { SignedCommitment } from './commitment.js'
import { chainFail } from './chain-errors.js'
import type { ChainRecord, Commitment, Condition as WireCondition } from '../../protos/chain-sync.js'

const EMPTY = new Uint8Array(0)

export function pointFromWire (b: Uint8Array): bigint {
  if (!(b instanceof Uint8Array) || b.length !== 32) chainFail('MALFORMED', 'a point must be 32 bytes')
  return pointFromBytes(b)
}

export function hiToWire (hi: bigint): Uint8Array {
  return hi === SPACE ? EMPTY : pointToBytes(hi)
}

export function conditionsFromWire (cs: WireCondition[]): Condition[] {
  return cs.map(c => {
    if (!(c.predicate instanceof Uint8Array) || c.predicate.length !== 32) chainFail('MALFORMED', 'a condition predicate hash must be 32 bytes')
    return { predicate: c.predicate, value: c.value }
  })
}

export function conditionsToWire (cs: Condition[]): WireCondition[] {
  return cs.map(c => ({ predicate: c.predicate as Uint8Array<ArrayBuffer>, value: c.value }))
}

function safe (n: bigint, what: string): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) chainFail('MALFORMED', `${what} is too large`)
  return Number(n)
}

export function chainToWire (c: SignedChain): ChainRecord {
  return {
    operator: c.operator as Uint8Array<ArrayBuffer>,
    operatorAddress: c.operatorAddress,
    value: c.value,
    tradingEnd: BigInt(c.tradingEnd),
    beaconRound: BigInt(c.beaconRound),
    hasParent: c.parent != null,
    parentId: (c.parent?.chainId ?? EMPTY) as Uint8Array<ArrayBuffer>,
    parentLo: (c.parent != null ? pointToBytes(c.parent.leaf.lo) : EMPTY) as Uint8Array<ArrayBuffer>,
    parentConditions: conditionsToWire(c.parent?.leaf.conditions ?? []),
    created: BigInt(c.created),
    nonce: c.nonce as Uint8Array<ArrayBuffer>,
    signature: c.signature as Uint8Array<ArrayBuffer>
  }
}

/** The chain record with its id computed from the fields (validateChain then checks the signature). */
export function chainFromWire (c: ChainRecord): SignedChain {
  const fields = {
    operator: c.operator,
    operatorAddress: c.operatorAddress,
    value: c.value,
    tradingEnd: safe(c.tradingEnd, 'trading end'),
    beaconRound: safe(c.beaconRound, 'beacon round'),
    ...(c.hasParent ? { parent: { chainId: c.parentId, leaf: { lo: pointFromWire(c.parentLo), conditions: conditionsFromWire(c.parentConditions) } } } : {}),
    created: safe(c.created, 'created'),
    nonce: c.nonce
  }
  return { ...fields, id: chainIdOf(fields), signature: c.signature }
}

export function commitmentToWire (c: SignedCommitment): Commitment {
  return {
    chainId: c.chainId as Uint8Array<ArrayBuffer>,
    height: BigInt(c.height),
    root: c.root as Uint8Array<ArrayBuffer>,
    prev: c.prev as Uint8Array<ArrayBuffer>,
    time: BigInt(c.time),
    changes: c.changes as Uint8Array<ArrayBuffer>,
    children: c.children.map(k => ({ chainId: k.chainId as Uint8Array<ArrayBuffer>, commitment: k.commitment as Uint8Array<ArrayBuffer> })),
    signature: c.signature as Uint8Array<ArrayBuffer>
  }
}

export function commitmentFromWire (c: Commitment): SignedCommitment {
  return {
    chainId: c.chainId,
    height: safe(c.height, 'height'),
    root: c.root,
    prev: c.prev,
    time: safe(c.time, 'time'),
    changes: c.changes,
    children: c.children.map(k => ({ chainId: k.chainId, commitment: k.commitment })),
    signature: c.signature
  }
}
