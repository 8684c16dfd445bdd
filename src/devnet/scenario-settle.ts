// The scenario step `settle`: settles a sortition chain and every chain its
// draw lands in below it, paying each winner, and checks the money.
//
//   { "settle": { "chain": "${T.id}", "timeout": 90 } }
//
// From the chain down: wait (bounded) until its operator's node reports the
// settlement `won` (or `operator-keeps`: nothing to pay, stop); find the
// devnet node of the winner — the node hosting the user whose key owns the
// winning leaf, or the node operating the winning child chain — and claim
// there (POST /claims); the claim must come back paid with a receipt for the
// chain's value. A child chain that won is settled the same way. At the end
// every user's net balance must have moved by exactly what it was paid as a
// winner minus what it paid as an operator: nothing created, nothing lost.
import { isObject, unknownKeys } from './topology.js'
import type { Bad } from './topology.js'
import type { ApiClient } from '../api/client.js'

export interface SettleStep {
  kind: 'settle'
  /** chain id, or a placeholder filled like a call's (e.g. "${T.id}") */
  chain: string
  timeoutMs?: number
}

const KEYS = new Set(['chain', 'timeout'])

export function parseSettle (v: unknown, p: string, bad: Bad): SettleStep | undefined {
  if (typeof v === 'string') v = { chain: v }
  if (!isObject(v) || !unknownKeys(v, KEYS, p, bad)) { if (!isObject(v)) bad(p, 'must be { "chain": ID, "timeout"?: seconds }'); return undefined }
  if (typeof v.chain !== 'string' || v.chain === '') { bad(`${p}.chain`, 'must be a chain id or a placeholder'); return undefined }
  if (v.timeout != null && (typeof v.timeout !== 'number' || v.timeout <= 0 || v.timeout > 600)) { bad(`${p}.timeout`, 'must be seconds in (0, 600]'); return undefined }
  return { kind: 'settle', chain: v.chain, ...(v.timeout != null ? { timeoutMs: Math.round(v.timeout * 1000) } : {}) }
}

export interface SettleNode { name: string, api: ApiClient, peerId: string }

export interface SettleContext {
  /** the running nodes */
  nodes: () => SettleNode[]
  /** fills placeholders like a call step */
  fill: (s: string) => string
  sleep: (ms: number) => Promise<void>
  log: (msg: string) => void
}

export interface SettleLayer { chain: string, operator: string, winner: string, units: string, receipt?: string }

/** Settles the chain and the chains its draw leads to; throws with the reason when something is wrong. */
export async function runSettle (ctx: SettleContext, step: SettleStep, defaultTimeoutMs: number): Promise<{ details: string, data: SettleLayer[] }> {
  const deadline = Date.now() + (step.timeoutMs ?? defaultTimeoutMs)
  const before = await netBalances(ctx)
  const expected = new Map<string, bigint>()
  const move = (who: string, units: bigint): void => { expected.set(who, (expected.get(who) ?? 0n) + units) }
  const layers: SettleLayer[] = []
  let chainId = ctx.fill(step.chain)
  for (let depth = 0; depth < 64; depth++) {
    const op = await operatorOf(ctx, chainId)
    const view = await until(ctx, deadline, `chain ${short(chainId)} to settle`, async () => {
      const s = await op.node.api.get(`/chains/${chainId}/settlement`)
      return s.state === 'won' || s.state === 'operator-keeps' || s.state === 'paid' || s.state === 'claimed' ? s : undefined
    })
    if (view.state === 'operator-keeps') {
      layers.push({ chain: chainId, operator: `${op.user}@${op.node.name}`, winner: 'operator keeps it (unassigned leaf)', units: '0' })
      break
    }
    const w = view.winner.owner
    let claimant: { node: SettleNode, user: string }
    if (w.kind === 'user') claimant = await userWithKey(ctx, w.publicKey)
    else if (w.kind === 'child') {
      const child = await operatorOf(ctx, w.chainId)
      claimant = { node: child.node, user: child.user }
    } else throw new Error(`chain ${short(chainId)}: an unexpected winner ${JSON.stringify(w)}`)
    const claim = await until(ctx, deadline, `the claim on chain ${short(chainId)} to be paid`, async () => {
      const c = await claimant.node.api.post('/claims', { chain: chainId, user: claimant.user, peer: op.node.peerId, wait: '10000' })
      if (c.state !== 'paid') throw new Error(`claim ${c.state}${c.lastError != null ? `: ${c.lastError.code} ${c.lastError.message}` : ''}`)
      return c
    })
    const units = BigInt(view.value)
    const receiptUnits = claim.receipt?.units ?? claim.units
    if (receiptUnits != null && BigInt(receiptUnits) !== units) throw new Error(`chain ${short(chainId)}: the receipt pays ${String(receiptUnits)}, the chain's value is ${units}`)
    move(`${claimant.user}@${claimant.node.name}`, units)
    move(`${op.user}@${op.node.name}`, -units)
    layers.push({ chain: chainId, operator: `${op.user}@${op.node.name}`, winner: `${claimant.user}@${claimant.node.name}`, units: units.toString(), ...(claim.receipt?.hash != null ? { receipt: claim.receipt.hash } : {}) })
    ctx.log(`chain ${short(chainId)}: won by ${claimant.user}@${claimant.node.name}, paid ${units}`)
    if (w.kind !== 'child') break
    chainId = w.chainId
  }
  // the payments settle on both halves of their tallies (a relay's two legs may land apart); then every net
  // must have moved by exactly its part: the winners' prizes, the operators' payments, zero for everyone else
  const off = (now: Map<string, bigint>): string[] => [...new Set([...before.keys(), ...now.keys()])]
    .filter(who => (now.get(who) ?? 0n) - (before.get(who) ?? 0n) !== (expected.get(who) ?? 0n))
    .map(who => `${who} expected ${expected.get(who) ?? 0n}, moved ${(now.get(who) ?? 0n) - (before.get(who) ?? 0n)}`)
  const after = await until(ctx, deadline, 'the prize payments to settle on every tally', async () => {
    const now = await netBalances(ctx)
    return off(now).length === 0 ? now : undefined
  }).catch(async (err) => {
    throw new Error(`${err.message}: ${off(await netBalances(ctx)).join('; ')}`)
  })
  const total = [...after.values()].reduce((a, b) => a + b, 0n)
  if (total !== 0n) throw new Error(`balances sum to ${total}, not 0`)
  return { details: layers.map(l => `${short(l.chain)}: ${l.winner} +${l.units}`).join(' → '), data: layers }
}

async function until<T> (ctx: SettleContext, deadline: number, what: string, fn: () => Promise<T | undefined>): Promise<T> {
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v !== undefined) return v
    } catch (err) { last = err }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last != null ? ` (last: ${(last as any)?.message ?? last})` : ''}`)
    await ctx.sleep(250)
  }
}

/** The running devnet node operating `chainId`, and the operating user. */
async function operatorOf (ctx: SettleContext, chainId: string): Promise<{ node: SettleNode, user: string }> {
  for (const node of ctx.nodes()) {
    const chains: any[] = await node.api.get('/chains').catch(() => [])
    const c = chains.find(x => x.id === chainId && (x.role == null || x.role === 'operator') && x.operatorUser != null)
    if (c != null) return { node, user: c.operatorUser }
  }
  throw new Error(`no running node operates chain ${short(chainId)}`)
}

async function userWithKey (ctx: SettleContext, publicKey: string): Promise<{ node: SettleNode, user: string }> {
  for (const node of ctx.nodes()) {
    const users: any[] = await node.api.get('/users').catch(() => [])
    const u = users.find(x => x.publicKey === publicKey)
    if (u != null) return { node, user: u.name }
  }
  throw new Error(`no running node hosts the winning key ${publicKey.slice(0, 16)}…`)
}

/** Net balance per user@node over every running node's tally halves. */
async function netBalances (ctx: SettleContext): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>()
  for (const node of ctx.nodes()) {
    const halves: any[] = await node.api.get('/tallies')
    for (const h of halves) out.set(`${h.user}@${node.name}`, (out.get(`${h.user}@${node.name}`) ?? 0n) + BigInt(h.balance))
  }
  return out
}

function short (id: string): string {
  return id.slice(0, 12)
}

export function describeSettle (s: SettleStep): string {
  return `settle ${s.chain} and the chains it leads to`
}
