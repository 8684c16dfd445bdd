// Commitments climbing a hierarchy of chains on a devnet of --nodes
// `sortlift start` processes on 127.0.0.1 (each its own process, driven
// through its control API, all connected): node 0 operates a top chain,
// nodes 1..3 a child chain each (a leaf of the top chain bought with a real
// chit and handed to the child), nodes 4..9 two grandchildren per child; the
// rest only listen. Each round commits one grandchild and times how long
// until the top chain commits to it: the child embeds the grandchild's
// commitment and commits, then the top chain embeds the child's.
//
// Two figures per round: observed (from the commit request to the moment the
// top operator's commitment list shows it, polled every 5 ms) and stamped
// (the top commitment's time minus the grandchild commitment's time, both
// operators' clocks being this machine's). Target: within 1 s. At the end an
// ancestry proof of the last round is built and verified offline.
//
//   npm run bench -- roots [--nodes 12] [--rounds 30] [--embed-delay-ms 50]
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TempDirs, spawnNode, waitFor, quantiles, table, out, machine, rssMiB, parseFlags } from './lib.js'
import type { Benchmark, FlagValues, NodeProcess } from './lib.js'
import { verifyAncestry } from '../src/sortition/roots.js'

const flags = {
  nodes: { default: 12, min: 10, max: 20, help: 'node processes (10 operate chains, the rest listen)' },
  rounds: { default: 30, min: 1, max: 1000, help: 'grandchild commitments timed' },
  'embed-delay-ms': { default: 50, min: 0, max: 10_000, help: 'sortition.embedDelayMs of every node' }
}
type Options = FlagValues<typeof flags>

export const benchmark: Benchmark<typeof flags> = { flags, run }

const TARGET_MS = 1000
const HOUR = 3_600_000

interface Chain { id: string, node: NodeProcess, user: string, parent?: Chain }

async function run (opts: Options): Promise<Record<string, unknown>> {
  const dirs = new TempDirs()
  const nodes: NodeProcess[] = []
  try {
    const host = await machine()
    out(`roots: a 3-level hierarchy (1 top chain, 3 children, 6 grandchildren) on ${opts.nodes} node processes on 127.0.0.1; ${opts.rounds} grandchild commitments; embed delay ${opts['embed-delay-ms']} ms`)
    out(`machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}`)
    const t0 = performance.now()
    for (let i = 0; i < opts.nodes; i++) {
      const dir = await dirs.make()
      // commitments on demand and on embedding only, so every timed height is the bench's
      await writeFile(join(dir, 'config.json'), JSON.stringify({ sortition: { commitIntervalMs: 0, embedDelayMs: opts['embed-delay-ms'] } }))
      nodes.push(await spawnNode(dir))
    }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const b = nodes[j]
        await nodes[i].api.post('/peers/dial', { address: `${b.addresses.find(a => a.includes('127.0.0.1'))!.split('/p2p/')[0]}/p2p/${b.peerId}` })
      }
    }
    out(`devnet up in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

    const end = Date.now() + HOUR
    for (const [i, n] of nodes.entries()) await n.api.post('/users', { name: `op${i}` })
    const top: Chain = { id: (await nodes[0].api.post('/chains', { user: 'op0', value: '1000000', tradingEnd: end, beaconRound: 1 })).id, node: nodes[0], user: 'op0' }
    const child = async (parent: Chain, i: number): Promise<Chain> => {
      const n = nodes[i]
      const user = `op${i}`
      // the parent's operator is stock; the child's operator pays it by a chit
      const tally = await parent.node.api.post('/tallies', { user: parent.user, partner: `${user}@${n.peerId}`, role: 'stock' })
      await n.api.post(`/tallies/${tally.id}/accept`, { user })
      await waitFor(async () => (await parent.node.api.get(`/tallies/${tally.id}?user=${parent.user}`)).state === 'open', 'tally open')
      const bought = await n.api.post('/contracts/buy', { chain: parent.id, user, width: '250000', peer: parent.node.peerId })
      const made = await n.api.post('/chains', { user, value: '1000000', tradingEnd: end, beaconRound: 1, parent: parent.id, parentLo: bought.lo, peer: parent.node.peerId })
      return { id: made.id, node: n, user, parent }
    }
    const children: Chain[] = []
    for (let k = 0; k < 3; k++) children.push(await child(top, 1 + k))
    const grandchildren: Chain[] = []
    for (let k = 0; k < 6; k++) grandchildren.push(await child(children[Math.floor(k / 2)], 4 + k))
    out('hierarchy built: 1 top chain, 3 children, 6 grandchildren')

    const commitments = async (c: Chain): Promise<any[]> => await c.node.api.get(`/chains/${c.id}/commitments`)
    const embedding = (list: any[], childId: string, hash: string): any => list.find(x => x.children.some((k: any) => k.chainId === childId && k.commitment === hash))
    const observed: number[] = []
    const stamped: number[] = []
    let last: { chain: Chain, hash: string } | undefined
    for (let r = 0; r < opts.rounds; r++) {
      const g = grandchildren[r % grandchildren.length]
      const p = g.parent!
      const start = performance.now()
      const made = await g.node.api.post(`/chains/${g.id}/commit`, { force: true })
      let atTop: any
      await waitFor(async () => {
        const mid = embedding(await commitments(p), g.id, made.hash)
        if (mid == null) return false
        atTop = embedding(await commitments(top), p.id, mid.hash)
        return atTop != null
      }, `round ${r}: the top chain to commit to the grandchild commitment`, 10_000, 5)
      observed.push(performance.now() - start)
      stamped.push(atTop.time - made.time)
      last = { chain: g, hash: made.hash }
    }
    const proof = await last!.chain.node.api.get(`/chains/${last!.chain.id}/ancestry?commitment=${last!.hash}`)
    const check = await verifyAncestry(proof)
    if (!check.ok) throw new Error(`the ancestry proof does not verify: ${check.reason}`)
    const rss = await Promise.all(nodes.map(async n => await rssMiB(n.pid)))
    const qo = quantiles(observed)
    const qs = quantiles(stamped)
    out('')
    out(table([
      ['grandchild → top', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
      ['observed', qo.n, qo.p50.toFixed(0), qo.p90.toFixed(0), qo.p99.toFixed(0), qo.max.toFixed(0)],
      ['stamped', qs.n, qs.p50.toFixed(0), qs.p90.toFixed(0), qs.p99.toFixed(0), qs.max.toFixed(0)]
    ]))
    out(`ancestry proof of the last round: ${check.ancestors!.length + 1} layers, verifies offline`)
    out(`RSS per node: ${Math.min(...rss)}–${Math.max(...rss)} MiB`)
    const met = qo.max <= TARGET_MS
    out(`target: every grandchild commitment in the top root within ${TARGET_MS} ms: ${met ? 'met' : 'NOT met'} (worst ${qo.max.toFixed(0)} ms)`)
    return { nodes: opts.nodes, rounds: opts.rounds, embedDelayMs: opts['embed-delay-ms'], observed: qo, stamped: qs, targetMs: TARGET_MS, met, rssMiB: { min: Math.min(...rss), max: Math.max(...rss) } }
  } finally {
    await Promise.all(nodes.map(async n => await n.stop()))
    await dirs.cleanup()
  }
}

// `node dist/bench/roots.js [flags]` runs it directly
if (import.meta.url === `file://${process.argv[1]}`) {
  run(parseFlags('roots', flags, process.argv.slice(2))).then(r => { console.log(JSON.stringify(r)) }, err => { console.error(err); process.exitCode = 1 })
}
