// Announcements of commitments and ancestry proofs, pure: every verdict of
// checkAnnouncement against what was seen, and every way an embedding check
// fails, on real trees and real signatures.
import assert from 'node:assert/strict'
import { signChain } from '../../src/sortition/chain.js'
import type { SignedChain } from '../../src/sortition/chain.js'
import { signCommitment, commitmentHash, ZERO_HASH } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import { checkAnnouncement, checkEmbedding, chainTopic, topicOf, ROOTS_TOPIC, verifyAncestry, ancestryLayer } from '../../src/sortition/roots.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { encodeProof } from '../../src/sortition/proof.js'
import { SPACE } from '../../src/sortition/space.js'
import { generateSigner } from '../../src/crypto/keys.js'
import type { Signer } from '../../src/crypto/keys.js'
import { randomBytes } from '../../src/crypto/bytes.js'

const PEER = '12D3KooWMYeuVT3DDthFwutDk69JW1DyriAhJcEFa3uCDfpY2hB7'
const END = 2_000_000_000_000

function code (c: string): (err: any) => boolean {
  return (err: any) => { assert.equal(err?.code, c, err?.message); return true }
}

describe('roots: announcements and ancestry proofs', function () {
  let op: Signer
  let kid: Signer
  let top: SignedChain
  let child: SignedChain
  const h = async (s: Signer, chain: SignedChain, height: number, prev: Uint8Array, extra: Partial<SignedCommitment> = {}): Promise<SignedCommitment> =>
    await signCommitment(s, { chainId: chain.id, height, root: new Uint8Array(32).fill(height), prev, time: 1000 + height, changes: new Uint8Array(32), children: [], ...extra })

  before(async () => {
    op = (await generateSigner()).signer
    kid = (await generateSigner()).signer
    top = await signChain(op, { operatorAddress: `op@${PEER}`, value: 1000n, tradingEnd: END, beaconRound: 1, created: 1, nonce: randomBytes(16) })
    child = await signChain(kid, { operatorAddress: `kid@${PEER}`, value: 1000n, tradingEnd: END, beaconRound: 1, parent: { chainId: top.id, leaf: { lo: SPACE / 2n, conditions: [] } }, created: 2, nonce: randomBytes(16) })
  })

  it('topics follow the tree of chains', () => {
    assert.equal(topicOf(top), ROOTS_TOPIC)
    assert.equal(topicOf(child), chainTopic(top.id))
    assert.match(chainTopic(top.id), /^\/sortlift\/chain\/[0-9a-f]{64}\/1$/)
  })

  it('judges an announcement against the latest seen: new, gap, duplicate, stale, conflict, broken link', async () => {
    const c0 = await h(op, top, 0, ZERO_HASH)
    const c1 = await h(op, top, 1, commitmentHash(c0))
    const c3 = await h(op, top, 3, new Uint8Array(32).fill(9))
    assert.equal(await checkAnnouncement(ROOTS_TOPIC, top, c0, undefined, 5000), 'new')
    const seen1 = { height: 1, hash: commitmentHash(c1) }
    assert.equal(await checkAnnouncement(ROOTS_TOPIC, top, c1, seen1, 5000), 'duplicate')
    assert.equal(await checkAnnouncement(ROOTS_TOPIC, top, c0, seen1, 5000), 'stale')
    assert.equal(await checkAnnouncement(ROOTS_TOPIC, top, c3, seen1, 5000), 'new', 'a gap is allowed: gossip is lossy')
    const twin = await h(op, top, 1, commitmentHash(c0), { time: 1500 })
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, top, twin, seen1, 5000), code('CONFLICT'))
    const unlinked = await h(op, top, 2, new Uint8Array(32).fill(7))
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, top, unlinked, seen1, 5000), code('BROKEN_LINK'))
  })

  it('rejects what fails alone: topic, chain, signature, trading end; leaves the future unjudged', async () => {
    const c0 = await h(op, top, 0, ZERO_HASH)
    await assert.rejects(checkAnnouncement(chainTopic(top.id), top, c0, undefined, 5000), code('WRONG_TOPIC'))
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, child, await h(kid, child, 0, ZERO_HASH), undefined, 5000), code('WRONG_TOPIC'))
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, top, await h(kid, child, 0, ZERO_HASH), undefined, 5000), code('WRONG_CHAIN'))
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, top, await h(kid, top, 0, ZERO_HASH), undefined, 5000), code('BAD_SIGNATURE'))
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, top, await h(op, top, 0, ZERO_HASH, { time: END + 1 }), undefined, END + 10), code('AFTER_TRADING_END'))
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, top, await h(op, top, 0, ZERO_HASH, { time: 100_000 }), undefined, 1000), code('UNAVAILABLE'))
    const forgedRecord = { ...top, value: 999n }
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, forgedRecord, c0, undefined, 5000), code('BAD_CHAIN_ID'))
  })

  describe('embedding', function () {
    let childC: SignedCommitment
    let parentC: SignedCommitment
    let proof: Uint8Array
    let tree: SortitionTree

    before(async () => {
      childC = await h(kid, child, 0, ZERO_HASH)
      tree = new SortitionTree()
      tree.apply([{ op: 'issue', lo: SPACE / 2n, hi: SPACE, leaf: { owner: { kind: 'child', chainId: child.id }, custody: new Uint8Array(32).fill(1), commitment: commitmentHash(childC) } }])
      parentC = await h(op, top, 1, new Uint8Array(32), { root: tree.root() })
      proof = encodeProof(tree.prove(SPACE / 2n))
    })

    it('a parent committing to the child commitment passes, and the file verifies offline', async () => {
      checkEmbedding({ chain: child, c: childC }, { chain: top, c: parentC }, proof)
      const check = await verifyAncestry({ kind: 'sortlift-ancestry-proof', version: 1, layers: [ancestryLayer(child, childC), ancestryLayer(top, parentC, proof)] })
      assert.ok(check.ok, check.reason)
      assert.equal(check.ancestors?.[0].height, 1)
    })

    it('fails for another child commitment, another leaf, another parent or an altered proof', async () => {
      const later = await h(kid, child, 1, commitmentHash(childC))
      assert.throws(() => checkEmbedding({ chain: child, c: later }, { chain: top, c: parentC }, proof), code('NOT_EMBEDDED'))
      const other = encodeProof(tree.prove(0n))
      assert.throws(() => checkEmbedding({ chain: child, c: childC }, { chain: top, c: parentC }, other), code('NOT_EMBEDDED'))
      assert.throws(() => checkEmbedding({ chain: child, c: childC }, { chain: child, c: parentC }, proof), code('WRONG_CHAIN'))
      const bad = Uint8Array.from(proof)
      bad[bad.length - 1] ^= 1
      assert.throws(() => checkEmbedding({ chain: child, c: childC }, { chain: top, c: parentC }, bad), code('BAD_SIGNATURE'))
      const wrongRoot = await h(op, top, 1, new Uint8Array(32))
      assert.throws(() => checkEmbedding({ chain: child, c: childC }, { chain: top, c: wrongRoot }, proof), code('BAD_SIGNATURE'))
    })

    it('an ancestry file with one layer, a forged layer or no proof says why', async () => {
      assert.equal((await verifyAncestry({ kind: 'sortlift-ancestry-proof', version: 1, layers: [ancestryLayer(child, childC)] })).ok, false)
      const forged = await signCommitment(kid, { ...parentC })
      const r = await verifyAncestry({ kind: 'sortlift-ancestry-proof', version: 1, layers: [ancestryLayer(child, childC), ancestryLayer(top, forged, proof)] })
      assert.equal(r.ok, false)
      assert.match(r.reason!, /BAD_SIGNATURE/)
      const noProof = await verifyAncestry({ kind: 'sortlift-ancestry-proof', version: 1, layers: [ancestryLayer(child, childC), ancestryLayer(top, parentC)] })
      assert.equal(noProof.ok, false)
      assert.equal((await verifyAncestry({ kind: 'nope' })).ok, false)
    })
  })
})
