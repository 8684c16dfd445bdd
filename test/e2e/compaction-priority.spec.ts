import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tempDir, cleanupDirs, startNode } from '../helpers/nodes.js'
import { lowerCompactionPriority } from '../../src/store/compaction-priority.js'
import { openDb } from '../../src/store/db.js'
import type { RootDb } from '../../src/store/db.js'
import { MemoryLevel } from 'memory-level'

const run = promisify(execFile)
const distSrc = fileURLToPath(new URL('../../src/', import.meta.url))

/** The nice value of one thread of a process, from /proc. */
function niceField (stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
}

describe('LevelDB compaction thread priority', function () {
  this.timeout(30_000)
  after(cleanupDirs)

  it('a fresh process finds LevelDB\'s background thread and lowers only its priority', async function () {
    if (process.platform !== 'linux') this.skip()
    const dir = await tempDir()
    // A process of its own: in this one the thread may already run (earlier tests opened databases).
    const script = join(dir, 'probe.mjs')
    await writeFile(script, `
      import { readdirSync, readFileSync } from 'node:fs'
      import { openDb } from ${JSON.stringify(join(distSrc, 'store/db.js'))}
      import { lowerCompactionPriority } from ${JSON.stringify(join(distSrc, 'store/compaction-priority.js'))}
      const db = await openDb(${JSON.stringify(join(dir, 'db'))})
      const result = await lowerCompactionPriority(db, 10)
      const again = await lowerCompactionPriority(db, 12)
      const threads = readdirSync('/proc/self/task').map(t => [Number(t), readFileSync('/proc/self/task/' + t + '/stat', 'utf8')])
      await db.put('k', 'v')
      console.log(JSON.stringify({ result, again, threads, pid: process.pid }))
      await db.close()
    `)
    const { stdout } = await run(process.execPath, [script])
    const { result, again, threads, pid } = JSON.parse(stdout) as { result: any, again: any, threads: Array<[number, string]>, pid: number }
    assert.equal(result.lowered, true, JSON.stringify(result))
    assert.equal(result.nice, 10)
    assert.deepEqual(again, result, 'the thread is per process: a second call reports the first')
    const niced = threads.filter(([, stat]) => niceField(stat) !== 0)
    assert.deepEqual(niced.map(([tid]) => tid), [result.thread], 'only the compaction thread is lowered')
    assert.equal(niceField(niced[0][1]), 10)
    assert.notEqual(result.thread, pid, 'not the main thread')
  })

  it('refuses nice values outside 1..19 and databases without a compaction thread', async () => {
    const dir = await tempDir()
    const db = await openDb(join(dir, 'db'))
    try {
      for (const bad of [0, 20, 1.5, -3]) {
        const r = await lowerCompactionPriority(db, bad)
        assert.equal(r.lowered, false)
        assert.match((r as { reason: string }).reason, /not an integer from 1 to 19/)
      }
    } finally {
      await db.close()
    }
    const mem = new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' }) as unknown as RootDb
    assert.deepEqual(await lowerCompactionPriority(mem, 10), { lowered: false, reason: 'the database has no compaction thread' })
  })

  it('a node refuses a storage.compactionNice it cannot use, before opening anything', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'config.json'), JSON.stringify({ storage: { compactionNice: 25 } }))
    await assert.rejects(startNode(dir), /storage\.compactionNice must be an integer from 0 to 19, not 25/)
    // The data directory was not locked by the failed start.
    await writeFile(join(dir, 'config.json'), JSON.stringify({ storage: { compactionNice: 0 } }))
    const node = await startNode(dir)
    await node.stop()
  })
})
