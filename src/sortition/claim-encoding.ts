// Claims and receipts: the signed encodings and the claim record that carries
// a claim with everything needed to check it. Pure. Pinned by
// test/vectors/claim.json (builder test/vectors/make-claim-vectors.ts).
//
// Claim — tag "sortlift/v1/sortition/claim", signed by the winning leaf's owner
// (a user key; for a child-chain leaf, the child chain's operator key):
//   bytes(chain id 32), bytes(commitment hash 32), bytes(proof), u64 beacon round,
//   string(payee name@PeerId), u64 time (ms), bytes(nonce 16)
// Claim hash = H(tag "sortlift/v1/sortition/claim-hash", bytes(claim signing bytes), bytes(signature))
//
// Claim record — tag "sortlift/v1/sortition/claim-record" (what travels; the
// parts after the signature are public and checked, not signed):
//   bytes(claim signing bytes), bytes(signature 64),
//   bytes(chain signing bytes), bytes(chain signature 64),
//   bytes(commitment signing bytes), bytes(commitment signature 64),
//   bytes(beacon signature 48),
//   u32 n, n × bytes(attestation record)            (attestation.ts encodeAttestation)
//   u32 m, m × bytes(preimage)
//   bool has child, [bytes(child chain signing bytes), bytes(child chain signature 64)]
//
// Receipt — tag "sortlift/v1/sortition/receipt", signed by the chain's operator:
//   bytes(claim hash 32), bytes(chain id 32), u64 units, string(payment evidence), u64 time (ms)
// Receipt hash = H(tag "sortlift/v1/sortition/receipt-hash", bytes(receipt signing bytes), bytes(signature))
import { CanonicalWriter } from '../crypto/canonical.js'
import { SIGNATURE_LENGTH, verifySignature } from '../crypto/keys.js'
import type { Signer } from '../crypto/keys.js'
import { Reader } from './reader.js'
import { SortitionError } from './errors.js'
import { NONCE_LENGTH, chainSigningBytes } from './chain.js'
import type { SignedChain } from './chain.js'
import { commitmentSigningBytes } from './commitment.js'
import type { SignedCommitment } from './commitment.js'
import { encodeAttestation, decodeAttestation } from './attestation.js'
import type { Attestation } from './attestation.js'
import { decodeChainRecord, decodeCommitment } from './record-codec.js'
import { ChainError } from './chain-errors.js'
import { settleFail } from './settlement-errors.js'

export const TAG_CLAIM = 'sortlift/v1/sortition/claim'
export const TAG_CLAIM_HASH = 'sortlift/v1/sortition/claim-hash'
export const TAG_CLAIM_RECORD = 'sortlift/v1/sortition/claim-record'
export const TAG_RECEIPT = 'sortlift/v1/sortition/receipt'
export const TAG_RECEIPT_HASH = 'sortlift/v1/sortition/receipt-hash'

export const BEACON_SIGNATURE_LENGTH = 48
export const MAX_CLAIM_PROOF_BYTES = 192 * 1024
export const MAX_CLAIM_ATTESTATIONS = 64
export const MAX_CLAIM_PREIMAGES = 64
export const MAX_PREIMAGE_BYTES = 1024
const MAX_RECORD_PART = 64 * 1024
const U64_MAX = (1n << 64n) - 1n

const ADDRESS = /^[a-z0-9][a-z0-9._-]{0,31}@[1-9A-HJ-NP-Za-km-z]{1,128}$/
/** "tally:<tally id>:<chit id>" or "lift:<lift id>", as payments answer (sortition-wiring.ts payWith) */
export const PAYMENT_EVIDENCE = /^(tally:[0-9a-f]{32}:[0-9a-f]{32}|lift:[0-9a-f]{32})$/

export interface ClaimFields {
  chainId: Uint8Array
  /** hash of the commitment whose root the proof is against (commitment.ts commitmentHash) */
  commitment: Uint8Array
  /** binary proof of the winning leaf (proof.ts) */
  proof: Uint8Array
  beaconRound: number
  /** who is to be paid, name@PeerId */
  payee: string
  time: number
  nonce: Uint8Array
}

/** A signed claim with what it is checked against. */
export interface Claim {
  fields: ClaimFields
  signature: Uint8Array
  chain: SignedChain
  commitment: SignedCommitment
  beaconSignature: Uint8Array
  attestations: Attestation[]
  preimages: Uint8Array[]
  /** the child chain's record, when the winning leaf is a child chain */
  child?: SignedChain
}

export interface ReceiptFields {
  /** the claim hash this receipt pays */
  claim: Uint8Array
  chainId: Uint8Array
  units: bigint
  /** payment evidence: "tally:<id>:<chit>" or "lift:<id>" */
  payment: string
  time: number
}

export interface Receipt extends ReceiptFields { signature: Uint8Array }

function len (b: unknown, n: number, what: string): void {
  if (!(b instanceof Uint8Array) || b.length !== n) settleFail('MALFORMED', `${what} must be ${n} bytes`)
}

function time (t: number, what: string): void {
  if (!Number.isSafeInteger(t) || t < 0) settleFail('MALFORMED', `${what} must be a non-negative integer`)
}

// ---------------------------------------------------------------- claim

export function claimSigningBytes (c: ClaimFields): Uint8Array {
  len(c.chainId, 32, 'chain id')
  len(c.commitment, 32, 'commitment hash')
  if (!(c.proof instanceof Uint8Array) || c.proof.length === 0 || c.proof.length > MAX_CLAIM_PROOF_BYTES) settleFail('MALFORMED', `the proof must be 1..${MAX_CLAIM_PROOF_BYTES} bytes`)
  time(c.beaconRound, 'beacon round')
  if (typeof c.payee !== 'string' || !ADDRESS.test(c.payee)) settleFail('MALFORMED', 'the payee must be an address name@PeerId')
  time(c.time, 'time')
  len(c.nonce, NONCE_LENGTH, 'nonce')
  return new CanonicalWriter(TAG_CLAIM)
    .bytes(c.chainId).bytes(c.commitment).bytes(c.proof).u64(c.beaconRound).string(c.payee).u64(c.time).bytes(c.nonce).finish()
}

export async function signClaim (signer: Signer, parts: Omit<Claim, 'signature'>): Promise<Claim> {
  return { ...parts, signature: await signer.sign(claimSigningBytes(parts.fields)) }
}

export function claimHash (c: { fields: ClaimFields, signature: Uint8Array }): Uint8Array<ArrayBuffer> {
  return new CanonicalWriter(TAG_CLAIM_HASH).bytes(claimSigningBytes(c.fields)).bytes(c.signature).digest()
}

/** The claim record: the bytes a claimant sends and evidence can quote. */
export function encodeClaim (c: Claim): Uint8Array<ArrayBuffer> {
  len(c.signature, SIGNATURE_LENGTH, 'claim signature')
  len(c.beaconSignature, BEACON_SIGNATURE_LENGTH, 'beacon signature')
  if (!Array.isArray(c.attestations) || c.attestations.length > MAX_CLAIM_ATTESTATIONS) settleFail('MALFORMED', `at most ${MAX_CLAIM_ATTESTATIONS} attestations`)
  if (!Array.isArray(c.preimages) || c.preimages.length > MAX_CLAIM_PREIMAGES) settleFail('MALFORMED', `at most ${MAX_CLAIM_PREIMAGES} preimages`)
  const w = new CanonicalWriter(TAG_CLAIM_RECORD)
    .bytes(claimSigningBytes(c.fields)).bytes(c.signature)
    .bytes(chainSigningBytes(c.chain)).bytes(c.chain.signature)
    .bytes(commitmentSigningBytes(c.commitment)).bytes(c.commitment.signature)
    .bytes(c.beaconSignature)
    .u32(c.attestations.length)
  for (const a of c.attestations) w.bytes(encodeAttestation(a))
  w.u32(c.preimages.length)
  for (const p of c.preimages) {
    if (!(p instanceof Uint8Array) || p.length > MAX_PREIMAGE_BYTES) settleFail('MALFORMED', `a preimage is at most ${MAX_PREIMAGE_BYTES} bytes`)
    w.bytes(p)
  }
  w.bool(c.child != null)
  if (c.child != null) w.bytes(chainSigningBytes(c.child)).bytes(c.child.signature)
  return w.finish() as Uint8Array<ArrayBuffer>
}

function claimFieldsFrom (bytes: Uint8Array): ClaimFields {
  const r = new Reader(bytes, 'MALFORMED_PROOF', 'claim')
  r.tag(TAG_CLAIM)
  const chainId = r.bytes(32)
  const commitment = r.bytes(32)
  const proof = r.bytes(MAX_CLAIM_PROOF_BYTES)
  const beaconRound = u64Safe(r, 'beacon round')
  const payee = r.string(256)
  const t = u64Safe(r, 'time')
  const nonce = r.bytes(NONCE_LENGTH)
  r.end()
  const fields = { chainId, commitment, proof, beaconRound, payee, time: t, nonce }
  claimSigningBytes(fields) // checks every field
  return fields
}

function u64Safe (r: Reader, what: string): number {
  const v = (BigInt(r.u32()) << 32n) | BigInt(r.u32())
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) settleFail('MALFORMED', `${what} is too large`)
  return Number(v)
}

/** Decodes a claim record; MALFORMED on anything but one exact record. Verifies nothing. */
export function decodeClaim (bytes: Uint8Array): Claim {
  if (!(bytes instanceof Uint8Array)) settleFail('MALFORMED', 'a claim record must be bytes')
  try {
    const r = new Reader(bytes, 'MALFORMED_PROOF', 'claim record')
    r.tag(TAG_CLAIM_RECORD)
    const fields = claimFieldsFrom(r.bytes(MAX_CLAIM_PROOF_BYTES + 1024))
    const signature = r.bytes(SIGNATURE_LENGTH)
    len(signature, SIGNATURE_LENGTH, 'claim signature')
    const chain = decodeChainRecord(r.bytes(MAX_RECORD_PART), r.bytes(SIGNATURE_LENGTH))
    const commitment = decodeCommitment(r.bytes(MAX_RECORD_PART * 4), r.bytes(SIGNATURE_LENGTH))
    const beaconSignature = r.bytes(BEACON_SIGNATURE_LENGTH)
    len(beaconSignature, BEACON_SIGNATURE_LENGTH, 'beacon signature')
    const n = r.u32()
    if (n > MAX_CLAIM_ATTESTATIONS) settleFail('MALFORMED', `at most ${MAX_CLAIM_ATTESTATIONS} attestations`)
    const attestations: Attestation[] = []
    for (let i = 0; i < n; i++) attestations.push(decodeAttestation(r.bytes(4096)))
    const m = r.u32()
    if (m > MAX_CLAIM_PREIMAGES) settleFail('MALFORMED', `at most ${MAX_CLAIM_PREIMAGES} preimages`)
    const preimages: Uint8Array[] = []
    for (let i = 0; i < m; i++) preimages.push(r.bytes(MAX_PREIMAGE_BYTES))
    const hasChild = r.u8()
    if (hasChild > 1) settleFail('MALFORMED', 'has child must be a bool')
    const child = hasChild === 1 ? decodeChainRecord(r.bytes(MAX_RECORD_PART), r.bytes(SIGNATURE_LENGTH)) : undefined
    r.end()
    return { fields, signature, chain, commitment, beaconSignature, attestations, preimages, ...(child != null ? { child } : {}) }
  } catch (err: any) {
    if (err instanceof SortitionError || err instanceof RangeError || err instanceof ChainError) settleFail('MALFORMED', err.message)
    throw err
  }
}

// ---------------------------------------------------------------- receipt

export function receiptSigningBytes (r: ReceiptFields): Uint8Array {
  len(r.claim, 32, 'claim hash')
  len(r.chainId, 32, 'chain id')
  if (typeof r.units !== 'bigint' || r.units <= 0n || r.units > U64_MAX) settleFail('MALFORMED', 'units must be a positive integer below 2^64')
  if (typeof r.payment !== 'string' || !PAYMENT_EVIDENCE.test(r.payment)) settleFail('MALFORMED', 'payment evidence must be tally:<id>:<chit> or lift:<id>')
  time(r.time, 'time')
  return new CanonicalWriter(TAG_RECEIPT).bytes(r.claim).bytes(r.chainId).u64(r.units).string(r.payment).u64(r.time).finish()
}

export async function signReceipt (operator: Signer, r: ReceiptFields): Promise<Receipt> {
  return { ...r, signature: await operator.sign(receiptSigningBytes(r)) }
}

export function receiptHash (r: Receipt): Uint8Array<ArrayBuffer> {
  return new CanonicalWriter(TAG_RECEIPT_HASH).bytes(receiptSigningBytes(r)).bytes(r.signature).digest()
}

/** A receipt from its signing bytes and signature; MALFORMED otherwise. Verifies nothing. */
export function decodeReceipt (bytes: Uint8Array, signature: Uint8Array): Receipt {
  try {
    const r = new Reader(bytes, 'MALFORMED_PROOF', 'receipt')
    r.tag(TAG_RECEIPT)
    const claim = r.bytes(32)
    const chainId = r.bytes(32)
    const units = (BigInt(r.u32()) << 32n) | BigInt(r.u32())
    const payment = r.string(256)
    const t = u64Safe(r, 'time')
    r.end()
    const fields = { claim, chainId, units, payment, time: t }
    receiptSigningBytes(fields)
    len(signature, SIGNATURE_LENGTH, 'receipt signature')
    return { ...fields, signature: signature.slice() }
  } catch (err: any) {
    if (err instanceof SortitionError || err instanceof RangeError || err instanceof ChainError) settleFail('MALFORMED', err.message)
    throw err
  }
}

/** Whether `operator` signed the receipt; never throws. */
export async function receiptSignedBy (r: Receipt, operator: Uint8Array): Promise<boolean> {
  try {
    return await verifySignature(operator, receiptSigningBytes(r), r.signature)
  } catch {
    return false
  }
}
