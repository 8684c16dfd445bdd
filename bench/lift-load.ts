// `npm run bench -- lift-load`: many concurrent payment lifts over distinct
// routes of three nodes each, on 8 nodes on 127.0.0.1; committed lifts per
// second, then the conservation check on every route.
import { TempDirs, machine, out, quantiles, table } from './lib.js'
import type { Benchmark, FlagValues } from './lib.js'
import { startNodes, wireLine, checkLine, address } from './lift-net.js'
import type { Hop, BenchNode } from './lift-net.js'

const flags = {
  nodes: { default: 8, min: 3, max: 32, help: 'nodes; route r runs from node r through r+1 to r+2 (mod nodes), with its own users' },
  count: { default: 2000, min: 1, help: 'payments measured' },
  concurrency: { default: 32, min: 1, help: 'payments in flight, spread over the routes' },
  units: { default: 1000, min: 1, help: 'milli-units per payment' },
  processes: { default: 2, min: 0, max: 32, help: '0: all nodes in this process; 1: each node its own `sortlift start` process; k > 1: the nodes spread over k processes (one per core); all but 0 are driven through the control API' }
}
type Options = FlagValues<typeof flags>
export const benchmark: Benchmark<typeof flags> = { flags, run }

const TARGET_PER_SECOND = 100

async function run (opts: Options): Promise<Record<string, unknown>> {
  const dirs = new TempDirs()
  let nodes: BenchNode[] = []
  try {
    const host = await machine()
    out(`lift-load: ${opts.count} payment lifts, ${opts.concurrency} in flight, over ${opts.nodes} routes of 3 nodes (${opts.nodes} nodes, ${opts.processes === 0 ? 'all in this process' : opts.processes === 1 ? 'each its own process, driven through its API' : `spread over ${opts.processes} processes, driven through their APIs`}; TCP on 127.0.0.1)`)
    out(`machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}`)
    nodes = await startNodes(dirs, opts.nodes, opts.processes)
    const routes: Array<{ hops: Hop[], ids: string[], good: number }> = []
    for (let r = 0; r < opts.nodes; r++) {
      const hops: Hop[] = [0, 1, 2].map(k => ({ node: nodes[(r + k) % opts.nodes], user: `r${r}-${['payer', 'relay', 'payee'][k]}` }))
      routes.push({ hops, ids: await wireLine(hops), good: 0 })
    }
    const units = BigInt(opts.units)
    const ms: number[] = []
    let next = 0
    let failed = 0
    const t0 = performance.now()
    await Promise.all(Array.from({ length: opts.concurrency }, async () => {
      for (;;) {
        const i = next++
        if (i >= opts.count) return
        const route = routes[i % routes.length]
        const t = performance.now()
        const state = await route.hops[0].node.pay(route.hops[0].user, address(route.hops[2]), units)
        if (state === 'good') {
          route.good++
          ms.push(performance.now() - t)
        } else failed++
      }
    }))
    const seconds = (performance.now() - t0) / 1000
    for (const r of routes) await checkLine(r.hops, r.ids, units * BigInt(r.good))
    const good = routes.reduce((s, r) => s + r.good, 0)
    const rate = good / seconds
    const q = quantiles(ms)
    out('')
    out(table([
      ['measure', 'result', 'target', 'met'],
      ['committed lifts', `${rate.toFixed(1)} lifts/s (${good} good, ${failed} not, in ${seconds.toFixed(2)} s)`, `>= ${TARGET_PER_SECOND}`, rate >= TARGET_PER_SECOND ? 'yes' : 'NO'],
      ['payment, end to end', `p50 ${q.p50.toFixed(1)}  p90 ${q.p90.toFixed(1)}  p99 ${q.p99.toFixed(1)}  max ${q.max.toFixed(1)} ms`, '', ''],
      ['conservation', `every route: payer -good×units, payee +same, relay 0; ${routes.length * 2} tallies settled, nothing reserved`, '', 'yes']
    ]))
    return { bench: 'lift-load', machine: host, options: opts, liftsPerSecond: Math.round(rate), good, failed, seconds, latencyMs: q, targetsMet: { throughput: rate >= TARGET_PER_SECOND } }
  } finally {
    await Promise.all(nodes.map(async n => await n.stop().catch(() => {})))
    await dirs.cleanup()
  }
}
