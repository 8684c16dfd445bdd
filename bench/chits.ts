// Chits signed, verified, chained and persisted on both halves of tallies
// between two nodes on TCP loopback: node A in this process, node B as its own
// `sortlift start` process (a real peer, with its own CPU). Tally 0 joins alice
// (stock, on A) and bob (foil, on B); more tallies join alice-i and bob-i, with
// alice-i the stock for even i and the foil for odd i, so both ways a chit is
// placed are measured: the stock's chits are posted to the foil, which places
// them and answers with the entries; the foil places its own and pushes them.
//
// A chit counts only once both halves hold it: after the run the benchmark
// waits for every half to have nothing queued, then checks per tally that both
// chains have the same length, the same head and the same chit ids in the same
// order, that the balances are exact negatives and equal to what was paid, and
// that every chit paid is on the chains exactly once.
//
// Two measured phases: capacity (a closed loop, --concurrency payments always
// in flight: how many chits/s the pair carries) and latency (an open loop at
// --rate payments/s, the target's 2,000 by default: the round trip of a
// payment counted from when it was due, so queueing behind a stall counts).
import { writeFile, mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Session } from 'node:inspector/promises'
import type { SortliftNode } from '../src/node/node.js'
import { writeQueueOf } from '../src/store/db.js'
import { outboxCounters } from '../src/net/reqresp.js'
import type { TallyView, ChitView, PayResult } from '../src/tally/service.js'
import {
  TempDirs, UsageError, startInProcess, spawnNode, waitFor, sleep, quantiles, median, table, out, machine, rssMiB, cpuMs, machineTicks, machineShares, machineSpeed, loopbackRoundTrip
} from './lib.js'
import type { Benchmark, FlagValues, NodeProcess, Quantiles } from './lib.js'

const flags = {
  count: { default: 20_000, min: 1, max: 1_000_000, help: 'chits in the measured phase (it ends at --count or --seconds, whichever comes first)' },
  seconds: { default: 60, min: 1, max: 600, help: 'stop issuing chits after this many seconds' },
  tallies: { default: 4, min: 1, max: 64, help: 'tallies, one per user pair (alice-i on A, bob-i on B)' },
  roles: { default: 'mixed', help: 'alice-i\'s side: mixed (stock for even i, foil for odd i), stock or foil' },
  concurrency: { default: 32, min: 1, max: 1024, help: 'capacity phase: payments in flight on node A (alice-i pays bob-i through TallyService.pay); latency phase: the most in flight' },
  rate: { default: 2000, min: 0, max: 100_000, help: 'latency phase (open loop): payments on A start at this many per second, evenly spaced, whatever the answers; a round trip counts from the scheduled start (0: no latency phase)' },
  reverse: { default: 0, min: 0, max: 256, help: 'payments in flight on node B (bob-i pays alice-i through its control API)' },
  warmup: { default: 500, min: 0, max: 100_000, help: 'chits paid before measuring (they are on the chains and checked, not timed)' },
  starts: { default: 3, min: 1, max: 20, help: 'repetitions of each node start measurement' },
  idle: { default: 5, min: 1, max: 60, help: 'seconds a fresh node process idles before its VmRSS is read' },
  profile: { default: '', help: 'directory for CPU profiles of the measured phase (node A) and of node B\'s process' }
}

type Options = FlagValues<typeof flags>

const TARGET = { chitsPerSecond: 2000, p99Ms: 20, startMs: 1000, idleRssMiB: 150 }
const SETTLE_TIMEOUT_MS = 120_000
// Share of the machine's CPU taken by the hypervisor (steal) from which a run
// is flagged: at 13-24% this VM's p99 went from ~20 ms to 46-785 ms.
const STEAL_NOTE_PERCENT = 5

interface Pair { alice: string, bob: string, aliceAddr: string, bobAddr: string, id: string, aliceSide: 'stock' | 'foil', alicePaid: bigint, bobPaid: bigint }

interface Phase {
  issued: number
  seconds: number
  forward: number[]
  /** forward round trips by alice's side of the tally */
  forwardBySide: { stock: number[], foil: number[] }
  reverse: number[]
  undeliveredAtReturn: number
  cpuA: number
  cpuB: number
  requests: number
  requestMs: number
  /** A's changes written and the LevelDB batches that carried them */
  dbChanges: number
  dbBatches: number
  /** A's stream writes of requests and answers (all protocols) and the frames they carried */
  streamWrites: number
  streamFrames: number
  /** the whole machine during the phase: idle and hypervisor-stolen shares, in percent */
  machine: { idle: number, steal: number }
}

export const benchmark: Benchmark<typeof flags> = { flags, run }

async function run (opts: Options): Promise<Record<string, unknown>> {
  const dirs = new TempDirs()
  let a: SortliftNode | undefined
  let b: NodeProcess | undefined
  let idleNode: NodeProcess | undefined
  if (!['mixed', 'stock', 'foil'].includes(opts.roles)) throw new UsageError(`chits: --roles is mixed, stock or foil, not ${JSON.stringify(opts.roles)}`)
  const profileDir = opts.profile === '' ? undefined : resolve(opts.profile)
  if (profileDir != null) await mkdir(profileDir, { recursive: true })
  try {
    const host = await machine()
    out(`chits: up to ${opts.count} chits or ${opts.seconds} s over ${opts.tallies} tallies, twice: capacity with ${opts.concurrency} payments in flight on A (${opts.reverse} on B)` +
      `${opts.rate > 0 ? `, then latency at ${opts.rate} payments/s offered on A (open loop, at most ${opts.concurrency} in flight)` : ''}`)
    out(`machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}`)

    // ---- the two nodes; A's first start is also the cold start figure
    const dirA = await dirs.make()
    let t = performance.now()
    a = await startInProcess(dirA)
    const firstStartMs = performance.now() - t
    const dirB = await dirs.make()
    b = await spawnNode(dirB, profileDir == null ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', 'node-b.cpuprofile'])
    await a.dial(b.addresses[0])

    const pairs = await openTallies(a, b, opts.tallies, opts.roles)
    out(`tallies open: ${pairs.map(p => `${p.alice}(${p.aliceSide})~${p.bob}`).join(', ')}`)

    const floor = await requestFloor(a, b.peerId, pairs[0].id, 300)
    const speedBefore = await machineSpeed()
    const wakeBefore = await loopbackRoundTrip()

    const chitIds = new Set<string>()
    if (opts.warmup > 0) await pay(a, b, pairs, chitIds, opts.warmup, 60, opts.concurrency, opts.reverse)
    await settle(a, b, pairs)

    // ---- measured phase: issue, then wait until both halves hold everything
    const session = profileDir == null ? undefined : await startProfile()
    const phase = await pay(a, b, pairs, chitIds, opts.count, opts.seconds, opts.concurrency, opts.reverse)
    if (session != null) await stopProfile(session, join(profileDir!, 'node-a-measured.cpuprofile'))
    // The latency phase: payments offered at the target rate, whatever the
    // answers, so a stall is charged to every payment it holds back.
    const openSession = profileDir == null || opts.rate <= 0 ? undefined : await startProfile()
    const open = opts.rate > 0 ? await pay(a, b, pairs, chitIds, opts.count, opts.seconds, opts.concurrency, 0, opts.rate) : undefined
    if (openSession != null) await stopProfile(openSession, join(profileDir!, 'node-a-latency.cpuprofile'))
    const speedAfter = await machineSpeed()
    const wakeAfter = await loopbackRoundTrip()
    const counted = await verify(a, b, pairs, chitIds)
    const paid = opts.warmup + phase.issued + (open?.issued ?? 0)
    if (counted !== paid) throw new Error(`paid ${paid} chits, the chains hold ${counted}`)
    const chitsPerSecond = phase.issued / phase.seconds
    const rssLoadedA = await rssMiB()
    const rssLoadedB = await rssMiB(b.pid)

    // ---- node start: restarts of A's data dir (now holding the chains), fresh dirs
    await a.stop()
    a = undefined
    const restartMs: number[] = []
    const freshMs: number[] = []
    for (let i = 0; i < opts.starts; i++) {
      t = performance.now()
      const n = await startInProcess(dirA)
      restartMs.push(performance.now() - t)
      await n.stop()
      const d = await dirs.make()
      t = performance.now()
      const f = await startInProcess(d)
      freshMs.push(performance.now() - t)
      await f.stop()
    }
    await b.stop()
    b = undefined

    // ---- a node in its own process: start to its JSON line, restart, idle RSS
    const processFresh: number[] = []
    const processRestart: number[] = []
    const processOwn: number[] = []
    let idleRss = NaN
    for (let i = 0; i < opts.starts; i++) {
      const dir = await dirs.make()
      idleNode = await spawnNode(dir)
      processFresh.push(idleNode.readyMs)
      processOwn.push(idleNode.startupMs)
      if (i === opts.starts - 1) {
        await sleep(opts.idle * 1000)
        idleRss = await rssMiB(idleNode.pid)
      }
      await idleNode.stop()
      idleNode = await spawnNode(dir)
      processRestart.push(idleNode.readyMs)
      await idleNode.stop()
      idleNode = undefined
    }

    // ---- report
    const closed = quantiles(phase.forward)
    const fwd = open != null ? quantiles(open.forward) : closed
    const source = open ?? phase
    const fwdStock = quantiles(source.forwardBySide.stock)
    const fwdFoil = quantiles(source.forwardBySide.foil)
    const both = fwdStock.n > 0 && fwdFoil.n > 0
    const rev = quantiles(phase.reverse)
    const startWorst = Math.max(firstStartMs, ...restartMs, ...freshMs)
    const met = {
      throughput: chitsPerSecond >= TARGET.chitsPerSecond,
      p99: fwd.p99 <= TARGET.p99Ms,
      start: startWorst < TARGET.startMs,
      idleRss: idleRss < TARGET.idleRssMiB
    }
    const yes = (x: boolean): string => x ? 'yes' : 'NO'
    const lat = (q: Quantiles): string => q.n === 0 ? '-' : `p50 ${q.p50}  p90 ${q.p90}  p99 ${q.p99}  max ${q.max} ms (n=${q.n})`
    const ms = (x: number): string => `${Math.round(x)}`
    out('')
    out(table([
      ['measure', 'result', 'target', 'met'],
      ['capacity: throughput, both halves', `${Math.round(chitsPerSecond)} chits/s (${phase.issued} in ${phase.seconds.toFixed(2)} s, ${opts.concurrency} in flight)`, `>= ${TARGET.chitsPerSecond}`, yes(met.throughput)],
      ...(open != null
        ? [['capacity: round trip, pay() on A', lat(closed), '', ''],
            [`latency: ${opts.rate}/s offered, pay() on A`, `${lat(fwd)}; ${Math.round(open.issued / open.seconds)} chits/s carried`, `p99 <= ${TARGET.p99Ms} ms`, yes(met.p99)]]
        : [['round trip, pay() on A', lat(fwd), `p99 <= ${TARGET.p99Ms} ms`, yes(met.p99)]]),
      ...(both ? [['  alice stock: posted to B', lat(fwdStock), '', ''], ['  alice foil: placed, pushed', lat(fwdFoil), '', '']] : []),
      ...(rev.n > 0 ? [['round trip, POST /pay on B', lat(rev), '(HTTP included)', '']] : []),
      ['node start in process, fresh', `first ${ms(firstStartMs)} ms, then median ${ms(median(freshMs))} ms (max ${ms(Math.max(...freshMs))})`, `< ${TARGET.startMs} ms`, yes(met.start)],
      ['node start in process, restart', `median ${ms(median(restartMs))} ms (max ${ms(Math.max(...restartMs))}), ${counted} chits in the db`, `< ${TARGET.startMs} ms`, yes(met.start)],
      ['sortlift start process, to ready', `fresh ${ms(median(processFresh))} ms (${ms(median(processOwn))} ms of it in the start command, imports included), restart ${ms(median(processRestart))} ms`, '', ''],
      ['idle RSS, sortlift start process', `${idleRss} MiB after ${opts.idle} s idle`, `< ${TARGET.idleRssMiB} MiB`, yes(met.idleRss)]
    ]))
    const details = (name: string, x: Phase): string => `${name}: ${(x.issued / Math.max(1, x.requests)).toFixed(1)} chits per tally request, ${(x.requestMs / Math.max(1, x.requests)).toFixed(2)} ms per request sent by A; ` +
      `${(x.dbChanges / Math.max(1, x.dbBatches)).toFixed(1)} changes per LevelDB batch on A; ${(x.streamFrames / Math.max(1, x.streamWrites)).toFixed(2)} requests and answers per stream write on A; ` +
      `CPU A ${pct(x.cpuA, x.seconds)}, B ${pct(x.cpuB, x.seconds)} of one core; machine idle ${x.machine.idle}%, stolen by the hypervisor ${x.machine.steal}%; ${x.undeliveredAtReturn} payments returned before delivery`
    out(details('capacity', phase))
    if (open != null) out(details('latency', open))
    out(`RSS under load A ${rssLoadedA} MiB (with the harness), B ${rssLoadedB} MiB`)
    out(`machine speed: encoding, signing and hashing a chit takes ${speedBefore} µs before the capacity phase, ${speedAfter} µs after the latency phase (one thread); ` +
      `one byte echoed by another process over loopback TCP: p50 ${wakeBefore.p50} µs, p99 ${wakeBefore.p99} µs before, p50 ${wakeAfter.p50} µs, p99 ${wakeAfter.p99} µs after (the cost of waking another process; the nodes idle for both)`)
    out(`transport floor: an empty tally request A->B takes p50 ${floor.ms.p50} ms, p99 ${floor.ms.p99} ms one at a time, ${floor.cpuMs.toFixed(2)} ms of A's CPU each`)
    const stolen = Math.max(phase.machine.steal, open?.machine.steal ?? 0)
    if (stolen >= STEAL_NOTE_PERCENT) {
      out(`note: the hypervisor took up to ${stolen}% of this machine's CPU during the measured phases; such a run's latencies say more about the machine than about the code (BENCHMARKS.md, session 9)`)
    }
    if (profileDir != null) out(`profiles in ${profileDir}`)
    const r2 = (x: number): number => Math.round(x * 100) / 100
    return {
      machine: host,
      machineSpeedUs: { before: speedBefore, after: speedAfter },
      loopbackRoundTripUs: { before: wakeBefore, after: wakeAfter },
      options: opts,
      chits: phase.issued,
      seconds: r2(phase.seconds),
      chitsPerSecond: Math.round(chitsPerSecond),
      roundTripMs: fwd,
      capacityRoundTripMs: closed,
      latencyPhase: open == null ? undefined : { offered: opts.rate, carried: Math.round(open.issued / open.seconds), chits: open.issued, chitsPerRequest: r2(open.issued / Math.max(1, open.requests)), changesPerBatch: r2(open.dbChanges / Math.max(1, open.dbBatches)), framesPerWrite: r2(open.streamFrames / Math.max(1, open.streamWrites)), machine: open.machine, cpuCores: { a: r2(open.cpuA / 1000 / open.seconds), b: r2(open.cpuB / 1000 / open.seconds) } },
      roundTripBySideMs: { stock: fwdStock, foil: fwdFoil },
      reverseRoundTripMs: rev.n > 0 ? rev : undefined,
      undeliveredAtReturn: phase.undeliveredAtReturn,
      emptyRequestMs: { ...floor.ms, cpuA: +floor.cpuMs.toFixed(3) },
      chitsPerRequest: r2(phase.issued / Math.max(1, phase.requests)),
      changesPerBatch: r2(phase.dbChanges / Math.max(1, phase.dbBatches)),
      framesPerWrite: r2(phase.streamFrames / Math.max(1, phase.streamWrites)),
      machineDuringCapacity: phase.machine,
      requestMs: r2(phase.requestMs / Math.max(1, phase.requests)),
      cpuCores: { a: r2(phase.cpuA / 1000 / phase.seconds), b: r2(phase.cpuB / 1000 / phase.seconds) },
      startMs: {
        first: Math.round(firstStartMs),
        fresh: Math.round(median(freshMs)),
        restart: Math.round(median(restartMs)),
        processFresh: Math.round(median(processFresh)),
        processFreshOwn: Math.round(median(processOwn)),
        processRestart: Math.round(median(processRestart))
      },
      idleRssMiB: idleRss,
      loadedRssMiB: { a: rssLoadedA, b: rssLoadedB },
      targetsMet: met
    }
  } finally {
    await a?.stop().catch(() => {})
    await b?.stop().catch(() => {})
    await idleNode?.stop().catch(() => {})
    await dirs.cleanup()
  }
}

function pct (cpuMs: number, seconds: number): string {
  return `${Math.round(cpuMs / 10 / seconds)}%`
}

async function openTallies (a: SortliftNode, b: NodeProcess, n: number, roles: string): Promise<Pair[]> {
  const pairs: Pair[] = []
  for (let i = 0; i < n; i++) {
    const alice = i === 0 ? 'alice' : `alice-${i}`
    const bob = i === 0 ? 'bob' : `bob-${i}`
    await a.users.add(alice)
    await b.api.post('/users', { name: bob })
    const aliceSide = roles === 'mixed' ? (i % 2 === 0 ? 'stock' : 'foil') : roles as 'stock' | 'foil'
    const bobAddr = `${bob}@${b.peerId}`
    const t = await a.tallies.propose({ user: alice, partner: bobAddr, role: aliceSide })
    await b.api.post(`/tallies/${t.id}/accept`, { user: bob })
    await waitFor(async () => (await a.tallies.show(t.id, alice)).state === 'open', `tally ${t.id} to open on A`)
    pairs.push({ alice, bob, aliceAddr: `${alice}@${a.peerId}`, bobAddr, id: t.id, aliceSide, alicePaid: 0n, bobPaid: 0n })
  }
  return pairs
}

/**
 * Pays `count` chits (or for `seconds`) round-robin over the tallies, with
 * `forward` payments in flight on A and `reverse` on B, then waits until both
 * halves hold every chit. Timing ends when they do.
 */
async function pay (a: SortliftNode, b: NodeProcess, pairs: Pair[], chitIds: Set<string>, count: number, seconds: number, forward: number, reverse: number, rate = 0): Promise<Phase> {
  const fwdMs: number[] = []
  const bySide = { stock: [] as number[], foil: [] as number[] }
  const revMs: number[] = []
  let issued = 0
  let undeliveredAtReturn = 0
  const t0 = performance.now()
  const deadline = t0 + seconds * 1000
  const cpuA0 = process.cpuUsage()
  const cpuB0 = await cpuMs(b.pid)
  const c0 = { ...a.tallyNet.counters }
  const w0 = { ...writeQueueOf(a.db).counters }
  const o0 = outboxCounters()
  const m0 = await machineTicks()
  const next = (): { n: number, p: Pair, units: bigint } | undefined => {
    if (issued >= count || performance.now() >= deadline) return undefined
    const n = issued++
    return { n, p: pairs[n % pairs.length], units: BigInt(1 + (n % 5)) }
  }
  const record = (r: { chitId: string, delivered: boolean }, into: number[][], start: number): void => {
    const ms = performance.now() - start
    if (chitIds.has(r.chitId)) throw new Error(`chit id ${r.chitId} returned twice`)
    chitIds.add(r.chitId)
    if (r.delivered) for (const list of into) list.push(ms)
    else undeliveredAtReturn++
  }
  const onA = async (): Promise<void> => {
    for (let j = next(); j != null; j = next()) {
      const start = performance.now()
      const r = await a.tallies.pay({ from: j.p.alice, to: j.p.bobAddr, units: j.units })
      j.p.alicePaid += j.units
      record(r, [fwdMs, bySide[j.p.aliceSide]], start)
    }
  }
  // Open loop: payment n is due at t0 + n / rate; its round trip counts from
  // then, so a payment held back (by the in-flight cap or a busy event loop)
  // is charged its wait rather than hiding it.
  const onSchedule = async (): Promise<void> => {
    const inflight = new Set<Promise<void>>()
    // One waiter for a free slot, woken by whichever payment ends (a
    // Promise.race over the set would add a reaction to every payment in
    // flight each time the cap is reached: harness work on node A's thread).
    let slotFree: (() => void) | undefined
    for (let j = next(); j != null; j = next()) {
      const due = t0 + j.n * 1000 / rate
      while (performance.now() < due) await sleep(Math.max(1, due - performance.now()))
      while (inflight.size >= forward) await new Promise<void>(resolve => { slotFree = resolve })
      const p = (async () => {
        const r = await a.tallies.pay({ from: j.p.alice, to: j.p.bobAddr, units: j.units })
        j.p.alicePaid += j.units
        record(r, [fwdMs, bySide[j.p.aliceSide]], due)
      })()
      inflight.add(p)
      const done = (): void => {
        inflight.delete(p)
        const wake = slotFree
        slotFree = undefined
        wake?.()
      }
      p.then(done, done)
    }
    await Promise.all(inflight)
  }
  const onB = async (): Promise<void> => {
    for (let j = next(); j != null; j = next()) {
      const start = performance.now()
      const r = await b.api.post<PayResult>('/pay', { from: j.p.bob, to: j.p.aliceAddr, units: String(j.units) })
      j.p.bobPaid += j.units
      record(r, [revMs], start)
    }
  }
  await Promise.all([...(rate > 0 ? [onSchedule()] : Array.from({ length: forward }, onA)), ...Array.from({ length: reverse }, onB)])
  await settle(a, b, pairs)
  const seconds_ = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpuA0)
  return {
    issued,
    seconds: seconds_,
    forward: fwdMs,
    forwardBySide: bySide,
    reverse: revMs,
    undeliveredAtReturn,
    cpuA: (cpu.user + cpu.system) / 1000,
    cpuB: await cpuMs(b.pid) - cpuB0,
    requests: (a.tallyNet.counters.sent - c0.sent) + (a.tallyNet.counters.served - c0.served),
    requestMs: a.tallyNet.counters.sentMs - c0.sentMs,
    dbChanges: writeQueueOf(a.db).counters.changes - w0.changes,
    dbBatches: writeQueueOf(a.db).counters.batches - w0.batches,
    streamWrites: outboxCounters().sends - o0.sends,
    streamFrames: outboxCounters().frames - o0.frames,
    machine: machineShares(m0, await machineTicks())
  }
}

/** Sequential requests that do no tally work (entries past the head): the cost of a request itself. */
async function requestFloor (a: SortliftNode, peer: string, tallyId: string, n: number): Promise<{ ms: Quantiles, cpuMs: number }> {
  const id = Uint8Array.from(Buffer.from(tallyId, 'hex'))
  const times: number[] = []
  for (let i = 0; i < 20; i++) await a.tallyNet.request(peer, { fetchEntries: { tallyId: id, fromIndex: 1n << 40n } })
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const res = await a.tallyNet.request(peer, { fetchEntries: { tallyId: id, fromIndex: 1n << 40n } })
    times.push(performance.now() - t)
    if (res.entries.length !== 0) throw new Error('an empty fetch returned entries')
  }
  const cpu = process.cpuUsage(cpu0)
  return { ms: quantiles(times), cpuMs: (cpu.user + cpu.system) / 1000 / n }
}

/** Waits until no half on either node has anything queued and the chains agree in length. */
async function settle (a: SortliftNode, b: NodeProcess, pairs: Pair[]): Promise<void> {
  const quiet = (v: TallyView): boolean => v.pending.count === 0 && v.undelivered === 0
  let last = ''
  try {
    await waitFor(async () => {
      const mine = await Promise.all(pairs.map(async p => await a.tallies.show(p.id, p.alice)))
      if (!mine.every(quiet)) {
        last = mine.map(v => `A ${v.side} len ${v.chain.length} pending ${v.pending.count} undelivered ${v.undelivered}`).join('; ')
        return false
      }
      const theirs = await Promise.all(pairs.map(async p => await b.api.get<TallyView>(`/tallies/${p.id}?user=${p.bob}`)))
      last = theirs.map((v, i) => `A len ${mine[i].chain.length} / B ${v.side} len ${v.chain.length} pending ${v.pending.count} undelivered ${v.undelivered}`).join('; ')
      return theirs.every((v, i) => quiet(v) && v.chain.length === mine[i].chain.length)
    }, 'every chit on both halves', SETTLE_TIMEOUT_MS, 2)
  } catch (err: any) {
    throw new Error(`${err.message}: ${last}`)
  }
}

/** Checks both halves of every tally agree; returns the chits they hold. */
async function verify (a: SortliftNode, b: NodeProcess, pairs: Pair[], chitIds: Set<string>): Promise<number> {
  let total = 0
  const seen = new Set<string>()
  for (const p of pairs) {
    const x = await a.tallies.show(p.id, p.alice)
    const y = await b.api.get<TallyView>(`/tallies/${p.id}?user=${p.bob}`)
    const where = `tally ${p.id} (${p.alice} ${x.side}, ${p.bob} ${y.side})`
    if (x.chain.length !== y.chain.length) throw new Error(`${where}: chain lengths ${x.chain.length} and ${y.chain.length}`)
    if (x.chain.head !== y.chain.head) throw new Error(`${where}: chain heads differ`)
    if (BigInt(x.balance) !== -BigInt(y.balance)) throw new Error(`${where}: balances ${x.balance} and ${y.balance} are not opposite`)
    if (BigInt(x.balance) !== p.bobPaid - p.alicePaid) throw new Error(`${where}: alice's balance ${x.balance}, expected ${p.bobPaid - p.alicePaid} from the payments`)
    const cx = await a.tallies.chain(p.id, p.alice)
    const cy = await b.api.get<ChitView[]>(`/tallies/${p.id}/chain?user=${p.bob}`)
    if (cx.length !== x.chain.length || cy.length !== y.chain.length) throw new Error(`${where}: chain listing does not match its length`)
    for (let i = 0; i < cx.length; i++) {
      if (cx[i].index !== i || cy[i].index !== i || cx[i].chitId !== cy[i].chitId) throw new Error(`${where}: entry ${i} differs between the halves`)
      if (!chitIds.has(cx[i].chitId)) throw new Error(`${where}: entry ${i} holds a chit nobody paid`)
      if (seen.has(cx[i].chitId)) throw new Error(`${where}: chit ${cx[i].chitId} is on the chains twice`)
      seen.add(cx[i].chitId)
    }
    total += x.chain.length
  }
  if (seen.size !== chitIds.size) throw new Error(`${chitIds.size} chits paid, ${seen.size} on the chains`)
  return total
}

async function startProfile (): Promise<Session> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  return session
}

async function stopProfile (session: Session, file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop')
  await writeFile(file, JSON.stringify(profile))
  session.disconnect()
}
