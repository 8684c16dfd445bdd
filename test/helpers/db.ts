import type { RootDb } from '../../src/store/db.js'

/**
 * Every key and value in a node's database, for "nothing was stored" checks.
 * Given the node, it first waits for delivery rounds under way: a payment can
 * return before the round's own write is on disk.
 */
export async function dbSnapshot (target: RootDb | { db: RootDb, tallies: { settled: () => Promise<void> } }): Promise<string[]> {
  let db: RootDb
  if ('tallies' in target) {
    await target.tallies.settled()
    db = target.db
  } else db = target
  const out: string[] = []
  for await (const [k, v] of (db as any).iterator({ keyEncoding: 'buffer', valueEncoding: 'buffer' })) {
    out.push(`${Buffer.from(k).toString('hex')}=${Buffer.from(v).toString('hex')}`)
  }
  return out
}
