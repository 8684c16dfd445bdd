import assert from 'node:assert/strict'
import { MemoryLevel } from 'memory-level'
import { WriteQueue } from '../../src/store/write-queue.js'
import { writeBatch, writeQueueOf, textSub } from '../../src/store/db.js'
import type { RootDb, BatchOp } from '../../src/store/db.js'

function memDb (): RootDb {
  return new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
}

describe('write queue', () => {
  it('writes the changes of one burst in one LevelDB batch, each atomic, and runs onCommit before its writer resumes', async () => {
    const db = memDb()
    const sub = textSub(db, 'x')
    const committed: string[] = []
    const put = (key: string, value: string): BatchOp => ({ type: 'put', sublevel: sub, key, value, onCommit: () => { committed.push(key) } })
    const before = { ...writeQueueOf(db).counters }
    await Promise.all([
      writeBatch(db, [put('a', '1'), put('b', '1')]).then(() => { assert.ok(committed.includes('a') && committed.includes('b')) }),
      writeBatch(db, [put('c', '1')]).then(() => { assert.ok(committed.includes('c')) }),
      writeBatch(db, [put('a', '2')])
    ])
    const counters = writeQueueOf(db).counters
    assert.equal(counters.batches - before.batches, 1)
    assert.equal(counters.changes - before.changes, 3)
    // Within the batch the later change to a key wins, as if written in turn.
    assert.equal(await sub.get('a'), '2')
    assert.equal(await sub.get('c'), '1')
  })

  it('queues changes made while a write is under way for the next batch, in order', async () => {
    const batches: string[][] = []
    let release!: () => void
    let first = true
    const queue = new WriteQueue<string>(async ops => {
      batches.push(ops)
      if (first) {
        first = false
        await new Promise<void>(resolve => { release = resolve })
      }
    })
    const order: string[] = []
    const w1 = queue.write({ ops: ['1'], done: () => order.push('1') })
    // Let the first batch go out, then queue two more while it is held.
    await new Promise(resolve => setImmediate(resolve))
    assert.deepEqual(batches, [['1']])
    const w2 = queue.write({ ops: ['2a', '2b'], done: () => order.push('2') })
    const w3 = queue.write({ ops: ['3'], done: () => order.push('3') })
    await new Promise(resolve => setImmediate(resolve))
    assert.deepEqual(batches, [['1']], 'nothing else is written while a batch is under way')
    release()
    await Promise.all([w1, w2, w3])
    assert.deepEqual(batches, [['1'], ['2a', '2b', '3']])
    assert.deepEqual(order, ['1', '2', '3'])
    assert.deepEqual(queue.counters, { batches: 2, changes: 3 })
  })

  it('a failing change fails alone: the group that held it is written change by change', async () => {
    const db = memDb()
    const sub = textSub(db, 'x')
    const good = writeBatch(db, [{ type: 'put', sublevel: sub, key: 'good', value: 'yes' }])
    // A value LevelDB refuses makes the whole batch it is in fail.
    const bad = writeBatch(db, [{ type: 'put', sublevel: sub, key: 'bad-1', value: 'fine' }, { type: 'put', sublevel: sub, key: 'bad-2', value: undefined }])
    const alsoGood = writeBatch(db, [{ type: 'put', sublevel: sub, key: 'also', value: 'yes' }])
    await assert.rejects(bad)
    await Promise.all([good, alsoGood])
    assert.equal(await sub.get('good'), 'yes')
    assert.equal(await sub.get('also'), 'yes')
    assert.equal(await sub.get('bad-1'), undefined, 'the failed change is not half written')
  })

  it('an onCommit that throws rejects only its own writer', async () => {
    const queue = new WriteQueue<string>(async () => {})
    const results = await Promise.allSettled([
      queue.write({ ops: ['a'], done: () => { throw new Error('cache upkeep failed') } }),
      queue.write({ ops: ['b'], done: () => {} })
    ])
    assert.equal(results[0].status, 'rejected')
    assert.match(String((results[0] as PromiseRejectedResult).reason), /cache upkeep failed/)
    assert.equal(results[1].status, 'fulfilled')
  })

  it('bounds a coalesced batch at 4096 ops; a larger change still goes alone', async () => {
    const sizes: number[] = []
    const queue = new WriteQueue<number>(async ops => { sizes.push(ops.length) })
    const ops = (n: number): number[] => Array.from({ length: n }, (_, i) => i)
    await Promise.all([queue.write({ ops: ops(3000), done: () => {} }), queue.write({ ops: ops(1000), done: () => {} }), queue.write({ ops: ops(200), done: () => {} }), queue.write({ ops: ops(5000), done: () => {} })])
    assert.deepEqual(sizes, [4000, 200, 5000])
  })
})
