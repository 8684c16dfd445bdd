// DESIGN §5 anonymity through a whole payment lift (discovery, play, commit,
// chits): a relay learns its neighbours and the amount, never the payer's or
// the payee's address, nor what another node was told.
import assert from 'node:assert/strict'
import type { SortliftNode } from '../../src/node/node.js'
import { startNode, connect, waitFor, cleanupDirs } from '../helpers/nodes.js'
import { openTally, setSettings, assertSettled, addressOf } from '../helpers/tallies.js'
import { dbSnapshot } from '../helpers/db.js'
import { LiftRequest } from '../../protos/lift.js'
import type { LiftView } from '../../src/lift/record.js'

describe('distributed lifts: what a relay sees', function () {
  this.timeout(60_000)
  let nodes: SortliftNode[]
  after(async () => {
    for (const n of nodes ?? []) await n.stop().catch(() => {})
    await cleanupDirs()
  })

  it('a relay two hops from the payee never sees the payee, one two hops from the payer never sees the payer', async () => {
    // alice@A → bob@B → carol@C → dave@D
    nodes = [await startNode(), await startNode(), await startNode(), await startNode()]
    const [a, b, c, d] = nodes
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) await connect(nodes[i], nodes[j])
    const users = ['alice', 'bob', 'carol', 'dave']
    for (const [i, u] of users.entries()) await nodes[i].users.add(u)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const giver = { node: nodes[i], user: users[i] }
      const receiver = { node: nodes[i + 1], user: users[i + 1] }
      const id = await openTally(receiver, giver)
      await setSettings(receiver, id, { target: 100_000n, bound: 100_000n })
      ids.push(id)
    }
    for (const [i, id] of ids.entries()) await waitFor(async () => (await nodes[i].tallies.show(id, users[i])).chain.length === 1, 'settings')

    // Everything the relays receive on the lift protocol, as bytes.
    const received = new Map<SortliftNode, Buffer[]>([[b, []], [c, []]])
    for (const relay of [b, c]) {
      const commit = relay.lifts.commit!
      const original = commit.handleLiftRequest.bind(commit)
      commit.handleLiftRequest = async (remote, req) => {
        received.get(relay)!.push(Buffer.from(LiftRequest.encode(req)))
        return await original(remote, req)
      }
    }
    const payer = addressOf({ node: a, user: 'alice' })
    const payee = addressOf({ node: d, user: 'dave' })
    const out = await a.lifts.pay({ from: 'alice', to: payee, units: 4_000n, memo: 'secret memo', reference: 'secret ref' }) as LiftView
    assert.equal(out.state, 'good')
    for (const [i, id] of ids.entries()) await assertSettled({ node: nodes[i + 1], user: users[i + 1] }, { node: nodes[i], user: users[i] }, id)

    const seen = async (relay: SortliftNode): Promise<string> =>
      [...(await dbSnapshot(relay)), ...received.get(relay)!.map(x => x.toString('hex'))].join('\n')
    const hex = (s: string): string => Buffer.from(s).toString('hex')
    const atB = await seen(b)
    const atC = await seen(c)
    assert.ok(received.get(b)!.length > 0 && received.get(c)!.length > 0, 'the relays took part')
    assert.ok(!atB.includes(hex(payee)) && !atB.includes(hex('dave')), 'B never learns the payee')
    assert.ok(!atC.includes(hex(payer)) && !atC.includes(hex('alice')), 'C never learns the payer')
    for (const at of [atB, atC]) {
      assert.ok(!at.includes(hex('secret memo')) && !at.includes(hex('secret ref')), 'memo and reference are for the payee only')
    }
    // The payee sees them; B's record names no payer or payee.
    const atPayee = await d.lifts.show(out.id)
    assert.deepEqual([atPayee.memo, atPayee.reference, atPayee.payee], ['secret memo', 'secret ref', payee])
    const atRelay = await b.lifts.show(out.id)
    assert.equal(atRelay.payer, undefined)
    assert.equal(atRelay.payee, undefined)
  })
})
