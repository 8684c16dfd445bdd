// Strict decoders for the canonical signing bytes of chain records,
// commitments, issues and transfers (PROTOCOL.md §8.8–8.10). Evidence carries
// what was signed exactly as signed, so a node holding nothing but those bytes
// can check the signatures and recompute custody and commitment hashes; these
// decoders recover the fields. Each decode re-encodes with the writer in
// chain.ts / commitment.ts and requires the same bytes, so one set of fields
// has exactly one accepted encoding. Failures are ChainError MALFORMED.
import { Reader } from './reader.js'
import { SortitionError } from './errors.js'
import { chainFail } from './chain-errors.js'
import { pointFromBytes, SPACE } from './space.js'
import type { Condition } from './space.js'
import {
  TAG_CHAIN, TAG_ISSUE, TAG_TRANSFER, chainSigningBytes, issueSigningBytes, transferSigningBytes
} from './chain.js'
import type { ChainFields, SignedChain, IssueFields, TransferFields, Locator, NewOwner } from './chain.js'
import { TAG_COMMITMENT, MAX_CHILDREN, commitmentSigningBytes } from './commitment.js'
import type { SignedCommitment } from './commitment.js'
import { sha256 } from '../crypto/hash.js'
import { equalBytes } from '../crypto/bytes.js'

const MAX_CONDITIONS = 256
const MAX_ADDRESS = 256
const MAX_PAYMENT = 1024

function u64 (r: Reader): bigint {
  const hi = r.u32()
  const lo = r.u32()
  return (BigInt(hi) << 32n) | BigInt(lo)
}

function safe (v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) chainFail('MALFORMED', `${what} is larger than this implementation accepts (2^53)`)
  return Number(v)
}

function bool (r: Reader, what: string): boolean {
  const b = r.u8()
  if (b > 1) chainFail('MALFORMED', `${what} must be 0 or 1`)
  return b === 1
}

function b32 (r: Reader, what: string): Uint8Array<ArrayBuffer> {
  const b = r.bytes(32)
  if (b.length !== 32) chainFail('MALFORMED', `${what} must be 32 bytes`)
  return b
}

function locator (r: Reader): Locator {
  const lo = pointFromBytes(b32(r, 'lo'))
  const n = r.u32()
  if (n > MAX_CONDITIONS) chainFail('MALFORMED', `at most ${MAX_CONDITIONS} conditions`)
  const conditions: Condition[] = []
  for (let i = 0; i < n; i++) conditions.push({ predicate: b32(r, 'predicate hash'), value: bool(r, 'condition value') })
  return { lo, conditions }
}

function owner (r: Reader): NewOwner {
  const kind = r.u8()
  const key = b32(r, 'owner')
  if (kind === 1) return { kind: 'user', publicKey: key }
  if (kind === 2) return { kind: 'child', chainId: key }
  return chainFail('MALFORMED', 'owner kind must be 1 (user) or 2 (child chain)')
}

/** Runs a decoder; Reader failures and writer range errors become MALFORMED; the bytes must re-encode identically. */
function strict<T> (what: string, bytes: Uint8Array, decode: (r: Reader) => T, encode: (v: T) => Uint8Array): T {
  if (!(bytes instanceof Uint8Array)) chainFail('MALFORMED', `${what}: not bytes`)
  let v: T
  try {
    const r = new Reader(bytes, 'BAD_INPUT', what)
    v = decode(r)
    r.end()
  } catch (err: any) {
    if (err instanceof SortitionError || err instanceof RangeError) chainFail('MALFORMED', err.message)
    throw err
  }
  let again: Uint8Array
  try {
    again = encode(v)
  } catch (err: any) {
    if (err instanceof RangeError) chainFail('MALFORMED', `${what}: ${err.message}`)
    throw err
  }
  if (!equalBytes(again, bytes)) chainFail('MALFORMED', `${what}: not the canonical encoding of its fields`)
  return v
}

/** Which signed record the bytes are, from their leading tag (undefined if neither). */
export function recordKind (bytes: Uint8Array): 'issue' | 'transfer' | undefined {
  try {
    const r = new Reader(bytes, 'BAD_INPUT', 'record')
    const tag = r.string(256)
    return tag === TAG_ISSUE ? 'issue' : tag === TAG_TRANSFER ? 'transfer' : undefined
  } catch {
    return undefined
  }
}

/** A chain record from its signing bytes and the operator's signature (the id is the hash of the bytes; nothing is verified here). */
export function decodeChainRecord (bytes: Uint8Array, signature: Uint8Array): SignedChain {
  const fields = strict<ChainFields>('chain record', bytes, (r) => {
    r.tag(TAG_CHAIN)
    const operator = b32(r, 'operator key')
    const operatorAddress = r.string(MAX_ADDRESS)
    const value = u64(r)
    const tradingEnd = safe(u64(r), 'trading end')
    const beaconRound = safe(u64(r), 'beacon round')
    const hasParent = bool(r, 'has parent')
    const parent = hasParent ? { chainId: b32(r, 'parent chain id'), leaf: locator(r) } : undefined
    const created = safe(u64(r), 'created')
    const nonce = r.bytes(64)
    return { operator, operatorAddress, value, tradingEnd, beaconRound, ...(parent != null ? { parent } : {}), created, nonce }
  }, chainSigningBytes)
  return { ...fields, id: sha256(bytes), signature }
}

/** A commitment from its signing bytes and signature (nothing is verified here). */
export function decodeCommitment (bytes: Uint8Array, signature: Uint8Array): SignedCommitment {
  const fields = strict('commitment', bytes, (r) => {
    r.tag(TAG_COMMITMENT)
    const chainId = b32(r, 'chain id')
    const height = safe(u64(r), 'height')
    const root = b32(r, 'root')
    const prev = b32(r, 'prev')
    const time = safe(u64(r), 'time')
    const changes = b32(r, 'changes')
    const n = r.u32()
    if (n > MAX_CHILDREN) chainFail('MALFORMED', `at most ${MAX_CHILDREN} child commitments`)
    const children = []
    for (let i = 0; i < n; i++) children.push({ chainId: b32(r, 'child chain id'), commitment: b32(r, 'child commitment') })
    return { chainId, height, root, prev, time, changes, children }
  }, commitmentSigningBytes)
  return { ...fields, signature }
}

/** An issue's fields from its signing bytes. */
export function decodeIssue (bytes: Uint8Array): IssueFields {
  return strict('issue', bytes, (r) => {
    r.tag(TAG_ISSUE)
    const chainId = b32(r, 'chain id')
    const { lo, conditions } = locator(r)
    const hiRaw = r.bytes(32)
    if (hiRaw.length !== 0 && hiRaw.length !== 32) chainFail('MALFORMED', 'hi must be 32 bytes or empty')
    const hi = hiRaw.length === 0 ? SPACE : pointFromBytes(hiRaw)
    const o = owner(r)
    const payment = r.string(MAX_PAYMENT)
    const time = safe(u64(r), 'time')
    const nonce = r.bytes(64)
    return { chainId, lo, hi, conditions, owner: o, payment, time, nonce }
  }, issueSigningBytes)
}

/** A transfer's fields from its signing bytes. */
export function decodeTransfer (bytes: Uint8Array): TransferFields {
  return strict('transfer', bytes, (r) => {
    r.tag(TAG_TRANSFER)
    const chainId = b32(r, 'chain id')
    const leaf = locator(r)
    const custody = b32(r, 'custody')
    const o = owner(r)
    const nonce = r.bytes(64)
    return { chainId, leaf, custody, owner: o, nonce }
  }, transferSigningBytes)
}
