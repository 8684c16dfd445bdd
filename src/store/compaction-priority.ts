// LevelDB flushes memtables and merges levels on one background thread per
// process, in bursts of 10-50 ms of CPU. On a machine whose cores are busy
// (two nodes under load on two cores, say) such a burst takes a core from the
// threads that answer requests and write chits, and payments wait behind it;
// when both nodes flush at once, every payment in flight does. Compaction is
// background work with seconds of slack (a memtable fills in seconds), so its
// thread is given a lower CPU priority than the rest, as RocksDB does for its
// compaction threads. Linux only and best effort: the thread is the one that
// appears when this process first asks LevelDB to compact, and raising a
// thread's nice value needs no privilege.
import { readdir } from 'node:fs/promises'
import { getPriority, setPriority } from 'node:os'
import type { RootDb } from './db.js'

export type CompactionPriority =
  | { lowered: true, thread: number, nice: number }
  | { lowered: false, reason: string }

/** The nice value a node gives the thread unless configured (`storage.compactionNice`; 0 leaves it alone). */
export const DEFAULT_COMPACTION_NICE = 10

/** The reason given when another database of this process already set the thread up (nothing to report). */
export const ALREADY_RUNNING = 'the compaction thread was already running'

let once: Promise<CompactionPriority> | undefined

/**
 * Lowers the CPU priority of LevelDB's background thread to `nice` (1..19).
 * The thread is shared by every database of the process, so only the first
 * call does anything; later calls report what it did.
 */
export async function lowerCompactionPriority (db: RootDb, nice: number): Promise<CompactionPriority> {
  if (!Number.isInteger(nice) || nice < 1 || nice > 19) return { lowered: false, reason: `nice value ${nice} is not an integer from 1 to 19` }
  if (typeof (db as any).compactRange !== 'function') return { lowered: false, reason: 'the database has no compaction thread' }
  if (process.platform !== 'linux') return { lowered: false, reason: `not on Linux (${process.platform})` }
  once ??= find(db, nice)
  return await once
}

async function find (db: RootDb, nice: number): Promise<CompactionPriority> {
  const before = await threads()
  if (before == null) return { lowered: false, reason: '/proc/self/task is not readable' }
  // An empty range: LevelDB switches to a new (empty) memtable and schedules
  // its flush, which starts the background thread if it is not running yet.
  await (db as any).compactRange('\x00', '\x00')
  const fresh = [...(await threads()) ?? []].filter(t => !before.has(t))
  if (fresh.length !== 1) return { lowered: false, reason: fresh.length === 0 ? ALREADY_RUNNING : `${fresh.length} threads started at once, none chosen` }
  const thread = fresh[0]
  try {
    // Never raise a priority someone lowered further (that would need privileges).
    const target = Math.max(nice, getPriority(thread))
    setPriority(thread, target)
    return { lowered: true, thread, nice: target }
  } catch (err: any) {
    return { lowered: false, reason: err?.message ?? String(err) }
  }
}

async function threads (): Promise<Set<number> | undefined> {
  try {
    return new Set((await readdir('/proc/self/task')).map(Number))
  } catch {
    return undefined
  }
}
