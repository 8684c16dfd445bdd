// Answers on the wire (protos/evidence-answer.proto): the gossip payload of
// /sortlift/evidence-answer/1. Signed parts travel as their signing bytes plus
// signature and are decoded strictly. Decoding checks shape only;
// verifyAnswer (evidence-answer.ts) judges.
import { EvidenceAnswer as WireAnswer } from '../../protos/evidence-answer.js'
import type { AnswerSignedBytes } from '../../protos/evidence-answer.js'
import { chainSigningBytes } from './chain.js'
import { commitmentSigningBytes } from './commitment.js'
import { decodeChainRecord, decodeCommitment } from './record-codec.js'
import { encodeAttestation, decodeAttestation } from './attestation.js'
import { encodeClaim, decodeClaim, receiptSigningBytes, decodeReceipt, MAX_CLAIM_ATTESTATIONS, MAX_CLAIM_PREIMAGES } from './claim-encoding.js'
import { ChainError } from './chain-errors.js'
import { SortitionError } from './errors.js'
import { SettlementError } from './settlement-errors.js'
import { ANSWER_KINDS, encodeAnswer } from './evidence-answer.js'
import type { EvidenceAnswer, AnswerKind } from './evidence-answer.js'
import { evidenceFail } from './evidence-errors.js'
import { MAX_EVIDENCE_MESSAGE } from './evidence-wire.js'

const KIND_OF_CODE = new Map<number, AnswerKind>([
  [ANSWER_KINDS.PAID, 'PAID'],
  [ANSWER_KINDS.SUPERSEDED, 'SUPERSEDED']
])

type Bytes = Uint8Array<ArrayBuffer>

function signed (signingBytes: Uint8Array, signature: Uint8Array): AnswerSignedBytes {
  return { signingBytes: signingBytes as Bytes, signature: signature as Bytes }
}

/** The gossip payload for an answer (checked by the canonical encoder first); TOO_LARGE beyond what nodes accept. */
export function encodeAnswerWire (a: EvidenceAnswer): Uint8Array {
  encodeAnswer(a) // shape and size checks, typed errors
  const empty = new Uint8Array(0)
  const out = a.kind === 'PAID'
    ? WireAnswer.encode({
      kind: ANSWER_KINDS.PAID,
      claim: encodeClaim(a.claim),
      receipt: signed(receiptSigningBytes(a.receipt), a.receipt.signature),
      beaconSignature: empty,
      proof: empty,
      attestations: [],
      preimages: []
    })
    : WireAnswer.encode({
      kind: ANSWER_KINDS.SUPERSEDED,
      claim: empty,
      chain: signed(chainSigningBytes(a.chain), a.chain.signature),
      commitment: signed(commitmentSigningBytes(a.commitment), a.commitment.signature),
      beaconSignature: a.beaconSignature as Bytes,
      proof: a.proof as Bytes,
      attestations: a.attestations.map(x => encodeAttestation(x) as Bytes),
      preimages: a.preimages as Bytes[]
    })
  if (out.length > MAX_EVIDENCE_MESSAGE) evidenceFail('TOO_LARGE', `an answer of ${out.length} bytes exceeds the ${MAX_EVIDENCE_MESSAGE} a node accepts`)
  return out
}

function wrap<T> (what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err: any) {
    if (err instanceof ChainError || err instanceof SettlementError || err instanceof SortitionError || err instanceof RangeError) evidenceFail('MALFORMED', `${what}: ${err.message}`)
    throw err
  }
}

/**
 * Decodes a gossip payload. Throws EvidenceError: TOO_LARGE, MALFORMED, or
 * UNSUPPORTED_KIND for a kind this node does not know (ignored, not penalised).
 */
export function decodeAnswerWire (data: Uint8Array): EvidenceAnswer {
  if (data.length > MAX_EVIDENCE_MESSAGE) evidenceFail('TOO_LARGE', `an answer of ${data.length} bytes exceeds ${MAX_EVIDENCE_MESSAGE}`)
  let m: WireAnswer
  try {
    m = WireAnswer.decode(data, { limits: { attestations: MAX_CLAIM_ATTESTATIONS, preimages: MAX_CLAIM_PREIMAGES } })
  } catch (err: any) {
    return evidenceFail('MALFORMED', `not an answer message: ${err?.message ?? err}`)
  }
  const kind = KIND_OF_CODE.get(m.kind)
  if (kind == null) evidenceFail('UNSUPPORTED_KIND', `answer kind ${m.kind} is not known to this node`)
  const superseded = m.chain != null || m.commitment != null || m.beaconSignature.length > 0 || m.proof.length > 0 || m.attestations.length > 0 || m.preimages.length > 0
  if (kind === 'PAID') {
    if (m.claim.length === 0 || m.receipt == null) evidenceFail('MALFORMED', 'a PAID answer carries a claim record and a receipt')
    if (superseded) evidenceFail('MALFORMED', 'a PAID answer carries no chain, commitment, beacon, proof, attestations or preimages')
    const r = m.receipt
    return { kind, claim: wrap('claim record', () => decodeClaim(m.claim)), receipt: wrap('receipt', () => decodeReceipt(r.signingBytes, r.signature)) }
  }
  if (m.claim.length > 0 || m.receipt != null) evidenceFail('MALFORMED', 'a SUPERSEDED answer carries no claim and no receipt')
  if (m.chain == null || m.commitment == null) evidenceFail('MALFORMED', 'a SUPERSEDED answer carries a chain record and a commitment')
  const chain = m.chain
  const commitment = m.commitment
  return {
    kind,
    chain: wrap('chain record', () => decodeChainRecord(chain.signingBytes, chain.signature)),
    commitment: wrap('commitment', () => decodeCommitment(commitment.signingBytes, commitment.signature)),
    beaconSignature: m.beaconSignature,
    proof: m.proof,
    attestations: m.attestations.map((b, i) => wrap(`attestation ${i}`, () => decodeAttestation(b))),
    preimages: m.preimages
  }
}
