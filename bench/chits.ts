// Chits signed, verified, chained and persisted on both halves of a tally
// between two nodes on TCP loopback. Counts only chits both halves hold, and
// checks the halves match at the end.
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { SortliftNode } from '../src/node/node.js'
import { startNode, tempDir, cleanupDirs, waitFor } from '../test/helpers/nodes.js'
import { ApiClient } from '../src/api/client.js'
import { DataDir } from '../src/node/datadir.js'

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
  // The partner runs as its own process, as a real peer would.
  const peer = await spawnNode()
  try {
    const b = new ApiClient(peer.api, await new DataDir(peer.dir).token())
    await a.dial(peer.addresses[0])
    await a.users.add('alice')
    await b.post('/users', { name: 'bob' })
    const alice = `alice@${a.peerId}`
    const bob = `bob@${peer.peerId}`
    // Alice holds the stock of half the tallies (her chits are posted to bob's
    // node, which places them) and the foil of the rest (she places her chits
    // and pushes them to bob's node): both placement paths of the protocol.
    const ids: string[] = []
    for (let i = 0; i < opts.tallies; i++) {
      const t = await a.tallies.propose({ user: 'alice', partner: bob, role: i % 2 === 0 ? 'stock' : 'foil' })
      await b.post(`/tallies/${t.id}/accept`, { user: 'bob' })
      await waitFor(async () => (await a.tallies.show(t.id)).state === 'open', 'tally to open')
      ids.push(t.id)
    }
    const latencies: number[] = []
    let issued = 0
    const worker = async (): Promise<void> => {
      while (issued < opts.count) {
        const n = issued++
        const start = performance.now()
        const r = await a.tallies.pay({ from: 'alice', to: bob, units: BigInt(1 + (n % 5)) })
        if (r.delivered) latencies.push(performance.now() - start)
      }
    }
    const t1 = performance.now()
    await Promise.all(Array.from({ length: opts.concurrency }, worker))
    await waitFor(async () => {
      const views = await Promise.all(ids.map(async id => await a.tallies.show(id)))
      return views.every(v => v.pending.count === 0 && v.undelivered === 0)
    }, 'every chit on both halves', 60_000)
    const elapsed = (performance.now() - t1) / 1000
    const requests = a.tallyNet.counters.sent
    let total = 0
    for (const id of ids) {
      const x = await a.tallies.show(id)
      const y = await b.get(`/tallies/${id}`)
      if (x.chain.head !== y.chain.head || BigInt(x.balance) !== -BigInt(y.balance)) throw new Error(`halves of ${id} differ`)
      total += x.chain.length
    }
    if (total !== opts.count) throw new Error(`expected ${opts.count} chits on both halves, found ${total}`)
    latencies.sort((p, q) => p - q)

    // restart time of an existing data directory
    const dirA = a.dataDir.path
    await a.stop()
    const t2 = performance.now()
    const again = await SortliftNode.start({ dataDir: dirA, listen: ['/ip4/127.0.0.1/tcp/0'] })
    const startRestart = performance.now() - t2
    await again.stop()

    await peer.stop()
    const rss = await idleRss()
    const results = {
      chits: total,
      seconds: +elapsed.toFixed(2),
      chitsPerSecond: Math.round(total / elapsed),
      roundTripMs: { p50: +quantile(latencies, 0.5).toFixed(2), p90: +quantile(latencies, 0.9).toFixed(2), p99: +quantile(latencies, 0.99).toFixed(2), max: +latencies[latencies.length - 1].toFixed(2), samples: latencies.length },
      startMs: { fresh: Math.round(startFresh), restart: Math.round(startRestart), process: rss.startupMs },
      idleRssMb: rss.mb,
      chitsPerRequest: +(total / Math.max(1, requests)).toFixed(2),
      requestMs: +(a.tallyNet.counters.sentMs / Math.max(1, requests)).toFixed(2),
      options: opts
    }
    process.stdout.write([
      `chits: ${opts.count} chits over ${opts.tallies} tallies, ${opts.concurrency} payments in flight; partner node in its own process`,
      `  throughput      ${results.chitsPerSecond} chits/s on both halves  (target >= 2000)`,
      `  round trip ms   p50 ${results.roundTripMs.p50}  p90 ${results.roundTripMs.p90}  p99 ${results.roundTripMs.p99}  max ${results.roundTripMs.max}  (target p99 <= 20)`,
      `  node start ms   fresh ${results.startMs.fresh}  restart ${results.startMs.restart}  own process ${results.startMs.process}  (target < 1000)`,
      `  idle RSS        ${results.idleRssMb} MB  (target < 150)`,
      JSON.stringify(results)
    ].join('\n') + '\n')
  } finally {
    await a.stop().catch(() => {})
    await peer.stop().catch(() => {})
    await cleanupDirs()
  }
}

interface SpawnedNode { dir: string, peerId: string, addresses: string[], api: string, startupMs: number, pid: number, stop: () => Promise<void> }

async function spawnNode (): Promise<SpawnedNode> {
  const dir = await tempDir()
  const proc = spawn(process.execPath, [join(process.cwd(), 'dist/src/cli/main.js'), 'start', '--data', dir, '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    proc.once('exit', (c) => reject(new Error(`node exited ${c}`)))
    createInterface({ input: proc.stdout! }).once('line', resolve)
  })
  const info = JSON.parse(line)
  let stopped: Promise<void> | undefined
  return {
    dir, peerId: info.peerId, addresses: info.addresses, api: info.api, startupMs: info.startupMs, pid: proc.pid!,
    stop: async () => {
      stopped ??= new Promise<void>(resolve => {
        if (proc.exitCode != null) { resolve(); return }
        proc.once('exit', () => resolve())
        proc.kill('SIGTERM')
      })
      await stopped
    }
  }
}

/** Idle RSS of a node in its own process, as `sortlift start` runs it. */
async function idleRss (): Promise<{ mb: number, startupMs: number }> {
  const node = await spawnNode()
  const proc = { pid: node.pid }
  try {
    const startupMs = node.startupMs
    // let it settle: timers, DHT self-queries
    const until = Date.now() + 5000
    await waitFor(() => Date.now() >= until, 'idle period', 6000)
    const status = await readFile(`/proc/${proc.pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return { mb: Math.round(kb / 1024), startupMs }
  } finally {
    await node.stop()
  }
}
