// Devnet scenarios: the file format and its validator, same-node tallies, and
// the shipped direct-payments scenario run on real node processes (through the
// Devnet class and through the command), plus a scenario that must fail.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Devnet } from '../../src/devnet/devnet.js'
import { loadScenario, parseScenario, ScenarioError } from '../../src/devnet/scenario.js'
import type { PayStep, Scenario } from '../../src/devnet/scenario.js'
import { runScenario } from '../../src/devnet/scenario-run.js'
import { parseTopology, TopologyError } from '../../src/devnet/topology.js'

const MAIN = fileURLToPath(new URL('../../src/devnet/main.js', import.meta.url))
const SCENARIOS = fileURLToPath(new URL('../../../devnet/scenarios/', import.meta.url))
const DIRECT = join(SCENARIOS, 'direct-payments.json')

function problems (json: unknown): string[] {
  try {
    parseScenario(json, 's.json')
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems
    throw err
  }
  assert.fail('expected the scenario to be rejected')
}

function expectProblems (p: string[], wanted: Array<[string, string]>): void {
  for (const [path, text] of wanted) {
    assert.ok(p.some(x => x.startsWith(`${path}: `) && x.includes(text)), `expected "${path}: ...${text}..." in:\n${p.join('\n')}`)
  }
}

function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err: any) {
    return err.code === 'EPERM'
  }
}

interface Run { code: number | null, out: string, err: string }

async function command (...args: string[]): Promise<Run> {
  const proc = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  proc.stdout.on('data', d => { out += d })
  proc.stderr.on('data', d => { err += d })
  const timer = setTimeout(() => proc.kill('SIGINT'), 90_000)
  const code = await new Promise<number | null>(resolve => proc.once('exit', c => resolve(c)))
  clearTimeout(timer)
  return { code, out, err }
}

const NODES = [{ name: 'a', users: ['x', 'z'] }, { name: 'b', users: ['y'] }]

describe('devnet scenarios', function () {
  this.timeout(90_000)
  const dirs: string[] = []
  const tempDir = async (): Promise<string> => {
    const d = await mkdtemp(join(tmpdir(), 'sortlift-scenario-'))
    dirs.push(d)
    return d
  }
  after(async () => {
    await Promise.all(dirs.map(async d => await rm(d, { recursive: true, force: true })))
  })

  describe('same-node tallies and trading variables in topologies', () => {
    it('accepts a tally between two users of one node and parses per-side settings', () => {
      const t = parseTopology({
        nodes: NODES,
        tallies: [
          { stock: 'x', foil: 'z', balance: '-700' },
          { stock: 'y', foil: 'x', settings: { stock: { target: '500', bound: 1000, reward: '2500', clutch: -1000 }, foil: {} } }
        ]
      })
      assert.deepEqual(t.tallies[0].stock, { user: 'x', node: 'a' })
      assert.deepEqual(t.tallies[0].foil, { user: 'z', node: 'a' })
      assert.equal(t.tallies[0].settings, undefined)
      assert.deepEqual(t.tallies[1].settings, { stock: { target: 500n, bound: 1000n, reward: 2500, clutch: -1000 }, foil: { target: 0n, bound: 0n, reward: 0, clutch: 0 } })
    })

    it('reports bad settings with their paths', () => {
      let p: string[] = []
      try {
        parseTopology({
          nodes: NODES,
          tallies: [
            { stock: 'x', foil: 'y', settings: { stock: { target: '900', bound: '100' }, bar: {} } },
            { stock: 'z', foil: 'y', settings: { foil: { reward: 1_000_001, clutch: 'lots', extra: 1 } } },
            { stock: 'x', foil: 'z', settings: { stock: { reward: -500, clutch: 100 } } },
            { stock: 'y', foil: 'z', settings: [] }
          ]
        }, 't.json')
        assert.fail('expected problems')
      } catch (err) {
        if (!(err instanceof TopologyError)) throw err
        p = err.problems
      }
      expectProblems(p, [
        ['tallies[0].settings.bar', 'unknown field'],
        ['tallies[0].settings.stock.bound', 'at least the target (900)'],
        ['tallies[1].settings.foil.extra', 'unknown field'],
        ['tallies[1].settings.foil.reward', 'parts per million'],
        ['tallies[1].settings.foil.clutch', 'parts per million'],
        ['tallies[2].settings.stock', 'reward + clutch must not be negative'],
        ['tallies[3].settings', 'must be an object']
      ])
    })
  })

  describe('scenario files', () => {
    it('parses every shipped scenario', async () => {
      const files = (await readdir(SCENARIOS)).filter(f => f.endsWith('.json')).sort()
      assert.deepEqual(files, ['clearing-3-nodes.json', 'direct-payments.json', 'payment-3-nodes.json', 'payment-no-capacity.json', 'relay-killed.json', 'relay-stopped.json', 'sortition-hierarchy.json'])
      for (const f of files) {
        const s = await loadScenario(join(SCENARIOS, f))
        assert.ok(s.steps.length > 0, f)
        assert.ok(s.steps.some(x => x.kind === 'expect'), `${f} checks something`)
      }
      const pay3 = await loadScenario(join(SCENARIOS, 'payment-3-nodes.json'))
      assert.ok(pay3.tallies.every(t => t.settings?.stock?.target === 50000n), 'the receivers publish a target')
      const relay = await loadScenario(join(SCENARIOS, 'relay-stopped.json'))
      assert.deepEqual(relay.steps.map(s => s.kind), ['kill', 'pay', 'start', 'wait', 'expect'])
      assert.equal((relay.steps[0] as any).when, 'promised')
      assert.equal((relay.steps[1] as PayStep).async, false)
      const last = relay.steps[4]
      assert.ok(last.kind === 'expect' && last.balances?.size === 3)
      const killed = await loadScenario(join(SCENARIOS, 'relay-killed.json'))
      assert.equal((killed.steps[0] as PayStep).async, true)
      assert.ok(killed.steps.at(-1)?.kind === 'expect' && (killed.steps.at(-1) as any).balancesOneOf?.length === 2)
    })

    it('fills the defaults and accepts the short forms', () => {
      const s = parseScenario({
        nodes: NODES,
        tallies: [{ stock: 'x', foil: 'y' }, { stock: 'x', foil: 'z' }],
        steps: [
          { pay: { from: 'y', to: 'x@a', units: 2500 } },
          { pay: { from: 'x', to: 'z', units: '1', expect: ['void', 'error', 'void'], async: true, memo: 'm' }, note: 'hi' },
          { stop: 'b' },
          { start: { node: 'b' } },
          { kill: 'a' },
          { start: 'a' },
          { clear: { node: 'a', min: '100' } },
          { wait: { until: 'settled', timeout: 2.5 } },
          { wait: { ms: 20 } },
          { expect: {} },
          { expect: { balances: { x: '-1', 'y@b': 1 }, tallies: [{ stock: 'x', foil: 'z', balance: '-5' }] } }
        ]
      })
      assert.deepEqual(s.steps[0], { kind: 'pay', from: { user: 'y', node: 'b' }, to: { user: 'x', node: 'a' }, units: 2500n, expect: ['good'], async: false })
      assert.deepEqual(s.steps[1], { kind: 'pay', from: { user: 'x', node: 'a' }, to: { user: 'z', node: 'a' }, units: 1n, memo: 'm', expect: ['void', 'error'], async: true, note: 'hi' })
      assert.deepEqual(s.steps.slice(2, 6), [{ kind: 'stop', node: 'b' }, { kind: 'start', node: 'b' }, { kind: 'kill', node: 'a' }, { kind: 'start', node: 'a' }])
      assert.deepEqual(s.steps[6], { kind: 'clear', node: 'a', min: 100n })
      assert.deepEqual(s.steps[7], { kind: 'wait', until: 'settled', timeoutMs: 2500 })
      assert.deepEqual(s.steps[8], { kind: 'wait', ms: 20 })
      assert.deepEqual(s.steps[9], { kind: 'expect' })
      const e = s.steps[10]
      assert.ok(e.kind === 'expect')
      assert.deepEqual([...e.balances!], [['x@a', -1n], ['y@b', 1n]])
      assert.deepEqual(e.tallies, [{ stock: { user: 'x', node: 'a' }, foil: { user: 'z', node: 'a' }, balance: -5n }])
    })

    it('reports every problem with its path, topology and steps together', () => {
      const p = problems({
        nodes: [...NODES, { name: 'Bad' }],
        tallies: [{ stock: 'x', foil: 'y' }, { stock: 'y', foil: 'nobody' }],
        steps: [
          { pay: { from: 'x', to: 'x@a', units: '5' } },
          { pay: { from: 'x', to: 'y', units: '1.5', expect: 'maybe', async: 'yes', tip: 1 } },
          { pay: { from: 'x', to: 'y', units: '0' } },
          { pay: { from: 'x', to: 'y' } },
          { jump: {} },
          { stop: 'a', kill: 'a' },
          { start: 'a' },
          { stop: 'c' },
          { stop: 'b' },
          { kill: { node: 'b' } },
          { pay: { from: 'y', to: 'x', units: '1' } },
          { clear: { node: 'b' } },
          { expect: { balances: { x: '1' } } },
          { start: 'b' },
          { clear: { node: 'c', min: '-1' } },
          { wait: { until: 'settled', ms: 5 } },
          { wait: { ms: 700_000 } },
          { wait: { until: 'forever' } },
          { wait: { until: 'settled', timeout: 0 } },
          { wait: { ms: 5, timeout: 1 } },
          { expect: { balances: { 'ghost@a': '1', y: 'lots' } } },
          { expect: { balancesOneOf: [] } },
          { expect: { tallies: [{ stock: 'y', foil: 'x', balance: '1' }, { stock: 'x', foil: 'z', balance: '0' }, { stock: 'x', foil: 'y' }] } },
          { expect: { balance: {} } },
          'pay',
          { pay: { from: 'x', to: 'y', units: '1' }, note: 3 }
        ]
      })
      expectProblems(p, [
        ['nodes[2].name', 'lowercase'],
        ['tallies[1].foil', 'no node has a user "nobody"'],
        ['steps[0].pay', 'pays x@a to itself'],
        ['steps[1].pay.tip', 'unknown field'],
        ['steps[1].pay.units', 'integer number of milli-units'],
        ['steps[1].pay.expect', 'must be one of "good", "void", "error"'],
        ['steps[1].pay.async', 'true or false'],
        ['steps[2].pay.units', 'must be positive'],
        ['steps[3].pay.units', 'is required'],
        ['steps[4].jump', 'unknown field'],
        ['steps[4]', 'names no step'],
        ['steps[5]', 'names 2 steps (stop, kill)'],
        ['steps[6].start', 'node a is running at this step'],
        ['steps[7].stop', 'no node named "c"'],
        ['steps[9].kill', 'node b is already down (since steps[8])'],
        ['steps[10].pay.from', 'node b is down at this step (since steps[8])'],
        ['steps[11].clear.node', 'node b is down at this step'],
        ['steps[12].expect', 'node b is down at this step'],
        ['steps[14].clear.node', 'no node named "c"'],
        ['steps[14].clear.min', 'must not be negative'],
        ['steps[15].wait', 'exactly one of "until" and "ms"'],
        ['steps[16].wait.ms', 'integer number of milliseconds'],
        ['steps[17].wait.until', 'must be "settled"'],
        ['steps[18].wait.timeout', 'number of seconds'],
        ['steps[19].wait.timeout', 'only goes with "until"'],
        ['steps[20].expect.balances["ghost@a"]', 'node a has no user "ghost"'],
        ['steps[20].expect.balances["y"]', 'integer number of milli-units'],
        ['steps[21].expect.balancesOneOf', 'non-empty array'],
        ['steps[22].expect.tallies[0]', 'has x@a as its stock; swap stock and foil'],
        ['steps[22].expect.tallies[1]', 'no tally with stock x@a and foil z@a'],
        ['steps[22].expect.tallies[2].balance', 'is required'],
        ['steps[23].expect.balance', 'unknown field'],
        ['steps[24]', 'must be an object'],
        ['steps[25].note', 'must be a string']
      ])
      // steps[13] starts b again, so no later step is blamed for b being down.
      assert.ok(!p.some(x => /^steps\[(1[3-9]|2\d)\].*down/.test(x)), p.join('\n'))
      assert.ok(!p.some(x => x.startsWith('steps[13]')), p.join('\n'))
      assert.deepEqual(problems({ nodes: NODES, tallies: [] }), ['steps: must be a non-empty array of steps, each an object with one of: pay, clear, stop, start, kill, wait, expect, call'])
      assert.deepEqual(problems([]), ['(top level): must be a JSON object with "nodes" and "tallies" and "steps"'])
    })
  })

  describe('direct-payments.json through the Devnet class', () => {
    let net: Devnet | undefined
    after(async () => { await net?.stop() })

    it('runs every step, restarts stopped and killed nodes, and passes', async () => {
      const scenario: Scenario = await loadScenario(DIRECT)
      const runDir = await tempDir()
      net = await Devnet.start(scenario.nodes.map(n => n.name), { runDir, basePort: 0, fanout: 3, parallel: 2, startTimeoutMs: 30_000 })
      const pids = Object.fromEntries(net.nodes.map(n => [n.name, n.proc.pid]))
      const ports = Object.fromEntries(net.nodes.map(n => [n.name, [n.proc.p2pPort, n.proc.info.api]]))
      const report = await runScenario(net, scenario, { timeoutMs: 30_000 })
      const failed = report.steps.filter(s => !s.ok).map(s => `${s.index + 1} ${s.step}: ${s.details}`)
      assert.deepEqual(failed, [])
      assert.equal(report.setup.ok, true)
      assert.equal(report.setup.tallies, 3)
      assert.equal(report.steps.length, scenario.steps.length)
      assert.equal(report.ok, true)
      assert.deepEqual(report.crashed, [])

      const byIndex = (i: number): any => report.steps[i]
      assert.equal(byIndex(0).outcome, 'good')
      assert.equal(byIndex(0).data.delivered, true)
      assert.equal(byIndex(3).outcome, 'error', 'no tally between alice and carol, and no path with capacity')
      assert.match(byIndex(3).data.error.code, /^NO_(ROUTE|CAPACITY)$/)
      assert.equal(byIndex(4).data.error.code, 'OVER_LIMIT')
      assert.equal(byIndex(8).data.delivered, false, 'gamma was down: the chit was queued')
      assert.match(byIndex(7).details, /exited \(code 0\) on SIGTERM/)
      assert.match(byIndex(12).details, /killed \(SIGKILL\)/)
      assert.deepEqual(byIndex(16).data.balances, { 'alice@alpha': '35000', 'ann@alpha': '-7500', 'bob@beta': '-33500', 'carol@gamma': '6000' })
      assert.deepEqual(report.balances, { 'alice@alpha': '35000', 'ann@alpha': '-7500', 'bob@beta': '-33500', 'carol@gamma': '6000' })

      // gamma and alpha run again as new processes, on their old ports.
      assert.notEqual(net.node('gamma').proc.pid, pids.gamma)
      assert.notEqual(net.node('alpha').proc.pid, pids.alpha)
      assert.equal(net.node('beta').proc.pid, pids.beta)
      assert.ok(!isAlive(pids.gamma) && !isAlive(pids.alpha))
      for (const n of net.nodes) assert.deepEqual([n.proc.p2pPort, n.proc.info.api], ports[n.name], `${n.name} kept its ports`)

      // Trading variables from the topology: each side published its own, both halves know both.
      const ab = (await net.node('beta').api.get('/tallies?user=bob')).find((h: any) => h.partner.startsWith('alice@'))
      const aliceSide = (await net.node('alpha').api.get(`/tallies/${String(ab.id)}?user=alice`)).settings
      const settings = { stock: { target: '10000', bound: '30000', reward: 1000, clutch: 0 }, foil: { target: '0', bound: '5000', reward: 0, clutch: 2000 } }
      assert.deepEqual(ab.settings, settings)
      assert.deepEqual(aliceSide, settings)

      // The same-node tally: both halves on alpha, one chain, opposite balances.
      const local: any[] = (await net.node('alpha').api.get('/tallies')).filter((h: any) => h.partner.startsWith('ann@') || h.user === 'ann')
      assert.deepEqual(local.map(h => [h.user, h.side, h.balance]).sort(), [['alice', 'stock', '7500'], ['ann', 'foil', '-7500']])
      assert.equal(local[0].id, local[1].id)
      assert.deepEqual(local[0].chain, local[1].chain)
      assert.equal(local[0].chain.length, 2, 'the opening balance and the 2.500 payment')

      const all = net.nodes.map(n => n.proc.pid)
      const stopped = await net.stop()
      net = undefined
      assert.deepEqual(stopped.map(s => [s.name, s.code, s.forced]), [['alpha', 0, false], ['beta', 0, false], ['gamma', 0, false]])
      assert.ok(all.every(p => !isAlive(p)))
    })
  })

  describe('the devnet command with --scenario', () => {
    it('runs direct-payments.json to PASS with one JSON report and exit 0', async () => {
      const r = await command('--scenario', DIRECT, '--dir', await tempDir(), '--base-port', '0', '--json', '--timeout', '30')
      assert.equal(r.code, 0, r.err)
      const doc = JSON.parse(r.out)
      assert.equal(doc.ok, true)
      assert.equal(doc.scenario, DIRECT)
      assert.equal(doc.steps.length, 17)
      assert.ok(doc.steps.every((s: any) => s.ok === true && typeof s.ms === 'number' && typeof s.details === 'string'))
      assert.deepEqual(doc.steps.map((s: any) => s.kind).slice(7, 10), ['stop', 'pay', 'start'])
      assert.deepEqual(doc.balances, { 'alice@alpha': '35000', 'ann@alpha': '-7500', 'bob@beta': '-33500', 'carol@gamma': '6000' })
      assert.deepEqual(doc.stopped.map((s: any) => [s.name, s.code, s.forced]), [['alpha', 0, false], ['beta', 0, false], ['gamma', 0, false]])
      assert.match(r.err, /restarting gamma on ports \d+\/\d+/)
      assert.match(r.err, /stopped 3 nodes\n/)
    })

    it('fails a wrong expected balance with a clear report and exit 1, still stopping the nodes', async () => {
      const dir = await tempDir()
      const file = join(dir, 'wrong.json')
      await writeFile(file, JSON.stringify({
        description: 'y pays x; the expectation is wrong on purpose',
        nodes: [{ name: 'na', users: ['x'] }, { name: 'nb', users: ['y'] }],
        tallies: [{ stock: 'x@na', foil: 'y@nb', balance: '1000' }],
        steps: [
          { pay: { from: 'y', to: 'x', units: '500' } },
          { wait: { until: 'settled', timeout: 20 } },
          { expect: { balances: { x: '9999', y: '-1500' } } },
          { kill: 'nb' },
          { start: 'nb' },
          { expect: { balancesOneOf: [{ x: '1', y: '-1' }, { x: '2', y: '-2' }] } }
        ]
      }))
      const r = await command('--scenario', file, '--dir', join(dir, 'run'), '--base-port', '0', '--timeout', '30')
      assert.equal(r.code, 1, r.out + r.err)
      assert.match(r.out, /^3 {2}expect 2 balances \+ invariants +FAIL +\d+ +balances: x@na is 1500, expected 9999$/m)
      assert.match(r.out, /^FAIL: 4\/6 steps ok; /m)
      assert.match(r.out, /^ {2}FAIL step 3 \(expect 2 balances \+ invariants\): balances: x@na is 1500, expected 9999$/m)
      assert.match(r.out, /^ {2}FAIL step 6 \(expect one of 2 balance sets \+ invariants\): balances match none of 2 alternatives: #1: x@na is 1500, expected 1, y@nb is -1500, expected -1 \| #2: /m)
      assert.match(r.out, /^x@na +1500 +1\.500$/m, 'the final balances are shown')
      assert.match(r.err, /stopped 2 nodes\n/)
    })

    it('rejects a bad scenario with every problem and exit 2, and --check with --scenario', async () => {
      const dir = await tempDir()
      const file = join(dir, 'bad.json')
      await writeFile(file, JSON.stringify({ nodes: NODES, tallies: [{ stock: 'x', foil: 'x@a' }], steps: [{ stop: 'b' }, { pay: { from: 'y', to: 'x', units: '1' } }], extra: 1 }))
      const r = await command('--scenario', file, '--dir', join(dir, 'run'))
      assert.equal(r.code, 2)
      assert.equal(r.out, '')
      assert.match(r.err, /bad\.json: invalid scenario:\n/)
      assert.match(r.err, /^ {2}- extra: unknown field/m)
      assert.match(r.err, /^ {2}- tallies\[0\]: stock and foil are both x@a/m)
      assert.match(r.err, /^ {2}- steps\[1\]\.pay\.from: node b is down at this step \(since steps\[0\]\)/m)
      const u = await command('--scenario', file, '--check')
      assert.equal(u.code, 2)
      assert.match(u.err, /--check does not go with --scenario/)
      const both = await command('--scenario', file, '--nodes', '2')
      assert.equal(both.code, 2)
      assert.match(both.err, /exactly one of --nodes N, --topology FILE and --scenario FILE/)
    })
  })
})
