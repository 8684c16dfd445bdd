// Data availability of sortition chains on real nodes over TCP: a follower
// replicates a chain (issues, transfers, splits) height by height with roots
// equal to the operator's, keeps it across a restart, follows new heights
// announced by gossip and by its poll, reports a second commitment for a
// height it holds; and with the operator stopped, an owner finds the follower
// through the DHT and gets a proof that verifies against the operator's
// signed commitment.
import assert from 'node:assert/strict'
import { SortliftNode } from '../../src/node/node.js'
import { startNode, tempDir, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { openTally } from '../helpers/tallies.js'
import type { Member } from '../helpers/tallies.js'
import { SPACE, pointToBytes } from '../../src/sortition/space.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex, randomBytes } from '../../src/crypto/bytes.js'
import { buyReference } from '../../src/sortition/operator.js'
import { generateSigner } from '../../src/crypto/keys.js'
import { verifyProofFile } from '../../src/sortition/proof-file.js'
import { chainFromJson } from '../../src/sortition/chain.js'
import type { SignedChain } from '../../src/sortition/chain.js'
import { commitmentFromJson, signCommitment } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import { SyncError } from '../../src/sortition/sync-errors.js'
import type { Predicate } from '../../src/sortition/predicate.js'

const QUIET = { sortition: { commitIntervalMs: 0, syncIntervalMs: 0 } } as any

describe('chain-sync: followers over TCP', function () {
  let op: SortliftNode
  let owner: SortliftNode
  let fDir: string
  let follower: SortliftNode
  let chainId: string
  let chain: SignedChain
  const m = (node: SortliftNode, user: string): Member => ({ node, user })
  const red: Predicate = { kind: 'preimage', digest: sha256(new TextEncoder().encode('red')) }

  before(async () => {
    op = await startNode(undefined, [], QUIET)
    owner = await startNode(undefined, [], QUIET)
    fDir = await tempDir()
    follower = await startNode(fDir, [], QUIET)
    await op.users.add('op')
    await owner.users.add('alice')
    await owner.users.add('bob')
    await connect(owner, op)
    await connect(follower, op)
    await connect(owner, follower)
    await openTally(m(op, 'op'), m(owner, 'alice'))
    await openTally(m(op, 'op'), m(owner, 'bob'))
  })
  after(async () => {
    await owner?.stop()
    await follower?.stop()
    await op?.stop().catch(() => {})
    await cleanupDirs()
  })

  async function sameAsOperator (f: SortliftNode): Promise<void> {
    const o = op.operator.show(chainId)
    const v = f.chainSync.follower.show(chainId)
    assert.equal(v.height, o.height)
    assert.equal(v.root, o.committedRoot)
    assert.equal(v.commitment, o.commitment)
    assert.deepEqual(f.chainSync.follower.contracts(chainId), op.operator.contracts(chainId))
    assert.deepEqual(await f.chainSync.follower.commitments(chainId), await op.operator.commitments(chainId))
  }

  it('a follower replicates issues, transfers and splits height by height; every root equals the operator\'s', async () => {
    const c = await op.operator.create({ user: 'op', value: 1_000_000n, tradingEnd: Date.now() + 3_600_000, beaconRound: 5 })
    chainId = c.id
    await owner.operator.buy({ chainId, user: 'alice', widthPpm: 250_000, peer: op.peerId })
    await owner.operator.buy({ chainId, user: 'bob', widthPpm: 100_000, peer: op.peerId })
    await op.operator.commit(chainId)
    const bobKey = (await owner.users.signer('bob')).publicKey
    await owner.operator.transfer({ chainId, user: 'alice', at: { lo: 0n, conditions: [] }, to: { kind: 'user', publicKey: bobKey }, peer: op.peerId })
    await owner.operator.split({ chainId, user: 'bob', at: { lo: 0n, conditions: [] }, split: { kind: 'point', at: SPACE / 8n }, peer: op.peerId })
    await op.operator.commit(chainId)
    const view = await follower.chainSync.follower.follow(chainId, op.peerId)
    assert.equal(view.role, 'follower')
    await sameAsOperator(follower)
    chain = chainFromJson((await owner.operator.fetchProof({ chainId, at: { lo: 0n, conditions: [] }, peer: op.peerId })).chain)
    // more heights: a predicate split, a buy split by a predicate within one height, then an incremental sync
    await owner.operator.split({ chainId, user: 'bob', at: { lo: SPACE / 8n, conditions: [] }, split: { kind: 'predicate', predicate: red }, peer: op.peerId })
    await op.operator.commit(chainId)
    const r = await owner.operator.buy({ chainId, user: 'alice', widthPpm: 1_000, peer: op.peerId })
    await owner.operator.split({ chainId, user: 'alice', at: { lo: BigInt(r.lo), conditions: [] }, split: { kind: 'predicate', predicate: red }, peer: op.peerId })
    await op.operator.commit(chainId)
    assert.equal(await follower.chainSync.follower.sync(chainId), op.operator.show(chainId).height)
    await sameAsOperator(follower)
    // a child chain's leaf, paid for like any region, then the child's commitment embedded (the gossip layer's call)
    const child = sha256(new TextEncoder().encode('a child chain'))
    const nonce = randomBytes(16)
    const paid = await owner.lifts.pay({ from: 'alice', to: `op@${op.peerId}`, units: 1_000n, memo: 'child', reference: buyReference(fromHex(chainId), nonce) })
    assert.equal(paid.route, 'direct')
    const leaf = await op.operator.issue({ chainId, owner: { kind: 'child', chainId: child }, buyer: 'alice', widthPpm: 1_000, payment: `tally:${(paid as any).tallyId}:${(paid as any).chitId}`, nonce })
    await op.operator.commit(chainId)
    await op.operator.embedChild(chainId, { lo: BigInt(leaf.lo), conditions: [] }, child, sha256(new TextEncoder().encode('child commitment')))
    const withChild = commitmentFromJson(await op.operator.commit(chainId))
    assert.equal(withChild.children.length, 1)
    await follower.chainSync.follower.sync(chainId)
    await sameAsOperator(follower)
    // chain list shows the followed chain with its role
    assert.deepEqual(follower.chainSync.follower.list().map(x => [x.id, x.role]), [[chainId, 'follower']])
  })

  it('the follower keeps the chain across a restart (tree read back from LevelDB) and serves it', async () => {
    const before = follower.chainSync.follower.show(chainId)
    await follower.stop()
    follower = await startNode(fDir, [], QUIET)
    await connect(follower, op)
    await connect(owner, follower)
    const after = follower.chainSync.follower.show(chainId)
    assert.deepEqual({ ...after, syncedAt: 0 }, { ...before, syncedAt: 0 })
    await sameAsOperator(follower)
    // it serves proofs from what it holds
    const p = await follower.chainSync.follower.prove(chainId, { lo: SPACE / 4n + 1n, conditions: [] })
    assert.equal(p.commitment.height, op.operator.show(chainId).height)
    const served = await owner.chainSync.net.request(follower.peerId, { getProof: { chainId: fromHex(chainId), point: pointToBytes(SPACE / 4n + 1n) as Uint8Array<ArrayBuffer>, conditions: [] } })
    assert.equal(toHex(served.proof), toHex(p.proof))
  })

  it('gossip hook: a commitment ahead is accepted and synced; a fork is reported; forged and late ones are rejected', async () => {
    const conflicts: Array<[SignedCommitment, SignedCommitment]> = []
    const report = follower.chainSync.follower.onConflict // the node's wiring: forks become evidence
    follower.chainSync.follower.onConflict = (c, a, b) => { conflicts.push([a, b]); report?.(c, a, b) }
    // deaf to the real gossip meanwhile: the calls below are the only announcements it gets
    follower.roots.net.leave('/sortlift/roots/1')
    await owner.operator.buy({ chainId, user: 'alice', widthPpm: 1_000, peer: op.peerId })
    const next = commitmentFromJson(await op.operator.commit(chainId))
    assert.equal(await follower.chainSync.follower.onCommitment(chain, next, op.peerId), 'accept')
    await waitFor(() => follower.chainSync.follower.show(chainId).height === next.height, 'the follower to sync the announced height')
    await sameAsOperator(follower)
    // the same commitment again brings nothing new
    assert.equal(await follower.chainSync.follower.onCommitment(chain, next, op.peerId), 'ignore')
    // the operator's key signs a second commitment for that height: a fork
    const opSigner = await op.users.signer('op')
    const { signature: _s, ...fields } = next
    const fork = await signCommitment(opSigner, { ...fields, root: sha256(next.root) })
    assert.equal(await follower.chainSync.follower.onCommitment(chain, fork, op.peerId), 'ignore')
    assert.equal(conflicts.length, 1)
    assert.equal(toHex(conflicts[0][1].root), toHex(fork.root))
    await waitFor(async () => (await follower.evidence.service.list()).some(e => e.kind === 'DOUBLE_COMMITMENT' && e.chainId === chainId), 'the fork to be stored as evidence')
    // not the operator's signature; after the trading end
    const mallory = (await generateSigner()).signer
    assert.equal(await follower.chainSync.follower.onCommitment(chain, await signCommitment(mallory, { ...fields, height: next.height + 1 }), op.peerId), 'reject')
    assert.equal(await follower.chainSync.follower.onCommitment(chain, await signCommitment(opSigner, { ...fields, height: next.height + 1, time: chain.tradingEnd + 1 }), op.peerId), 'reject')
    // a chain not followed here
    assert.equal(await owner.chainSync.follower.onCommitment(chain, next, op.peerId), 'ignore')
    follower.roots.net.join('/sortlift/roots/1')
  })

  it('a new height announced on the roots topic reaches the follower through gossip', async () => {
    // wait until the operator's announcements have a route to the follower
    await waitFor(() => op.host.services.pubsub.getSubscribers('/sortlift/roots/1').some(p => p.toString() === follower.peerId), 'the follower to subscribe to the roots topic', 20_000)
    await owner.operator.buy({ chainId, user: 'alice', widthPpm: 1_000, peer: op.peerId })
    const c = await op.operator.commit(chainId)
    await waitFor(() => follower.chainSync.follower.show(chainId).height === c.height, 'gossip to bring the new height', 20_000)
    await sameAsOperator(follower)
  })

  it('a follower that misses gossip catches up on its poll', async () => {
    const poller = await startNode(undefined, [], { sortition: { commitIntervalMs: 0, syncIntervalMs: 150 } } as any)
    try {
      await connect(poller, op)
      await poller.chainSync.follower.follow(chainId, op.peerId)
      poller.roots.net.leave('/sortlift/roots/1') // deaf to announcements: only the poll can tell it
      await owner.operator.buy({ chainId, user: 'bob', widthPpm: 1_000, peer: op.peerId })
      const c = await op.operator.commit(chainId)
      await waitFor(() => poller.chainSync.follower.show(chainId).height === c.height, 'the poll to fetch the new height')
      await sameAsOperator(poller)
    } finally {
      await poller.stop()
    }
  })

  it('a node that operates a chain cannot follow it; an unknown chain has no provider', async () => {
    await assert.rejects(op.chainSync.follower.follow(chainId), (e: any) => e instanceof SyncError && e.code === 'OPERATED_HERE')
    await assert.rejects(owner.chainSync.follower.follow('ab'.repeat(32)), (e: any) => e instanceof SyncError && e.code === 'NO_PROVIDER')
  })

  it('with the operator stopped, the owner finds the follower through the DHT and gets a valid proof', async () => {
    await follower.chainSync.follower.sync(chainId)
    const held = op.operator.show(chainId)
    // the follower's provider record has reached the owner's DHT view
    await waitFor(async () => {
      for await (const p of owner.chainSync.providers.find(fromHex(chainId), AbortSignal.timeout(2_000))) if (p === follower.peerId) return true
      return false
    }, 'the owner to find the follower as a provider', 20_000)
    await op.stop()
    const at = { lo: SPACE / 4n + 1n, conditions: [] }
    // the owner names the (dead) operator, as before
    const file = await owner.operator.fetchProof({ chainId, at, peer: op.peerId })
    const check = await verifyProofFile(file)
    assert.equal(check.ok, true, check.reason)
    assert.equal(check.height, held.height)
    assert.equal(check.commitment, held.commitment)
    assert.equal(check.owner?.publicKey, toHex((await owner.users.signer('bob')).publicKey))
    // and without naming anyone: the chain record comes from a provider too
    const c = await owner.operator.contract({ chainId, at })
    assert.equal(c.owner.publicKey, check.owner?.publicKey)
    assert.equal(c.height, held.height)
  })
})

