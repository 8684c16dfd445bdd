// UNPAID_CLAIM evidence and the operator's answers (PAID, SUPERSEDED): what
// verifies, every typed refusal, which accusations an answer covers; then the
// evidence service over a real repository (memory-level): gossip verdicts,
// marks cleared by answers, answers held before the accusation, hostile
// answers. Claims use the settlement vectors' chain and local beacon, and a
// chain A sold to B (test/helpers/unpaid-fixtures.ts).
import assert from 'node:assert/strict'
import { MemoryLevel } from 'memory-level'
import type { RootDb } from '../../src/store/db.js'
import { toHex } from '../../src/crypto/bytes.js'
import { sha256 } from '../../src/crypto/hash.js'
import { createLocalBeacon } from '../../src/beacon/local.js'
import type { BeaconNetwork } from '../../src/beacon/networks.js'
import { predicateHash } from '../../src/sortition/predicate.js'
import { encodeProof } from '../../src/sortition/proof.js'
import { signCommitment } from '../../src/sortition/commitment.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { signClaim, claimHash, signReceipt, encodeClaim } from '../../src/sortition/claim-encoding.js'
import type { Claim } from '../../src/sortition/claim-encoding.js'
import { claimDeadline } from '../../src/sortition/claim-verify.js'
import { verifyEvidence, evidenceId, encodeEvidence } from '../../src/sortition/evidence.js'
import type { UnpaidClaim, UnpaidFacts } from '../../src/sortition/evidence.js'
import { EvidenceError } from '../../src/sortition/evidence-errors.js'
import type { EvidenceErrorCode } from '../../src/sortition/evidence-errors.js'
import { decodeEvidenceWire, encodeEvidenceWire } from '../../src/sortition/evidence-wire.js'
import { evidenceFromJson, evidenceToJson } from '../../src/sortition/evidence-json.js'
import { verifyAnswer, answerCovers, answerId } from '../../src/sortition/evidence-answer.js'
import type { EvidenceAnswer, PaidAnswer, SupersededAnswer } from '../../src/sortition/evidence-answer.js'
import { decodeAnswerWire, encodeAnswerWire } from '../../src/sortition/evidence-answer-wire.js'
import { Evidence as WireEvidence } from '../../protos/evidence.js'
import { EvidenceAnswer as WireAnswer } from '../../protos/evidence-answer.js'
import { EvidenceRepository } from '../../src/store/evidence-repo.js'
import type { StoredEvidence } from '../../src/store/evidence-repo.js'
import { EvidenceService } from '../../src/sortition/evidence-service.js'
import { buildClaimScenario, BEACON_GENESIS } from '../vectors/make-claim-vectors.js'
import type { ClaimScenario } from '../vectors/make-claim-vectors.js'
import { buildStaleScenario, claimAt, PAYEE_A } from '../helpers/unpaid-fixtures.js'
import type { StaleScenario } from '../helpers/unpaid-fixtures.js'
import { SimOperator, seeded, flip, user } from '../helpers/evidence-fixtures.js'
import { dbSnapshot } from '../helpers/db.js'
import { SPACE } from '../../src/sortition/space.js'

function code (c: EvidenceErrorCode, inner?: string): (err: any) => boolean {
  return (err: any) => {
    assert.ok(err instanceof EvidenceError, `expected EvidenceError ${c}, got ${err?.stack ?? err}`)
    assert.equal(err.code, c, err.message)
    if (inner != null) assert.match(err.message, new RegExp(`^${inner}:`))
    return true
  }
}

const unpaid = (claim: Claim): UnpaidClaim => ({ kind: 'UNPAID_CLAIM', chain: claim.chain, claim })

function otherNetwork (): BeaconNetwork {
  return createLocalBeacon({ secretKey: sha256(new TextEncoder().encode('another beacon')), genesisTime: BEACON_GENESIS, period: 3 }).network
}

describe('UNPAID_CLAIM evidence and answers', () => {
  let cs: ClaimScenario
  let st: StaleScenario
  let network: BeaconNetwork
  let due: number

  before(async () => {
    cs = await buildClaimScenario()
    st = await buildStaleScenario()
    network = cs.beacon.network
    due = claimDeadline(cs.claim) + 1
  })

  /** what an accusation on `claim` accuses (verified past its deadline) */
  async function accused (claim: Claim): Promise<UnpaidFacts> {
    return (await verifyEvidence(unpaid(claim), { network, now: claimDeadline(claim) + 1 })).unpaid!
  }

  it('a valid claim past its deadline: the finding names the operator, the claim, its winner and deadline', async () => {
    const f = await verifyEvidence(unpaid(cs.claim), { network, now: due })
    assert.equal(f.kind, 'UNPAID_CLAIM')
    assert.equal(toHex(f.operator), toHex(cs.op.publicKey))
    assert.equal(toHex(f.chainId), toHex(cs.chain.id))
    assert.equal(f.height, 0)
    assert.deepEqual(f.unpaid, {
      claimHash: toHex(claimHash(cs.claim)),
      payee: cs.claim.fields.payee,
      units: '1000000',
      deadline: cs.claim.fields.time + 600_000,
      winner: `user:${toHex(cs.owner.publicKey)}`,
      commitment: f.unpaid!.commitment,
      commitmentHeight: 0
    })
    // wire and JSON keep the id
    const id = toHex(evidenceId(unpaid(cs.claim)))
    assert.equal(toHex(evidenceId(decodeEvidenceWire(encodeEvidenceWire(unpaid(cs.claim))))), id)
    assert.equal(toHex(evidenceId(evidenceFromJson(JSON.parse(JSON.stringify(evidenceToJson(unpaid(cs.claim))))))), id)
  })

  it('before the deadline (or without a clock) NOT_DUE; without a beacon network NO_BEACON; another network BAD_BEACON', async () => {
    const deadline = claimDeadline(cs.claim)
    await assert.rejects(verifyEvidence(unpaid(cs.claim), { network, now: deadline }), code('NOT_DUE'))
    await assert.rejects(verifyEvidence(unpaid(cs.claim), { network, now: cs.claim.fields.time }), code('NOT_DUE'))
    await assert.rejects(verifyEvidence(unpaid(cs.claim), { network }), code('NOT_DUE'))
    await assert.rejects(verifyEvidence(unpaid(cs.claim), { now: due }), code('NO_BEACON'))
    await assert.rejects(verifyEvidence(unpaid(cs.claim), { network: otherNetwork(), now: due }), code('BAD_BEACON'))
  })

  it('a losing claim, a claim not signed by the winner, a tampered signature, a commitment the operator did not sign: BAD_CLAIM', async () => {
    // the other user's leaf: the false side of the oracle split, which the attestation decides against
    const falseSide = [{ predicate: predicateHash(cs.predicate), value: false }]
    const losing = await signClaim(cs.other, { ...cs.claim, fields: { ...cs.claim.fields, proof: encodeProof(cs.tree.prove(0n, falseSide)) } })
    await assert.rejects(verifyEvidence(unpaid(losing), { network, now: due }), code('BAD_CLAIM', 'LOSING_REGION'))
    const forged = await signClaim(cs.other, { ...cs.claim })
    await assert.rejects(verifyEvidence(unpaid(forged), { network, now: due }), code('BAD_CLAIM', 'NOT_OWNER'))
    await assert.rejects(verifyEvidence(unpaid({ ...cs.claim, signature: flip(cs.claim.signature, 3) }), { network, now: due }), code('BAD_CLAIM', 'NOT_OWNER'))
    const foreign = await signCommitment(cs.other, cs.head)
    const underForeign = await signClaim(cs.owner, { ...cs.claim, commitment: foreign, fields: { ...cs.claim.fields, commitment: sha256(new Uint8Array([1])) } })
    await assert.rejects(verifyEvidence(unpaid(underForeign), { network, now: due }), code('BAD_CLAIM', 'BAD_COMMITMENT'))
    // the claim of a chain whose draw lands in an unassigned leaf proves nothing either
    const empty = await SimOperator.create(st.op, 'unpaid: empty', st.sim.chain.tradingEnd)
    const nobody = await claimAt(empty, empty.head, empty.prove(0n), st.a, PAYEE_A, 'unpaid: nobody', st.beacon)
    await assert.rejects(verifyEvidence(unpaid(nobody), { network, now: due }), code('BAD_CLAIM', 'UNASSIGNED'))
  })

  it('shape: one chain record per piece; the wire carries a claim for kind 4 only; a broken claim record is MALFORMED', async () => {
    assert.throws(() => encodeEvidence({ kind: 'UNPAID_CLAIM', chain: st.sim.chain, claim: cs.claim }), code('MALFORMED'))
    const m = WireEvidence.decode(encodeEvidenceWire(unpaid(cs.claim)))
    assert.equal(m.kind, 4)
    assert.deepEqual(m.claim, encodeClaim(cs.claim))
    assert.throws(() => decodeEvidenceWire(WireEvidence.encode({ ...m, claim: new Uint8Array(0) })), code('MALFORMED'))
    assert.throws(() => decodeEvidenceWire(WireEvidence.encode({ ...m, claim: m.claim.subarray(0, m.claim.length - 1) })), code('MALFORMED'))
    assert.throws(() => decodeEvidenceWire(WireEvidence.encode({ ...m, kind: 2 })), code('MALFORMED'))
    assert.throws(() => decodeEvidenceWire(WireEvidence.encode({ ...m, commitments: [{ signingBytes: new Uint8Array(1), signature: new Uint8Array(64) }] })), code('MALFORMED'))
    // the chain field is another chain's record: decodes, but the id (and so validation) refuses it
    const other = WireEvidence.decode(encodeEvidenceWire(unpaid(st.stale)))
    assert.throws(() => evidenceId(decodeEvidenceWire(WireEvidence.encode({ ...m, chain: other.chain }))), code('MALFORMED'))
    assert.throws(() => evidenceFromJson({ ...evidenceToJson(unpaid(cs.claim)), claim: 'zz' }), code('MALFORMED'))
    assert.throws(() => evidenceFromJson({ ...evidenceToJson(unpaid(cs.claim)), claim: '00' }), code('MALFORMED'))
  })

  it('PAID: covers the same claim, the same winner\'s other claims, claims on its commitment and on older ones', async () => {
    const paid: PaidAnswer = { kind: 'PAID', claim: cs.claim, receipt: cs.receipt }
    const a = await verifyAnswer(paid, { network })
    assert.equal(a.kind, 'PAID')
    assert.equal(a.claimHash, toHex(claimHash(cs.claim)))
    assert.equal(a.payment, cs.receipt.payment)
    assert.equal(a.operator, toHex(cs.op.publicKey))
    const chain = toHex(cs.chain.id)
    assert.equal(answerCovers(a, chain, await accused(cs.claim)), true)
    // the winner signs a second claim after being paid: covered
    const second = await signClaim(cs.owner, { ...cs.claim, fields: { ...cs.claim.fields, nonce: sha256(new Uint8Array([9])).subarray(0, 16), time: cs.claim.fields.time + 5_000 } })
    assert.equal(answerCovers(a, chain, await accused(second)), true)
    assert.equal(answerCovers(a, toHex(st.sim.chain.id), await accused(cs.claim)), false, 'another chain')
    // a chain sold from A to B: B's paid claim (height 2) covers A's claim on height 1 and B's own
    const paidB = await verifyAnswer({ kind: 'PAID', claim: st.final, receipt: st.receipt }, { network })
    const sc = toHex(st.sim.chain.id)
    assert.equal(answerCovers(paidB, sc, await accused(st.stale)), true)
    assert.equal(answerCovers(paidB, sc, await accused(st.final)), true)
    // but A's paid claim on height 1 does not cover B's claim on height 2
    const receiptA = await signReceipt(st.op, { ...st.receipt, claim: claimHash(st.stale) })
    const paidA = await verifyAnswer({ kind: 'PAID', claim: st.stale, receipt: receiptA }, { network })
    assert.equal(answerCovers(paidA, sc, await accused(st.final)), false)
  })

  it('PAID refused: a receipt not the operator\'s, for another claim or chain, another value; a paid claim that does not verify', async () => {
    const bad = async (receipt: typeof cs.receipt, c: EvidenceErrorCode, claim = cs.claim): Promise<void> => {
      await assert.rejects(verifyAnswer({ kind: 'PAID', claim, receipt }, { network }), code(c))
    }
    await bad(await signReceipt(cs.other, cs.receipt), 'BAD_RECEIPT')
    await bad({ ...cs.receipt, signature: flip(cs.receipt.signature, 0) }, 'BAD_RECEIPT')
    await bad(await signReceipt(cs.op, { ...cs.receipt, claim: sha256(new Uint8Array([1])) }), 'BAD_RECEIPT')
    await bad(await signReceipt(cs.op, { ...cs.receipt, chainId: st.sim.chain.id }), 'BAD_RECEIPT')
    await bad(await signReceipt(cs.op, { ...cs.receipt, units: cs.chain.value - 1n }), 'BAD_RECEIPT')
    const forged = await signClaim(cs.other, { ...cs.claim })
    await bad(await signReceipt(cs.op, { ...cs.receipt, claim: claimHash(forged) }), 'BAD_CLAIM', forged)
    await assert.rejects(verifyAnswer({ kind: 'PAID', claim: cs.claim, receipt: cs.receipt }, {}), code('NO_BEACON'))
    await assert.rejects(verifyAnswer({ kind: 'PAID', claim: cs.claim, receipt: cs.receipt }, { network: otherNetwork() }), code('BAD_BEACON'))
  })

  it('SUPERSEDED: covers a stale claim of another winner; not the final winner\'s claim, nor a stale claim of the final winner', async () => {
    const a = await verifyAnswer(st.superseded, { network })
    assert.equal(a.kind, 'SUPERSEDED')
    assert.equal(a.commitmentHeight, 2)
    assert.equal(a.winner, `user:${toHex(st.b.publicKey)}`)
    const sc = toHex(st.sim.chain.id)
    const stale = await accused(st.stale)
    assert.equal(stale.commitmentHeight, 1)
    assert.equal(answerCovers(a, sc, stale), true)
    assert.equal(answerCovers(a, sc, await accused(st.final)), false)
    assert.equal(answerCovers(a, sc, { ...stale, winner: a.winner }), false, 'the final winner is owed, whichever commitment it claimed on')
  })

  it('SUPERSEDED refused: a commitment not the operator\'s or after the trading end, a proof of another root, an unassigned leaf, another round', async () => {
    const s = st.superseded
    const bad = async (x: SupersededAnswer, c: EvidenceErrorCode, inner?: string): Promise<void> => { await assert.rejects(verifyAnswer(x, { network }), code(c, inner)) }
    await bad({ ...s, commitment: await signCommitment(st.a, s.commitment) }, 'BAD_ANSWER', 'BAD_COMMITMENT')
    await bad({ ...s, commitment: await signCommitment(st.op, { ...s.commitment, time: st.sim.chain.tradingEnd + 1 }) }, 'BAD_ANSWER', 'BAD_COMMITMENT')
    const elsewhere = new SortitionTree()
    elsewhere.apply([{ op: 'issue', lo: 0n, hi: SPACE, leaf: { owner: { kind: 'user', publicKey: st.b.publicKey }, custody: sha256(new Uint8Array([7])) } }])
    await bad({ ...s, proof: encodeProof(elsewhere.prove(0n)) }, 'BAD_ANSWER', 'BAD_PROOF')
    await bad({ ...s, beaconSignature: st.beacon.sign(BigInt(st.sim.chain.beaconRound + 1)) }, 'BAD_BEACON')
    // an operator that shows the draw's point unassigned later shows its own fraud, not an answer
    const empty = await SimOperator.create(st.op, 'unpaid: reclaimed', st.sim.chain.tradingEnd)
    await empty.issue(user(st.a), 0n, SPACE, 'reclaimed: A')
    await empty.commit()
    empty.tree = new SortitionTree()
    const later = await empty.commit()
    await bad({ ...s, chain: empty.chain, commitment: later, proof: empty.prove(0n) }, 'BAD_ANSWER')
    await bad({ ...s, chain: { ...s.chain, value: s.chain.value + 1n } }, 'BAD_CHAIN')
  })

  it('answers on the wire: round trips keep the id; malformed parts, unknown kinds, oversized payloads', async () => {
    const answers: EvidenceAnswer[] = [{ kind: 'PAID', claim: cs.claim, receipt: cs.receipt }, st.superseded]
    for (const a of answers) assert.equal(toHex(answerId(decodeAnswerWire(encodeAnswerWire(a)))), toHex(answerId(a)))
    const paid = WireAnswer.decode(encodeAnswerWire(answers[0]))
    const sup = WireAnswer.decode(encodeAnswerWire(answers[1]))
    const rejects = (data: Uint8Array, c: EvidenceErrorCode): void => { assert.throws(() => decodeAnswerWire(data), code(c)) }
    rejects(new TextEncoder().encode('not an answer'), 'MALFORMED')
    rejects(new Uint8Array(1024 * 1024 + 1), 'TOO_LARGE')
    rejects(WireAnswer.encode({ ...paid, kind: 7 }), 'UNSUPPORTED_KIND')
    rejects(WireAnswer.encode({ ...paid, receipt: undefined }), 'MALFORMED')
    rejects(WireAnswer.encode({ ...paid, proof: sup.proof }), 'MALFORMED')
    rejects(WireAnswer.encode({ ...paid, receipt: { ...paid.receipt!, signingBytes: paid.receipt!.signingBytes.subarray(1) } }), 'MALFORMED')
    rejects(WireAnswer.encode({ ...sup, claim: paid.claim }), 'MALFORMED')
    rejects(WireAnswer.encode({ ...sup, commitment: undefined }), 'MALFORMED')
    rejects(WireAnswer.encode({ ...sup, attestations: [new Uint8Array([1, 2, 3])] }), 'MALFORMED')
    assert.throws(() => answerId({ ...st.superseded, beaconSignature: new Uint8Array(47) }), code('MALFORMED'))
    assert.throws(() => answerId({ ...st.superseded, preimages: [new Uint8Array(1025)] }), code('TOO_LARGE'))
  })
})

function memDb (): RootDb {
  return new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
}

describe('UNPAID_CLAIM on a node (evidence service and repository)', () => {
  let cs: ClaimScenario
  let st: StaleScenario
  let db: RootDb
  let sent: Uint8Array[]
  let answersSent: Uint8Array[]
  let heard: StoredEvidence[]
  let service: EvidenceService
  let clock: number
  let network: BeaconNetwork | undefined

  before(async () => {
    cs = await buildClaimScenario()
    st = await buildStaleScenario()
  })

  beforeEach(() => {
    db = memDb()
    sent = []
    answersSent = []
    heard = []
    clock = claimDeadline(cs.claim) + 1
    network = cs.beacon.network
    service = new EvidenceService({
      repo: new EvidenceRepository(db),
      publish: async (d) => { sent.push(d); return 2 },
      publishAnswer: async (d) => { answersSent.push(d); return 2 },
      network: () => network,
      localPeer: 'local-peer',
      now: () => clock++
    })
    service.onUnpaid((e) => heard.push(e))
  })

  const operatorOf = (c: Claim): string => toHex(c.chain.operator)

  it('gossip: a due claim is accepted, stored with its mark and facts, and heard by listeners; again → ignore', async () => {
    const e = unpaid(cs.claim)
    const id = toHex(evidenceId(e))
    assert.equal(await service.validate(encodeEvidenceWire(e), 'peer-x'), 'accept')
    const shown = (await service.show(id))!
    assert.equal(shown.kind, 'UNPAID_CLAIM')
    assert.equal(shown.unpaid!.claimHash, toHex(claimHash(cs.claim)))
    assert.equal(shown.answered, undefined)
    assert.equal(shown.evidence.claim, toHex(encodeClaim(cs.claim)))
    assert.deepEqual((await service.marksOf(operatorOf(cs.claim))).map(m => [m.evidenceId, m.kind]), [[id, 'UNPAID_CLAIM']])
    assert.deepEqual(heard.map(h => h.id), [id])
    assert.equal(await service.validate(encodeEvidenceWire(e), 'peer-y'), 'ignore')
    assert.equal(heard.length, 1)
  })

  it('gossip: not due, no beacon network, another network → ignore and nothing stored; a forged claim → reject', async () => {
    const before = await dbSnapshot(db)
    const data = encodeEvidenceWire(unpaid(cs.claim))
    clock = claimDeadline(cs.claim) - 5_000
    assert.equal(await service.validate(data, 'p'), 'ignore')
    await assert.rejects(service.submit(unpaid(cs.claim)), code('NOT_DUE'))
    clock = claimDeadline(cs.claim) + 1
    network = undefined
    assert.equal(await service.validate(data, 'p'), 'ignore')
    await assert.rejects(service.submit(unpaid(cs.claim)), code('NO_BEACON'))
    network = otherNetwork()
    assert.equal(await service.validate(data, 'p'), 'ignore')
    network = cs.beacon.network
    const forged = await signClaim(cs.other, { ...cs.claim })
    assert.equal(await service.validate(encodeEvidenceWire(unpaid(forged)), 'p'), 'reject')
    await assert.rejects(service.submit(unpaid(forged)), code('BAD_CLAIM', 'NOT_OWNER'))
    assert.deepEqual(await dbSnapshot(db), before)
    assert.equal(sent.length, 0)
    assert.deepEqual(heard, [])
  })

  it('an answer clears the mark and records when and by which answer; the list shows it answered', async () => {
    const e = unpaid(cs.claim)
    const id = toHex(evidenceId(e))
    assert.equal(await service.validate(encodeEvidenceWire(e), 'peer-x'), 'accept')
    const answer: PaidAnswer = { kind: 'PAID', claim: cs.claim, receipt: cs.receipt }
    const at = clock
    assert.equal(await service.validateAnswer(encodeAnswerWire(answer), 'peer-op'), 'accept')
    assert.deepEqual(await service.marksOf(operatorOf(cs.claim)), [])
    const shown = (await service.show(id))!
    assert.equal(shown.answered!.answer, toHex(answerId(answer)))
    assert.equal(shown.answered!.kind, 'PAID')
    assert.equal(shown.answered!.from, 'peer-op')
    assert.ok(shown.answered!.at >= at)
    const [listed] = await service.list()
    assert.equal(listed.kind, 'UNPAID_CLAIM')
    assert.equal(listed.answered!.kind, 'PAID')
    assert.deepEqual((await service.answersOn(toHex(cs.chain.id))).map(a => [a.id, a.from, a.claimHash]), [[toHex(answerId(answer)), 'peer-op', toHex(claimHash(cs.claim))]])
    assert.equal(await service.validateAnswer(encodeAnswerWire(answer), 'peer-z'), 'ignore', 'known already')
    // the same accusation again (another relay, or the claimant re-publishing) is answered already
    await assert.rejects(service.submit(e), (err: any) => err instanceof EvidenceError && err.code === 'ANSWERED' && /PAID answer/.test(err.message))
  })

  it('an answer held first: the accusation is refused (ANSWERED), ignored on gossip, and not stored', async () => {
    const r = await service.submitAnswer({ kind: 'PAID', claim: cs.claim, receipt: cs.receipt })
    assert.equal(r.stored, true)
    assert.deepEqual(r.cleared, [])
    assert.equal(r.recipients, 2)
    assert.equal(answersSent.length, 1)
    const snapshot = await dbSnapshot(db)
    assert.equal(await service.validate(encodeEvidenceWire(unpaid(cs.claim)), 'p'), 'ignore')
    // a second claim of the same winner is covered too
    const second = await signClaim(cs.owner, { ...cs.claim, fields: { ...cs.claim.fields, nonce: sha256(new Uint8Array([5])).subarray(0, 16) } })
    await assert.rejects(service.submit(unpaid(second)), code('ANSWERED'))
    assert.deepEqual(await dbSnapshot(db), snapshot)
    assert.equal(sent.length, 0, 'nothing was published')
    assert.deepEqual(heard, [])
  })

  it('hostile answers are rejected, stored nowhere, and the mark stays', async () => {
    await service.submit(unpaid(cs.claim))
    const snapshot = await dbSnapshot(db)
    const forgedReceipt = await signReceipt(cs.other, cs.receipt)
    assert.equal(await service.validateAnswer(encodeAnswerWire({ kind: 'PAID', claim: cs.claim, receipt: forgedReceipt }), 'p'), 'reject')
    await assert.rejects(service.submitAnswer({ kind: 'PAID', claim: cs.claim, receipt: forgedReceipt }), code('BAD_RECEIPT'))
    assert.equal(await service.validateAnswer(new Uint8Array([8, 1, 18, 1, 0]), 'p'), 'reject')
    assert.equal(await service.validateAnswer(WireAnswer.encode({ ...WireAnswer.decode(encodeAnswerWire(st.superseded)), kind: 9 }), 'p'), 'ignore')
    // a commitment of another signer in a SUPERSEDED answer
    const foreign = { ...st.superseded, commitment: await signCommitment(st.a, st.superseded.commitment) }
    assert.equal(await service.validateAnswer(encodeAnswerWire(foreign), 'p'), 'reject')
    assert.deepEqual(await dbSnapshot(db), snapshot)
    assert.equal((await service.marksOf(operatorOf(cs.claim))).length, 1)
    assert.equal(answersSent.length, 0)
  })

  it('a SUPERSEDED answer clears the former owner\'s accusation and not the final winner\'s', async () => {
    clock = claimDeadline(st.final) + 1
    const a = await service.submit(unpaid(st.stale))
    const b = await service.submit(unpaid(st.final))
    assert.equal((await service.marksOf(operatorOf(st.final))).length, 2)
    const r = await service.submitAnswer(st.superseded)
    assert.deepEqual(r.cleared, [a.id])
    assert.deepEqual((await service.marksOf(operatorOf(st.final))).map(m => m.evidenceId), [b.id])
    // B is then paid: the PAID answer clears B's accusation
    const paid = await service.submitAnswer({ kind: 'PAID', claim: st.final, receipt: st.receipt })
    assert.deepEqual(paid.cleared, [b.id])
    assert.deepEqual(await service.marksOf(operatorOf(st.final)), [])
    assert.deepEqual((await service.list()).map(x => [x.id, x.answered?.kind]), [[a.id, 'SUPERSEDED'], [b.id, 'PAID']])
  })

  it('bounds: answers per chain are capped; beyond the cap they are ignored', async () => {
    const repo = new EvidenceRepository(db, 100, 64, 2)
    const capped = new EvidenceService({ repo, publish: async () => 0, network: () => cs.beacon.network, localPeer: 'l', now: () => claimDeadline(cs.claim) + 1 })
    const receipts = await Promise.all([1, 2, 3].map(async i => await signReceipt(cs.op, { ...cs.receipt, time: cs.receipt.time + i })))
    const verdicts = []
    for (const receipt of receipts) verdicts.push(await capped.validateAnswer(encodeAnswerWire({ kind: 'PAID', claim: cs.claim, receipt }), 'p'))
    assert.deepEqual(verdicts, ['accept', 'accept', 'ignore'])
    assert.equal((await capped.answersOn(toHex(cs.chain.id))).length, 2)
    assert.equal(await new EvidenceRepository(db).countAnswers(), 2, 'a reopened repository counts what is on disk')
  })
})
