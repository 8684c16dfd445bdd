// Sortition chain records and the signed requests that change a chain's tree.
// Pure: no disk, no network. Every encoding is a CanonicalWriter layout
// (PROTOCOL.md §2, §8.1) and is pinned by test/vectors/chain.json.
//
// Chain — tag "sortlift/v1/sortition/chain":
//   bytes(operator key 32), string(operator address name@PeerId), u64 value,
//   u64 trading end (ms), u64 beacon round, bool has parent,
//   [bytes(parent chain id 32), locator of the parent leaf], u64 created (ms),
//   bytes(nonce 16)
//   chain id = H(those bytes); the operator key signs the same bytes.
//
// Locator (names one leaf: the lower end of its interval and the conditions
// of its path): bytes(lo 32), u32 n, n × (bytes(predicate hash 32), bool value)
//
// Issue — tag "sortlift/v1/sortition/issue" (signed by the operator):
//   bytes(chain id), locator (lo, conditions), bytes(hi 32, or empty for 2^256),
//   u8 owner kind (1 user, 2 child chain), bytes(owner 32), string(payment),
//   u64 time, bytes(nonce 16)
// Transfer — tag "sortlift/v1/sortition/transfer" (signed by the current owner):
//   bytes(chain id), locator, bytes(current custody 32), u8 new owner kind,
//   bytes(new owner 32), bytes(nonce 16)
// Split — tag "sortlift/v1/sortition/split" (signed by the current owner):
//   bytes(chain id), locator, bytes(current custody 32), u8 kind,
//   kind 0 (point): bytes(point 32); kind 1 (predicate): bytes(predicate encoding),
//   bytes(nonce 16)
// Custody of a leaf = H(tag "sortlift/v1/sortition/custody", bytes(signing bytes),
//   bytes(signature)) of the issue or transfer that gave it its owner (a split
//   keeps the custody on both parts).
import { CanonicalWriter } from '../crypto/canonical.js'
import { sha256 } from '../crypto/hash.js'
import { verifySignature } from '../crypto/keys.js'
import type { Signer } from '../crypto/keys.js'
import { equalBytes, fromHex, toHex } from '../crypto/bytes.js'
import { SPACE, pointToBytes } from './space.js'
import type { Condition } from './space.js'
import { encodePredicate, decodePredicate } from './predicate.js'
import type { Predicate } from './predicate.js'
import { chainFail, ChainError } from './chain-errors.js'

export const TAG_CHAIN = 'sortlift/v1/sortition/chain'
export const TAG_ISSUE = 'sortlift/v1/sortition/issue'
export const TAG_TRANSFER = 'sortlift/v1/sortition/transfer'
export const TAG_SPLIT = 'sortlift/v1/sortition/split'
export const TAG_CUSTODY = 'sortlift/v1/sortition/custody'
export const NONCE_LENGTH = 16
const U64_MAX = (1n << 64n) - 1n

/** A leaf named by the lower end of its interval and its path's conditions. */
export interface Locator { lo: bigint, conditions: Condition[] }

export interface ChainFields {
  operator: Uint8Array
  operatorAddress: string
  value: bigint
  tradingEnd: number
  beaconRound: number
  parent?: { chainId: Uint8Array, leaf: Locator }
  created: number
  nonce: Uint8Array
}

export interface SignedChain extends ChainFields {
  id: Uint8Array
  signature: Uint8Array
}

export type NewOwner = { kind: 'user', publicKey: Uint8Array } | { kind: 'child', chainId: Uint8Array }

export interface IssueFields {
  chainId: Uint8Array
  lo: bigint
  hi: bigint
  conditions: Condition[]
  owner: NewOwner
  /** the payment this issue answers: "tally:<tally id>:<chit id>" or "lift:<lift id>" */
  payment: string
  time: number
  nonce: Uint8Array
}

export interface TransferFields {
  chainId: Uint8Array
  leaf: Locator
  custody: Uint8Array
  owner: NewOwner
  nonce: Uint8Array
}

export interface SplitFields {
  chainId: Uint8Array
  leaf: Locator
  custody: Uint8Array
  split: { kind: 'point', at: bigint } | { kind: 'predicate', predicate: Predicate }
  nonce: Uint8Array
}

export interface Signed<T> { fields: T, signature: Uint8Array }

// ---------------------------------------------------------------- checks

function len (b: unknown, n: number, what: string): void {
  if (!(b instanceof Uint8Array) || b.length !== n) chainFail('MALFORMED', `${what} must be ${n} bytes`)
}

function u64 (v: bigint | number, what: string): void {
  const x = typeof v === 'number' ? (Number.isSafeInteger(v) ? BigInt(v) : -1n) : v
  if (typeof x !== 'bigint' || x < 0n || x > U64_MAX) chainFail('MALFORMED', `${what} must be an integer in [0, 2^64)`)
}

function point (p: bigint, what: string): void {
  if (typeof p !== 'bigint' || p < 0n || p >= SPACE) chainFail('MALFORMED', `${what} must be a point in [0, 2^256)`)
}

function checkLocator (l: Locator, what: string): void {
  if (l == null) chainFail('MALFORMED', `${what} is missing`)
  point(l.lo, `${what} lo`)
  if (!Array.isArray(l.conditions) || l.conditions.length > 256) chainFail('MALFORMED', `${what} conditions must be a list of at most 256`)
  for (const c of l.conditions) {
    len(c?.predicate, 32, `${what} condition predicate hash`)
    if (typeof c.value !== 'boolean') chainFail('MALFORMED', `${what} condition value must be a boolean`)
  }
}

function checkOwner (o: NewOwner): void {
  if (o?.kind === 'user') len(o.publicKey, 32, 'owner public key')
  else if (o?.kind === 'child') len(o.chainId, 32, 'owner chain id')
  else chainFail('MALFORMED', 'owner kind must be user or child')
}

// ---------------------------------------------------------------- encodings

function writeLocator (w: CanonicalWriter, l: Locator): CanonicalWriter {
  w.bytes(pointToBytes(l.lo)).u32(l.conditions.length)
  for (const c of l.conditions) w.bytes(c.predicate).bool(c.value)
  return w
}

function writeOwner (w: CanonicalWriter, o: NewOwner): CanonicalWriter {
  return o.kind === 'user' ? w.u8(1).bytes(o.publicKey) : w.u8(2).bytes(o.chainId)
}

/** hi as 32 bytes, or empty for the end of the space (2^256 does not fit in 32 bytes) */
export function hiBytes (hi: bigint): Uint8Array {
  return hi === SPACE ? new Uint8Array(0) : pointToBytes(hi)
}

export function checkChainFields (c: ChainFields): void {
  len(c.operator, 32, 'operator key')
  if (typeof c.operatorAddress !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,31}@[1-9A-HJ-NP-Za-km-z]{1,128}$/.test(c.operatorAddress)) {
    chainFail('MALFORMED', 'operator address must be name@PeerId')
  }
  u64(c.value, 'value')
  if (c.value <= 0n) chainFail('MALFORMED', 'value must be positive')
  u64(c.tradingEnd, 'trading end')
  u64(c.beaconRound, 'beacon round')
  u64(c.created, 'created')
  if (c.parent != null) {
    len(c.parent.chainId, 32, 'parent chain id')
    checkLocator(c.parent.leaf, 'parent leaf')
  }
  len(c.nonce, NONCE_LENGTH, 'nonce')
}

export function chainSigningBytes (c: ChainFields): Uint8Array {
  checkChainFields(c)
  const w = new CanonicalWriter(TAG_CHAIN)
    .bytes(c.operator).string(c.operatorAddress).u64(c.value).u64(c.tradingEnd).u64(c.beaconRound).bool(c.parent != null)
  if (c.parent != null) writeLocator(w.bytes(c.parent.chainId), c.parent.leaf)
  return w.u64(c.created).bytes(c.nonce).finish()
}

export function chainId (c: ChainFields): Uint8Array<ArrayBuffer> {
  return sha256(chainSigningBytes(c))
}

export async function signChain (operator: Signer, c: Omit<ChainFields, 'operator'>): Promise<SignedChain> {
  const fields: ChainFields = { ...c, operator: operator.publicKey }
  const bytes = chainSigningBytes(fields)
  return { ...fields, id: sha256(bytes), signature: await operator.sign(bytes) }
}

/** Checks a chain record: its fields, its id, the operator's signature. Throws ChainError. */
export async function validateChain (c: SignedChain): Promise<void> {
  const bytes = chainSigningBytes(c)
  len(c.id, 32, 'chain id')
  if (!equalBytes(sha256(bytes), c.id)) chainFail('BAD_CHAIN_ID', 'the chain id is not the hash of the chain record')
  if (!await verifySignature(c.operator, bytes, c.signature ?? new Uint8Array(0))) chainFail('BAD_SIGNATURE', 'the chain record is not signed by its operator')
}

export function issueSigningBytes (i: IssueFields): Uint8Array {
  len(i.chainId, 32, 'chain id')
  checkLocator({ lo: i.lo, conditions: i.conditions }, 'issued region')
  if (typeof i.hi !== 'bigint' || i.hi <= i.lo || i.hi > SPACE) chainFail('MALFORMED', 'issue needs lo < hi <= 2^256')
  checkOwner(i.owner)
  if (typeof i.payment !== 'string' || i.payment.length > 256) chainFail('MALFORMED', 'payment must be a short string')
  u64(i.time, 'time')
  len(i.nonce, NONCE_LENGTH, 'nonce')
  const w = writeLocator(new CanonicalWriter(TAG_ISSUE).bytes(i.chainId), { lo: i.lo, conditions: i.conditions }).bytes(hiBytes(i.hi))
  return writeOwner(w, i.owner).string(i.payment).u64(i.time).bytes(i.nonce).finish()
}

export function transferSigningBytes (t: TransferFields): Uint8Array {
  len(t.chainId, 32, 'chain id')
  checkLocator(t.leaf, 'leaf')
  len(t.custody, 32, 'custody')
  checkOwner(t.owner)
  len(t.nonce, NONCE_LENGTH, 'nonce')
  const w = writeLocator(new CanonicalWriter(TAG_TRANSFER).bytes(t.chainId), t.leaf).bytes(t.custody)
  return writeOwner(w, t.owner).bytes(t.nonce).finish()
}

export function splitSigningBytes (s: SplitFields): Uint8Array {
  len(s.chainId, 32, 'chain id')
  checkLocator(s.leaf, 'leaf')
  len(s.custody, 32, 'custody')
  len(s.nonce, NONCE_LENGTH, 'nonce')
  const w = writeLocator(new CanonicalWriter(TAG_SPLIT).bytes(s.chainId), s.leaf).bytes(s.custody)
  if (s.split?.kind === 'point') {
    point(s.split.at, 'split point')
    w.u8(0).bytes(pointToBytes(s.split.at))
  } else if (s.split?.kind === 'predicate') {
    let enc: Uint8Array
    try { enc = encodePredicate(s.split.predicate) } catch (err: any) { chainFail('MALFORMED', `split predicate: ${err.message}`) }
    w.u8(1).bytes(enc)
  } else chainFail('MALFORMED', 'split kind must be point or predicate')
  return w.bytes(s.nonce).finish()
}

/** The custody hash a signed issue or transfer gives the leaf. */
export function custodyHash (signingBytes: Uint8Array, signature: Uint8Array): Uint8Array<ArrayBuffer> {
  return new CanonicalWriter(TAG_CUSTODY).bytes(signingBytes).bytes(signature).digest()
}

export async function signTransfer (owner: Signer, t: TransferFields): Promise<Signed<TransferFields>> {
  return { fields: t, signature: await owner.sign(transferSigningBytes(t)) }
}

export async function signSplit (owner: Signer, s: SplitFields): Promise<Signed<SplitFields>> {
  return { fields: s, signature: await owner.sign(splitSigningBytes(s)) }
}

export async function signIssue (operator: Signer, i: IssueFields): Promise<Signed<IssueFields>> {
  return { fields: i, signature: await operator.sign(issueSigningBytes(i)) }
}

/** Verifies `signature` over `bytes` by `key`; BAD_SIGNATURE otherwise. */
export async function requireSignature (key: Uint8Array, bytes: Uint8Array, signature: Uint8Array, what: string): Promise<void> {
  if (!(signature instanceof Uint8Array) || !await verifySignature(key, bytes, signature)) chainFail('BAD_SIGNATURE', `${what} is not signed by the key that must sign it`)
}

// ---------------------------------------------------------------- JSON forms (API, files)

export interface ChainJson {
  id: string
  operator: string
  operatorAddress: string
  value: string
  tradingEnd: number
  beaconRound: number
  parent?: { chainId: string, leaf: LocatorJson }
  created: number
  nonce: string
  signature: string
}

export interface LocatorJson { lo: string, conditions: Array<{ predicate: string, value: boolean }> }

export function locatorToJson (l: Locator): LocatorJson {
  return { lo: l.lo.toString(), conditions: l.conditions.map(c => ({ predicate: toHex(c.predicate), value: c.value })) }
}

export function locatorFromJson (j: any): Locator {
  try {
    return { lo: BigInt(j.lo), conditions: (j.conditions ?? []).map((c: any) => ({ predicate: fromHex(c.predicate), value: c.value === true })) }
  } catch (err: any) {
    if (err instanceof ChainError) throw err
    return chainFail('MALFORMED', `not a leaf locator: ${err?.message ?? err}`)
  }
}

export function chainToJson (c: SignedChain): ChainJson {
  return {
    id: toHex(c.id),
    operator: toHex(c.operator),
    operatorAddress: c.operatorAddress,
    value: c.value.toString(),
    tradingEnd: c.tradingEnd,
    beaconRound: c.beaconRound,
    ...(c.parent != null ? { parent: { chainId: toHex(c.parent.chainId), leaf: locatorToJson(c.parent.leaf) } } : {}),
    created: c.created,
    nonce: toHex(c.nonce),
    signature: toHex(c.signature)
  }
}

export function chainFromJson (j: ChainJson): SignedChain {
  try {
    return {
      id: fromHex(j.id),
      operator: fromHex(j.operator),
      operatorAddress: j.operatorAddress,
      value: BigInt(j.value),
      tradingEnd: j.tradingEnd,
      beaconRound: j.beaconRound,
      ...(j.parent != null ? { parent: { chainId: fromHex(j.parent.chainId), leaf: locatorFromJson(j.parent.leaf) } } : {}),
      created: j.created,
      nonce: fromHex(j.nonce),
      signature: fromHex(j.signature)
    }
  } catch (err: any) {
    if (err instanceof ChainError) throw err
    return chainFail('MALFORMED', `not a chain record: ${err?.message ?? err}`)
  }
}

export { decodePredicate }
