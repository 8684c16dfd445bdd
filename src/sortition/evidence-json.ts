// The JSON form of evidence: files (`sortlift evidence submit FILE`), the
// control API and what `evidence show` prints. Chain records and commitments
// use their usual JSON forms (chain.ts, commitment.ts); proofs, custody
// records and claim records are hex. Parsing checks shape only; verifyEvidence judges.
import { fromHex, toHex } from '../crypto/bytes.js'
import { chainFromJson, chainToJson } from './chain.js'
import type { ChainJson } from './chain.js'
import { commitmentFromJson, commitmentToJson } from './commitment.js'
import type { CommitmentJson } from './commitment.js'
import { ChainError } from './chain-errors.js'
import { EVIDENCE_KINDS, MAX_CUSTODY_RECORDS } from './evidence.js'
import type { Evidence, EvidenceKind, ProvenLeaf } from './evidence.js'
import { evidenceFail } from './evidence-errors.js'
import { encodeClaim, decodeClaim } from './claim-encoding.js'
import { SettlementError } from './settlement-errors.js'

export const EVIDENCE_FORMAT = 'sortlift-evidence' as const

export interface ProvenLeafJson { commitment: CommitmentJson, proof: string }
export interface CustodyRecordJson { signingBytes: string, signature: string }

export interface EvidenceJson {
  format: typeof EVIDENCE_FORMAT
  version: 1
  kind: EvidenceKind
  chain: ChainJson
  /** DOUBLE_COMMITMENT */
  first?: CommitmentJson
  second?: CommitmentJson
  /** AFTER_TRADING_END */
  commitment?: CommitmentJson
  /** UNAUTHORISED_MOVE */
  before?: ProvenLeafJson
  after?: ProvenLeafJson
  records?: CustodyRecordJson[]
  /** UNPAID_CLAIM: the claim record (§8.19), hex */
  claim?: string
}

function provenToJson (p: ProvenLeaf): ProvenLeafJson {
  return { commitment: commitmentToJson(p.commitment), proof: toHex(p.proof) }
}

export function evidenceToJson (e: Evidence): EvidenceJson {
  const base = { format: EVIDENCE_FORMAT, version: 1 as const, kind: e.kind, chain: chainToJson(e.chain) }
  switch (e.kind) {
    case 'DOUBLE_COMMITMENT': return { ...base, first: commitmentToJson(e.first), second: commitmentToJson(e.second) }
    case 'AFTER_TRADING_END': return { ...base, commitment: commitmentToJson(e.commitment) }
    case 'UNAUTHORISED_MOVE': return {
      ...base,
      before: provenToJson(e.before),
      after: provenToJson(e.after),
      records: e.records.map(r => ({ signingBytes: toHex(r.signingBytes), signature: toHex(r.signature) }))
    }
    case 'UNPAID_CLAIM': return { ...base, claim: toHex(encodeClaim(e.claim)) }
  }
}

function hex (v: unknown, what: string): Uint8Array {
  if (typeof v !== 'string') evidenceFail('MALFORMED', `${what} must be a hex string`)
  try {
    return fromHex(v)
  } catch {
    return evidenceFail('MALFORMED', `${what} is not hex`)
  }
}

function commitment (j: unknown, what: string): ReturnType<typeof commitmentFromJson> {
  if (j == null || typeof j !== 'object') evidenceFail('MALFORMED', `${what} is missing`)
  try {
    return commitmentFromJson(j as CommitmentJson)
  } catch (err: any) {
    if (err instanceof ChainError) evidenceFail('MALFORMED', `${what}: ${err.message}`)
    throw err
  }
}

function proven (j: any, what: string): ProvenLeaf {
  if (j == null || typeof j !== 'object') evidenceFail('MALFORMED', `the ${what} leaf is missing`)
  return { commitment: commitment(j.commitment, `${what} commitment`), proof: hex(j.proof, `${what} proof`) }
}

/** Parses the JSON form; throws EvidenceError MALFORMED / UNSUPPORTED_KIND / TOO_LARGE. */
export function evidenceFromJson (j: any): Evidence {
  if (j == null || typeof j !== 'object' || j.format !== EVIDENCE_FORMAT || j.version !== 1) evidenceFail('MALFORMED', `not a ${EVIDENCE_FORMAT} document (version 1)`)
  const kind = j.kind as EvidenceKind
  if (typeof kind !== 'string' || !Object.hasOwn(EVIDENCE_KINDS, kind)) evidenceFail('UNSUPPORTED_KIND', `evidence kind ${JSON.stringify(j.kind)} is not judged by this node`)
  if (j.chain == null || typeof j.chain !== 'object') evidenceFail('MALFORMED', 'the chain record is missing')
  let chain
  try {
    chain = chainFromJson(j.chain)
  } catch (err: any) {
    if (err instanceof ChainError) evidenceFail('MALFORMED', `chain record: ${err.message}`)
    throw err
  }
  switch (kind) {
    case 'DOUBLE_COMMITMENT': return { kind, chain, first: commitment(j.first, 'first commitment'), second: commitment(j.second, 'second commitment') }
    case 'AFTER_TRADING_END': return { kind, chain, commitment: commitment(j.commitment, 'commitment') }
    case 'UNAUTHORISED_MOVE': {
      const records = j.records ?? []
      if (!Array.isArray(records)) evidenceFail('MALFORMED', 'records must be a list')
      if (records.length > MAX_CUSTODY_RECORDS) evidenceFail('TOO_LARGE', `at most ${MAX_CUSTODY_RECORDS} custody records`)
      return {
        kind,
        chain,
        before: proven(j.before, 'before'),
        after: proven(j.after, 'after'),
        records: records.map((r: any, i: number) => ({ signingBytes: hex(r?.signingBytes, `record ${i} signingBytes`), signature: hex(r?.signature, `record ${i} signature`) }))
      }
    }
    case 'UNPAID_CLAIM': {
      const bytes = hex(j.claim, 'claim')
      try {
        return { kind, chain, claim: decodeClaim(bytes) }
      } catch (err: any) {
        if (err instanceof SettlementError) evidenceFail('MALFORMED', `claim record: ${err.message}`)
        throw err
      }
    }
  }
}
