// Fraud evidence, pure: each kind verifies when it proves fraud, and every
// forged, mismatched or legitimate variant is refused with its typed error.
// The chain operator is simulated over the real tree, encodings and
// signatures (test/helpers/evidence-fixtures.ts).
import assert from 'node:assert/strict'
import { SimOperator, seeded, user, flip, leafOf, TRADING_END, nonce } from '../helpers/evidence-fixtures.js'
import type { Signer } from '../../src/crypto/keys.js'
import { verifyEvidence, evidenceId, encodeEvidence, commitmentEvidence } from '../../src/sortition/evidence.js'
import type { Evidence, UnauthorisedMove, DoubleCommitment, AfterTradingEnd, CustodyRecord } from '../../src/sortition/evidence.js'
import { EvidenceError } from '../../src/sortition/evidence-errors.js'
import type { EvidenceErrorCode } from '../../src/sortition/evidence-errors.js'
import { encodeEvidenceWire, decodeEvidenceWire } from '../../src/sortition/evidence-wire.js'
import { evidenceToJson, evidenceFromJson } from '../../src/sortition/evidence-json.js'
import { signCommitment, commitmentSigningBytes } from '../../src/sortition/commitment.js'
import { signChain, splitSigningBytes, issueSigningBytes, transferSigningBytes, chainSigningBytes } from '../../src/sortition/chain.js'
import { decodeChainRecord, decodeCommitment, decodeIssue, decodeTransfer, recordKind } from '../../src/sortition/record-codec.js'
import { ChainError } from '../../src/sortition/chain-errors.js'
import { encodeProof } from '../../src/sortition/proof.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { SPACE } from '../../src/sortition/space.js'
import { toHex } from '../../src/crypto/bytes.js'
import { sha256 } from '../../src/crypto/hash.js'

const Q = SPACE / 4n

function code (c: EvidenceErrorCode): (err: any) => boolean {
  return (err: any) => {
    assert.ok(err instanceof EvidenceError, `expected EvidenceError ${c}, got ${err?.stack ?? err}`)
    assert.equal(err.code, c, err.message)
    return true
  }
}

describe('evidence: DOUBLE_COMMITMENT', () => {
  let op: Signer
  let other: Signer
  let sim: SimOperator
  let fork: DoubleCommitment

  before(async () => {
    op = await seeded(1)
    other = await seeded(2)
    sim = await SimOperator.create(op)
    await sim.issue(user(other), 0n, Q, 'i1')
    const c1 = await sim.commit()
    // a second height 1 over another tree: a fork
    const alt = await signCommitment(op, { ...c1, root: sha256(new TextEncoder().encode('another root')), children: [] })
    fork = { kind: 'DOUBLE_COMMITMENT', chain: sim.chain, first: c1, second: alt }
  })

  it('two operator-signed commitments for one height verify and mark the operator', async () => {
    const f = await verifyEvidence(fork)
    assert.equal(f.kind, 'DOUBLE_COMMITMENT')
    assert.equal(toHex(f.operator), toHex(op.publicKey))
    assert.equal(toHex(f.chainId), toHex(sim.chain.id))
    assert.equal(f.height, 1)
    assert.equal(toHex(f.id), toHex(sha256(encodeEvidence(fork))))
  })

  it('the id does not depend on which commitment comes first', async () => {
    const swapped: DoubleCommitment = { ...fork, first: fork.second, second: fork.first }
    assert.equal(toHex(evidenceId(swapped)), toHex(evidenceId(fork)))
    assert.equal(toHex((await verifyEvidence(swapped)).id), toHex(evidenceId(fork)))
  })

  it('the same commitment twice is SAME_COMMITMENT', async () => {
    await assert.rejects(verifyEvidence({ ...fork, second: fork.first }), code('SAME_COMMITMENT'))
    // a copy with the same signed bytes is the same commitment
    await assert.rejects(verifyEvidence({ ...fork, second: { ...fork.first, children: [] } }), code('SAME_COMMITMENT'))
  })

  it('a commitment signed by another key is BAD_SIGNATURE', async () => {
    const forged = await signCommitment(other, { ...fork.second, children: [] })
    await assert.rejects(verifyEvidence({ ...fork, second: forged }), code('BAD_SIGNATURE'))
    await assert.rejects(verifyEvidence({ ...fork, first: { ...fork.first, signature: flip(fork.first.signature, 3) } }), code('BAD_SIGNATURE'))
  })

  it('an honest operator\'s consecutive heights are HEIGHT_MISMATCH', async () => {
    await assert.rejects(verifyEvidence({ ...fork, first: sim.commitments[0], second: sim.commitments[1] }), code('HEIGHT_MISMATCH'))
  })

  it('commitments of another chain, even by the same operator, are WRONG_CHAIN', async () => {
    const sim2 = await SimOperator.create(op, 'another chain')
    const h0 = sim2.commitments[0]
    await assert.rejects(verifyEvidence({ ...fork, first: sim.commitments[0], second: h0 }), code('WRONG_CHAIN'))
    // and the chain record of one chain with both commitments of the other
    const alt0 = await signCommitment(op, { ...h0, time: h0.time + 1, children: [] })
    await verifyEvidence({ kind: 'DOUBLE_COMMITMENT', chain: sim2.chain, first: h0, second: alt0 })
    await assert.rejects(verifyEvidence({ kind: 'DOUBLE_COMMITMENT', chain: sim.chain, first: h0, second: alt0 }), code('WRONG_CHAIN'))
  })

  it('a chain record that is not the operator\'s is BAD_CHAIN; a tampered one too', async () => {
    // the attacker signs a record naming the victim's key: the signature fails
    const { signature: _s, id: _i, ...fields } = sim.chain
    const fake = await signChain(other, { ...fields })
    await assert.rejects(verifyEvidence({ ...fork, chain: { ...fake, operator: op.publicKey } }), code('BAD_CHAIN'))
    await assert.rejects(verifyEvidence({ ...fork, chain: { ...sim.chain, value: 7n } }), code('BAD_CHAIN'))
  })

  it('missing parts are MALFORMED', async () => {
    await assert.rejects(verifyEvidence({ ...fork, second: undefined as any }), code('MALFORMED'))
    await assert.rejects(verifyEvidence({ ...fork, chain: undefined as any }), code('MALFORMED'))
    await assert.rejects(verifyEvidence({ ...fork, first: { ...fork.first, root: new Uint8Array(5) } }), code('MALFORMED'))
  })
})

describe('evidence: AFTER_TRADING_END', () => {
  let op: Signer
  let sim: SimOperator
  let late: AfterTradingEnd

  before(async () => {
    op = await seeded(1)
    sim = await SimOperator.create(op, 'closing chain', 1_700_000_500_000)
    const c = await sim.commit(1_700_000_500_001)
    late = { kind: 'AFTER_TRADING_END', chain: sim.chain, commitment: c }
  })

  it('an operator-signed commitment stamped after the trading end verifies', async () => {
    const f = await verifyEvidence(late)
    assert.equal(f.kind, 'AFTER_TRADING_END')
    assert.equal(f.height, 1)
    assert.equal(toHex(f.operator), toHex(op.publicKey))
  })

  it('stamped at the trading end, or before, is NOT_AFTER_END', async () => {
    const at = await signCommitment(op, { ...late.commitment, time: sim.chain.tradingEnd, children: [] })
    await assert.rejects(verifyEvidence({ ...late, commitment: at }), code('NOT_AFTER_END'))
    await assert.rejects(verifyEvidence({ ...late, commitment: sim.commitments[0] }), code('NOT_AFTER_END'))
  })

  it('signed by another key is BAD_SIGNATURE; for another chain WRONG_CHAIN', async () => {
    const other = await seeded(2)
    await assert.rejects(verifyEvidence({ ...late, commitment: await signCommitment(other, { ...late.commitment, children: [] }) }), code('BAD_SIGNATURE'))
    const sim2 = await SimOperator.create(op, 'open chain')
    await assert.rejects(verifyEvidence({ ...late, chain: sim2.chain }), code('WRONG_CHAIN'))
  })
})

describe('evidence: what a follower builds from a commitment it sees', () => {
  it('commitmentEvidence: a fork, a late commitment, both, or nothing', async () => {
    const op = await seeded(1)
    const sim = await SimOperator.create(op, 'follower', 1_700_000_020_000)
    const c1 = await sim.commit()
    const twin = await signCommitment(op, { ...c1, time: c1.time + 1, children: [] })
    assert.deepEqual(commitmentEvidence(sim.chain, c1, c1), [])
    assert.deepEqual(commitmentEvidence(sim.chain, c1), [])
    assert.deepEqual(commitmentEvidence(sim.chain, twin, sim.commitments[0]), [], 'another height is no fork')
    const [fork] = commitmentEvidence(sim.chain, twin, c1)
    assert.equal((await verifyEvidence(fork)).kind, 'DOUBLE_COMMITMENT')
    const late = await signCommitment(op, { ...c1, time: 1_700_000_020_001, children: [] })
    const both = commitmentEvidence(sim.chain, late, c1)
    assert.deepEqual(both.map(e => e.kind), ['AFTER_TRADING_END', 'DOUBLE_COMMITMENT'])
    for (const e of both) await verifyEvidence(e)
  })
})

describe('evidence: UNAUTHORISED_MOVE', () => {
  let op: Signer
  let k1: Signer
  let k2: Signer
  let k3: Signer

  before(async () => {
    op = await seeded(1)
    k1 = await seeded(11)
    k2 = await seeded(12)
    k3 = await seeded(13)
  })

  const move = (sim: SimOperator, before: UnauthorisedMove['before'], after: UnauthorisedMove['after'], records: CustodyRecord[]): UnauthorisedMove =>
    ({ kind: 'UNAUTHORISED_MOVE', chain: sim.chain, before, after, records: records.map(r => ({ signingBytes: r.signingBytes, signature: r.signature })) })

  /** K1 buys [0, Q) and holds it at height 1. */
  async function start (label = 'chain'): Promise<{ sim: SimOperator, i1: CustodyRecord & { custody: Uint8Array }, at1: UnauthorisedMove['before'] }> {
    const sim = await SimOperator.create(op, label)
    const i1 = await sim.issue(user(k1), 0n, Q, 'i1')
    await sim.issue(user(k3), Q, 2n * Q, 'i3')
    await sim.commit()
    return { sim, i1, at1: sim.leafAt(5n) }
  }

  describe('fraud verifies', () => {
    it('reissued: the operator issues K1\'s region again (to K2, who passes it on)', async () => {
      const { sim, at1 } = await start()
      const i2 = await sim.issueRecord(user(k2), 0n, Q, 'again')
      sim.force(5n, leafOf(user(k2), i2.custody))
      await sim.commit()
      const f = await verifyEvidence(move(sim, at1, sim.leafAt(5n), [i2]))
      assert.equal(f.ground, 'reissued')
      assert.equal(f.height, 2)
      assert.equal(toHex(f.operator), toHex(op.publicKey))
      // K2 then moves it on with a good signature: still reissued
      const t = await sim.transfer(k2, 5n, user(k3), 't23')
      await sim.commit()
      assert.equal((await verifyEvidence(move(sim, at1, sim.leafAt(5n), [i2, t]))).ground, 'reissued')
    })

    it('reissued: only a part of a split region is issued again', async () => {
      const { sim, at1 } = await start()
      sim.split(Q / 2n)
      await sim.commit()
      const i2 = await sim.issueRecord(user(k2), Q / 2n, Q, 'half again')
      sim.force(Q / 2n, leafOf(user(k2), i2.custody))
      await sim.commit()
      assert.equal((await verifyEvidence(move(sim, at1, sim.leafAt(Q / 2n + 1n), [i2]))).ground, 'reissued')
    })

    it('forged-transfer: a transfer naming K1\'s custody not signed by K1', async () => {
      const { sim, i1, at1 } = await start()
      const t = await sim.transferRecord(k2, 5n, user(k2), 'stolen') // K2 signs its own theft
      sim.force(5n, leafOf(user(k2), t.custody))
      await sim.commit()
      const after = sim.leafAt(5n)
      assert.equal((await verifyEvidence(move(sim, at1, after, [t]))).ground, 'forged-transfer')
      // with the issue that gave K1 the region in front: the same
      assert.equal((await verifyEvidence(move(sim, at1, after, [i1, t]))).ground, 'forged-transfer')
    })

    it('forged-transfer: further down a history that started legitimately', async () => {
      const { sim, at1 } = await start()
      const t12 = await sim.transfer(k1, 5n, user(k2), 't12')
      const t23 = await sim.transferRecord(op, 5n, user(k3), 't23 by the operator')
      sim.force(5n, leafOf(user(k3), t23.custody))
      await sim.commit()
      assert.equal((await verifyEvidence(move(sim, at1, sim.leafAt(5n), [t12, t23]))).ground, 'forged-transfer')
    })

    it('owner-mismatch: K1\'s custody under another owner (no records needed)', async () => {
      const { sim, i1, at1 } = await start()
      sim.force(5n, leafOf(user(k2), i1.custody))
      await sim.commit()
      const after = sim.leafAt(5n)
      assert.equal((await verifyEvidence(move(sim, at1, after, []))).ground, 'owner-mismatch')
      assert.equal((await verifyEvidence(move(sim, at1, after, [i1]))).ground, 'owner-mismatch')
    })

    it('owner-mismatch: the earlier leaf is not held by the owner its own record names', async () => {
      const sim = await SimOperator.create(op)
      const i1 = await sim.issueRecord(user(k1), 0n, Q, 'i1')
      sim.tree.apply([{ op: 'issue', lo: 0n, hi: Q, leaf: leafOf(user(k2), i1.custody) }]) // issued to K1, written as K2's
      await sim.commit()
      const at1 = sim.leafAt(5n)
      const t = await sim.transfer(k2, 5n, user(k3), 't23')
      await sim.commit()
      assert.equal((await verifyEvidence(move(sim, at1, sim.leafAt(5n), [i1, t]))).ground, 'owner-mismatch')
    })

    it('reclaimed: K1\'s region is unassigned at a later height', async () => {
      const { sim, at1 } = await start()
      sim.tree = new SortitionTree() // the operator rewrites its tree
      await sim.commit()
      const f = await verifyEvidence(move(sim, at1, sim.leafAt(5n), []))
      assert.equal(f.ground, 'reclaimed')
    })
  })

  describe('an honest operator cannot be framed', () => {
    it('a legitimate chain of signed transfers is NOT_FRAUD, whatever prefix of its history is shown', async () => {
      const { sim, i1, at1 } = await start()
      const t12 = await sim.transfer(k1, 5n, user(k2), 't12')
      await sim.commit()
      const mid = sim.leafAt(5n)
      const t23 = await sim.transfer(k2, 5n, user(k3), 't23')
      await sim.commit()
      const after = sim.leafAt(5n)
      for (const records of [[t12, t23], [i1, t12, t23], [t23]]) {
        await assert.rejects(verifyEvidence(move(sim, at1, after, records)), code('NOT_FRAUD'), `records ${records.length}`)
      }
      await assert.rejects(verifyEvidence(move(sim, mid, after, [t23])), code('NOT_FRAUD'))
      await assert.rejects(verifyEvidence(move(sim, mid, after, [i1, t12, t23])), code('NOT_FRAUD'))
      // a history that does not reach the later custody, or skips a link, is not one
      await assert.rejects(verifyEvidence(move(sim, at1, after, [t12])), code('BROKEN_CUSTODY'))
      await assert.rejects(verifyEvidence(move(sim, at1, after, [i1, t23])), code('BROKEN_CUSTODY'))
      await assert.rejects(verifyEvidence(move(sim, at1, after, [t23, t12])), code('BROKEN_CUSTODY'))
      await assert.rejects(verifyEvidence(move(sim, at1, after, [])), code('BROKEN_CUSTODY'))
      // nor does the earlier height shown after the later one frame anyone
      await assert.rejects(verifyEvidence(move(sim, after, at1, [i1])), code('HEIGHT_ORDER'))
      await assert.rejects(verifyEvidence(move(sim, at1, at1, [i1])), code('HEIGHT_ORDER'))
    })

    it('the origin issue in a history is no reissue when the history passes through the earlier custody', async () => {
      // K0 buys at height 1, sells to K1 at height 2; heights 1 → 3 show K0's
      // issue as the origin, but the history passes through K0's custody.
      const sim = await SimOperator.create(op)
      const k0 = await seeded(10)
      const i0 = await sim.issue(user(k0), 0n, Q, 'i0')
      await sim.commit()
      const at1 = sim.leafAt(5n)
      const t01 = await sim.transfer(k0, 5n, user(k1), 't01')
      await sim.commit()
      const at2 = sim.leafAt(5n)
      await sim.commit()
      const at3 = sim.leafAt(5n)
      await assert.rejects(verifyEvidence(move(sim, at1, at3, [i0, t01])), code('NOT_FRAUD'))
      await assert.rejects(verifyEvidence(move(sim, at2, at3, [i0, t01])), code('NOT_FRAUD'))
      await assert.rejects(verifyEvidence(move(sim, at2, at3, [])), code('NOT_FRAUD'))
    })

    it('splits keep owner and custody: a sold half is NOT_FRAUD against the whole', async () => {
      const { sim, at1 } = await start()
      sim.split(Q / 2n)
      const t = await sim.transfer(k1, Q / 2n, user(k2), 'half')
      await sim.commit()
      await assert.rejects(verifyEvidence(move(sim, at1, sim.leafAt(Q / 2n), [t])), code('NOT_FRAUD'))
      // and the half K1 kept
      await assert.rejects(verifyEvidence(move(sim, at1, sim.leafAt(5n), [])), code('NOT_FRAUD'))
    })

    it('a record with one altered signature bit no longer links (BROKEN_CUSTODY), so it cannot pose as forged', async () => {
      const { sim, at1 } = await start()
      const t = await sim.transfer(k1, 5n, user(k2), 't12')
      await sim.commit()
      await assert.rejects(verifyEvidence(move(sim, at1, sim.leafAt(5n), [{ ...t, signature: flip(t.signature, 9) }])), code('BROKEN_CUSTODY'))
    })

    it('the records and proofs of another region are NO_OVERLAP', async () => {
      const { sim, at1 } = await start()
      const t = await sim.transfer(k3, Q + 1n, user(k2), 't32')
      await sim.commit()
      await assert.rejects(verifyEvidence(move(sim, at1, sim.leafAt(Q + 1n), [t])), code('NO_OVERLAP'))
    })

    it('an unassigned earlier leaf is UNASSIGNED_LEAF', async () => {
      const { sim } = await start()
      await sim.commit()
      // height 0 is the fresh tree: one unassigned leaf
      const at0 = { commitment: sim.commitments[0], proof: encodeProof(new SortitionTree().prove(5n)) }
      await assert.rejects(verifyEvidence(move(sim, at0, sim.leafAt(5n), [])), code('UNASSIGNED_LEAF'))
    })
  })

  describe('malformed or foreign parts are refused', () => {
    let sim: SimOperator
    let good: UnauthorisedMove
    let i2: CustodyRecord

    before(async () => {
      const s = await start('malformed')
      sim = s.sim
      i2 = await sim.issueRecord(user(k2), 0n, Q, 'again')
      sim.force(5n, leafOf(user(k2), (i2 as any).custody))
      await sim.commit()
      good = move(sim, s.at1, sim.leafAt(5n), [i2])
      assert.equal((await verifyEvidence(good)).ground, 'reissued')
    })

    it('commitments signed by another key: BAD_SIGNATURE', async () => {
      const other = await seeded(2)
      const c = await signCommitment(other, { ...good.after.commitment, children: [] })
      await assert.rejects(verifyEvidence({ ...good, after: { ...good.after, commitment: c } }), code('BAD_SIGNATURE'))
    })

    it('a proof with one altered byte: BAD_PROOF', async () => {
      for (const at of [0, 1, 40, good.after.proof.length - 1]) {
        await assert.rejects(verifyEvidence({ ...good, after: { ...good.after, proof: flip(good.after.proof, at) } }), code('BAD_PROOF'), `byte ${at}`)
      }
      await assert.rejects(verifyEvidence({ ...good, before: { ...good.before, proof: good.before.proof.slice(0, -1) } }), code('BAD_PROOF'))
      // the other height's proof against this height's root
      await assert.rejects(verifyEvidence({ ...good, before: { ...good.before, proof: good.after.proof } }), code('BAD_PROOF'))
    })

    it('a record of another chain: WRONG_CHAIN; a commitment of another chain: WRONG_CHAIN', async () => {
      const sim2 = await SimOperator.create(op, 'another')
      const foreign = await sim2.issueRecord(user(k2), 0n, Q, 'again')
      await assert.rejects(verifyEvidence({ ...good, records: [foreign] }), code('WRONG_CHAIN'))
      await assert.rejects(verifyEvidence({ ...good, after: { commitment: sim2.commitments[0], proof: good.after.proof } }), code('WRONG_CHAIN'))
    })

    it('a split record, a non-canonical record, a short signature: MALFORMED', async () => {
      const split = splitSigningBytes({ chainId: sim.chain.id, leaf: { lo: 0n, conditions: [] }, custody: new Uint8Array(32), split: { kind: 'point', at: 9n }, nonce: nonce('s') })
      await assert.rejects(verifyEvidence({ ...good, records: [{ signingBytes: split, signature: await k1.sign(split) }] }), code('MALFORMED'))
      const trailing = new Uint8Array([...i2.signingBytes, 0])
      await assert.rejects(verifyEvidence({ ...good, records: [{ signingBytes: trailing, signature: i2.signature }] }), code('MALFORMED'))
      await assert.rejects(verifyEvidence({ ...good, records: [{ signingBytes: i2.signingBytes, signature: i2.signature.slice(0, 63) }] }), code('MALFORMED'))
      await assert.rejects(verifyEvidence({ ...good, records: 'x' as any }), code('MALFORMED'))
    })

    it('an issue in the middle of the history: BROKEN_CUSTODY', async () => {
      const t = await sim.transferRecord(k2, 5n, user(k3), 'x')
      await assert.rejects(verifyEvidence({ ...good, records: [t, i2] }), code('BROKEN_CUSTODY'))
    })

    it('too many records: TOO_LARGE', async () => {
      await assert.rejects(verifyEvidence({ ...good, records: new Array(257).fill(good.records[0]) }), code('TOO_LARGE'))
    })

    it('a history through a child chain\'s region cannot be judged: UNSUPPORTED_OWNER', async () => {
      const s2 = await SimOperator.create(op, 'child')
      const child = { kind: 'child' as const, chainId: sha256(new TextEncoder().encode('a child chain')) }
      await s2.issue(child, 0n, Q, 'to child')
      await s2.commit()
      const at1 = s2.leafAt(5n)
      const t = await s2.transferRecord(k1, 5n, user(k1), 'out of the child')
      s2.force(5n, leafOf(user(k1), t.custody))
      await s2.commit()
      await assert.rejects(verifyEvidence(move(s2, at1, s2.leafAt(5n), [t])), code('UNSUPPORTED_OWNER'))
    })
  })
})

describe('evidence: wire and JSON forms', () => {
  let samples: Evidence[]

  before(async () => {
    const op = await seeded(1)
    const k1 = await seeded(11)
    const k2 = await seeded(12)
    const sim = await SimOperator.create(op, 'forms', 1_700_000_100_000)
    await sim.issue(user(k1), 0n, Q, 'i1')
    const c1 = await sim.commit()
    const at1 = sim.leafAt(5n)
    const i2 = await sim.issueRecord(user(k2), 0n, Q, 'again')
    sim.force(5n, leafOf(user(k2), i2.custody))
    await sim.commit(1_700_000_100_001)
    const alt = await signCommitment(op, { ...c1, root: sha256(new Uint8Array([1])), children: [] })
    samples = [
      { kind: 'DOUBLE_COMMITMENT', chain: sim.chain, first: c1, second: alt },
      { kind: 'AFTER_TRADING_END', chain: sim.chain, commitment: sim.head },
      { kind: 'UNAUTHORISED_MOVE', chain: sim.chain, before: at1, after: sim.leafAt(5n), records: [{ signingBytes: i2.signingBytes, signature: i2.signature }] }
    ]
    for (const e of samples) await verifyEvidence(e)
  })

  it('wire and JSON round trips keep the id', async () => {
    for (const e of samples) {
      const id = toHex(evidenceId(e))
      assert.equal(toHex((await verifyEvidence(decodeEvidenceWire(encodeEvidenceWire(e)))).id), id, e.kind)
      const json = JSON.parse(JSON.stringify(evidenceToJson(e)))
      assert.equal(toHex((await verifyEvidence(evidenceFromJson(json))).id), id, e.kind)
    }
  })

  it('malformed payloads: MALFORMED, TOO_LARGE, UNSUPPORTED_KIND', async () => {
    const rejects = (f: () => unknown, c: EvidenceErrorCode): void => { assert.throws(f, code(c)) }
    rejects(() => decodeEvidenceWire(new TextEncoder().encode('not evidence at all')), 'MALFORMED')
    rejects(() => decodeEvidenceWire(new Uint8Array([0xff, 0xff, 0xff])), 'MALFORMED')
    rejects(() => decodeEvidenceWire(new Uint8Array(1024 * 1024 + 1)), 'TOO_LARGE')
    const wire = encodeEvidenceWire(samples[0])
    rejects(() => decodeEvidenceWire(wire.slice(0, wire.length - 3)), 'MALFORMED')
    // kind 4 (UNPAID_CLAIM) needs its claim record; 9 is unknown: not judged here (ignored by gossip, not penalised)
    const { Evidence: W } = await import('../../protos/evidence.js')
    const m = W.decode(wire)
    rejects(() => decodeEvidenceWire(W.encode({ ...m, kind: 4 })), 'MALFORMED')
    rejects(() => decodeEvidenceWire(W.encode({ ...m, kind: 9 })), 'UNSUPPORTED_KIND')
    rejects(() => decodeEvidenceWire(W.encode({ ...m, kind: 2 })), 'MALFORMED') // two commitments for AFTER_TRADING_END
    rejects(() => decodeEvidenceWire(W.encode({ ...m, commitments: [m.commitments[0]] })), 'MALFORMED')
    rejects(() => decodeEvidenceWire(W.encode({ ...m, chain: undefined })), 'MALFORMED')
    rejects(() => decodeEvidenceWire(W.encode({ ...m, chain: { ...m.chain!, signingBytes: new Uint8Array([...m.chain!.signingBytes, 0]) } })), 'MALFORMED')
    rejects(() => decodeEvidenceWire(W.encode({ ...m, commitments: [m.commitments[0], { ...m.commitments[1], signingBytes: m.commitments[1].signingBytes.slice(1) }] })), 'MALFORMED')
    rejects(() => decodeEvidenceWire(W.encode({ ...m, records: [m.commitments[0]] })), 'MALFORMED')
    rejects(() => evidenceFromJson({ format: 'sortlift-evidence', version: 1, kind: 'UNPAID_CLAIM', chain: {} }), 'MALFORMED')
    rejects(() => evidenceFromJson({ format: 'other' }), 'MALFORMED')
    rejects(() => evidenceFromJson({ ...evidenceToJson(samples[1]), kind: 'toString' }), 'UNSUPPORTED_KIND')
    await assert.rejects(verifyEvidence({ ...samples[1], kind: 'constructor' } as any), code('UNSUPPORTED_KIND'))
    rejects(() => evidenceFromJson({ ...evidenceToJson(samples[1]), commitment: { chainId: 'zz' } }), 'MALFORMED')
    rejects(() => evidenceFromJson({ ...evidenceToJson(samples[2]), records: [{ signingBytes: 'nothex', signature: '' }] }), 'MALFORMED')
  })

  it('signed records decode only from their canonical bytes', async () => {
    const e = samples[2] as UnauthorisedMove
    const op = await seeded(1)
    const parentChain = await signChain(op, {
      operatorAddress: 'op@12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN', value: 5n, tradingEnd: TRADING_END, beaconRound: 1,
      parent: { chainId: e.chain.id, leaf: { lo: 7n, conditions: [{ predicate: sha256(new Uint8Array([2])), value: false }] } }, created: 1, nonce: nonce('p')
    })
    const nested = decodeChainRecord(chainSigningBytes(parentChain), parentChain.signature)
    assert.deepEqual(nested, parentChain)
    const withChildren = await signCommitment(op, { ...e.after.commitment, children: [{ chainId: sha256(new Uint8Array([3])), commitment: sha256(new Uint8Array([4])) }] })
    assert.deepEqual(decodeCommitment(commitmentSigningBytes(withChildren), withChildren.signature), withChildren)
    const issue = decodeIssue(e.records[0].signingBytes)
    assert.equal(toHex(issueSigningBytes(issue)), toHex(e.records[0].signingBytes))
    assert.equal(recordKind(e.records[0].signingBytes), 'issue')
    const t = transferSigningBytes({ chainId: e.chain.id, leaf: { lo: 3n, conditions: [] }, custody: sha256(new Uint8Array([5])), owner: { kind: 'child', chainId: sha256(new Uint8Array([6])) }, nonce: nonce('t') })
    assert.equal(toHex(transferSigningBytes(decodeTransfer(t))), toHex(t))
    assert.equal(recordKind(t), 'transfer')
    assert.equal(recordKind(chainSigningBytes(parentChain)), undefined)
    // trailing bytes, a boolean that is not 0/1, the wrong tag: MALFORMED
    const malformed = (f: () => unknown): void => { assert.throws(f, (err: any) => err instanceof ChainError && err.code === 'MALFORMED') }
    malformed(() => decodeTransfer(new Uint8Array([...t, 0])))
    malformed(() => decodeIssue(t))
    const cb = chainSigningBytes(parentChain).slice()
    const boolAt = cb.length - (4 + 16) - 8 - (4 + 32 + 1) - 4 - (4 + 32) - (4 + 32) - 1 // the has-parent flag: nonce, created, one condition, n, lo, parent id before it
    assert.equal(cb[boolAt], 1)
    cb[boolAt] = 2
    malformed(() => decodeChainRecord(cb, parentChain.signature))
    malformed(() => decodeCommitment(commitmentSigningBytes(withChildren).slice(0, -1), withChildren.signature))
  })
})
