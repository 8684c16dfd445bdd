// Commitments: what the operator signs at each height of a chain. Pure.
//
// Commitment — tag "sortlift/v1/sortition/commitment" (signed by the operator):
//   bytes(chain id 32), u64 height, bytes(root 32), bytes(prev 32), u64 time (ms),
//   bytes(changes 32), u32 n, n × (bytes(child chain id 32), bytes(child commitment hash 32))
//   children sorted by chain id, ascending bytewise, no duplicates.
// Commitment hash = H(tag "sortlift/v1/sortition/commitment-hash",
//   bytes(signing bytes), bytes(signature)); the next height's prev. Height 0's
//   prev is 32 zero bytes.
//
// Changes digest — the leaves created or changed since the previous
// commitment (all leaves at height 0), each in its state at this height:
//   item  = H(tag "sortlift/v1/sortition/changed-leaf", bytes(lo 32), u32 n,
//             n × (bytes(predicate hash 32), bool value), bytes(hi 32 or empty for 2^256),
//             bytes(leaf hash 32))
//   changes = H(tag "sortlift/v1/sortition/changes", u32 m, m × bytes(item))
//             items sorted ascending bytewise, duplicates dropped.
import { CanonicalWriter } from '../crypto/canonical.js'
import { verifySignature } from '../crypto/keys.js'
import type { Signer } from '../crypto/keys.js'
import { equalBytes, fromHex, toHex } from '../crypto/bytes.js'
import { pointToBytes } from './space.js'
import type { Region } from './space.js'
import { leafHash } from './hashing.js'
import type { Leaf } from './hashing.js'
import { hiBytes } from './chain.js'
import type { SignedChain } from './chain.js'
import { chainFail, ChainError } from './chain-errors.js'

export const TAG_COMMITMENT = 'sortlift/v1/sortition/commitment'
export const TAG_COMMITMENT_HASH = 'sortlift/v1/sortition/commitment-hash'
export const TAG_CHANGED_LEAF = 'sortlift/v1/sortition/changed-leaf'
export const TAG_CHANGES = 'sortlift/v1/sortition/changes'
export const ZERO_HASH = new Uint8Array(32)
/** children embedded in one commitment, at most */
export const MAX_CHILDREN = 4096

export interface ChildCommitment { chainId: Uint8Array, commitment: Uint8Array }

export interface CommitmentFields {
  chainId: Uint8Array
  height: number
  root: Uint8Array
  prev: Uint8Array
  time: number
  changes: Uint8Array
  children: ChildCommitment[]
}

export interface SignedCommitment extends CommitmentFields { signature: Uint8Array }

function len (b: unknown, n: number, what: string): void {
  if (!(b instanceof Uint8Array) || b.length !== n) chainFail('MALFORMED', `${what} must be ${n} bytes`)
}

function compare (a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

export function commitmentSigningBytes (c: CommitmentFields): Uint8Array {
  len(c.chainId, 32, 'chain id')
  if (!Number.isSafeInteger(c.height) || c.height < 0) chainFail('MALFORMED', 'height must be a non-negative integer')
  len(c.root, 32, 'root')
  len(c.prev, 32, 'prev')
  if (!Number.isSafeInteger(c.time) || c.time < 0) chainFail('MALFORMED', 'time must be a non-negative integer (ms)')
  len(c.changes, 32, 'changes digest')
  if (!Array.isArray(c.children) || c.children.length > MAX_CHILDREN) chainFail('MALFORMED', `at most ${MAX_CHILDREN} child commitments`)
  const w = new CanonicalWriter(TAG_COMMITMENT).bytes(c.chainId).u64(c.height).bytes(c.root).bytes(c.prev).u64(c.time).bytes(c.changes).u32(c.children.length)
  for (let i = 0; i < c.children.length; i++) {
    const k = c.children[i]
    len(k?.chainId, 32, 'child chain id')
    len(k.commitment, 32, 'child commitment hash')
    if (i > 0 && compare(c.children[i - 1].chainId, k.chainId) >= 0) chainFail('MALFORMED', 'child commitments must be sorted by chain id, without duplicates')
    w.bytes(k.chainId).bytes(k.commitment)
  }
  return w.finish()
}

export function commitmentHash (c: SignedCommitment): Uint8Array<ArrayBuffer> {
  return new CanonicalWriter(TAG_COMMITMENT_HASH).bytes(commitmentSigningBytes(c)).bytes(c.signature).digest()
}

export async function signCommitment (operator: Signer, c: CommitmentFields): Promise<SignedCommitment> {
  const children = [...c.children].sort((a, b) => compare(a.chainId, b.chainId))
  const fields = { ...c, children }
  return { ...fields, signature: await operator.sign(commitmentSigningBytes(fields)) }
}

/** One changed leaf's digest item. */
export function changedLeafItem (region: Region, leaf: Leaf): Uint8Array<ArrayBuffer> {
  const w = new CanonicalWriter(TAG_CHANGED_LEAF).bytes(pointToBytes(region.lo)).u32(region.conditions.length)
  for (const c of region.conditions) w.bytes(c.predicate).bool(c.value)
  return w.bytes(hiBytes(region.hi)).bytes(leafHash(leaf)).digest()
}

/** The changes digest over item hashes (sorted and de-duplicated here). */
export function changesDigest (items: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const sorted = [...items].sort(compare).filter((x, i, a) => i === 0 || compare(a[i - 1], x) !== 0)
  const w = new CanonicalWriter(TAG_CHANGES).u32(sorted.length)
  for (const x of sorted) w.bytes(x)
  return w.digest()
}

/**
 * Checks a commitment against its chain and the previous commitment
 * (undefined for height 0). Throws ChainError: MALFORMED, WRONG_CHAIN,
 * BAD_SIGNATURE, HEIGHT_SKIP, BROKEN_LINK, BAD_TIME, AFTER_TRADING_END.
 */
export async function validateCommitment (chain: SignedChain, prev: SignedCommitment | undefined, next: SignedCommitment): Promise<void> {
  const bytes = commitmentSigningBytes(next)
  if (!equalBytes(next.chainId, chain.id)) chainFail('WRONG_CHAIN', 'the commitment is for another chain')
  if (!(next.signature instanceof Uint8Array) || !await verifySignature(chain.operator, bytes, next.signature)) chainFail('BAD_SIGNATURE', 'the commitment is not signed by the chain operator')
  if (prev == null) {
    if (next.height !== 0) chainFail('HEIGHT_SKIP', `the first commitment must have height 0, not ${next.height}`)
    if (!equalBytes(next.prev, ZERO_HASH)) chainFail('BROKEN_LINK', 'height 0 must link to 32 zero bytes')
  } else {
    if (!equalBytes(prev.chainId, chain.id)) chainFail('WRONG_CHAIN', 'the previous commitment is for another chain')
    if (next.height !== prev.height + 1) chainFail('HEIGHT_SKIP', `height ${next.height} does not follow ${prev.height}`)
    if (!equalBytes(next.prev, commitmentHash(prev))) chainFail('BROKEN_LINK', `height ${next.height} does not link to the hash of height ${prev.height}`)
    if (next.time < prev.time) chainFail('BAD_TIME', `height ${next.height} is stamped before height ${prev.height}`)
  }
  if (next.time > chain.tradingEnd) chainFail('AFTER_TRADING_END', `height ${next.height} is stamped after the trading end`)
}

// ---------------------------------------------------------------- JSON form

export interface CommitmentJson {
  chainId: string
  height: number
  root: string
  prev: string
  time: number
  changes: string
  children: Array<{ chainId: string, commitment: string }>
  signature: string
  hash: string
}

export function commitmentToJson (c: SignedCommitment): CommitmentJson {
  return {
    chainId: toHex(c.chainId),
    height: c.height,
    root: toHex(c.root),
    prev: toHex(c.prev),
    time: c.time,
    changes: toHex(c.changes),
    children: c.children.map(k => ({ chainId: toHex(k.chainId), commitment: toHex(k.commitment) })),
    signature: toHex(c.signature),
    hash: toHex(commitmentHash(c))
  }
}

export function commitmentFromJson (j: CommitmentJson): SignedCommitment {
  try {
    return {
      chainId: fromHex(j.chainId),
      height: j.height,
      root: fromHex(j.root),
      prev: fromHex(j.prev),
      time: j.time,
      changes: fromHex(j.changes),
      children: (j.children ?? []).map(k => ({ chainId: fromHex(k.chainId), commitment: fromHex(k.commitment) })),
      signature: fromHex(j.signature)
    }
  } catch (err: any) {
    if (err instanceof ChainError) throw err
    return chainFail('MALFORMED', `not a commitment: ${err?.message ?? err}`)
  }
}
