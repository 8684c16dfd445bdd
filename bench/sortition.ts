// Sortition tree at scale: build a tree of --leaves contracts issued in order
// (random widths, about 99% of the space sold; the rest stays the operator's),
// then time batches of --batch mixed changes to a new root (60% transfers, 20%
// point splits, 10% oracle-predicate splits, 10% new issues), proof sizes and
// depths over random points, the proof verification rate (decode + verify of
// encoded proofs, one core), peak RSS, and persistence: the first save of the
// whole tree to LevelDB, the save of one batch, and close + reopen + load.
// Batches and the one-core verification also report main-thread CPU time,
// and the run prints the load average: on a shared machine wall time counts
// the time other processes held the core, CPU time does not.
//
//   npm run bench -- sortition [--leaves N] [--batch N] [--batches N] [--proofs N] [--persist 0|1]
//   (or directly: node dist/bench/sortition.js [flags])
import { readFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { SortitionTree } from '../src/sortition/tree.js'
import type { TreeOp } from '../src/sortition/tree.js'
import { SPACE } from '../src/sortition/space.js'
import { encodeProof, verifyProofBytes } from '../src/sortition/proof.js'
import type { Leaf } from '../src/sortition/hashing.js'
import type { Predicate } from '../src/sortition/predicate.js'
import { SortitionRepository } from '../src/store/sortition-repo.js'
import { openDb } from '../src/store/db.js'
import { TempDirs, quantiles, median, table, out, machine, rssMiB, parseFlags } from './lib.js'
import type { Benchmark, FlagValues } from './lib.js'

const flags = {
  leaves: { default: 1_000_000, min: 1000, max: 5_000_000, help: 'contracts issued before measuring' },
  batch: { default: 10_000, min: 10, max: 1_000_000, help: 'changes per measured batch' },
  batches: { default: 5, min: 1, max: 100, help: 'measured batches' },
  proofs: { default: 20_000, min: 100, max: 1_000_000, help: 'proofs generated for the size and verification figures' },
  seconds: { default: 3, min: 1, max: 60, help: 'seconds spent verifying proofs' },
  persist: { default: 1, min: 0, max: 1, help: '1: also write the tree to LevelDB and reopen it' }
}
type Options = FlagValues<typeof flags>

const TARGET = { batchMs: 250, proofBytes: 1536, verifyPerSecond: 50_000, peakRssMiB: 1536 }

/** deterministic: mulberry32 for small numbers, SHA-256 of a counter for points */
class Rng {
  private s = 0x9e3779b9
  private c = 0
  u32 (): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0
    let z = this.s
    z = Math.imul(z ^ (z >>> 15), z | 1)
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61)
    return (z ^ (z >>> 14)) >>> 0
  }

  /** uniform point in [0, 2^256) */
  point (): bigint {
    return BigInt('0x' + createHash('sha256').update(`sortition-bench-${this.c++}`).digest('hex'))
  }

  below (n: bigint): bigint { return this.point() % n }
}

const key = (i: number): Uint8Array => {
  const b = new Uint8Array(32)
  new DataView(b.buffer).setUint32(0, i)
  b[31] = 1
  return b
}
const userLeaf = (i: number): Leaf => ({ owner: { kind: 'user', publicKey: key(i) }, custody: key(i ^ 0x5a5a5a) })
const yes = (): boolean => true

/** CPU milliseconds of this thread (process.threadCpuUsage, Node >= 23.9), else of the process */
function cpuMs (): number {
  const u = typeof (process as any).threadCpuUsage === 'function' ? (process as any).threadCpuUsage() : process.cpuUsage()
  return (u.user + u.system) / 1000
}

const load = (): string => loadavg().map(x => x.toFixed(2)).join(' ')

async function peakRssMiB (): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8')
  return Math.round(Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN) / 1024 * 10) / 10
}

export const benchmark: Benchmark<typeof flags> = { flags, run }

async function run (opts: Options): Promise<Record<string, unknown>> {
  const host = await machine()
  out(`sortition: ${opts.leaves} contracts, batches of ${opts.batch}, ${opts.proofs} proofs`)
  out(`machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}`)
  const loadAtStart = load()
  out(`load average at start: ${loadAtStart}`)
  const rng = new Rng()

  // ---- build: issue in order, random widths, one apply per 10,000
  const n = opts.leaves
  const base = SPACE * 99n / 100n / BigInt(n)
  let tree = new SortitionTree(2 * n + 4 * opts.batch * opts.batches)
  const bounds: bigint[] = new Array(n + 1)
  let t = performance.now()
  let lo = 0n
  let ops: TreeOp[] = []
  for (let i = 0; i < n; i++) {
    const hi = lo + base / 2n + (base * BigInt(rng.u32())) / (1n << 32n)
    bounds[i] = lo
    ops.push({ op: 'issue', lo, hi, leaf: userLeaf(i) })
    lo = hi
    if (ops.length === 10_000) { tree.apply(ops); ops = [] }
  }
  tree.apply(ops)
  bounds[n] = lo
  const buildMs = performance.now() - t
  const depthAfterBuild = tree.maxDepth()
  out(`built ${tree.leafCount} leaves (${tree.size} nodes) in ${(buildMs / 1000).toFixed(2)} s; max depth ${depthAfterBuild}; RSS ${await rssMiB()} MiB`)

  // ---- batches of mixed changes
  const red = (i: number): Predicate => ({ kind: 'oracle', oracle: key(0xabcdef), question: `match ${i}`, outcome: 'home win' })
  let tail = lo
  const batchMs: number[] = []
  const batchCpuMs: number[] = []
  const batchNodes: number[] = []
  let seq = n
  for (let b = 0; b < opts.batches; b++) {
    const batch: TreeOp[] = []
    for (let i = 0; i < opts.batch; i++) {
      const r = i % 10
      const at = bounds[Math.floor((rng.u32() / 2 ** 32) * n)] + 1n + rng.below(base / 4n)
      if (r < 6) batch.push({ op: 'transfer', point: at, conditions: yes, leaf: userLeaf(seq++) })
      else if (r < 8) batch.push({ op: 'split-point', at, conditions: yes })
      else if (r < 9) batch.push({ op: 'split-predicate', point: at, conditions: () => false, predicate: red(seq++) })
      else {
        const hi = tail + base / 100n
        batch.push({ op: 'issue', lo: tail, hi, leaf: userLeaf(seq++) })
        tail = hi
      }
    }
    tree.takeChanges()
    const c = cpuMs()
    t = performance.now()
    tree.apply(batch)
    batchMs.push(performance.now() - t)
    batchCpuMs.push(cpuMs() - c)
    batchNodes.push(tree.takeChanges().nodes.length)
  }
  const batchQ = quantiles(batchMs)
  out(`batches of ${opts.batch}: median ${median(batchMs).toFixed(1)} ms, max ${batchQ.max} ms (each: ${batchMs.map(x => x.toFixed(0)).join(' ')}); CPU median ${median(batchCpuMs).toFixed(1)} ms (each: ${batchCpuMs.map(x => x.toFixed(0)).join(' ')}); ${Math.round(median(batchNodes))} nodes rehashed per batch; leaves now ${tree.leafCount}`)

  // ---- proofs: sizes and depths at random points
  const proofs: Uint8Array[] = []
  const sizes: number[] = []
  const depths: number[] = []
  t = performance.now()
  for (let i = 0; i < opts.proofs; i++) {
    const p = tree.prove(rng.point(), yes)
    const enc = encodeProof(p)
    proofs.push(enc)
    sizes.push(enc.length)
    depths.push(p.steps.length)
  }
  const proveUs = (performance.now() - t) * 1000 / opts.proofs
  const sizeQ = quantiles(sizes)
  const depthQ = quantiles(depths)
  const overTarget = sizes.filter(x => x > TARGET.proofBytes).length
  out(`proofs: ${sizeQ.p50} B median, ${sizeQ.p99} B p99, ${sizeQ.max} B max (${overTarget} of ${sizes.length} over ${TARGET.proofBytes} B); depth ${depthQ.p50} median, ${depthQ.max} max; ${proveUs.toFixed(1)} µs to build and encode one`)

  // ---- verification rate (decode + verify), one core
  const root = tree.root()
  let verified = 0
  const verifyCpu = cpuMs()
  t = performance.now()
  const until = t + opts.seconds * 1000
  while (performance.now() < until) {
    for (let i = 0; i < 1000; i++) {
      if (!verifyProofBytes(proofs[(verified + i) % proofs.length], root).ok) throw new Error('a proof failed to verify')
    }
    verified += 1000
  }
  const verifyPerSecond = Math.round(verified / ((performance.now() - t) / 1000))
  const verifyPerCpuSecond = Math.round(verified / ((cpuMs() - verifyCpu) / 1000))
  const parallel = await verifyInWorkers(proofs, root, opts.seconds, 2)
  out(`verification: ${verifyPerSecond} proofs/s on one core (${verifyPerCpuSecond} per CPU second); ${parallel} proofs/s in 2 worker threads`)
  const peakInMemory = await peakRssMiB()

  // ---- persistence
  let persist: Record<string, number> | undefined
  let finalCounts = { leaves: tree.leafCount, nodes: tree.size }
  if (opts.persist === 1) {
    const dirs = new TempDirs()
    try {
      const dir = await dirs.make('sortlift-bench-sortition-')
      const chain = key(42)
      let db = await openDb(dir)
      // everything since the tree was created: the whole tree
      tree.requeueChanges(Array.from({ length: tree.size }, (_, i) => i))
      t = performance.now()
      await new SortitionRepository(db).save(chain, tree)
      const firstSaveMs = performance.now() - t
      const batch: TreeOp[] = []
      for (let i = 0; i < opts.batch; i++) {
        const at = bounds[Math.floor((rng.u32() / 2 ** 32) * n)] + 1n + rng.below(base / 4n)
        batch.push(i % 5 === 0 ? { op: 'split-point', at, conditions: yes } : { op: 'transfer', point: at, conditions: yes, leaf: userLeaf(seq++) })
      }
      t = performance.now()
      tree.apply(batch)
      const applyMs = performance.now() - t
      t = performance.now()
      await new SortitionRepository(db).save(chain, tree)
      const batchSaveMs = performance.now() - t
      await db.close()
      // an operator restarting holds one tree: let go of this one before reopening
      const expected = tree.root()
      finalCounts = { leaves: tree.leafCount, nodes: tree.size }
      tree = undefined as unknown as SortitionTree
      bounds.length = 0
      proofs.length = 0
      t = performance.now()
      db = await openDb(dir)
      const back = await new SortitionRepository(db).load(chain)
      const reopenMs = performance.now() - t
      if (back == null || Buffer.compare(back.root(), expected) !== 0) throw new Error('reopened tree has a different root')
      tree = back
      await db.close()
      persist = { firstSaveMs: Math.round(firstSaveMs), batchApplyMs: Math.round(applyMs), batchSaveMs: Math.round(batchSaveMs), reopenMs: Math.round(reopenMs) }
      out(`persistence: first save ${(firstSaveMs / 1000).toFixed(2)} s; a ${opts.batch}-change batch applied in ${applyMs.toFixed(0)} ms and saved in ${batchSaveMs.toFixed(0)} ms; close + reopen + load ${(reopenMs / 1000).toFixed(2)} s`)
    } finally {
      await dirs.cleanup()
    }
  }
  const peak = await peakRssMiB()
  const loadAtEnd = load()
  out(`load average at end: ${loadAtEnd}`)

  out('')
  out(table([
    ['measure', 'value', 'target'],
    ['build (issue in order)', `${(buildMs / 1000).toFixed(2)} s`, ''],
    [`batch of ${opts.batch} to a new root (median)`, `${median(batchMs).toFixed(1)} ms (CPU ${median(batchCpuMs).toFixed(1)} ms)`, `<= ${TARGET.batchMs} ms`],
    ['proof size (median / p99 / max)', `${sizeQ.p50} / ${sizeQ.p99} / ${sizeQ.max} B (${overTarget} over)`, `<= ${TARGET.proofBytes} B`],
    ['proof depth (median / max)', `${depthQ.p50} / ${depthQ.max}`, ''],
    ['verification (one core / 2 workers)', `${verifyPerSecond}/s / ${parallel}/s (${verifyPerCpuSecond} per CPU s)`, `>= ${TARGET.verifyPerSecond}/s`],
    ['peak RSS, in memory / with persistence', `${peakInMemory} / ${peak} MiB`, `<= ${TARGET.peakRssMiB} MiB`],
    ...(persist == null ? [] : [
      ['first save to LevelDB', `${(persist.firstSaveMs / 1000).toFixed(2)} s`, ''],
      [`save of one ${opts.batch}-change batch`, `${persist.batchSaveMs} ms`, ''],
      ['close + reopen + load', `${(persist.reopenMs / 1000).toFixed(2)} s`, '']
    ])
  ]))
  return {
    machine: host,
    loadAverage: { start: loadAtStart, end: loadAtEnd },
    leaves: finalCounts.leaves,
    nodes: finalCounts.nodes,
    buildMs: Math.round(buildMs),
    maxDepthAfterBuild: depthAfterBuild,
    batch: { size: opts.batch, ms: batchQ, cpuMs: quantiles(batchCpuMs), nodesRehashed: Math.round(median(batchNodes)) },
    proofBytes: { ...sizeQ, overTarget },
    proofDepth: depthQ,
    verifyPerSecond,
    verifyPerCpuSecond,
    verifyPerSecondTwoWorkers: parallel,
    peakRssMiB: { inMemory: peakInMemory, withPersistence: peak },
    persist
  }
}

/** Decode + verify in `workers` threads for `seconds`; the sum of their rates. */
async function verifyInWorkers (proofs: Uint8Array[], root: Uint8Array, seconds: number, workers: number): Promise<number> {
  const rates = await Promise.all(Array.from({ length: workers }, async () => await new Promise<number>((resolve, reject) => {
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { sortitionVerify: true, proofs, root, seconds } })
    w.once('message', resolve)
    w.once('error', reject)
  })))
  return Math.round(rates.reduce((a, b) => a + b, 0))
}

if (!isMainThread && workerData?.sortitionVerify === true) {
  const { proofs, root, seconds } = workerData as { proofs: Uint8Array[], root: Uint8Array, seconds: number }
  let done = 0
  const t0 = performance.now()
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < 1000; i++) if (!verifyProofBytes(proofs[(done + i) % proofs.length], root).ok) throw new Error('a proof failed to verify')
    done += 1000
  }
  parentPort!.postMessage(done / ((performance.now() - t0) / 1000))
}

if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  run(parseFlags('sortition', flags, process.argv.slice(2))).then(
    (r) => { process.stdout.write(JSON.stringify({ bench: 'sortition', ...r }) + '\n'); process.exit(0) },
    (err) => { process.stderr.write(`bench failed: ${err?.stack ?? err}\n`); process.exit(1) }
  )
}
