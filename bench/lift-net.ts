// Shared by the lift benchmarks: in-process nodes on 127.0.0.1 wired into
// lines of tallies that carry lifts, and the conservation check at the end.
import type { SortliftNode } from '../src/node/node.js'
import { TempDirs, startInProcess, waitFor } from './lib.js'

/** Each receiver publishes this target (and bound), so every edge carries a lot free of reward. */
const TARGET = 1_000_000_000_000n

export interface Hop { node: SortliftNode, user: string }

export async function startNodes (dirs: TempDirs, n: number): Promise<SortliftNode[]> {
  const nodes: SortliftNode[] = []
  for (let i = 0; i < n; i++) nodes.push(await startInProcess(await dirs.make()))
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) await nodes[i].dial(nodes[j].addresses()[0])
  }
  return nodes
}

export function address (h: Hop): string {
  return `${h.user}@${h.node.peerId}`
}

/**
 * Opens a tally for each consecutive pair of `hops`, the giver as foil and
 * the receiver as stock publishing a large target, and waits until both
 * halves hold the settings. Returns the tally ids in order.
 */
export async function wireLine (hops: Hop[]): Promise<string[]> {
  for (const h of hops) if ((await h.node.users.find(h.user)) == null) await h.node.users.add(h.user)
  const ids: string[] = []
  for (let i = 0; i + 1 < hops.length; i++) {
    const giver = hops[i]
    const receiver = hops[i + 1]
    const t = await receiver.node.tallies.propose({ user: receiver.user, partner: address(giver), role: 'stock' })
    await giver.node.tallies.accept(t.id, giver.user)
    await waitFor(async () => (await receiver.node.tallies.show(t.id, receiver.user)).state === 'open', 'tally open')
    await receiver.node.tallies.setSettings(t.id, { target: TARGET, bound: TARGET, reward: 0, clutch: 0 }, receiver.user)
    await waitFor(async () => (await giver.node.tallies.show(t.id, giver.user)).chain.length === 1, 'settings on both halves')
    ids.push(t.id)
  }
  return ids
}

/**
 * Waits until every tally of the line is settled (same chain on both halves,
 * nothing pending, nothing reserved) and checks conservation: the payer lost
 * `total`, the payee gained it, everyone between nets zero.
 */
export async function checkLine (hops: Hop[], ids: string[], total: bigint): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const [g, r] = [hops[i], hops[i + 1]]
    await waitFor(async () => {
      const [x, y] = [await g.node.tallies.show(id, g.user), await r.node.tallies.show(id, r.user)]
      return x.chain.head === y.chain.head && x.undelivered === 0 && y.undelivered === 0 && x.pending.count === 0 && y.pending.count === 0 &&
        x.reserved.up === '0' && x.reserved.down === '0' && y.reserved.up === '0' && y.reserved.down === '0'
    }, `tally ${id} to settle`, 120_000)
    const [x, y] = [await g.node.tallies.show(id, g.user), await r.node.tallies.show(id, r.user)]
    if (BigInt(x.balance) !== -BigInt(y.balance)) throw new Error(`tally ${id}: balances ${x.balance} and ${y.balance} are not opposite`)
  }
  const net = async (h: Hop): Promise<bigint> => (await h.node.tallies.list(h.user)).reduce((s, t) => s + BigInt(t.balance), 0n)
  const nets = await Promise.all(hops.map(net))
  const expected = hops.map((_, i) => i === 0 ? -total : i === hops.length - 1 ? total : 0n)
  if (nets.some((v, i) => v !== expected[i])) throw new Error(`conservation broken: nets ${nets.join(', ')}, expected ${expected.join(', ')}`)
}
