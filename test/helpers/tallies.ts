// Opening tallies between users of test nodes, and reading them back, for lift tests.
import assert from 'node:assert/strict'
import type { SortliftNode } from '../../src/node/node.js'
import type { TallyView } from '../../src/tally/service.js'
import type { Settings } from '../../src/tally/settings.js'
import { waitFor } from './nodes.js'

export interface Member { node: SortliftNode, user: string }

export function addressOf (m: Member): string {
  return `${m.user}@${m.node.peerId}`
}

/** Opens a tally: `stock` proposes as stock, `foil` accepts; resolves when both halves are open. */
export async function openTally (stock: Member, foil: Member, limit?: bigint): Promise<string> {
  const t = await stock.node.tallies.propose({ user: stock.user, partner: addressOf(foil), role: 'stock', limit })
  await foil.node.tallies.accept(t.id, foil.user)
  await waitFor(async () => (await stock.node.tallies.show(t.id, stock.user)).state === 'open', 'the proposer to see the tally open')
  return t.id
}

export async function setSettings (m: Member, tallyId: string, s: Partial<Settings>): Promise<void> {
  await m.node.tallies.setSettings(tallyId, { target: 0n, bound: 0n, reward: 0, clutch: 0, ...s }, m.user)
}

export async function halfOf (m: Member, tallyId: string): Promise<TallyView> {
  return await m.node.tallies.show(tallyId, m.user)
}

/** Both halves hold the same chain, balances are exact negatives, nothing is queued or reserved. */
export async function assertSettled (a: Member, b: Member, tallyId: string): Promise<bigint> {
  await waitFor(async () => {
    const [x, y] = [await halfOf(a, tallyId), await halfOf(b, tallyId)]
    return x.chain.length === y.chain.length && x.undelivered === 0 && y.undelivered === 0 &&
      x.pending.count + y.pending.count === 0 && [x, y].every(h => h.reserved.up === '0' && h.reserved.down === '0')
  }, `tally ${tallyId} to settle`)
  const [x, y] = [await halfOf(a, tallyId), await halfOf(b, tallyId)]
  assert.equal(x.chain.head, y.chain.head, 'both halves end at the same head')
  assert.equal(BigInt(x.balance), -BigInt(y.balance), 'balances are exact negatives')
  assert.equal(x.pending.count + y.pending.count, 0, 'nothing pending')
  assert.deepEqual([x.reserved, y.reserved], [{ up: '0', down: '0' }, { up: '0', down: '0' }], 'no lift reservation left')
  return BigInt(x.balance)
}

/** A user's net position: the sum of its halves' balances. */
export async function netOf (m: Member): Promise<bigint> {
  return (await m.node.tallies.list(m.user)).reduce((s, t) => s + BigInt(t.balance), 0n)
}
