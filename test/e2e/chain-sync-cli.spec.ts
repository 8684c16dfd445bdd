// Following through the real CLI and control API: chain follow, list (role
// and height), show, commitments, sync, and contract show without --peer on
// a follower.
import assert from 'node:assert/strict'
import { runNode } from '../../src/node/run.js'
import type { RunningNode } from '../../src/node/run.js'
import { tempDir, cleanupDirs, connect } from '../helpers/nodes.js'
import { cli, ok } from '../helpers/cli.js'

describe('chain-sync through the CLI', function () {
  let a: RunningNode
  let b: RunningNode
  let aDir: string
  let bDir: string
  let chain: string

  before(async () => {
    aDir = await tempDir()
    bDir = await tempDir()
    a = await runNode({ dataDir: aDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0, sortition: { commitIntervalMs: 0, syncIntervalMs: 0 } })
    b = await runNode({ dataDir: bDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0, sortition: { commitIntervalMs: 0, syncIntervalMs: 0 } })
    await a.node.users.add('op')
    await connect(b.node, a.node)
    const end = new Date(Date.now() + 3_600_000).toISOString()
    chain = (await ok(aDir, 'chain', 'create', '--user', 'op', '--value', '1000', '--trading-end', end, '--beacon-round', '3')).id
  })
  after(async () => {
    await b?.stop()
    await a?.stop()
    await cleanupDirs()
  })

  it('chain follow / list / show / commitments / sync on a follower; the operator lists its chain as operator', async () => {
    const f = await ok(bDir, 'chain', 'follow', chain, '--peer', a.node.peerId)
    assert.equal(f.id, chain)
    assert.equal(f.role, 'follower')
    assert.equal(f.height, 0)
    assert.deepEqual((await ok(bDir, 'chain', 'list')).map((c: any) => [c.id, c.role, c.height]), [[chain, 'follower', 0]])
    assert.deepEqual((await ok(aDir, 'chain', 'list')).map((c: any) => [c.id, c.role]), [[chain, 'operator']])
    const shown = await ok(bDir, 'chain', 'show', chain)
    assert.equal(shown.root, (await ok(aDir, 'chain', 'show', chain)).committedRoot)
    assert.equal((await ok(bDir, 'chain', 'commitments', chain)).length, 1)
    await a.node.operator.commit(chain, true)
    assert.equal((await ok(bDir, 'chain', 'sync', chain)).height, 1)
    const human = await cli(bDir, 'chain', 'list')
    assert.equal(human.code, 0)
    assert.match(human.stdout, /role: follower/)
  })

  it('contract show without --peer on a follower; following an operated chain is refused', async () => {
    const c = await ok(bDir, 'contract', 'show', '--chain', chain)
    assert.equal(c.owner.kind, 'unassigned')
    const refused = await cli(aDir, 'chain', 'follow', chain, '--json')
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /OPERATED_HERE/)
    const unknown = await cli(bDir, 'chain', 'sync', 'ab'.repeat(32), '--json')
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /NOT_FOLLOWED/)
  })
})
