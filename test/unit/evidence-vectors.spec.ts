// Checks the implementation against the pinned evidence vectors in
// test/vectors/evidence.json (never regenerates them).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildEvidenceVectors, findingOf, answerFactsOf } from '../vectors/make-evidence-vectors.js'
import type { EvidenceVectors } from '../vectors/make-evidence-vectors.js'
import { encodeEvidence, evidenceId, verifyEvidence, TAG_EVIDENCE } from '../../src/sortition/evidence.js'
import { encodeAnswer, answerId, verifyAnswer, TAG_EVIDENCE_ANSWER } from '../../src/sortition/evidence-answer.js'
import { decodeAnswerWire, encodeAnswerWire } from '../../src/sortition/evidence-answer-wire.js'
import { localBeacon } from '../helpers/unpaid-fixtures.js'
import { decodeEvidenceWire, encodeEvidenceWire } from '../../src/sortition/evidence-wire.js'
import { evidenceFromJson, evidenceToJson } from '../../src/sortition/evidence-json.js'
import { CanonicalWriter } from '../../src/crypto/canonical.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'

const pinned: EvidenceVectors = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'evidence.json'), 'utf8'))

describe('evidence test vectors', () => {
  it('the pinned file matches what the fixed seeds produce', async () => {
    assert.deepEqual(await buildEvidenceVectors(), pinned)
  })

  const network = localBeacon().network

  it('covers every kind, every ground of UNAUTHORISED_MOVE and every kind of answer', () => {
    assert.deepEqual(new Set(pinned.vectors.map(v => v.finding.kind)), new Set(['DOUBLE_COMMITMENT', 'AFTER_TRADING_END', 'UNAUTHORISED_MOVE', 'UNPAID_CLAIM']))
    assert.deepEqual(new Set(pinned.answers.map(v => v.facts.kind)), new Set(['PAID', 'SUPERSEDED']))
    assert.deepEqual(new Set(pinned.vectors.map(v => v.finding.ground).filter(g => g != null)), new Set(['reissued', 'forged-transfer', 'owner-mismatch', 'reclaimed']))
  })

  for (const v of pinned.vectors) {
    it(`${v.name}: encoding, id, wire and finding`, async () => {
      const e = evidenceFromJson(v.evidence)
      const enc = encodeEvidence(e)
      assert.equal(toHex(enc), v.encoding)
      const tag = new CanonicalWriter(TAG_EVIDENCE).finish()
      assert.equal(toHex(enc.subarray(0, tag.length)), toHex(tag))
      assert.equal(toHex(sha256(fromHex(v.encoding))), v.id)
      assert.equal(toHex(evidenceId(e)), v.id)
      assert.deepEqual(evidenceToJson(e), v.evidence)
      const fromWire = decodeEvidenceWire(fromHex(v.wire))
      assert.equal(toHex(encodeEvidence(fromWire)), v.encoding)
      assert.equal(toHex(encodeEvidenceWire(fromWire)), v.wire)
      const f = await verifyEvidence(fromWire, { network, now: v.verifyAt })
      assert.deepEqual(findingOf(f), v.finding)
      assert.equal(toHex(f.id), v.id)
    })
  }

  for (const v of pinned.answers) {
    it(`answer ${v.name}: encoding, id, wire and facts`, async () => {
      const a = decodeAnswerWire(fromHex(v.wire))
      const enc = encodeAnswer(a)
      assert.equal(toHex(enc), v.encoding)
      const tag = new CanonicalWriter(TAG_EVIDENCE_ANSWER).finish()
      assert.equal(toHex(enc.subarray(0, tag.length)), toHex(tag))
      assert.equal(toHex(sha256(enc)), v.id)
      assert.equal(toHex(answerId(a)), v.id)
      assert.equal(toHex(encodeAnswerWire(a)), v.wire)
      const f = await verifyAnswer(a, { network })
      assert.equal(f.id, v.id)
      assert.deepEqual(answerFactsOf(f), v.facts)
    })
  }
})
