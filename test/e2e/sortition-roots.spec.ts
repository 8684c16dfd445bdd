// Commitments climbing a three-level hierarchy of chains over TCP: a top
// chain on A, a child on B (its parent leaf bought with a real payment and
// transferred to the child), a grandchild on C. A grandchild commitment is
// announced on its parent's topic, embedded by B, whose next commitment is
// announced on the top chain's topic and embedded by A; an ancestry proof
// shows the top root commits to it, and verifies offline. Announcements that
// fail are rejected, penalised and leave nothing stored.
import assert from 'node:assert/strict'
import { SortliftNode } from '../../src/node/node.js'
import { startNode, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { openTally } from '../helpers/tallies.js'
import type { Member } from '../helpers/tallies.js'
import { dbSnapshot } from '../helpers/db.js'
import { ChainError } from '../../src/sortition/chain-errors.js'
import { signChain } from '../../src/sortition/chain.js'
import { commitmentFromJson, commitmentHash, signCommitment } from '../../src/sortition/commitment.js'
import { verifyAncestry, chainTopic, ROOTS_TOPIC, checkAnnouncement } from '../../src/sortition/roots.js'
import { chainToWire, commitmentToWire } from '../../src/sortition/operator.js'
import { ChainAnnouncement } from '../../protos/sortition.js'
import { generateSigner } from '../../src/crypto/keys.js'
import { randomBytes, toHex } from '../../src/crypto/bytes.js'

const HOUR = 3_600_000
const END = Date.now() + HOUR

describe('sortition roots: commitments gossiped to ancestors and embedded', function () {
  let a: SortliftNode
  let b: SortliftNode
  let c: SortliftNode
  let top: string
  let mid: string
  let low: string
  const m = (node: SortliftNode, user: string): Member => ({ node, user })
  const cfg = { sortition: { commitIntervalMs: 0, embedDelayMs: 20 } } as any

  before(async () => {
    a = await startNode(undefined, [], cfg)
    b = await startNode(undefined, [], cfg)
    c = await startNode(undefined, [], cfg)
    await a.users.add('top')
    await b.users.add('mid')
    await c.users.add('low')
    await connect(b, a)
    await connect(c, b)
    await connect(c, a)
    await openTally(m(a, 'top'), m(b, 'mid'))
    await openTally(m(b, 'mid'), m(c, 'low'))
  })
  after(async () => {
    await c?.stop()
    await b?.stop()
    await a?.stop()
    await cleanupDirs()
  })

  it('builds the hierarchy: each child chain owns its parent leaf', async () => {
    const end = END
    top = (await a.operator.create({ user: 'top', value: 1_000_000n, tradingEnd: end, beaconRound: 10 })).id
    // mid buys 40% of the top chain and turns it into a child chain
    const bought = await b.operator.buy({ chainId: top, user: 'mid', widthPpm: 400_000, peer: a.peerId })
    mid = (await b.operator.create({ user: 'mid', value: 1_000_000n, tradingEnd: end, beaconRound: 10, parent: { chainId: top, leaf: { lo: BigInt(bought.lo), conditions: [] }, peer: a.peerId } })).id
    const leaf = a.operator.contracts(top)[0]
    assert.deepEqual(leaf.owner, { kind: 'child', chainId: mid })
    const bought2 = await c.operator.buy({ chainId: mid, user: 'low', widthPpm: 500_000, peer: b.peerId })
    low = (await c.operator.create({ user: 'low', value: 1_000_000n, tradingEnd: end, beaconRound: 10, parent: { chainId: mid, leaf: { lo: BigInt(bought2.lo), conditions: [] }, peer: b.peerId } })).id
    assert.deepEqual(b.operator.contracts(mid)[0].owner, { kind: 'child', chainId: low })
  })

  it('refuses a child chain worth more than its parent, or on a leaf the user does not own', async () => {
    await assert.rejects(b.operator.create({ user: 'mid', value: 2_000_000n, tradingEnd: END, beaconRound: 10, parent: { chainId: top, leaf: { lo: 0n, conditions: [] }, peer: a.peerId } }),
      (err: any) => err instanceof ChainError && err.code === 'MALFORMED')
    // the leaf at 0 now belongs to the child chain, not to mid
    await assert.rejects(b.operator.create({ user: 'mid', value: 1_000n, tradingEnd: END, beaconRound: 10, parent: { chainId: top, leaf: { lo: 0n, conditions: [] }, peer: a.peerId } }),
      (err: any) => err instanceof ChainError && err.code === 'NOT_OWNER')
    assert.equal(b.operator.list().length, 1, 'nothing stored')
  })

  it('a grandchild commitment is committed in the top root, and the ancestry proof verifies offline', async () => {
    await c.operator.commit(low, true)
    const target = c.operator.head(low).commitment
    const hash = toHex(commitmentHash(target))
    let file: any
    await waitFor(async () => {
      try {
        file = await c.roots.service.ancestry({ chainId: low, commitment: hash })
        return true
      } catch (err: any) {
        if (err instanceof ChainError && err.code === 'NOT_EMBEDDED') return false
        throw err
      }
    }, 'the top chain commits to the grandchild commitment', 15_000)
    assert.equal(file.layers.length, 3)
    const check = await verifyAncestry(file)
    assert.ok(check.ok, check.reason)
    assert.equal(check.child?.commitment, hash)
    assert.deepEqual(check.ancestors?.map(x => x.chainId), [mid, top])
    // the top chain's own commitment list holds the committed root
    const topHeads = await a.operator.commitments(top)
    assert.equal(topHeads.at(-1)!.root, check.ancestors![1].root)
    // A learned of all three chains (its own and the two announced)
    const known = await a.roots.service.known()
    assert.ok(known.some(k => k.id === mid))
  })

  it('an altered ancestry proof fails offline', async () => {
    const file: any = await c.roots.service.ancestry({ chainId: low })
    const bad = structuredClone(file)
    const p = bad.layers[2].proof as string
    bad.layers[2].proof = p.slice(0, -2) + (p.endsWith('00') ? '01' : '00')
    assert.equal((await verifyAncestry(bad)).ok, false)
    const swapped = structuredClone(file)
    swapped.layers[0].commitment.height += 1
    assert.equal((await verifyAncestry(swapped)).ok, false)
  })

  it('rejects bad announcements with a penalty and stores nothing', async () => {
    const roots = a.roots.service
    const before = await dbSnapshot(a)
    const stranger = (await generateSigner()).signer
    const chain = await signChain(stranger, { operatorAddress: `x@${c.peerId}`, value: 5n, tradingEnd: Date.now() + HOUR, beaconRound: 1, created: Date.now(), nonce: randomBytes(16) })
    const good = await signCommitment(stranger, { chainId: chain.id, height: 0, root: new Uint8Array(32), prev: new Uint8Array(32), time: Date.now(), changes: new Uint8Array(32), children: [] })
    const enc = (ch: any, cm: any): Uint8Array => ChainAnnouncement.encode({ chain: chainToWire(ch), commitment: commitmentToWire(cm) })
    // malformed bytes
    assert.equal(await roots.validate(ROOTS_TOPIC, new Uint8Array([0xff, 0xff, 0x01]), c.peerId), 'reject')
    // a top-level chain on a child topic
    assert.equal(await roots.validate(chainTopic(top), enc(chain, good), c.peerId), 'reject')
    // a commitment signed by another key
    const forged = await signCommitment((await generateSigner()).signer, { ...good })
    assert.equal(await roots.validate(ROOTS_TOPIC, enc(chain, forged), c.peerId), 'reject')
    // after the trading end
    const late = await signCommitment(stranger, { ...good, time: chain.tradingEnd + 1 })
    assert.equal(await roots.validate(ROOTS_TOPIC, enc(chain, late), c.peerId), 'reject')
    assert.deepEqual(await dbSnapshot(a), before, 'nothing stored')
    // a conflicting commitment for a height already seen: rejected, and reported
    const conflicts: string[] = []
    roots.onConflict((ch) => { conflicts.push(toHex(ch.id)) })
    const seen = (await a.roots.service.known()).find(k => k.id === mid)!
    const midHead = await b.operator.commitments(mid)
    const atSeen = commitmentFromJson(midHead.find(x => x.height === seen.height)!)
    const midChain = b.operator.head(mid).chain
    const twin = await signCommitment(await b.users.signer('mid'), { ...atSeen, time: atSeen.time + 1 })
    assert.equal(await roots.validate(chainTopic(top), enc(midChain, twin), c.peerId), 'reject')
    assert.deepEqual(conflicts, [mid])
    // the pure check names each failure
    await assert.rejects(checkAnnouncement(chainTopic(top), chain, good, undefined, Date.now()), (err: any) => err.code === 'WRONG_TOPIC')
    await assert.rejects(checkAnnouncement(ROOTS_TOPIC, chain, late, undefined, Date.now()), (err: any) => err.code === 'AFTER_TRADING_END')
    // each rejection counted against the relaying peer by the topic set only when it arrives over gossip; the service counted them
    assert.ok(roots.counters.rejected >= 5)
  })

  it('a bad announcement relayed over gossip penalises the relaying peer', async () => {
    const before = a.roots.net.penaltyOf(c.peerId)
    await c.roots.net.publishTo(ROOTS_TOPIC, new Uint8Array([0x0a, 0x03, 0x01, 0x02]))
    await waitFor(() => a.roots.net.penaltyOf(c.peerId) > before, 'A penalises C for the malformed announcement')
  })
})
