// Predicates of condition splits: deterministic, no loops, no gas.
//   always                          true
//   preimage(digest)                true iff a revealed x has sha256(x) = digest
//   oracle(key, question, outcome)  true iff a verified attestation by `key`
//                                   says `question` has outcome `outcome`
// Evaluation needs only an Evidence set (verified attestations and revealed
// preimages). An oracle that signs two outcomes for one question makes both
// predicates true; that pair of attestations is itself evidence against it.
import { CanonicalWriter } from '../crypto/canonical.js'
import { sha256 } from '../crypto/hash.js'
import { PUBLIC_KEY_LENGTH } from '../crypto/keys.js'
import { toHex } from '../crypto/bytes.js'
import { fail } from './errors.js'
import { Reader } from './reader.js'
import { MAX_TEXT_BYTES, checkText, verifyAttestation } from './attestation.js'
import type { Attestation } from './attestation.js'

export const TAG_PREDICATE = 'sortlift/v1/sortition/predicate'
export const DIGEST_LENGTH = 32

export type Predicate =
  | { kind: 'always' }
  | { kind: 'preimage', digest: Uint8Array }
  | { kind: 'oracle', oracle: Uint8Array, question: string, outcome: string }

const KIND_CODE = { always: 0, preimage: 1, oracle: 2 } as const

export function checkPredicate (p: Predicate): void {
  switch (p?.kind) {
    case 'always': return
    case 'preimage':
      if (!(p.digest instanceof Uint8Array) || p.digest.length !== DIGEST_LENGTH) fail('BAD_INPUT', 'preimage digest must be 32 bytes')
      return
    case 'oracle':
      if (!(p.oracle instanceof Uint8Array) || p.oracle.length !== PUBLIC_KEY_LENGTH) fail('BAD_INPUT', 'oracle key must be 32 bytes')
      checkText(p.question, 'question')
      checkText(p.outcome, 'outcome')
      return
    default:
      fail('BAD_INPUT', 'unknown predicate kind')
  }
}

/** Canonical bytes: tag, u8 kind, then kind fields (bytes/strings u32-length-prefixed). */
export function encodePredicate (p: Predicate): Uint8Array {
  checkPredicate(p)
  const w = new CanonicalWriter(TAG_PREDICATE).u8(KIND_CODE[p.kind])
  if (p.kind === 'preimage') w.bytes(p.digest)
  if (p.kind === 'oracle') w.bytes(p.oracle).string(p.question).string(p.outcome)
  return w.finish()
}

/** Decodes exactly one predicate; throws MALFORMED_PREDICATE on anything else. */
// Every predicate's encoding starts with the same tag: where the context
// fixes it (a version 2 proof step), it is left out and put back to decode.
const TAG_BYTES = new CanonicalWriter(TAG_PREDICATE).finish()

/** The canonical encoding without its leading tag (same for every predicate). */
export function encodePredicateUntagged (p: Predicate): Uint8Array {
  return encodePredicate(p).subarray(TAG_BYTES.length)
}

/** Decodes what encodePredicateUntagged wrote (MALFORMED_PREDICATE on bad input). */
export function decodePredicateUntagged (b: Uint8Array): Predicate {
  const full = new Uint8Array(TAG_BYTES.length + b.length)
  full.set(TAG_BYTES, 0)
  full.set(b, TAG_BYTES.length)
  return decodePredicate(full)
}

export function decodePredicate (b: Uint8Array): Predicate {
  const r = new Reader(b, 'MALFORMED_PREDICATE', 'predicate')
  r.tag(TAG_PREDICATE)
  const kind = r.u8()
  let p: Predicate
  if (kind === 0) {
    p = { kind: 'always' }
  } else if (kind === 1) {
    const digest = r.bytes(DIGEST_LENGTH)
    if (digest.length !== DIGEST_LENGTH) fail('MALFORMED_PREDICATE', 'predicate: digest must be 32 bytes')
    p = { kind: 'preimage', digest }
  } else if (kind === 2) {
    const oracle = r.bytes(PUBLIC_KEY_LENGTH)
    if (oracle.length !== PUBLIC_KEY_LENGTH) fail('MALFORMED_PREDICATE', 'predicate: oracle key must be 32 bytes')
    p = { kind: 'oracle', oracle, question: r.string(MAX_TEXT_BYTES), outcome: r.string(MAX_TEXT_BYTES) }
  } else {
    return fail('MALFORMED_PREDICATE', `predicate: unknown kind ${kind}`)
  }
  r.end()
  return p
}

/** A deep copy of a checked predicate (strings are immutable; byte fields are copied). */
export function copyPredicate (p: Predicate): Predicate {
  switch (p.kind) {
    case 'always': return { kind: 'always' }
    case 'preimage': return { kind: 'preimage', digest: p.digest.slice() }
    case 'oracle': return { kind: 'oracle', oracle: p.oracle.slice(), question: p.question, outcome: p.outcome }
  }
}

/** sha256 of the canonical encoding: the predicate's identity in node hashes and regions. */
export function predicateHash (p: Predicate): Uint8Array<ArrayBuffer> {
  return sha256(encodePredicate(p))
}

function attestationKey (oracle: Uint8Array, question: string, outcome: string): string {
  return JSON.stringify([toHex(oracle), question, outcome])
}

/** What predicates are decided by: verified attestations and revealed preimages. */
export class Evidence {
  private readonly digests = new Set<string>()
  private readonly attested = new Set<string>()

  /** Records a preimage; its digest is computed here, so it cannot lie. */
  revealPreimage (preimage: Uint8Array): void {
    this.digests.add(toHex(sha256(preimage)))
  }

  /** Adds the attestation if its signature verifies; returns whether it did. */
  async addAttestation (a: Attestation): Promise<boolean> {
    if (!await verifyAttestation(a)) return false
    this.attested.add(attestationKey(a.oracle, a.question, a.outcome))
    return true
  }

  evaluate (p: Predicate): boolean {
    switch (p.kind) {
      case 'always': return true
      case 'preimage': return this.digests.has(toHex(p.digest))
      case 'oracle': return this.attested.has(attestationKey(p.oracle, p.question, p.outcome))
    }
  }
}
