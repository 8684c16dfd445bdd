// Decoders for the canonical chain record and commitment encodings
// (chain.ts, commitment.ts write them): claims and settlement answers carry a
// chain and a commitment as their signing bytes plus signature, so the bytes
// that were signed are the bytes that travel. A decoded record is re-encoded
// and must give the same bytes (no second encoding of one record exists).
import { equalBytes } from '../crypto/bytes.js'
import { sha256 } from '../crypto/hash.js'
import { Reader } from './reader.js'
import { SortitionError } from './errors.js'
import { pointFromBytes } from './space.js'
import type { Condition } from './space.js'
import { TAG_CHAIN, NONCE_LENGTH, chainSigningBytes } from './chain.js'
import type { ChainFields, SignedChain, Locator } from './chain.js'
import { TAG_COMMITMENT, MAX_CHILDREN, commitmentSigningBytes } from './commitment.js'
import type { CommitmentFields, SignedCommitment } from './commitment.js'
import { ChainError } from './chain-errors.js'
import { settleFail } from './settlement-errors.js'

const SAFE = BigInt(Number.MAX_SAFE_INTEGER)

function u64 (r: Reader): bigint {
  const hi = BigInt(r.u32())
  return (hi << 32n) | BigInt(r.u32())
}

function safeU64 (r: Reader, what: string): number {
  const v = u64(r)
  if (v > SAFE) settleFail('MALFORMED', `${what} is too large`)
  return Number(v)
}

function bool (r: Reader, what: string): boolean {
  const b = r.u8()
  if (b > 1) settleFail('MALFORMED', `${what} must be a bool (0 or 1)`)
  return b === 1
}

function exact (r: Reader, n: number, what: string): Uint8Array<ArrayBuffer> {
  const b = r.bytes(n)
  if (b.length !== n) settleFail('MALFORMED', `${what} must be ${n} bytes`)
  return b
}

function locator (r: Reader): Locator {
  const lo = pointFromBytes(exact(r, 32, 'locator lo'))
  const n = r.u32()
  if (n > 256) settleFail('MALFORMED', 'a locator has at most 256 conditions')
  const conditions: Condition[] = []
  for (let i = 0; i < n; i++) conditions.push({ predicate: exact(r, 32, 'predicate hash'), value: bool(r, 'condition value') })
  return { lo, conditions }
}

/** Runs a decoder, turning reader and range errors into MALFORMED. */
function decoding<T> (what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err: any) {
    if (err instanceof SortitionError || err instanceof ChainError || err instanceof RangeError) settleFail('MALFORMED', `${what}: ${err.message}`)
    throw err
  }
}

/** A chain record from its canonical signing bytes and the operator's signature (not verified here: see validateChain). */
export function decodeChain (bytes: Uint8Array, signature: Uint8Array): SignedChain {
  return decoding('chain record', () => {
    const r = new Reader(bytes, 'MALFORMED_PROOF', 'chain record')
    r.tag(TAG_CHAIN)
    const operator = exact(r, 32, 'operator key')
    const operatorAddress = r.string(256)
    const value = u64(r)
    const tradingEnd = safeU64(r, 'trading end')
    const beaconRound = safeU64(r, 'beacon round')
    const hasParent = bool(r, 'has parent')
    let parent: ChainFields['parent']
    if (hasParent) {
      const chainId = exact(r, 32, 'parent chain id')
      parent = { chainId, leaf: locator(r) }
    }
    const created = safeU64(r, 'created')
    const nonce = exact(r, NONCE_LENGTH, 'nonce')
    r.end()
    const fields: ChainFields = { operator, operatorAddress, value, tradingEnd, beaconRound, ...(parent != null ? { parent } : {}), created, nonce }
    // one record, one encoding: the re-encoding must give the same bytes
    if (!equalBytes(chainSigningBytes(fields), bytes)) settleFail('MALFORMED', 'chain record: not in canonical form')
    return { ...fields, id: sha256(bytes), signature: signature.slice() }
  })
}

/** A commitment from its canonical signing bytes and signature (not verified here). */
export function decodeCommitment (bytes: Uint8Array, signature: Uint8Array): SignedCommitment {
  return decoding('commitment', () => {
    const r = new Reader(bytes, 'MALFORMED_PROOF', 'commitment')
    r.tag(TAG_COMMITMENT)
    const chainId = exact(r, 32, 'chain id')
    const height = safeU64(r, 'height')
    const root = exact(r, 32, 'root')
    const prev = exact(r, 32, 'prev')
    const time = safeU64(r, 'time')
    const changes = exact(r, 32, 'changes digest')
    const n = r.u32()
    if (n > MAX_CHILDREN) settleFail('MALFORMED', `at most ${MAX_CHILDREN} child commitments`)
    const children = []
    for (let i = 0; i < n; i++) children.push({ chainId: exact(r, 32, 'child chain id'), commitment: exact(r, 32, 'child commitment') })
    r.end()
    const fields: CommitmentFields = { chainId, height, root, prev, time, changes, children }
    if (!equalBytes(commitmentSigningBytes(fields), bytes)) settleFail('MALFORMED', 'commitment: not in canonical form')
    return { ...fields, signature: signature.slice() }
  })
}
