// Discovery's fan-out counts peers, not tallies: a relay with more exits than
// the fan-out, several of them into one node that hosts many users, still
// asks that node over each of its tallies — only one of them enters at the
// payee. Before, the relay kept its 4 largest exits and the payee's tally
// (the 5th) was never asked: NO_ROUTE with a route in plain sight.
import assert from 'node:assert/strict'
import type { SortliftNode } from '../../src/node/node.js'
import { startNode, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { addressOf } from '../helpers/tallies.js'

/** `giver` gives to `receiver` over a new tally; the receiver publishes `target` (its reward-free capacity). */
async function link (gn: SortliftNode, giver: string, rn: SortliftNode, receiver: string, target: bigint): Promise<string> {
  const t = await gn.tallies.propose({ user: giver, partner: `${receiver}@${rn.peerId}`, role: 'stock' })
  await rn.tallies.accept(t.id, receiver)
  await rn.tallies.setSettings(t.id, { target, bound: target, reward: 0, clutch: 0 }, receiver)
  await waitFor(async () => (await gn.tallies.show(t.id, giver)).chain.length === 1, 'the settings on both halves')
  return t.id
}

describe('route discovery: fan-out by peer', function () {
  this.timeout(60_000)
  let a: SortliftNode, b: SortliftNode, c: SortliftNode, d: SortliftNode, e: SortliftNode
  before(async () => {
    [a, b, c, d, e] = await Promise.all([startNode(), startNode(), startNode(), startNode(), startNode()])
    await a.users.add('payer')
    await b.users.add('rel')
    for (const u of ['u1', 'u2', 'u3']) await c.users.add(u)
    await d.users.add('x')
    await e.users.add('y')
    for (const n of [a, c, d, e]) await connect(n, b)
    await link(a, 'payer', b, 'rel', 1_000_000n)
    // the relay's two largest exits lead nowhere; three smaller ones go into c, one per user
    await link(b, 'rel', d, 'x', 500_000n)
    await link(b, 'rel', e, 'y', 400_000n)
    await link(b, 'rel', c, 'u1', 50_000n)
    await link(b, 'rel', c, 'u2', 50_000n)
    await link(b, 'rel', c, 'u3', 40_000n)
  })
  after(async () => {
    for (const n of [a, b, c, d, e]) await n?.stop()
    await cleanupDirs()
  })

  it('finds and pays the payee behind the relay\'s smallest exit', async () => {
    const found = await a.routes.findRoutes({ from: 'payer', to: addressOf({ node: c, user: 'u3' }), units: 20_000n })
    assert.ok(found.routes.some(r => r.carries), JSON.stringify(found, (_k, v) => typeof v === "bigint" ? v.toString() : v))
    const paid = await a.lifts.pay({ from: 'payer', to: addressOf({ node: c, user: 'u3' }), units: 20_000n })
    assert.equal((paid as any).state, "good", JSON.stringify(paid, (_k, v) => typeof v === "bigint" ? v.toString() : v))
  })
})
