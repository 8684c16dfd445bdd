// The operator's operation log on disk: operations are numbered in order per
// height across a reopen, a commitment moves logging to the next height, and
// each operation lands in the same batch as its tree change. The follower's
// store: one batch per height, read back in order.
import assert from 'node:assert/strict'
import { MemoryLevel } from 'memory-level'
import type { RootDb } from '../../src/store/db.js'
import { ChainRepository } from '../../src/store/chain-repo.js'
import type { ChainState } from '../../src/store/chain-repo.js'
import { FollowRepository } from '../../src/store/follow-repo.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { generateSigner } from '../../src/crypto/keys.js'
import { toHex } from '../../src/crypto/bytes.js'
import { commitmentToJson } from '../../src/sortition/commitment.js'
import { chainToJson } from '../../src/sortition/chain.js'
import { ChainBuilder } from '../helpers/chain-builder.js'
import { dbSnapshot } from '../helpers/db.js'

function memDb (): RootDb {
  return new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
}

describe('operation log storage', () => {
  it('numbers operations per height in order, across a reopen, and starts again at the next height', async () => {
    const db = memDb()
    const b = await ChainBuilder.create((await generateSigner()).signer)
    const id = toHex(b.chain.id)
    const tree = new SortitionTree()
    const state: ChainState = { record: chainToJson(b.chain), operatorUser: 'op', head: 0, touched: [], children: {} }
    const op = (n: number): Uint8Array => Uint8Array.of(n)
    let repo = new ChainRepository(db)
    await repo.write(state, tree, { commitment: commitmentToJson(b.head) })
    await repo.write(state, tree, { op: op(1) })
    await repo.write(state, tree, { op: op(2) })
    repo = new ChainRepository(db) // a restart: the counter comes back from disk
    for (let i = 3; i <= 11; i++) await repo.write(state, tree, { op: op(i) })
    assert.deepEqual((await repo.opLog(id, 1)).map(x => x[0]), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    assert.deepEqual(await repo.opLog(id, 0), [])
    // height 1 committed: the next operations belong to height 2
    const h1 = await b.commit()
    await repo.write({ ...state, head: 1 }, tree, { commitment: commitmentToJson(h1.commitment) })
    await repo.write({ ...state, head: 1 }, tree, { op: op(12) })
    assert.deepEqual((await repo.opLog(id, 2)).map(x => x[0]), [12])
    assert.equal((await repo.opLog(id, 1)).length, 11)
    assert.deepEqual((await repo.commitmentRange(id, 0, 5)).map(c => c.height), [0, 1])
    assert.deepEqual((await repo.commitmentRange(id, 1, 1)).map(c => c.height), [1])
  })

  it('the follower store writes a height in one batch and reads it back; a write for another height is refused', async () => {
    const db = memDb()
    const b = await ChainBuilder.create((await generateSigner()).signer)
    const id = toHex(b.chain.id)
    const repo = new FollowRepository(db)
    const tree = new SortitionTree()
    const state = { record: chainToJson(b.chain), head: 0, added: 1, syncedAt: 1 }
    await repo.writeHeight(state, tree, commitmentToJson(b.head), [])
    const before = await dbSnapshot(db)
    await assert.rejects(repo.writeHeight({ ...state, head: 3 }, tree, commitmentToJson(b.head), [Uint8Array.of(1)]))
    assert.deepEqual(await dbSnapshot(db), before)
    const h1 = await b.commit()
    await repo.writeHeight({ ...state, head: 1 }, tree, commitmentToJson(h1.commitment), [Uint8Array.of(7), Uint8Array.of(8)])
    assert.deepEqual((await repo.opLog(id, 1)).map(x => x[0]), [7, 8])
    assert.equal((await repo.get(id))?.head, 1)
    assert.deepEqual((await repo.commitmentRange(id, 0, 10)).map(c => c.height), [0, 1])
    assert.ok(await repo.trees.load(b.chain.id) != null)
  })
})
