// The machine probes the chits benchmark prints beside its latencies: they
// must measure something real (a signature really made, a byte really echoed
// by another process) and leave no process behind.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { machineSpeed, loopbackRoundTrip } from '../../bench/lib.js'

describe('benchmark machine probes', function () {
  it('machineSpeed: microseconds to encode, sign and hash a chit, a positive integer', async () => {
    const us = await machineSpeed(3, 50)
    assert.ok(Number.isInteger(us) && us > 0 && us < 100_000, String(us))
  })

  it('loopbackRoundTrip: an echo through another process over 127.0.0.1; p50 <= p99; the echo process is gone after', async () => {
    const before = await childPids()
    const rt = await loopbackRoundTrip(200)
    assert.ok(rt.p50 > 0 && rt.p50 <= rt.p99, JSON.stringify(rt))
    // the echo server was killed: no child of ours that was not there before survives it (bounded wait: a kill is asynchronous)
    const added = async (): Promise<number[]> => (await childPids()).filter(p => !before.includes(p))
    const deadline = Date.now() + 5000
    while ((await added()).length > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
    assert.deepEqual(await added(), [])
  })
})

async function childPids (): Promise<number[]> {
  try {
    const text = await readFile(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
    return text.trim() === '' ? [] : text.trim().split(/\s+/).map(Number).sort()
  } catch {
    return []
  }
}
