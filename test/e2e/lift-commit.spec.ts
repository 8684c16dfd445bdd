import assert from 'node:assert/strict'
import type { SortliftNode } from '../../src/node/node.js'
import { waitFor, cleanupDirs } from '../helpers/nodes.js'
import { startLine } from '../helpers/line.js'
import { assertSettled, netOf, addressOf } from '../helpers/tallies.js'
import type { Member } from '../helpers/tallies.js'
import { halfKey } from '../../src/store/tally-repo.js'
import { Side } from '../../protos/tally.js'
import { fromHex, randomBytes } from '../../src/crypto/bytes.js'
import type { ChosenRoute } from '../../src/lift/commit.js'

/** Registers the segments discovery would hand out along alice@A → bob@B → carol@C. */
function line (a: SortliftNode, b: SortliftNode, c: SortliftNode, t1: string, t2: string): ChosenRoute {
  const [ha, hb, hc] = [randomBytes(16), randomBytes(16), randomBytes(16)]
  // t1: bob stock, alice foil (alice gives); t2: carol stock, bob foil (bob gives).
  a.segments.remember(ha, { exitHalf: halfKey(fromHex(t1), Side.FOIL), edges: [] })
  b.segments.remember(hb, { entryHalf: halfKey(fromHex(t1), Side.STOCK), edges: [], exitHalf: halfKey(fromHex(t2), Side.FOIL) })
  c.segments.remember(hc, { entryHalf: halfKey(fromHex(t2), Side.STOCK), edges: [], payee: `carol@${c.peerId}` })
  return { hops: [{ peer: a.peerId, handle: ha }, { peer: b.peerId, handle: hb }, { peer: c.peerId, handle: hc }] }
}

describe('distributed lifts: commit across three nodes', function () {
  let a: SortliftNode, b: SortliftNode, c: SortliftNode
  let t1: string, t2: string
  const alice = (): Member => ({ node: a, user: 'alice' })
  const bob = (): Member => ({ node: b, user: 'bob' })
  const carol = (): Member => ({ node: c, user: 'carol' })

  before(async () => {
    ({ a, b, c, t1, t2 } = await startLine())
  })
  after(async () => {
    for (const n of [a, b, c]) await n.stop().catch(() => {})
    await cleanupDirs()
  })

  it('commits: every node good, the relay nets zero, both halves identical, nothing reserved', async () => {
    const lift = await a.lifts.commit!.originate(line(a, b, c, t1, t2), { payer: addressOf(alice()), payee: addressOf(carol()), units: 3_000n, memo: 'rent', reference: 'r-1' })
    assert.equal(lift.state, 'good', lift.reason)
    await waitFor(async () => (await b.lifts.show(lift.id)).state === 'good' && (await c.lifts.show(lift.id)).state === 'good', 'every node to hear the decision')
    assert.equal(await assertSettled(bob(), alice(), t1), 3_000n)
    assert.equal(await assertSettled(carol(), bob(), t2), 3_000n)
    assert.deepEqual([await netOf(alice()), await netOf(bob()), await netOf(carol())], [-3_000n, 0n, 3_000n])
    const relayed = await b.lifts.show(lift.id)
    assert.equal(relayed.kind, 'relayed')
    assert.equal(relayed.payer, undefined)
    assert.equal(relayed.payee, undefined)
    assert.equal(relayed.memo, undefined, 'the relay never sees the memo')
    const received = await c.lifts.show(lift.id)
    assert.equal(received.payee, addressOf(carol()))
    assert.deepEqual([received.memo, received.reference], ['rent', 'r-1'])
  })

  it('voids at the deadline when a node never promises, and gives every reservation back', async () => {
    const route = line(a, b, c, t1, t2)
    route.hops[2].handle = randomBytes(16) // carol's node knows no such segment: it refuses
    const before = await Promise.all([netOf(alice()), netOf(bob()), netOf(carol())])
    const lift = await a.lifts.commit!.originate(route, { payer: addressOf(alice()), payee: addressOf(carol()), units: 1_000n, memo: '', reference: '' })
    assert.equal(lift.state, 'void')
    assert.match(lift.reason ?? '', /deadline/)
    await waitFor(async () => (await b.lifts.show(lift.id)).state === 'void', 'the relay to hear the void')
    await assertSettled(bob(), alice(), t1)
    await assertSettled(carol(), bob(), t2)
    assert.deepEqual(await Promise.all([netOf(alice()), netOf(bob()), netOf(carol())]), before)
  })
})
