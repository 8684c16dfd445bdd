import assert from 'node:assert/strict'
import fc from 'fast-check'
import { edgeCapacity, extendPath, ladePath, pathOf, compoundRate, feeOn, LadingError, MAX_PATH_EDGES } from '../../src/lift/lading.js'
import type { Edge } from '../../src/lift/lading.js'

function edge (i: number, min: bigint, max: bigint, reward = 0, margin = 0): Edge {
  return { tally: `t${i}`, giver: `u${i}`, receiver: `u${i + 1}`, min, max, reward, margin }
}

describe('lading: edge capacity (DESIGN §4 worked values)', () => {
  const settings = { target: 3n, bound: 7n, reward: 1500 }
  const cap = (N: bigint): Edge | undefined => edgeCapacity({ tally: 't', giver: 'g', receiver: 'r', receiverBalance: N, receiverSettings: settings, giverClutch: 250 })

  it('receiver owes 2: min 5, max 9', () => {
    assert.deepEqual(pick(cap(-2n)), { min: 5n, max: 9n, reward: 1500, margin: 250 })
  })
  it('receiver is owed 2: min 1, max 5', () => {
    assert.deepEqual(pick(cap(2n)), { min: 1n, max: 5n, reward: 1500, margin: 250 })
  })
  it('receiver is owed 14: excluded', () => {
    assert.equal(cap(14n), undefined)
    assert.equal(cap(7n), undefined, 'max of exactly 0 is dropped too')
  })
  it('default settings carry nothing', () => {
    assert.equal(edgeCapacity({ tally: 't', giver: 'g', receiver: 'r', receiverBalance: 0n, receiverSettings: { target: 0n, bound: 0n, reward: 0 }, giverClutch: 0 }), undefined)
  })
})

describe('lading: paths', () => {
  it('extends {7,11} by {5,9} to min 5, max 7, taking the new edge\'s reward', () => {
    const p = extendPath(pathOf(edge(0, 7n, 11n, 100)), edge(1, 5n, 9n, 200))
    assert.deepEqual([p.min, p.max, p.reward], [5n, 7n, 200])
  })

  it('keeps the path\'s reward when the new edge does not lower min', () => {
    const p = extendPath(pathOf(edge(0, 5n, 9n, 100)), edge(1, 7n, 11n, 200))
    assert.deepEqual([p.min, p.max, p.reward], [5n, 7n, 100])
  })

  it('compounds margins: 0.001 then 0.001 is 0.001999', () => {
    assert.equal(compoundRate(1000, 1000), 1999)
    assert.equal(ladePath([edge(0, 5n, 9n, 0, 1000), edge(1, 5n, 9n, 0, 1000)]).margin, 1999)
    assert.equal(compoundRate(0, 0), 0)
    assert.equal(compoundRate(1_000_000, 5), 1_000_000)
  })

  it('rounds the compounded product half away from zero and fees up', () => {
    assert.equal(compoundRate(1, 1), 2) // 1 + 0.999999 → 2
    assert.equal(compoundRate(500_000, 1), 500_001) // 1 + 0.5 → rounds away from zero
    assert.equal(compoundRate(500_000, -1), 499_999)
    assert.equal(feeOn(1000n, 1999), 2n) // 1.999 → 2
    assert.equal(feeOn(1_000_000n, 1999), 1999n)
    assert.equal(feeOn(1n, 1), 1n)
    assert.equal(feeOn(1000n, -1500), -1n) // -1.5 → -1 (toward +infinity)
  })

  it('refuses loops, disconnected edges and paths over 10 edges', () => {
    const p = pathOf(edge(0, 5n, 9n))
    assert.throws(() => extendPath(p, edge(5, 5n, 9n)), (e: any) => e instanceof LadingError && e.code === 'DISCONNECTED')
    assert.throws(() => extendPath(p, { ...edge(1, 5n, 9n), tally: 't0' }), (e: any) => e.code === 'LOOP')
    assert.throws(() => extendPath(p, { ...edge(1, 5n, 9n), receiver: 'u0' }), (e: any) => e.code === 'LOOP')
    const ten = ladePath(Array.from({ length: MAX_PATH_EDGES }, (_, i) => edge(i, 5n, 9n)))
    assert.equal(ten.edges.length, 10)
    assert.throws(() => extendPath(ten, edge(10, 5n, 9n)), (e: any) => e.code === 'TOO_LONG')
  })
})

const arbEdgeLading = fc.record({
  min: fc.bigInt({ min: 0n, max: 1n << 40n }),
  extra: fc.bigInt({ min: 1n, max: 1n << 40n }),
  reward: fc.integer({ min: -1_000_000, max: 1_000_000 }),
  margin: fc.integer({ min: 0, max: 1_000_000 })
})

describe('lading: properties', () => {
  it('min ≤ max, extending never raises min, never exceeds 10 edges, never repeats a tally or user', () => {
    fc.assert(fc.property(fc.array(arbEdgeLading, { minLength: 1, maxLength: 14 }), (raw) => {
      const edges = raw.map((r, i) => edge(i, r.min, r.min + r.extra, r.reward, r.margin))
      let p = pathOf(edges[0])
      for (const e of edges.slice(1)) {
        if (p.edges.length === MAX_PATH_EDGES) {
          assert.throws(() => extendPath(p, e), LadingError)
          break
        }
        const next = extendPath(p, e)
        assert.ok(next.min <= p.min, 'min never rises')
        assert.ok(next.max <= p.max, 'max never rises')
        assert.ok(next.min <= e.min)
        p = next
      }
      assert.ok(p.min <= p.max)
      assert.ok(p.edges.length <= MAX_PATH_EDGES)
      const tallies = p.edges.map(x => x.tally)
      const users = [p.edges[0].giver, ...p.edges.map(x => x.receiver)]
      assert.equal(new Set(tallies).size, tallies.length)
      assert.equal(new Set(users).size, users.length)
      assert.ok(p.margin >= 0 && p.margin <= 1_000_000, 'non-negative margins compound within [0, 1e6]')
    }))
  })

  it('edge capacity: min ≤ max whenever the edge is kept, and min is what the target frees', () => {
    fc.assert(fc.property(
      fc.bigInt({ min: 0n, max: 1n << 40n }), fc.bigInt({ min: 0n, max: 1n << 40n }), fc.bigInt({ min: -(1n << 41n), max: 1n << 41n }),
      (t, extra, n) => {
        const e = edgeCapacity({ tally: 't', giver: 'g', receiver: 'r', receiverBalance: n, receiverSettings: { target: t, bound: t + extra, reward: 0 }, giverClutch: 0 })
        if (t + extra - n <= 0n) return e === undefined
        assert.ok(e != null && e.min <= e.max && e.min >= 0n)
        assert.equal(e.max, t + extra - n)
        return true
      }))
  })

  it('compounding is order-independent for non-negative rates (within one ppm of rounding)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, b) => {
      return Math.abs(compoundRate(a, b) - compoundRate(b, a)) <= 1
    }))
  })
})

function pick (e: Edge | undefined): unknown {
  assert.ok(e != null)
  return { min: e.min, max: e.max, reward: e.reward, margin: e.margin }
}
