// The scenario step `call`: any control-API request on a node, with values
// from earlier steps, an expectation on the answer, and optionally retried
// until the expectation holds (bounded). It lets a scenario drive whatever the
// API does (sortition chains, beacon, claims, evidence) without a step kind
// per feature.
//
//   { "call": { "node": "top", "method": "POST", "path": "/chains",
//               "body": { "user": "op", "tradingEnd": "${time:+600}" },
//               "as": "T",
//               "expect": { "fields": { "height": 0 } } } }
//   { "call": { "node": "mid", "path": "/chains/${T.id}", "until": 30,
//               "expect": { "error": "UNKNOWN_CHAIN" } } }
//
// Placeholders in strings of path and body: ${peer:NODE} (its PeerId),
// ${addr:user@node} (user@PeerId), ${time:+S} (ms since epoch, S seconds
// from now), ${NAME.path} (a field of the answer saved `as` NAME; `path` is
// dotted, numbers index arrays, `length` counts). A string that is one
// placeholder takes the value's own type; inside longer text it is text.
// expect.fields maps paths of the answer to expected JSON values (compared
// after placeholders are filled, numbers and decimal strings alike).
import { isObject, unknownKeys } from './topology.js'
import type { Bad, Topology } from './topology.js'
import type { ApiClient } from '../api/client.js'

export interface CallStep {
  kind: 'call'
  node: string
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  as?: string
  /** error code expected instead of success */
  error?: string
  fields?: Record<string, unknown>
  /** retry (every 250 ms) until the expectation holds, for at most this many ms */
  untilMs?: number
}

const CALL_KEYS = new Set(['node', 'method', 'path', 'body', 'as', 'expect', 'until'])
const EXPECT_KEYS = new Set(['error', 'fields'])
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/
/** how long a `call` may retry at most */
export const MAX_UNTIL_MS = 600_000

export function parseCall (v: unknown, p: string, topo: Topology, bad: Bad): CallStep | undefined {
  if (!isObject(v)) { bad(p, 'must be an object with node, path and optionally method, body, as, expect, until'); return undefined }
  if (!unknownKeys(v, CALL_KEYS, p, bad)) return undefined
  let ok = true
  if (typeof v.node !== 'string' || !topo.nodes.some(n => n.name === v.node)) { bad(`${p}.node`, typeof v.node === 'string' ? `no node named ${JSON.stringify(v.node)}` : 'must be a node name'); ok = false }
  const method = v.method ?? (v.body != null ? 'POST' : 'GET')
  if (method !== 'GET' && method !== 'POST') { bad(`${p}.method`, 'must be "GET" or "POST"'); ok = false }
  if (typeof v.path !== 'string' || !v.path.startsWith('/')) { bad(`${p}.path`, 'must be an API path starting with "/"'); ok = false }
  if (v.as != null && (typeof v.as !== 'string' || !NAME.test(v.as))) { bad(`${p}.as`, 'must be a name (letters, digits, _)'); ok = false }
  if (v.until != null && (typeof v.until !== 'number' || v.until <= 0 || v.until * 1000 > MAX_UNTIL_MS)) { bad(`${p}.until`, `must be seconds in (0, ${MAX_UNTIL_MS / 1000}]`); ok = false }
  let error: string | undefined
  let fields: Record<string, unknown> | undefined
  if (v.expect != null) {
    if (!isObject(v.expect) || !unknownKeys(v.expect, EXPECT_KEYS, `${p}.expect`, bad)) ok = false
    else {
      if (v.expect.error != null && typeof v.expect.error !== 'string') { bad(`${p}.expect.error`, 'must be an error code'); ok = false }
      if (v.expect.fields != null && !isObject(v.expect.fields)) { bad(`${p}.expect.fields`, 'must map answer paths to values'); ok = false }
      if (v.expect.error != null && v.expect.fields != null) { bad(`${p}.expect`, 'give error or fields, not both'); ok = false }
      error = v.expect.error
      fields = v.expect.fields
    }
  }
  if (!ok) return undefined
  return {
    kind: 'call',
    node: v.node,
    method,
    path: v.path,
    ...(v.body != null ? { body: v.body } : {}),
    ...(v.as != null ? { as: v.as } : {}),
    ...(error != null ? { error } : {}),
    ...(fields != null ? { fields } : {}),
    ...(v.until != null ? { untilMs: Math.round(v.until * 1000) } : {})
  }
}

export function describeCall (s: CallStep): string {
  const exp = s.error != null ? ` expect ${s.error}` : s.fields != null ? ` expect ${Object.keys(s.fields).length} field${Object.keys(s.fields).length === 1 ? '' : 's'}` : ''
  return `call ${s.method} ${s.path} on ${s.node}${s.as != null ? ` as ${s.as}` : ''}${exp}${s.untilMs != null ? ` (until ${s.untilMs / 1000} s)` : ''}`
}

/** What a call needs from the running devnet. */
export interface CallContext {
  api: (node: string) => ApiClient
  peerId: (node: string) => string
  vars: Map<string, unknown>
  sleep: (ms: number) => Promise<void>
  /** the beacon network the call's node follows (for ${round:+S}); fetched when a step needs it */
  beacon?: { genesisTime: number, period: number }
}

/** Runs the call (retrying when asked); returns a one-line summary and the answer. Throws when the expectation fails. */
export async function runCall (ctx: CallContext, s: CallStep): Promise<{ details: string, data: unknown }> {
  const deadline = Date.now() + (s.untilMs ?? 0)
  let tries = 0
  for (;;) {
    tries++
    try {
      const data = await once(ctx, s)
      if (s.as != null) ctx.vars.set(s.as, data)
      return { details: `${s.error != null ? `failed as expected (${s.error})` : 'ok'}${tries > 1 ? ` after ${tries} tries` : ''}`, data }
    } catch (err) {
      if (s.untilMs == null || Date.now() >= deadline) throw err
      await ctx.sleep(250)
    }
  }
}

async function once (ctx: CallContext, s: CallStep): Promise<unknown> {
  if (JSON.stringify([s.path, s.body]).includes('${round:')) {
    const info = await ctx.api(s.node).get('/beacon/info')
    if (info?.network == null) throw new Error(`\${round:…}: node ${s.node} follows no beacon network`)
    ctx = { ...ctx, beacon: { genesisTime: info.network.genesisTime, period: info.network.period } }
  }
  const path = String(fill(ctx, s.path))
  const body = s.body != null ? fill(ctx, s.body) : undefined
  const api = ctx.api(s.node)
  let data: unknown
  try {
    data = s.method === 'GET' ? await api.get(path) : await api.post(path, body ?? {})
  } catch (err: any) {
    if (s.error != null && err?.code === s.error) return { error: { code: err.code, message: err.message } }
    throw new Error(s.error != null ? `expected ${s.error}, got ${err?.code ?? 'an error'}: ${err?.message ?? err}` : `${err?.code ?? 'error'}: ${err?.message ?? err}`)
  }
  if (s.error != null) throw new Error(`expected ${s.error}, but the call succeeded`)
  for (const [p, want] of Object.entries(s.fields ?? {})) {
    const got = at(data, p)
    const expected = fill(ctx, want)
    if (!same(got, expected)) throw new Error(`${p} is ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`)
  }
  return data
}

function same (a: unknown, b: unknown): boolean {
  const norm = (x: unknown): unknown => typeof x === 'number' || typeof x === 'bigint' ? String(x) : x
  return JSON.stringify(a, (_k, v) => norm(v)) === JSON.stringify(b, (_k, v) => norm(v))
}

/** A dotted path into a JSON value; numbers index arrays; `length` counts. */
export function at (value: unknown, path: string): unknown {
  let cur: any = value
  for (const part of path.split('.')) {
    if (cur == null) return undefined
    if (part === 'length' && (Array.isArray(cur) || typeof cur === 'string')) cur = cur.length
    else if (Array.isArray(cur) && /^-?\d+$/.test(part)) cur = cur.at(Number(part))
    else cur = cur[part]
  }
  return cur
}

const PLACEHOLDER = /\$\{([^}]+)\}/g

function resolve (ctx: CallContext, expr: string): unknown {
  if (expr.startsWith('peer:')) return ctx.peerId(expr.slice(5))
  if (expr.startsWith('addr:')) {
    const [user, node] = expr.slice(5).split('@')
    return `${user}@${ctx.peerId(node)}`
  }
  if (expr.startsWith('time:')) {
    const s = Number(expr.slice(5))
    if (!Number.isFinite(s)) throw new Error(`\${${expr}}: seconds expected`)
    return Date.now() + Math.round(s * 1000)
  }
  if (expr.startsWith('round:')) {
    const sec = Number(expr.slice(6))
    if (!Number.isFinite(sec) || ctx.beacon == null) throw new Error(`\${${expr}}: seconds expected, and a node following a beacon`)
    // the first round due at least S seconds from now
    const t = Math.ceil(Date.now() / 1000 + sec)
    return Math.max(1, Math.ceil((t - ctx.beacon.genesisTime) / ctx.beacon.period) + 1)
  }
  const [name, ...rest] = expr.split('.')
  if (!ctx.vars.has(name)) throw new Error(`\${${expr}}: no earlier call saved as ${name}`)
  const v = rest.length === 0 ? ctx.vars.get(name) : at(ctx.vars.get(name), rest.join('.'))
  if (v === undefined) throw new Error(`\${${expr}}: ${name} has no ${rest.join('.')}`)
  return v
}

/** Fills placeholders in every string of a JSON value. */
export function fill (ctx: CallContext, v: unknown): unknown {
  if (typeof v === 'string') {
    const whole = /^\$\{([^}]+)\}$/.exec(v)
    if (whole != null) return resolve(ctx, whole[1])
    return v.replace(PLACEHOLDER, (_m, e: string) => String(resolve(ctx, e)))
  }
  if (Array.isArray(v)) return v.map(x => fill(ctx, x))
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(ctx, x)]))
  return v
}
