// The sortition acceptance scenario on nine real node processes, through the
// devnet command: a three-level hierarchy of chains bought with chits and
// payment lifts, a follower serving a proof while its operator is stopped,
// a grandchild commitment proven in the top root, and settlement from the top
// chain down to a buyer, each layer's winner paid exactly the chain's value.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../src/devnet/main.js', import.meta.url))
const SCENARIO = fileURLToPath(new URL('../../../devnet/scenarios/sortition-hierarchy.json', import.meta.url))

describe('sortition hierarchy scenario (9 node processes)', function () {
  this.timeout(240_000)
  let dir: string
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'sortlift-hier-')) })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('passes: purchases, follower proofs with the operator stopped, roots, settlement to a buyer two levels down', async () => {
    const proc = spawn(process.execPath, [MAIN, '--scenario', SCENARIO, '--dir', dir, '--base-port', '0', '--json', '--timeout', '120'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    proc.stdout.on('data', d => { out += d })
    proc.stderr.on('data', d => { err += d })
    const killer = setTimeout(() => proc.kill('SIGINT'), 220_000)
    const code = await new Promise<number | null>(resolve => proc.once('exit', c => resolve(c)))
    clearTimeout(killer)
    const doc = JSON.parse(out)
    const failed = doc.steps.filter((s: any) => s.ok !== true).map((s: any) => `${s.index + 1} ${s.step}: ${s.details}`)
    assert.deepEqual(failed, [], err.split('\n').slice(-20).join('\n'))
    assert.equal(code, 0)
    assert.equal(doc.ok, true)
    const settle = doc.steps.find((s: any) => s.kind === 'settle')
    // three layers: top → child → grandchild → a buyer on market (every leaf is sold)
    assert.equal(settle.data.length, 3, JSON.stringify(settle.data))
    assert.match(settle.data[2].winner, /^(ann|ben|cat)@market$/)
    assert.deepEqual(settle.data.map((l: any) => l.units), ['90000', '90000', '30000'])
    assert.deepEqual(doc.stopped.map((s: any) => s.forced), new Array(9).fill(false))
  })
})
