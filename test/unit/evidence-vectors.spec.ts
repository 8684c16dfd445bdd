// Checks the implementation against the pinned evidence vectors in
// test/vectors/evidence.json (never regenerates them).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildEvidenceVectors } from '../vectors/make-evidence-vectors.js'
import type { EvidenceVectors } from '../vectors/make-evidence-vectors.js'
import { encodeEvidence, evidenceId, verifyEvidence, TAG_EVIDENCE } from '../../src/sortition/evidence.js'
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

  it('covers every kind and every ground of UNAUTHORISED_MOVE', () => {
    assert.deepEqual(new Set(pinned.vectors.map(v => v.finding.kind)), new Set(['DOUBLE_COMMITMENT', 'AFTER_TRADING_END', 'UNAUTHORISED_MOVE']))
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
      const f = await verifyEvidence(fromWire)
      assert.deepEqual({ kind: f.kind, operator: toHex(f.operator), chainId: toHex(f.chainId), height: f.height, ...(f.ground != null ? { ground: f.ground } : {}) }, v.finding)
      assert.equal(toHex(f.id), v.id)
    })
  }
})
