// CLI commands for sortition chains: `chain …` (operator) and `contract …`
// (buyers and owners). `contract verify FILE` needs no node.
import { readFile, writeFile } from 'node:fs/promises'
import { UsageError } from './args.js'
import type { Args } from './args.js'
import type { ApiClient } from '../api/client.js'
import { verifyProofFile } from '../sortition/proof-file.js'
import type { ProofCheck } from '../sortition/proof-file.js'
import { verifyAncestry } from '../sortition/roots.js'
import type { AncestryCheck } from '../sortition/roots.js'

type Api = () => Promise<ApiClient>

function noExtra (extra: Array<string | undefined>): void {
  const e = extra.filter(x => x != null)
  if (e.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(e[0])}`)
}

function need (v: string | undefined, what: string): string {
  if (v == null) throw new UsageError(`${what} is required`)
  return v
}

export const CHAIN_HELP = `sortition chains (values in milli-units; points decimal or 0x-hex in [0, 2^256); widths in ppm of the space)
  chain create --user NAME --value N --trading-end ISO|MS --beacon-round N [--parent CHAINID [--parent-lo POINT] [--peer PEERID]]
      (a child chain: NAME must own the parent leaf starting at --parent-lo; it is transferred to the new chain)
  chain list | chain show ID | chain commit ID [--force] | chain commitments ID | chain contracts ID   (list: operated and followed)
  chain known                                                          chains announced to this node (gossip), latest height each
  chain ancestry ID [--commitment HASH] [--out FILE]                   prove each ancestor's root commits to the chain's commitment
  chain follow ID [--peer PEERID]      replicate a chain (from the peer, its operator or DHT providers), check every height, serve it
  chain sync ID [--peer PEERID]        catch a followed chain up now
  contract buy --chain ID --user NAME --width PPM [--peer PEERID]     pay the operator, get a region
  contract transfer --chain ID --user NAME --lo POINT (--to KEYHEX | --to-user NAME | --to-chain CHAINID) [--peer PEERID]
  contract split --chain ID --user NAME --lo POINT (--at POINT | --predicate HEX) [--peer PEERID]
  contract show --chain ID [--at POINT] [--peer PEERID]                the leaf containing the point, proven
  contract proof --chain ID [--at POINT] [--peer PEERID] [--out FILE]  export a proof file
  contract verify FILE                                                 check a proof or ancestry file offline (no node)
`

export async function chainCommand (args: Args, api: Api, sub: string | undefined, rest: string[]): Promise<unknown> {
  if (sub === 'create') {
    noExtra(rest)
    const body = {
      user: args.required('user'), value: args.required('value'), tradingEnd: args.required('trading-end'),
      beaconRound: args.required('beacon-round'), parent: args.one('parent'), parentLo: args.one('parent-lo'), peer: args.one('peer')
    }
    args.checkUnused()
    return await (await api()).post('/chains', body)
  }
  if (sub === 'list') { noExtra(rest); args.checkUnused(); return await (await api()).get('/chains') }
  if (sub === 'known') { noExtra(rest); args.checkUnused(); return await (await api()).get('/chains/known') }
  if (sub === 'ancestry') {
    const id = need(rest[0], 'chain ID')
    noExtra(rest.slice(1))
    const commitment = args.one('commitment')
    const out = args.one('out')
    args.checkUnused()
    const res = await (await api()).get(`/chains/${encodeURIComponent(id)}/ancestry${commitment != null ? `?commitment=${encodeURIComponent(commitment)}` : ''}`)
    if (out == null) return res
    await writeFile(out, JSON.stringify(res, null, 2) + '\n')
    return { written: out, layers: (res as any).layers?.length }
  }
  const id = need(rest[0], 'chain ID')
  noExtra(rest.slice(1))
  const path = `/chains/${encodeURIComponent(id)}`
  if (sub === 'follow' || sub === 'sync') {
    const peer = args.one('peer')
    args.checkUnused()
    return await (await api()).post(`${path}/${sub}`, peer != null ? { peer } : {})
  }
  const force = sub === 'commit' && args.flag('force')
  args.checkUnused()
  switch (sub) {
    case 'show': return await (await api()).get(path)
    case 'commit': return await (await api()).post(path + '/commit', { force })
    case 'commitments': return await (await api()).get(path + '/commitments')
    case 'contracts': return await (await api()).get(path + '/contracts')
    default: throw new UsageError(`unknown command: chain ${sub ?? ''}`.trim())
  }
}

export async function contractCommand (args: Args, api: Api, sub: string | undefined, rest: string[]): Promise<unknown> {
  switch (sub) {
    case 'buy': {
      noExtra(rest)
      const body = { chain: args.required('chain'), user: args.required('user'), width: args.required('width'), peer: args.one('peer') }
      args.checkUnused()
      return await (await api()).post('/contracts/buy', body)
    }
    case 'transfer': {
      noExtra(rest)
      const body = { chain: args.required('chain'), user: args.required('user'), lo: args.required('lo'), to: args.one('to'), toUser: args.one('to-user'), toChain: args.one('to-chain'), peer: args.one('peer') }
      args.checkUnused()
      if ([body.to, body.toUser, body.toChain].filter(x => x != null).length !== 1) throw new UsageError('give exactly one of --to KEYHEX, --to-user NAME and --to-chain CHAINID')
      return await (await api()).post('/contracts/transfer', body)
    }
    case 'split': {
      noExtra(rest)
      const body = { chain: args.required('chain'), user: args.required('user'), lo: args.required('lo'), at: args.one('at'), predicate: args.one('predicate'), peer: args.one('peer') }
      args.checkUnused()
      if ((body.at == null) === (body.predicate == null)) throw new UsageError('give exactly one of --at POINT and --predicate HEX')
      return await (await api()).post('/contracts/split', body)
    }
    case 'show':
    case 'proof': {
      noExtra(rest)
      const q = new URLSearchParams({ chain: args.required('chain'), at: args.one('at') ?? '0' })
      const peer = args.one('peer')
      if (peer != null) q.set('peer', peer)
      const out = sub === 'proof' ? args.one('out') : undefined
      args.checkUnused()
      const res = await (await api()).get(`/contracts/${sub}?${q.toString()}`)
      if (out == null) return res
      await writeFile(out, JSON.stringify(res, null, 2) + '\n')
      return { written: out, chainId: (res as any).chain?.id, height: (res as any).commitment?.height }
    }
    case 'verify': {
      const file = need(rest[0], 'FILE')
      noExtra(rest.slice(1))
      args.checkUnused()
      return await verifyFile(file)
    }
    default: throw new UsageError(`unknown command: contract ${sub ?? ''}`.trim())
  }
}

/** `contract verify FILE`: offline; a proof that does not verify is an error (exit 1). */
export async function verifyFile (path: string): Promise<ProofCheck | AncestryCheck> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  } catch (err: any) {
    throw new Error(`cannot read proof file ${path}: ${err.message}`)
  }
  const check = (json as any)?.kind === 'sortlift-ancestry-proof' ? await verifyAncestry(json) : await verifyProofFile(json)
  if (!check.ok) throw new ProofInvalid(check)
  return check
}

export class ProofInvalid extends Error {
  constructor (readonly check: ProofCheck | AncestryCheck) { super(`proof does not verify: ${check.reason ?? 'unknown reason'}`) }
}
