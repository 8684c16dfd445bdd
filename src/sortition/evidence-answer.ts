// The operator's answers to UNPAID_CLAIM evidence (PROTOCOL.md §8.24). Pure.
//
// An unpaid claim cannot be proven: the accusation stands until the operator
// shows, with things only it can sign, why nothing is owed for it:
//
//   PAID        a claim on the chain and the operator's receipt for it. It
//               answers an accusation on the same claim, on any claim of the
//               same winner (one winner is paid once, whichever claim it
//               signed), on any claim against the same commitment (the first
//               valid claim recorded is the one paid), and on any claim
//               against an older commitment (stale: the operator pays claims
//               against its final commitment).
//   SUPERSEDED  a later commitment of the chain (stamped by the trading end)
//               and the leaf the draw lands in under it, owned by someone
//               else: what an honest operator shows for a claim signed by a
//               former owner against an older commitment, when the final
//               winner has not claimed yet. It answers an accusation on a
//               claim against a lower height whose winner is not that leaf's
//               owner.
//
// Without the second kind a former owner could keep an honest operator marked
// until the real winner claims; without the wider PAID rule a winner could
// sign a second claim after being paid and accuse with it.
//
// Canonical encoding — tag "sortlift/v1/evidence-answer", u8 kind, then
//   1 PAID:       bytes(claim record), bytes(receipt signing bytes), bytes(receipt signature)
//   2 SUPERSEDED: bytes(chain signing bytes), bytes(chain signature),
//                 bytes(commitment signing bytes), bytes(commitment signature),
//                 bytes(beacon signature 48), bytes(proof),
//                 u32 n, n × bytes(attestation record), u32 m, m × bytes(preimage)
// Answer id = H(encoding).
import { CanonicalWriter } from '../crypto/canonical.js'
import { sha256 } from '../crypto/hash.js'
import { equalBytes, toHex } from '../crypto/bytes.js'
import type { BeaconNetwork } from '../beacon/networks.js'
import { chainSigningBytes, validateChain } from './chain.js'
import type { SignedChain } from './chain.js'
import { ChainError } from './chain-errors.js'
import { commitmentHash, commitmentSigningBytes } from './commitment.js'
import type { SignedCommitment } from './commitment.js'
import { encodeAttestation } from './attestation.js'
import type { Attestation } from './attestation.js'
import { SortitionError } from './errors.js'
import {
  encodeClaim, claimHash, receiptSigningBytes, receiptHash, receiptSignedBy,
  BEACON_SIGNATURE_LENGTH, MAX_CLAIM_PROOF_BYTES, MAX_CLAIM_ATTESTATIONS, MAX_CLAIM_PREIMAGES, MAX_PREIMAGE_BYTES
} from './claim-encoding.js'
import type { Claim, Receipt } from './claim-encoding.js'
import { verifyClaim, verifyWinningLeaf } from './claim-verify.js'
import { SettlementError } from './settlement-errors.js'
import { MAX_CLAIM_RECORD_BYTES, winnerName } from './evidence.js'
import type { UnpaidFacts } from './evidence.js'
import { evidenceFail } from './evidence-errors.js'

export const TAG_EVIDENCE_ANSWER = 'sortlift/v1/evidence-answer'

export const ANSWER_KINDS = { PAID: 1, SUPERSEDED: 2 } as const
export type AnswerKindName = keyof typeof ANSWER_KINDS

export interface PaidAnswer { kind: 'PAID', claim: Claim, receipt: Receipt }
export interface SupersededAnswer {
  kind: 'SUPERSEDED'
  chain: SignedChain
  /** a commitment of the chain later than the accused claim's */
  commitment: SignedCommitment
  /** the chain's beacon round */
  beaconSignature: Uint8Array
  /** binary proof of the leaf the draw lands in, against the commitment's root */
  proof: Uint8Array
  attestations: Attestation[]
  preimages: Uint8Array[]
}
export type EvidenceAnswer = PaidAnswer | SupersededAnswer
export type AnswerKind = EvidenceAnswer['kind']

/** What a verified answer shows (hex strings, JSON-safe: stored as is). */
export interface AnswerFacts {
  id: string
  kind: AnswerKind
  chainId: string
  /** the operator key that signed it (the chain record's) */
  operator: string
  /** PAID: the claim paid, the receipt's hash and payment */
  claimHash?: string
  receipt?: string
  payment?: string
  /** the winner at `commitment` ("user:<key hex>" / "child:<chain id hex>") */
  winner: string
  commitment: string
  commitmentHeight: number
  detail: string
}

export function answerChain (a: EvidenceAnswer): SignedChain {
  return a.kind === 'PAID' ? a.claim.chain : a.chain
}

/** Re-throws encoder failures of the lower layers as MALFORMED. */
function guard<T> (what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err: any) {
    if (err instanceof ChainError || err instanceof SortitionError || err instanceof SettlementError || err instanceof RangeError) evidenceFail('MALFORMED', `${what}: ${err.message}`)
    throw err
  }
}

function bytesOf (b: unknown, what: string, max?: number): Uint8Array {
  if (!(b instanceof Uint8Array)) evidenceFail('MALFORMED', `${what} must be bytes`)
  if (max != null && b.length > max) evidenceFail('TOO_LARGE', `${what} is longer than ${max} bytes`)
  return b
}

/** The canonical encoding (what the id hashes). Throws EvidenceError MALFORMED / TOO_LARGE / UNSUPPORTED_KIND. */
export function encodeAnswer (a: EvidenceAnswer): Uint8Array {
  const code = Object.hasOwn(ANSWER_KINDS, a?.kind) ? ANSWER_KINDS[a.kind as AnswerKindName] : undefined
  if (code == null) evidenceFail('UNSUPPORTED_KIND', `unknown answer kind ${JSON.stringify((a as any)?.kind)}`)
  const w = new CanonicalWriter(TAG_EVIDENCE_ANSWER).u8(code)
  if (a.kind === 'PAID') {
    if (a.claim == null || a.receipt == null) evidenceFail('MALFORMED', 'a PAID answer carries a claim and a receipt')
    const record = guard('claim record', () => encodeClaim(a.claim))
    if (record.length > MAX_CLAIM_RECORD_BYTES) evidenceFail('TOO_LARGE', `the claim record is longer than ${MAX_CLAIM_RECORD_BYTES} bytes`)
    w.bytes(record).bytes(guard('receipt', () => receiptSigningBytes(a.receipt))).bytes(bytesOf(a.receipt.signature, 'receipt signature'))
  } else {
    if (a.chain == null || a.commitment == null) evidenceFail('MALFORMED', 'a SUPERSEDED answer carries a chain record and a commitment')
    w.bytes(guard('chain record', () => chainSigningBytes(a.chain))).bytes(bytesOf(a.chain.signature, 'chain signature'))
    w.bytes(guard('commitment', () => commitmentSigningBytes(a.commitment))).bytes(bytesOf(a.commitment.signature, 'commitment signature'))
    const beacon = bytesOf(a.beaconSignature, 'beacon signature')
    if (beacon.length !== BEACON_SIGNATURE_LENGTH) evidenceFail('MALFORMED', `a beacon signature is ${BEACON_SIGNATURE_LENGTH} bytes`)
    w.bytes(beacon).bytes(bytesOf(a.proof, 'proof', MAX_CLAIM_PROOF_BYTES))
    if (!Array.isArray(a.attestations) || !Array.isArray(a.preimages)) evidenceFail('MALFORMED', 'attestations and preimages must be lists')
    if (a.attestations.length > MAX_CLAIM_ATTESTATIONS) evidenceFail('TOO_LARGE', `at most ${MAX_CLAIM_ATTESTATIONS} attestations`)
    if (a.preimages.length > MAX_CLAIM_PREIMAGES) evidenceFail('TOO_LARGE', `at most ${MAX_CLAIM_PREIMAGES} preimages`)
    w.u32(a.attestations.length)
    for (const [i, at] of a.attestations.entries()) w.bytes(guard(`attestation ${i}`, () => encodeAttestation(at)))
    w.u32(a.preimages.length)
    for (const [i, p] of a.preimages.entries()) w.bytes(bytesOf(p, `preimage ${i}`, MAX_PREIMAGE_BYTES))
  }
  return w.finish()
}

/** Answer id = H(canonical encoding). */
export function answerId (a: EvidenceAnswer): Uint8Array<ArrayBuffer> {
  return sha256(encodeAnswer(a))
}

/** A settlement failure of an answer's parts, as an EvidenceError. */
function settlementFailure (err: unknown, code: 'BAD_CLAIM' | 'BAD_ANSWER'): never {
  if (err instanceof SettlementError) evidenceFail(err.code === 'BAD_BEACON' ? 'BAD_BEACON' : code, `${err.code}: ${err.message}`)
  throw err
}

async function verifyPaid (a: PaidAnswer, network: BeaconNetwork): Promise<Omit<AnswerFacts, 'id' | 'kind' | 'chainId' | 'operator'>> {
  let v: Awaited<ReturnType<typeof verifyClaim>>
  try {
    v = await verifyClaim(a.claim, { network })
  } catch (err) { return settlementFailure(err, 'BAD_CLAIM') }
  const chain = a.claim.chain
  const r = a.receipt
  if (!await receiptSignedBy(r, chain.operator)) evidenceFail('BAD_RECEIPT', 'the receipt is not signed by the chain\'s operator')
  if (!equalBytes(r.claim, v.hash)) evidenceFail('BAD_RECEIPT', 'the receipt is for another claim')
  if (!equalBytes(r.chainId, chain.id)) evidenceFail('BAD_RECEIPT', 'the receipt is for another chain')
  if (r.units !== chain.value) evidenceFail('BAD_RECEIPT', `the receipt pays ${r.units}, the chain's value is ${chain.value}`)
  const claim = toHex(v.hash)
  return {
    claimHash: claim,
    receipt: toHex(receiptHash(r)),
    payment: r.payment,
    winner: winnerName(v.winner),
    commitment: toHex(commitmentHash(a.claim.commitment)),
    commitmentHeight: a.claim.commitment.height,
    detail: `claim ${claim} of ${winnerName(v.winner)} paid ${r.units} by ${r.payment}`
  }
}

async function verifySuperseded (a: SupersededAnswer, network: BeaconNetwork): Promise<Omit<AnswerFacts, 'id' | 'kind' | 'chainId' | 'operator'>> {
  let leaf: Awaited<ReturnType<typeof verifyWinningLeaf>>['leaf']
  try {
    ({ leaf } = await verifyWinningLeaf({ ...a, beaconRound: a.chain.beaconRound }, { network }))
  } catch (err) { return settlementFailure(err, 'BAD_ANSWER') }
  // an honest operator never unassigns a point: an unassigned leaf here would be its own fraud, not an answer
  if (leaf.owner.kind === 'unassigned') evidenceFail('BAD_ANSWER', 'the draw lands in an unassigned leaf under the later commitment')
  const winner = winnerName(leaf.owner)
  return {
    winner,
    commitment: toHex(commitmentHash(a.commitment)),
    commitmentHeight: a.commitment.height,
    detail: `at height ${a.commitment.height} the draw lands in the leaf of ${winner}`
  }
}

/**
 * Verifies an answer with nothing but its parts and the beacon network this
 * node follows. Throws EvidenceError: NO_BEACON / BAD_BEACON (cannot judge),
 * BAD_CHAIN, BAD_CLAIM, BAD_RECEIPT, BAD_ANSWER, MALFORMED, TOO_LARGE.
 */
export async function verifyAnswer (a: EvidenceAnswer, ctx: { network?: BeaconNetwork }): Promise<AnswerFacts> {
  const id = toHex(answerId(a)) // also checks every field's shape
  const chain = answerChain(a)
  try {
    await validateChain(chain)
  } catch (err: any) {
    if (err instanceof ChainError) evidenceFail(err.code === 'MALFORMED' ? 'MALFORMED' : 'BAD_CHAIN', `chain record: ${err.message}`)
    throw err
  }
  if (ctx.network == null) evidenceFail('NO_BEACON', 'this node follows no beacon network: it cannot judge an answer')
  const f = a.kind === 'PAID' ? await verifyPaid(a, ctx.network) : await verifySuperseded(a, ctx.network)
  return { id, kind: a.kind, chainId: toHex(chain.id), operator: toHex(chain.operator), ...f }
}

/** Whether a verified answer shows that nothing is owed for an accused claim (see the top of this file). */
export function answerCovers (a: AnswerFacts, chainId: string, accused: UnpaidFacts): boolean {
  if (a.chainId !== chainId) return false
  if (a.kind === 'PAID') {
    return a.claimHash === accused.claimHash || a.winner === accused.winner || a.commitment === accused.commitment || accused.commitmentHeight < a.commitmentHeight
  }
  return accused.commitmentHeight < a.commitmentHeight && a.winner !== accused.winner
}
