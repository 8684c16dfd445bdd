// Topology files: which nodes to run, their users, and the tallies (with
// opening balances) to create between them. Parsing reports every problem
// with its JSON path, so a broken file is fixed in one go.
import { readFile } from 'node:fs/promises'
import { isValidUserName } from '../tally/address.js'
import { NODE_NAME } from './plan.js'

export interface TopologyNode {
  name: string
  users: string[]
}

export interface UserRef {
  user: string
  node: string
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
}

export interface Topology {
  description?: string
  nodes: TopologyNode[]
  tallies: TopologyTally[]
}

export class TopologyError extends Error {
  constructor (readonly file: string, readonly problems: string[]) {
    super(`${file}: invalid topology:\n${problems.map(p => `  - ${p}`).join('\n')}`)
    this.name = 'TopologyError'
  }
}

const I64_MAX = (1n << 63n) - 1n
const TOP_KEYS = new Set(['description', 'nodes', 'tallies'])
const NODE_KEYS = new Set(['name', 'users'])
const TALLY_KEYS = new Set(['stock', 'foil', 'limit', 'balance', 'proposer', 'memo'])
export const MAX_NODES = 200

export async function loadTopology (file: string): Promise<Topology> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err: any) {
    throw new TopologyError(file, [err.code === 'ENOENT' ? 'no such file' : `cannot read: ${err.message}`])
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err: any) {
    throw new TopologyError(file, [`not valid JSON: ${err.message}`])
  }
  return parseTopology(json, file)
}

export function parseTopology (json: unknown, file = 'topology'): Topology {
  const problems: string[] = []
  const bad = (path: string, msg: string): void => { problems.push(`${path}: ${msg}`) }
  if (!isObject(json)) throw new TopologyError(file, ['the top level must be a JSON object with "nodes" and "tallies"'])
  unknownKeys(json, TOP_KEYS, '', bad)
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
      nodes.push({ name, users })
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
    if (stock == null || foil == null || limit === null || balance == null) continue
    if (stock.node === foil.node) {
      bad(path, `stock ${fmt(stock)} and foil ${fmt(foil)} live on the same node; a tally joins users on two different nodes`)
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
    tallies.push({ stock, foil, ...(limit != null ? { limit } : {}), balance, proposer: proposer as 'stock' | 'foil', memo: (t.memo as string | undefined) ?? 'opening balance' })
  }
  if (problems.length > 0) throw new TopologyError(file, problems)
  return { ...(typeof json.description === 'string' ? { description: json.description } : {}), nodes, tallies }
}

export function fmt (u: UserRef): string {
  return `${u.user}@${u.node}`
}

/** "user@node", or a bare "user" when exactly one node has that user. */
function resolveUser (v: unknown, nodes: TopologyNode[], path: string, bad: (p: string, m: string) => void): UserRef | undefined {
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
function amount (v: unknown, path: string, bad: (p: string, m: string) => void, signed: boolean): bigint | null {
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

function unknownKeys (o: Record<string, unknown>, known: Set<string>, path: string, bad: (p: string, m: string) => void): void {
  for (const k of Object.keys(o)) {
    if (!known.has(k)) bad(path === '' ? k : `${path}.${k}`, `unknown field (known: ${[...known].join(', ')})`)
  }
}

function isObject (v: unknown): v is Record<string, any> {
  return v != null && typeof v === 'object' && !Array.isArray(v)
}
