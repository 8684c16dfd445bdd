// A partner that is offline gets its chits when it returns: never lost, never
// duplicated; everything survives restarts.
import assert from 'node:assert/strict'
import { startNode, connect, cleanupDirs, waitFor, tempDir } from '../helpers/nodes.js'
import type { SortliftNode } from '../../src/node/node.js'

describe('tally delivery across restarts', function () {
  let dirA: string
  let dirB: string
  let a: SortliftNode
  let b: SortliftNode
  let id: string

  before(async () => {
    dirA = await tempDir()
    dirB = await tempDir()
    a = await startNode(dirA)
    b = await startNode(dirB)
    await connect(a, b)
    await a.users.add('alice')
    await b.users.add('bob')
    id = (await a.tallies.propose({ user: 'alice', partner: `bob@${b.peerId}`, role: 'stock' })).id
    await b.tallies.accept(id, 'bob')
    await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 10n })
  })

  after(async () => {
    await a?.stop().catch(() => {})
    await b?.stop().catch(() => {})
    await cleanupDirs()
  })

  async function converged (): Promise<boolean> {
    const [sa, sb] = await Promise.all([a.tallies.show(id), b.tallies.show(id)])
    return sa.chain.head === sb.chain.head && sa.pending.count === 0 && sb.undelivered === 0
  }

  it('queues a stock chit while the foil is down and delivers it once', async () => {
    await b.stop()
    const paid = await a.tallies.pay({ from: 'alice', to: `bob@${b.peerId}`, units: 1n, memo: 'while you were out' })
    assert.equal(paid.delivered, false)
    assert.equal(paid.tally.pending.count, 1)
    assert.equal(paid.tally.balance, '10', 'an unplaced chit does not move the balance yet')
    b = await startNode(dirB, [a.addresses()[0]])
    await waitFor(converged, 'the queued chit to arrive', 20_000)
    const [sa, sb] = await Promise.all([a.tallies.show(id), b.tallies.show(id)])
    assert.equal(sa.balance, '9')
    assert.equal(sb.balance, '-9')
    assert.equal(sa.chain.length, 2)
    const chain = await b.tallies.chain(id)
    assert.equal(chain.filter(c => c.memo === 'while you were out').length, 1, 'delivered exactly once')
  })

  it('queues foil chits while the stock is down and pushes them on return', async () => {
    await a.stop()
    const p1 = await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 3n })
    const p2 = await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 4n })
    assert.equal(p1.delivered, false)
    assert.equal(p2.delivered, false)
    assert.equal(p2.tally.undelivered, 2)
    a = await startNode(dirA, [b.addresses()[0]])
    await waitFor(converged, 'the pushed entries to arrive', 20_000)
    assert.equal((await a.tallies.show(id)).balance, '16')
  })

  it('keeps tallies, chains, balances and users across restarts of both nodes', async () => {
    const before = [await a.tallies.show(id), await b.tallies.show(id)]
    await a.stop()
    await b.stop()
    a = await startNode(dirA)
    b = await startNode(dirB, [a.addresses()[0]])
    const after = [await a.tallies.show(id), await b.tallies.show(id)]
    assert.deepEqual(after.map(s => [s.state, s.balance, s.chain]), before.map(s => [s.state, s.balance, s.chain]))
    assert.deepEqual((await a.users.list()).map(u => u.name), ['alice'])
    assert.equal(a.peerId, before[1].partner.split('@')[1], 'the node keeps its identity')
    await waitFor(async () => b.host.getPeers().length > 0, 'reconnect')
    const paid = await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 1n })
    assert.equal(paid.delivered, true)
    await waitFor(converged, 'convergence after restart')
  })

  it('a foil restarted before writing down how far the stock got pushes again, and the stock places nothing twice', async () => {
    // The foil keeps the stock's acknowledgement in memory until its next write (keepUnwritten).
    const paid = await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 2n, memo: 'acknowledged, not written down' })
    assert.equal(paid.delivered, true)
    const stock = await a.tallies.show(id)
    await b.stop()
    b = await startNode(dirB, [a.addresses()[0]])
    await waitFor(converged, 'the foil to hear again how far the stock got', 20_000)
    const [sa, sb] = await Promise.all([a.tallies.show(id), b.tallies.show(id)])
    assert.deepEqual(sa.chain, stock.chain, 'the stock placed nothing twice')
    assert.deepEqual(sb.chain, sa.chain)
    assert.equal((await a.tallies.chain(id)).filter(c => c.memo === 'acknowledged, not written down').length, 1)
  })
})

describe('tallies between two users of one node', function () {
  let n: SortliftNode
  after(async () => {
    await n?.stop().catch(() => {})
    await cleanupDirs()
  })

  it('holds both halves locally and keeps them identical', async () => {
    n = await startNode()
    await n.users.add('ann')
    await n.users.add('ben')
    const t = await n.tallies.propose({ user: 'ann', partner: `ben@${n.peerId}`, role: 'foil', limit: 50n })
    await n.tallies.accept(t.id, 'ben')
    await n.tallies.pay({ from: 'ann', to: `ben@${n.peerId}`, units: 20n })
    await n.tallies.pay({ from: 'ben', to: `ann@${n.peerId}`, units: 5n })
    const ann = await n.tallies.show(t.id, 'ann')
    const ben = await n.tallies.show(t.id, 'ben')
    assert.equal(ann.side, 'foil')
    assert.equal(ann.balance, '-15')
    assert.equal(ben.balance, '15')
    assert.deepEqual(ann.chain, ben.chain)
    await assert.rejects(n.tallies.show(t.id), /--user/)
  })
})
