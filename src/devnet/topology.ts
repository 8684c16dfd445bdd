// Topology files: which nodes to run, their users, and the tallies (with
// opening balances and trading variables) to create between them; scenario
// files carry the same fields. Parsing reports every problem
// with its JSON path, so a broken file is fixed in one go.
import { readFile } from 'node:fs/promises'
import { isValidUserName } from '../tally/address.js'
import { NODE_NAME } from './plan.js'

export interface TopologyNode {
  name: string
  users: string[]
  /** written to the node's config.json before it first starts (sections of NodeConfig) */
  config?: Record<string, unknown>
}

export interface UserRef {
  user: string
  node: string
}

/** Trading variables (DESIGN §4) one half publishes to its partner. */
export interface TallySettings {
  /** milli-units, 0 <= target <= bound */
  target: bigint
  bound: bigint
  /** parts per million, -1000000..1000000, reward + clutch >= 0 */
  reward: number
  clutch: number
}

export interface TopologyTally {
  stock: UserRef
  foil: UserRef
  /** most the foil may owe the stock, milli-units; undefined: no limit */
  limit?: bigint
  /** opening balance seen from the stock: > 0 the foil owes the stock, < 0 the stock owes the foil */
  balance: bigint
  /** which side proposes the tally (the other accepts) */
  proposer: 'stock' | 'foil'
  /** memo on the opening payment */
  memo: string
  /** trading variables to publish after the opening balance, per side */
  settings?: { stock?: TallySettings, foil?: TallySettings }
}

export interface Topology {
  description?: string
  nodes: TopologyNode[]
  tallies: TopologyTally[]
}

export class TopologyError extends Error {
  constructor (readonly file: string, readonly problems: string[], kind = 'topology') {
    super(`${file}: invalid ${kind}:\n${problems.map(p => `  - ${p}`).join('\n')}`)
    this.name = 'TopologyError'
  }
}

/** Records one problem at a JSON path. */
export type Bad = (path: string, msg: string) => void

const I64_MAX = (1n << 63n) - 1n
const TOP_KEYS = new Set(['description', 'nodes', 'tallies'])
const NODE_KEYS = new Set(['name', 'users', 'config'])
/** config.json sections a topology may set per node (listen, bootstrap and the API port are the devnet's) */
const NODE_CONFIG_KEYS = new Set(['clearing', 'liftTimeoutMs', 'beacon', 'sortition'])
const TALLY_KEYS = new Set(['stock', 'foil', 'limit', 'balance', 'proposer', 'memo', 'settings'])
const SETTINGS_SIDES = new Set(['stock', 'foil'])
const SETTINGS_KEYS = new Set(['target', 'bound', 'reward', 'clutch'])
const PPM = 1_000_000
export const MAX_NODES = 200

export async function loadTopology (file: string): Promise<Topology> {
  return parseTopology(await readJsonFile(file, 'topology'), file)
}

/** A JSON file's content; a missing or broken file is a TopologyError of `kind`. */
export async function readJsonFile (file: string, kind: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err: any) {
    throw new TopologyError(file, [err.code === 'ENOENT' ? 'no such file' : `cannot read: ${err.message}`], kind)
  }
  try {
    return JSON.parse(text)
  } catch (err: any) {
    throw new TopologyError(file, [`not valid JSON: ${err.message}`], kind)
  }
}

export function parseTopology (json: unknown, file = 'topology'): Topology {
  const problems: string[] = []
  const topology = checkTopology(json, (path, msg) => { problems.push(`${path}: ${msg}`) })
  if (topology == null || problems.length > 0) throw new TopologyError(file, problems)
  return topology
}

/**
 * Checks the topology part of a JSON document (a topology or a scenario file),
 * reporting every problem through `bad`. `extraKeys` are further top-level
 * fields the caller checks itself. Returns undefined when the top level is not
 * an object; otherwise what could be parsed (complete only without problems).
 */
export function checkTopology (json: unknown, bad: Bad, extraKeys: readonly string[] = []): Topology | undefined {
  if (!isObject(json)) {
    bad('(top level)', `must be a JSON object with "nodes" and "tallies"${extraKeys.map(k => ` and "${k}"`).join('')}`)
    return undefined
  }
  unknownKeys(json, new Set([...TOP_KEYS, ...extraKeys]), '', bad)
  if (json.description != null && typeof json.description !== 'string') bad('description', 'must be a string')

  const nodes: TopologyNode[] = []
  if (!Array.isArray(json.nodes) || json.nodes.length === 0) {
    bad('nodes', 'must be a non-empty array of { "name": ..., "users": [...] }')
  } else if (json.nodes.length > MAX_NODES) {
    bad('nodes', `at most ${MAX_NODES} nodes`)
  } else {
    const names = new Set<string>()
    json.nodes.forEach((n: unknown, i: number) => {
      const path = `nodes[${i}]`
      if (!isObject(n)) { bad(path, 'must be an object'); return }
      unknownKeys(n, NODE_KEYS, path, bad)
      const name = n.name
      if (typeof name !== 'string' || !NODE_NAME.test(name)) {
        bad(`${path}.name`, 'must be a name of 1-32 characters: lowercase letters, digits, "-" or "_" (it names the data directory)')
        return
      }
      if (names.has(name)) bad(`${path}.name`, `duplicate node name ${JSON.stringify(name)}`)
      names.add(name)
      const users: string[] = []
      if (n.users != null && !Array.isArray(n.users)) bad(`${path}.users`, 'must be an array of user names')
      for (const [j, u] of ((n.users as unknown[] | undefined) ?? []).entries()) {
        if (typeof u !== 'string' || !isValidUserName(u)) {
          bad(`${path}.users[${j}]`, `${JSON.stringify(u)} is not a user name (1-32 characters: a-z 0-9 . _ -, starting with a letter or digit)`)
        } else if (users.includes(u)) {
          bad(`${path}.users[${j}]`, `duplicate user ${JSON.stringify(u)} on node ${name}`)
        } else users.push(u)
      }
      let config: Record<string, unknown> | undefined
      if (n.config != null) {
        if (!isObject(n.config)) bad(`${path}.config`, 'must be an object of config.json sections')
        else if (unknownKeys(n.config, NODE_CONFIG_KEYS, `${path}.config`, bad)) {
          const follow = (n.config.beacon as any)?.follow
          if (follow != null) {
            const role = nodes.find(x => x.name === follow)
            if (typeof follow !== 'string' || role == null || (role.config?.beacon as any)?.role !== true) {
              bad(`${path}.config.beacon.follow`, 'must name an earlier node whose config has "beacon": { "role": true }')
            }
          }
          config = n.config
        }
      }
      nodes.push({ name, users, ...(config != null ? { config } : {}) })
    })
  }

  const tallies: TopologyTally[] = []
  if (json.tallies != null && !Array.isArray(json.tallies)) bad('tallies', 'must be an array')
  const pairs = new Map<string, number>()
  for (const [i, t] of ((json.tallies as unknown[] | undefined) ?? []).entries()) {
    const path = `tallies[${i}]`
    if (!isObject(t)) { bad(path, 'must be an object'); continue }
    unknownKeys(t, TALLY_KEYS, path, bad)
    const stock = resolveUser(t.stock, nodes, `${path}.stock`, bad)
    const foil = resolveUser(t.foil, nodes, `${path}.foil`, bad)
    const limit = t.limit == null ? undefined : amount(t.limit, `${path}.limit`, bad, false)
    const balance = t.balance == null ? 0n : amount(t.balance, `${path}.balance`, bad, true)
    const proposer = t.proposer ?? 'stock'
    if (proposer !== 'stock' && proposer !== 'foil') bad(`${path}.proposer`, 'must be "stock" or "foil"')
    if (t.memo != null && typeof t.memo !== 'string') bad(`${path}.memo`, 'must be a string')
    const settings = t.settings == null ? undefined : tallySettings(t.settings, `${path}.settings`, bad)
    if (stock == null || foil == null || limit === null || balance == null || settings === null) continue
    // Both users may live on one node (a local tally), but not be one user.
    if (stock.node === foil.node && stock.user === foil.user) {
      bad(path, `stock and foil are both ${fmt(stock)}; a tally joins two different users`)
      continue
    }
    // A payment finds its tally by the pair of users, so one tally per pair.
    const key = [fmt(stock), fmt(foil)].sort().join(' ')
    const earlier = pairs.get(key)
    if (earlier != null) {
      bad(path, `${fmt(stock)} and ${fmt(foil)} already share tallies[${earlier}]; use one tally per pair of users`)
      continue
    }
    pairs.set(key, i)
    if (limit != null && balance > limit) {
      bad(`${path}.balance`, `opening balance ${balance} is over the limit of ${limit} (the limit bounds what the foil owes the stock)`)
      continue
    }
    tallies.push({
      stock,
      foil,
      ...(limit != null ? { limit } : {}),
      balance,
      proposer: proposer as 'stock' | 'foil',
      memo: (t.memo as string | undefined) ?? 'opening balance',
      ...(settings != null ? { settings } : {})
    })
  }
  return { ...(typeof json.description === 'string' ? { description: json.description } : {}), nodes, tallies }
}

/** `{ "stock"?: {...}, "foil"?: {...} }` of trading variables; null when invalid. */
function tallySettings (v: unknown, path: string, bad: Bad): { stock?: TallySettings, foil?: TallySettings } | null {
  if (!isObject(v)) {
    bad(path, 'must be an object like { "stock": { "target": "50000", "bound": "100000", "reward": 0, "clutch": 0 } } (and/or "foil")')
    return null
  }
  let ok = unknownKeys(v, SETTINGS_SIDES, path, bad)
  const out: { stock?: TallySettings, foil?: TallySettings } = {}
  for (const side of ['stock', 'foil'] as const) {
    if (v[side] == null) continue
    const p = `${path}.${side}`
    const s = v[side]
    if (!isObject(s)) { bad(p, 'must be an object with target, bound, reward and clutch (each optional, default 0)'); ok = false; continue }
    if (!unknownKeys(s, SETTINGS_KEYS, p, bad)) ok = false
    const target = s.target == null ? 0n : amount(s.target, `${p}.target`, bad, false)
    const bound = s.bound == null ? 0n : amount(s.bound, `${p}.bound`, bad, false)
    const reward = s.reward == null ? 0 : ppm(s.reward, `${p}.reward`, bad)
    const clutch = s.clutch == null ? 0 : ppm(s.clutch, `${p}.clutch`, bad)
    if (target == null || bound == null || reward == null || clutch == null) { ok = false; continue }
    if (bound < target) { bad(`${p}.bound`, `must be at least the target (${target}); trading variables need 0 <= target <= bound`); ok = false; continue }
    if (reward + clutch < 0) { bad(p, `reward + clutch must not be negative (got ${reward} + ${clutch})`); ok = false; continue }
    out[side] = { target, bound, reward, clutch }
  }
  return ok ? out : null
}

/** Parts per million as an integer (or an integer string), -1000000..1000000; null when invalid. */
function ppm (v: unknown, path: string, bad: Bad): number | null {
  const n = typeof v === 'string' && /^-?\d{1,7}$/.test(v) ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -PPM || n > PPM) {
    bad(path, `must be an integer in parts per million, -1000000..1000000 (got ${JSON.stringify(v)})`)
    return null
  }
  return n
}

export function fmt (u: UserRef): string {
  return `${u.user}@${u.node}`
}

/** "user@node", or a bare "user" when exactly one node has that user. */
export function resolveUser (v: unknown, nodes: TopologyNode[], path: string, bad: Bad): UserRef | undefined {
  if (typeof v !== 'string' || v === '') {
    bad(path, 'must be a user as "user@node" (or "user" when the name is unique)')
    return undefined
  }
  const at = v.lastIndexOf('@')
  if (at >= 0) {
    const user = v.slice(0, at)
    const node = v.slice(at + 1)
    const n = nodes.find(x => x.name === node)
    if (n == null) { bad(path, `no node named ${JSON.stringify(node)}`); return undefined }
    if (!n.users.includes(user)) { bad(path, `node ${node} has no user ${JSON.stringify(user)} (list it in its "users")`); return undefined }
    return { user, node }
  }
  const owners = nodes.filter(n => n.users.includes(v))
  if (owners.length === 0) { bad(path, `no node has a user ${JSON.stringify(v)}`); return undefined }
  if (owners.length > 1) { bad(path, `user ${JSON.stringify(v)} exists on ${owners.map(o => o.name).join(' and ')}; write "${v}@<node>"`); return undefined }
  return { user: v, node: owners[0].name }
}

/** Integer milli-units as a decimal string or a safe integer; null when invalid. */
export function amount (v: unknown, path: string, bad: Bad, signed: boolean): bigint | null {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v
  if (typeof s !== 'string' || !/^-?\d{1,19}$/.test(s)) {
    bad(path, `must be an integer number of milli-units, as a string like "2500" (got ${JSON.stringify(v)})`)
    return null
  }
  const n = BigInt(s)
  if (!signed && n < 0n) { bad(path, 'must not be negative'); return null }
  if (n > I64_MAX || n < -I64_MAX) { bad(path, 'is too large'); return null }
  return n
}

/** Reports fields outside `known`; false when there were any. */
export function unknownKeys (o: Record<string, unknown>, known: Set<string>, path: string, bad: Bad): boolean {
  let ok = true
  for (const k of Object.keys(o)) {
    if (!known.has(k)) {
      bad(path === '' ? k : `${path}.${k}`, `unknown field (known: ${[...known].join(', ')})`)
      ok = false
    }
  }
  return ok
}

export function isObject (v: unknown): v is Record<string, any> {
  return v != null && typeof v === 'object' && !Array.isArray(v)
}
