// The sortition commands through the real CLI and control API, on two nodes:
// create, list, show, buy, transfer, split, proof export and offline verify.
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runNode } from '../../src/node/run.js'
import type { RunningNode } from '../../src/node/run.js'
import { tempDir, cleanupDirs, connect } from '../helpers/nodes.js'
import { openTally, netOf } from '../helpers/tallies.js'
import { cli, ok } from '../helpers/cli.js'
import { SPACE } from '../../src/sortition/space.js'

describe('sortition through the CLI', function () {
  let a: RunningNode
  let b: RunningNode
  let aDir: string
  let bDir: string
  let chain: string

  before(async () => {
    aDir = await tempDir()
    bDir = await tempDir()
    a = await runNode({ dataDir: aDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0 })
    b = await runNode({ dataDir: bDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0 })
    await a.node.users.add('op')
    await b.node.users.add('alice')
    await b.node.users.add('bob')
    await connect(b.node, a.node)
    await openTally({ node: a.node, user: 'op' }, { node: b.node, user: 'alice' })
  })
  after(async () => {
    await b?.stop()
    await a?.stop()
    await cleanupDirs()
  })

  it('chain create / list / show', async () => {
    const end = new Date(Date.now() + 3_600_000).toISOString()
    const c = await ok(aDir, 'chain', 'create', '--user', 'op', '--value', '2000000', '--trading-end', end, '--beacon-round', '7')
    chain = c.id
    assert.match(chain, /^[0-9a-f]{64}$/)
    assert.equal(c.value, '2000000')
    assert.equal(c.height, 0)
    assert.deepEqual((await ok(aDir, 'chain', 'list')).map((x: any) => x.id), [chain])
    const shown = await ok(aDir, 'chain', 'show', chain)
    assert.equal(shown.operatorAddress, `op@${a.node.peerId}`)
    assert.equal(shown.root, c.root)
    const bad = await cli(aDir, 'chain', 'show', 'ab'.repeat(32), '--json')
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /UNKNOWN_CHAIN/)
  })

  it('contract buy pays the operator and issues; transfer; split; show', async () => {
    const r = await ok(bDir, 'contract', 'buy', '--chain', chain, '--user', 'alice', '--width', '500000', '--peer', a.node.peerId)
    assert.equal(r.price, '1000000')
    assert.equal(BigInt(r.hi), SPACE / 2n)
    assert.equal(await netOf({ node: b.node, user: 'alice' }), -1_000_000n)
    // bob has no region: his transfer of alice's is refused
    const notMine = await cli(bDir, 'contract', 'transfer', '--chain', chain, '--user', 'bob', '--lo', '0', '--to-user', 'bob', '--peer', a.node.peerId, '--json')
    assert.equal(notMine.code, 1)
    assert.match(notMine.stderr, /NOT_OWNER/)
    const t = await ok(bDir, 'contract', 'transfer', '--chain', chain, '--user', 'alice', '--lo', '0', '--to-user', 'bob', '--peer', a.node.peerId)
    assert.equal(t.owner.publicKey, Buffer.from((await b.node.users.signer('bob')).publicKey).toString('hex'))
    await ok(bDir, 'contract', 'split', '--chain', chain, '--user', 'bob', '--lo', '0', '--at', '0x' + (SPACE / 4n).toString(16), '--peer', a.node.peerId)
    const shown = await ok(bDir, 'contract', 'show', '--chain', chain, '--at', (SPACE / 4n + 1n).toString(), '--peer', a.node.peerId)
    assert.equal(shown.lo, (SPACE / 4n).toString())
    assert.equal(shown.value, '500000')
    assert.equal((await ok(aDir, 'chain', 'contracts', chain)).length, 2)
  })

  it('contract proof --out, then contract verify FILE offline; a tampered file fails', async () => {
    const dir = await tempDir()
    const file = join(dir, 'proof.json')
    const w = await ok(bDir, 'contract', 'proof', '--chain', chain, '--at', '5', '--peer', a.node.peerId, '--out', file)
    assert.equal(w.written, file)
    // no node behind this data directory: verify is offline
    const nowhere = join(dir, 'no-node')
    const v = await ok(nowhere, 'contract', 'verify', file)
    assert.equal(v.ok, true)
    assert.equal(v.region.lo, '0')
    assert.equal(v.owner.publicKey, Buffer.from((await b.node.users.signer('bob')).publicKey).toString('hex'))
    assert.equal(v.value, '500000')
    const j = JSON.parse(await readFile(file, 'utf8'))
    j.commitment.root = '11'.repeat(32)
    await writeFile(join(dir, 'bad.json'), JSON.stringify(j))
    const bad = await cli(nowhere, 'contract', 'verify', join(dir, 'bad.json'), '--json')
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /does not verify/)
    // commitments are listed, hash-chained
    const cs = await ok(aDir, 'chain', 'commitments', chain)
    for (let i = 1; i < cs.length; i++) assert.equal(cs[i].prev, cs[i - 1].hash)
  })
})
