#!/usr/bin/env node
// The devnet: many sortlift nodes on 127.0.0.1, optionally with users and
// tallies from a topology file, until Ctrl-C (or, with --check, until the
// health checks have passed or failed).
import { availableParallelism } from 'node:os'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, Args, UsageError } from '../cli/args.js'
import { Devnet } from './devnet.js'
import type { NodeStatus, StopResult } from './devnet.js'
import { defaultNames } from './plan.js'
import { loadTopology, TopologyError, MAX_NODES } from './topology.js'
import type { Topology } from './topology.js'
import { applyTopology, balances } from './setup.js'
import type { TallyBalance } from './setup.js'
import { checkDht, requiredPeers, waitForPeers } from './check.js'
import type { DhtResult, PeersResult } from './check.js'
import { formatTable, formatUnits, formatBytes } from './table.js'
import { AbortedError } from './wait.js'
import { loadScenario } from './scenario.js'
import type { Scenario } from './scenario.js'
import { runScenario } from './scenario-run.js'
import type { ScenarioReport } from './scenario-run.js'

const SWITCHES = new Set(['check', 'json', 'help'])
const DEFAULT_BASE_PORT = 47470
const DEFAULT_RUN_DIR = fileURLToPath(new URL('../../../devnet/run', import.meta.url))

const HELP = `sortlift devnet: many nodes on 127.0.0.1, bootstrapped to each other

usage: npm run devnet -- --nodes N [options]
       npm run devnet -- --topology FILE [options]
       npm run devnet -- --scenario FILE [options]

  --nodes N          start N nodes named node-1..node-N
  --topology FILE    start the nodes of a topology file and create its users,
                     tallies and opening balances (format: devnet/README.md)
  --scenario FILE    start the nodes of a scenario file, build its topology,
                     run its steps (payments, clearing, stop/kill/start of
                     nodes, waits, expected balances), print a report, stop
                     the nodes; exit 0 when every step passed, 1 otherwise
  --check            wait until every node has >= 3 peers (all others when
                     N < 4), the DHT resolves every PeerId (and the topology's
                     balances hold); print PASS/FAIL, stop, exit 0/1
  --base-port P      node i (from 0) listens on P+2i, its API on P+2i+1
                     (default ${DEFAULT_BASE_PORT}; 0: free ports)
  --dir DIR          node data directories go to DIR/<name>
                     (default devnet/run; emptied per node at start)
  --fanout K         bootstrap peers per node (default 3)
  --parallel P       nodes starting at once (default: CPU count, at most 4)
  --timeout S        bound in seconds for each wait (default 60; a scenario's
                     "wait settled" may set its own)
  --json             one JSON document on stdout; progress stays on stderr

Without --check the devnet runs until Ctrl-C (SIGINT) or SIGTERM, then stops
every node (SIGTERM, up to 10 s, then SIGKILL). Drive a node meanwhile with
  node dist/src/cli/main.js status --data devnet/run/<name>
`

interface Options {
  names: string[]
  topology?: Topology
  topologyFile?: string
  scenario?: Scenario
  scenarioFile?: string
  check: boolean
  json: boolean
  basePort: number
  runDir: string
  fanout: number
  parallel: number
  timeoutMs: number
}

function options (argv: string[]): Options | undefined {
  const args = new Args(parseArgs(argv, SWITCHES))
  if (args.parsed.switches.has('help')) return undefined
  if (args.parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.parsed.positionals[0])}`)
  const nodes = args.int('nodes')
  const topologyFile = args.one('topology')
  const scenarioFile = args.one('scenario')
  if ([nodes, topologyFile, scenarioFile].filter(x => x != null).length !== 1) throw new UsageError('give exactly one of --nodes N, --topology FILE and --scenario FILE')
  if (scenarioFile != null && args.parsed.switches.has('check')) throw new UsageError('--check does not go with --scenario (a scenario always ends with PASS or FAIL)')
  if (nodes != null && (nodes < 1 || nodes > MAX_NODES)) throw new UsageError(`--nodes must be 1..${MAX_NODES}`)
  const basePort = args.int('base-port') ?? DEFAULT_BASE_PORT
  if (basePort !== 0 && (basePort < 1024 || basePort > 65535)) throw new UsageError('--base-port must be 1024..65535, or 0 for free ports')
  const fanout = args.int('fanout') ?? 3
  const parallel = args.int('parallel') ?? Math.max(1, Math.min(availableParallelism(), 4))
  if (parallel < 1) throw new UsageError('--parallel must be at least 1')
  const timeout = args.int('timeout') ?? 60
  if (timeout < 1) throw new UsageError('--timeout must be at least 1 second')
  const dir = args.one('dir')
  const opts: Options = {
    names: nodes != null ? defaultNames(nodes) : [],
    check: args.parsed.switches.has('check'),
    json: args.json,
    basePort,
    runDir: dir != null ? resolve(dir) : DEFAULT_RUN_DIR,
    fanout,
    parallel,
    timeoutMs: timeout * 1000,
    ...(topologyFile != null ? { topologyFile: findFile(topologyFile) } : {}),
    ...(scenarioFile != null ? { scenarioFile: findFile(scenarioFile) } : {})
  }
  args.checkUnused()
  return opts
}

/** Relative to the working directory, or to where `npm run` was typed. */
function findFile (file: string): string {
  const here = resolve(file)
  if (existsSync(here) || process.env.INIT_CWD == null) return here
  const there = resolve(process.env.INIT_CWD, file)
  return existsSync(there) ? there : here
}

async function main (argv: string[]): Promise<number> {
  const opts = options(argv)
  if (opts == null) {
    process.stdout.write(HELP)
    return 0
  }
  if (opts.topologyFile != null) {
    opts.topology = await loadTopology(opts.topologyFile)
    opts.names = opts.topology.nodes.map(n => n.name)
  }
  if (opts.scenarioFile != null) {
    opts.scenario = await loadScenario(opts.scenarioFile)
    opts.names = opts.scenario.nodes.map(n => n.name)
  }
  const progress = (m: string): void => { process.stderr.write(`devnet: ${m}\n`) }

  // First Ctrl-C: stop cleanly. Second: kill the nodes and leave.
  const interrupt = new AbortController()
  let devnet: Devnet | undefined
  let signals = 0
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++
    if (signals === 1) {
      progress(`${sig}: stopping... (again to kill)`)
      interrupt.abort()
    } else {
      progress(`${sig} again: killing the nodes`)
      devnet?.kill()
      process.exit(130)
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const what = opts.scenario != null ? `scenario ${opts.scenarioFile ?? ''}` : opts.topology != null ? `topology ${opts.topologyFile ?? ''}` : `${opts.names.length} nodes`
  progress(`starting ${what} in ${opts.runDir} (${opts.basePort === 0 ? 'free ports' : `ports from ${opts.basePort}`}, ${opts.parallel} at a time)`)
  try {
    devnet = await Devnet.start(opts.names, {
      runDir: opts.runDir,
      basePort: opts.basePort,
      fanout: opts.fanout,
      parallel: opts.parallel,
      startTimeoutMs: Math.max(30_000, opts.timeoutMs),
      signal: interrupt.signal,
      log: progress,
      configs: Object.fromEntries((opts.scenario ?? opts.topology)?.nodes.filter(n => n.config != null).map(n => [n.name, n.config!]) ?? [])
    })
  } catch (err) {
    if (err instanceof AbortedError) return 130
    throw err
  }
  const net = devnet
  progress(`all ${net.nodes.length} nodes started in ${(net.startMs / 1000).toFixed(1)} s`)
  if (opts.scenario != null) {
    let report: ScenarioReport
    try {
      report = await runScenario(net, opts.scenario, { timeoutMs: opts.timeoutMs, signal: interrupt.signal, log: progress })
    } catch (err) {
      reportStop(await net.stop(), progress)
      throw err
    }
    const stopped = await net.stop()
    reportStop(stopped, progress)
    printScenario(report, opts, stopped)
    return report.interrupted === true ? 130 : report.ok ? 0 : 1
  }
  const crashed: string[] = []
  net.onUnexpectedExit((n, exit) => {
    crashed.push(n.name)
    progress(`${n.name} exited unexpectedly (${exit.signal ?? `code ${String(exit.code)}`}); last output: ${n.proc.stderrTail().slice(-3).join(' | ') || '(none)'} (log: ${n.dir}/node.log)`)
  })

  let code = 0
  try {
    code = await run(net, opts, interrupt.signal, progress, crashed)
  } catch (err) {
    if (!(err instanceof AbortedError)) {
      progress(`error: ${(err as Error).message}`)
      code = 1
    } else code = opts.check ? 130 : 0
  }
  const stopped = await net.stop()
  reportStop(stopped, progress)
  return code
}

async function run (net: Devnet, opts: Options, signal: AbortSignal, progress: (m: string) => void, crashed: string[]): Promise<number> {
  const min = requiredPeers(net.nodes.length, 3)
  progress(`waiting for every node to have at least ${min} peer${min === 1 ? '' : 's'}...`)
  const peers = await waitForPeers(net, min, opts.timeoutMs, signal)
  if (peers.ok) progress(`peers: every node has >= ${min} after ${(peers.ms / 1000).toFixed(1)} s (${Math.round((net.startMs + peers.ms) / 100) / 10} s from the first start)`)
  else progress(`peers: ${peers.error ?? 'not enough peers'}`)

  let tallies: TallyBalance[] | undefined
  if (opts.topology != null) {
    const created = await applyTopology(net, opts.topology, { timeoutMs: opts.timeoutMs, signal, log: progress })
    tallies = await balances(net, created)
  }

  let dht: DhtResult | undefined
  if (opts.check && net.nodes.length > 1) {
    progress(`DHT: ${net.nodes[net.nodes.length - 1].name} looks up the other ${net.nodes.length - 1} PeerIds...`)
    dht = await checkDht(net, opts.timeoutMs, signal)
  }

  const status = await net.status()
  const totalRss = await net.totalRss()
  if (opts.json) {
    process.stdout.write(JSON.stringify(summary(net, opts, status, totalRss, peers, tallies, dht), null, 2) + '\n')
  } else {
    printNodes(status, totalRss)
    if (tallies != null) printTallies(tallies)
    if (dht != null) printDht(dht)
  }

  if (opts.check) {
    const failures: string[] = []
    if (!peers.ok) failures.push(`peers: ${status.filter(s => (s.peers ?? 0) < min).map(s => `${s.name} has ${s.peers ?? '?'}`).join(', ')} (need ${min})`)
    if (dht != null && !dht.ok) failures.push(`DHT: ${dht.results.filter(r => !r.ok).map(r => `${r.target}: ${r.error ?? 'not found'}`).join('; ')}`)
    if (tallies != null && tallies.some(t => !t.ok)) failures.push(`balances: ${tallies.filter(t => !t.ok).map(t => `${t.id} ${t.stock}/${t.foil} is ${t.stockBalance}/${t.foilBalance} (${t.state}), expected ${t.expected}`).join('; ')}`)
    if (crashed.length > 0) failures.push(`nodes exited: ${crashed.join(', ')}`)
    const verdict = failures.length === 0 ? 'PASS' : 'FAIL'
    const facts = [
      `${net.nodes.length} nodes up in ${(net.startMs / 1000).toFixed(1)} s`,
      `peers >= ${min} after ${((net.startMs + peers.ms) / 1000).toFixed(1)} s (min ${minOf(status)}, max ${maxOf(status)})`,
      ...(dht != null ? [`DHT resolved ${dht.results.filter(r => r.ok).length}/${dht.results.length} PeerIds from ${dht.querier} (${dht.results.filter(r => !r.bootstrap).length} not among its bootstrap peers, ${dht.results.filter(r => !r.direct).length} not connected) in ${(dht.ms / 1000).toFixed(1)} s`] : []),
      ...(tallies != null ? [`${tallies.filter(t => t.ok).length}/${tallies.length} tally balances as specified`] : []),
      ...(totalRss != null ? [`total RSS ${formatBytes(totalRss) ?? '?'}`] : [])
    ]
    const out = opts.json ? process.stderr : process.stdout
    out.write(`\n${verdict}: ${facts.join('; ')}\n`)
    for (const f of failures) out.write(`  FAIL ${f}\n`)
    return failures.length === 0 ? 0 : 1
  }

  if (!opts.json) {
    process.stdout.write(`\ndevnet running: ${net.nodes.length} nodes, data in ${opts.runDir}. Ctrl-C to stop.\n`)
    process.stdout.write(`  e.g. node dist/src/cli/main.js status --data ${net.nodes[0].dir}\n`)
  }
  progress('ready')
  await new Promise<void>(resolve => {
    if (signal.aborted) resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
  return 0
}

function summary (net: Devnet, opts: Options, status: NodeStatus[], totalRss: number | undefined, peers: PeersResult, tallies?: TallyBalance[], dht?: DhtResult): unknown {
  return {
    runDir: opts.runDir,
    startMs: Math.round(net.startMs),
    peersMs: Math.round(peers.ms),
    nodes: net.nodes.map((n, i) => ({
      name: n.name,
      peerId: n.proc.info.peerId,
      addresses: n.proc.info.addresses,
      api: n.proc.info.api,
      dataDir: n.dir,
      pid: n.proc.pid,
      bootstrap: n.bootstrap,
      peers: status[i].peers ?? null,
      rssBytes: status[i].rssBytes ?? null
    })),
    totalRssBytes: totalRss ?? null,
    peersOk: peers.ok,
    minPeers: peers.min,
    ...(tallies != null ? { tallies } : {}),
    ...(dht != null ? { dht } : {})
  }
}

function printNodes (status: NodeStatus[], totalRss: number | undefined): void {
  process.stdout.write('\n' + formatTable(
    ['NAME', 'PEERID', { header: 'P2P', align: 'right' }, 'API', { header: 'PEERS', align: 'right' }, { header: 'USERS', align: 'right' }, { header: 'TALLIES', align: 'right' }, { header: 'PID', align: 'right' }, { header: 'RSS', align: 'right' }],
    status.map(s => [s.name, s.peerId, s.p2pPort, s.api, s.peers ?? (s.error != null ? `? (${s.error})` : undefined), s.users, s.tallies, s.pid, formatBytes(s.rssBytes)])
  ))
  if (totalRss != null) process.stdout.write(`total RSS of the nodes: ${formatBytes(totalRss) ?? '?'}\n`)
}

function printTallies (tallies: TallyBalance[]): void {
  if (tallies.length === 0) return
  process.stdout.write('\n' + formatTable(
    ['TALLY', 'STOCK', 'FOIL', 'STATE', { header: 'LIMIT', align: 'right' }, { header: 'BALANCE', align: 'right' }, { header: '(units)', align: 'right' }, { header: 'FOIL HALF', align: 'right' }, { header: 'CHITS', align: 'right' }],
    tallies.map(t => [t.id, t.stock, t.foil, t.state, t.limit ?? 'none', t.stockBalance, formatUnits(t.stockBalance), t.foilBalance, t.chainLength])
  ))
  process.stdout.write('balances in milli-units, seen from the stock: > 0 the foil owes the stock\n')
}

function printDht (dht: DhtResult): void {
  process.stdout.write(`\nDHT lookups from ${dht.querier}:\n` + formatTable(
    ['TARGET', 'RESULT', 'CONNECTED', 'KNOWN FROM', { header: 'TRIES', align: 'right' }, { header: 'MS', align: 'right' }, 'ADDRESSES'],
    dht.results.map(r => [r.target, r.ok ? 'ok' : `FAIL ${r.error ?? ''}`, r.direct ? 'yes' : 'no', r.bootstrap ? 'bootstrap' : 'DHT', r.attempts, Math.round(r.ms), r.addresses.join(' ')])
  ))
}

function printScenario (report: ScenarioReport, opts: Options, stopped: StopResult[]): void {
  // Stopping is part of the run: a node that had to be killed fails it.
  const forced = stopped.filter(s => s.forced && s.earlier !== true).map(s => s.name)
  if (forced.length > 0) report.ok = false
  if (opts.json) {
    process.stdout.write(JSON.stringify({ scenario: opts.scenarioFile, ...report, stopped }, null, 2) + '\n')
    return
  }
  const out = process.stdout
  out.write(`\nscenario ${opts.scenarioFile ?? ''}${report.description != null ? `\n  ${report.description}` : ''}\n`)
  out.write(`setup: ${report.setup.ok ? 'ok' : 'FAIL'} in ${(report.setup.ms / 1000).toFixed(1)} s, ${report.setup.tallies} ${report.setup.tallies === 1 ? 'tally' : 'tallies'}${report.setup.error != null ? `: ${report.setup.error}` : ''}\n`)
  if (report.steps.length > 0) {
    out.write('\n' + formatTable(
      [{ header: '#', align: 'right' }, 'STEP', 'RESULT', { header: 'MS', align: 'right' }, 'DETAILS'],
      report.steps.map(s => [s.index + 1, s.step + (s.note != null ? ` (${s.note})` : ''), s.ok ? 'ok' : 'FAIL', s.ms, s.details])
    ))
  }
  const users = Object.entries(report.balances)
  if (users.length > 0) {
    out.write('\nbalances at the end (milli-units; > 0: the user is owed):\n' + formatTable(
      ['USER', { header: 'BALANCE', align: 'right' }, { header: '(units)', align: 'right' }],
      users.map(([u, b]) => [u, b, formatUnits(b)])
    ))
  }
  const failed = report.steps.filter(s => !s.ok)
  const facts = [
    `${report.steps.filter(s => s.ok).length}/${report.steps.length} steps ok`,
    ...(report.crashed.length > 0 ? [`nodes exited unasked: ${report.crashed.join(', ')}`] : []),
    ...(forced.length > 0 ? [`killed at the end after ignoring SIGTERM: ${forced.join(', ')}`] : []),
    ...(report.interrupted === true ? ['interrupted'] : []),
    `${(report.ms / 1000).toFixed(1)} s`
  ]
  out.write(`\n${report.ok ? 'PASS' : 'FAIL'}: ${facts.join('; ')}\n`)
  if (!report.setup.ok) out.write(`  FAIL setup: ${report.setup.error ?? 'interrupted'}\n`)
  for (const s of failed) out.write(`  FAIL step ${s.index + 1} (${s.step}): ${s.details}\n`)
}

function reportStop (stopped: StopResult[], progress: (m: string) => void): void {
  const earlier = stopped.filter(s => s.earlier === true)
  const forced = stopped.filter(s => s.forced && s.earlier !== true)
  const unclean = stopped.filter(s => !s.forced && s.code !== 0 && s.earlier !== true)
  progress(`stopped ${stopped.length} node${stopped.length === 1 ? '' : 's'}` +
    (earlier.length > 0 ? `; already down: ${earlier.map(s => `${s.name} (${s.signal ?? `code ${String(s.code)}`})`).join(', ')}` : '') +
    (forced.length > 0 ? `; killed after the grace period: ${forced.map(s => s.name).join(', ')}` : '') +
    (unclean.length > 0 ? `; exited with errors: ${unclean.map(s => `${s.name} (${s.signal ?? `code ${String(s.code)}`})`).join(', ')}` : ''))
}

function minOf (s: NodeStatus[]): string { return String(Math.min(...s.map(x => x.peers ?? 0))) }
function maxOf (s: NodeStatus[]): string { return String(Math.max(...s.map(x => x.peers ?? 0))) }

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code },
  (err: any) => {
    const msg = err instanceof UsageError ? `${err.message} (see npm run devnet -- --help)` : err instanceof TopologyError ? err.message : err?.message ?? String(err)
    process.stderr.write(`devnet: error: ${msg}\n`)
    process.exitCode = err instanceof UsageError || err instanceof TopologyError ? 2 : 1
  }
)
