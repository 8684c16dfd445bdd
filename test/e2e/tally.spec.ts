import assert from 'node:assert/strict'
import { startNode, connect, cleanupDirs, waitFor, tempDir } from '../helpers/nodes.js'
import type { SortliftNode } from '../../src/node/node.js'
import { TallyRepository } from '../../src/store/tally-repo.js'
import { fromHex } from '../../src/crypto/bytes.js'
import { Side } from '../../protos/tally.js'

async function chainOf (node: SortliftNode, id: string, side: Side): Promise<string[]> {
  const repo = new TallyRepository(node.db)
  return (await repo.entriesFrom(fromHex(id), side, 0)).map(e => Buffer.from(e.chit!.chitId).toString('hex') + ':' + e.index)
}

describe('tallies between two nodes over TCP', function () {
  let a: SortliftNode
  let b: SortliftNode
  after(async () => {
    await a?.stop().catch(() => {})
    await b?.stop().catch(() => {})
    await cleanupDirs()
  })

  it('opens a tally, pays both ways concurrently and keeps identical chains', async () => {
    a = await startNode()
    b = await startNode()
    await connect(a, b)
    await a.users.add('alice')
    await b.users.add('bob')
    const proposed = await a.tallies.propose({ user: 'alice', partner: `bob@${b.peerId}`, role: 'stock' })
    assert.equal(proposed.state, 'proposed')
    const accepted = await b.tallies.accept(proposed.id, 'bob')
    assert.equal(accepted.state, 'open')
    assert.equal((await a.tallies.show(proposed.id)).state, 'open')

    await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 5n })
    await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 5n })
    await Promise.all([
      b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 5n }),
      a.tallies.pay({ from: 'alice', to: `bob@${b.peerId}`, units: 2n }),
      a.tallies.pay({ from: 'alice', to: `bob@${b.peerId}`, units: 2n })
    ])
    await waitFor(async () => (await a.tallies.show(proposed.id)).chain.length === 5 && (await b.tallies.show(proposed.id)).chain.length === 5, 'both chains at 5')
    const sa = await a.tallies.show(proposed.id)
    const sb = await b.tallies.show(proposed.id)
    assert.equal(sa.balance, '11')
    assert.equal(sb.balance, '-11')
    assert.equal(sa.chain.head, sb.chain.head)
    assert.deepEqual(await chainOf(a, proposed.id, Side.STOCK), await chainOf(b, proposed.id, Side.FOIL))
  })
})
