// The operation log of a sortition chain: every change the operator applies
// to a chain's tree between two commitments, as a self-verifying record. A
// follower replays a height's operations, in order, on the tree of the
// previous height and must reach exactly the root and the changes digest the
// operator signed for that height (replay.ts). Pure: no disk, no network.
//
// Operation — tag "sortlift/v1/sortition/op", u8 kind, then
//   1 issue:    bytes(issue signing bytes), bytes(operator signature 64)
//   2 transfer: bytes(transfer signing bytes), bytes(signer key 32), bytes(signature 64)
//   3 split:    bytes(split signing bytes), bytes(signer key 32), bytes(signature 64)
//   4 child:    bytes(chain id 32), locator of the child's leaf,
//               bytes(child chain id 32), bytes(child commitment hash 32)
// The signing bytes are exactly what was signed (chain.ts, PROTOCOL.md §8.10),
// so the operation carries its own proof; decoding rejects any encoding that
// is not the canonical one (it must re-encode to the same bytes).
import { CanonicalWriter } from '../crypto/canonical.js'
import { equalBytes } from '../crypto/bytes.js'
import { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH } from '../crypto/keys.js'
import { SPACE, pointFromBytes, pointToBytes } from './space.js'
import type { Condition } from './space.js'
import { Reader } from './reader.js'
import { SortitionError } from './errors.js'
import { decodePredicate } from './predicate.js'
import { ChainError, chainFail } from './chain-errors.js'
import {
  TAG_ISSUE, TAG_TRANSFER, TAG_SPLIT, issueSigningBytes, transferSigningBytes, splitSigningBytes
} from './chain.js'
import type { IssueFields, TransferFields, SplitFields, Locator, NewOwner } from './chain.js'

export const TAG_OP = 'sortlift/v1/sortition/op'
/** the largest encoded operation accepted (a locator of 256 conditions and a long predicate fit easily) */
export const MAX_OP_BYTES = 64 * 1024
const MAX_CONDITIONS = 256
const MAX_PREDICATE_BYTES = 8 * 1024

export const OP_ISSUE = 1
export const OP_TRANSFER = 2
export const OP_SPLIT = 3
export const OP_CHILD = 4

export type ChainOp =
  /** the operator issued a region (signed by the operator's key) */
  | { kind: 'issue', fields: IssueFields, signature: Uint8Array }
  /** an owner transferred a leaf (signed by `signer`, who must own it) */
  | { kind: 'transfer', fields: TransferFields, signer: Uint8Array, signature: Uint8Array }
  /** an owner split a leaf (signed by `signer`, who must own it) */
  | { kind: 'split', fields: SplitFields, signer: Uint8Array, signature: Uint8Array }
  /** the operator recorded a child chain's latest commitment hash in the child's leaf */
  | { kind: 'child', chainId: Uint8Array, leaf: Locator, child: Uint8Array, commitment: Uint8Array }

function len (b: unknown, n: number, what: string): void {
  if (!(b instanceof Uint8Array) || b.length !== n) chainFail('MALFORMED', `${what} must be ${n} bytes`)
}

function writeLocator (w: CanonicalWriter, l: Locator): CanonicalWriter {
  if (l == null || !Array.isArray(l.conditions) || l.conditions.length > MAX_CONDITIONS) chainFail('MALFORMED', `a locator has at most ${MAX_CONDITIONS} conditions`)
  w.bytes(pointToBytes(l.lo)).u32(l.conditions.length)
  for (const c of l.conditions) {
    len(c?.predicate, 32, 'condition predicate hash')
    if (typeof c.value !== 'boolean') chainFail('MALFORMED', 'condition value must be a boolean')
    w.bytes(c.predicate).bool(c.value)
  }
  return w
}

/** The canonical bytes of an operation (checks every field; ChainError MALFORMED otherwise). */
export function encodeOp (op: ChainOp): Uint8Array {
  const w = new CanonicalWriter(TAG_OP)
  try {
    switch (op?.kind) {
      case 'issue':
        len(op.signature, SIGNATURE_LENGTH, 'issue signature')
        return w.u8(OP_ISSUE).bytes(issueSigningBytes(op.fields)).bytes(op.signature).finish()
      case 'transfer':
        len(op.signer, PUBLIC_KEY_LENGTH, 'transfer signer')
        len(op.signature, SIGNATURE_LENGTH, 'transfer signature')
        return w.u8(OP_TRANSFER).bytes(transferSigningBytes(op.fields)).bytes(op.signer).bytes(op.signature).finish()
      case 'split':
        len(op.signer, PUBLIC_KEY_LENGTH, 'split signer')
        len(op.signature, SIGNATURE_LENGTH, 'split signature')
        return w.u8(OP_SPLIT).bytes(splitSigningBytes(op.fields)).bytes(op.signer).bytes(op.signature).finish()
      case 'child':
        len(op.chainId, 32, 'chain id')
        len(op.child, 32, 'child chain id')
        len(op.commitment, 32, 'child commitment hash')
        return writeLocator(w.u8(OP_CHILD).bytes(op.chainId), op.leaf).bytes(op.child).bytes(op.commitment).finish()
      default:
        return chainFail('MALFORMED', 'unknown operation kind')
    }
  } catch (err: any) {
    if (err instanceof ChainError) throw err
    // SortitionError (a point out of range) or RangeError from the writer
    return chainFail('MALFORMED', `operation: ${err?.message ?? err}`)
  }
}

// ---------------------------------------------------------------- decoding

class OpReader {
  readonly r: Reader
  constructor (buf: Uint8Array, what: string) { this.r = new Reader(buf, 'BAD_INPUT', what) }

  u64 (what: string): number {
    const b = this.r.fixed(8)
    const v = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0)
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) chainFail('MALFORMED', `${what} is too large`)
    return Number(v)
  }

  bool (): boolean {
    const b = this.r.u8()
    if (b > 1) chainFail('MALFORMED', 'a boolean must be 0 or 1')
    return b === 1
  }

  fixed (n: number, what: string): Uint8Array<ArrayBuffer> {
    const b = this.r.bytes(n)
    if (b.length !== n) chainFail('MALFORMED', `${what} must be ${n} bytes`)
    return b
  }

  point (what: string): bigint {
    return pointFromBytes(this.fixed(32, what))
  }

  locator (): Locator {
    const lo = this.point('lo')
    const n = this.r.u32()
    if (n > MAX_CONDITIONS) chainFail('MALFORMED', `a locator has at most ${MAX_CONDITIONS} conditions`)
    const conditions: Condition[] = []
    for (let i = 0; i < n; i++) conditions.push({ predicate: this.fixed(32, 'condition predicate hash'), value: this.bool() })
    return { lo, conditions }
  }

  owner (): NewOwner {
    const kind = this.r.u8()
    const key = this.fixed(32, 'owner')
    if (kind === 1) return { kind: 'user', publicKey: key }
    if (kind === 2) return { kind: 'child', chainId: key }
    return chainFail('MALFORMED', 'owner kind must be 1 (user) or 2 (child chain)')
  }
}

function decodeIssue (b: Uint8Array): IssueFields {
  const o = new OpReader(b, 'issue')
  o.r.tag(TAG_ISSUE)
  const chainId = o.fixed(32, 'chain id')
  const { lo, conditions } = o.locator()
  const hiRaw = o.r.bytes(32)
  if (hiRaw.length !== 0 && hiRaw.length !== 32) chainFail('MALFORMED', 'hi must be 32 bytes or empty')
  const hi = hiRaw.length === 0 ? SPACE : pointFromBytes(hiRaw)
  const owner = o.owner()
  const payment = o.r.string(256)
  const time = o.u64('time')
  const nonce = o.fixed(16, 'nonce')
  o.r.end()
  return { chainId, lo, hi, conditions, owner, payment, time, nonce }
}

function decodeTransfer (b: Uint8Array): TransferFields {
  const o = new OpReader(b, 'transfer')
  o.r.tag(TAG_TRANSFER)
  const chainId = o.fixed(32, 'chain id')
  const leaf = o.locator()
  const custody = o.fixed(32, 'custody')
  const owner = o.owner()
  const nonce = o.fixed(16, 'nonce')
  o.r.end()
  return { chainId, leaf, custody, owner, nonce }
}

function decodeSplit (b: Uint8Array): SplitFields {
  const o = new OpReader(b, 'split')
  o.r.tag(TAG_SPLIT)
  const chainId = o.fixed(32, 'chain id')
  const leaf = o.locator()
  const custody = o.fixed(32, 'custody')
  const kind = o.r.u8()
  let split: SplitFields['split']
  if (kind === 0) split = { kind: 'point', at: o.point('split point') }
  else if (kind === 1) split = { kind: 'predicate', predicate: decodePredicate(o.r.bytes(MAX_PREDICATE_BYTES)) }
  else return chainFail('MALFORMED', 'split kind must be 0 (point) or 1 (predicate)')
  const nonce = o.fixed(16, 'nonce')
  o.r.end()
  return { chainId, leaf, custody, split, nonce }
}

/**
 * Decodes one operation. Throws ChainError MALFORMED on anything but the
 * canonical encoding of a well-formed operation. Signatures are not checked
 * here (replay.ts checks them against the tree).
 */
export function decodeOp (buf: Uint8Array): ChainOp {
  if (!(buf instanceof Uint8Array) || buf.length > MAX_OP_BYTES) chainFail('MALFORMED', `an operation is at most ${MAX_OP_BYTES} bytes`)
  let op: ChainOp
  try {
    const o = new OpReader(buf, 'operation')
    o.r.tag(TAG_OP)
    const kind = o.r.u8()
    if (kind === OP_ISSUE) {
      op = { kind: 'issue', fields: decodeIssue(o.r.bytes(MAX_OP_BYTES)), signature: o.fixed(SIGNATURE_LENGTH, 'signature') }
    } else if (kind === OP_TRANSFER) {
      op = { kind: 'transfer', fields: decodeTransfer(o.r.bytes(MAX_OP_BYTES)), signer: o.fixed(PUBLIC_KEY_LENGTH, 'signer'), signature: o.fixed(SIGNATURE_LENGTH, 'signature') }
    } else if (kind === OP_SPLIT) {
      op = { kind: 'split', fields: decodeSplit(o.r.bytes(MAX_OP_BYTES)), signer: o.fixed(PUBLIC_KEY_LENGTH, 'signer'), signature: o.fixed(SIGNATURE_LENGTH, 'signature') }
    } else if (kind === OP_CHILD) {
      const chainId = o.fixed(32, 'chain id')
      const leaf = o.locator()
      op = { kind: 'child', chainId, leaf, child: o.fixed(32, 'child chain id'), commitment: o.fixed(32, 'child commitment hash') }
    } else {
      return chainFail('MALFORMED', `unknown operation kind ${kind}`)
    }
    o.r.end()
  } catch (err: any) {
    if (err instanceof ChainError) throw err
    if (err instanceof SortitionError) return chainFail('MALFORMED', err.message)
    throw err
  }
  // one encoding per operation: re-encoding must give the same bytes
  if (!equalBytes(encodeOp(op), buf)) chainFail('MALFORMED', 'operation is not canonically encoded')
  return op
}

/** The signing bytes an operation's signature is over (none for a child commitment). */
export function opSigningBytes (op: ChainOp): Uint8Array | undefined {
  switch (op.kind) {
    case 'issue': return issueSigningBytes(op.fields)
    case 'transfer': return transferSigningBytes(op.fields)
    case 'split': return splitSigningBytes(op.fields)
    case 'child': return undefined
  }
}
