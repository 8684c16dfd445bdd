// The devnet as a user runs it: real node processes from a topology file.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { tempDir, cleanupDirs } from '../helpers/nodes.js'
import { parseTopology, TopologyError } from '../../src/devnet/topology.js'

const DEVNET = join(process.cwd(), 'dist', 'src', 'devnet', 'main.js')

async function devnet (...args: string[]): Promise<{ code: number, stdout: string, stderr: string }> {
  return await new Promise((resolve) => {
    execFile(process.execPath, [DEVNET, ...args], { timeout: 90_000 }, (err: any, stdout, stderr) => {
      resolve({ code: err == null ? 0 : (typeof err.code === 'number' ? err.code : 1), stdout, stderr })
    })
  })
}

describe('devnet', function () {
  this.timeout(100_000)
  after(cleanupDirs)

  it('starts a topology, creates its tallies with opening balances, and passes its checks', async () => {
    const dir = await tempDir()
    const r = await devnet('--topology', 'devnet/topology-3.json', '--check', '--json', '--base-port', '0', '--dir', dir)
    assert.equal(r.code, 0, r.stderr)
    const out = JSON.parse(r.stdout)
    assert.equal(out.nodes.length, 3)
    assert.ok(out.nodes.every((n: any) => n.peers >= 2), 'every node sees the other two')
    assert.equal(out.tallies.length, 2)
    const [ab, bc] = out.tallies
    assert.deepEqual([ab.stockBalance, ab.foilBalance, ab.state], ['25000', '-25000', 'open'])
    assert.deepEqual([bc.stockBalance, bc.foilBalance, bc.state], ['-4500', '4500', 'open'])
    assert.ok(out.dht.results.every((x: any) => x.ok), 'the DHT resolves every PeerId')
    assert.match(r.stderr, /PASS/)
    assert.match(r.stderr, /stopped 3 nodes/)
  })

  it('refuses a broken topology with every problem and its path', async () => {
    assert.throws(() => parseTopology({
      nodes: [{ name: 'a', users: ['x'] }, { name: 'a', users: ['Bad Name'] }],
      tallies: [{ stock: 'x@a', foil: 'nobody', balance: '1.5' }]
    }), (e: any) => e instanceof TopologyError &&
      /nodes\[1\]\.name: duplicate/.test(e.message) &&
      /nodes\[1\]\.users\[0\]/.test(e.message) &&
      /tallies\[0\]\.foil: no node has a user "nobody"/.test(e.message) &&
      /tallies\[0\]\.balance: must be an integer/.test(e.message))
    const r = await devnet('--nodes', '0')
    assert.equal(r.code, 2)
    assert.match(r.stderr, /--nodes must be/)
  })
})
