// Shared pieces for benchmarks: the module shape the dispatcher loads, flag
// parsing, temp data directories, nodes in this process or their own, /proc
// readings, quantiles and tables. Benchmarks only ever use 127.0.0.1.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { cpus, totalmem, tmpdir, release } from 'node:os'
import { createInterface } from 'node:readline'
import { connect } from 'node:net'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SortliftNode } from '../src/node/node.js'
import { tuneProcess, NODE_V8_FLAGS } from '../src/node/tuning.js'
import { ApiClient } from '../src/api/client.js'
import { DataDir } from '../src/node/datadir.js'
import { generateSigner } from '../src/crypto/keys.js'
import { chitSigningBytes, chitHash } from '../src/tally/encoding.js'
import { ChitType, Side } from '../protos/tally.js'
import type { Chit } from '../protos/tally.js'

// ------------------------------------------------------------------ modules

/** A flag: its default decides its type (number or string); numbers are integers unless `fractional`. */
export interface Flag { default: number | string, help: string, min?: number, max?: number, fractional?: boolean }
export type Flags = Record<string, Flag>
export type FlagValues<F extends Flags> = { [K in keyof F]: F[K]['default'] extends number ? number : string }

/**
 * What bench/<name>.ts exports as `benchmark`. `run` prints its own table and
 * returns a JSON-able result, which the dispatcher prints as the last line.
 */
export interface Benchmark<F extends Flags = Flags> {
  flags: F
  run: (opts: FlagValues<F>) => Promise<Record<string, unknown>>
}

export class UsageError extends Error {}

export function parseFlags<F extends Flags> (name: string, flags: F, args: string[]): FlagValues<F> {
  const out: Record<string, number | string> = {}
  for (const [k, f] of Object.entries(flags)) out[k] = f.default
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(args[i])
    const flag = m == null ? undefined : flags[m[1]]
    if (m == null || flag == null) throw new UsageError(`${name}: unknown argument ${JSON.stringify(args[i])}\n${usage(name, flags)}`)
    const raw = m[2] ?? args[++i]
    if (raw == null) throw new UsageError(`${name}: --${m[1]} needs a value\n${usage(name, flags)}`)
    if (typeof flag.default === 'number') {
      const v = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(v) || (flag.fractional !== true && !Number.isInteger(v))) {
        throw new UsageError(`${name}: --${m[1]} must be ${flag.fractional === true ? 'a number' : 'an integer'}, not ${JSON.stringify(raw)}`)
      }
      if ((flag.min != null && v < flag.min) || (flag.max != null && v > flag.max)) {
        throw new UsageError(`${name}: --${m[1]} must be between ${flag.min ?? '-inf'} and ${flag.max ?? 'inf'}`)
      }
      out[m[1]] = v
    } else {
      out[m[1]] = raw
    }
  }
  return out as FlagValues<F>
}

export function usage (name: string, flags: Flags): string {
  const lines = [`usage: npm run bench -- ${name} [options]`]
  for (const [k, f] of Object.entries(flags)) {
    lines.push(`  --${k.padEnd(14)} ${f.help} (default ${f.default === '' ? 'none' : String(f.default)})`)
  }
  return lines.join('\n')
}

// ------------------------------------------------------------------ timing

export const sleep = async (ms: number): Promise<void> => await new Promise(resolve => setTimeout(resolve, ms))

/** Polls `cond` until it holds; fails after `timeoutMs` naming `what`. */
export async function waitFor (cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await cond()) return
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}

export interface Quantiles { n: number, mean: number, p50: number, p90: number, p99: number, max: number }

/** Nearest-rank quantiles, rounded to 0.01. */
export function quantiles (values: number[]): Quantiles {
  const s = [...values].sort((a, b) => a - b)
  const at = (q: number): number => s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
  const r = (x: number): number => Math.round(x * 100) / 100
  const mean = s.length === 0 ? NaN : s.reduce((a, b) => a + b, 0) / s.length
  return { n: s.length, mean: r(mean), p50: r(at(0.5)), p90: r(at(0.9)), p99: r(at(0.99)), max: r(at(1)) }
}

export function median (values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

// ------------------------------------------------------------------ output

/** A plain text table; the first row is the header. */
export function table (rows: Array<Array<string | number>>): string {
  const cells = rows.map(r => r.map(String))
  const widths = cells[0].map((_, i) => Math.max(...cells.map(r => (r[i] ?? '').length)))
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  return [line(cells[0]), widths.map(w => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

export function out (text: string): void {
  process.stdout.write(text + '\n')
}

// ------------------------------------------------------------------ machine

export async function machine (): Promise<Record<string, string | number>> {
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '')
  const os = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? process.platform
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${os}, kernel ${release()}`,
    node: process.version
  }
}

// ------------------------------------------------------------------ /proc

/** Resident set size of a process in MiB (VmRSS), or of this one. */
export async function rssMiB (pid = process.pid): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN)
  return Math.round(kb / 1024 * 10) / 10
}

/** User + system CPU time of a process in ms (Linux clock ticks of 10 ms). */
export async function cpuMs (pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  // fields after the parenthesised command name; utime and stime are fields 14 and 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** The machine's CPU time so far, from /proc/stat, in clock ticks: all of it, idle, and stolen by the hypervisor. */
export async function machineTicks (): Promise<{ total: number, idle: number, steal: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]
  const f = line.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal (guest time is counted in user)
  return { total: f.slice(0, 8).reduce((a, b) => a + b, 0), idle: f[3] + f[4], steal: f[7] ?? 0 }
}

/** Shares of the machine's CPU between two readings of machineTicks: idle and stolen, in percent. */
export function machineShares (from: { total: number, idle: number, steal: number }, to: { total: number, idle: number, steal: number }): { idle: number, steal: number } {
  const total = Math.max(1, to.total - from.total)
  return { idle: Math.round(100 * (to.idle - from.idle) / total), steal: Math.round(1000 * (to.steal - from.steal) / total) / 10 }
}

/**
 * How fast this machine runs the work a chit costs, right now: the median
 * microseconds, over a few rounds, to encode a chit's signing bytes, sign them
 * and hash the result, one thread, nothing else of the benchmark running.
 * A shared VM's speed drifts; a run's latencies are only comparable with
 * another's at a similar figure.
 */
export async function machineSpeed (rounds = 5, perRound = 400): Promise<number> {
  const { signer } = await generateSigner()
  const chit: Chit = {
    tallyId: new Uint8Array(16), chitId: new Uint8Array(16), issuer: Side.STOCK, type: ChitType.PAYMENT, units: 1n, memo: '', reference: '',
    time: 0n, close: false, liftId: new Uint8Array(), signature: new Uint8Array()
  }
  const each: number[] = []
  for (let r = 0; r < rounds; r++) {
    const t = performance.now()
    for (let i = 0; i < perRound; i++) {
      chit.time = BigInt(i)
      chit.signature = await signer.sign(chitSigningBytes(chit))
      chitHash(chit)
    }
    each.push((performance.now() - t) * 1000 / perRound)
  }
  return Math.round(median(each))
}

// An echo server for loopbackRoundTrip, run as its own process.
const WARM_ROUND_TRIPS = 300
const ECHO_SERVER = "const s = require('node:net').createServer(c => { c.setNoDelay(true); c.on('data', d => c.write(d)) }).listen(0, '127.0.0.1', () => console.log(s.address().port))"

/**
 * The machine's cost of waking another process: the median and p99 round trip,
 * in microseconds, of one byte echoed by another process over loopback TCP.
 * Every chit crosses between processes and threads several times, so on a VM
 * whose wake-ups slow down (a busy host) payments slow down with it, while
 * machineSpeed (one thread) does not change.
 */
export async function loopbackRoundTrip (n = 2000): Promise<{ p50: number, p99: number }> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject)
      child.once('exit', (code) => { reject(new Error(`the echo process exited (${String(code)}) before it listened`)) })
      child.stdout!.once('data', (d: Buffer) => { resolve(Number(String(d).trim())) })
    })
    const socket = connect(port, '127.0.0.1')
    socket.setNoDelay(true)
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
    const us: number[] = []
    try {
      // the first few hundred warm up both processes (JIT, socket buffers) and are not counted
      for (let i = -WARM_ROUND_TRIPS; i < n; i++) {
        const t = performance.now()
        const echoed = new Promise(resolve => socket.once('data', resolve))
        socket.write('x')
        await echoed
        if (i >= 0) us.push((performance.now() - t) * 1000)
      }
    } finally {
      socket.destroy()
    }
    us.sort((a, b) => a - b)
    return { p50: Math.round(us[Math.floor(n / 2)]), p99: Math.round(us[Math.floor(n * 0.99)]) }
  } finally {
    child.kill()
  }
}

// ------------------------------------------------------------------ nodes

const here = dirname(fileURLToPath(import.meta.url))
/** dist/src/cli/main.js, next to dist/bench/ */
export const CLI = join(here, '..', 'src', 'cli', 'main.js')
export const LOOPBACK = '/ip4/127.0.0.1/tcp/0'

/** Temporary data directories, removed by `cleanup`. */
export class TempDirs {
  private readonly dirs: string[] = []

  async make (prefix = 'sortlift-bench-'): Promise<string> {
    const d = await mkdtemp(join(tmpdir(), prefix))
    this.dirs.push(d)
    return d
  }

  async cleanup (): Promise<void> {
    await Promise.all(this.dirs.splice(0).map(async d => await rm(d, { recursive: true, force: true })))
  }
}

export async function startInProcess (dataDir: string): Promise<SortliftNode> {
  // The same V8 settings `sortlift start` applies to its process.
  tuneProcess()
  return await SortliftNode.start({ dataDir, listen: [LOOPBACK] })
}

export interface NodeProcess {
  pid: number
  dir: string
  peerId: string
  addresses: string[]
  api: ApiClient
  /** the node's own figure: from the start command to started */
  startupMs: number
  /** from spawn to its JSON line, Node's boot and module loading included */
  readyMs: number
  stop: () => Promise<void>
}

/**
 * `sortlift start --json` in its own process on 127.0.0.1; resolves on its JSON
 * line. `nodeArgs` go to node itself (e.g. --cpu-prof).
 */
export async function spawnNode (dir: string, nodeArgs: string[] = [], timeoutMs = 30_000): Promise<NodeProcess> {
  const t0 = performance.now()
  const proc = spawn(process.execPath, [...NODE_V8_FLAGS, ...nodeArgs, CLI, 'start', '--data', dir, '--listen', LOOPBACK, '--api-port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const stop = stopper(proc)
  let info: any
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node on ${dir} printed nothing within ${timeoutMs} ms`)), timeoutMs)
      proc.once('error', reject)
      proc.once('exit', (code, sig) => reject(new Error(`node on ${dir} exited (${code ?? sig}) before it started`)))
      createInterface({ input: proc.stdout! }).once('line', (l) => { clearTimeout(timer); resolve(l) })
    })
    info = JSON.parse(line)
  } catch (err) {
    await stop()
    throw err
  }
  const readyMs = performance.now() - t0
  return {
    pid: proc.pid!,
    dir,
    peerId: info.peerId,
    addresses: info.addresses,
    api: new ApiClient(info.api, await new DataDir(dir).token()),
    startupMs: info.startupMs,
    readyMs,
    stop
  }
}

/**
 * Several nodes in one child process (bench/node-group.ts), each with its own
 * data directory and control API; resolves once all printed their line.
 */
export async function spawnNodeGroup (dirs: string[], timeoutMs = 60_000): Promise<NodeProcess[]> {
  const t0 = performance.now()
  const proc = spawn(process.execPath, [...NODE_V8_FLAGS, join(here, 'node-group.js'), ...dirs], { stdio: ['ignore', 'pipe', 'inherit'] })
  const stop = stopper(proc)
  const infos: any[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node group printed ${infos.length} of ${dirs.length} nodes within ${timeoutMs} ms`)), timeoutMs)
      proc.once('error', reject)
      proc.once('exit', (code, sig) => reject(new Error(`node group exited (${code ?? sig}) before its nodes started`)))
      createInterface({ input: proc.stdout! }).on('line', (l) => {
        infos.push(JSON.parse(l))
        if (infos.length === dirs.length) { clearTimeout(timer); resolve() }
      })
    })
  } catch (err) {
    await stop()
    throw err
  }
  const readyMs = performance.now() - t0
  return await Promise.all(infos.map(async info => ({
    pid: proc.pid!,
    dir: info.dataDir,
    peerId: info.peerId,
    addresses: info.addresses,
    api: new ApiClient(info.api, await new DataDir(info.dataDir).token()),
    startupMs: 0,
    readyMs,
    stop
  })))
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`; idempotent. */
function stopper (proc: ChildProcess, graceMs = 10_000): () => Promise<void> {
  let stopped: Promise<void> | undefined
  return async () => {
    stopped ??= new Promise<void>(resolve => {
      if (proc.exitCode != null || proc.signalCode != null) { resolve(); return }
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
      proc.once('exit', () => { clearTimeout(timer); resolve() })
      proc.kill('SIGTERM')
    })
    await stopped
  }
}
