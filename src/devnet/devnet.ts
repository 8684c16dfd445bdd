// A running devnet: N node processes on 127.0.0.1, each with its own data
// directory, started in bootstrap order, and stopped together.
import { mkdir, writeFile, readdir, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { ApiClient } from '../api/client.js'
import { DataDir } from '../node/datadir.js'
import { plan } from './plan.js'
import type { PlannedNode } from './plan.js'
import { NodeProcess } from './process.js'
import type { Exit } from './process.js'
import { AbortedError, Semaphore, mapLimit, waitFor } from './wait.js'

export interface DevnetOptions {
  /** parent of the node data directories (one per node name) */
  runDir: string
  /** 0: free ports; else node i uses basePort + 2i (p2p) and basePort + 2i + 1 (API) */
  basePort: number
  /** bootstrap peers per node */
  fanout: number
  /** nodes starting at the same time */
  parallel: number
  startTimeoutMs: number
  signal?: AbortSignal
  /** progress lines */
  log?: (msg: string) => void
  /** the CLI to run (default: the compiled one next to the devnet) */
  cli?: string
  /** config.json contents per node name (the node adds its defaults) */
  configs?: Record<string, Record<string, unknown>>
}

export interface DevnetNode {
  index: number
  name: string
  dir: string
  proc: NodeProcess
  api: ApiClient
  /** names of the nodes it bootstrapped to */
  bootstrap: string[]
}

export interface NodeStatus {
  name: string
  peerId: string
  api: string
  p2pPort?: number
  pid: number
  peers?: number
  users?: number
  tallies?: number
  rssBytes?: number
  error?: string
}

export interface StopResult {
  name: string
  code: number | null
  signal: string | null
  forced: boolean
  /** the node had already exited (a scenario stopped or killed it) */
  earlier?: boolean
}

export const LOG_FILE = 'node.log'

export interface RestartOptions {
  /** bound for the node's startup and for reconnecting to a peer */
  timeoutMs?: number
  signal?: AbortSignal
}

export class Devnet {
  private readonly exitListeners: Array<(node: DevnetNode, exit: Exit) => void> = []

  private constructor (
    readonly nodes: DevnetNode[],
    /** wall time from the call to start until every node printed its startup line */
    readonly startMs: number,
    private readonly opts: DevnetOptions
  ) {}

  static async start (names: readonly string[], opts: DevnetOptions): Promise<Devnet> {
    const log = opts.log ?? (() => {})
    const t0 = performance.now()
    const layout = plan(names, { fanout: opts.fanout, lag: Math.max(0, opts.parallel - 1), basePort: opts.basePort })
    const runDir = resolve(opts.runDir)
    await mkdir(runDir, { recursive: true })
    await Promise.all(layout.map(async n => {
      const dir = join(runDir, n.name)
      await freshDir(dir)
      await mkdir(dir, { recursive: true, mode: 0o700 })
    }))
    if (opts.basePort !== 0) await checkPortsFree(layout.flatMap(n => [n.p2pPort, n.apiPort]))

    // Stop everything when one node fails or the caller aborts.
    const abort = new AbortController()
    const onOuterAbort = (): void => abort.abort()
    opts.signal?.addEventListener('abort', onOuterAbort, { once: true })
    if (opts.signal?.aborted === true) abort.abort()

    const slots = new Semaphore(Math.max(1, opts.parallel))
    const started: Array<DevnetNode | undefined> = new Array(layout.length)
    const ready: Array<Promise<DevnetNode>> = []
    const total = layout.length
    const startOne = async (n: PlannedNode): Promise<DevnetNode> => {
      const targets = await Promise.all(n.bootstrap.map(async b => await ready[b]))
      await writeConfig(join(runDir, n.name), opts.configs?.[n.name], async (name) => await ready[layout.findIndex(x => x.name === name)])
      return await slots.run(async () => {
        if (abort.signal.aborted) throw new AbortedError()
        const dir = join(runDir, n.name)
        const via = targets.length > 0 ? ` (bootstrap: ${targets.map(t => t.name).join(', ')})` : ''
        log(`[${n.index + 1}/${total}] starting ${n.name}...${via}`)
        const t = performance.now()
        const proc = await NodeProcess.spawn({
          name: n.name,
          dataDir: dir,
          listen: `/ip4/127.0.0.1/tcp/${n.p2pPort}`,
          apiPort: n.apiPort,
          bootstrap: targets.map(t => t.proc.address),
          logFile: join(dir, LOG_FILE),
          startTimeoutMs: opts.startTimeoutMs,
          signal: abort.signal,
          cli: opts.cli
        })
        const node: DevnetNode = { index: n.index, name: n.name, dir, proc, api: await ApiClient.fromDataDir(dir), bootstrap: targets.map(t => t.name) }
        started[n.index] = node
        log(`[${n.index + 1}/${total}] ${n.name} up in ${Math.round(performance.now() - t)} ms: ${proc.info.peerId} api ${proc.info.api}`)
        return node
      })
    }
    for (const n of layout) {
      const p = startOne(n)
      p.catch(() => abort.abort())
      ready.push(p)
    }
    const results = await Promise.allSettled(ready)
    opts.signal?.removeEventListener('abort', onOuterAbort)
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof AbortedError)) ??
      results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed != null) {
      const running = started.filter((n): n is DevnetNode => n != null)
      if (running.length > 0) log(`stopping the ${running.length} node(s) already started...`)
      await Promise.all(running.map(async n => await n.proc.stop()))
      throw failed.reason
    }
    return new Devnet(started as DevnetNode[], performance.now() - t0, opts)
  }

  node (name: string): DevnetNode {
    const n = this.nodes.find(x => x.name === name)
    if (n == null) throw new Error(`no node named ${name}`)
    return n
  }

  /** Calls `fn` once for every node process (also a restarted one) that exits without being asked to. */
  onUnexpectedExit (fn: (node: DevnetNode, exit: Exit) => void): void {
    this.exitListeners.push(fn)
    for (const n of this.nodes) this.watch(n, n.proc, fn)
  }

  private watch (n: DevnetNode, proc: NodeProcess, fn: (node: DevnetNode, exit: Exit) => void): void {
    void proc.exited.then(exit => { if (!proc.stopRequested) fn(n, exit) })
  }

  /** SIGTERM to one node, bounded wait, SIGKILL if it does not exit. */
  async stopNode (name: string, graceMs = 10_000): Promise<StopResult> {
    const n = this.node(name)
    const r = await n.proc.stop(graceMs)
    return { name, code: r.code, signal: r.signal, forced: r.forced }
  }

  /** SIGKILL to one node (no cleanup on its side); resolves once it exited. */
  async killNode (name: string, waitMs = 10_000): Promise<StopResult> {
    const n = this.node(name)
    n.proc.kill()
    const exit = await Promise.race([n.proc.exited, new Promise<undefined>(resolve => { setTimeout(() => resolve(undefined), waitMs).unref() })])
    if (exit == null) throw new Error(`${name} (pid ${n.proc.pid}) did not exit within ${waitMs} ms of SIGKILL`)
    return { name, code: exit.code, signal: exit.signal, forced: true }
  }

  /**
   * Starts a stopped (or killed) node again: same data directory, same P2P
   * and API ports, bootstrapped to its running neighbours in the plan (the
   * nodes it bootstrapped to and the ones that bootstrapped to it; any running
   * node when none of those runs). Resolves once its API answers and it is
   * connected to at least one peer (when another node runs).
   */
  async startNode (name: string, ropts: RestartOptions = {}): Promise<DevnetNode> {
    const n = this.node(name)
    if (n.proc.running) throw new Error(`${name} is running (pid ${n.proc.pid}); stop it first`)
    const timeoutMs = ropts.timeoutMs ?? this.opts.startTimeoutMs
    const others = this.nodes.filter(x => x !== n && x.proc.running)
    const neighbours = others.filter(x => n.bootstrap.includes(x.name) || x.bootstrap.includes(n.name))
    const targets = (neighbours.length > 0 ? neighbours : others).slice(0, Math.max(1, this.opts.fanout))
    const apiPort = Number(new URL(n.proc.info.api).port)
    const p2pPort = n.proc.p2pPort
    if (p2pPort == null || !Number.isInteger(apiPort) || apiPort <= 0) throw new Error(`${name}: its earlier ports are unknown (${n.proc.info.api}, ${n.proc.address})`)
    this.opts.log?.(`restarting ${name} on ports ${p2pPort}/${apiPort}${targets.length > 0 ? ` (bootstrap: ${targets.map(t => t.name).join(', ')})` : ''}...`)
    const proc = await NodeProcess.spawn({
      name,
      dataDir: n.dir,
      listen: `/ip4/127.0.0.1/tcp/${p2pPort}`,
      apiPort,
      bootstrap: targets.map(t => t.proc.address),
      logFile: join(n.dir, LOG_FILE),
      startTimeoutMs: timeoutMs,
      signal: ropts.signal,
      cli: this.opts.cli
    })
    n.proc = proc
    n.api = await ApiClient.fromDataDir(n.dir)
    for (const fn of this.exitListeners) this.watch(n, proc, fn)
    if (others.length > 0) {
      await waitFor(async () => (await n.api.get('/status')).peers >= 1, {
        what: `${name} to reconnect to a peer`, timeoutMs, intervalMs: 100, signal: ropts.signal
      })
    }
    return n
  }

  /** GET /status on every node (errors are reported per node, not thrown). */
  async status (): Promise<NodeStatus[]> {
    return await mapLimit(this.nodes, 8, async (n) => {
      const base: NodeStatus = { name: n.name, peerId: n.proc.info.peerId, api: n.proc.info.api, p2pPort: n.proc.p2pPort, pid: n.proc.pid, rssBytes: await n.proc.rssBytes() }
      if (!n.proc.running) return { ...base, error: 'not running' }
      try {
        const s = await n.api.get('/status')
        return { ...base, peers: s.peers, users: s.users, tallies: s.tallies }
      } catch (err: any) {
        return { ...base, error: err.message }
      }
    })
  }

  /** Sum of the nodes' resident memory, where the OS tells it. */
  async totalRss (): Promise<number | undefined> {
    const all = await Promise.all(this.nodes.map(async n => await n.proc.rssBytes()))
    return all.some(x => x == null) ? undefined : all.reduce<number>((a, b) => a + (b ?? 0), 0)
  }

  /** SIGTERM to every node, bounded wait, SIGKILL to the ones left. */
  async stop (graceMs = 10_000): Promise<StopResult[]> {
    return await Promise.all(this.nodes.map(async n => {
      const earlier = !n.proc.running
      const r = await n.proc.stop(graceMs)
      return { name: n.name, code: r.code, signal: r.signal, forced: r.forced, ...(earlier ? { earlier } : {}) }
    }))
  }

  /** SIGKILL to every node, for a second Ctrl-C. */
  kill (): void {
    for (const n of this.nodes) n.proc.kill()
  }
}

/**
 * Empties a node directory from an earlier run. Refuses to touch a directory
 * that a running node uses, or one that does not look like a devnet node's.
 */
async function freshDir (dir: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(dir)
  } catch (err: any) {
    if (err.code === 'ENOENT') return
    throw new Error(`cannot use ${dir}: ${err.message}`)
  }
  if (entries.length === 0) return
  const data = new DataDir(dir)
  const api = await data.readApi()
  if (api != null && isAlive(api.pid)) {
    throw new Error(`${dir} belongs to a running node (pid ${api.pid}, ${api.url}); stop that devnet first, or use another --dir`)
  }
  if (!entries.includes('node.key') && !entries.includes(LOG_FILE)) {
    throw new Error(`${dir} exists and is not a sortlift data directory; refusing to delete it (use another --dir)`)
  }
  await rm(dir, { recursive: true, force: true })
}

function isAlive (pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err: any) {
    return err.code === 'EPERM'
  }
}

async function checkPortsFree (ports: number[]): Promise<void> {
  const busy: number[] = []
  await mapLimit(ports, 16, async (port) => {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer()
      s.once('error', () => resolve(false))
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
    })
    if (!free) busy.push(port)
  })
  if (busy.length > 0) {
    busy.sort((a, b) => a - b)
    throw new Error(`port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} on 127.0.0.1 already in use (another devnet? pick another --base-port, or 0 for free ports)`)
  }
}

/**
 * Writes a node's config.json before its first start. `beacon.follow: NAME`
 * (a devnet convenience) becomes the beacon network that node NAME, an
 * earlier node with the beacon role, serves at GET /beacon/info.
 */
async function writeConfig (dir: string, config: Record<string, unknown> | undefined, started: (name: string) => Promise<DevnetNode>): Promise<void> {
  if (config == null) return
  const out: Record<string, any> = structuredClone(config)
  const follow = out.beacon?.follow
  if (typeof follow === 'string') {
    const role = await started(follow)
    const info = await role.api.get('/beacon/info')
    if (info?.network == null) throw new Error(`node ${follow} serves no beacon network (give it "beacon": { "role": true })`)
    const { follow: _, ...rest } = out.beacon
    out.beacon = { ...rest, network: info.network }
  }
  await writeFile(join(dir, 'config.json'), JSON.stringify(out, null, 2) + '\n')
}
