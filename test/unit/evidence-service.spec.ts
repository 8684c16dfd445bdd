// The evidence service over a real repository (memory-level): gossip
// verdicts, submit, the marks on operators, storage bounds. The publish side
// is a recorder (what the topic would send); the network is covered by
// test/e2e/evidence.spec.ts.
import assert from 'node:assert/strict'
import { MemoryLevel } from 'memory-level'
import type { RootDb } from '../../src/store/db.js'
import { EvidenceRepository } from '../../src/store/evidence-repo.js'
import { EvidenceService } from '../../src/sortition/evidence-service.js'
import { EvidenceError } from '../../src/sortition/evidence-errors.js'
import { evidenceId } from '../../src/sortition/evidence.js'
import type { Evidence, DoubleCommitment } from '../../src/sortition/evidence.js'
import { encodeEvidenceWire } from '../../src/sortition/evidence-wire.js'
import { evidenceToJson } from '../../src/sortition/evidence-json.js'
import { Evidence as WireEvidence } from '../../protos/evidence.js'
import { signCommitment } from '../../src/sortition/commitment.js'
import { toHex } from '../../src/crypto/bytes.js'
import { dbSnapshot } from '../helpers/db.js'
import { SimOperator, seeded } from '../helpers/evidence-fixtures.js'

function memDb (): RootDb {
  return new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
}

/** A fork of height 1 of a fresh chain operated by seed `op`. */
async function forkOf (op: number, label: string): Promise<DoubleCommitment> {
  const signer = await seeded(op)
  const sim = await SimOperator.create(signer, label)
  const c1 = await sim.commit()
  const alt = await signCommitment(signer, { ...c1, time: c1.time + 1, children: [] })
  return { kind: 'DOUBLE_COMMITMENT', chain: sim.chain, first: c1, second: alt }
}

describe('evidence service and repository', () => {
  let db: RootDb
  let sent: Uint8Array[]
  let service: EvidenceService
  let clock: number

  beforeEach(() => {
    db = memDb()
    sent = []
    clock = 1000
    service = new EvidenceService({
      repo: new EvidenceRepository(db, 100, 2),
      publish: async (d) => { sent.push(d); return 1 },
      localPeer: 'local-peer',
      now: () => clock++
    })
  })

  it('gossip: valid → accept and stored with its mark; the same again → ignore', async () => {
    const e = await forkOf(1, 'a')
    const id = toHex(evidenceId(e))
    assert.equal(await service.validate(encodeEvidenceWire(e), 'peer-x'), 'accept')
    const shown = await service.show(id)
    assert.equal(shown?.from, 'peer-x')
    assert.equal(shown?.kind, 'DOUBLE_COMMITMENT')
    assert.deepEqual(shown?.evidence, evidenceToJson(e))
    const marks = await service.marksOf(toHex(e.chain.operator))
    assert.deepEqual(marks.map(m => [m.evidenceId, m.kind, m.height, m.from]), [[id, 'DOUBLE_COMMITMENT', 1, 'peer-x']])
    // the same evidence, even in another wire encoding (commitments swapped), is known
    const swapped = encodeEvidenceWire({ ...e, first: e.second, second: e.first })
    assert.equal(await service.validate(swapped, 'peer-y'), 'ignore')
    assert.equal((await service.list()).length, 1)
    assert.equal(sent.length, 0, 'gossip validation never publishes by itself')
  })

  it('gossip: malformed or unproven → reject, nothing stored; an unjudged kind → ignore', async () => {
    const e = await forkOf(1, 'b')
    const before = await dbSnapshot(db)
    const m = WireEvidence.decode(encodeEvidenceWire(e))
    assert.equal(await service.validate(new Uint8Array([1, 2, 3]), 'p'), 'reject')
    assert.equal(await service.validate(WireEvidence.encode({ ...m, commitments: [m.commitments[0], m.commitments[0]] }), 'p'), 'reject')
    assert.equal(await service.validate(WireEvidence.encode({ ...m, kind: 2 }), 'p'), 'reject')
    // kind 4 (UNPAID_CLAIM) without its claim record is malformed; kind 5 is unknown (newer nodes may judge it)
    assert.equal(await service.validate(WireEvidence.encode({ ...m, kind: 4 }), 'p'), 'reject')
    assert.equal(await service.validate(WireEvidence.encode({ ...m, kind: 5 }), 'p'), 'ignore')
    assert.deepEqual(await dbSnapshot(db), before)
  })

  it('submit: verifies, stores, marks, publishes; proving nothing throws and leaves no trace', async () => {
    const e = await forkOf(1, 'c')
    const r = await service.submit(e)
    assert.equal(r.stored, true)
    assert.equal(r.recipients, 1)
    assert.equal(r.from, 'local-peer')
    assert.equal(r.id, toHex(evidenceId(e)))
    assert.equal(sent.length, 1)
    assert.equal(toHex(evidenceId((await import('../../src/sortition/evidence-wire.js')).decodeEvidenceWire(sent[0]))), r.id)
    const again = await service.submit(e)
    assert.equal(again.stored, false)
    assert.equal(again.receivedAt, r.receivedAt, 'the first arrival is kept')
    const before = await dbSnapshot(db)
    await assert.rejects(service.submit({ ...e, second: e.first }), (err: any) => err instanceof EvidenceError && err.code === 'SAME_COMMITMENT')
    await assert.rejects(service.submitJson({ format: 'sortlift-evidence', version: 1, kind: 'AFTER_TRADING_END', chain: evidenceToJson(e).chain, commitment: evidenceToJson(e).first }), (err: any) => err.code === 'NOT_AFTER_END')
    // evidence too large for the topic is refused before anything is stored
    const big: Evidence = {
      kind: 'UNAUTHORISED_MOVE', chain: e.chain, before: { commitment: e.first, proof: new Uint8Array(300_000) }, after: { commitment: e.second, proof: new Uint8Array(300_000) },
      records: new Array(40).fill({ signingBytes: new Uint8Array(16_000), signature: new Uint8Array(64) })
    }
    await assert.rejects(service.submit(big), (err: any) => err instanceof EvidenceError && err.code === 'TOO_LARGE')
    assert.deepEqual(await dbSnapshot(db), before)
    assert.equal(sent.length, 2, 'only the valid submissions were published')
  })

  it('list filters by operator; marks are per operator key', async () => {
    const e1 = await forkOf(1, 'd1')
    const e2 = await forkOf(2, 'd2')
    await service.submit(e1)
    await service.submit(e2)
    const k1 = toHex(e1.chain.operator)
    assert.deepEqual((await service.list({ operator: k1 })).map(x => x.id), [toHex(evidenceId(e1))])
    assert.deepEqual((await service.list({ operator: k1.toUpperCase() })).map(x => x.id), [toHex(evidenceId(e1))])
    assert.deepEqual((await service.list()).map(x => x.id), [e1, e2].map(e => toHex(evidenceId(e))))
    assert.deepEqual(await service.marksOf('ab'.repeat(32)), [])
    assert.equal((await service.list())[0].operatorAddress, e1.chain.operatorAddress)
  })

  it('bounds: beyond the per-operator cap, valid evidence is ignored (the operator is marked already)', async () => {
    const pieces: Evidence[] = [await forkOf(1, 'e1'), await forkOf(1, 'e2'), await forkOf(1, 'e3')]
    assert.equal(await service.validate(encodeEvidenceWire(pieces[0]), 'p'), 'accept')
    assert.equal(await service.validate(encodeEvidenceWire(pieces[1]), 'p'), 'accept')
    assert.equal(await service.validate(encodeEvidenceWire(pieces[2]), 'p'), 'ignore')
    assert.equal((await service.marksOf(toHex(pieces[0].chain.operator))).length, 2)
    // another operator still has room
    assert.equal(await service.validate(encodeEvidenceWire(await forkOf(2, 'e4')), 'p'), 'accept')
    // a reopened repository counts what is on disk
    const repo = new EvidenceRepository(db, 3, 2)
    assert.equal(await repo.count(), 3)
    assert.equal(await repo.hasRoom(toHex((await seeded(3)).publicKey)), false)
  })
})
