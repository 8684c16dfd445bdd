// One node as a child process: `sortlift start --json`, its startup line, its
// log file, a bounded stop (SIGTERM, wait, SIGKILL) and its memory use.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { AbortedError, TimeoutError } from './wait.js'
import { NODE_V8_FLAGS } from '../node/tuning.js'

/** The compiled CLI next to this file: dist/src/cli/main.js. */
export const CLI_PATH = fileURLToPath(new URL('../cli/main.js', import.meta.url))

/** What `sortlift start --json` prints once the node runs. */
export interface StartupInfo {
  peerId: string
  addresses: string[]
  api: string
  dataDir: string
  startupMs: number
}

export interface SpawnOptions {
  name: string
  dataDir: string
  listen: string
  apiPort: number
  bootstrap: string[]
  /** child stdout and stderr are appended here */
  logFile?: string
  startTimeoutMs: number
  signal?: AbortSignal
  cli?: string
}

export interface Exit { code: number | null, signal: NodeJS.Signals | null }

const TAIL_LINES = 20

export class NodeProcess {
  readonly exited: Promise<Exit>
  private exit: Exit | undefined
  private stopping = false

  private constructor (
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly log: WriteStream | undefined,
    private readonly tail: string[],
    readonly info: StartupInfo
  ) {
    this.exited = new Promise<Exit>(resolve => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal }
        resolve(this.exit)
      })
    })
    void this.exited.then(() => { this.log?.end() })
  }

  /** Spawns the node and resolves with it once it printed its startup line. */
  static async spawn (opts: SpawnOptions): Promise<NodeProcess> {
    const args = [
      ...NODE_V8_FLAGS,
      opts.cli ?? CLI_PATH, 'start',
      '--data', opts.dataDir,
      '--listen', opts.listen,
      '--api-port', String(opts.apiPort),
      '--json',
      ...opts.bootstrap.flatMap(b => ['--bootstrap', b])
    ]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const log = opts.logFile != null ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined
    log?.on('error', () => {}) // a lost log line must not take the devnet down
    const tail: string[] = []
    const keep = (chunk: Buffer): void => {
      log?.write(chunk)
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue
        tail.push(line)
        if (tail.length > TAIL_LINES) tail.shift()
      }
    }
    child.stderr!.on('data', keep)
    let out = ''
    const info = await new Promise<StartupInfo>((resolve, reject) => {
      let settled = false
      const finish = (err?: Error, value?: StartupInfo): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        opts.signal?.removeEventListener('abort', onAbort)
        child.off('exit', onExit)
        child.off('error', onError)
        if (err != null) {
          if (child.exitCode == null && child.signalCode == null) child.kill('SIGKILL')
          reject(err)
        } else resolve(value!)
      }
      const why = (): string => tail.length > 0 ? `: ${tail.slice(-5).join(' | ')}` : ''
      const onExit = (code: number | null, signal: string | null): void => {
        finish(new Error(`${opts.name} exited during startup (${signal ?? `code ${String(code)}`})${why()}`))
      }
      const onError = (err: Error): void => finish(new Error(`${opts.name}: cannot spawn ${process.execPath}: ${err.message}`))
      const onAbort = (): void => finish(new AbortedError(`${opts.name}: startup interrupted`))
      const timer = setTimeout(() => finish(new TimeoutError(`${opts.name} did not start within ${opts.startTimeoutMs} ms${why()}`)), opts.startTimeoutMs)
      child.once('exit', onExit)
      child.once('error', onError)
      opts.signal?.addEventListener('abort', onAbort, { once: true })
      if (opts.signal?.aborted === true) onAbort()
      child.stdout!.on('data', (chunk: Buffer) => {
        log?.write(chunk)
        if (settled) return
        out += chunk.toString('utf8')
        const nl = out.indexOf('\n')
        if (nl < 0) return
        const line = out.slice(0, nl)
        try {
          const parsed = JSON.parse(line)
          if (typeof parsed?.peerId !== 'string' || !Array.isArray(parsed.addresses) || typeof parsed.api !== 'string') throw new Error('missing fields')
          finish(undefined, parsed)
        } catch {
          finish(new Error(`${opts.name}: unexpected startup line: ${line}`))
        }
      })
    })
    return new NodeProcess(opts.name, child, log, tail, info)
  }

  get pid (): number { return this.child.pid ?? -1 }

  get running (): boolean { return this.exit == null }

  /** Whether this process was asked to stop (an exit is then expected). */
  get stopRequested (): boolean { return this.stopping }

  /** An exit is expected without asking (an armed failpoint will kill it). */
  expectExit (): void { this.stopping = true }

  /** The node's last stderr lines, for error reports. */
  stderrTail (): string[] { return [...this.tail] }

  /** The first listen address that carries /p2p/<PeerId>. */
  get address (): string {
    return this.info.addresses.find(a => a.includes('/p2p/')) ?? `${this.info.addresses[0]}/p2p/${this.info.peerId}`
  }

  /** The TCP port libp2p listens on. */
  get p2pPort (): number | undefined {
    const m = /\/tcp\/(\d+)/.exec(this.address)
    return m == null ? undefined : Number(m[1])
  }

  /**
   * SIGTERM, then wait up to `graceMs` for a clean exit, then SIGKILL and wait
   * up to `killMs` more. Resolves with how it ended.
   */
  async stop (graceMs = 10_000, killMs = 5_000): Promise<Exit & { forced: boolean }> {
    this.stopping = true
    if (this.exit != null) return { ...this.exit, forced: false }
    this.child.kill('SIGTERM')
    const first = await within(this.exited, graceMs)
    if (first != null) return { ...first, forced: false }
    this.child.kill('SIGKILL')
    const second = await within(this.exited, killMs)
    return { ...(second ?? { code: null, signal: null }), forced: true }
  }

  /** Kills at once, for a second Ctrl-C. */
  kill (): void {
    this.stopping = true
    if (this.exit == null) this.child.kill('SIGKILL')
  }

  /** Resident memory in bytes (Linux /proc), undefined where unavailable. */
  async rssBytes (): Promise<number | undefined> {
    if (this.exit != null) return undefined
    try {
      const status = await readFile(`/proc/${this.pid}/status`, 'utf8')
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
      return m == null ? undefined : Number(m[1]) * 1024
    } catch {
      return undefined
    }
  }
}

async function within<T> (p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>(resolve => { timer = setTimeout(() => resolve(undefined), ms) })
  try {
    return await Promise.race([p, timeout])
  } finally {
    clearTimeout(timer)
  }
}
