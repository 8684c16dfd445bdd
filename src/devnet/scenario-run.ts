// Runs a scenario on a started devnet: waits for peers, builds the topology,
// then runs the steps in order and reports each (ok or failed, duration,
// details). A failed step does not stop the run; the verdict is the AND of
// all steps. Every wait is bounded.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Devnet, DevnetNode } from './devnet.js'
import { requiredPeers, waitForPeers } from './check.js'
import { address, applyTopology } from './setup.js'
import type { CreatedTally } from './setup.js'
import { describeStep } from './scenario.js'
import { runCall, fill } from './scenario-call.js'
import type { CallContext } from './scenario-call.js'
import { runSettle } from './scenario-settle.js'
import type { BalanceMap, ClearStep, ExpectStep, NodeStep, PayOutcome, PayStep, Scenario, ScenarioStep, WaitSettledStep } from './scenario.js'
import { fmt } from './topology.js'
import { AbortedError, TimeoutError, mapLimit, pause, throwIfAborted, waitFor } from './wait.js'

export interface RunOptions {
  /** bound for each wait: peers, setup, settling, restarts (a step may set its own) */
  timeoutMs: number
  signal?: AbortSignal
  log?: (msg: string) => void
}

export interface StepReport {
  /** position in the scenario's steps, from 0 */
  index: number
  kind: ScenarioStep['kind']
  step: string
  note?: string
  ok: boolean
  ms: number
  details: string
  /** what a payment came to */
  outcome?: PayOutcome | string
  /** the API's answer, or the balances read by expect */
  data?: unknown
}

export interface ScenarioReport {
  ok: boolean
  description?: string
  setup: { ok: boolean, ms: number, tallies: number, error?: string }
  steps: StepReport[]
  /** every user's net balance after the last step, on the nodes still running */
  balances: Record<string, string>
  /** nodes that exited without a step asking them to */
  crashed: string[]
  ms: number
  interrupted?: boolean
}

interface Half {
  id: string
  side: 'stock' | 'foil'
  user: string
  state: string
  balance: string
  chain: { length: number, head: string }
  pending: { count: number, units: string }
  undelivered: number
}

/** A payment still waiting for its answer ("async": true). */
interface InFlight {
  report: StepReport
  step: PayStep
  t0: number
  done: Promise<void>
}

export async function runScenario (devnet: Devnet, scenario: Scenario, opts: RunOptions): Promise<ScenarioReport> {
  const log = opts.log ?? (() => {})
  const t0 = performance.now()
  const crashed: string[] = []
  devnet.onUnexpectedExit((n, exit) => {
    crashed.push(n.name)
    log(`${n.name} exited unexpectedly (${exit.signal ?? `code ${String(exit.code)}`}); last output: ${n.proc.stderrTail().slice(-3).join(' | ') || '(none)'}`)
  })
  const report: ScenarioReport = {
    ok: false,
    ...(scenario.description != null ? { description: scenario.description } : {}),
    setup: { ok: false, ms: 0, tallies: 0 },
    steps: [],
    balances: {},
    crashed,
    ms: 0
  }

  // Setup: peers, then users, tallies, opening balances, trading variables.
  let created: CreatedTally[] = []
  try {
    const min = requiredPeers(devnet.nodes.length, 3)
    const peers = await waitForPeers(devnet, min, opts.timeoutMs, opts.signal)
    if (!peers.ok) throw new Error(peers.error ?? 'not enough peers')
    created = await applyTopology(devnet, scenario, { timeoutMs: opts.timeoutMs, signal: opts.signal, log })
    report.setup = { ok: true, ms: Math.round(performance.now() - t0), tallies: created.length }
  } catch (err: any) {
    if (err instanceof AbortedError) return finish(report, t0, true)
    report.setup = { ok: false, ms: Math.round(performance.now() - t0), tallies: created.length, error: err.message }
    return finish(report, t0)
  }

  const inFlight: InFlight[] = []
  const ctx: Ctx = { devnet, created, opts, inFlight, log, vars: new Map() }
  try {
    for (const [index, step] of scenario.steps.entries()) {
      throwIfAborted(opts.signal)
      const r: StepReport = { index, kind: step.kind, step: describeStep(step), ...(step.note != null ? { note: step.note } : {}), ok: false, ms: 0, details: '' }
      report.steps.push(r)
      log(`step ${index + 1}/${scenario.steps.length}: ${r.step}${step.note != null ? ` (${step.note})` : ''}`)
      const ts = performance.now()
      try {
        await runStep(ctx, step, r)
      } catch (err: any) {
        if (err instanceof AbortedError) {
          r.details = 'interrupted'
          r.ms = Math.round(performance.now() - ts)
          throw err
        }
        r.ok = false
        r.details = errorText(err)
      }
      if (!(step.kind === 'pay' && step.async)) r.ms = Math.round(performance.now() - ts)
      log(`step ${index + 1}: ${r.ok ? 'ok' : 'FAIL'} in ${r.ms} ms: ${r.details}`)
    }
    // Payments still unanswered get the usual bound, then count as failed.
    await settleInFlight(ctx, opts.timeoutMs)
  } catch (err) {
    if (!(err instanceof AbortedError)) throw err
    return finish(report, t0, true)
  }
  report.balances = await finalBalances(devnet, scenario)
  return finish(report, t0)
}

function finish (report: ScenarioReport, t0: number, interrupted = false): ScenarioReport {
  report.ms = Math.round(performance.now() - t0)
  if (interrupted) report.interrupted = true
  report.ok = !interrupted && report.setup.ok && report.crashed.length === 0 && report.steps.length > 0 && report.steps.every(s => s.ok)
  return report
}

interface Ctx {
  devnet: Devnet
  created: CreatedTally[]
  opts: RunOptions
  inFlight: InFlight[]
  log: (msg: string) => void
  /** answers of `call` steps saved with `as` */
  vars: Map<string, unknown>
}

async function runStep (ctx: Ctx, step: ScenarioStep, r: StepReport): Promise<void> {
  switch (step.kind) {
    case 'pay': return await pay(ctx, step, r)
    case 'clear': return await clear(ctx, step, r)
    case 'stop': case 'kill': case 'start': return await nodeStep(ctx, step, r)
    case 'wait':
      if ('ms' in step) {
        await pause(step.ms, ctx.opts.signal)
        r.ok = true
        r.details = `waited ${step.ms} ms`
        return
      }
      return await settled(ctx, step, r)
    case 'expect': return await expect(ctx, step, r)
    case 'call': {
      const res = await runCall(callContext(ctx), step)
      r.ok = true
      r.details = res.details
      r.data = res.data
      return
    }
    case 'settle': {
      const cc = callContext(ctx)
      const res = await runSettle({
        nodes: () => ctx.devnet.nodes.filter(n => n.proc.running).map(n => ({ name: n.name, api: n.api, peerId: n.proc.info.peerId })),
        fill: (x) => String(fill(cc, x)),
        sleep: cc.sleep,
        log: ctx.log
      }, step, ctx.opts.timeoutMs)
      r.ok = true
      r.details = res.details
      r.data = res.data
    }
  }
}

function callContext (ctx: Ctx): CallContext {
  return {
    api: (name) => ctx.devnet.node(name).api,
    peerId: (name) => ctx.devnet.node(name).proc.info.peerId,
    vars: ctx.vars,
    sleep: async (ms) => await pause(ms, ctx.opts.signal)
  }
}

// ---------------------------------------------------------------- pay

async function pay (ctx: Ctx, step: PayStep, r: StepReport): Promise<void> {
  const body = {
    from: step.from.user,
    to: address(ctx.devnet, step.to),
    units: step.units.toString(),
    ...(step.memo != null ? { memo: step.memo } : {})
  }
  const node = ctx.devnet.node(step.from.node)
  const t0 = performance.now()
  const answer = (async () => {
    try {
      return { res: await node.api.post('/pay', body) }
    } catch (err: any) {
      return { err }
    }
  })()
  const judge = (a: { res?: any, err?: any }): void => {
    const { outcome, details } = payOutcome(a)
    r.outcome = outcome
    r.data = a.res ?? { error: { code: a.err?.code, status: a.err?.status, message: a.err?.message } }
    r.ok = (step.expect as string[]).includes(outcome)
    r.details = r.ok ? details : `${details}; expected ${step.expect.join(' or ')}`
    r.ms = Math.round(performance.now() - t0)
  }
  if (!step.async) {
    judge(await answer)
    return
  }
  // Sent; the answer is judged when it comes (by `wait settled` or the end).
  r.ok = true
  r.details = 'sent; answer awaited at the next "wait settled" or the end'
  const f: InFlight = { report: r, step, t0, done: answer.then(a => { judge(a); ctx.log(`step ${r.index + 1} (async pay) answered: ${r.details}`) }) }
  ctx.inFlight.push(f)
  // Make sure the request left before the next step (e.g. stopping a relay).
  await pause(0)
}

function payOutcome (a: { res?: any, err?: any }): { outcome: string, details: string } {
  if (a.err != null) return { outcome: 'error', details: `error: ${errorText(a.err)}` }
  const res = a.res
  // POST /pay answers a lift with `route: "lift"` and the lift's fields.
  if (res?.route === 'lift') {
    const l = res
    const state = typeof l.state === 'string' ? l.state : 'unknown'
    return { outcome: state, details: `${state}: lift ${String(l.id ?? '?')}${l.reason != null ? ` (${String(l.reason)})` : ''}` }
  }
  // A direct payment: the chit on the tally the two users share.
  const queued = res?.delivered === false ? `queued for delivery${res.deliveryError != null ? ` (${String(res.deliveryError)})` : ''}` : 'delivered'
  return { outcome: 'good', details: `good: direct chit ${String(res?.chitId ?? '?').slice(0, 8)}… on tally ${String(res?.tallyId ?? '?').slice(0, 8)}…, ${queued}` }
}

async function settleInFlight (ctx: Ctx, timeoutMs: number): Promise<string[]> {
  const open = ctx.inFlight.splice(0)
  if (open.length === 0) return []
  const late: string[] = []
  await Promise.all(open.map(async f => {
    const left = Math.max(0, timeoutMs - (performance.now() - f.t0))
    let timer: NodeJS.Timeout | undefined
    const timedOut = await Promise.race([
      f.done.then(() => false),
      new Promise<boolean>(resolve => { timer = setTimeout(() => resolve(true), left) }),
      abortion(ctx.opts.signal)
    ])
    clearTimeout(timer)
    if (timedOut) {
      f.report.ok = false
      f.report.ms = Math.round(performance.now() - f.t0)
      f.report.details = `no answer within ${timeoutMs} ms of sending`
      late.push(`step ${f.report.index + 1}`)
    }
  }))
  return late
}

async function abortion (signal?: AbortSignal): Promise<never> {
  return await new Promise<never>((_resolve, reject) => {
    if (signal == null) return
    if (signal.aborted) reject(new AbortedError())
    signal.addEventListener('abort', () => reject(new AbortedError()), { once: true })
  })
}

// ---------------------------------------------------------------- clear

async function clear (ctx: Ctx, step: ClearStep, r: StepReport): Promise<void> {
  const res = await ctx.devnet.node(step.node).api.post('/lifts/clear', step.min != null ? { min: step.min.toString() } : {})
  r.ok = true
  r.data = res
  r.details = `cleared: ${short(JSON.stringify(res))}`
}

// ---------------------------------------------------------------- nodes

async function nodeStep (ctx: Ctx, step: NodeStep, r: StepReport): Promise<void> {
  const { devnet } = ctx
  if (step.kind === 'kill' && step.when === 'promised') {
    // Armed, not killed: the node dies by itself right after its next lift promise.
    const n = devnet.node(step.node)
    await writeFile(join(n.dir, 'failpoints'), 'exit-after-promise\n')
    n.proc.expectExit()
    r.ok = true
    r.details = `armed: pid ${n.proc.pid} dies right after its next lift promise`
    return
  }
  if (step.kind === 'start') {
    const old = devnet.node(step.node)
    if (old.proc.running) {
      // An armed node must have died by now; give it the step timeout.
      const exited = await Promise.race([old.proc.exited.then(() => true), new Promise<false>(resolve => { setTimeout(() => resolve(false), ctx.opts.timeoutMs).unref() })])
      if (!exited) throw new Error(`${step.node} was armed to die after promising but is still running (it never promised)`)
    }
    const n = await devnet.startNode(step.node, { timeoutMs: ctx.opts.timeoutMs, signal: ctx.opts.signal })
    const peers = (await n.api.get('/status')).peers
    r.ok = true
    r.details = `pid ${n.proc.pid}, ${peers} peer${peers === 1 ? '' : 's'}, api ${n.proc.info.api}`
    return
  }
  const n = devnet.node(step.node)
  if (!n.proc.running) throw new Error(`${step.node} is not running`)
  const pid = n.proc.pid
  const s = step.kind === 'stop' ? await devnet.stopNode(step.node) : await devnet.killNode(step.node)
  const how = s.signal ?? `code ${String(s.code)}`
  if (step.kind === 'stop') {
    r.ok = !s.forced && s.code === 0
    r.details = s.forced ? `pid ${pid} ignored SIGTERM and was killed (${how})` : `pid ${pid} exited (${how}) on SIGTERM`
  } else {
    r.ok = s.signal === 'SIGKILL'
    r.details = `pid ${pid} killed (${how})`
  }
}

// ---------------------------------------------------------------- wait settled

async function settled (ctx: Ctx, step: WaitSettledStep, r: StepReport): Promise<void> {
  const timeoutMs = step.timeoutMs ?? ctx.opts.timeoutMs
  const t0 = performance.now()
  const late = await settleInFlight(ctx, timeoutMs)
  const running = ctx.devnet.nodes.filter(n => n.proc.running)
  const skipped = ctx.devnet.nodes.filter(n => !n.proc.running).map(n => n.name)
  let busy: string[] = []
  let halves = 0
  try {
    await waitFor(async () => {
      const all = await readHalves(running)
      halves = all.reduce((a, x) => a + x.halves.length, 0)
      busy = all.flatMap(({ node, halves }) => halves
        .filter(h => h.pending.count > 0 || h.undelivered > 0)
        .map(h => `${h.user}@${node.name} ${h.id.slice(0, 8)}… pending ${h.pending.count}, undelivered ${h.undelivered}`))
      return busy.length === 0
    }, { what: 'every tally half to settle', timeoutMs: Math.max(1, timeoutMs - (performance.now() - t0)), intervalMs: 100, signal: ctx.opts.signal })
  } catch (err) {
    if (!(err instanceof TimeoutError)) throw err
    r.ok = false
    r.details = `${err.message}; still busy: ${busy.join('; ') || '(no answer)'}`
    return
  }
  r.ok = late.length === 0
  r.details = `settled: ${halves} halves on ${running.length} node${running.length === 1 ? '' : 's'}` +
    (skipped.length > 0 ? ` (not running, not read: ${skipped.join(', ')})` : '') +
    (late.length > 0 ? `; no answer to the payment of ${late.join(', ')}` : '')
}

async function readHalves (nodes: DevnetNode[]): Promise<Array<{ node: DevnetNode, halves: Half[] }>> {
  return await mapLimit(nodes, 8, async node => ({ node, halves: await node.api.get('/tallies') as Half[] }))
}

// ---------------------------------------------------------------- expect

async function expect (ctx: Ctx, step: ExpectStep, r: StepReport): Promise<void> {
  const down = ctx.devnet.nodes.filter(n => !n.proc.running).map(n => n.name)
  if (down.length > 0) throw new Error(`cannot read every node: ${down.join(', ')} not running`)
  const all = await readHalves(ctx.devnet.nodes)
  const failures: string[] = []
  const facts: string[] = []

  // Net balance per user: the sum over that user's halves on its node.
  const net = new Map<string, bigint>()
  for (const { node, halves } of all) {
    for (const h of halves) {
      const key = `${h.user}@${node.name}`
      net.set(key, (net.get(key) ?? 0n) + BigInt(h.balance))
    }
  }
  const balanceOf = (u: string): bigint => net.get(u) ?? 0n
  const mismatches = (m: BalanceMap): string[] => [...m].filter(([u, want]) => balanceOf(u) !== want).map(([u, want]) => `${u} is ${balanceOf(u)}, expected ${want}`)

  if (step.balances != null) {
    const bad = mismatches(step.balances)
    if (bad.length > 0) failures.push(`balances: ${bad.join('; ')}`)
    else facts.push(`${step.balances.size} balance${step.balances.size === 1 ? '' : 's'} as expected`)
  }
  if (step.balancesOneOf != null) {
    const results = step.balancesOneOf.map(mismatches)
    const hit = results.findIndex(x => x.length === 0)
    if (hit >= 0) facts.push(`balances match alternative ${hit + 1} of ${results.length}`)
    else failures.push(`balances match none of ${results.length} alternatives: ${results.map((x, i) => `#${i + 1}: ${x.join(', ')}`).join(' | ')}`)
  }

  // Both halves of every tally agree; the balances of all halves sum to 0.
  const byId = new Map<string, Array<{ node: string, h: Half }>>()
  let sum = 0n
  for (const { node, halves } of all) {
    for (const h of halves) {
      byId.set(h.id, [...(byId.get(h.id) ?? []), { node: node.name, h }])
      sum += BigInt(h.balance)
    }
  }
  const broken: string[] = []
  for (const [id, hs] of byId) {
    const name = `${id.slice(0, 8)}… (${hs.map(x => `${x.h.side} ${x.h.user}@${x.node}`).join(', ')})`
    const s = hs.find(x => x.h.side === 'stock')?.h
    const f = hs.find(x => x.h.side === 'foil')?.h
    if (hs.length !== 2 || s == null || f == null) {
      // A proposal still unanswered may exist on one side only.
      if (!hs.every(x => x.h.state === 'proposed' || x.h.state === 'refused')) broken.push(`${name}: ${hs.length} half/halves found`)
      continue
    }
    if (s.chain.length !== f.chain.length || s.chain.head !== f.chain.head) broken.push(`${name}: chains differ (stock ${s.chain.length} ${s.chain.head.slice(0, 8)}, foil ${f.chain.length} ${f.chain.head.slice(0, 8)})`)
    if (BigInt(s.balance) !== -BigInt(f.balance)) broken.push(`${name}: balances ${s.balance} and ${f.balance} are not opposite`)
  }
  if (sum !== 0n) broken.push(`the balances of all halves sum to ${sum}, not 0`)
  if (broken.length > 0) failures.push(`invariants: ${broken.join('; ')}`)
  else facts.push(`invariants hold over ${byId.size} tallies (chains equal, balances opposite, sum 0)`)

  if (step.tallies != null) {
    const bad: string[] = []
    for (const t of step.tallies) {
      const c = ctx.created.find(x => fmt(x.spec.stock) === fmt(t.stock) && fmt(x.spec.foil) === fmt(t.foil))
      const label = `${fmt(t.stock)}/${fmt(t.foil)}`
      const stockHalf = c == null ? undefined : byId.get(c.id)?.find(x => x.h.side === 'stock')?.h
      if (stockHalf == null) bad.push(`${label}: not found`)
      else if (BigInt(stockHalf.balance) !== t.balance) bad.push(`${label} is ${stockHalf.balance}, expected ${t.balance}`)
    }
    if (bad.length > 0) failures.push(`tallies: ${bad.join('; ')}`)
    else facts.push(`${step.tallies.length} tally balance${step.tallies.length === 1 ? '' : 's'} as expected`)
  }

  r.data = { balances: Object.fromEntries([...net].map(([u, b]) => [u, b.toString()])) }
  r.ok = failures.length === 0
  r.details = r.ok ? facts.join('; ') : failures.join(' / ')
}

async function finalBalances (devnet: Devnet, scenario: Scenario): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  await mapLimit(scenario.nodes, 8, async (n) => {
    const node = devnet.node(n.name)
    if (!node.proc.running) return
    try {
      const halves: Half[] = await node.api.get('/tallies')
      for (const u of n.users) out[`${u}@${n.name}`] = halves.filter(h => h.user === u).reduce((a, h) => a + BigInt(h.balance), 0n).toString()
    } catch {}
  })
  // In the scenario's order, not the order the answers came in.
  return Object.fromEntries(scenario.nodes.flatMap(n => n.users.map(u => `${u}@${n.name}`)).filter(k => k in out).map(k => [k, out[k]]))
}

function errorText (err: any): string {
  const code = typeof err?.code === 'string' ? err.code : undefined
  const status = typeof err?.status === 'number' && err.status > 0 ? ` ${err.status}` : ''
  return `${code != null ? `${code}${status}: ` : ''}${err?.message ?? String(err)}`
}

function short (s: string, n = 200): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s
}
