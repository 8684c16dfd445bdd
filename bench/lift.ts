// `npm run bench -- lift`: payment lifts end to end (discovery and commit)
// along a line of nodes on 127.0.0.1, one at a time; latency per payment,
// then the conservation check.
import { TempDirs, machine, out, quantiles, table } from './lib.js'
import type { Benchmark, FlagValues } from './lib.js'
import { startNodes, wireLine, checkLine, address } from './lift-net.js'
import type { Hop, BenchNode } from './lift-net.js'

const flags = {
  nodes: { default: 6, min: 2, max: 11, help: 'nodes in the line (one payer at one end, the payee at the other)' },
  count: { default: 300, min: 1, help: 'payments measured' },
  warmup: { default: 20, min: 0, help: 'payments made first and left out of the figures' },
  units: { default: 1000, min: 1, help: 'milli-units per payment' },
  processes: { default: 0, min: 0, max: 32, help: '0: all nodes in this process; 1: each node its own `sortlift start` process; k > 1: the nodes spread over k processes; all but 0 are driven through the control API' }
}
type Options = FlagValues<typeof flags>
export const benchmark: Benchmark<typeof flags> = { flags, run }

const TARGET = { p50Ms: 100, p99Ms: 300 }

async function run (opts: Options): Promise<Record<string, unknown>> {
  const dirs = new TempDirs()
  let nodes: BenchNode[] = []
  try {
    const host = await machine()
    out(`lift: ${opts.count} payment lifts, one at a time, along a line of ${opts.nodes} nodes (${opts.processes === 0 ? 'in this process' : opts.processes === 1 ? 'each its own process, driven through its API' : `spread over ${opts.processes} processes, driven through their APIs`}; TCP on 127.0.0.1)`)
    out(`machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}`)
    nodes = await startNodes(dirs, opts.nodes, opts.processes)
    const hops: Hop[] = nodes.map((node, i) => ({ node, user: `u${i}` }))
    const ids = await wireLine(hops)
    const payee = address(hops[hops.length - 1])
    const units = BigInt(opts.units)
    const pay = async (): Promise<number> => {
      const t = performance.now()
      const state = await nodes[0].pay('u0', payee, units)
      if (state !== 'good') throw new Error(`a payment did not go through: ${state}`)
      return performance.now() - t
    }
    for (let i = 0; i < opts.warmup; i++) await pay()
    const ms: number[] = []
    const t0 = performance.now()
    for (let i = 0; i < opts.count; i++) ms.push(await pay())
    const seconds = (performance.now() - t0) / 1000
    await checkLine(hops, ids, units * BigInt(opts.count + opts.warmup))
    const q = quantiles(ms)
    const met = { p50: q.p50 <= TARGET.p50Ms, p99: q.p99 <= TARGET.p99Ms }
    out('')
    out(table([
      ['measure', 'result', 'target', 'met'],
      ['payment lift, end to end', `p50 ${q.p50.toFixed(1)}  p90 ${q.p90.toFixed(1)}  p99 ${q.p99.toFixed(1)}  max ${q.max.toFixed(1)} ms (n=${q.n})`, `p50 <= ${TARGET.p50Ms}, p99 <= ${TARGET.p99Ms}`, met.p50 && met.p99 ? 'yes' : 'NO'],
      ['throughput, one at a time', `${(opts.count / seconds).toFixed(1)} lifts/s`, '', ''],
      ['conservation', `payer -${units * BigInt(opts.count + opts.warmup)}, payee +same, ${opts.nodes - 2} relays net 0, ${ids.length} tallies settled`, '', 'yes']
    ]))
    return { bench: 'lift', machine: host, options: opts, latencyMs: q, liftsPerSecond: Math.round(opts.count / seconds), targetsMet: met }
  } finally {
    await Promise.all(nodes.map(async n => await n.stop().catch(() => {})))
    await dirs.cleanup()
  }
}
