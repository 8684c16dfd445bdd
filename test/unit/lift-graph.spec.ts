// A node's tally graph (src/lift/graph.ts): edges, local paths and circuits.
// Pure, with real keys and signed chits; no network or disk.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Side } from '../../protos/tally.js'
import { edgeOf, incomingEdgeOf, TallyGraph } from '../../src/lift/graph.js'
import type { GraphEdge } from '../../src/lift/graph.js'
import { joinLading, pathOf, MAX_PATH_EDGES } from '../../src/lift/lading.js'
import { otherSide } from '../../src/tally/half.js'
import type { TallyHalf } from '../../src/tally/half.js'
import { PEER_A, PEER_B, openTally, publish, payOn, halvesOf } from '../helpers/lift-fixtures.js'
import type { Tally } from '../helpers/lift-fixtures.js'

const A = (name: string): string => `${name}@${PEER_A}`
const B = (name: string): string => `${name}@${PEER_B}`

/** A tally giver → receiver whose receiver takes `target` free (the giver holds the stock when `giverStock`). */
async function edgeTally (giver: string, receiver: string, target: bigint, giverStock = true): Promise<Tally> {
  const t = giverStock ? await openTally(giver, receiver) : await openTally(receiver, giver)
  await publish(t, giverStock ? Side.FOIL : Side.STOCK, { target, bound: target })
  return t
}

function route (edges: GraphEdge[]): string {
  return edges.length === 0 ? '' : [edges[0].giver, ...edges.map(e => e.receiver)].map(a => a.split('@')[0]).join('>')
}

describe('lift graph: edges', () => {
  it('an open half offers an edge only when its receiver leaves capacity', async () => {
    const t = await openTally(A('alice'), A('bob'))
    assert.equal(edgeOf(t.stockHalf, PEER_A), undefined, 'default settings carry nothing')
    await publish(t, Side.FOIL, { target: 30n, bound: 80n }) // bob, the foil, receives from alice
    const e = edgeOf(t.stockHalf, PEER_A)!
    assert.deepEqual([e.giver, e.receiver, e.min, e.max, e.local, e.receiverPeer, e.halfKey], [A('alice'), A('bob'), 30n, 80n, true, PEER_A, t.stockKey])
    assert.equal(edgeOf(t.foilHalf, PEER_A), undefined, 'alice published nothing: bob cannot give to her')
    // Bob is owed 80: nothing left.
    await payOn(t, Side.STOCK, 80n)
    assert.equal(edgeOf(t.stockHalf, PEER_A), undefined)
  })

  it('only open halves: proposed, closing, closed and refused halves offer nothing', async () => {
    const t = await openTally(A('alice'), A('bob'))
    await publish(t, Side.FOIL, { target: 30n, bound: 80n })
    assert.ok(edgeOf(t.stockHalf, PEER_A) != null)
    for (const state of ['proposed', 'closing', 'closed', 'refused'] as const) {
      assert.equal(edgeOf({ ...t.stockHalf, state }, PEER_A), undefined, state)
      assert.equal(incomingEdgeOf({ ...t.foilHalf, state }, PEER_A), undefined, state)
    }
  })

  it('undecided lift reservations count against the receiver\'s capacity', async () => {
    const t = await openTally(A('alice'), A('bob'))
    await publish(t, Side.FOIL, { target: 30n, bound: 80n })
    // alice (stock) gives: her chits lower the stock balance, so reservations are liftDown.
    const e = edgeOf({ ...t.stockHalf, liftDown: 20n }, PEER_A)!
    assert.deepEqual([e.min, e.max], [10n, 60n])
    assert.equal(edgeOf({ ...t.stockHalf, liftDown: 80n }, PEER_A), undefined)
    assert.deepEqual([edgeOf({ ...t.stockHalf, liftUp: 20n }, PEER_A)!.min], [30n], 'reservations the other way do not count')
  })

  it('a foreign receiver makes a foreign edge', async () => {
    const t = await edgeTally(A('alice'), B('xavier'), 50n)
    const e = edgeOf(t.stockHalf, PEER_A)!
    assert.deepEqual([e.local, e.receiverPeer], [false, PEER_B])
    const g = new TallyGraph([t.stockHalf], PEER_A)
    assert.deepEqual(g.foreignEdgesFrom(A('alice')).map(x => x.tally), [e.tally])
    assert.deepEqual(g.localPaths(A('alice')).map(p => p.edges.length), [0], 'foreign edges are not on local paths')
  })

  it('incomingEdgeOf(the receiver\'s half) mirrors edgeOf(the giver\'s half)', async () => {
    const t = await openTally(B('xavier'), A('alice'))
    await publish(t, Side.STOCK, { target: 100n, bound: 150n, reward: 2000 })
    await publish(t, Side.FOIL, { target: 0n, bound: 0n, clutch: 700 })
    await payOn(t, Side.FOIL, 20n)
    // alice (foil, on A) gives to xavier (stock, on B).
    const out = edgeOf(t.foilHalf, PEER_A)!
    const inc = incomingEdgeOf(t.stockHalf, PEER_B)!
    assert.deepEqual(inc, out)
    assert.deepEqual([out.min, out.max, out.reward, out.margin, out.local], [80n, 130n, 2000, 700, false])
  })

  it('property: incomingEdgeOf mirrors edgeOf for any balance, settings and reservations', async () => {
    const t = await openTally(A('alice'), B('xavier'))
    const settingsArb = fc.record({
      target: fc.bigInt({ min: 0n, max: 1000n }),
      extra: fc.bigInt({ min: 0n, max: 1000n }),
      reward: fc.integer({ min: -5000, max: 5000 }),
      clutch: fc.integer({ min: 5000, max: 9000 })
    }).map(s => ({ target: s.target, bound: s.target + s.extra, reward: s.reward, clutch: s.clutch }))
    fc.assert(fc.property(
      settingsArb, settingsArb,
      fc.bigInt({ min: -2000n, max: 2000n }), fc.bigInt({ min: 0n, max: 500n }), fc.bigInt({ min: 0n, max: 500n }),
      fc.constantFrom<TallyHalf['state']>('open', 'open', 'open', 'closing'),
      (stock, foil, balance, up, down, state) => {
        // Both halves hold the same settings, balance and (leg by leg) the same reservations.
        const common = { settings: { stock, foil }, liftUp: up, liftDown: down, state }
        const s: TallyHalf = { ...t.stockHalf, ...common, balance }
        const f: TallyHalf = { ...t.foilHalf, ...common, balance: -balance }
        for (const [giver, receiver, gp, rp] of [[s, f, PEER_A, PEER_B], [f, s, PEER_B, PEER_A]] as const) {
          assert.deepEqual(incomingEdgeOf(receiver, rp), edgeOf(giver, gp))
        }
      }), { numRuns: 300 })
  })
})

describe('lift graph: local paths and circuits', () => {
  // alice → bob (target 40), bob → carol (60), alice → carol (20), carol → alice (90),
  // carol → xavier@B (foreign), dave → alice (nobody reaches dave).
  let tallies: Tally[]
  let graph: TallyGraph
  before(async () => {
    tallies = [
      await edgeTally(A('alice'), A('bob'), 40n),
      await edgeTally(A('bob'), A('carol'), 60n, false),
      await edgeTally(A('alice'), A('carol'), 20n),
      await edgeTally(A('carol'), A('alice'), 90n, false),
      await edgeTally(A('carol'), B('xavier'), 70n),
      await edgeTally(A('dave'), A('alice'), 10n)
    ]
    const halves = [...halvesOf(tallies.slice(0, 4)).values(), tallies[4].stockHalf, ...halvesOf(tallies.slice(5)).values()]
    graph = new TallyGraph(halves, PEER_A)
  })

  it('keeps only edges that carry, largest first', () => {
    assert.deepEqual(graph.edgesFrom(A('alice')).map(e => [e.receiver, e.max]), [[A('bob'), 40n], [A('carol'), 20n]])
    assert.deepEqual(graph.edgesFrom(A('bob')).map(e => e.receiver), [A('carol')])
    assert.deepEqual(graph.edgesFrom(A('xavier')), [])
    assert.deepEqual(graph.foreignEdgesFrom(A('carol')).map(e => e.receiver), [B('xavier')])
  })

  it('localPaths: the empty path first, then breadth first, never repeating a user or a tally, local edges only', () => {
    const paths = graph.localPaths(A('alice'))
    assert.deepEqual(paths.map(p => route(p.edges)), ['', 'alice>bob', 'alice>carol', 'alice>bob>carol'])
    assert.equal(paths[0].end, A('alice'))
    assert.equal(paths[0].lading, undefined)
    const last = paths[3]
    assert.equal(last.end, A('carol'))
    assert.deepEqual([last.lading!.min, last.lading!.max], [40n, 40n])
    assert.deepEqual(graph.localPaths(A('carol')).map(p => route(p.edges)), ['', 'carol>alice', 'carol>alice>bob'])
    assert.deepEqual(graph.localPaths(A('alice'), { maxEdges: 1 }).map(p => route(p.edges)), ['', 'alice>bob', 'alice>carol'])
    assert.deepEqual(graph.localPaths(A('alice'), { maxPaths: 2 }).length, 2)
  })

  it('localCircuits: every circuit leaves the start and closes on it, with its lading', () => {
    const circuits = graph.localCircuits(A('alice'))
    assert.deepEqual(circuits.map(c => route(c.edges)).sort(), ['alice>bob>carol>alice', 'alice>carol>alice'])
    for (const c of circuits) {
      assert.equal(c.edges[0].giver, A('alice'))
      assert.equal(c.edges[c.edges.length - 1].receiver, A('alice'))
      const lading = c.edges.slice(1).reduce((l, e) => joinLading(l, e), pathOf(c.edges[0]) as { min: bigint, max: bigint, reward: number, margin: number })
      assert.deepEqual(c.lading, { min: lading.min, max: lading.max, reward: lading.reward, margin: lading.margin })
    }
    assert.deepEqual(graph.localCircuits(A('dave')), [], 'nothing returns to dave')
    assert.deepEqual(graph.localCircuits(A('alice'), { maxPaths: 1 }).length, 1)
  })

  it('a tally that carries both ways is not a circuit by itself', async () => {
    const t = await openTally(A('erin'), A('fred'))
    await publish(t, Side.STOCK, { target: 10n, bound: 10n })
    await publish(t, Side.FOIL, { target: 10n, bound: 10n })
    const g = new TallyGraph([t.stockHalf, t.foilHalf], PEER_A)
    assert.equal(g.edgesFrom(A('erin')).length, 1)
    assert.equal(g.edgesFrom(A('fred')).length, 1)
    assert.deepEqual(g.localCircuits(A('erin')), [])
    // A second tally between them closes one.
    const u = await edgeTally(A('fred'), A('erin'), 5n)
    assert.deepEqual(new TallyGraph([t.stockHalf, t.foilHalf, u.stockHalf, u.foilHalf], PEER_A).localCircuits(A('erin')).map(c => c.edges.length), [2])
  })

  describe('property: against a brute-force search', () => {
    // Five users on node A; for each pair, a tally whose receivers take a
    // random target on one side, the other, both, or no tally at all.
    const users = ['u0', 'u1', 'u2', 'u3', 'u4'].map(A)
    const pairs: Array<[number, number]> = []
    for (let i = 0; i < users.length; i++) for (let j = i + 1; j < users.length; j++) pairs.push([i, j])
    let variants: TallyHalf[][][] // [pair][variant] → halves
    before(async () => {
      variants = []
      for (const [i, j] of pairs) {
        const list: TallyHalf[][] = []
        for (const [toStock, toFoil] of [[true, false], [false, true], [true, true]]) {
          const t = await openTally(users[i], users[j])
          if (toStock) await publish(t, Side.STOCK, { target: BigInt(10 + i * 7 + j), bound: 200n })
          if (toFoil) await publish(t, Side.FOIL, { target: BigInt(15 + j * 5 + i), bound: 200n })
          list.push([t.stockHalf, t.foilHalf])
        }
        list.push([])
        variants.push(list)
      }
    })

    /** Every simple path of edges from `start` (no user twice), by brute force. */
    function brute (edges: GraphEdge[], start: string, maxEdges: number): string[] {
      const out: string[] = []
      const walk = (at: string, path: GraphEdge[], seen: Set<string>): void => {
        out.push(path.map(e => e.tally).join(','))
        if (path.length === maxEdges) return
        for (const e of edges) {
          if (e.giver !== at || seen.has(e.receiver)) continue
          walk(e.receiver, [...path, e], new Set([...seen, e.receiver]))
        }
      }
      walk(start, [], new Set([start]))
      return out
    }

    it('localPaths finds exactly the simple paths, fewest edges first; localCircuits exactly the simple circuits', () => {
      fc.assert(fc.property(fc.array(fc.nat({ max: 3 }), { minLength: pairs.length, maxLength: pairs.length }), fc.nat({ max: 4 }), (choice, s) => {
        const halves = choice.flatMap((v, p) => variants[p][v])
        const g = new TallyGraph(halves, PEER_A)
        const edges = halves.map(h => edgeOf(h, PEER_A)).filter((e): e is GraphEdge => e != null)
        const start = users[s]
        const paths = g.localPaths(start, { maxPaths: 100_000 })
        for (let i = 1; i < paths.length; i++) assert.ok(paths[i - 1].edges.length <= paths[i].edges.length, 'breadth first')
        for (const p of paths) {
          const visited = [start, ...p.edges.map(e => e.receiver)]
          assert.equal(new Set(visited).size, visited.length, 'no user twice')
          assert.equal(new Set(p.edges.map(e => e.tally)).size, p.edges.length, 'no tally twice')
          p.edges.forEach((e, k) => { assert.equal(e.giver, visited[k]) })
          assert.equal(p.end, visited[visited.length - 1])
          assert.ok(p.edges.length <= MAX_PATH_EDGES)
        }
        assert.deepEqual(paths.map(p => p.edges.map(e => e.tally).join(',')).sort(), brute(edges, start, MAX_PATH_EDGES).sort())
        // Circuits: a simple path out of start plus an edge on another tally back to it.
        const expected: string[] = []
        for (const p of paths) {
          if (p.edges.length === 0) continue
          for (const e of edges) {
            if (e.giver === p.end && e.receiver === start && !p.edges.some(x => x.tally === e.tally)) expected.push([...p.edges, e].map(x => x.tally).join(','))
          }
        }
        const circuits = g.localCircuits(start, { maxPaths: 100_000 })
        for (const c of circuits) {
          assert.equal(c.edges[0].giver, start)
          assert.equal(c.edges[c.edges.length - 1].receiver, start)
        }
        assert.deepEqual(circuits.map(c => c.edges.map(e => e.tally).join(',')).sort(), expected.sort())
        // Every edge of a half whose partner is here, in both directions, mirrors.
        for (const h of halves) assert.deepEqual(incomingEdgeOf(halves.find(x => x !== h && x.record.id === h.record.id && x.side === otherSide(h.side))!, PEER_A), edgeOf(h, PEER_A))
      }), { numRuns: 200 })
    })
  })
})
