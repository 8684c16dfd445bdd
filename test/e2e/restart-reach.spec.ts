// A node restarted with bootstrap peers that are not its tally partners can
// still reach its partners at once: libp2p's peer store (addresses) lives in
// the data directory (DataDir.p2pPath), so the first payment lift after the
// restart does not wait for the DHT to learn the partner's address again.
import assert from 'node:assert/strict'
import { access } from 'node:fs/promises'
import type { SortliftNode } from '../../src/node/node.js'
import { startNode, tempDir, connect, cleanupDirs } from '../helpers/nodes.js'
import { openTally, setSettings, addressOf, assertSettled } from '../helpers/tallies.js'
import { DataDir } from '../../src/node/datadir.js'

describe('restart: partners stay reachable', function () {
  let rel: SortliftNode
  let other: SortliftNode
  let op: SortliftNode
  let ben: SortliftNode
  let opDir: string

  before(async () => {
    rel = await startNode()
    other = await startNode()
    opDir = await tempDir()
    op = await startNode(opDir)
    ben = await startNode()
    for (const [n, u] of [[rel, 'rel'], [op, 'op'], [ben, 'ben']] as const) await n.users.add(u)
    await connect(op, rel)
    await connect(ben, rel)
    await connect(op, other)
  })
  after(async () => {
    for (const n of [ben, op, other, rel]) await n?.stop()
    await cleanupDirs()
  })

  it('pays a lift through a partner right after a restart bootstrapped elsewhere', async () => {
    const t1 = await openTally({ node: rel, user: 'rel' }, { node: ben, user: 'ben' }, 1_000_000n)
    await setSettings({ node: rel, user: 'rel' }, t1, { target: 500_000n, bound: 1_000_000n })
    const t2 = await openTally({ node: op, user: 'op' }, { node: rel, user: 'rel' }, 1_000_000n)
    await setSettings({ node: op, user: 'op' }, t2, { target: 500_000n, bound: 1_000_000n })
    const bought = await ben.lifts.pay({ from: 'ben', to: addressOf({ node: op, user: 'op' }), units: 30_000n })
    assert.equal((bought as any).state, 'good')
    await assertSettled({ node: op, user: 'op' }, { node: rel, user: 'rel' }, t2)
    await op.stop()
    await access(new DataDir(opDir).p2pPath)
    // back, bootstrapped to a node that is none of its partners
    op = await startNode(opDir, [`${other.addresses()[0]}`])
    const back = await op.lifts.pay({ from: 'op', to: addressOf({ node: ben, user: 'ben' }), units: 10_000n })
    assert.equal((back as any).state, 'good', JSON.stringify(back))
    await assertSettled({ node: rel, user: 'rel' }, { node: ben, user: 'ben' }, t1)
    await assertSettled({ node: op, user: 'op' }, { node: rel, user: 'rel' }, t2)
  })
})
