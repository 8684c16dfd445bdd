import assert from 'node:assert/strict'
import { MemoryLevel } from 'memory-level'
import type { RootDb } from '../../src/store/db.js'
import { TallyRepository, halfKey } from '../../src/store/tally-repo.js'
import { UserRepository } from '../../src/store/user-repo.js'
import { ChainEntry, Side, TallyRecord } from '../../protos/tally.js'
import type { TallyHalf } from '../../src/tally/half.js'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { tempDir } from '../helpers/nodes.js'
import { openDb } from '../../src/store/db.js'
import { applyEntry } from '../../src/tally/half.js'
import { openPair, makeChit } from '../helpers/fixtures.js'

const equalId = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b))

async function waitUntil (cond: () => boolean, bound = 5_000): Promise<void> {
  const until = Date.now() + bound
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise(resolve => setImmediate(resolve))
  }
}

function memDb (): RootDb {
  return new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
}

describe('tally repository', () => {
  it('keeps its in-memory pending chits and delivery queue right when a write overlaps the first read', async () => {
    for (let round = 0; round < 20; round++) {
      const repo = new TallyRepository(memDb())
      const pair = await openPair()
      const chits = [await makeChit(pair, Side.STOCK, 1n), await makeChit(pair, Side.STOCK, 2n)]
      await repo.commit({ half: pair.stockHalf, addPending: [chits[0]], dirty: true })
      // The first reads (which fill the caches) race a write of the second chit and a foil's queue mark.
      const reads = Promise.all([repo.listPending(pair.record.id, Side.STOCK), repo.listDirty()])
      const write = Promise.all([
        repo.commit({ half: pair.stockHalf, addPending: [chits[1]], dirty: true }),
        repo.commit({ half: pair.foilHalf, dirty: true })
      ])
      await Promise.all([reads, write])
      assert.deepEqual((await repo.listPending(pair.record.id, Side.STOCK)).map(c => c.units).sort(), [1n, 2n], `round ${round}: both pending`)
      assert.deepEqual(await repo.listDirty(), [halfKey(pair.record.id, Side.FOIL), halfKey(pair.record.id, Side.STOCK)].sort(), `round ${round}: both queued`)
    }
  })

  it('keepUnwritten changes a half in memory only; the next write stores it', async () => {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pair = await openPair(50n)
    const c1 = await makeChit(pair, Side.FOIL, 7n)
    const placed = applyEntry(pair.foilHalf, { index: 0n, prev: pair.foilHalf.head as Uint8Array<ArrayBuffer>, chit: c1 }, 5)
    await repo.commit({ half: placed, dirty: true })
    let writes = 0
    ;(db as any).on('write', () => { writes++ })
    await repo.keepUnwritten({ ...placed, peerLength: 1 }, false)
    assert.equal(writes, 0)
    assert.equal((await repo.get(pair.record.id, Side.FOIL))?.peerLength, 1)
    assert.deepEqual(await repo.listDirty(), [])
    const reopened = new TallyRepository(db)
    assert.equal((await reopened.get(pair.record.id, Side.FOIL))?.peerLength, 0, 'the stored half is behind')
    assert.deepEqual(await reopened.listDirty(), [halfKey(pair.record.id, Side.FOIL)], 'and still queued for delivery')
    await repo.commit({ half: { ...(await repo.get(pair.record.id, Side.FOIL))!, updated: 6 } })
    assert.equal((await new TallyRepository(db).get(pair.record.id, Side.FOIL))?.peerLength, 1, 'the next write stores it')
  })

  it('writes a half, its entries, pending chits and the delivery mark in one batch', async () => {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pair = await openPair(50n)
    const c1 = await makeChit(pair, Side.FOIL, 7n, { memo: 'first' })
    const e1 = { index: 0n, prev: pair.foilHalf.head as Uint8Array<ArrayBuffer>, chit: c1 }
    const half = applyEntry(pair.foilHalf, e1, 5)
    const pending = await makeChit(pair, Side.STOCK, 2n)
    let writes = 0
    ;(db as any).on('write', () => { writes++ })
    await repo.commit({ half, entries: [e1], addPending: [pending], dirty: true })
    assert.equal(writes, 1, 'one atomic write')

    const back = await repo.get(pair.record.id, Side.FOIL)
    assert.ok(back != null)
    assert.equal(back.balance, -7n)
    assert.deepEqual(back.head, half.head)
    assert.deepEqual(back.record, half.record)
    assert.deepEqual(back.settings, half.settings)
    const entries = await repo.entriesFrom(pair.record.id, Side.FOIL, 0)
    assert.equal(entries.length, 1)
    assert.equal(entries[0].chit?.memo, 'first')
    assert.equal(await repo.chitPosition(pair.record.id, Side.FOIL, c1.chitId), 0)
    assert.equal(await repo.chitPosition(pair.record.id, Side.STOCK, c1.chitId), undefined)
    assert.deepEqual((await repo.listPending(pair.record.id, Side.FOIL)).map(c => c.units), [2n])
    assert.deepEqual(await repo.listDirty(), [halfKey(pair.record.id, Side.FOIL)])

    await repo.commit({ half, removePending: [pending.chitId], dirty: false })
    assert.deepEqual(await repo.listPending(pair.record.id, Side.FOIL), [])
    assert.deepEqual(await repo.listDirty(), [])
  })

  it('commitVisible: readers see the change before it is on disk; after the write a fresh repository reads it; chains read across disk and memory', async () => {
    const db = memDb()
    const pair = await openPair(50n)
    // two entries on disk, written by an earlier repository (the next one starts with no tail)
    const early = new TallyRepository(db)
    let h = pair.stockHalf
    const onDisk = []
    for (let i = 0; i < 2; i++) {
      const c = await makeChit(pair, Side.FOIL, BigInt(i + 1))
      const e = { index: BigInt(i), prev: h.head as Uint8Array<ArrayBuffer>, chit: c }
      h = applyEntry(h, e, 5)
      onDisk.push(e)
    }
    await early.commit({ half: h, entries: onDisk })
    const repo = new TallyRepository(db)
    const mine = await makeChit(pair, Side.STOCK, 3n)
    await repo.commit({ half: { ...h, pendingCount: 1, pendingUnits: 3n }, addPending: [mine], dirty: true })
    const e = { index: 2n, prev: h.head as Uint8Array<ArrayBuffer>, chit: mine }
    const placed = applyEntry(h, e, 6)
    // hold the write until the readers have looked
    let release!: () => void
    const gate = new Promise<void>(resolve => { release = resolve })
    const batch = (db as any).batch.bind(db)
    ;(db as any).batch = async (ops: unknown) => { await gate; return await batch(ops) }
    let seen: { length: number, pending: boolean, chain: number, balance: bigint, dirty: string[] } | undefined
    const writing = repo.commitVisible({ half: placed, entries: [e], removePending: [mine.chitId], dirty: false }, () => {
      void (async () => {
        const half = await repo.get(pair.record.id, Side.STOCK)
        seen = {
          length: half!.length,
          balance: half!.balance,
          pending: await repo.isPending(pair.record.id, Side.STOCK, mine.chitId),
          chain: (await repo.entriesFrom(pair.record.id, Side.STOCK, 0)).length,
          dirty: await repo.listDirty()
        }
        release()
      })()
    })
    await writing
    ;(db as any).batch = batch
    assert.deepEqual(seen, { length: 3, balance: placed.balance, pending: false, chain: 3, dirty: [] })
    const fresh = new TallyRepository(db)
    assert.equal((await fresh.get(pair.record.id, Side.STOCK))?.length, 3)
    assert.deepEqual((await fresh.entriesFrom(pair.record.id, Side.STOCK, 0)).map(x => Number(x.index)), [0, 1, 2])
    assert.equal(await fresh.isPending(pair.record.id, Side.STOCK, mine.chitId), false)
  })

  it('commitVisible: a failed write sets memory back to what the disk holds', async () => {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pair = await openPair(50n)
    const mine = await makeChit(pair, Side.STOCK, 3n)
    const before = { ...pair.stockHalf, pendingCount: 1, pendingUnits: 3n }
    await repo.commit({ half: before, addPending: [mine], dirty: true })
    const e = { index: 0n, prev: before.head as Uint8Array<ArrayBuffer>, chit: mine }
    const placed = applyEntry(before, e, 6)
    const batch = (db as any).batch.bind(db)
    ;(db as any).batch = async () => { throw new Error('disk full') }
    let visible = false
    await assert.rejects(repo.commitVisible({ half: { ...placed, pendingCount: 0, pendingUnits: 0n }, entries: [e], removePending: [mine.chitId], dirty: false }, () => { visible = true }), /disk full/)
    ;(db as any).batch = batch
    assert.equal(visible, true)
    assert.equal((await repo.get(pair.record.id, Side.STOCK))?.length, 0)
    assert.equal(await repo.isPending(pair.record.id, Side.STOCK, mine.chitId), true)
    assert.deepEqual(await repo.entriesFrom(pair.record.id, Side.STOCK, 0), [])
    assert.deepEqual(await repo.listDirty(), [halfKey(pair.record.id, Side.STOCK)])
  })

  it('a tail keeps the entries of a write still on its way to disk, beyond its bound; older ones come from disk', async () => {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pair = await openPair(1_000_000n)
    const build = async (half: typeof pair.foilHalf, n: number): Promise<{ half: typeof pair.foilHalf, entries: ChainEntry[] }> => {
      const entries: ChainEntry[] = []
      for (let i = 0; i < n; i++) {
        const e = { index: BigInt(half.length), prev: half.head as Uint8Array<ArrayBuffer>, chit: await makeChit(pair, Side.FOIL, 1n) }
        half = applyEntry(half, e, 5)
        entries.push(e)
      }
      return { half, entries }
    }
    const first = await build(pair.foilHalf, 10)
    await repo.commit({ half: first.half, entries: first.entries })
    // 200 entries in one write, held on its way to disk (the bound is 64).
    const second = await build(first.half, 200)
    const batch = (db as any).batch.bind(db)
    let release!: () => void
    const held = new Promise<void>(resolve => { release = resolve })
    ;(db as any).batch = async (...args: any[]) => { await held; return await batch(...args) }
    let visible = false
    const writing = repo.commitVisible({ half: second.half, entries: second.entries }, () => { visible = true })
    await waitUntil(() => visible)
    const seen = await repo.entriesFrom(pair.record.id, Side.FOIL, 0)
    assert.equal(seen.length, 210, 'every entry, the unwritten ones from memory')
    assert.deepEqual(seen.map(e => Number(e.index)), Array.from({ length: 210 }, (_, i) => i))
    release()
    await writing
    ;(db as any).batch = batch
    // Written: the tail is bounded again, and reads across it still see everything.
    const again = await repo.entriesFrom(pair.record.id, Side.FOIL, 0)
    assert.deepEqual(again.map(e => Number(e.index)), Array.from({ length: 210 }, (_, i) => i))
    assert.deepEqual((await repo.entriesFrom(pair.record.id, Side.FOIL, 150)).map(e => Number(e.index)), Array.from({ length: 60 }, (_, i) => 150 + i))
    const ids = (list: ChainEntry[]): string[] => list.map(e => Buffer.from(e.chit!.chitId).toString('hex'))
    assert.deepEqual(ids(await new TallyRepository(db).entriesFrom(pair.record.id, Side.FOIL, 0)), ids(again), 'the disk holds them all')
    assert.deepEqual(ids(again), ids([...first.entries, ...second.entries]))
  })

  it('keeps the two local halves of one tally apart', async () => {
    const repo = new TallyRepository(memDb())
    const pair = await openPair()
    await repo.commit({ half: pair.stockHalf })
    await repo.commit({ half: pair.foilHalf })
    const both = await repo.find(Buffer.from(pair.record.id).toString('hex'))
    assert.deepEqual(both.map(h => h.side).sort(), [Side.FOIL, Side.STOCK].sort())
  })

  it('finds halves by tally id and by user through its indexes, also for halves only on disk (after a restart)', async () => {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pairs = [await openPair(), await openPair(), await openPair()]
    for (const p of pairs) {
      await repo.commit({ half: p.stockHalf })
      await repo.commit({ half: p.foilHalf })
    }
    const idOf = (p: typeof pairs[0]): string => Buffer.from(p.record.id).toString('hex')
    for (const r of [repo, new TallyRepository(db)]) {
      for (const p of pairs) {
        assert.deepEqual((await r.find(idOf(p))).map(h => h.side).sort(), [Side.FOIL, Side.STOCK].sort())
        assert.equal((await r.find(idOf(p).toUpperCase())).length, 2)
      }
      const alices = await r.selectOfUser('alice', () => true)
      assert.equal(alices.length, 3)
      assert.ok(alices.every(h => h.user === 'alice'))
      assert.deepEqual(alices.map(h => halfKey(h.record.id, h.side)), [...alices.map(h => halfKey(h.record.id, h.side))].sort())
      assert.equal((await r.selectOfUser('alice', h => equalId(h.record.id, pairs[1].record.id))).length, 1)
      assert.deepEqual(await r.selectOfUser('nobody', () => true), [])
      assert.deepEqual(await r.find('00'.repeat(16)), [])
    }
    // a half cached later (a new tally) joins the indexes
    const late = await openPair()
    await repo.commit({ half: late.stockHalf })
    assert.equal((await repo.selectOfUser('alice', () => true)).length, 4)
    assert.equal((await repo.find(idOf(late))).length, 1)
  })

  it('a rejected batch stores nothing', async () => {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pair = await openPair()
    const c1 = await makeChit(pair, Side.FOIL, 1n)
    const bad = { index: 0n, prev: pair.foilHalf.head as Uint8Array<ArrayBuffer>, chit: c1 }
    // an entry that cannot be encoded makes the whole batch fail
    await assert.rejects(repo.commit({ half: pair.foilHalf, entries: [bad, { ...bad, index: 1n, chit: { ...c1, units: 'x' as any } }] }))
    assert.equal(await repo.get(pair.record.id, Side.FOIL), undefined)
    assert.deepEqual(await repo.entriesFrom(pair.record.id, Side.FOIL, 0), [])
  })
})

describe('tally repository: a half in two records', () => {
  // Keys of the records a batch wrote, by sublevel ('tallies', 'tally-static', ...).
  function recordWrites (db: RootDb): Array<Record<string, number>> {
    const batches: Array<Record<string, number>> = []
    ;(db as any).on('write', (ops: Array<{ key: Uint8Array | string }>) => {
      const count: Record<string, number> = {}
      for (const op of ops) {
        const sub = /^!([^!]+)!/.exec(Buffer.from(op.key as any).toString())?.[1] ?? '(root)'
        count[sub] = (count[sub] ?? 0) + 1
      }
      batches.push(count)
    })
    return batches
  }

  // A half as versions before the split stored it: one record holding everything.
  function singleRecord (h: TallyHalf): string {
    const b64 = (b: Uint8Array | undefined): string | undefined => b == null ? undefined : Buffer.from(b).toString('base64')
    const settings = (x: TallyHalf['settings']['stock']): object => ({ target: x.target.toString(), bound: x.bound.toString(), reward: x.reward, clutch: x.clutch })
    return JSON.stringify({
      record: b64(TallyRecord.encode(h.record)),
      side: h.side,
      user: h.user,
      state: h.state,
      proposedByMe: h.proposedByMe,
      mySignature: b64(h.mySignature),
      partnerSignature: b64(h.partnerSignature),
      length: h.length,
      head: b64(h.head),
      balance: h.balance.toString(),
      settings: { stock: settings(h.settings.stock), foil: settings(h.settings.foil) },
      pendingCount: h.pendingCount,
      pendingUnits: h.pendingUnits.toString(),
      peerLength: h.peerLength,
      acceptPending: h.acceptPending,
      refusePending: h.refusePending,
      updated: h.updated
    })
  }

  const sig = (): Uint8Array => new Uint8Array(randomBytes(64))
  // Fields set, for comparing a half built in a test (unset signatures as undefined) with one read back.
  const defined = (h: TallyHalf | undefined): object => Object.fromEntries(Object.entries(h ?? {}).filter(([, v]) => v !== undefined))

  /** A foil half stored as proposed, and the same half accepted (not stored). */
  async function proposedFoil (): Promise<{ db: RootDb, repo: TallyRepository, pair: Awaited<ReturnType<typeof openPair>>, proposed: TallyHalf, accepted: TallyHalf }> {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pair = await openPair(50n)
    const proposed: TallyHalf = { ...pair.foilHalf, state: 'proposed', mySignature: sig() }
    await repo.commit({ half: proposed })
    return { db, repo, pair, proposed, accepted: { ...proposed, state: 'open', partnerSignature: sig(), updated: 2 } }
  }

  async function signedFoil (): Promise<{ pair: Awaited<ReturnType<typeof openPair>>, half: TallyHalf }> {
    const pair = await openPair(50n)
    return { pair, half: { ...pair.foilHalf, mySignature: sig(), partnerSignature: sig() } }
  }

  it('writes the static part with the first change and when the signatures change, not with each chit; a fresh repository reads the half back whole', async () => {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pair = await openPair(50n)
    const batches = recordWrites(db)
    let half: TallyHalf = { ...pair.foilHalf, state: 'proposed', mySignature: sig() }
    await repo.commit({ half, dirty: true })
    half = { ...half, state: 'open', partnerSignature: sig() }
    await repo.commit({ half, dirty: false })
    const entries: ChainEntry[] = []
    for (let i = 0; i < 5; i++) {
      const e = { index: BigInt(half.length), prev: half.head as Uint8Array<ArrayBuffer>, chit: await makeChit(pair, Side.FOIL, BigInt(i + 1)) }
      half = applyEntry(half, e, 10 + i)
      entries.push(e)
      await repo.commit({ half, entries: [e], dirty: true })
    }
    assert.deepEqual(batches.map(b => b['tally-static'] ?? 0), [1, 1, 0, 0, 0, 0, 0], 'the static part: made, accepted, then never again')
    assert.deepEqual(batches.map(b => b.tallies), [1, 1, 1, 1, 1, 1, 1], 'the changing part: every time')
    const fresh = new TallyRepository(db)
    assert.deepEqual(await fresh.get(pair.record.id, Side.FOIL), half)
    assert.deepEqual((await fresh.list()).map(h => halfKey(h.record.id, h.side)), [halfKey(pair.record.id, Side.FOIL)])
    const encoded = (list: ChainEntry[]): string[] => list.map(e => Buffer.from(ChainEntry.encode(e)).toString('hex'))
    assert.deepEqual(encoded(await fresh.entriesFrom(pair.record.id, Side.FOIL, 0)), encoded(entries))
    // A repository that read the half from disk knows its static part is there.
    const after = { ...half, updated: 99 }
    await fresh.commit({ half: after })
    assert.equal(batches.at(-1)?.['tally-static'], undefined)
    assert.deepEqual(await new TallyRepository(db).get(pair.record.id, Side.FOIL), after)
  })

  it('reads a half stored as one record (before the split) and stores it in two at its next change', async () => {
    const db = memDb()
    const { pair, half } = await signedFoil()
    const key = halfKey(pair.record.id, Side.FOIL)
    await (db as any).sublevel('tallies', { keyEncoding: 'utf8', valueEncoding: 'utf8' }).put(key, singleRecord(half))
    for (const read of [async (r: TallyRepository) => await r.get(pair.record.id, Side.FOIL), async (r: TallyRepository) => (await r.list())[0]]) {
      assert.deepEqual(await read(new TallyRepository(db)), { ...half, liftUp: 0n, liftDown: 0n })
    }
    const repo = new TallyRepository(db)
    const batches = recordWrites(db)
    const c = await makeChit(pair, Side.FOIL, 3n)
    const e = { index: 0n, prev: half.head as Uint8Array<ArrayBuffer>, chit: c }
    const next = applyEntry((await repo.get(pair.record.id, Side.FOIL))!, e, 7)
    await repo.commit({ half: next, entries: [e] })
    assert.deepEqual(batches, [{ tallies: 1, 'tally-static': 1, entries: 1, 'chit-index': 1 }], 'both parts, in the change\'s one batch')
    const stored = JSON.parse(await (db as any).sublevel('tallies', { keyEncoding: 'utf8', valueEncoding: 'utf8' }).get(key))
    assert.equal(stored.record, undefined, 'the changing part no longer holds the tally record')
    for (const r of [new TallyRepository(db), repo]) assert.deepEqual(await r.get(pair.record.id, Side.FOIL), next)
  })

  it('a half whose static part is missing is reported as damage, not read as a different half', async () => {
    const db = memDb()
    const { pair, half } = await signedFoil()
    await new TallyRepository(db).commit({ half })
    await (db as any).sublevel('tally-static', { keyEncoding: 'utf8', valueEncoding: 'utf8' }).del(halfKey(pair.record.id, Side.FOIL))
    await assert.rejects(new TallyRepository(db).get(pair.record.id, Side.FOIL), /stored without its static part \(tally-static\): the database is damaged/)
    await assert.rejects(new TallyRepository(db).list(), /the database is damaged/)
  })

  it('reads both parts of a half as of one moment (by key and in a listing), never one part from before a change and the other from after (LevelDB)', async () => {
    // LevelDB answers each read on a thread of its own: only a snapshot keeps two reads together.
    const dir = await tempDir('sortlift-store-')
    const db = await openDb(dir)
    try {
      const writer = new TallyRepository(db)
      const pair = await openPair(50n)
      let accepted: TallyHalf = { ...pair.foilHalf, state: 'proposed', mySignature: sig() }
      await writer.commit({ half: accepted })
      const seen = new Set<string>()
      for (let round = 0; round < 200; round++) {
        const before = accepted
        accepted = { ...before, state: 'open', partnerSignature: sig(), updated: round }
        // A second repository over the same database reads from disk while the change is written.
        const reader = new TallyRepository(db)
        const [read] = await Promise.all([
          (async () => {
            for (let i = 0; i < round % 3; i++) await new Promise(resolve => setImmediate(resolve))
            // Through both ways a half is read from disk: by key, and all at once.
            return round % 2 === 0 ? await reader.get(pair.record.id, Side.FOIL) : (await reader.list())[0]
          })(),
          writer.commit({ half: accepted })
        ])
        assert.ok(read != null)
        const which = read.updated === accepted.updated ? 'after' : 'before'
        assert.deepEqual(defined(read), defined(which === 'after' ? accepted : before), `round ${round}: the half as it was ${which} the change`)
        seen.add(which)
      }
      assert.deepEqual([...seen].sort(), ['after', 'before'], 'reads landed on both sides of the change')
    } finally {
      await db.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a static part whose batch fails is written by the next change (commit and commitVisible)', async () => {
    for (const visible of [false, true]) {
      const { db, repo, pair, accepted } = await proposedFoil()
      const batch = (db as any).batch.bind(db)
      ;(db as any).batch = async () => { throw new Error('disk full') }
      if (visible) await assert.rejects(repo.commitVisible({ half: accepted }, () => {}), /disk full/)
      else await assert.rejects(repo.commit({ half: accepted }), /disk full/)
      ;(db as any).batch = batch
      const batches = recordWrites(db)
      await repo.commit({ half: { ...accepted, updated: 3 } })
      assert.equal(batches[0]['tally-static'], 1, `${visible ? 'commitVisible' : 'commit'}: written again`)
      assert.deepEqual(await new TallyRepository(db).get(pair.record.id, Side.FOIL), { ...accepted, updated: 3 })
    }
  })

  it('a change that fails alone in a failed group does not count its static part as written', async () => {
    const db = memDb()
    const repo = new TallyRepository(db)
    const pair = await openPair(50n)
    const foilKey = halfKey(pair.record.id, Side.FOIL)
    const batch = (db as any).batch.bind(db)
    let fail = true
    // The foil's change fails wherever it goes; the stock's, written in the same group first, then alone, does not.
    ;(db as any).batch = async (ops: any[], o: any) => {
      if (fail && ops.some(op => String(op.key).includes(foilKey))) throw new Error('bad sector')
      return await batch(ops, o)
    }
    const foil: TallyHalf = { ...pair.foilHalf, mySignature: sig() }
    const stock: TallyHalf = { ...pair.stockHalf, mySignature: sig() }
    const results = await Promise.allSettled([repo.commit({ half: foil }), repo.commit({ half: stock })])
    assert.deepEqual(results.map(r => r.status), ['rejected', 'fulfilled'])
    fail = false
    await repo.commit({ half: foil })
    const fresh = new TallyRepository(db)
    assert.deepEqual(defined(await fresh.get(pair.record.id, Side.FOIL)), defined(foil))
    assert.deepEqual(defined(await fresh.get(pair.record.id, Side.STOCK)), defined(stock))
  })

  it('two changes of one half written together: the disk holds the last one whole, whichever static part the first carried', async () => {
    const { db, repo, pair, proposed, accepted } = await proposedFoil()
    await repo.commit({ half: accepted })
    // An older copy of the half (before the accept) and a newer one, in flight at once.
    const last = { ...accepted, updated: 4 }
    await Promise.all([repo.commit({ half: { ...proposed, updated: 3 } }), repo.commit({ half: last })])
    assert.deepEqual(await new TallyRepository(db).get(pair.record.id, Side.FOIL), last)
  })

  it('a repository made while its database is still opening reads it', async () => {
    const db = memDb()
    const { half } = await signedFoil()
    await new TallyRepository(db).commit({ half })
    const reopened = new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
    assert.equal(reopened.status, 'opening')
    assert.equal(await new TallyRepository(reopened).get(half.record.id, Side.FOIL), undefined)
    assert.deepEqual(await new TallyRepository(reopened).list(), [])
  })
})

describe('user repository', () => {
  it('round-trips users with their keys', async () => {
    const repo = new UserRepository(memDb())
    await repo.put({ name: 'alice', publicKey: new Uint8Array(32).fill(1), secret: new Uint8Array(68).fill(2), created: 7 })
    const u = await repo.get('alice')
    assert.deepEqual(u?.publicKey, new Uint8Array(32).fill(1))
    assert.equal(u?.created, 7)
    assert.equal(await repo.get('bob'), undefined)
    assert.equal((await repo.list()).length, 1)
  })
})
