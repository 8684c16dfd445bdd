import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  targetToken, tallyNonce, validateQuery, effectiveDeadline, forwardTiming, joinHops, routeLading, carries, compareRoutes,
  rankRoutes, checkRoute, toWireRoute, matchTarget, toWireLading, fromWireLading,
  MAX_DEADLINE_MS, HOP_MARGIN_MS, MAX_VISITED
} from '../../src/lift/discovery.js'
import type { RouteHop, HopLading } from '../../src/lift/discovery.js'
import { ladePath, joinLading } from '../../src/lift/lading.js'
import type { Edge, Lading } from '../../src/lift/lading.js'
import { RouteError, RouteQuery } from '../../protos/route.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'

const PEER1 = '12D3KooWGzQ3mQnJ4kZkR6Z1g4Zr5xq7YwqfA3pT9XyVhN2bS8cD'
const PEER2 = '12D3KooWHb6uKkL9mPq2rS3tU4vW5xY6zA7bC8dE9fG1hJ2kL3mN'
const PEER3 = '12D3KooWJc7vLmM1nQr3sT4uV5wX6yZ7aB8cD9eF1gH2iJ3kL4mP'
const PEER4 = '12D3KooWKd8wMnN2oRs4tU5vW6xY7zA8bC9dE1fG2hJ3kL4mN5pQ'

function query (extra: Partial<RouteQuery> = {}): RouteQuery {
  return {
    session: new Uint8Array(16).fill(1),
    salt: new Uint8Array(16).fill(2),
    target: new Uint8Array(32).fill(3),
    units: 100n,
    hopsLeft: 8,
    deadline: 10_000n,
    visited: [PEER1],
    entry: new Uint8Array(32).fill(4),
    ...extra
  }
}

function l (min: bigint, max: bigint, reward = 0, margin = 0): Lading {
  return { min, max, reward, margin }
}

function hop (peer: string, lading: HopLading): RouteHop {
  return { peer, handle: new Uint8Array(16).fill(peer.charCodeAt(9)), lading }
}

describe('route discovery: tokens and nonces (pinned)', () => {
  const salt = fromHex('000102030405060708090a0b0c0d0e0f')
  const session = fromHex('f0e0d0c0b0a090807060504030201000')
  const tally = fromHex('00112233445566778899aabbccddeeff')

  it('the target token is SHA-256 over sortlift/v1/route-target(salt, address)', () => {
    const t = targetToken(salt, `alice@${PEER1}`)
    assert.equal(t.length, 32)
    assert.notDeepEqual(targetToken(salt, `alice@${PEER2}`), t, 'another node')
    assert.notDeepEqual(targetToken(fromHex('100102030405060708090a0b0c0d0e0f'), `alice@${PEER1}`), t, 'another salt')
    assert.equal(matchTarget(salt, t, [`bob@${PEER1}`, `alice@${PEER1}`]), `alice@${PEER1}`)
    assert.equal(matchTarget(salt, t, [`bob@${PEER1}`]), undefined)
  })

  it('the tally nonce is SHA-256 over sortlift/v1/tally-nonce(tally id, session)', () => {
    const n = tallyNonce(tally, session)
    assert.equal(n.length, 32)
    assert.notDeepEqual(tallyNonce(tally, salt), n, 'another session gives another nonce')
  })

  it('pins the encodings', () => {
    assert.equal(toHex(targetToken(salt, `alice@${PEER1}`)), PINNED.target)
    assert.equal(toHex(tallyNonce(tally, session)), PINNED.nonce)
  })
})

// Computed once from the canonical encodings (see docs-route.md); a change here is a wire change.
const PINNED = {
  target: 'd7e964222de623916932164c83a94e2e66da52a6e289413f65f879d4ddda209e',
  nonce: 'e33bfb12591feb31384ede55c758ccdebd5310290b00d64ca6e297d5c51b22e0'
}

describe('route discovery: query validation', () => {
  const now = 5_000
  const code = (q: RouteQuery): RouteError | undefined => validateQuery(q, now)?.code

  it('accepts a well-formed query', () => {
    assert.equal(validateQuery(query(), now), undefined)
  })
  it('rejects wrong sizes and ranges as MALFORMED', () => {
    assert.equal(code(query({ session: new Uint8Array(15) })), RouteError.MALFORMED)
    assert.equal(code(query({ salt: new Uint8Array(17) })), RouteError.MALFORMED)
    assert.equal(code(query({ target: new Uint8Array(0) })), RouteError.MALFORMED)
    assert.equal(code(query({ entry: new Uint8Array(16) })), RouteError.MALFORMED)
    assert.equal(code(query({ units: 0n })), RouteError.MALFORMED)
    assert.equal(code(query({ units: -5n })), RouteError.MALFORMED)
    assert.equal(code(query({ hopsLeft: 17 })), RouteError.MALFORMED)
    assert.equal(code(query({ visited: Array.from({ length: MAX_VISITED + 1 }, () => PEER1) })), RouteError.MALFORMED)
    assert.equal(code(query({ visited: [PEER1, PEER1] })), RouteError.MALFORMED)
    assert.equal(code(query({ visited: ['alice@' + PEER1] })), RouteError.MALFORMED)
  })
  it('a passed deadline is EXPIRED, a spent budget HOP_BUDGET_EXHAUSTED (shape first)', () => {
    assert.equal(code(query({ deadline: 5_000n })), RouteError.EXPIRED)
    assert.equal(code(query({ hopsLeft: 0 })), RouteError.HOP_BUDGET_EXHAUSTED)
    assert.equal(code(query({ hopsLeft: 0, deadline: 1n })), RouteError.EXPIRED)
    assert.equal(code(query({ hopsLeft: 0, session: new Uint8Array() })), RouteError.MALFORMED)
  })
  it('clamps far deadlines and shrinks them per hop', () => {
    assert.equal(effectiveDeadline(BigInt(Number.MAX_SAFE_INTEGER) * 4n, now), now + MAX_DEADLINE_MS)
    assert.equal(effectiveDeadline(6_000n, now), 6_000)
    assert.deepEqual(forwardTiming(8_000, now), { deadline: 8_000 - HOP_MARGIN_MS, waitUntil: 8_000 - HOP_MARGIN_MS / 2 })
    assert.equal(forwardTiming(now + HOP_MARGIN_MS + 10, now), undefined, 'too little time to forward')
  })
})

describe('route discovery: joining hops and ranking routes', () => {
  it('an unbounded hop is the identity of the join', () => {
    const a = l(5n, 9n, 100, 10)
    assert.deepEqual(joinHops(null, a), a)
    assert.deepEqual(joinHops(a, null), a)
    assert.equal(joinHops(null, null), null)
    assert.deepEqual(routeLading([a, null]), a)
    assert.equal(routeLading([]), null)
  })

  // min, max and reward do not depend on how edges are grouped into hops;
  // the compounded margin may differ by rounding, at most 1 ppm per join.
  it('folding hop ladings equals the lading of all their edges as one path (margin within rounding)', () => {
    const edgeArb = fc.record({
      min: fc.bigInt({ min: 0n, max: 1000n }),
      extra: fc.bigInt({ min: 1n, max: 1000n }),
      reward: fc.integer({ min: -1000, max: 5000 }),
      margin: fc.integer({ min: 0, max: 5000 })
    })
    fc.assert(fc.property(fc.array(edgeArb, { minLength: 1, maxLength: 10 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 10, maxLength: 10 }), (raw, cuts) => {
      const edges: Edge[] = raw.map((e, i) => ({ tally: `t${i}`, giver: `u${i}`, receiver: `u${i + 1}`, min: e.min, max: e.min + e.extra, reward: e.reward, margin: e.margin }))
      // Cut the edges into hops of 1..3 edges each.
      const hops: Lading[] = []
      let i = 0
      for (const c of cuts) {
        if (i >= edges.length) break
        const part = edges.slice(i, i + c)
        const p = ladePath(part)
        hops.push({ min: p.min, max: p.max, reward: p.reward, margin: p.margin })
        i += c
      }
      const whole = ladePath(edges)
      const folded = routeLading(hops)
      assert.ok(folded != null)
      assert.deepEqual([folded.min, folded.max, folded.reward], [whole.min, whole.max, whole.reward])
      assert.ok(Math.abs(folded.margin - whole.margin) <= hops.length, `margin ${folded.margin} vs ${whole.margin}`)
    }), { numRuns: 1000 })
  })

  it('prefers routes that carry the units, then fewer nodes, then larger min', () => {
    const short = [hop(PEER1, l(20n, 30n)), hop(PEER2, null)]
    const long = [hop(PEER1, l(60n, 90n)), hop(PEER3, l(50n, 70n)), hop(PEER2, null)]
    const shortWeak = [hop(PEER1, l(5n, 30n)), hop(PEER2, null)]
    assert.deepEqual(rankRoutes([long, short], 10n).map(r => r.hops.length), [2, 3], 'both carry: fewer nodes wins')
    assert.deepEqual(rankRoutes([short, long], 40n).map(r => [r.hops.length, r.carries]), [[3, true], [2, false]], 'only the long one carries')
    assert.deepEqual(rankRoutes([shortWeak, short], 1n).map(r => r.lading?.min), [20n, 5n], 'same length: larger min')
    assert.deepEqual(rankRoutes([long], 1n)[0].lading, joinLading(l(60n, 90n), l(50n, 70n)))
    assert.equal(rankRoutes([short, long, shortWeak], 1n, 2).length, 2, 'at most max routes')
    assert.equal(carries(null, 10n ** 18n), true)
    assert.equal(carries(l(5n, 9n), 6n), false)
    assert.ok(compareRoutes(5n)({ length: 2, lading: l(5n, 9n) }, { length: 2, lading: l(5n, 9n, 0, 10) }) < 0, 'smaller margin first')
  })

  it('checks routes returned by the next node', () => {
    const good = toWireRoute([hop(PEER2, l(5n, 9n)), hop(PEER3, null)])
    assert.equal(checkRoute(good, PEER2, 8, new Set([PEER1]))?.length, 2)
    assert.equal(checkRoute(good, PEER3, 8, new Set()), undefined, 'must start at the node asked')
    assert.equal(checkRoute(good, PEER2, 1, new Set()), undefined, 'longer than the budget')
    const through = toWireRoute([hop(PEER2, l(5n, 9n)), hop(PEER3, l(5n, 9n)), hop(PEER4, null)])
    assert.equal(checkRoute(through, PEER2, 8, new Set([PEER3])), undefined, 'passes through an excluded peer')
    assert.equal(checkRoute(good, PEER2, 8, new Set([PEER3]))?.length, 2, 'a circuit may end at an excluded peer (its originator)')
    assert.equal(checkRoute(toWireRoute([hop(PEER2, null), hop(PEER3, null)]), PEER2, 8, new Set()), undefined, 'only the last hop may be unbounded')
    assert.equal(checkRoute(toWireRoute([hop(PEER2, l(9n, 5n))]), PEER2, 8, new Set()), undefined, 'min above max')
    assert.equal(checkRoute(toWireRoute([hop(PEER2, l(1n, 5n)), hop(PEER2, null)]), PEER2, 8, new Set()), undefined, 'a peer twice')
    assert.equal(checkRoute({ hops: [{ peer: PEER2, handle: new Uint8Array(3), lading: toWireLading(null) }] }, PEER2, 8, new Set()), undefined, 'short handle')
    assert.equal(checkRoute({ hops: [] }, PEER2, 8, new Set()), undefined)
  })

  it('round-trips ladings through the wire form', () => {
    assert.equal(fromWireLading(toWireLading(null)), null)
    assert.deepEqual(fromWireLading(toWireLading(l(1n, 2n, -3, 4))), l(1n, 2n, -3, 4))
  })
})
