// Shared by the lift benchmarks: nodes on 127.0.0.1 (in this process, or
// `sortlift start` processes driven through their control API) wired into
// lines of tallies that carry lifts, and the conservation check at the end.
import type { SortliftNode } from '../src/node/node.js'
import type { TallyView } from '../src/tally/service.js'
import { TempDirs, startInProcess, spawnNode, spawnNodeGroup, waitFor } from './lib.js'
import type { NodeProcess } from './lib.js'

/** Each receiver publishes this target (and bound), so every edge carries a lot free of reward. */
const TARGET = 1_000_000_000_000n

/** What the benchmarks do with a node, wherever it runs. */
export interface BenchNode {
  peerId: string
  address: string
  addUser: (name: string) => Promise<void>
  propose: (user: string, partner: string) => Promise<string>
  accept: (id: string, user: string) => Promise<void>
  settings: (id: string, user: string, target: bigint) => Promise<void>
  show: (id: string, user: string) => Promise<TallyView>
  list: (user: string) => Promise<TallyView[]>
  /** a payment; the lift state, or 'error' */
  pay: (from: string, to: string, units: bigint) => Promise<string>
  dial: (address: string) => Promise<void>
  stop: () => Promise<void>
}

function inProcess (n: SortliftNode): BenchNode {
  return {
    peerId: n.peerId,
    address: n.addresses()[0],
    addUser: async (name) => { await n.users.add(name) },
    propose: async (user, partner) => (await n.tallies.propose({ user, partner, role: 'stock' })).id,
    accept: async (id, user) => { await n.tallies.accept(id, user) },
    settings: async (id, user, target) => { await n.tallies.setSettings(id, { target, bound: target, reward: 0, clutch: 0 }, user) },
    show: async (id, user) => await n.tallies.show(id, user),
    list: async (user) => await n.tallies.list(user),
    pay: async (from, to, units) => {
      const res = await n.lifts.pay({ from, to, units }).catch(() => undefined)
      return res?.route === 'lift' ? res.state : 'error'
    },
    dial: async (address) => { await n.dial(address) },
    stop: async () => { await n.stop() }
  }
}

function viaApi (p: NodeProcess): BenchNode {
  const api = p.api
  return {
    peerId: p.peerId,
    address: p.addresses.find(a => a.includes('127.0.0.1')) ?? p.addresses[0],
    addUser: async (name) => { await api.post('/users', { name }) },
    propose: async (user, partner) => (await api.post('/tallies', { user, partner, role: 'stock' })).id,
    accept: async (id, user) => { await api.post(`/tallies/${id}/accept`, { user }) },
    settings: async (id, user, target) => { await api.post(`/tallies/${id}/settings`, { user, target: target.toString(), bound: target.toString(), reward: 0, clutch: 0 }) },
    show: async (id, user) => await api.get(`/tallies/${id}?user=${user}`),
    list: async (user) => await api.get(`/tallies?user=${user}`),
    pay: async (from, to, units) => {
      const res = await api.post('/pay', { from, to, units: units.toString() }).catch(() => undefined)
      return res?.route === 'lift' ? res.state : 'error'
    },
    dial: async (address) => { await api.post('/peers/dial', { address }) },
    stop: async () => { await p.stop() }
  }
}

/**
 * `n` nodes, all connected to each other. `processes` 0: in this process;
 * 1: each node its own `sortlift start` process; k > 1: the nodes spread over
 * k processes (bench/node-group.ts), each node with its own control API.
 */
export async function startNodes (dirs: TempDirs, n: number, processes = 0): Promise<BenchNode[]> {
  const nodes: BenchNode[] = []
  if (processes > 1) {
    const groups: string[][] = Array.from({ length: processes }, () => [])
    for (let i = 0; i < n; i++) groups[i % processes].push(await dirs.make())
    const started = await Promise.all(groups.filter(g => g.length > 0).map(async g => await spawnNodeGroup(g)))
    // Back in node order: node i is in group i % processes.
    for (let i = 0; i < n; i++) nodes.push(viaApi(started[i % processes][Math.floor(i / processes)]))
  } else {
    for (let i = 0; i < n; i++) {
      const dir = await dirs.make()
      nodes.push(processes === 1 ? viaApi(await spawnNode(dir)) : inProcess(await startInProcess(dir)))
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) await nodes[i].dial(`${nodes[j].address.split('/p2p/')[0]}/p2p/${nodes[j].peerId}`)
  }
  return nodes
}

export interface Hop { node: BenchNode, user: string }

export function address (h: Hop): string {
  return `${h.user}@${h.node.peerId}`
}

/**
 * Opens a tally for each consecutive pair of `hops`, the giver as foil and
 * the receiver as stock publishing a large target, and waits until both
 * halves hold the settings. Returns the tally ids in order.
 */
export async function wireLine (hops: Hop[]): Promise<string[]> {
  for (const h of hops) await h.node.addUser(h.user).catch(() => {})
  const ids: string[] = []
  for (let i = 0; i + 1 < hops.length; i++) {
    const giver = hops[i]
    const receiver = hops[i + 1]
    const id = await receiver.node.propose(receiver.user, address(giver))
    await giver.node.accept(id, giver.user)
    await waitFor(async () => (await receiver.node.show(id, receiver.user)).state === 'open', 'tally open')
    await receiver.node.settings(id, receiver.user, TARGET)
    await waitFor(async () => (await giver.node.show(id, giver.user)).chain.length === 1, 'settings on both halves')
    ids.push(id)
  }
  return ids
}

/**
 * Waits until every tally of the line is settled (same chain on both halves,
 * nothing pending, nothing reserved) and checks conservation: the payer lost
 * `total`, the payee gained it, everyone between nets zero.
 */
export async function checkLine (hops: Hop[], ids: string[], total: bigint): Promise<void> {
  const settled = (x: TallyView, y: TallyView): boolean =>
    x.chain.head === y.chain.head && x.undelivered === 0 && y.undelivered === 0 && x.pending.count === 0 && y.pending.count === 0 &&
    x.reserved.up === '0' && x.reserved.down === '0' && y.reserved.up === '0' && y.reserved.down === '0'
  for (const [i, id] of ids.entries()) {
    const [g, r] = [hops[i], hops[i + 1]]
    await waitFor(async () => settled(await g.node.show(id, g.user), await r.node.show(id, r.user)), `tally ${id} to settle`, 120_000)
    const [x, y] = [await g.node.show(id, g.user), await r.node.show(id, r.user)]
    if (BigInt(x.balance) !== -BigInt(y.balance)) throw new Error(`tally ${id}: balances ${x.balance} and ${y.balance} are not opposite`)
  }
  const net = async (h: Hop): Promise<bigint> => (await h.node.list(h.user)).reduce((s, t) => s + BigInt(t.balance), 0n)
  const nets = await Promise.all(hops.map(net))
  const expected = hops.map((_, i) => i === 0 ? -total : i === hops.length - 1 ? total : 0n)
  if (nets.some((v, i) => v !== expected[i])) throw new Error(`conservation broken: nets ${nets.join(', ')}, expected ${expected.join(', ')}`)
}
