// Tally halves, their chains, the chit index (replay and duplicate detection),
// the stock's unplaced chits, and the delivery queue. Every change to one half
// is written in a single atomic batch by `commit`.
import { bytesSub, textSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub, BatchOp } from './db.js'
import { ChainEntry, Chit, ChitType, Side, TallyRecord } from '../../protos/tally.js'
import type { TallyHalf, TallyState } from '../tally/half.js'
import { fromBase64, toBase64, toHex } from '../crypto/bytes.js'

export interface HalfChange {
  half: TallyHalf
  /** new chain entries, in order, starting at the half's previous length */
  entries?: ChainEntry[]
  addPending?: Chit[]
  removePending?: Uint8Array[]
  /** true: queue for delivery; false: delivered; undefined: unchanged */
  dirty?: boolean
  /** other records written in the same batch (a lift's, for instance) */
  extra?: BatchOp[]
}

export function halfKey (id: Uint8Array, side: Side): string {
  return `${toHex(id)}.${side === Side.STOCK ? 's' : 'f'}`
}

const INDEX_WIDTH = 12
/**
 * Chain entries kept in memory per half: the ones a partner is about to ask
 * for (older ones are read from disk). Few on purpose: an entry kept for
 * seconds outlives V8's young generation and is copied to the old one, and at
 * thousands of chits a second that garbage brought back full collections
 * (1,024 entries: p99 37-65 ms in `bench chits`, 64: 27-28 ms, same runs).
 * Entries still on their way to disk (commitVisible) are kept whatever the bound.
 */
const TAIL_ENTRIES = 64

/** Halves are replaced, never changed in place, so a shallow copy is a safe copy. */
function copyHalf (h: TallyHalf): TallyHalf {
  return { ...h, settings: { ...h.settings } }
}

export class TallyRepository {
  private readonly halves: Sub<string>
  private readonly statics: Sub<string>
  private readonly entries: Sub<Uint8Array>
  private readonly chitIndex: Sub<string>
  private readonly pending: Sub<Uint8Array>
  private readonly dirty: Sub<string>
  private readonly liftChits: Sub<string>

  // Write-through cache of halves: one process owns the database, and halves
  // are read on every chit. Callers get copies, so a failed write leaves it clean.
  private readonly cache = new Map<string, TallyHalf>()
  private allLoaded = false
  // Keys of the cached halves by user and by tally id: a payment looks up its
  // user's halves, a request its tally's, without scanning every half. A
  // half's user and id never change and halves are never deleted.
  private readonly byUser = new Map<string, Set<string>>()
  private readonly byTally = new Map<string, Set<string>>()
  // The newest entries of each half, and each stock's unplaced chits, in
  // memory (write-through), so delivery rounds do not iterate LevelDB.
  private readonly tails = new Map<string, { start: number, entries: ChainEntry[] }>()
  // Per half, writes under way whose entries readers already see (commitVisible):
  // while there is one, the tail is not trimmed, as disk does not hold them yet.
  private readonly unwritten = new Map<string, number>()
  private readonly pendingCache = new Map<string, Map<string, Chit>>()
  private readonly versions = new Map<string, number>()
  // Per half, the static part the disk holds (read or written), so a change
  // writes it only when it differs: it is most of a half's bytes, and a half
  // is written on nearly every chit.
  private readonly storedStatic = new Map<string, string>()
  // Per half, writes under way. While one is, a change writes the static part
  // whatever storedStatic says: the write under way may carry another static
  // part (an older half committed alongside a newer one), and only the last
  // write decides what the disk holds.
  private readonly writing = new Map<string, number>()

  constructor (private readonly db: RootDb) {
    this.halves = textSub(db, 'tallies')
    this.statics = textSub(db, 'tally-static')
    this.entries = bytesSub(db, 'entries')
    this.chitIndex = textSub(db, 'chit-index')
    this.pending = bytesSub(db, 'pending')
    this.dirty = textSub(db, 'dirty')
    this.liftChits = textSub(db, 'lift-chits')
  }

  private cacheHalf (key: string, h: TallyHalf): void {
    if (!this.cache.has(key)) {
      for (const [index, k] of [[this.byUser, h.user], [this.byTally, key.slice(0, key.indexOf('.'))]] as const) {
        let keys = index.get(k)
        if (keys == null) {
          keys = new Set()
          index.set(k, keys)
        }
        keys.add(key)
      }
    }
    this.cache.set(key, h)
  }

  async get (id: Uint8Array, side: Side): Promise<TallyHalf | undefined> {
    return await this.getByKey(halfKey(id, side))
  }

  async getByKey (key: string): Promise<TallyHalf | undefined> {
    let h = this.cache.get(key)
    if (h == null && !this.allLoaded) {
      const [raw, staticRaw] = await this.readStored(key)
      if (raw == null) return undefined
      // A commit may have cached a newer half while this read: keep that one.
      h = this.cache.get(key) ?? this.decodeStored(key, raw, staticRaw)
      this.cacheHalf(key, h)
    }
    return h == null ? undefined : copyHalf(h)
  }

  /** Both halves of a tally held here (two when both users are local). */
  async find (idHex: string): Promise<TallyHalf[]> {
    return await this.selectFrom(() => this.byTally.get(idHex.toLowerCase()), () => true)
  }

  /** The halves of `user` for which `match` holds, in key order. */
  async selectOfUser (user: string, match: (h: Readonly<TallyHalf>) => boolean): Promise<TallyHalf[]> {
    return await this.selectFrom(() => this.byUser.get(user), match)
  }

  async list (): Promise<TallyHalf[]> {
    return await this.select(() => true)
  }

  /** Halves for which `match` holds, in key order; copies only the matches. */
  async select (match: (h: Readonly<TallyHalf>) => boolean): Promise<TallyHalf[]> {
    await this.loadAll()
    const found: Array<[string, TallyHalf]> = []
    for (const entry of this.cache) if (match(entry[1])) found.push(entry)
    return sortedCopies(found)
  }

  private async loadAll (): Promise<void> {
    if (this.allLoaded) return
    const found: Array<[string, string]> = []
    const statics = new Map<string, string>()
    // Both parts as of one moment: a change under way may rewrite both.
    const snapshot = await this.snapshot()
    try {
      for await (const entry of this.halves.iterator({ snapshot })) found.push(entry)
      for await (const [k, v] of this.statics.iterator({ snapshot })) statics.set(k, v)
    } finally {
      await snapshot.close()
    }
    for (const [k, v] of found) {
      if (!this.cache.has(k)) this.cacheHalf(k, this.decodeStored(k, v, statics.get(k)))
    }
    this.allLoaded = true
  }

  private async selectFrom (keys: () => Set<string> | undefined, match: (h: Readonly<TallyHalf>) => boolean): Promise<TallyHalf[]> {
    // The indexes cover every half once all are loaded (later ones are added as they are cached).
    await this.loadAll()
    const found: Array<[string, TallyHalf]> = []
    for (const k of keys() ?? []) {
      const h = this.cache.get(k)
      if (h != null && match(h)) found.push([k, h])
    }
    return sortedCopies(found)
  }

  async entriesFrom (id: Uint8Array, side: Side, from: number, max = Number.MAX_SAFE_INTEGER): Promise<ChainEntry[]> {
    const key = halfKey(id, side)
    const tail = this.tails.get(key)
    if (tail != null && from >= tail.start && from <= tail.start + tail.entries.length) {
      return tail.entries.slice(from - tail.start, from - tail.start + max)
    }
    // From disk up to the tail, then the tail: its newest entries may still
    // be on their way to disk (commitVisible).
    const prefix = key + '.'
    const out: ChainEntry[] = []
    const end = tail != null && from < tail.start ? prefix + pad(tail.start) : prefix + '\xff'
    for await (const v of this.entries.values({ gte: prefix + pad(from), lt: end, limit: max })) {
      out.push(ChainEntry.decode(v))
    }
    if (tail != null && from < tail.start && out.length === tail.start - from) out.push(...tail.entries.slice(0, max - out.length))
    return out
  }

  async chitPosition (id: Uint8Array, side: Side, chitId: Uint8Array): Promise<number | undefined> {
    const raw = await this.chitIndex.get(`${halfKey(id, side)}.${toHex(chitId)}`)
    return raw == null ? undefined : Number(raw)
  }

  /**
   * Chain positions of many chits (undefined: not on the chain). Read
   * synchronously: the ids checked are almost always new, and LevelDB answers
   * a missing key from its memtable and bloom filters in microseconds, where a
   * trip through the thread pool costs a context switch and, on a busy
   * machine, about a millisecond of every delivery round.
   */
  async chitPositions (id: Uint8Array, side: Side, chitIds: Uint8Array[]): Promise<Array<number | undefined>> {
    const prefix = halfKey(id, side) + '.'
    return chitIds.map(c => {
      const raw = this.chitIndex.getSync(prefix + toHex(c))
      return raw == null ? undefined : Number(raw)
    })
  }

  /** A stock's chits not yet placed by the foil, oldest first. */
  async listPending (id: Uint8Array, side: Side): Promise<Chit[]> {
    const key = halfKey(id, side)
    const cached = this.pendingCache.get(key)
    if (cached != null) return [...cached.values()]
    const version = this.versions.get(key) ?? 0
    const out: Chit[] = []
    for await (const v of this.pending.values(prefixRange(key + '.'))) out.push(Chit.decode(v))
    out.sort((a, b) => a.time === b.time ? 0 : a.time < b.time ? -1 : 1)
    // Cache only if no commit to this half ran while reading.
    if ((this.versions.get(key) ?? 0) === version) this.pendingCache.set(key, new Map(out.map(c => [toHex(c.chitId), c])))
    return out
  }

  async isPending (id: Uint8Array, side: Side, chitId: Uint8Array): Promise<boolean> {
    const key = halfKey(id, side)
    if (!this.pendingCache.has(key)) await this.listPending(id, side)
    const cached = this.pendingCache.get(key)
    if (cached != null) return cached.has(toHex(chitId))
    return await this.pending.get(`${key}.${toHex(chitId)}`) != null
  }

  async listDirty (): Promise<string[]> {
    return [...await this.dirtyKeys()].sort()
  }

  /** Whether the half is queued for delivery. */
  async isDirty (key: string): Promise<boolean> {
    return (await this.dirtyKeys()).has(key)
  }

  // The delivery queue, mirrored in memory once read (write-through).
  private dirtySet?: Set<string>

  // Changes to the queue made while it is being read from disk, replayed on
  // the result: a commit may land before or after the read's snapshot.
  private dirtyLog?: Array<[string, boolean]>
  private dirtyLoading?: Promise<Set<string>>

  private async dirtyKeys (): Promise<Set<string>> {
    if (this.dirtySet != null) return this.dirtySet
    this.dirtyLoading ??= (async () => {
      this.dirtyLog = []
      const found = new Set<string>()
      for await (const k of this.dirty.keys()) found.add(k)
      for (const [k, dirty] of this.dirtyLog) {
        if (dirty) found.add(k)
        else found.delete(k)
      }
      this.dirtyLog = undefined
      this.dirtySet = found
      return found
    })()
    return await this.dirtyLoading
  }

  /** Where the lift chit of lift `liftId` sits on this half's chain, if it does. */
  async liftChitPosition (key: string, liftId: Uint8Array): Promise<number | undefined> {
    const raw = await this.liftChits.get(`${key}.${toHex(liftId)}`)
    return raw == null ? undefined : Number(raw)
  }

  /**
   * Replaces a half in memory without writing it: only for fields that are
   * advisory and safe to lose in a crash (a foil's count of entries the stock
   * acknowledged, and leaving the delivery queue once it has them all). The
   * half's next write stores them; until then the stored half is behind, and
   * after a restart the foil pushes a few entries again, which the stock
   * answers as duplicates.
   */
  async keepUnwritten (half: TallyHalf, dirty?: boolean): Promise<void> {
    const key = halfKey(half.record.id, half.side)
    // The queue in memory must exist first: a later read from disk would undo this.
    const queue = dirty == null ? undefined : await this.dirtyKeys()
    this.cacheHalf(key, copyHalf(half))
    if (dirty === true) queue?.add(key)
    if (dirty === false) queue?.delete(key)
  }

  async commit (change: HalfChange): Promise<void> {
    await this.commitMany([change])
  }

  /** Changes to several halves (and their extra records) in one atomic batch. */
  async commitMany (changes: HalfChange[], extra: BatchOp[] = []): Promise<void> {
    const ops: BatchOp[] = []
    for (const change of changes) ops.push(...this.opsOf(change))
    ops.push(...extra)
    for (const change of changes) this.bump(keyOf(change))
    await this.write(changes.map(keyOf), ops)
    for (const change of changes) {
      this.applyInMemory(change)
      // Once more after the write: a pending-chit read that overlapped it must not be cached.
      this.bump(keyOf(change))
    }
  }

  /**
   * Like commit, but readers see the change before it is on disk: `visible`
   * runs once they do, then it is written. Only for a change whose loss in a
   * crash is harmless: entries the partner already holds (it gives them back),
   * and chits queued meanwhile whose callers hear of them only once the write
   * is done. If the write fails, the memory is set back to what the disk holds.
   */
  async commitVisible (change: HalfChange, visible: () => void): Promise<void> {
    const key = keyOf(change)
    // What it changes in memory must be loaded first: a read from disk while
    // the write is under way would otherwise bring back the old state.
    if (change.dirty != null) await this.dirtyKeys()
    if ((change.addPending?.length ?? 0) + (change.removePending?.length ?? 0) > 0) await this.listPending(change.half.record.id, change.half.side)
    const ops = this.opsOf(change)
    this.bump(key)
    this.unwritten.set(key, (this.unwritten.get(key) ?? 0) + 1)
    this.applyInMemory(change)
    visible()
    try {
      await this.write([key], ops)
    } catch (err) {
      this.doneUnwritten(key)
      await this.reload(key)
      throw err
    } finally {
      this.bump(key)
    }
    this.doneUnwritten(key)
    this.trimTail(key)
  }

  private bump (key: string): void {
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1)
  }

  private applyInMemory (change: HalfChange): void {
    const key = keyOf(change)
    this.cacheHalf(key, copyHalf(change.half))
    this.remember(key, change)
    if (change.dirty != null) {
      if (this.dirtySet != null) {
        if (change.dirty) this.dirtySet.add(key)
        else this.dirtySet.delete(key)
      } else this.dirtyLog?.push([key, change.dirty])
    }
  }

  /** Memory of one half as the disk has it (after a failed write). */
  private async reload (key: string): Promise<void> {
    this.bump(key)
    this.tails.delete(key)
    this.pendingCache.delete(key)
    const [raw, staticRaw] = await this.readStored(key)
    if (raw != null) this.cache.set(key, this.decodeStored(key, raw, staticRaw))
    if (this.dirtySet != null) {
      if (await this.dirty.get(key) != null) this.dirtySet.add(key)
      else this.dirtySet.delete(key)
    }
  }

  private opsOf (change: HalfChange): BatchOp[] {
    const { half } = change
    const key = halfKey(half.record.id, half.side)
    const ops: BatchOp[] = [{ type: 'put', sublevel: this.halves, key, value: encodeDynamic(half) }]
    const staticText = encodeStatic(half)
    if (this.storedStatic.get(key) !== staticText || this.writing.has(key)) {
      ops.push({ type: 'put', sublevel: this.statics, key, value: staticText, onCommit: () => { this.storedStatic.set(key, staticText) } })
    }
    for (const e of change.entries ?? []) {
      ops.push({ type: 'put', sublevel: this.entries, key: `${key}.${pad(Number(e.index))}`, value: ChainEntry.encode(e) })
      if (e.chit != null) ops.push({ type: 'put', sublevel: this.chitIndex, key: `${key}.${toHex(e.chit.chitId)}`, value: String(e.index) })
      if (e.chit?.type === ChitType.LIFT) ops.push({ type: 'put', sublevel: this.liftChits, key: `${key}.${toHex(e.chit.liftId)}`, value: String(e.index) })
    }
    for (const c of change.addPending ?? []) {
      ops.push({ type: 'put', sublevel: this.pending, key: `${key}.${toHex(c.chitId)}`, value: Chit.encode(c) })
    }
    for (const id of change.removePending ?? []) {
      ops.push({ type: 'del', sublevel: this.pending, key: `${key}.${toHex(id)}` })
    }
    if (change.dirty === true) ops.push({ type: 'put', sublevel: this.dirty, key, value: '' })
    if (change.dirty === false) ops.push({ type: 'del', sublevel: this.dirty, key })
    ops.push(...change.extra ?? [])
    return ops
  }

  /**
   * Writes the ops of changes to the halves `keys` as one batch. Call it in
   * the same synchronous step that made the ops: it marks the halves as being
   * written at once, so that a change made meanwhile carries its static part.
   */
  private async write (keys: string[], ops: BatchOp[]): Promise<void> {
    for (const k of keys) this.writing.set(k, (this.writing.get(k) ?? 0) + 1)
    try {
      await writeBatch(this.db, ops)
    } finally {
      for (const k of keys) {
        const n = (this.writing.get(k) ?? 1) - 1
        if (n > 0) this.writing.set(k, n)
        else this.writing.delete(k)
      }
    }
  }

  /** An explicit snapshot, once the database is open (a repository may be made while it opens). */
  private async snapshot (): Promise<ReturnType<RootDb['snapshot']>> {
    if (this.db.status === 'opening') await this.db.open()
    return this.db.snapshot()
  }

  /** Both stored parts of a half as of one moment (a change under way may rewrite both). */
  private async readStored (key: string): Promise<[string | undefined, string | undefined]> {
    const snapshot = await this.snapshot()
    try {
      return await Promise.all([this.halves.get(key, { snapshot }), this.statics.get(key, { snapshot })])
    } finally {
      await snapshot.close()
    }
  }

  /** A half as stored: its changing part, and its static part unless stored in the older single-record form. */
  private decodeStored (key: string, raw: string, staticRaw: string | undefined): TallyHalf {
    const o = JSON.parse(raw)
    if (o.record == null) {
      if (staticRaw == null) throw new Error(`tally half ${key} is stored without its static part (tally-static): the database is damaged`)
      Object.assign(o, JSON.parse(staticRaw))
      if (!this.storedStatic.has(key)) this.storedStatic.set(key, staticRaw)
    }
    return halfFrom(o)
  }

  private doneUnwritten (key: string): void {
    const n = (this.unwritten.get(key) ?? 1) - 1
    if (n > 0) this.unwritten.set(key, n)
    else this.unwritten.delete(key)
  }

  /** Bounds a half's tail, unless some of its entries are not on disk yet. */
  private trimTail (key: string): void {
    const tail = this.tails.get(key)
    if (tail == null || this.unwritten.has(key)) return
    const excess = tail.entries.length - TAIL_ENTRIES
    if (excess > 0) {
      tail.entries.splice(0, excess)
      tail.start += excess
    }
  }

  private remember (key: string, change: HalfChange): void {
    const added = change.entries ?? []
    if (added.length > 0) {
      const first = Number(added[0].index)
      let tail = this.tails.get(key)
      if (tail == null || tail.start + tail.entries.length !== first) {
        tail = { start: first, entries: [] }
        this.tails.set(key, tail)
      }
      tail.entries.push(...added)
      this.trimTail(key)
    }
    const pending = this.pendingCache.get(key)
    if (pending != null) {
      for (const c of change.addPending ?? []) pending.set(toHex(c.chitId), c)
      for (const id of change.removePending ?? []) pending.delete(toHex(id))
    }
  }
}

function sortedCopies (found: Array<[string, TallyHalf]>): TallyHalf[] {
  return found
    .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
    .map(([, h]) => copyHalf(h))
}

function keyOf (change: HalfChange): string {
  return halfKey(change.half.record.id, change.half.side)
}

function pad (n: number): string {
  return String(n).padStart(INDEX_WIDTH, '0')
}

// A half is stored as two records under its key: its static part (the signed
// tally record, the user, the signatures) in `tally-static`, written when it
// changes (when the tally is made and accepted), and the part every chit
// changes in `tallies`. Older versions stored one record holding both (with
// `record` in it); those are still read, and rewritten in two parts by the
// half's next change.
//
// The record never changes and halves are replaced, not changed in place
// (records and signatures are shared between copies), so the static part's
// encoding is kept with the record and found again without encoding.
interface StaticText {
  side: Side
  user: string
  proposedByMe: boolean
  mySignature: Uint8Array | undefined
  partnerSignature: Uint8Array | undefined
  text: string
}
const staticTexts = new WeakMap<TallyRecord, StaticText>()

function encodeStatic (h: TallyHalf): string {
  const kept = staticTexts.get(h.record)
  if (kept != null && kept.side === h.side && kept.user === h.user && kept.proposedByMe === h.proposedByMe &&
    kept.mySignature === h.mySignature && kept.partnerSignature === h.partnerSignature) return kept.text
  const text = JSON.stringify({
    record: toBase64(TallyRecord.encode(h.record)),
    side: h.side,
    user: h.user,
    proposedByMe: h.proposedByMe,
    mySignature: h.mySignature == null ? undefined : toBase64(h.mySignature),
    partnerSignature: h.partnerSignature == null ? undefined : toBase64(h.partnerSignature)
  })
  staticTexts.set(h.record, { side: h.side, user: h.user, proposedByMe: h.proposedByMe, mySignature: h.mySignature, partnerSignature: h.partnerSignature, text })
  return text
}

function encodeDynamic (h: TallyHalf): string {
  return JSON.stringify({
    state: h.state,
    length: h.length,
    head: toBase64(h.head),
    balance: h.balance.toString(),
    settings: {
      stock: settingsJson(h.settings.stock),
      foil: settingsJson(h.settings.foil)
    },
    pendingCount: h.pendingCount,
    pendingUnits: h.pendingUnits.toString(),
    liftUp: h.liftUp.toString(),
    liftDown: h.liftDown.toString(),
    peerLength: h.peerLength,
    acceptPending: h.acceptPending,
    refusePending: h.refusePending,
    updated: h.updated
  })
}

function settingsJson (s: TallyHalf['settings']['stock']): object {
  return { target: s.target.toString(), bound: s.bound.toString(), reward: s.reward, clutch: s.clutch }
}

function settingsFrom (o: any): TallyHalf['settings']['stock'] {
  return { target: BigInt(o.target), bound: BigInt(o.bound), reward: o.reward, clutch: o.clutch }
}

/** A half from its stored fields, static and changing ones together. */
function halfFrom (o: any): TallyHalf {
  return {
    record: TallyRecord.decode(fromBase64(o.record)),
    side: o.side as Side,
    user: o.user,
    state: o.state as TallyState,
    proposedByMe: o.proposedByMe,
    mySignature: o.mySignature == null ? undefined : fromBase64(o.mySignature),
    partnerSignature: o.partnerSignature == null ? undefined : fromBase64(o.partnerSignature),
    length: o.length,
    head: fromBase64(o.head),
    balance: BigInt(o.balance),
    settings: { stock: settingsFrom(o.settings.stock), foil: settingsFrom(o.settings.foil) },
    pendingCount: o.pendingCount,
    pendingUnits: BigInt(o.pendingUnits),
    liftUp: BigInt(o.liftUp ?? 0),
    liftDown: BigInt(o.liftDown ?? 0),
    peerLength: o.peerLength,
    acceptPending: o.acceptPending,
    refusePending: o.refusePending,
    updated: o.updated
  }
}
