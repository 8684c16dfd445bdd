// The operation log's canonical encoding: pinned vectors, round trips, and
// every malformed or non-canonical encoding rejected with MALFORMED.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildOpVectors } from '../vectors/make-op-vectors.js'
import type { OpVectors } from '../vectors/make-op-vectors.js'
import { encodeOp, decodeOp, opSigningBytes, MAX_OP_BYTES, TAG_OP } from '../../src/sortition/op-log.js'
import { chainFromJson, custodyHash } from '../../src/sortition/chain.js'
import { commitmentFromJson } from '../../src/sortition/commitment.js'
import { replayHeight, genesisTree } from '../../src/sortition/replay.js'
import { ChainError } from '../../src/sortition/chain-errors.js'
import { CanonicalWriter } from '../../src/crypto/canonical.js'
import { verifySignature } from '../../src/crypto/keys.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { SPACE } from '../../src/sortition/space.js'
import { chainCid } from '../../src/net/chain-providers.js'

const pinned: OpVectors = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'op.json'), 'utf8'))

function malformed (err: any): boolean {
  assert.ok(err instanceof ChainError, `expected ChainError MALFORMED, got ${err}`)
  assert.equal(err.code, 'MALFORMED', err.message)
  return true
}

describe('sortition operation log: encoding', () => {
  it('the pinned file matches what the fixed seeds produce', async () => {
    assert.deepEqual(await buildOpVectors(), pinned)
  })

  it('every pinned operation decodes, re-encodes to the same bytes and carries a valid signature', async () => {
    const chain = chainFromJson(pinned.chain)
    const kinds = { issue: 'issue', transfer: 'transfer', splitPoint: 'split', splitPredicate: 'split', child: 'child' } as const
    for (const [name, hex] of Object.entries(pinned.ops) as Array<[keyof typeof kinds, string]>) {
      const op = decodeOp(fromHex(hex))
      assert.equal(op.kind, kinds[name])
      assert.equal(toHex(encodeOp(op)), hex)
      if (op.kind === 'child') continue
      const key = op.kind === 'issue' ? chain.operator : op.signer
      assert.ok(await verifySignature(key, opSigningBytes(op)!, op.signature), `${name} signature`)
    }
    const issue = decodeOp(fromHex(pinned.ops.issue))
    assert.ok(issue.kind === 'issue' && issue.fields.lo === 0n && issue.fields.hi === SPACE / 4n)
    const sp = decodeOp(fromHex(pinned.ops.splitPredicate))
    assert.ok(sp.kind === 'split' && sp.fields.split.kind === 'predicate' && sp.fields.split.predicate.kind === 'oracle')
  })

  it('the pinned heights replay to their signed roots and digests; custody is the hash of the signed issue', async () => {
    const chain = chainFromJson(pinned.chain)
    const tree = genesisTree()
    let prev
    for (const h of pinned.heights) {
      const c = commitmentFromJson(h.commitment)
      await replayHeight(chain, prev, tree, { commitment: c, ops: h.ops.map(fromHex) })
      assert.equal(toHex(tree.root()), h.commitment.root)
      prev = c
    }
    const issue = decodeOp(fromHex(pinned.ops.issue))
    assert.ok(issue.kind === 'issue')
    const transfer = decodeOp(fromHex(pinned.ops.transfer))
    assert.ok(transfer.kind === 'transfer')
    assert.deepEqual(transfer.fields.custody, custodyHash(opSigningBytes(issue)!, issue.signature))
    assert.equal(pinned.heights[2].commitment.children.length, 1)
  })

  it('the DHT provider key of a chain is CIDv1 raw over the chain id as a sha2-256 multihash', () => {
    const cid = chainCid(fromHex(pinned.chain.id))
    assert.equal(cid.toString(), pinned.providerCid)
    assert.equal(cid.version, 1)
    assert.equal(cid.code, 0x55)
    assert.equal(cid.multihash.code, 0x12)
    assert.equal(toHex(cid.multihash.digest), pinned.chain.id)
    assert.equal(toHex(cid.bytes), '01551220' + pinned.chain.id)
  })

  it('rejects truncation, trailing bytes, a wrong tag, an unknown kind, oversize', () => {
    const b = fromHex(pinned.ops.transfer)
    assert.throws(() => decodeOp(b.subarray(0, b.length - 1)), malformed)
    assert.throws(() => decodeOp(new Uint8Array([...b, 0])), malformed)
    assert.throws(() => decodeOp(new Uint8Array(0)), malformed)
    const wrongTag = new CanonicalWriter('sortlift/v1/sortition/opx').u8(2).finish()
    assert.throws(() => decodeOp(wrongTag), malformed)
    assert.throws(() => decodeOp(new CanonicalWriter(TAG_OP).u8(9).finish()), malformed)
    assert.throws(() => decodeOp(new Uint8Array(MAX_OP_BYTES + 1)), malformed)
  })

  it('rejects a non-canonical encoding: a boolean byte of 2, an owner kind of 3', () => {
    const op = decodeOp(fromHex(pinned.ops.transfer))
    assert.ok(op.kind === 'transfer')
    // a locator with one condition, its bool byte set to 2
    const withCond = encodeOp({ ...op, fields: { ...op.fields, leaf: { lo: 0n, conditions: [{ predicate: new Uint8Array(32).fill(3), value: true }] } } })
    const hex = toHex(withCond)
    const i = hex.indexOf('03'.repeat(32)) + 64
    assert.equal(hex.slice(i, i + 2), '01')
    assert.throws(() => decodeOp(fromHex(hex.slice(0, i) + '02' + hex.slice(i + 2))), malformed)
    // owner kind 3
    const t = toHex(fromHex(pinned.ops.transfer))
    const ownerAt = t.indexOf(toHex(op.fields.owner.kind === 'user' ? op.fields.owner.publicKey : op.fields.owner.chainId)) - 10
    assert.equal(t.slice(ownerAt, ownerAt + 2), '01')
    assert.throws(() => decodeOp(fromHex(t.slice(0, ownerAt) + '03' + t.slice(ownerAt + 2))), malformed)
  })

  it('refuses to encode malformed operations', () => {
    const op = decodeOp(fromHex(pinned.ops.transfer))
    assert.ok(op.kind === 'transfer')
    assert.throws(() => encodeOp({ ...op, signer: new Uint8Array(31) }), malformed)
    assert.throws(() => encodeOp({ ...op, signature: new Uint8Array(10) }), malformed)
    assert.throws(() => encodeOp({ ...op, fields: { ...op.fields, custody: new Uint8Array(3) } }), malformed)
    assert.throws(() => encodeOp({ kind: 'child', chainId: new Uint8Array(32), leaf: { lo: SPACE, conditions: [] }, child: new Uint8Array(32), commitment: new Uint8Array(32) }), malformed)
    assert.throws(() => encodeOp({ kind: 'nope' } as any), malformed)
  })
})
