// The acceptance scenario, through the CLI only, with two node processes.
import assert from 'node:assert/strict'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { cli, ok, startCliNode } from '../helpers/cli.js'
import type { CliNode } from '../helpers/cli.js'

describe('CLI: two node processes', function () {
  this.timeout(120_000)
  let dirA: string
  let dirB: string
  let A: CliNode | undefined
  let B: CliNode | undefined
  let id: string

  before(async () => {
    dirA = await tempDir()
    dirB = await tempDir()
  })

  after(async () => {
    await A?.stop()
    await B?.stop()
    await cleanupDirs()
  })

  const show = async (dir: string): Promise<any> => await ok(dir, 'tally', 'show', id)

  it('starts nodes and reports status', async () => {
    A = await startCliNode(dirA)
    B = await startCliNode(dirB, '--bootstrap', A.info.addresses[0])
    const status = await ok(dirA, 'status')
    assert.equal(status.peerId, A.info.peerId)
    assert.ok(status.addresses.length > 0)
    assert.equal((await stat(join(dirA, 'node.key'))).mode & 0o777, 0o600)
    assert.equal((await stat(join(dirA, 'api.token'))).mode & 0o777, 0o600)
    await waitFor(async () => (await ok(dirB, 'peers')).some((p: any) => p.peerId === A!.info.peerId), 'B to connect to A')
  })

  it('opens a tally and pays concurrently both ways with identical halves', async () => {
    await ok(dirA, 'user', 'add', 'alice')
    await ok(dirB, 'user', 'add', 'bob')
    const proposed = await ok(dirA, 'tally', 'propose', '--user', 'alice', '--partner', `bob@${B!.info.peerId}`, '--role', 'stock')
    id = proposed.id
    assert.match(id, /^[0-9a-f]{32}$/)
    assert.equal((await ok(dirB, 'tally', 'accept', id, '--user', 'bob')).state, 'open')
    const alice = `alice@${A!.info.peerId}`
    const bob = `bob@${B!.info.peerId}`
    await ok(dirB, 'pay', '--from', 'bob', '--to', alice, '--units', '5')
    await ok(dirB, 'pay', '--from', 'bob', '--to', alice, '--units', '5')
    await Promise.all([
      ok(dirB, 'pay', '--from', 'bob', '--to', alice, '--units', '5'),
      ok(dirA, 'pay', '--from', 'alice', '--to', bob, '--units', '2'),
      ok(dirA, 'pay', '--from', 'alice', '--to', bob, '--units', '2')
    ])
    await waitFor(async () => {
      const [a, b] = await Promise.all([show(dirA), show(dirB)])
      return a.chain.length === 5 && b.chain.length === 5
    }, 'both halves to hold 5 chits')
    const [a, b] = await Promise.all([show(dirA), show(dirB)])
    assert.equal(a.balance, '11')
    assert.equal(b.balance, '-11')
    assert.equal(a.chain.head, b.chain.head)
    assert.deepEqual(await ok(dirA, 'tally', 'chain', id), await ok(dirB, 'tally', 'chain', id))
  })

  it('delivers a chit paid while the partner was stopped', async () => {
    assert.equal(await B!.stop(), 0, 'B stops cleanly')
    const paid = await ok(dirA, 'pay', '--from', 'alice', '--to', `bob@${B!.info.peerId}`, '--units', '1')
    assert.equal(paid.delivered, false)
    B = await startCliNode(dirB, '--bootstrap', A!.info.addresses[0])
    await waitFor(async () => (await show(dirB)).chain.length === 6, 'the queued chit to reach B', 30_000)
    assert.equal((await show(dirB)).balance, '-10')
    await waitFor(async () => (await show(dirA)).pending.count === 0, 'A to see its chit placed')
    assert.equal((await show(dirA)).balance, '10')
  })

  it('keeps everything across restarts of both nodes', async () => {
    const before = [await show(dirA), await show(dirB)]
    await A!.stop()
    await B!.stop()
    A = await startCliNode(dirA)
    B = await startCliNode(dirB, '--bootstrap', A.info.addresses[0])
    const after = [await show(dirA), await show(dirB)]
    assert.deepEqual(after, before)
  })

  it('reports errors as one line on stderr with a non-zero exit', async () => {
    const r = await cli(dirA, 'tally', 'show', '0'.repeat(32))
    assert.notEqual(r.code, 0)
    assert.match(r.stderr, /^sortlift: error: no tally 0{32} on this node \[UNKNOWN_TALLY\]\n$/)
    const usage = await cli(dirA, 'pay', '--from', 'alice')
    assert.equal(usage.code, 2)
    assert.match(usage.stderr, /--to is required/)
    const over = await cli(dirA, 'pay', '--from', 'alice', '--to', `bob@${B!.info.peerId}`, '--units', '1.5')
    assert.notEqual(over.code, 0)
    assert.match(over.stderr, /integer number of milli-units/)
    const down = await cli(await tempDir(), 'status')
    assert.notEqual(down.code, 0)
    assert.match(down.stderr, /no node is running/)
  })
})
