// Evidence on the wire (protos/evidence.proto): the gossip payload of
// /sortlift/evidence/1. Signed parts travel as their canonical signing bytes
// plus signature and are decoded strictly (record-codec.ts). Decoding checks
// shape only; verifyEvidence (evidence.ts) judges.
import { Evidence as WireEvidence } from '../../protos/evidence.js'
import type { SignedBytes } from '../../protos/evidence.js'
import { chainSigningBytes } from './chain.js'
import type { SignedChain } from './chain.js'
import { commitmentSigningBytes } from './commitment.js'
import type { SignedCommitment } from './commitment.js'
import { decodeChainRecord, decodeCommitment } from './record-codec.js'
import { ChainError } from './chain-errors.js'
import { EVIDENCE_KINDS, MAX_CUSTODY_RECORDS, encodeEvidence } from './evidence.js'
import { encodeClaim, decodeClaim } from './claim-encoding.js'
import { SettlementError } from './settlement-errors.js'
import type { Evidence, EvidenceKind, ProvenLeaf } from './evidence.js'
import { evidenceFail } from './evidence-errors.js'

/** largest gossip payload a node accepts on /sortlift/evidence/1 */
export const MAX_EVIDENCE_MESSAGE = 1024 * 1024

const KIND_OF_CODE = new Map<number, EvidenceKind>([
  [EVIDENCE_KINDS.DOUBLE_COMMITMENT, 'DOUBLE_COMMITMENT'],
  [EVIDENCE_KINDS.AFTER_TRADING_END, 'AFTER_TRADING_END'],
  [EVIDENCE_KINDS.UNAUTHORISED_MOVE, 'UNAUTHORISED_MOVE'],
  [EVIDENCE_KINDS.UNPAID_CLAIM, 'UNPAID_CLAIM']
])

function signedChain (c: SignedChain): SignedBytes {
  return { signingBytes: chainSigningBytes(c) as Uint8Array<ArrayBuffer>, signature: c.signature as Uint8Array<ArrayBuffer> }
}

function signedCommitment (c: SignedCommitment): SignedBytes {
  return { signingBytes: commitmentSigningBytes(c) as Uint8Array<ArrayBuffer>, signature: c.signature as Uint8Array<ArrayBuffer> }
}

function provenToWire (p: ProvenLeaf): { commitment: SignedBytes, proof: Uint8Array<ArrayBuffer> } {
  return { commitment: signedCommitment(p.commitment), proof: p.proof as Uint8Array<ArrayBuffer> }
}

/** The gossip payload for evidence (checked by the canonical encoder first); TOO_LARGE beyond what nodes accept. */
export function encodeEvidenceWire (e: Evidence): Uint8Array {
  encodeEvidence(e) // shape and size checks, typed errors
  const out = encodeWire(e)
  if (out.length > MAX_EVIDENCE_MESSAGE) evidenceFail('TOO_LARGE', `evidence of ${out.length} bytes exceeds the ${MAX_EVIDENCE_MESSAGE} a node accepts`)
  return out
}

function encodeWire (e: Evidence): Uint8Array {
  const base = { kind: EVIDENCE_KINDS[e.kind], chain: signedChain(e.chain), commitments: [] as SignedBytes[], records: [] as SignedBytes[], claim: new Uint8Array(0) }
  switch (e.kind) {
    case 'DOUBLE_COMMITMENT': return WireEvidence.encode({ ...base, commitments: [signedCommitment(e.first), signedCommitment(e.second)] })
    case 'AFTER_TRADING_END': return WireEvidence.encode({ ...base, commitments: [signedCommitment(e.commitment)] })
    case 'UNAUTHORISED_MOVE': return WireEvidence.encode({
      ...base,
      before: provenToWire(e.before),
      after: provenToWire(e.after),
      records: e.records.map(r => ({ signingBytes: r.signingBytes as Uint8Array<ArrayBuffer>, signature: r.signature as Uint8Array<ArrayBuffer> }))
    })
    case 'UNPAID_CLAIM': return WireEvidence.encode({ ...base, claim: encodeClaim(e.claim) })
  }
}

function wrap<T> (what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err: any) {
    if (err instanceof ChainError || err instanceof SettlementError) evidenceFail('MALFORMED', `${what}: ${err.message}`)
    throw err
  }
}

function commitmentOf (s: SignedBytes | undefined, what: string): SignedCommitment {
  if (s == null) evidenceFail('MALFORMED', `${what} is missing`)
  return wrap(what, () => decodeCommitment(s.signingBytes, s.signature))
}

function provenOf (p: { commitment?: SignedBytes, proof: Uint8Array } | undefined, what: string): ProvenLeaf {
  if (p == null) evidenceFail('MALFORMED', `the ${what} leaf is missing`)
  return { commitment: commitmentOf(p.commitment, `${what} commitment`), proof: p.proof }
}

/**
 * Decodes a gossip payload. Throws EvidenceError: TOO_LARGE, MALFORMED, or
 * UNSUPPORTED_KIND for a kind this node does not judge (the caller ignores
 * those rather than penalising: newer nodes may know more kinds).
 */
export function decodeEvidenceWire (data: Uint8Array): Evidence {
  if (data.length > MAX_EVIDENCE_MESSAGE) evidenceFail('TOO_LARGE', `evidence of ${data.length} bytes exceeds ${MAX_EVIDENCE_MESSAGE}`)
  let m: WireEvidence
  try {
    m = WireEvidence.decode(data, { limits: { commitments: 2, records: MAX_CUSTODY_RECORDS } })
  } catch (err: any) {
    return evidenceFail('MALFORMED', `not an evidence message: ${err?.message ?? err}`)
  }
  const kind = KIND_OF_CODE.get(m.kind)
  if (kind == null) evidenceFail('UNSUPPORTED_KIND', `evidence kind ${m.kind} is not judged by this node`)
  if (m.chain == null) evidenceFail('MALFORMED', 'the chain record is missing')
  const chain = wrap('chain record', () => decodeChainRecord(m.chain!.signingBytes, m.chain!.signature))
  const wantCommitments = kind === 'DOUBLE_COMMITMENT' ? 2 : kind === 'AFTER_TRADING_END' ? 1 : 0
  if (m.commitments.length !== wantCommitments) evidenceFail('MALFORMED', `${kind} carries ${wantCommitments} commitments, not ${m.commitments.length}`)
  const move = kind === 'UNAUTHORISED_MOVE'
  if (!move && (m.before != null || m.after != null || m.records.length > 0)) evidenceFail('MALFORMED', `${kind} carries no leaves and no custody records`)
  if ((kind === 'UNPAID_CLAIM') !== (m.claim.length > 0)) evidenceFail('MALFORMED', kind === 'UNPAID_CLAIM' ? 'UNPAID_CLAIM carries a claim record' : `${kind} carries no claim`)
  switch (kind) {
    case 'DOUBLE_COMMITMENT':
      return { kind, chain, first: commitmentOf(m.commitments[0], 'first commitment'), second: commitmentOf(m.commitments[1], 'second commitment') }
    case 'AFTER_TRADING_END':
      return { kind, chain, commitment: commitmentOf(m.commitments[0], 'commitment') }
    case 'UNAUTHORISED_MOVE':
      return {
        kind,
        chain,
        before: provenOf(m.before, 'before'),
        after: provenOf(m.after, 'after'),
        records: m.records.map(r => ({ signingBytes: r.signingBytes, signature: r.signature }))
      }
    case 'UNPAID_CLAIM':
      // encodeEvidence (for the id) checks that its chain record is `chain`
      return { kind, chain, claim: wrap('claim record', () => decodeClaim(m.claim)) }
  }
}
