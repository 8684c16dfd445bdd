// The scenario `call` step: parsing with paths in the problems, placeholders,
// expectations on the answer, and bounded retries — against a real control
// API server of a node (no network peers needed).
import assert from 'node:assert/strict'
import { parseScenario, ScenarioError } from '../../src/devnet/scenario.js'
import { runCall, fill, at } from '../../src/devnet/scenario-call.js'
import type { CallContext, CallStep } from '../../src/devnet/scenario-call.js'
import { tempDir, cleanupDirs } from '../helpers/nodes.js'
import { runNode } from '../../src/node/run.js'
import type { RunningNode } from '../../src/node/run.js'
import { ApiClient } from '../../src/api/client.js'

const NODES = [{ name: 'alpha', users: ['alice'] }]

function parse (steps: unknown[]): ReturnType<typeof parseScenario> {
  return parseScenario({ nodes: NODES, tallies: [], steps }, 'test.json')
}

describe('scenario call step', function () {
  it('parses a call, defaulting the method from the body', () => {
    const s = parse([{ call: { node: 'alpha', path: '/users', body: { name: 'x' }, as: 'U', expect: { fields: { name: 'x' } }, until: 2 } }])
    assert.deepEqual(s.steps[0], { kind: 'call', node: 'alpha', method: 'POST', path: '/users', body: { name: 'x' }, as: 'U', fields: { name: 'x' }, untilMs: 2000 })
  })

  it('reports every problem with its path', () => {
    assert.throws(() => parse([{ call: { node: 'beta', path: 'users', method: 'PUT', as: '1x', until: -1, expect: { error: 'X', fields: {} }, extra: 1 } }]), (err: any) => {
      assert.ok(err instanceof ScenarioError)
      const text = err.message
      for (const p of ['steps[0].call.extra', 'steps[0].call']) assert.ok(text.includes(p), `${p} in ${text}`)
      return true
    })
    assert.throws(() => parse([{ call: { node: 'beta', path: 'users', method: 'PUT', as: '1x', until: -1, expect: { error: 'X', fields: {} } } }]), (err: any) => {
      for (const p of ['steps[0].call.node', 'steps[0].call.method', 'steps[0].call.path', 'steps[0].call.as', 'steps[0].call.until', 'steps[0].call.expect']) assert.ok(err.message.includes(p), `${p} in ${err.message}`)
      return true
    })
  })

  it('fills placeholders, keeping the type of a whole-string placeholder', () => {
    const ctx: CallContext = { api: () => { throw new Error('unused') }, peerId: (n) => `peer-of-${n}`, vars: new Map([['T', { id: 'abc', list: [{ h: 7 }] }]]), sleep: async () => {} }
    const before = Date.now()
    const out = fill(ctx, { a: '${T.id}', b: '/chains/${T.id}/x', c: '${T.list.0.h}', d: '${addr:alice@alpha}', e: '${time:+10}', f: ['${peer:beta}'], g: '${T.list.length}' }) as any
    assert.equal(out.a, 'abc')
    assert.equal(out.b, '/chains/abc/x')
    assert.equal(out.c, 7)
    assert.equal(out.d, 'alice@peer-of-alpha')
    assert.ok(out.e >= before + 10_000 && out.e <= Date.now() + 10_000)
    assert.deepEqual(out.f, ['peer-of-beta'])
    assert.equal(out.g, 1)
    assert.throws(() => fill(ctx, '${nope.x}'), /no earlier call saved as nope/)
    assert.throws(() => fill(ctx, '${T.missing}'), /T has no missing/)
    assert.equal(at({ a: [{ b: 'x' }] }, 'a.-1.b'), 'x')
  })

  describe('against a node', function () {
    let running: RunningNode
    let ctx: CallContext
    before(async () => {
      const dir = await tempDir()
      running = await runNode({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0 })
      const api = await ApiClient.fromDataDir(dir)
      ctx = { api: () => api, peerId: () => running.node.peerId, vars: new Map(), sleep: async (ms) => await new Promise(resolve => setTimeout(resolve, ms)) }
    })
    after(async () => {
      await running?.stop()
      await cleanupDirs()
    })

    it('saves an answer, checks fields, and expects errors by code', async () => {
      const add: CallStep = { kind: 'call', node: 'alpha', method: 'POST', path: '/users', body: { name: 'carol' }, as: 'U', fields: { name: 'carol' } }
      await runCall(ctx, add)
      assert.equal((ctx.vars.get('U') as any).name, 'carol')
      await assert.rejects(runCall(ctx, { ...add, body: { name: 'dave' } }), /name is "dave", expected "carol"/)
      const dup = await runCall(ctx, { kind: 'call', node: 'alpha', method: 'POST', path: '/users', body: { name: 'carol' }, error: 'DUPLICATE' })
      assert.equal((dup.data as any).error.code, 'DUPLICATE')
      await assert.rejects(runCall(ctx, { kind: 'call', node: 'alpha', method: 'POST', path: '/users', body: { name: 'carol' }, error: 'MALFORMED' }), /expected MALFORMED, got DUPLICATE/)
      await assert.rejects(runCall(ctx, { kind: 'call', node: 'alpha', method: 'GET', path: '/status', error: 'NOPE' }), /expected NOPE, but the call succeeded/)
    })

    it('retries until the expectation holds, within its bound', async () => {
      // carol and dave (the call whose field check failed still added dave) are there; late comes later
      setTimeout(() => { void running.node.users.add('late') }, 300)
      const res = await runCall(ctx, { kind: 'call', node: 'alpha', method: 'GET', path: '/users', fields: { length: 3 }, untilMs: 10_000 })
      assert.match(res.details, /after \d+ tries/)
      await assert.rejects(runCall(ctx, { kind: 'call', node: 'alpha', method: 'GET', path: '/users', fields: { length: 99 }, untilMs: 600 }), /length is 3, expected 99/)
    })
  })
})
