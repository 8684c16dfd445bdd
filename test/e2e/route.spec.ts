// Route discovery over /sortlift/route/1.0.0 between real nodes on TCP loopback.
//
//   A: payer ── B: bob ─(local)─ bert ── C: carol ── D: dave-payee
//   └────────── E: erin ──────────────────────────────┘   (added for the diamond)
import assert from 'node:assert/strict'
import { lpStream } from '@libp2p/utils'
import { peerIdFromString } from '@libp2p/peer-id'
import { startNode, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { dbSnapshot } from '../helpers/db.js'
import type { SortliftNode } from '../../src/node/node.js'
import { startApi } from '../../src/api/server.js'
import { ROUTE_PROTOCOL } from '../../src/net/protocols.js'
import { RouteQuery, RouteResponse, RouteError } from '../../protos/route.js'
import { edgeCapacity, ladePath } from '../../src/lift/lading.js'
import type { Edge, Lading } from '../../src/lift/lading.js'
import { tallyNonce, targetToken, HANDLE_BYTES } from '../../src/lift/discovery.js'
import type { FoundRoute } from '../../src/lift/discovery.js'
import type { Settings } from '../../src/tally/settings.js'
import { fromHex, randomBytes, toHex } from '../../src/crypto/bytes.js'

const PAYER = 'alice-payer'
const PAYEE = 'dave-payee'

interface Link { id: string, edge: Edge }

/**
 * Opens a tally where `giver` gives to `receiver`, publishes the receiver's
 * trading variables (and the giver's clutch), optionally lets the receiver
 * pay the giver `owed` units first, and returns the edge it should make.
 */
async function link (gn: SortliftNode, giver: string, rn: SortliftNode, receiver: string, s: Omit<Settings, 'clutch'>, clutch = 0, owed = 0n): Promise<Link> {
  const t = await gn.tallies.propose({ user: giver, partner: `${receiver}@${rn.peerId}`, role: 'stock' })
  await rn.tallies.accept(t.id, receiver)
  await rn.tallies.setSettings(t.id, { ...s, clutch: 0 }, receiver)
  let entries = 1
  if (clutch !== 0) {
    await gn.tallies.setSettings(t.id, { target: 0n, bound: 0n, reward: 0, clutch }, giver)
    entries++
  }
  if (owed > 0n) {
    await rn.tallies.pay({ from: receiver, to: `${giver}@${gn.peerId}`, units: owed })
    entries++
  }
  await waitFor(async () => {
    const g = await gn.tallies.show(t.id, giver)
    const r = await rn.tallies.show(t.id, receiver)
    return g.chain.length === entries && r.chain.length === entries && g.chain.head === r.chain.head
  }, 'tally settings to reach both halves')
  const edge = edgeCapacity({
    tally: t.id, giver: `${giver}@${gn.peerId}`, receiver: `${receiver}@${rn.peerId}`, receiverBalance: -owed, receiverSettings: s, giverClutch: clutch
  })
  assert.ok(edge != null)
  return { id: t.id, edge }
}

function lading (e: Lading): Lading {
  return { min: e.min, max: e.max, reward: e.reward, margin: e.margin }
}

function peersOf (r: FoundRoute): string[] {
  return r.hops.map(h => h.peer)
}

describe('route discovery over TCP', function () {
  let a: SortliftNode
  let b: SortliftNode
  let c: SortliftNode
  let d: SortliftNode
  let e: SortliftNode | undefined
  let ab: Link
  let bb: Link
  let bc: Link
  let cd: Link
  const all = (): SortliftNode[] => [a, b, c, d, ...(e != null ? [e] : [])]

  before(async () => {
    [a, b, c, d] = await Promise.all([startNode(), startNode(), startNode(), startNode()])
    await Promise.all([connect(a, b), connect(b, c), connect(c, d), connect(c, a)])
    await a.users.add(PAYER)
    await b.users.add('bob')
    await b.users.add('bert')
    await c.users.add('carol')
    await d.users.add(PAYEE)
    ;[ab, bb, bc, cd] = await Promise.all([
      link(a, PAYER, b, 'bob', { target: 50n, bound: 80n, reward: 0 }, 1000),
      link(b, 'bob', b, 'bert', { target: 40n, bound: 100n, reward: 2000 }),
      link(b, 'bert', c, 'carol', { target: 60n, bound: 90n, reward: 0 }, 0, 10n),
      link(c, 'carol', d, PAYEE, { target: 70n, bound: 120n, reward: 500 }, 2000)
    ])
  })

  after(async () => {
    await Promise.all(all().map(async n => await n?.stop().catch(() => {})))
    await cleanupDirs()
  })

  it('finds the route along a 4-node line with its aggregated lading and resolvable handles', async () => {
    const found = await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 30n })
    assert.equal(found.routes.length, 1, found.reason)
    const [route] = found.routes
    assert.deepEqual(peersOf(route), [a.peerId, b.peerId, c.peerId, d.peerId])
    assert.equal(bc.edge.min, 70n, 'carol owes bert 10: min is target + 10')
    // Each hop: the node's local edges and its outgoing cross-node edge.
    assert.deepEqual(route.hops[0].lading, lading(ab.edge))
    assert.deepEqual(route.hops[1].lading, lading(ladePath([bb.edge, bc.edge])))
    assert.deepEqual(route.hops[2].lading, lading(cd.edge))
    assert.equal(route.hops[3].lading, null, 'the payee is the entry user: no edges')
    assert.deepEqual(route.lading, { min: 40n, max: 50n, reward: 2000, margin: 2998 })
    const whole = ladePath([ab.edge, bb.edge, bc.edge, cd.edge])
    assert.deepEqual([whole.min, whole.max, whole.reward], [40n, 50n, 2000])
    assert.equal(route.carries, true)
    assert.equal(found.reason, undefined)
    assert.equal(new Set(route.hops.map(h => toHex(h.handle))).size, 4)
    for (const h of route.hops) assert.equal(h.handle.length, HANDLE_BYTES)

    // Each node resolves its own handle to its segment, and nobody else's.
    const [sa, sb, sc, sd] = [a, b, c, d].map((n, i) => n.routes.resolveHandle(route.hops[i].handle))
    assert.equal(b.routes.resolveHandle(route.hops[0].handle), undefined)
    assert.ok(sa != null && sb != null && sc != null && sd != null)
    assert.equal(sa.start, `${PAYER}@${a.peerId}`)
    assert.equal(sa.entry, undefined)
    assert.deepEqual(sa.edges, [])
    assert.deepEqual([sa.exit?.tallyId, sa.exit?.peer], [ab.id, b.peerId])
    assert.deepEqual([sb.entry?.tallyId, sb.entry?.peer, sb.start], [ab.id, a.peerId, `bob@${b.peerId}`])
    assert.deepEqual(sb.edges.map(x => [x.tallyId, x.giver, x.receiver]), [[bb.id, `bob@${b.peerId}`, `bert@${b.peerId}`]])
    assert.deepEqual([sb.exit?.tallyId, sb.exit?.peer, sb.exit?.giver], [bc.id, c.peerId, `bert@${b.peerId}`])
    assert.deepEqual([sc.entry?.tallyId, sc.exit?.tallyId, sc.exit?.peer], [bc.id, cd.id, d.peerId])
    assert.deepEqual([sd.entry?.tallyId, sd.exit, sd.payee, sd.lading], [cd.id, undefined, `${PAYEE}@${d.peerId}`, null])
    assert.equal(sb.units, 30n)
    assert.equal(sa.session, found.session)
  })

  it('reports a route that does not carry the units, with the reason', async () => {
    const found = await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 41n })
    assert.equal(found.routes.length, 1)
    assert.equal(found.routes[0].carries, false)
    assert.match(found.reason ?? '', /no route carries 41 units/)
  })

  it('a payee on the originator\'s node gets a local, one-hop route', async () => {
    const found = await b.routes.findRoutes({ from: 'bob', to: `bert@${b.peerId}`, units: 10n })
    assert.equal(found.routes.length, 1)
    assert.deepEqual(peersOf(found.routes[0]), [b.peerId])
    assert.deepEqual(found.routes[0].lading, lading(bb.edge))
    const s = b.routes.resolveHandle(found.routes[0].hops[0].handle)
    assert.deepEqual([s?.payee, s?.edges.map(x => x.tallyId), s?.exit], [`bert@${b.peerId}`, [bb.id], undefined])
    const none = await b.routes.findRoutes({ from: 'bert', to: `bob@${b.peerId}`, units: 10n })
    assert.deepEqual(none.routes, [])
    assert.match(none.reason ?? '', /no local path/)
  })

  it('no route: an empty list with a reason', async () => {
    const found = await d.routes.findRoutes({ from: PAYEE, to: `${PAYER}@${a.peerId}`, units: 1n })
    assert.deepEqual(found.routes, [])
    assert.match(found.reason ?? '', /no route .*dead end/)
    const stranger = await a.routes.findRoutes({ from: PAYER, to: `nobody@${d.peerId}`, units: 1n })
    assert.deepEqual(stranger.routes, [])
    assert.match(stranger.reason ?? '', /dead end/)
    await assert.rejects(a.routes.findRoutes({ from: 'nobody', to: `${PAYEE}@${d.peerId}`, units: 1n }), /no user/)
    await assert.rejects(a.routes.findRoutes({ from: PAYER, to: 'not-an-address', units: 1n }), /not a user address/)
  })

  it('a line longer than the hop budget finds nothing', async () => {
    const found = await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 1n, hops: 2 })
    assert.deepEqual(found.routes, [])
    assert.match(found.reason ?? '', /hop budget spent/)
    assert.equal((await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 1n, hops: 3 })).routes.length, 1)
  })

  it('a deadline too close to forward finds nothing, and says so', async () => {
    const found = await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 1n, timeoutMs: 100 })
    assert.deepEqual(found.routes, [])
    assert.match(found.reason ?? '', /too little time left to forward/)
  })

  describe('direct queries', () => {
    const payee = (): string => `${PAYEE}@${d.peerId}`
    function q (from: SortliftNode, extra: Partial<RouteQuery> = {}): RouteQuery {
      const session = randomBytes(16)
      const salt = randomBytes(16)
      return {
        session, salt, target: targetToken(salt, payee()) as Uint8Array<ArrayBuffer>, units: 5n, hopsLeft: 8,
        deadline: BigInt(Date.now() + 3000), visited: [from.peerId], entry: tallyNonce(fromHex(ab.id), session) as Uint8Array<ArrayBuffer>, ...extra
      }
    }
    async function send (from: SortliftNode, to: SortliftNode, query: RouteQuery): Promise<RouteResponse> {
      return await from.routeNet.request(to.peerId, query, AbortSignal.timeout(5000))
    }
    async function sendRaw (from: SortliftNode, to: SortliftNode, frame: Uint8Array): Promise<RouteResponse> {
      const stream = await from.host.dialProtocol(peerIdFromString(to.peerId), ROUTE_PROTOCOL)
      const lp = lpStream(stream, { maxDataLength: 1 << 20 })
      await lp.write(frame)
      const res = RouteResponse.decode(await lp.read({ signal: AbortSignal.timeout(5000) }))
      await stream.close().catch(() => {})
      return res
    }
    /** Runs `fn`; B stores nothing, remembers nothing, penalises `sender` once, and keeps serving. */
    async function rejected (sender: SortliftNode, fn: () => Promise<void>): Promise<void> {
      const db = await dbSnapshot(b)
      const mem = b.routes.remembered
      const penalty = b.routeNet.penaltyOf(sender.peerId)
      await fn()
      assert.deepEqual(await dbSnapshot(b), db, 'nothing stored')
      assert.deepEqual(b.routes.remembered, mem, 'nothing remembered')
      assert.equal(b.routeNet.penaltyOf(sender.peerId), penalty + 1, 'sender penalised')
      const ok = await send(a, b, q(a))
      assert.equal(ok.code, RouteError.OK, 'node keeps serving')
      assert.equal(ok.routes.length, 1)
    }

    it('answers a query with its routes, and the same (session, entry) again only with DUPLICATE', async () => {
      const query = q(a)
      const first = await send(a, b, query)
      assert.equal(first.code, RouteError.OK)
      assert.deepEqual(first.routes[0].hops.map(h => h.peer), [b.peerId, c.peerId, d.peerId])
      const again = await send(a, b, query)
      assert.equal(again.code, RouteError.DUPLICATE)
      assert.deepEqual(again.routes, [])
      assert.equal(b.routeNet.penaltyOf(a.peerId), 0, 'a duplicate is not penalised')
    })

    it('hops_left 0 gets HOP_BUDGET_EXHAUSTED', async () => {
      await rejected(a, async () => {
        const res = await send(a, b, q(a, { hopsLeft: 0 }))
        assert.equal(res.code, RouteError.HOP_BUDGET_EXHAUSTED)
      })
    })

    it('a passed deadline gets EXPIRED', async () => {
      await rejected(a, async () => {
        const res = await send(a, b, q(a, { deadline: BigInt(Date.now() - 1) }))
        assert.equal(res.code, RouteError.EXPIRED)
      })
    })

    it('a tally nonce the sender is not counterparty to gets NOT_COUNTERPARTY', async () => {
      await rejected(c, async () => {
        const res = await send(c, b, q(c))
        assert.equal(res.code, RouteError.NOT_COUNTERPARTY)
      })
      const unknown = await send(a, b, q(a, { entry: randomBytes(32) }))
      assert.equal(unknown.code, RouteError.UNKNOWN_TALLY)
    })

    it('malformed protobuf and oversized frames get MALFORMED', async () => {
      await rejected(a, async () => {
        const res = await sendRaw(a, b, Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01))
        assert.equal(res.code, RouteError.MALFORMED)
      })
      await rejected(a, async () => {
        const res = await sendRaw(a, b, new Uint8Array(65 * 1024))
        assert.equal(res.code, RouteError.MALFORMED)
        assert.match(res.message, /too large|exceeds|limit/i)
      })
      await rejected(a, async () => {
        const res = await send(a, b, q(a, { visited: Array.from({ length: 17 }, () => a.peerId) }))
        assert.equal(res.code, RouteError.MALFORMED)
      })
    })
  })

  it('anonymity: relays see and keep no user, no address and no tally id', async () => {
    const seen = new Map<SortliftNode, string[]>([[b, []], [c, []]])
    for (const [n, log] of seen) n.routeNet.tap = (ev) => { log.push(toHex(ev.bytes)) }
    const before = await Promise.all([b, c].map(async n => await dbSnapshot(n)))
    const found = await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 5n })
    for (const n of seen.keys()) n.routeNet.tap = undefined
    assert.equal(found.routes.length, 1)
    const after = await Promise.all([b, c].map(async n => await dbSnapshot(n)))
    assert.deepEqual(after, before, 'discovery stores nothing on a relay')

    const hex = (s: string): string => Buffer.from(s).toString('hex')
    const secrets = [PAYER, PAYEE, 'bert', 'carol', `${PAYER}@${a.peerId}`, `${PAYEE}@${d.peerId}`].map(hex)
    const tallyIds = [ab, bb, bc, cd].map(l => l.id)
    for (const [n, log] of seen) {
      assert.ok(log.length >= 4, 'the relay took part')
      const text = log.join('|')
      for (const s of [...secrets, ...tallyIds]) assert.ok(!text.includes(s), `relay ${n === b ? 'B' : 'C'} saw ${s}`)
    }
    // Each relay holds only its neighbours' addresses, never the far end's.
    const dbText = (i: number): string => after[i].join('|')
    assert.ok(!dbText(0).includes(hex(`${PAYEE}@${d.peerId}`)) && !dbText(0).includes(hex(PAYEE)), 'B holds nothing of the payee')
    assert.ok(!dbText(1).includes(hex(`${PAYER}@${a.peerId}`)) && !dbText(1).includes(hex(PAYER)), 'C holds nothing of the payer')
    assert.ok(!dbText(0).includes(cd.id) && !dbText(1).includes(ab.id), 'nor tally ids it does not hold')
  })

  it('diamond: the route that carries the amount with fewer hops wins', async () => {
    e = await startNode()
    await Promise.all([connect(e, a), connect(e, d)])
    await e.users.add('erin')
    await Promise.all([
      link(a, PAYER, e, 'erin', { target: 10n, bound: 20n, reward: 0 }),
      link(e, 'erin', d, PAYEE, { target: 10n, bound: 30n, reward: 0 })
    ])
    const small = await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 5n })
    assert.deepEqual(small.routes.map(peersOf), [[a.peerId, e.peerId, d.peerId], [a.peerId, b.peerId, c.peerId, d.peerId]])
    assert.deepEqual(small.routes.map(r => r.carries), [true, true])
    assert.deepEqual(small.routes[0].lading, { min: 10n, max: 10n, reward: 0, margin: 0 })
    const large = await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 30n })
    // only the exit that carries 30 is explored: a hopeless branch could reach a
    // node first and use up its one answer to the query
    assert.deepEqual(large.routes.map(peersOf), [[a.peerId, b.peerId, c.peerId, d.peerId]])
    assert.deepEqual(large.routes.map(r => r.carries), [true])
    // when no exit carries the amount, the best there are still come back, marked
    const huge = await a.routes.findRoutes({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: 1000n })
    assert.ok(huge.routes.length >= 1)
    assert.ok(huge.routes.every(r => !r.carries))
  })

  it('GET /routes answers with hops, handles in hex, ladings and carries', async () => {
    const api = await startApi(a, 'test-token', 0)
    try {
      const params = new URLSearchParams({ from: PAYER, to: `${PAYEE}@${d.peerId}`, units: '30' })
      const res = await fetch(`${api.url}/routes?${params.toString()}`, { headers: { authorization: 'Bearer test-token' } })
      assert.equal(res.status, 200)
      const body = await res.json() as any
      assert.equal(body.routes.length, 1)
      assert.equal(body.routes[0].carries, true)
      assert.deepEqual(body.routes[0].lading, { min: '40', max: '50', reward: 2000, margin: 2998, unbounded: false })
      assert.match(body.routes[0].hops[0].handle, /^[0-9a-f]{32}$/)
      assert.deepEqual(body.routes[0].hops[3].lading, { unbounded: true })
      const bad = await fetch(`${api.url}/routes?from=${PAYER}&units=1`, { headers: { authorization: 'Bearer test-token' } })
      assert.equal(bad.status, 400)
    } finally {
      await api.close()
    }
  })
})
