// Sortition trees in LevelDB: save after each batch, reopen without a rebuild,
// same root and leaves, one atomic write per batch; memory-level for speed and
// a real `level` database in a temp dir for reopening.
import assert from 'node:assert/strict'
import { MemoryLevel } from 'memory-level'
import type { RootDb } from '../../src/store/db.js'
import { openDb, bytesSub } from '../../src/store/db.js'
import { SortitionRepository } from '../../src/store/sortition-repo.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import type { TreeOp } from '../../src/sortition/tree.js'
import { SPACE } from '../../src/sortition/space.js'
import { predicateHash } from '../../src/sortition/predicate.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import { leafHash } from '../../src/sortition/hashing.js'
import type { Leaf } from '../../src/sortition/hashing.js'
import { SortitionError } from '../../src/sortition/errors.js'
import { toHex } from '../../src/crypto/bytes.js'
import { tempDir, cleanupDirs } from '../helpers/nodes.js'

const b32 = (n: number): Uint8Array => new Uint8Array(32).fill(n)
const user = (n: number): Leaf => ({ owner: { kind: 'user', publicKey: b32(n & 0xff) }, custody: b32((n + 1) & 0xff) })
const CHAIN = b32(0xc1)
const OTHER = b32(0xc2)
const RED: Predicate = { kind: 'oracle', oracle: b32(7), question: 'q', outcome: 'red' }

function memDb (): RootDb {
  return new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
}

function snapshot (t: SortitionTree): string[] {
  return [...t.entries()].map(e => `${e.region.lo}:${e.region.hi}:${e.region.conditions.map(c => toHex(c.predicate) + String(c.value)).join(',')}:${toHex(leafHash(e.leaf))}`)
}

/** n regions issued in order, then some splits, a predicate split and a child chain with a commitment */
function batches (n: number, per: number): TreeOp[][] {
  const w = SPACE / BigInt(n + 1)
  const out: TreeOp[][] = []
  for (let i = 0; i < n; i += per) {
    const b: TreeOp[] = []
    for (let j = i; j < Math.min(n, i + per); j++) b.push({ op: 'issue', lo: BigInt(j) * w, hi: BigInt(j + 1) * w, leaf: user(j) })
    out.push(b)
  }
  const yes = [{ predicate: predicateHash(RED), value: true }]
  out.push([
    { op: 'split-point', at: w / 2n },
    { op: 'split-predicate', point: w * 3n, predicate: RED },
    { op: 'transfer', point: w * 3n, conditions: yes, leaf: { owner: { kind: 'child', chainId: b32(9) }, custody: b32(10) } },
    { op: 'set-commitment', point: w * 3n, conditions: yes, commitment: b32(11) },
    { op: 'transfer', point: w * 5n, leaf: user(77) }
  ])
  return out
}

describe('sortition repository', () => {
  after(cleanupDirs)

  it('saves each batch in one atomic write and loads the same tree without rehashing', async () => {
    const db = memDb()
    const repo = new SortitionRepository(db)
    const tree = new SortitionTree()
    let writes = 0
    ;(db as any).on('write', () => { writes++ })
    for (const b of batches(300, 50)) {
      tree.apply(b)
      const before = writes
      await repo.save(CHAIN, tree)
      assert.equal(writes, before + 1, 'one atomic write per batch')
      const back = await repo.load(CHAIN)
      assert.ok(back != null)
      assert.deepEqual(back.root(), tree.root())
      assert.deepEqual(await repo.storedRoot(CHAIN), tree.root())
    }
    const back = (await repo.load(CHAIN))!
    assert.deepEqual(snapshot(back), snapshot(tree))
    assert.equal(back.leafCount, tree.leafCount)
    assert.ok(back.verifyHashes(), 'stored hashes are the hashes of the stored contents')
    // the reloaded tree takes further batches exactly like the original
    const more: TreeOp[] = [{ op: 'split-point', at: 12345n }, { op: 'transfer', point: 12345n, leaf: user(3) }]
    assert.deepEqual(back.apply(more), tree.apply(more))
    await repo.save(CHAIN, back)
    assert.deepEqual((await repo.load(CHAIN))!.root(), tree.root())
    assert.equal(await repo.load(OTHER), undefined)
  })

  it('keeps chains apart and deletes one without touching the other', async () => {
    const repo = new SortitionRepository(memDb())
    const a = new SortitionTree()
    a.apply([{ op: 'issue', lo: 0n, hi: 10n, leaf: user(1) }])
    const b = new SortitionTree()
    b.apply([{ op: 'issue', lo: 5n, hi: 10n, leaf: user(2) }])
    await repo.save(CHAIN, a)
    await repo.save(OTHER, b)
    assert.deepEqual((await repo.load(CHAIN))!.root(), a.root())
    assert.deepEqual((await repo.load(OTHER))!.root(), b.root())
    await repo.delete(CHAIN)
    assert.equal(await repo.load(CHAIN), undefined)
    assert.deepEqual((await repo.load(OTHER))!.root(), b.root())
  })

  it('detects a missing or altered root node as a corrupt store', async () => {
    const db = memDb()
    const repo = new SortitionRepository(db)
    const t = new SortitionTree()
    t.apply(batches(20, 20)[0])
    await repo.save(CHAIN, t)
    const nodes = bytesSub(db, 'sortition-nodes')
    const rootKey = `${toHex(CHAIN)}.${String(t.rootNode).padStart(10, '0')}`
    const rec = (await nodes.get(rootKey))!
    const bad = rec.slice()
    bad[5] ^= 1
    await nodes.put(rootKey, bad)
    await assert.rejects(repo.load(CHAIN), (e: any) => e instanceof SortitionError && e.code === 'CORRUPT_STORE')
    await nodes.del(rootKey)
    await assert.rejects(repo.load(CHAIN), (e: any) => e instanceof SortitionError && e.code === 'CORRUPT_STORE')
  })

  it('a real LevelDB: 20,000 leaves survive closing and reopening', async () => {
    const dir = await tempDir('sortlift-sortition-')
    let db = await openDb(dir)
    const tree = new SortitionTree()
    for (const b of batches(20_000, 5_000)) {
      tree.apply(b)
      await new SortitionRepository(db).save(CHAIN, tree)
    }
    await db.close()
    db = await openDb(dir)
    const back = (await new SortitionRepository(db).load(CHAIN))!
    assert.deepEqual(back.root(), tree.root())
    assert.equal(back.leafCount, tree.leafCount)
    const ops: TreeOp[] = [{ op: 'transfer', point: 7n, leaf: user(99) }]
    back.apply(ops)
    tree.apply(ops)
    await new SortitionRepository(db).save(CHAIN, back)
    await db.close()
    db = await openDb(dir)
    const again = (await new SortitionRepository(db).load(CHAIN))!
    assert.deepEqual(again.root(), tree.root())
    assert.ok(again.verifyHashes())
    await db.close()
  })
})
