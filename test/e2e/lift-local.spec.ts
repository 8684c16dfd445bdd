import assert from 'node:assert/strict'
import { SortliftNode } from '../../src/node/node.js'
import { startNode, tempDir, waitFor, cleanupDirs } from '../helpers/nodes.js'
import { openTally, setSettings, assertSettled, netOf, addressOf } from '../helpers/tallies.js'
import type { Member } from '../helpers/tallies.js'
import { dbSnapshot } from '../helpers/db.js'
import { LiftError } from '../../src/lift/errors.js'

describe('local lifts: payments and clearing inside one node', function () {
  let n: SortliftNode
  const m = (user: string): Member => ({ node: n, user })

  before(async () => {
    n = await startNode()
    for (const u of ['alice', 'bob', 'carol', 'dave']) await n.users.add(u)
  })
  after(async () => {
    await n.stop()
    await cleanupDirs()
  })

  let ab: string, bc: string
  it('pays alice → carol through bob in one lift; bob nets zero; both halves of each tally identical', async () => {
    ab = await openTally(m('bob'), m('alice')) // alice is foil: she gives by raising her debt to bob
    bc = await openTally(m('carol'), m('bob'))
    // Receivers say how much credit they take: bob on ab, carol on bc.
    await setSettings(m('bob'), ab, { target: 10_000n, bound: 20_000n })
    await setSettings(m('carol'), bc, { target: 8_000n, bound: 8_000n })
    const out = await n.lifts.pay({ from: 'alice', to: addressOf(m('carol')), units: 3_000n, memo: 'lunch', reference: 'inv-7' })
    assert.equal(out.route, 'lift')
    if (out.route !== 'lift') return
    assert.equal(out.state, 'good')
    assert.equal(out.kind, 'local')
    assert.equal(out.legs.length, 2)
    assert.equal(out.memo, 'lunch')
    assert.equal(await assertSettled(m('bob'), m('alice'), ab), 3_000n, 'alice owes bob 3.000')
    assert.equal(await assertSettled(m('carol'), m('bob'), bc), 3_000n, 'bob owes carol 3.000')
    assert.deepEqual([await netOf(m('alice')), await netOf(m('bob')), await netOf(m('carol'))], [-3_000n, 0n, 3_000n])
    const shown = await n.lifts.show(out.id)
    assert.deepEqual(shown.legs.map(l => [l.giver, l.receiver]), [[addressOf(m('alice')), addressOf(m('bob'))], [addressOf(m('bob')), addressOf(m('carol'))]])
    // The chain entries carry the lift id on both halves.
    const chain = await n.tallies.chain(ab, 'alice')
    assert.equal(chain.at(-1)?.type, 'lift')
  })

  it('refuses a payment the path cannot carry, with a clear reason, and stores nothing', async () => {
    const before = await dbSnapshot(n)
    await assert.rejects(n.lifts.pay({ from: 'alice', to: addressOf(m('carol')), units: 6_000n }),
      (err: any) => err instanceof LiftError && err.code === 'NO_CAPACITY' && /at most 5000/.test(err.message))
    await assert.rejects(n.lifts.pay({ from: 'alice', to: addressOf(m('dave')), units: 1n }),
      (err: any) => err instanceof LiftError && err.code === 'NO_ROUTE')
    assert.deepEqual(await dbSnapshot(n), before)
  })

  it('clears a circuit: every balance on it falls by the circuit capacity, every net position is unchanged', async () => {
    const x = await startNode()
    try {
      for (const u of ['a', 'b', 'c']) await x.users.add(u)
      const u = (name: string): Member => ({ node: x, user: name })
      const tab = await openTally(u('a'), u('b'))
      const tbc = await openTally(u('b'), u('c'))
      const tca = await openTally(u('c'), u('a'))
      // b owes a 5, c owes b 3, a owes c 4: a circuit a→b→c→a of capacity 3.
      await x.tallies.pay({ from: 'b', to: addressOf(u('a')), units: 5_000n })
      await x.tallies.pay({ from: 'c', to: addressOf(u('b')), units: 3_000n })
      await x.tallies.pay({ from: 'a', to: addressOf(u('c')), units: 4_000n })
      const nets = [await netOf(u('a')), await netOf(u('b')), await netOf(u('c'))]
      const lifts = await x.lifts.clear({ min: 1n })
      assert.equal(lifts.length, 1)
      assert.equal(lifts[0].units, '3000')
      assert.equal(lifts[0].clearing, true)
      assert.equal(await assertSettled(u('a'), u('b'), tab), 2_000n)
      assert.equal(await assertSettled(u('b'), u('c'), tbc), 0n)
      assert.equal(await assertSettled(u('c'), u('a'), tca), 1_000n)
      assert.deepEqual([await netOf(u('a')), await netOf(u('b')), await netOf(u('c'))], nets)
      assert.deepEqual(await x.lifts.clear({ min: 1n }), [], 'nothing left to clear')
    } finally {
      await x.stop()
    }
  })

  it('clears automatically on its interval, above the configured minimum', async () => {
    const x = await SortliftNode.start({ dataDir: await tempDir(), listen: ['/ip4/127.0.0.1/tcp/0'], clearing: { intervalMs: 100, min: '2000' } })
    try {
      for (const u of ['a', 'b', 'c']) await x.users.add(u)
      const u = (name: string): Member => ({ node: x, user: name })
      const tab = await openTally(u('a'), u('b'))
      const tbc = await openTally(u('b'), u('c'))
      const tca = await openTally(u('c'), u('a'))
      const round = async (units: bigint): Promise<void> => {
        await x.tallies.pay({ from: 'b', to: addressOf(u('a')), units })
        await x.tallies.pay({ from: 'c', to: addressOf(u('b')), units })
        await x.tallies.pay({ from: 'a', to: addressOf(u('c')), units })
      }
      // A circuit of 1.5 is below the minimum of 2: it is left alone...
      await round(1_500n)
      const passes = x.lifts.clearingPasses
      await waitFor(() => x.lifts.clearingPasses >= passes + 2, 'two clearing passes')
      assert.deepEqual(await x.lifts.list(), [])
      // ...until it holds 2.5.
      await round(1_000n)
      await waitFor(async () => (await x.lifts.list()).length > 0, 'an automatic clearing lift')
      const [lift] = await x.lifts.list()
      assert.equal(lift.clearing, true)
      assert.equal(lift.units, '2500')
      for (const [p, q, t] of [[u('a'), u('b'), tab], [u('b'), u('c'), tbc], [u('c'), u('a'), tca]] as const) await assertSettled(p, q, t)
      assert.deepEqual([await netOf(u('a')), await netOf(u('b')), await netOf(u('c'))], [0n, 0n, 0n])
    } finally {
      await x.stop()
    }
  })
})
