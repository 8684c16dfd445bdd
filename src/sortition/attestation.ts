// Oracle attestations: an oracle (an Ed25519 key) signs the tagged canonical
// encoding of (question, outcome). Predicates of kind `oracle` are decided by
// verified attestations.
import { CanonicalWriter } from '../crypto/canonical.js'
import { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH, verifySignature } from '../crypto/keys.js'
import type { Signer } from '../crypto/keys.js'
import { fail } from './errors.js'
import { Reader } from './reader.js'

export const TAG_ATTESTATION = 'sortlift/v1/oracle-attestation'
const TAG_ATTESTATION_RECORD = 'sortlift/v1/oracle-attestation-record'
/** longest question or outcome, in UTF-8 bytes */
export const MAX_TEXT_BYTES = 1024

export interface Attestation {
  oracle: Uint8Array
  question: string
  outcome: string
  signature: Uint8Array
}

const utf8 = new TextEncoder()

export function checkText (s: string, what: string): void {
  if (typeof s !== 'string') fail('BAD_INPUT', `${what} must be a string`)
  if (utf8.encode(s).length > MAX_TEXT_BYTES) fail('BAD_INPUT', `${what} is longer than ${MAX_TEXT_BYTES} bytes`)
}

/** The bytes an oracle signs: tag, question, outcome. */
export function attestationSigningBytes (question: string, outcome: string): Uint8Array {
  checkText(question, 'question')
  checkText(outcome, 'outcome')
  return new CanonicalWriter(TAG_ATTESTATION).string(question).string(outcome).finish()
}

export async function signAttestation (oracle: Signer, question: string, outcome: string): Promise<Attestation> {
  const signature = await oracle.sign(attestationSigningBytes(question, outcome))
  return { oracle: oracle.publicKey, question, outcome, signature }
}

/** False for a wrong or malformed signature, key or text; never throws. */
export async function verifyAttestation (a: Attestation): Promise<boolean> {
  let bytes: Uint8Array
  try {
    bytes = attestationSigningBytes(a.question, a.outcome)
  } catch {
    return false
  }
  return await verifySignature(a.oracle, bytes, a.signature)
}

/** A whole attestation (key, texts, signature) as bytes, for storage or transport. */
export function encodeAttestation (a: Attestation): Uint8Array {
  if (a.oracle.length !== PUBLIC_KEY_LENGTH) fail('BAD_INPUT', 'oracle key must be 32 bytes')
  if (a.signature.length !== SIGNATURE_LENGTH) fail('BAD_INPUT', 'signature must be 64 bytes')
  checkText(a.question, 'question')
  checkText(a.outcome, 'outcome')
  return new CanonicalWriter(TAG_ATTESTATION_RECORD).bytes(a.oracle).string(a.question).string(a.outcome).bytes(a.signature).finish()
}

/** Decodes `encodeAttestation` output; throws MALFORMED_PREDICATE. Does not verify the signature. */
export function decodeAttestation (b: Uint8Array): Attestation {
  const r = new Reader(b, 'MALFORMED_PREDICATE', 'attestation')
  r.tag(TAG_ATTESTATION_RECORD)
  const oracle = r.bytes(PUBLIC_KEY_LENGTH)
  if (oracle.length !== PUBLIC_KEY_LENGTH) fail('MALFORMED_PREDICATE', 'attestation: oracle key must be 32 bytes')
  const question = r.string(MAX_TEXT_BYTES)
  const outcome = r.string(MAX_TEXT_BYTES)
  const signature = r.bytes(SIGNATURE_LENGTH)
  if (signature.length !== SIGNATURE_LENGTH) fail('MALFORMED_PREDICATE', 'attestation: signature must be 64 bytes')
  r.end()
  return { oracle, question, outcome, signature }
}
