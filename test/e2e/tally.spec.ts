import assert from 'node:assert/strict'
import { startNode, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import type { SortliftNode } from '../../src/node/node.js'
import { TallyRepository } from '../../src/store/tally-repo.js'
import { fromHex } from '../../src/crypto/bytes.js'
import { Side, ErrorCode } from '../../protos/tally.js'

async function chainOf (node: SortliftNode, id: string, side: Side): Promise<string[]> {
  await node.tallies.settled()
  const repo = new TallyRepository(node.db)
  return (await repo.entriesFrom(fromHex(id), side, 0)).map(e => Buffer.from(e.chit!.chitId).toString('hex') + ':' + e.index)
}

describe('tallies between two nodes over TCP', function () {
  let a: SortliftNode
  let b: SortliftNode
  let id: string
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
    id = proposed.id
  })

  it('publishes trading variables to the partner through setting chits', async () => {
    await a.tallies.setSettings(id, { target: 3n, bound: 7n, reward: 2000, clutch: 500 })
    await b.tallies.setSettings(id, { target: 0n, bound: 10n, reward: 0, clutch: 1000 })
    await waitFor(async () => (await a.tallies.show(id)).chain.head === (await b.tallies.show(id)).chain.head, 'chains to converge')
    for (const view of [await a.tallies.show(id), await b.tallies.show(id)]) {
      assert.deepEqual(view.settings.stock, { target: '3', bound: '7', reward: 2000, clutch: 500 })
      assert.deepEqual(view.settings.foil, { target: '0', bound: '10', reward: 0, clutch: 1000 })
    }
    assert.equal((await a.tallies.show(id)).balance, '11', 'settings move no value')
  })

  it('a stock payment that returns delivered is at once in show and chain, and on disk once the round has settled', async () => {
    const before = await a.tallies.show(id)
    const paid = await a.tallies.pay({ from: 'alice', to: `bob@${b.peerId}`, units: 1n })
    assert.equal(paid.delivered, true)
    // read at once, no waiting: the stock's record of the placement is visible before it is on disk
    const now = await a.tallies.show(id)
    assert.equal(now.pending.count, 0)
    assert.equal(now.chain.length, before.chain.length + 1)
    assert.equal(paid.tally.chain.length, now.chain.length)
    assert.ok((await a.tallies.chain(id)).some(c => c.chitId === paid.chitId))
    await a.tallies.settled()
    assert.ok((await chainOf(a, id, Side.STOCK)).some(x => x.startsWith(paid.chitId)))
  })

  it('closes: no new debt, closed when the balance reaches zero', async () => {
    await b.tallies.close(id)
    await waitFor(async () => (await a.tallies.show(id)).state === 'closing', 'stock to see closing')
    await assert.rejects(b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 1n }), /closing/)
    await a.tallies.pay({ from: 'alice', to: `bob@${b.peerId}`, units: BigInt((await a.tallies.show(id)).balance) })
    await waitFor(async () => (await b.tallies.show(id)).state === 'closed' && (await a.tallies.show(id)).state === 'closed', 'both halves closed')
    assert.equal((await a.tallies.show(id)).balance, '0')
    await assert.rejects(a.tallies.pay({ from: 'alice', to: `bob@${b.peerId}`, units: 1n }), /no open tally/)
  })

  it('a tally id that is not 32 hex characters is a MALFORMED error; one in capitals names the same tally', async () => {
    for (const bad of ['xyz', id.slice(0, 30), id + '00', `${id.slice(0, 31)}g`]) {
      await assert.rejects(a.tallies.show(bad), (err: any) => err?.code === ErrorCode.MALFORMED && /32 hex characters/.test(err.message))
    }
    assert.equal((await a.tallies.show(id.toUpperCase())).id, id)
  })

  it('a refused proposal ends refused on both nodes', async () => {
    const t = await a.tallies.propose({ user: 'alice', partner: `bob@${b.peerId}`, role: 'foil', limit: 5n })
    assert.equal((await b.tallies.show(t.id)).state, 'proposed')
    assert.equal((await b.tallies.refuse(t.id, 'bob')).state, 'refused')
    await waitFor(async () => (await a.tallies.show(t.id)).state === 'refused', 'proposer to hear the refusal')
    await assert.rejects(b.tallies.accept(t.id, 'bob'), /refused/)
  })
})

describe('delivery while payments keep arriving', function () {
  let a: SortliftNode
  let b: SortliftNode
  after(async () => {
    await a?.stop().catch(() => {})
    await b?.stop().catch(() => {})
    await cleanupDirs()
  })

  // Regression: a round used to wait until no chit was queued on its half, so
  // a steady stream of new payments (each write finding another queued) held
  // every waiting payment back until the stream stopped.
  for (const role of ['stock', 'foil'] as const) {
    it(`delivers a ${role}'s payment while each write brings another`, async () => {
      a ??= await startNode()
      b ??= await startNode()
      await connect(a, b)
      const payer = `payer-${role}`
      const payee = `payee-${role}`
      await a.users.add(payer)
      await b.users.add(payee)
      const t = await a.tallies.propose({ user: payer, partner: `${payee}@${b.peerId}`, role })
      await b.tallies.accept(t.id, payee)
      await waitFor(async () => (await a.tallies.show(t.id, payer)).state === 'open', 'the tally to open')

      // Every write of A's tally store queues one more payment, up to STREAM.
      const STREAM = 120
      const repo = (a.tallies as any).repo
      const commit = repo.commit.bind(repo)
      const stream: Array<Promise<unknown>> = []
      let on = true
      repo.commit = async (change: unknown) => {
        if (on && stream.length < STREAM) stream.push(a.tallies.pay({ from: payer, to: `${payee}@${b.peerId}`, units: 1n }))
        return await commit(change)
      }
      try {
        const first = await a.tallies.pay({ from: payer, to: `${payee}@${b.peerId}`, units: 2n })
        const queuedMeanwhile = stream.length
        assert.equal(first.delivered, true)
        assert.ok(queuedMeanwhile < STREAM / 2, `the first payment waited for ${queuedMeanwhile} of the ${STREAM} that kept arriving`)
      } finally {
        on = false
      }
      await Promise.all(stream)
      repo.commit = commit
      const total = 2n + BigInt(stream.length)
      await waitFor(async () => {
        const [x, y] = [await a.tallies.show(t.id, payer), await b.tallies.show(t.id, payee)]
        return x.chain.length === stream.length + 1 && y.chain.length === stream.length + 1 && x.undelivered === 0 && y.undelivered === 0 && x.pending.count + y.pending.count === 0
      }, 'both halves to hold every payment')
      const [x, y] = [await a.tallies.show(t.id, payer), await b.tallies.show(t.id, payee)]
      assert.equal(x.chain.head, y.chain.head)
      assert.equal(BigInt(y.balance), total)
      assert.equal(BigInt(x.balance), -total)
    })
  }
})
