// Scenario files: a topology (the same nodes, users and tallies as a topology
// file) plus steps run in order against the devnet: payments, clearing,
// stopping, killing and restarting nodes, waiting until the tallies settle,
// and expected balances. Parsing reports every problem with its JSON path.
import { checkTopology, fmt, isObject, readJsonFile, resolveUser, amount, unknownKeys, TopologyError } from './topology.js'
import type { Bad, Topology, TopologyTally, UserRef } from './topology.js'
import { parseCall, describeCall } from './scenario-call.js'
import type { CallStep } from './scenario-call.js'
import { parseSettle, describeSettle } from './scenario-settle.js'
import type { SettleStep } from './scenario-settle.js'

export type PayOutcome = 'good' | 'void' | 'error'
export const PAY_OUTCOMES: readonly PayOutcome[] = ['good', 'void', 'error']

export interface PayStep {
  kind: 'pay'
  from: UserRef
  to: UserRef
  /** milli-units, > 0 */
  units: bigint
  memo?: string
  /** outcomes that pass (default: good) */
  expect: PayOutcome[]
  /** true: send the payment and go on; its answer is awaited by the next `wait settled` or the end */
  async: boolean
}

export interface ClearStep { kind: 'clear', node: string, min?: bigint }
export interface NodeStep {
  kind: 'stop' | 'start' | 'kill'
  node: string
  /** kill only: "promised" arms the node to die right after its next lift promise, instead of killing it now */
  when?: 'promised'
}
export interface WaitSettledStep { kind: 'wait', until: 'settled', timeoutMs?: number }
export interface WaitMsStep { kind: 'wait', ms: number }

/** Expected balances, keyed by "user@node", in milli-units. */
export type BalanceMap = Map<string, bigint>

export interface TallyExpectation {
  stock: UserRef
  foil: UserRef
  /** the stock half's balance: > 0 the foil owes the stock */
  balance: bigint
}

export interface ExpectStep {
  kind: 'expect'
  /** net balance per user (sum over the user's tally halves) */
  balances?: BalanceMap
  /** passes when every balance of at least one of these holds */
  balancesOneOf?: BalanceMap[]
  /** balances of single tallies, seen from the stock */
  tallies?: TallyExpectation[]
}

export type ScenarioStep = (PayStep | ClearStep | NodeStep | WaitSettledStep | WaitMsStep | ExpectStep | CallStep | SettleStep) & { note?: string }

export interface Scenario extends Topology {
  steps: ScenarioStep[]
}

export class ScenarioError extends TopologyError {
  constructor (file: string, problems: string[]) {
    super(file, problems, 'scenario')
    this.name = 'ScenarioError'
  }
}

const STEP_KINDS = ['pay', 'clear', 'stop', 'start', 'kill', 'wait', 'expect', 'call', 'settle'] as const
const PAY_KEYS = new Set(['from', 'to', 'units', 'memo', 'expect', 'async'])
const CLEAR_KEYS = new Set(['node', 'min'])
const NODE_KEYS = new Set(['node'])
const KILL_KEYS = new Set(['node', 'when'])
const WAIT_KEYS = new Set(['until', 'timeout', 'ms'])
const EXPECT_KEYS = new Set(['balances', 'balancesOneOf', 'tallies'])
const TALLY_EXPECT_KEYS = new Set(['stock', 'foil', 'balance'])
/** A plain delay is for scenarios that need wall time; keep it short. */
export const MAX_WAIT_MS = 600_000
export const MAX_STEPS = 1000

export async function loadScenario (file: string): Promise<Scenario> {
  return parseScenario(await readJsonFile(file, 'scenario'), file)
}

export function parseScenario (json: unknown, file = 'scenario'): Scenario {
  const problems: string[] = []
  const bad: Bad = (path, msg) => { problems.push(`${path}: ${msg}`) }
  const topology = checkTopology(json, bad, ['steps'])
  if (topology == null || !isObject(json)) throw new ScenarioError(file, problems)
  const steps: ScenarioStep[] = []
  if (!Array.isArray(json.steps) || json.steps.length === 0) {
    bad('steps', `must be a non-empty array of steps, each an object with one of: ${STEP_KINDS.join(', ')}`)
  } else if (json.steps.length > MAX_STEPS) {
    bad('steps', `at most ${MAX_STEPS} steps`)
  } else {
    // Which nodes run at each step, to catch e.g. a payment from a stopped node.
    const down = new Map<string, number>()
    json.steps.forEach((raw: unknown, i: number) => {
      const step = parseStep(raw, `steps[${i}]`, topology, down, bad)
      if (step != null) steps.push(step)
    })
  }
  if (problems.length > 0) throw new ScenarioError(file, problems)
  return { ...topology, steps }
}

function parseStep (raw: unknown, path: string, topo: Topology, down: Map<string, number>, bad: Bad): ScenarioStep | undefined {
  if (!isObject(raw)) {
    bad(path, `must be an object with one of: ${STEP_KINDS.join(', ')}`)
    return undefined
  }
  const kinds = STEP_KINDS.filter(k => k in raw)
  const others = Object.keys(raw).filter(k => !(STEP_KINDS as readonly string[]).includes(k) && k !== 'note')
  for (const k of others) bad(`${path}.${k}`, `unknown field (a step has one of ${STEP_KINDS.join(', ')}, and an optional note)`)
  if (kinds.length !== 1) {
    bad(path, kinds.length === 0 ? `names no step: give one of ${STEP_KINDS.join(', ')}` : `names ${kinds.length} steps (${kinds.join(', ')}); give one per array entry`)
    return undefined
  }
  if (raw.note != null && typeof raw.note !== 'string') bad(`${path}.note`, 'must be a string')
  const note = typeof raw.note === 'string' ? { note: raw.note } : {}
  const kind = kinds[0]
  const p = `${path}.${kind}`
  const v = raw[kind]
  const idx = Number(/\[(\d+)\]$/.exec(path)?.[1] ?? -1)
  const step = ((): ScenarioStep | undefined => {
    switch (kind) {
      case 'pay': return parsePay(v, p, topo, down, bad)
      case 'clear': return parseClear(v, p, topo, down, bad)
      case 'stop': case 'start': case 'kill': return parseNodeStep(kind, v, p, topo, down, idx, bad)
      case 'wait': return parseWait(v, p, bad)
      case 'expect': return parseExpect(v, p, topo, down, bad)
      case 'call': return parseCall(v, p, topo, bad)
      case 'settle': return parseSettle(v, p, bad)
    }
    return undefined
  })()
  return step == null ? undefined : { ...step, ...note }
}

function parsePay (v: unknown, p: string, topo: Topology, down: Map<string, number>, bad: Bad): PayStep | undefined {
  if (!isObject(v)) { bad(p, 'must be an object { "from": "user@node", "to": "user@node", "units": "2500" }'); return undefined }
  let ok = unknownKeys(v, PAY_KEYS, p, bad)
  const from = resolveUser(v.from, topo.nodes, `${p}.from`, bad)
  const to = resolveUser(v.to, topo.nodes, `${p}.to`, bad)
  const units = v.units == null ? (bad(`${p}.units`, 'is required: milli-units as a string like "2500"'), null) : amount(v.units, `${p}.units`, bad, false)
  if (units === 0n) { bad(`${p}.units`, 'must be positive'); ok = false }
  if (v.memo != null && typeof v.memo !== 'string') { bad(`${p}.memo`, 'must be a string'); ok = false }
  if (v.async != null && typeof v.async !== 'boolean') { bad(`${p}.async`, 'must be true or false'); ok = false }
  const expect = outcomes(v.expect, `${p}.expect`, bad)
  if (from == null || to == null || units == null || expect == null || !ok) return undefined
  if (fmt(from) === fmt(to)) { bad(p, `pays ${fmt(from)} to itself`); return undefined }
  if (down.has(from.node)) { bad(`${p}.from`, `node ${from.node} is down at this step (since steps[${down.get(from.node) ?? '?'}]); the payer's node takes the payment`); return undefined }
  return { kind: 'pay', from, to, units, ...(typeof v.memo === 'string' ? { memo: v.memo } : {}), expect, async: v.async === true }
}

function outcomes (v: unknown, p: string, bad: Bad): PayOutcome[] | undefined {
  if (v == null) return ['good']
  const list = Array.isArray(v) ? v : [v]
  if (list.length === 0 || !list.every(x => typeof x === 'string' && (PAY_OUTCOMES as readonly string[]).includes(x))) {
    bad(p, `must be one of ${PAY_OUTCOMES.map(o => `"${o}"`).join(', ')} or a non-empty array of them (got ${JSON.stringify(v)})`)
    return undefined
  }
  return [...new Set(list as PayOutcome[])]
}

function parseClear (v: unknown, p: string, topo: Topology, down: Map<string, number>, bad: Bad): ClearStep | undefined {
  if (!isObject(v)) { bad(p, 'must be an object { "node": "alpha", "min": "100" }'); return undefined }
  const ok = unknownKeys(v, CLEAR_KEYS, p, bad)
  const node = nodeName(v.node, `${p}.node`, topo, bad)
  const min = v.min == null ? undefined : amount(v.min, `${p}.min`, bad, false)
  if (node == null || min === null || !ok) return undefined
  if (down.has(node)) { bad(`${p}.node`, `node ${node} is down at this step (since steps[${down.get(node) ?? '?'}])`); return undefined }
  return { kind: 'clear', node, ...(min != null ? { min } : {}) }
}

function parseNodeStep (kind: 'stop' | 'start' | 'kill', v: unknown, p: string, topo: Topology, down: Map<string, number>, idx: number, bad: Bad): NodeStep | undefined {
  // { "stop": "beta" } or { "stop": { "node": "beta" } }
  let name: unknown = v
  let when: 'promised' | undefined
  if (isObject(v)) {
    if (!unknownKeys(v, kind === 'kill' ? KILL_KEYS : NODE_KEYS, p, bad)) return undefined
    name = v.node
    if (v.when != null) {
      if (v.when !== 'promised') { bad(`${p}.when`, 'must be "promised" (die right after the next lift promise)'); return undefined }
      when = 'promised'
    }
  }
  const node = nodeName(name, isObject(v) ? `${p}.node` : p, topo, bad)
  if (node == null) return undefined
  if (kind === 'start') {
    if (!down.has(node)) { bad(p, `node ${node} is running at this step; stop or kill it first`); return undefined }
    down.delete(node)
  } else {
    if (down.has(node)) { bad(p, `node ${node} is already down (since steps[${down.get(node) ?? '?'}])`); return undefined }
    down.set(node, idx)
  }
  return { kind, node, ...(when != null ? { when } : {}) }
}

function parseWait (v: unknown, p: string, bad: Bad): WaitSettledStep | WaitMsStep | undefined {
  if (!isObject(v)) { bad(p, 'must be { "until": "settled", "timeout": 30 } or { "ms": 500 }'); return undefined }
  if (!unknownKeys(v, WAIT_KEYS, p, bad)) return undefined
  if ((v.until == null) === (v.ms == null)) { bad(p, 'give exactly one of "until" and "ms"'); return undefined }
  if (v.ms != null) {
    if (v.timeout != null) { bad(`${p}.timeout`, 'only goes with "until"'); return undefined }
    if (typeof v.ms !== 'number' || !Number.isInteger(v.ms) || v.ms < 1 || v.ms > MAX_WAIT_MS) { bad(`${p}.ms`, `must be an integer number of milliseconds, 1..${MAX_WAIT_MS}`); return undefined }
    return { kind: 'wait', ms: v.ms }
  }
  if (v.until !== 'settled') { bad(`${p}.until`, `must be "settled" (got ${JSON.stringify(v.until)})`); return undefined }
  if (v.timeout != null && (typeof v.timeout !== 'number' || !(v.timeout > 0) || v.timeout > MAX_WAIT_MS / 1000)) {
    bad(`${p}.timeout`, `must be a number of seconds, more than 0 and at most ${MAX_WAIT_MS / 1000}`)
    return undefined
  }
  return { kind: 'wait', until: 'settled', ...(typeof v.timeout === 'number' ? { timeoutMs: Math.round(v.timeout * 1000) } : {}) }
}

function parseExpect (v: unknown, p: string, topo: Topology, down: Map<string, number>, bad: Bad): ExpectStep | undefined {
  if (!isObject(v)) { bad(p, 'must be an object with "balances", "balancesOneOf" and/or "tallies" ({} checks the invariants only)'); return undefined }
  let ok = unknownKeys(v, EXPECT_KEYS, p, bad)
  const step: ExpectStep = { kind: 'expect' }
  if (v.balances != null) {
    const b = balanceMap(v.balances, `${p}.balances`, topo, bad)
    if (b == null) ok = false
    else step.balances = b
  }
  if (v.balancesOneOf != null) {
    if (!Array.isArray(v.balancesOneOf) || v.balancesOneOf.length === 0) {
      bad(`${p}.balancesOneOf`, 'must be a non-empty array of { "user@node": "balance", ... }')
      ok = false
    } else {
      const alts = v.balancesOneOf.map((x: unknown, j: number) => balanceMap(x, `${p}.balancesOneOf[${j}]`, topo, bad))
      if (alts.some((a: BalanceMap | undefined) => a == null)) ok = false
      else step.balancesOneOf = alts as BalanceMap[]
    }
  }
  if (v.tallies != null) {
    if (!Array.isArray(v.tallies) || v.tallies.length === 0) {
      bad(`${p}.tallies`, 'must be a non-empty array of { "stock": "user@node", "foil": "user@node", "balance": "-2500" }')
      ok = false
    } else {
      const list: TallyExpectation[] = []
      v.tallies.forEach((t: unknown, j: number) => {
        const tp = `${p}.tallies[${j}]`
        const e = tallyExpectation(t, tp, topo.tallies, topo, bad)
        if (e == null) ok = false
        else list.push(e)
      })
      step.tallies = list
    }
  }
  if (!ok) return undefined
  if (down.size > 0) {
    bad(p, `node${down.size > 1 ? 's' : ''} ${[...down.keys()].join(', ')} ${down.size > 1 ? 'are' : 'is'} down at this step; expect reads every node (start ${down.size > 1 ? 'them' : 'it'} first)`)
    return undefined
  }
  return step
}

function tallyExpectation (t: unknown, tp: string, tallies: TopologyTally[], topo: Topology, bad: Bad): TallyExpectation | undefined {
  if (!isObject(t)) { bad(tp, 'must be an object { "stock": ..., "foil": ..., "balance": ... }'); return undefined }
  if (!unknownKeys(t, TALLY_EXPECT_KEYS, tp, bad)) return undefined
  const stock = resolveUser(t.stock, topo.nodes, `${tp}.stock`, bad)
  const foil = resolveUser(t.foil, topo.nodes, `${tp}.foil`, bad)
  const balance = t.balance == null ? (bad(`${tp}.balance`, 'is required (milli-units seen from the stock)'), null) : amount(t.balance, `${tp}.balance`, bad, true)
  if (stock == null || foil == null || balance == null) return undefined
  const same = tallies.find(x => fmt(x.stock) === fmt(stock) && fmt(x.foil) === fmt(foil))
  if (same == null) {
    const reversed = tallies.some(x => fmt(x.stock) === fmt(foil) && fmt(x.foil) === fmt(stock))
    bad(tp, reversed
      ? `the tally of ${fmt(stock)} and ${fmt(foil)} has ${fmt(foil)} as its stock; swap stock and foil (and the sign of the balance)`
      : `the topology has no tally with stock ${fmt(stock)} and foil ${fmt(foil)}`)
    return undefined
  }
  return { stock, foil, balance }
}

function balanceMap (v: unknown, p: string, topo: Topology, bad: Bad): BalanceMap | undefined {
  if (!isObject(v) || Object.keys(v).length === 0) {
    bad(p, 'must be a non-empty object { "user@node": "balance in milli-units", ... }')
    return undefined
  }
  const out: BalanceMap = new Map()
  let ok = true
  for (const [k, x] of Object.entries(v)) {
    const kp = `${p}[${JSON.stringify(k)}]`
    const u = resolveUser(k, topo.nodes, kp, bad)
    const n = amount(x, kp, bad, true)
    if (u == null || n == null) { ok = false; continue }
    if (out.has(fmt(u))) { bad(kp, `${fmt(u)} is listed twice`); ok = false; continue }
    out.set(fmt(u), n)
  }
  return ok ? out : undefined
}

function nodeName (v: unknown, p: string, topo: Topology, bad: Bad): string | undefined {
  if (typeof v !== 'string' || !topo.nodes.some(n => n.name === v)) {
    bad(p, typeof v === 'string' ? `no node named ${JSON.stringify(v)}` : 'must be a node name')
    return undefined
  }
  return v
}

/** One line per step, for reports. */
export function describeStep (s: ScenarioStep): string {
  switch (s.kind) {
    case 'pay': {
      const exp = s.expect.length === 1 && s.expect[0] === 'good' ? '' : `, expect ${s.expect.join('|')}`
      return `pay ${fmt(s.from)} -> ${fmt(s.to)} ${s.units}${s.async ? ' (async)' : ''}${exp}`
    }
    case 'clear': return `clear on ${s.node}${s.min != null ? ` (min ${s.min})` : ''}`
    case 'stop': case 'start': case 'kill': return `${s.kind} ${s.node}${s.kind === 'kill' && s.when != null ? ` when ${s.when}` : ''}`
    case 'wait': return 'ms' in s ? `wait ${s.ms} ms` : 'wait settled'
    case 'call': return describeCall(s)
    case 'settle': return describeSettle(s)
    case 'expect': {
      const parts = [
        ...(s.balances != null ? [`${s.balances.size} balance${s.balances.size === 1 ? '' : 's'}`] : []),
        ...(s.balancesOneOf != null ? [`one of ${s.balancesOneOf.length} balance sets`] : []),
        ...(s.tallies != null ? [`${s.tallies.length} ${s.tallies.length === 1 ? 'tally' : 'tallies'}`] : [])
      ]
      return `expect ${parts.length > 0 ? parts.join(', ') + ' + ' : ''}invariants`
    }
  }
}
