// Replaying a chain's heights (pure, no network): a faithful log reaches the
// signed roots; every forged, reordered, missing or mislabelled part is
// refused with its typed SyncError.
import assert from 'node:assert/strict'
import { generateSigner } from '../../src/crypto/keys.js'
import type { Signer } from '../../src/crypto/keys.js'
import { sha256 } from '../../src/crypto/hash.js'
import { equalBytes, toHex } from '../../src/crypto/bytes.js'
import { SPACE } from '../../src/sortition/space.js'
import { commitmentHash, signCommitment } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import { replayHeight, genesisTree, changedItems } from '../../src/sortition/replay.js'
import type { HeightData } from '../../src/sortition/replay.js'
import { decodeOp, encodeOp } from '../../src/sortition/op-log.js'
import { SyncError } from '../../src/sortition/sync-errors.js'
import type { SortitionTree } from '../../src/sortition/tree.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import { ChainBuilder } from '../helpers/chain-builder.js'

function code (c: string): (err: any) => boolean {
  return (err: any) => {
    assert.ok(err instanceof SyncError, `expected SyncError ${c}, got ${err?.stack ?? err}`)
    assert.equal(err.code, c, err.message)
    return true
  }
}

/** Replays heights [0, n) on a new tree; returns it and the last commitment. */
async function replayAll (b: ChainBuilder, heights: HeightData[] = b.heights): Promise<{ tree: SortitionTree, head: SignedCommitment }> {
  const tree = genesisTree()
  let head: SignedCommitment | undefined
  for (const h of heights) {
    await replayHeight(b.chain, head, tree, h)
    head = h.commitment
  }
  return { tree, head: head! }
}

describe('sortition replay', () => {
  let op: Signer
  let alice: Signer
  let bob: Signer
  let mallory: Signer
  const root = { lo: 0n, conditions: [] }
  const red: Predicate = { kind: 'preimage', digest: sha256(new TextEncoder().encode('red')) }

  before(async () => {
    op = (await generateSigner()).signer
    alice = (await generateSigner()).signer
    bob = (await generateSigner()).signer
    mallory = (await generateSigner()).signer
  })

  /** A chain with alice's quarter at height 1, ready for a height 2. */
  async function started (): Promise<ChainBuilder> {
    const b = await ChainBuilder.create(op)
    await b.issue({ kind: 'user', publicKey: alice.publicKey }, 0n, SPACE / 4n)
    await b.commit()
    return b
  }

  it('issues, transfers, point and predicate splits, child commitments: every height reaches its signed root and digest', async () => {
    const b = await started()
    const child = sha256(new TextEncoder().encode('child'))
    await b.issue({ kind: 'child', chainId: child }, SPACE / 4n, SPACE / 2n)
    await b.transfer(alice, root, { kind: 'user', publicKey: bob.publicKey })
    await b.split(bob, root, { kind: 'point', at: SPACE / 8n })
    b.child({ lo: SPACE / 4n, conditions: [] }, child, sha256(new TextEncoder().encode('c1')))
    await b.commit()
    // an issue then a predicate split of it in one height (the split's branches count, not the leaf)
    await b.issue({ kind: 'user', publicKey: alice.publicKey }, SPACE / 2n, SPACE / 2n + 100n)
    await b.split(alice, { lo: SPACE / 2n, conditions: [] }, { kind: 'predicate', predicate: red })
    await b.split(bob, { lo: SPACE / 8n, conditions: [] }, { kind: 'predicate', predicate: red })
    b.child({ lo: SPACE / 4n, conditions: [] }, child, sha256(new TextEncoder().encode('c2')))
    await b.commit()
    await b.commit() // a height with nothing changed
    const { tree } = await replayAll(b)
    assert.ok(equalBytes(tree.root(), b.tree.root()))
    assert.deepEqual([...tree.entries()].map(e => e.id), [...b.tree.entries()].map(e => e.id))
    assert.equal(b.heights.length, 5)
  })

  it('a transfer not signed by the owner: forged signature → BAD_SIGNATURE, signed by another key → NOT_OWNER', async () => {
    const b = await started()
    await b.transfer(alice, root, { kind: 'user', publicKey: mallory.publicKey }, mallory) // names alice, signed by mallory
    const forged = await b.commit({}, false)
    const { tree, head } = await replayAll(b)
    await assert.rejects(replayHeight(b.chain, head, tree, forged), code('BAD_SIGNATURE'))
    const b2 = await started()
    await b2.transfer(mallory, root, { kind: 'user', publicKey: mallory.publicKey }) // mallory names herself
    const h = await b2.commit({}, false)
    const r2 = await replayAll(b2)
    await assert.rejects(replayHeight(b2.chain, r2.head, r2.tree, h), code('NOT_OWNER'))
  })

  it('an issue not signed by the operator → BAD_SIGNATURE; an operation of another chain → WRONG_CHAIN', async () => {
    const b = await ChainBuilder.create(op)
    const raw = decodeOp(await b.issue({ kind: 'user', publicKey: alice.publicKey }, 0n, 10n))
    assert.ok(raw.kind === 'issue')
    const h = await b.commit({}, false)
    const forged = encodeOp({ ...raw, signature: await mallory.sign(new Uint8Array(1)) })
    await assert.rejects(replayHeight(b.chain, b.head, genesisTree(), { ...h, ops: [forged] }), code('BAD_SIGNATURE'))
    const other = encodeOp({ ...raw, fields: { ...raw.fields, chainId: sha256(b.chain.id) } })
    await assert.rejects(replayHeight(b.chain, b.head, genesisTree(), { ...h, ops: [other] }), code('WRONG_CHAIN'))
  })

  it('a replayed transfer (the custody it names is gone) → STALE_CUSTODY', async () => {
    const b = await started()
    const t = await b.transfer(alice, root, { kind: 'user', publicKey: bob.publicKey })
    await b.transfer(bob, root, { kind: 'user', publicKey: alice.publicKey })
    const h = await b.commit({}, false)
    const { tree, head } = await replayAll(b)
    await assert.rejects(replayHeight(b.chain, head, tree, { ...h, ops: [...h.ops, t] }), code('STALE_CUSTODY'))
  })

  it('a missing operation → ROOT_MISMATCH; operations out of order → refused; a wrong root → ROOT_MISMATCH', async () => {
    const b = await started()
    await b.transfer(alice, root, { kind: 'user', publicKey: bob.publicKey })
    await b.split(bob, root, { kind: 'point', at: 5n })
    const h = await b.commit({}, false)
    const fresh = async (): Promise<{ tree: SortitionTree, head: SignedCommitment }> => await replayAll(b)
    let r = await fresh()
    await assert.rejects(replayHeight(b.chain, r.head, r.tree, { ...h, ops: h.ops.slice(0, 1) }), code('ROOT_MISMATCH'))
    r = await fresh()
    await assert.rejects(replayHeight(b.chain, r.head, r.tree, { ...h, ops: [h.ops[1], h.ops[0]] }), code('NOT_OWNER'))
    r = await fresh()
    const badRoot = await b.commit({ root: sha256(b.tree.root()) }, false)
    await assert.rejects(replayHeight(b.chain, r.head, r.tree, { ...badRoot, ops: h.ops }), code('ROOT_MISMATCH'))
  })

  it('a wrong changes digest → CHANGES_MISMATCH; child commitments not the ones recorded → CHILDREN_MISMATCH', async () => {
    const b = await started()
    await b.transfer(alice, root, { kind: 'user', publicKey: bob.publicKey })
    const bad = await b.commit({ changes: sha256(new Uint8Array(1)) }, false)
    let r = await replayAll(b)
    await assert.rejects(replayHeight(b.chain, r.head, r.tree, bad), code('CHANGES_MISMATCH'))
    const noChildren = await b.commit({ children: [{ chainId: sha256(new Uint8Array(2)), commitment: sha256(new Uint8Array(3)) }] }, false)
    r = await replayAll(b)
    await assert.rejects(replayHeight(b.chain, r.head, r.tree, noChildren), code('CHILDREN_MISMATCH'))
  })

  it('commitment checks: skipped height, broken link, after the trading end, before the previous time', async () => {
    const b = await ChainBuilder.create(op, { tradingEnd: 1_700_000_100_000 })
    await b.issue({ kind: 'user', publicKey: alice.publicKey }, 0n, 10n)
    const ok = await b.commit({}, false)
    const variants: Array<[string, Partial<SignedCommitment>]> = [
      ['HEIGHT_SKIP', { height: 2 }],
      ['BROKEN_LINK', { prev: sha256(commitmentHash(b.head)) }],
      ['AFTER_TRADING_END', { time: 1_700_000_100_001 }],
      ['BAD_TIME', { time: b.head.time - 1 }]
    ]
    for (const [c, over] of variants) {
      const h = await b.commit(over, false)
      await assert.rejects(replayHeight(b.chain, b.head, genesisTree(), { ...h, ops: ok.ops }), code(c))
    }
    // a commitment not signed by the operator
    const { signature: _s, ...fields } = ok.commitment
    const foreign = await signCommitment(mallory, fields)
    await assert.rejects(replayHeight(b.chain, b.head, genesisTree(), { ...ok, commitment: foreign }), code('BAD_SIGNATURE'))
    await replayHeight(b.chain, b.head, genesisTree(), ok)
  })

  it('height 0 carries no operations; malformed operation bytes → MALFORMED; an issue over an owned region → BAD_OP', async () => {
    const b = await started()
    const op1 = b.heights[1].ops[0]
    await assert.rejects(replayHeight(b.chain, undefined, genesisTree(), { commitment: b.heights[0].commitment, ops: [op1] }), code('BAD_OP'))
    const r = await replayAll(b, b.heights.slice(0, 1))
    await assert.rejects(replayHeight(b.chain, r.head, r.tree, { ...b.heights[1], ops: [op1.subarray(1)] }), code('MALFORMED'))
    const again = await replayAll(b)
    await assert.rejects(replayHeight(b.chain, again.head, again.tree, { ...(await b.commit({}, false)), ops: [op1] }), code('BAD_OP'))
  })

  it('changedItems skips a touched leaf that has become a condition split', async () => {
    const b = await started()
    await b.split(alice, root, { kind: 'predicate', predicate: red })
    // the issue at height 1 touched {0, []}; after the split it names no leaf
    assert.equal(changedItems(b.tree, [root]).length, 0)
    assert.equal(changedItems(b.tree, [{ lo: 0n, conditions: [{ predicate: sha256(new Uint8Array(0)), value: true }] }]).length, 0)
    assert.equal(toHex(changedItems(b.tree, [{ lo: SPACE / 2n, conditions: [] }])[0]).length, 64)
  })
})
