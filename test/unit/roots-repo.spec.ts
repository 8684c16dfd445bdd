// What gossip of chain commitments may leave on disk is bounded: a window of
// the latest heights per chain, and a number of chains (the stalest goes).
import assert from 'node:assert/strict'
import { MemoryLevel } from 'memory-level'
import type { RootDb } from '../../src/store/db.js'
import { RootsRepository } from '../../src/store/roots-repo.js'
import type { SeenHead } from '../../src/store/roots-repo.js'

const db = (): RootDb => new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
const idOf = (n: number): string => n.toString(16).padStart(64, '0')
// The repository reads only the chain id, the height and the hash of what it keeps.
const seen = (chain: number, height: number, at: number): SeenHead =>
  ({ chain: { id: idOf(chain) }, commitment: { height, hash: `h${chain}.${height}` }, from: 'peer', receivedAt: at }) as unknown as SeenHead

async function heightsOf (d: RootDb, chain: number): Promise<number[]> {
  const out: number[] = []
  for await (const k of (d as any).sublevel('roots-commitments', { keyEncoding: 'utf8', valueEncoding: 'utf8' }).keys()) {
    if (k.startsWith(idOf(chain) + '.')) out.push(Number(k.split('.')[1]))
  }
  return out
}

describe('roots repository bounds', () => {
  it('keeps the latest heights of a chain and drops what falls out of the window', async () => {
    const d = db()
    const repo = new RootsRepository(d, { maxHeights: 4 })
    for (let h = 1; h <= 10; h++) await repo.record(seen(1, h, h))
    assert.deepEqual(await heightsOf(d, 1), [7, 8, 9, 10])
    assert.equal((await repo.head(idOf(1)))?.commitment.height, 10)
    assert.equal((await repo.byHash(idOf(1), 'h1.8'))?.height, 8)
    assert.equal(await repo.byHash(idOf(1), 'h1.3'), undefined)
    // a late, old height is not stored; one inside the window is
    await repo.record(seen(1, 2, 11))
    await repo.record(seen(1, 9, 12))
    assert.deepEqual(await heightsOf(d, 1), [7, 8, 9, 10])
    // heights that skip ahead clear the window below them
    await repo.record(seen(1, 30, 13))
    assert.deepEqual(await heightsOf(d, 1), [30])
  })

  it('keeps at most maxChains chains: a new one evicts the chain updated longest ago, with its commitments', async () => {
    const d = db()
    const repo = new RootsRepository(d, { maxChains: 3 })
    await repo.record(seen(1, 1, 100))
    await repo.record(seen(2, 1, 200))
    await repo.record(seen(3, 1, 300))
    await repo.record(seen(1, 2, 400)) // chain 1 is fresh again; chain 2 is now the stalest
    await repo.record(seen(4, 1, 500))
    assert.equal(await repo.count(), 3)
    assert.equal(await repo.head(idOf(2)), undefined)
    assert.deepEqual(await heightsOf(d, 2), [])
    assert.deepEqual((await repo.list()).map(h => h.chain.id).sort(), [idOf(1), idOf(3), idOf(4)])
    // a reopened repository counts what is on disk
    const again = new RootsRepository(d, { maxChains: 3 })
    assert.equal(await again.count(), 3)
    await again.record(seen(5, 1, 600))
    assert.equal(await again.head(idOf(3)), undefined)
    assert.equal(await again.count(), 3)
  })
})
