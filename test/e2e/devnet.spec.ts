// The devnet: topology files, the bootstrap plan, and real node processes on
// 127.0.0.1 set up from the shipped three-node topology, driven both through
// the Devnet class and through the devnet's command line.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ApiClient } from '../../src/api/client.js'
import { Devnet } from '../../src/devnet/devnet.js'
import { applyTopology, balances } from '../../src/devnet/setup.js'
import { checkDht, requiredPeers, waitForPeers } from '../../src/devnet/check.js'
import { loadTopology, parseTopology, TopologyError } from '../../src/devnet/topology.js'
import { plan, plannedDegrees } from '../../src/devnet/plan.js'
import { waitFor } from '../../src/devnet/wait.js'

const MAIN = fileURLToPath(new URL('../../src/devnet/main.js', import.meta.url))
const TOPOLOGY_3 = fileURLToPath(new URL('../../../devnet/topology-3.json', import.meta.url))

function problems (json: unknown): string[] {
  try {
    parseTopology(json, 't.json')
  } catch (err) {
    if (err instanceof TopologyError) return err.problems
    throw err
  }
  assert.fail('expected the topology to be rejected')
}

function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err: any) {
    return err.code === 'EPERM'
  }
}

describe('devnet', function () {
  this.timeout(60_000)
  const dirs: string[] = []
  const tempDir = async (): Promise<string> => {
    const d = await mkdtemp(join(tmpdir(), 'sortlift-devnet-'))
    dirs.push(d)
    return d
  }
  after(async () => {
    await Promise.all(dirs.map(async d => await rm(d, { recursive: true, force: true })))
  })

  describe('topology files', () => {
    it('parses the shipped three-node topology', async () => {
      const t = await loadTopology(TOPOLOGY_3)
      assert.deepEqual(t.nodes.map(n => n.name), ['alpha', 'beta', 'gamma'])
      assert.equal(t.tallies.length, 2)
      assert.deepEqual(t.tallies[0].stock, { user: 'alice', node: 'alpha' })
      assert.equal(t.tallies[0].limit, 100000n)
      assert.equal(t.tallies[0].balance, 25000n)
      assert.equal(t.tallies[1].balance, -4500n)
      assert.equal(t.tallies[1].proposer, 'foil')
    })

    it('resolves bare user names when unique and defaults the optional fields', () => {
      const t = parseTopology({ nodes: [{ name: 'a', users: ['x'] }, { name: 'b', users: ['y'] }], tallies: [{ stock: 'x', foil: 'y' }] })
      assert.deepEqual(t.tallies, [{ stock: { user: 'x', node: 'a' }, foil: { user: 'y', node: 'b' }, balance: 0n, proposer: 'stock', memo: 'opening balance' }])
    })

    it('reports every problem with its path', () => {
      const p = problems({
        nodes: [{ name: 'A', users: ['x'] }, { name: 'b', users: ['x', 'Bad', 'x'] }, { name: 'b' }],
        tallies: [
          { stock: 'x', foil: 'x@b' },
          { stock: 'x@b', foil: 'nobody', balance: '1.5' },
          { stock: 'x@b', foil: 'x@c', limit: '-1' }
        ],
        extra: true
      })
      const has = (path: string, text: string): void => {
        assert.ok(p.some(x => x.startsWith(path) && x.includes(text)), `expected "${path}: ...${text}..." in:\n${p.join('\n')}`)
      }
      has('extra', 'unknown field')
      has('nodes[0].name', 'lowercase')
      has('nodes[1].users[1]', 'not a user name')
      has('nodes[1].users[2]', 'duplicate user')
      has('nodes[2].name', 'duplicate node name')
      // node "A" is rejected, so the bare "x" means the x on b, and x@b is on b too
      has('tallies[0]', 'stock and foil are both x@b')
      has('tallies[1].foil', 'no node has a user "nobody"')
      has('tallies[1].balance', 'integer number of milli-units')
      has('tallies[2].foil', 'no node named "c"')
      has('tallies[2].limit', 'must not be negative')
    })

    it('rejects a tally of a user with itself, a second tally per pair and openings over the limit', () => {
      const nodes = [{ name: 'a', users: ['x', 'z'] }, { name: 'b', users: ['y'] }]
      assert.match(problems({ nodes, tallies: [{ stock: 'x', foil: 'x@a' }] })[0], /both x@a; a tally joins two different users/)
      assert.match(problems({ nodes, tallies: [{ stock: 'x', foil: 'z' }, { stock: 'z@a', foil: 'x@a' }] })[0], /already share tallies\[0\]/)
      assert.match(problems({ nodes, tallies: [{ stock: 'x', foil: 'y' }, { stock: 'y', foil: 'x' }] })[0], /already share tallies\[0\]/)
      assert.match(problems({ nodes, tallies: [{ stock: 'x', foil: 'y', limit: 10, balance: 11 }] })[0], /over the limit of 10/)
      // A negative opening (the stock owes the foil) is not bounded by the limit.
      assert.equal(parseTopology({ nodes, tallies: [{ stock: 'x', foil: 'y', limit: 10, balance: -11 }] }).tallies[0].balance, -11n)
    })
  })

  describe('bootstrap plan', () => {
    it('gives every node at least 3 peers from 4 nodes on, whatever the parallelism', () => {
      for (let n = 4; n <= 40; n++) {
        for (let lag = 0; lag <= 3; lag++) {
          const p = plan(Array.from({ length: n }, (_, i) => `n${i}`), { fanout: 3, lag, basePort: 0 })
          p.forEach(x => assert.ok(x.bootstrap.every(b => b < x.index), 'targets are earlier nodes'))
          const deg = plannedDegrees(p)
          assert.ok(deg.every(d => d >= 3), `n=${n} lag=${lag}: degrees ${deg.join(',')}`)
        }
      }
    })

    it('lays out fixed ports two per node and checks they fit', () => {
      const p = plan(['a', 'b', 'c'], { fanout: 3, lag: 1, basePort: 47470 })
      assert.deepEqual(p.map(x => [x.p2pPort, x.apiPort]), [[47470, 47471], [47472, 47473], [47474, 47475]])
      assert.throws(() => plan(['a', 'b'], { fanout: 3, lag: 0, basePort: 65534 }), /no room/)
    })
  })

  describe('three nodes from devnet/topology-3.json', () => {
    let net: Devnet | undefined
    after(async () => { await net?.stop() })

    it('starts, connects, builds the tallies with their opening balances, and stops cleanly', async () => {
      const topo = await loadTopology(TOPOLOGY_3)
      const runDir = await tempDir()
      net = await Devnet.start(topo.nodes.map(n => n.name), { runDir, basePort: 0, fanout: 3, parallel: 2, startTimeoutMs: 30_000 })
      assert.deepEqual(net.nodes.map(n => n.dir), ['alpha', 'beta', 'gamma'].map(n => join(runDir, n)))
      assert.deepEqual(net.node('gamma').bootstrap.sort(), ['alpha', 'beta'])

      const peers = await waitForPeers(net, requiredPeers(3), 15_000)
      assert.ok(peers.ok, peers.error)
      const created = await applyTopology(net, topo, { timeoutMs: 15_000 })
      assert.equal(created.length, 2)

      // Check over the API, with clients found through the data directories.
      const api = Object.fromEntries(await Promise.all(net.nodes.map(async n => [n.name, await ApiClient.fromDataDir(n.dir)] as const)))
      const ids = Object.fromEntries(net.nodes.map(n => [n.name, n.proc.info.peerId]))
      for (const name of ['alpha', 'beta', 'gamma']) {
        const p: Array<{ peerId: string }> = await api[name].get('/peers')
        const others = Object.entries(ids).filter(([n]) => n !== name).map(([, id]) => id).sort()
        assert.deepEqual(p.map(x => x.peerId).filter(id => others.includes(id)).sort(), others, `${name} is connected to the other two`)
      }
      const [ab, bc] = created.map(c => c.id)
      const half = async (node: string, id: string, user: string): Promise<any> => await api[node].get(`/tallies/${id}?user=${user}`)
      const aliceHalf = await half('alpha', ab, 'alice')
      assert.equal(aliceHalf.side, 'stock')
      assert.equal(aliceHalf.partner, `bob@${ids.beta}`)
      assert.equal(aliceHalf.limit, '100000')
      assert.equal(aliceHalf.state, 'open')
      assert.equal(aliceHalf.balance, '25000', 'bob (foil) owes alice (stock) 25.000')
      assert.equal((await half('beta', ab, 'bob')).balance, '-25000')
      assert.equal((await half('beta', bc, 'bob')).balance, '-4500', 'bob (stock) owes carol (foil) 4.500')
      const carolHalf = await half('gamma', bc, 'carol')
      assert.equal(carolHalf.side, 'foil')
      assert.equal(carolHalf.balance, '4500')
      assert.equal(carolHalf.proposedByMe, true)
      assert.ok((await balances(net, created)).every(b => b.ok))
      assert.deepEqual((await api.beta.get('/users')).map((u: any) => u.name), ['bob'])

      const dht = await checkDht(net, 15_000)
      assert.ok(dht.ok, JSON.stringify(dht.results))
      assert.equal(dht.querier, 'gamma')
      for (const r of dht.results) assert.ok(r.addresses.some(a => a.includes(`/tcp/${net!.node(r.target).proc.p2pPort}`)))

      const pids = net.nodes.map(n => n.proc.pid)
      const stopped = await net.stop()
      net = undefined
      assert.deepEqual(stopped.map(s => [s.code, s.forced]), [[0, false], [0, false], [0, false]], 'every node exits 0 on SIGTERM')
      assert.ok(pids.every(p => !isAlive(p)))
      await assert.rejects(stat(join(runDir, 'alpha', 'api.json')), 'the node removed its api.json')
    })
  })

  describe('the devnet command', () => {
    let child: ChildProcess | undefined
    afterEach(async () => {
      if (child != null && child.exitCode == null && child.signalCode == null) {
        const exited = new Promise(resolve => child!.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      child = undefined
    })

    const run = (...args: string[]): { proc: ChildProcess, out: () => string, err: () => string, exit: Promise<number | null> } => {
      const proc = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      child = proc
      let out = ''
      let err = ''
      proc.stdout!.on('data', d => { out += d })
      proc.stderr!.on('data', d => { err += d })
      const exit = new Promise<number | null>(resolve => proc.once('exit', code => resolve(code)))
      return { proc, out: () => out, err: () => err, exit }
    }

    it('runs a topology until SIGINT, then stops every node', async () => {
      const runDir = await tempDir()
      const r = run('--topology', TOPOLOGY_3, '--dir', runDir, '--base-port', '0', '--json')
      let exited = false
      void r.exit.then(() => { exited = true })
      await waitFor(() => exited || r.err().includes('devnet: ready'), { what: 'the devnet to be ready', timeoutMs: 40_000, intervalMs: 50 })
      assert.ok(!exited, `devnet exited early: ${r.err()}`)
      const summary = JSON.parse(r.out())
      assert.deepEqual(summary.nodes.map((n: any) => n.name), ['alpha', 'beta', 'gamma'])
      assert.ok(summary.nodes.every((n: any) => n.peers >= 2))
      assert.deepEqual(summary.tallies.map((t: any) => [t.stock, t.foil, t.stockBalance, t.foilBalance, t.ok]), [
        ['alice@alpha', 'bob@beta', '25000', '-25000', true],
        ['bob@beta', 'carol@gamma', '-4500', '4500', true]
      ])
      // The nodes answer like any node, through their data directories.
      const beta = await ApiClient.fromDataDir(join(runDir, 'beta'))
      const betaTallies: any[] = await beta.get('/tallies?user=bob')
      assert.deepEqual(betaTallies.map(t => t.balance).sort(), ['-25000', '-4500'])

      r.proc.kill('SIGINT')
      assert.equal(await r.exit, 0)
      assert.match(r.err(), /stopped 3 nodes\n/)
      assert.doesNotMatch(r.err(), /killed after the grace period|exited with errors/)
      assert.ok(summary.nodes.every((n: any) => !isAlive(n.pid)), 'no node process is left')
    })

    it('--check passes on four nodes and exits 0 after stopping them', async () => {
      const runDir = await tempDir()
      const r = run('--nodes', '4', '--check', '--dir', runDir, '--base-port', '0', '--timeout', '20')
      const code = await r.exit
      assert.equal(code, 0, r.out() + r.err())
      assert.match(r.out(), /^PASS: 4 nodes up in .*DHT resolved 3\/3 PeerIds from node-4/m)
      assert.match(r.out(), /^node-1 +12D3KooW/m)
      assert.match(r.err(), /\[4\/4\] starting node-4\.\.\. \(bootstrap: /)
      assert.match(r.err(), /stopped 4 nodes\n/)
    })

    it('rejects bad usage and a bad topology with exit status 2', async () => {
      const r = run('--topology', join(await tempDir(), 'missing.json'))
      assert.equal(await r.exit, 2)
      assert.match(r.err(), /missing\.json: invalid topology:\n {2}- no such file/)
      const u = run('--nodes', '0')
      assert.equal(await u.exit, 2)
      assert.match(u.err(), /--nodes must be 1\.\./)
    })
  })
})
