import type { RootDb } from '../../src/store/db.js'

/** Every key and value in a node's database, for "nothing was stored" checks. */
export async function dbSnapshot (db: RootDb): Promise<string[]> {
  const out: string[] = []
  for await (const [k, v] of (db as any).iterator({ keyEncoding: 'buffer', valueEncoding: 'buffer' })) {
    out.push(`${Buffer.from(k).toString('hex')}=${Buffer.from(v).toString('hex')}`)
  }
  return out
}
