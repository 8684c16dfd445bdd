// The control API as a client meets it: auth, bad requests, typed errors.
import assert from 'node:assert/strict'
import { runNode } from '../../src/node/run.js'
import type { RunningNode } from '../../src/node/run.js'
import { ApiClient } from '../../src/api/client.js'
import { SortliftNode } from '../../src/node/node.js'
import { tempDir, cleanupDirs } from '../helpers/nodes.js'

describe('control API', function () {
  let running: RunningNode
  let dir: string
  let api: ApiClient

  before(async () => {
    dir = await tempDir()
    running = await runNode({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0 })
    api = await ApiClient.fromDataDir(dir)
  })

  after(async () => {
    await running?.stop()
    await cleanupDirs()
  })

  it('listens on 127.0.0.1 and refuses requests without the token', async () => {
    assert.match(running.api.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${running.api.url}/status`)
    assert.equal(res.status, 401)
    assert.equal(((await res.json()) as any).error.code, 'UNAUTHORIZED')
    const wrong = await fetch(`${running.api.url}/status`, { headers: { authorization: 'Bearer nope' } })
    assert.equal(wrong.status, 401)
  })

  it('answers bad requests with typed errors and changes nothing', async () => {
    const token = (await import('node:fs/promises')).readFile(`${dir}/api.token`, 'utf8')
    const auth = { authorization: `Bearer ${(await token).trim()}`, 'content-type': 'application/json' }
    const bad = await fetch(`${running.api.url}/users`, { method: 'POST', headers: auth, body: '{not json' })
    assert.equal(bad.status, 400)
    assert.equal(((await bad.json()) as any).error.code, 'MALFORMED')
    await assert.rejects(api.post('/users', { name: 'Not Valid' }), (e: any) => e.status === 400 && e.code === 'MALFORMED')
    await assert.rejects(api.get('/nope'), (e: any) => e.status === 404 && e.code === 'NOT_FOUND')
    await assert.rejects(api.post('/pay', { from: 'ghost', to: `x@${running.node.peerId}`, units: '5' }), (e: any) => e.status === 404 && e.code === 'UNKNOWN_USER')
    await api.post('/users', { name: 'ann' })
    await assert.rejects(api.post('/users', { name: 'ann' }), (e: any) => e.status === 409 && e.code === 'DUPLICATE')
    await assert.rejects(api.post('/pay', { from: 'ann', to: `bob@${running.node.peerId}`, units: 2.5 }), (e: any) => e.code === 'MALFORMED')
    // No tally joins them: a lift is looked for, and the payee does not exist here.
    await assert.rejects(api.post('/pay', { from: 'ann', to: `bob@${running.node.peerId}`, units: '5' }), (e: any) => e.status === 404 && e.code === 'UNKNOWN_USER')
    await api.post('/users', { name: 'bea' })
    await assert.rejects(api.post('/pay', { from: 'ann', to: `bea@${running.node.peerId}`, units: '5' }), (e: any) => e.status === 422 && e.code === 'NO_ROUTE' && /no path/.test(e.message))
    assert.deepEqual((await api.get('/users')).map((u: any) => u.name), ['ann', 'bea'])
    assert.deepEqual(await api.get('/lifts'), [])
    assert.deepEqual(await api.get('/tallies'), [])
  })

  it('a proposal to an unreachable node fails clearly', async () => {
    const stranger = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK'
    await assert.rejects(api.post('/tallies', { user: 'ann', partner: `bob@${stranger}`, role: 'stock' }), (e: any) => e.status === 502 && e.code === 'UNREACHABLE')
    assert.deepEqual(await api.get('/tallies'), [])
  })

  it('a second node on the same data directory is refused', async () => {
    await assert.rejects(SortliftNode.start({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'] }), /in use by another process/)
  })
})
