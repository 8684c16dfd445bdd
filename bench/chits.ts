// Chits signed, verified, chained and persisted on both halves of a tally
// between two nodes on TCP loopback. Counts only chits both halves hold, and
// checks the halves match at the end.
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { SortliftNode } from '../src/node/node.js'
import { startNode, connect, tempDir, cleanupDirs, waitFor } from '../test/helpers/nodes.js'

interface Options { count: number, concurrency: number, tallies: number }

function parse (args: string[]): Options {
  const o: Options = { count: 20_000, concurrency: 32, tallies: 4 }
  for (let i = 0; i < args.length; i += 2) {
    const k = args[i].replace(/^--/, '') as keyof Options
    if (!(k in o) || !/^\d+$/.test(args[i + 1] ?? '')) throw new Error(`usage: chits [--count N] [--concurrency N] [--tallies N]`)
    o[k] = Number(args[i + 1])
  }
  return o
}

function quantile (sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

export async function chits (args: string[]): Promise<void> {
  const opts = parse(args)
  const t0 = performance.now()
  const a = await startNode()
  const startFresh = performance.now() - t0
  const b = await startNode()
  try {
    await connect(a, b)
    await a.users.add('alice')
    await b.users.add('bob')
    const alice = `alice@${a.peerId}`
    const bob = `bob@${b.peerId}`
    const ids: string[] = []
    for (let i = 0; i < opts.tallies; i++) {
      const t = await a.tallies.propose({ user: 'alice', partner: bob, role: 'stock' })
      await b.tallies.accept(t.id, 'bob')
      ids.push(t.id)
    }
    // Half the chits from each side: the foil places its own, the stock's are posted to the foil.
    const latencies: number[] = []
    let issued = 0
    let expected = 0n
    const worker = async (): Promise<void> => {
      while (issued < opts.count) {
        const n = issued++
        const fromBob = n % 2 === 0
        const start = performance.now()
        const r = fromBob
          ? await b.tallies.pay({ from: 'bob', to: alice, units: 3n })
          : await a.tallies.pay({ from: 'alice', to: bob, units: 1n })
        if (r.delivered) latencies.push(performance.now() - start)
        expected += fromBob ? 3n : -1n
      }
    }
    const t1 = performance.now()
    await Promise.all(Array.from({ length: opts.concurrency }, worker))
    await waitFor(async () => {
      const views = await Promise.all(ids.map(async id => [await a.tallies.show(id), await b.tallies.show(id)]))
      return views.every(([x, y]) => x.chain.head === y.chain.head && x.pending.count === 0 && y.undelivered === 0)
    }, 'both halves to converge', 60_000)
    const elapsed = (performance.now() - t1) / 1000
    let total = 0
    let balance = 0n
    for (const id of ids) {
      const [x, y] = [await a.tallies.show(id), await b.tallies.show(id)]
      if (x.chain.head !== y.chain.head || BigInt(x.balance) !== -BigInt(y.balance)) throw new Error(`halves of ${id} differ`)
      total += x.chain.length
      balance += BigInt(x.balance)
    }
    if (total !== opts.count) throw new Error(`expected ${opts.count} chits on both halves, found ${total}`)
    if (balance !== expected) throw new Error(`balance ${balance} != expected ${expected}`)
    latencies.sort((p, q) => p - q)

    // restart time of an existing data directory
    const dirA = a.dataDir.path
    await a.stop()
    const t2 = performance.now()
    const again = await SortliftNode.start({ dataDir: dirA, listen: ['/ip4/127.0.0.1/tcp/0'] })
    const startRestart = performance.now() - t2
    await again.stop()

    const rss = await idleRss()
    const results = {
      chits: total,
      seconds: +elapsed.toFixed(2),
      chitsPerSecond: Math.round(total / elapsed),
      roundTripMs: { p50: +quantile(latencies, 0.5).toFixed(2), p90: +quantile(latencies, 0.9).toFixed(2), p99: +quantile(latencies, 0.99).toFixed(2), max: +latencies[latencies.length - 1].toFixed(2), samples: latencies.length },
      startMs: { fresh: Math.round(startFresh), restart: Math.round(startRestart), process: rss.startupMs },
      idleRssMb: rss.mb,
      options: opts
    }
    process.stdout.write([
      `chits: ${opts.count} chits, ${opts.tallies} tallies, ${opts.concurrency} payments in flight (half from each side)`,
      `  throughput      ${results.chitsPerSecond} chits/s on both halves  (target >= 2000)`,
      `  round trip ms   p50 ${results.roundTripMs.p50}  p90 ${results.roundTripMs.p90}  p99 ${results.roundTripMs.p99}  max ${results.roundTripMs.max}  (target p99 <= 20)`,
      `  node start ms   fresh ${results.startMs.fresh}  restart ${results.startMs.restart}  own process ${results.startMs.process}  (target < 1000)`,
      `  idle RSS        ${results.idleRssMb} MB  (target < 150)`,
      JSON.stringify(results)
    ].join('\n') + '\n')
  } finally {
    await a.stop().catch(() => {})
    await b.stop().catch(() => {})
    await cleanupDirs()
  }
}

/** Idle RSS of a node in its own process, as `sortlift start` runs it. */
async function idleRss (): Promise<{ mb: number, startupMs: number }> {
  const dir = await tempDir()
  const proc = spawn(process.execPath, [join(process.cwd(), 'dist/src/cli/main.js'), 'start', '--data', dir, '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const line = await new Promise<string>((resolve, reject) => {
      proc.once('exit', (c) => reject(new Error(`node exited ${c}`)))
      createInterface({ input: proc.stdout! }).once('line', resolve)
    })
    const startupMs = JSON.parse(line).startupMs as number
    // let it settle: timers, DHT self-queries
    const until = Date.now() + 5000
    await waitFor(() => Date.now() >= until, 'idle period', 6000)
    const status = await readFile(`/proc/${proc.pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return { mb: Math.round(kb / 1024), startupMs }
  } finally {
    proc.kill('SIGTERM')
    await new Promise(resolve => proc.once('exit', resolve))
  }
}
