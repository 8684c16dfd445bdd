// Builds a topology on a running devnet through the control API: users,
// tallies (proposed by one side, accepted by the other; both users may live on
// one node), opening balances and trading variables.
import type { Devnet, DevnetNode } from './devnet.js'
import { fmt } from './topology.js'
import type { Topology, TopologyTally, UserRef } from './topology.js'
import { mapLimit, waitFor } from './wait.js'

export interface SetupOptions {
  /** bound for each wait (tally open, balance settled) */
  timeoutMs: number
  /** tallies set up at the same time */
  parallel?: number
  signal?: AbortSignal
  log?: (msg: string) => void
}

export interface CreatedTally {
  spec: TopologyTally
  id: string
}

export interface TallyBalance {
  id: string
  stock: string
  foil: string
  limit: string | null
  state: string
  /** the stock half's balance (> 0: the foil owes the stock), milli-units */
  stockBalance: string
  /** the foil half's balance, which mirrors the stock's */
  foilBalance: string
  expected: string
  chainLength: number
  ok: boolean
}

/** The user's address as the nodes know it: name@PeerId. */
export function address (devnet: Devnet, u: UserRef): string {
  return `${u.user}@${devnet.node(u.node).proc.info.peerId}`
}

export async function applyTopology (devnet: Devnet, topo: Topology, opts: SetupOptions): Promise<CreatedTally[]> {
  const log = opts.log ?? (() => {})
  let users = 0
  await mapLimit(topo.nodes, 4, async (n) => {
    const node = devnet.node(n.name)
    for (const user of n.users) {
      await step(`creating user ${user}@${n.name}`, async () => await node.api.post('/users', { name: user }))
      users++
    }
  })
  log(`created ${users} user(s)`)
  let done = 0
  const created = await mapLimit(topo.tallies, opts.parallel ?? 4, async (t) => {
    const id = await createTally(devnet, t, opts)
    done++
    log(`[${done}/${topo.tallies.length}] tally ${fmt(t.stock)} (stock) - ${fmt(t.foil)} (foil): ${id}${t.balance !== 0n ? `, opening balance ${t.balance}` : ''}`)
    return { spec: t, id }
  })
  return created
}

async function createTally (devnet: Devnet, t: TopologyTally, opts: SetupOptions): Promise<string> {
  const proposer = t.proposer === 'stock' ? t.stock : t.foil
  const acceptor = t.proposer === 'stock' ? t.foil : t.stock
  const pNode = devnet.node(proposer.node)
  const aNode = devnet.node(acceptor.node)
  const what = `tally ${fmt(t.stock)} (stock) - ${fmt(t.foil)} (foil)`
  const proposed = await step(`proposing ${what}`, async () => await pNode.api.post('/tallies', {
    user: proposer.user,
    partner: address(devnet, acceptor),
    role: t.proposer,
    ...(t.limit != null ? { limit: t.limit.toString() } : {})
  }))
  const id: string = proposed.id
  await step(`accepting ${what} (${id}) on ${aNode.name}`, async () => await aNode.api.post(`/tallies/${id}/accept`, { user: acceptor.user }))
  await waitFor(async () => (await half(pNode, id, proposer.user)).state === 'open' && (await half(aNode, id, acceptor.user)).state === 'open', {
    what: `${what} (${id}) to be open on both nodes`, timeoutMs: opts.timeoutMs, signal: opts.signal
  })
  if (t.balance !== 0n) {
    // > 0: the foil owes the stock, so the foil pays the stock; < 0 the reverse.
    const [payer, payee] = t.balance > 0n ? [t.foil, t.stock] : [t.stock, t.foil]
    const units = (t.balance > 0n ? t.balance : -t.balance).toString()
    await step(`paying the opening balance of ${what}`, async () => await devnet.node(payer.node).api.post('/pay', {
      from: payer.user, to: address(devnet, payee), units, memo: t.memo
    }))
    const stock = devnet.node(t.stock.node)
    const foil = devnet.node(t.foil.node)
    await waitFor(async () => {
      const [s, f] = await Promise.all([half(stock, id, t.stock.user), half(foil, id, t.foil.user)])
      return s.balance === t.balance.toString() && f.balance === (-t.balance).toString() && s.pending.count === 0 && s.chain.length === f.chain.length
    }, { what: `the opening balance of ${what} (${id}) to reach both nodes`, timeoutMs: opts.timeoutMs, signal: opts.signal })
  }
  for (const side of ['stock', 'foil'] as const) {
    const s = t.settings?.[side]
    if (s == null) continue
    const holder = t[side]
    const body = { user: holder.user, target: s.target.toString(), bound: s.bound.toString(), reward: s.reward, clutch: s.clutch }
    await step(`publishing the ${side}'s trading variables on ${what}`, async () => await devnet.node(holder.node).api.post(`/tallies/${id}/settings`, body))
    const want = { target: body.target, bound: body.bound, reward: s.reward, clutch: s.clutch }
    const same = (v: any): boolean => v != null && v.target === want.target && v.bound === want.bound && v.reward === want.reward && v.clutch === want.clutch
    const stock = devnet.node(t.stock.node)
    const foil = devnet.node(t.foil.node)
    await waitFor(async () => {
      const [sh, fh] = await Promise.all([half(stock, id, t.stock.user), half(foil, id, t.foil.user)])
      return same(sh.settings?.[side]) && same(fh.settings?.[side]) && sh.pending.count === 0 && sh.chain.length === fh.chain.length
    }, { what: `the ${side}'s trading variables on ${what} (${id}) to reach both nodes`, timeoutMs: opts.timeoutMs, signal: opts.signal })
  }
  return id
}

/** Both halves of every created tally, compared with the topology. */
export async function balances (devnet: Devnet, created: CreatedTally[]): Promise<TallyBalance[]> {
  return await mapLimit(created, 4, async ({ spec, id }) => {
    const [s, f] = await Promise.all([
      half(devnet.node(spec.stock.node), id, spec.stock.user),
      half(devnet.node(spec.foil.node), id, spec.foil.user)
    ])
    const expected = spec.balance.toString()
    return {
      id,
      stock: fmt(spec.stock),
      foil: fmt(spec.foil),
      limit: s.limit,
      state: s.state === f.state ? s.state : `${s.state}/${f.state}`,
      stockBalance: s.balance,
      foilBalance: f.balance,
      expected,
      chainLength: s.chain.length,
      ok: s.balance === expected && f.balance === (-spec.balance).toString() && s.state === 'open' && f.state === 'open'
    }
  })
}

async function half (node: DevnetNode, id: string, user: string): Promise<any> {
  return await node.api.get(`/tallies/${id}?user=${encodeURIComponent(user)}`)
}

async function step<T> (what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err: any) {
    throw new Error(`${what}: ${err.message}${err.code != null && typeof err.code === 'string' ? ` [${err.code}]` : ''}`)
  }
}
