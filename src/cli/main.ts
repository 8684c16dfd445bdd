#!/usr/bin/env node
// The sortlift CLI: `start` runs a node; every other command drives a running
// node through its control API, found through the data directory.
import { parseArgs, Args, UsageError } from './args.js'
import { ApiClient, ApiClientError } from '../api/client.js'
import { DataDir } from '../node/datadir.js'
import { printHuman } from './print.js'
import { gossipCommand } from './beacon.js'
import { chainCommand, contractCommand, CHAIN_HELP } from './sortition.js'
import { settleCommand, claimCommand, CLAIM_HELP } from './claims.js'
import { evidenceCommand, EVIDENCE_HELP } from './evidence.js'

const SWITCHES = new Set(['json', 'help', 'beacon-role', 'force'])

const HELP = `sortlift: a peer-to-peer credit and sortition node

usage: sortlift <command> [options]        every command takes --data DIR (default ./data) and --json

node
  init [--listen MA]... [--bootstrap MA]... [--api-port N]   create the data directory
  start [--listen MA]... [--bootstrap MA]... [--api-port N]  run a node (0 = any free API port)
        [--beacon-role]                                      also run the devnet beacon (config.json beacon.role)
  status                                                     PeerId, addresses, counts
  peers                                                      connected peers
  peers find PEERID                                          resolve a PeerId through the DHT
  peers dial MULTIADDR                                       connect to a peer
users
  user add NAME | user list
tallies (amounts are integer milli-units; rates are parts per million)
  tally propose --user NAME --partner NAME@PEERID --role stock|foil [--limit N]
  tally accept ID [--user NAME] | tally refuse ID [--user NAME]
  tally list [--user NAME] | tally show ID [--user NAME] | tally chain ID [--user NAME]
  tally settings ID [--target N] [--bound N] [--reward PPM] [--clutch PPM] [--user NAME]
  tally close ID [--user NAME]
payments and lifts
  pay --from NAME --to NAME@PEERID --units N [--memo TEXT] [--reference TEXT]
                                     a direct chit when a tally joins them, else a lift along a path
  lift list | lift show ID           lifts this node took part in (kind, state, legs)
  lift clear [--min N]               clear circuits among this node's tallies now
routes
  route find --from NAME --to NAME@PEERID --units N [--hops N]   discover routes (best first)
beacon and oracles
  beacon verify [--network quicknet|FILE] --round N --signature HEX   check a round offline, print its randomness
  beacon show [--round N] | beacon info                  latest (or given) verified round; the followed network
  oracle attest --user NAME --question TEXT --outcome TEXT   sign with the user's key and publish
  oracle list [--question TEXT]                          verified attestations this node holds
` + CHAIN_HELP + CLAIM_HELP + EVIDENCE_HELP

async function main (argv: string[]): Promise<number> {
  const args = new Args(parseArgs(argv, SWITCHES))
  const [cmd, sub, ...rest] = args.parsed.positionals
  if (cmd == null || args.parsed.switches.has('help') || cmd === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  const data = args.one('data') ?? './data'
  if (cmd === 'start') return await start(args, data, [sub, ...rest])
  if (cmd === 'init') return await init(args, data, [sub, ...rest])
  if (cmd === 'beacon' || cmd === 'oracle') return await gossipCommand(args, data, cmd, sub, rest)
  const out = await command(args, data, cmd, sub, rest)
  if (args.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n')
  else printHuman(out)
  return 0
}

function noExtra (extra: Array<string | undefined>): void {
  const e = extra.filter(x => x != null)
  if (e.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(e[0])}`)
}

function need (v: string | undefined, what: string): string {
  if (v == null) throw new UsageError(`${what} is required`)
  return v
}

async function command (args: Args, data: string, cmd: string, sub: string | undefined, rest: string[]): Promise<unknown> {
  const api = async (): Promise<ApiClient> => await ApiClient.fromDataDir(data)
  const q = (user?: string): string => user == null ? '' : `?user=${encodeURIComponent(user)}`
  switch (cmd) {
    case 'status': noExtra([sub, ...rest]); args.checkUnused(); return await (await api()).get('/status')
    case 'peers': {
      if (sub == null) { args.checkUnused(); return await (await api()).get('/peers') }
      const target = need(rest[0], 'an argument'); noExtra(rest.slice(1)); args.checkUnused()
      if (sub === 'find') return await (await api()).get(`/peers/find/${encodeURIComponent(target)}`)
      if (sub === 'dial') return await (await api()).post('/peers/dial', { address: target })
      throw new UsageError(`unknown command: peers ${sub}`)
    }
    case 'user': {
      if (sub === 'add') { const name = need(rest[0], 'NAME'); noExtra(rest.slice(1)); args.checkUnused(); return await (await api()).post('/users', { name }) }
      if (sub === 'list') { noExtra(rest); args.checkUnused(); return await (await api()).get('/users') }
      throw new UsageError('usage: sortlift user add NAME | sortlift user list')
    }
    case 'tally': return await tally(args, api, q, sub, rest)
    case 'pay': {
      noExtra([sub, ...rest])
      const body = { from: args.required('from'), to: args.required('to'), units: args.required('units'), memo: args.one('memo'), reference: args.one('reference') }
      args.checkUnused()
      return await (await api()).post('/pay', body)
    }
    case 'lift': {
      if (sub === 'list') { noExtra(rest); args.checkUnused(); return await (await api()).get('/lifts') }
      if (sub === 'show') { const id = need(rest[0], 'lift ID'); noExtra(rest.slice(1)); args.checkUnused(); return await (await api()).get(`/lifts/${encodeURIComponent(id)}`) }
      if (sub === 'clear') { noExtra(rest); const min = args.one('min'); args.checkUnused(); return await (await api()).post('/lifts/clear', { min }) }
      throw new UsageError('usage: sortlift lift list | lift show ID | lift clear [--min N]')
    }
    case 'route': {
      if (sub !== 'find') throw new UsageError('usage: sortlift route find --from NAME --to NAME@PEERID --units N [--hops N]')
      noExtra(rest)
      const params = new URLSearchParams({ from: args.required('from'), to: args.required('to'), units: args.required('units') })
      const hops = args.one('hops')
      if (hops != null) params.set('hops', hops)
      args.checkUnused()
      return await (await api()).get(`/routes?${params.toString()}`)
    }
    case 'chain': return sub === 'settle' ? await settleCommand(args, api, rest) : await chainCommand(args, api, sub, rest)
    case 'claim': return await claimCommand(args, api, sub, rest)
    case 'contract': return await contractCommand(args, api, sub, rest)
    case 'evidence': return await evidenceCommand(args, api, sub, rest)
    default: throw new UsageError(`unknown command: ${cmd} (see sortlift --help)`)
  }
}

async function tally (args: Args, api: () => Promise<ApiClient>, q: (u?: string) => string, sub: string | undefined, rest: string[]): Promise<unknown> {
  const user = args.one('user')
  if (sub === 'propose') {
    noExtra(rest)
    const body = { user: args.required('user'), partner: args.required('partner'), role: args.required('role'), limit: args.one('limit') }
    args.checkUnused()
    return await (await api()).post('/tallies', body)
  }
  if (sub === 'list') { noExtra(rest); args.checkUnused(); return await (await api()).get(`/tallies${q(user)}`) }
  const id = need(rest[0], 'tally ID')
  noExtra(rest.slice(1))
  const path = `/tallies/${encodeURIComponent(id)}`
  switch (sub) {
    case 'show': args.checkUnused(); return await (await api()).get(path + q(user))
    case 'chain': args.checkUnused(); return await (await api()).get(path + '/chain' + q(user))
    case 'accept': args.checkUnused(); return await (await api()).post(path + '/accept', { user })
    case 'refuse': args.checkUnused(); return await (await api()).post(path + '/refuse', { user })
    case 'close': args.checkUnused(); return await (await api()).post(path + '/close', { user })
    case 'settings': {
      const body = { user, target: args.one('target'), bound: args.one('bound'), reward: args.one('reward'), clutch: args.one('clutch') }
      args.checkUnused()
      return await (await api()).post(path + '/settings', body)
    }
    default: throw new UsageError(`unknown command: tally ${sub ?? ''}`.trim())
  }
}

function nodeFlags (args: Args): { listen: string[], bootstrap: string[], apiPort?: number, beacon?: { role: true } } {
  return { listen: args.many('listen'), bootstrap: args.many('bootstrap'), apiPort: args.int('api-port'), ...(args.parsed.switches.has('beacon-role') ? { beacon: { role: true as const } } : {}) }
}

async function init (args: Args, data: string, extra: Array<string | undefined>): Promise<number> {
  noExtra(extra)
  const f = nodeFlags(args)
  args.checkUnused()
  const dir = new DataDir(data)
  const { created } = await dir.init({
    ...(f.listen.length > 0 ? { listen: f.listen } : {}),
    ...(f.bootstrap.length > 0 ? { bootstrap: f.bootstrap } : {}),
    ...(f.apiPort != null ? { apiPort: f.apiPort } : {}),
    ...(f.beacon != null ? { beacon: f.beacon } : {})
  })
  const peerId = (await dir.privateKey()).publicKey.toString()
  const out = { dataDir: dir.path, peerId, created }
  if (args.json) process.stdout.write(JSON.stringify(out) + '\n')
  else process.stdout.write(`${created ? 'created' : 'already initialised'}: ${dir.path}\npeerId: ${peerId}\n`)
  return 0
}

async function start (args: Args, data: string, extra: Array<string | undefined>): Promise<number> {
  noExtra(extra)
  const f = nodeFlags(args)
  args.checkUnused()
  const t0 = performance.now()
  // Loaded on demand so API commands do not pay for importing libp2p.
  const { runNode } = await import('../node/run.js')
  const running = await runNode({
    dataDir: data,
    ...f,
    log: (m) => { if (process.env.SORTLIFT_DEBUG != null) process.stderr.write(`sortlift: ${m}\n`) }
  })
  const { node, api } = running
  const info = { peerId: node.peerId, addresses: node.addresses(), api: api.url, dataDir: node.dataDir.path, startupMs: Math.round(performance.now() - t0) }
  if (args.json) process.stdout.write(JSON.stringify(info) + '\n')
  else {
    process.stdout.write(`sortlift node started in ${info.startupMs} ms\n  peerId:  ${info.peerId}\n`)
    for (const a of info.addresses) process.stdout.write(`  listen:  ${a}\n`)
    process.stdout.write(`  api:     ${info.api}\n  data:    ${info.dataDir}\n(Ctrl-C to stop)\n`)
  }
  await new Promise<void>((resolve) => {
    const onSignal = (sig: string): void => {
      if (!args.json) process.stdout.write(`\nreceived ${sig}, stopping...\n`)
      running.stop().then(resolve, (err) => { process.stderr.write(`sortlift: error while stopping: ${err.message}\n`); resolve() })
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  })
  return 0
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code },
  (err: any) => {
    const msg = err instanceof UsageError ? `${err.message} (see sortlift --help)` : err instanceof ApiClientError ? `${err.message}${err.code !== 'NOT_RUNNING' ? ` [${err.code}]` : ''}` : err?.message ?? String(err)
    process.stderr.write(`sortlift: error: ${msg}\n`)
    process.exitCode = err instanceof UsageError ? 2 : 1
  }
)
