// Builds the evidence test vectors from fixed seeds: one evidence of each kind
// (for UNAUTHORISED_MOVE one per ground), its JSON form, canonical encoding,
// id, wire payload and what it proves; and one operator's answer to
// UNPAID_CLAIM of each kind (encoding, id, wire, what it shows). UNPAID_CLAIM
// and answers are judged with the local beacon of test/vectors/claim.json and,
// for the claim, a clock (`verifyAt`). test/unit/evidence-vectors.spec.ts
// checks the implementation against test/vectors/evidence.json and that this
// builder still produces it. Write the file deliberately, after a reviewed change:
//   npm run build && node dist/test/vectors/make-evidence-vectors.js
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toHex } from '../../src/crypto/bytes.js'
import { sha256 } from '../../src/crypto/hash.js'
import { signCommitment } from '../../src/sortition/commitment.js'
import { SPACE } from '../../src/sortition/space.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { encodeEvidence, verifyEvidence } from '../../src/sortition/evidence.js'
import type { Evidence } from '../../src/sortition/evidence.js'
import { encodeAnswer, verifyAnswer } from '../../src/sortition/evidence-answer.js'
import type { EvidenceAnswer, AnswerFacts } from '../../src/sortition/evidence-answer.js'
import { encodeAnswerWire } from '../../src/sortition/evidence-answer-wire.js'
import { claimDeadline } from '../../src/sortition/claim-verify.js'
import { buildClaimScenario } from './make-claim-vectors.js'
import { buildStaleScenario } from '../helpers/unpaid-fixtures.js'
import { encodeEvidenceWire } from '../../src/sortition/evidence-wire.js'
import { evidenceToJson } from '../../src/sortition/evidence-json.js'
import type { EvidenceJson } from '../../src/sortition/evidence-json.js'
import { SimOperator, seeded, user, leafOf } from '../helpers/evidence-fixtures.js'

export interface EvidenceVector {
  name: string
  evidence: EvidenceJson
  /** canonical encoding (tag "sortlift/v1/evidence"), hex */
  encoding: string
  /** H(encoding) */
  id: string
  /** protobuf payload on /sortlift/evidence/1 as this implementation writes it (informative: the id is over `encoding`) */
  wire: string
  /** UNPAID_CLAIM: the clock (ms) it is judged at, past the claim's deadline */
  verifyAt?: number
  finding: { kind: string, operator: string, chainId: string, height: number, ground?: string, claimHash?: string, winner?: string, deadline?: number }
}

export interface AnswerVector {
  name: string
  /** canonical encoding (tag "sortlift/v1/evidence-answer"), hex */
  encoding: string
  /** H(encoding) */
  id: string
  /** protobuf payload on /sortlift/evidence-answer/1 (informative) */
  wire: string
  facts: Pick<AnswerFacts, 'kind' | 'chainId' | 'operator' | 'claimHash' | 'receipt' | 'winner' | 'commitment' | 'commitmentHeight'>
}

export interface EvidenceVectors {
  about: string
  seeds: { operator: number, owners: number[] }
  vectors: EvidenceVector[]
  answers: AnswerVector[]
}

const Q = SPACE / 4n

export async function buildEvidenceVectors (): Promise<EvidenceVectors> {
  const op = await seeded(1)
  const [k1, k2, k3] = await Promise.all([11, 12, 13].map(seeded))
  const out: Array<[string, Evidence]> = []

  // DOUBLE_COMMITMENT and AFTER_TRADING_END on one chain that closes at T0 + 10 s
  const sim = await SimOperator.create(op, 'vectors: fork', 1_700_000_010_000)
  await sim.issue(user(k1), 0n, Q, 'fork i1')
  const c1 = await sim.commit()
  const alt = await signCommitment(op, { ...c1, root: sha256(new TextEncoder().encode('another root')), children: [] })
  out.push(['double commitment at height 1', { kind: 'DOUBLE_COMMITMENT', chain: sim.chain, first: c1, second: alt }])
  const late = await sim.commit(1_700_000_010_001)
  out.push(['commitment 1 ms after the trading end', { kind: 'AFTER_TRADING_END', chain: sim.chain, commitment: late }])

  // UNAUTHORISED_MOVE, one chain per ground; K1 buys [0, Q) at height 1
  const start = async (label: string): Promise<{ s: SimOperator, at1: ReturnType<SimOperator['leafAt']>, i1: Awaited<ReturnType<SimOperator['issue']>> }> => {
    const s = await SimOperator.create(op, label)
    const i1 = await s.issue(user(k1), 0n, Q, `${label} i1`)
    await s.commit()
    return { s, at1: s.leafAt(5n), i1 }
  }
  {
    const { s, at1 } = await start('vectors: reissued')
    const i2 = await s.issueRecord(user(k2), 0n, Q, 'reissued i2')
    s.force(5n, leafOf(user(k2), i2.custody))
    const t = await s.transferRecord(k2, 5n, user(k3), 'reissued t23')
    s.force(5n, leafOf(user(k3), t.custody))
    await s.commit()
    out.push(['reissued: K1\'s region issued again to K2, who passed it to K3', { kind: 'UNAUTHORISED_MOVE', chain: s.chain, before: at1, after: s.leafAt(5n), records: [i2, t].map(r => ({ signingBytes: r.signingBytes, signature: r.signature })) }])
  }
  {
    const { s, at1, i1 } = await start('vectors: forged')
    const t = await s.transferRecord(k2, 5n, user(k2), 'forged t')
    s.force(5n, leafOf(user(k2), t.custody))
    await s.commit()
    out.push(['forged-transfer: K1\'s region moved by a transfer K2 signed', { kind: 'UNAUTHORISED_MOVE', chain: s.chain, before: at1, after: s.leafAt(5n), records: [i1, t].map(r => ({ signingBytes: r.signingBytes, signature: r.signature })) }])
  }
  {
    const { s, at1, i1 } = await start('vectors: mismatch')
    s.force(5n, leafOf(user(k2), i1.custody))
    await s.commit()
    out.push(['owner-mismatch: K1\'s custody held by K2', { kind: 'UNAUTHORISED_MOVE', chain: s.chain, before: at1, after: s.leafAt(5n), records: [] }])
  }
  {
    const { s, at1 } = await start('vectors: reclaimed')
    s.tree = new SortitionTree()
    await s.commit()
    out.push(['reclaimed: K1\'s region unassigned later', { kind: 'UNAUTHORISED_MOVE', chain: s.chain, before: at1, after: s.leafAt(5n), records: [] }])
  }

  // UNPAID_CLAIM: the claim of test/vectors/claim.json, judged a millisecond after its deadline
  const cs = await buildClaimScenario()
  const network = cs.beacon.network
  const verifyAt = claimDeadline(cs.claim) + 1
  out.push(['unpaid claim: the winner\'s claim of claim.json, past its deadline', { kind: 'UNPAID_CLAIM', chain: cs.chain, claim: cs.claim }])

  const vectors: EvidenceVector[] = []
  for (const [name, e] of out) {
    const at = e.kind === 'UNPAID_CLAIM' ? verifyAt : undefined
    const f = await verifyEvidence(e, { network, now: at })
    const encoding = encodeEvidence(e)
    vectors.push({
      name,
      evidence: evidenceToJson(e),
      encoding: toHex(encoding),
      id: toHex(sha256(encoding)),
      wire: toHex(encodeEvidenceWire(e)),
      ...(at != null ? { verifyAt: at } : {}),
      finding: findingOf(f)
    })
  }

  const stale = await buildStaleScenario()
  const answers: Array<[string, EvidenceAnswer]> = [
    ['PAID: the claim of claim.json and its receipt', { kind: 'PAID', claim: cs.claim, receipt: cs.receipt }],
    ['SUPERSEDED: the final settlement (B\'s leaf at height 2) of a chain A sold to B', stale.superseded]
  ]
  const answerVectors: AnswerVector[] = []
  for (const [name, a] of answers) {
    const f = await verifyAnswer(a, { network })
    const encoding = encodeAnswer(a)
    answerVectors.push({
      name,
      encoding: toHex(encoding),
      id: toHex(sha256(encoding)),
      wire: toHex(encodeAnswerWire(a)),
      facts: answerFactsOf(f)
    })
  }
  return {
    about: 'sortlift fraud evidence and answers to UNPAID_CLAIM: canonical encodings, ids, wire payloads and findings (PROTOCOL.md §8.24); keys are Ed25519 from 32-byte seeds filled with the given byte; claims, receipts and the beacon are those of test/vectors/claim.json',
    seeds: { operator: 1, owners: [11, 12, 13] },
    vectors,
    answers: answerVectors
  }
}

export function findingOf (f: Awaited<ReturnType<typeof verifyEvidence>>): EvidenceVector['finding'] {
  return {
    kind: f.kind,
    operator: toHex(f.operator),
    chainId: toHex(f.chainId),
    height: f.height,
    ...(f.ground != null ? { ground: f.ground } : {}),
    ...(f.unpaid != null ? { claimHash: f.unpaid.claimHash, winner: f.unpaid.winner, deadline: f.unpaid.deadline } : {})
  }
}

export function answerFactsOf (f: AnswerFacts): AnswerVector['facts'] {
  const { kind, chainId, operator, claimHash, receipt, winner, commitment, commitmentHeight } = f
  return { kind, chainId, operator, ...(claimHash != null ? { claimHash } : {}), ...(receipt != null ? { receipt } : {}), winner, commitment, commitmentHeight }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(process.cwd(), 'test', 'vectors', 'evidence.json')
  await writeFile(out, JSON.stringify(await buildEvidenceVectors(), null, 2) + '\n')
  process.stdout.write(`wrote ${out}\n`)
}
