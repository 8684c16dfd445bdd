// One LevelDB per node. Repositories take the root database and use their own
// sublevels; multi-record changes go through one `batch` so they are atomic.
import { Level } from 'level'
import type { AbstractLevel, AbstractSublevel } from 'abstract-level'
import { WriteQueue } from './write-queue.js'

export type RootDb = AbstractLevel<string | Uint8Array, string, string>
export type Sub<V> = AbstractSublevel<RootDb, string | Uint8Array, string, V>

export async function openDb (path: string): Promise<RootDb> {
  const db = new Level<string, string>(path, { keyEncoding: 'utf8', valueEncoding: 'utf8' })
  try {
    await db.open()
  } catch (err: any) {
    if (err?.code === 'LEVEL_DATABASE_NOT_OPEN' && err?.cause?.code === 'LEVEL_LOCKED') {
      throw new Error(`database ${path} is in use by another process (is a node already running on this data directory?)`)
    }
    throw err
  }
  return db as unknown as RootDb
}

export function textSub (db: RootDb, name: string): Sub<string> {
  return db.sublevel<string, string>(name, { keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as Sub<string>
}

export function bytesSub (db: RootDb, name: string): Sub<Uint8Array> {
  return db.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' }) as unknown as Sub<Uint8Array>
}

/** Ops for one atomic batch across sublevels; `onCommit` runs once the batch is written (cache upkeep). */
export type BatchOp =
  | { type: 'put', sublevel: Sub<any>, key: string, value: any, onCommit?: () => void }
  | { type: 'del', sublevel: Sub<any>, key: string, onCommit?: () => void }

const queues = new WeakMap<RootDb, WriteQueue<BatchOp>>()

/** The database's write queue (its counters tell how well writes coalesce). */
export function writeQueueOf (db: RootDb): WriteQueue<BatchOp> {
  let queue = queues.get(db)
  if (queue == null) {
    queue = new WriteQueue<BatchOp>(async ops => { await db.batch(ops.map(({ onCommit: _, ...op }) => op) as any) })
    queues.set(db, queue)
  }
  return queue
}

/**
 * Writes `ops` as one atomic change; resolves once they are on disk (and
 * their `onCommit` ran). Changes queued together share a LevelDB batch.
 */
export async function writeBatch (db: RootDb, ops: BatchOp[]): Promise<void> {
  if (ops.length === 0) return
  await writeQueueOf(db).write({ ops, done: () => { for (const op of ops) op.onCommit?.() } })
}

/** Keys sharing `prefix`, in order. */
export function prefixRange (prefix: string): { gte: string, lt: string } {
  return { gte: prefix, lt: prefix + '\xff' }
}
