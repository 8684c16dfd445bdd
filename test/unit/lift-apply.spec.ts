// How a lift changes the tally halves one node holds (src/lift/apply.ts): pure,
// with real keys and signed chits; no network or disk.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Side } from '../../protos/tally.js'
import type { Chit } from '../../protos/tally.js'
import { addOwnChit, stockBalance } from '../../src/tally/half.js'
import type { TallyHalf } from '../../src/tally/half.js'
import { reserveLegs, releaseLegs, applyGood } from '../../src/lift/apply.js'
import type { Halves } from '../../src/lift/apply.js'
import { LiftError } from '../../src/lift/errors.js'
import { TallyGraph } from '../../src/lift/graph.js'
import type { LiftLeg } from '../../src/lift/record.js'
import { halfKey } from '../../src/store/tally-repo.js'
import { randomBytes, toHex } from '../../src/crypto/bytes.js'
import { makeChit } from '../helpers/fixtures.js'
import { PEER_A, PEER_B, openTally, publish, payOn, halvesOf, legOn, legOfEdge, liftChitFor, sideOf } from '../helpers/lift-fixtures.js'
import type { Tally } from '../helpers/lift-fixtures.js'

const A = (name: string): string => `${name}@${PEER_A}`
const B = (name: string): string => `${name}@${PEER_B}`

function noCapacity (fn: () => unknown, pattern?: RegExp): void {
  assert.throws(fn, (err: any) => err instanceof LiftError && err.code === 'NO_CAPACITY' && (pattern == null || pattern.test(err.message)))
}

/** A deep copy of every half, to check that nothing was changed in place. */
function snapshot (halves: Halves): Map<string, TallyHalf> {
  return new Map([...halves].map(([k, h]) => [k, structuredClone(h)]))
}

function assertUntouched (halves: Halves, originals: Map<string, TallyHalf>, copy: Map<string, TallyHalf>): void {
  assert.equal(halves.size, originals.size)
  for (const [k, h] of halves) {
    assert.equal(h, originals.get(k), `half ${k} replaced in the input map`)
    assert.deepEqual(h, copy.get(k), `half ${k} changed in place`)
  }
}

/** The halves after writing `changes` (what the caller commits). */
function afterChanges (halves: Halves, changes: Array<{ half: TallyHalf }>): Halves {
  const out: Halves = new Map(halves)
  for (const c of changes) out.set(halfKey(c.half.record.id, c.half.side), c.half)
  return out
}

/** A user's net position over the halves it holds here. */
function netOf (halves: Halves, address: string): bigint {
  let net = 0n
  for (const h of halves.values()) {
    const mine = h.side === Side.STOCK ? h.record.stock!.address : h.record.foil!.address
    if (mine === address) net += h.balance
  }
  return net
}

function sumOf (halves: Halves): bigint {
  return [...halves.values()].reduce((s, h) => s + h.balance, 0n)
}

describe('lift apply: reserving capacity', () => {
  // alice@A holds the foil, xavier@B the stock; xavier (the receiver) wants up to 100 free of reward.
  let t: Tally
  beforeEach(async () => {
    t = await openTally(B('xavier'), A('alice'), 50n)
    await publish(t, Side.STOCK, { target: 100n, bound: 200n })
  })

  it('reserves within the free minimum and counts it against the limit', () => {
    const halves = halvesOf([t], Side.FOIL)
    const out = reserveLegs(halves, [legOn(t, A('alice'), 40n, 'giver')], PEER_A)
    assert.equal(out.get(t.foilKey)!.liftUp, 40n)
    assert.equal(out.get(t.foilKey)!.liftDown, 0n)
    // A second leg sees the first's reservation: the limit of 50 leaves 10.
    noCapacity(() => reserveLegs(out, [legOn(t, A('alice'), 11n, 'giver')], PEER_A), /credit limit/)
    assert.equal(reserveLegs(out, [legOn(t, A('alice'), 10n, 'giver')], PEER_A).get(t.foilKey)!.liftUp, 50n)
  })

  it('refuses more than the edge carries free of reward, and leaves the input untouched', async () => {
    const u = await openTally(B('xavier'), A('alice'))
    await publish(u, Side.STOCK, { target: 100n, bound: 200n })
    await payOn(u, Side.FOIL, 30n) // xavier is owed 30: 70 left free
    const halves = halvesOf([u], Side.FOIL)
    const copy = snapshot(halves)
    const originals = new Map(halves)
    noCapacity(() => reserveLegs(halves, [legOn(u, A('alice'), 71n, 'giver')], PEER_A), /can carry 70 free of reward, not 71/)
    assertUntouched(halves, originals, copy)
    assert.equal(reserveLegs(halves, [legOn(u, A('alice'), 70n, 'giver')], PEER_A).get(u.foilKey)!.liftUp, 70n)
  })

  it('refuses over the credit limit, and leaves the input untouched', async () => {
    await payOn(t, Side.FOIL, 30n) // the foil owes 30 of its 50
    const halves = halvesOf([t], Side.FOIL)
    const copy = snapshot(halves)
    const originals = new Map(halves)
    noCapacity(() => reserveLegs(halves, [legOn(t, A('alice'), 21n, 'giver')], PEER_A), /credit limit of 50/)
    assertUntouched(halves, originals, copy)
    assert.equal(reserveLegs(halves, [legOn(t, A('alice'), 20n, 'giver')], PEER_A).get(t.foilKey)!.liftUp, 20n)
  })

  it('a batch that fails on a later leg changes nothing, not even the legs before it', async () => {
    const u = await openTally(A('alice'), A('bob'))
    await publish(u, Side.FOIL, { target: 500n, bound: 500n })
    const halves = halvesOf([t, u])
    const copy = snapshot(halves)
    const originals = new Map(halves)
    noCapacity(() => reserveLegs(halves, [legOn(u, A('alice'), 100n), legOn(t, A('alice'), 60n, 'giver')], PEER_A))
    assertUntouched(halves, originals, copy)
  })

  it('a leg only received here is checked on the receiver\'s half (incoming edge)', async () => {
    // On xavier's node: value arrives from alice; xavier holds the stock.
    const halves = halvesOf([t], Side.STOCK)
    noCapacity(() => reserveLegs(halves, [legOn(t, A('alice'), 101n, 'receiver')], PEER_B))
    const out = reserveLegs(halves, [legOn(t, A('alice'), 50n, 'receiver')], PEER_B)
    assert.equal(out.get(t.stockKey)!.liftUp, 50n)
  })

  it('a half not held here is no capacity', () => {
    noCapacity(() => reserveLegs(new Map(), [legOn(t, A('alice'), 1n, 'giver')], PEER_A), /not held here/)
  })

  it('reserve then release gives back the exact original reservations', async () => {
    const u = await openTally(A('alice'), A('bob'))
    await publish(u, Side.FOIL, { target: 500n, bound: 500n })
    await publish(u, Side.STOCK, { target: 300n, bound: 300n })
    const halves = halvesOf([t, u])
    const copy = snapshot(halves)
    const legs = [legOn(u, A('alice'), 100n), legOn(u, A('bob'), 30n), legOn(t, A('alice'), 10n, 'giver')]
    const reserved = reserveLegs(halves, legs, PEER_A)
    assert.deepEqual([reserved.get(u.stockKey)!.liftUp, reserved.get(u.stockKey)!.liftDown], [30n, 100n])
    assert.deepEqual([reserved.get(u.foilKey)!.liftUp, reserved.get(u.foilKey)!.liftDown], [30n, 100n])
    const released = releaseLegs(reserved, legs)
    for (const [k, h] of released) assert.deepEqual(h, copy.get(k), k)
    // Legs never reserved are not released.
    assert.deepEqual(releaseLegs(reserved, legs.map(l => ({ ...l, reserved: false }))), reserved)
  })

  describe('property: random legs', () => {
    // A small world on node A: three local tallies and two foreign ones, every
    // receiver willing to take 0..1000 free.
    let world: Tally[]
    const users = [A('alice'), A('bob'), A('carol')]
    before(async () => {
      world = [
        await openTally(A('alice'), A('bob'), 700n),
        await openTally(A('bob'), A('carol')),
        await openTally(A('carol'), A('alice'), 300n),
        await openTally(B('xavier'), A('alice'), 400n),
        await openTally(A('bob'), B('yvonne'))
      ]
      for (const t of world) {
        await publish(t, Side.STOCK, { target: 1000n, bound: 1500n })
        await publish(t, Side.FOIL, { target: 1000n, bound: 1500n })
      }
      await payOn(world[0], Side.FOIL, 250n)
      await payOn(world[2], Side.STOCK, 120n)
    })

    const legArb = fc.record({
      tally: fc.nat({ max: 4 }),
      fromStock: fc.boolean(),
      units: fc.bigInt({ min: 1n, max: 1200n })
    })

    function legsOf (picks: Array<{ tally: number, fromStock: boolean, units: bigint }>): LiftLeg[] {
      return picks.map(p => {
        const t = world[p.tally]
        const giver = p.fromStock ? t.stockAddress : t.foilAddress
        const foreign = !users.includes(t.stockAddress) || !users.includes(t.foilAddress)
        const held = !foreign ? 'both' : users.includes(giver) ? 'giver' : 'receiver'
        return legOn(t, giver, p.units, held)
      })
    }

    it('either reserves and releases back exactly, or refuses with NO_CAPACITY and changes nothing', () => {
      fc.assert(fc.property(fc.array(legArb, { minLength: 1, maxLength: 6 }), (picks) => {
        const halves: Halves = new Map([...halvesOf(world)].filter(([, h]) => users.includes(h.side === Side.STOCK ? h.record.stock!.address : h.record.foil!.address)))
        const copy = snapshot(halves)
        const originals = new Map(halves)
        const legs = legsOf(picks)
        let reserved: Halves
        try {
          reserved = reserveLegs(halves, legs, PEER_A)
        } catch (err: any) {
          assert.ok(err instanceof LiftError && err.code === 'NO_CAPACITY', String(err))
          assertUntouched(halves, originals, copy)
          return
        }
        assertUntouched(halves, originals, copy)
        // Each held half reserves exactly its legs' units, by direction.
        for (const [k, h] of reserved) {
          let up = 0n
          let down = 0n
          for (const l of legs) {
            if (l.giverHalf !== k && l.receiverHalf !== k) continue
            if (l.giverSide === 'foil') up += l.units
            else down += l.units
          }
          assert.deepEqual([h.liftUp, h.liftDown], [up, down], k)
          if (h.record.hasLimit) assert.ok(stockBalance(h) + h.liftUp <= h.record.limit, `${k} within its limit`)
        }
        const released = releaseLegs(reserved, legs)
        for (const [k, h] of released) assert.deepEqual(h, copy.get(k), k)
      }), { numRuns: 300 })
    })
  })
})

describe('lift apply: a good lift', () => {
  const liftId = randomBytes(16)

  async function localTally (giverIsFoil: boolean): Promise<{ t: Tally, giver: string }> {
    const t = await openTally(A('alice'), A('bob'))
    // The receiver publishes a target so the edge carries.
    await publish(t, giverIsFoil ? Side.STOCK : Side.FOIL, { target: 100n, bound: 100n })
    return { t, giver: giverIsFoil ? A('bob') : A('alice') }
  }

  for (const giverIsFoil of [true, false]) {
    const who = giverIsFoil ? 'the foil' : 'the stock'
    it(`on a local tally in step, given by ${who}: the same entry on both halves, same head, reservation ended`, async () => {
      const { t, giver } = await localTally(giverIsFoil)
      const leg = legOn(t, giver, 60n)
      const halves = reserveLegs(halvesOf([t]), [leg], PEER_A)
      const chit = await liftChitFor(t, leg, liftId)
      const { changes, dirty } = applyGood(halves, [leg], new Map([[0, chit]]), 5)
      assert.deepEqual(dirty, [])
      assert.equal(changes.length, 2)
      for (const c of changes) {
        assert.equal(c.entries?.length, 1)
        assert.deepEqual(c.entries![0].chit, chit)
        assert.equal(c.entries![0].index, BigInt(t.foilHalf.length), 'appended after the chain both halves hold')
        assert.deepEqual(c.addPending, [])
        assert.notEqual(c.dirty, true)
      }
      const after = afterChanges(halves, changes)
      const [s, f] = [after.get(t.stockKey)!, after.get(t.foilKey)!]
      assert.deepEqual(s.head, f.head)
      assert.equal(s.length, f.length)
      assert.equal(f.peerLength, f.length, 'the stock has it: nothing to deliver')
      assert.equal(stockBalance(s), giverIsFoil ? 60n : -60n)
      assert.equal(s.balance + f.balance, 0n)
      for (const h of [s, f]) assert.deepEqual([h.liftUp, h.liftDown], [0n, 0n])
      // The giver's balance fell by the units, the receiver's rose.
      assert.equal(netOf(after, giver), -60n)
    })
  }

  it('on a local tally whose stock lags behind the foil: placed on the foil only, marked dirty', async () => {
    const { t, giver } = await localTally(true)
    // The foil has placed a chit the stock has not received yet.
    const extra = await makeChit(t, Side.FOIL, 5n)
    t.foilHalf = addOwnChit(t.foilHalf, extra, 3).half
    assert.equal(t.foilHalf.length, t.stockHalf.length + 1)
    const leg = legOn(t, giver, 60n)
    const halves = reserveLegs(halvesOf([t]), [leg], PEER_A)
    const chit = await liftChitFor(t, leg, liftId)
    const { changes, dirty } = applyGood(halves, [leg], new Map([[0, chit]]), 5)
    assert.deepEqual(dirty, [t.foilKey])
    const foil = changes.find(c => c.half.side === Side.FOIL)!
    assert.equal(foil.dirty, true)
    assert.deepEqual(foil.entries!.map(e => [e.index, e.chit]), [[BigInt(t.stockHalf.length + 1), chit]])
    assert.equal(foil.half.length, t.stockHalf.length + 2)
    assert.equal(foil.half.peerLength, t.foilHalf.peerLength, 'the stock has not acknowledged it')
    const stock = changes.find(c => c.half.side === Side.STOCK)
    // The stock gets no entry now (delivery brings it); at most its reservation changes.
    assert.deepEqual(stock?.entries ?? [], [])
    assert.equal((stock?.half ?? halves.get(t.stockKey)!).length, t.stockHalf.length)
    assert.deepEqual((stock?.half ?? halves.get(t.stockKey)!).head, t.stockHalf.head)
  })

  it('on a local tally whose stock has unplaced chits of its own: the foil places it, the stock waits', async () => {
    const { t, giver } = await localTally(false)
    const own = await makeChit(t, Side.STOCK, 5n)
    t.stockHalf = addOwnChit(t.stockHalf, own, 3).half
    assert.equal(t.stockHalf.pendingCount, 1)
    const leg = legOn(t, giver, 60n)
    const halves = reserveLegs(halvesOf([t]), [leg], PEER_A)
    const { changes, dirty } = applyGood(halves, [leg], new Map([[0, await liftChitFor(t, leg, liftId)]]), 5)
    assert.deepEqual(dirty, [t.foilKey])
    assert.equal(changes.find(c => c.half.side === Side.FOIL)!.entries!.length, 1)
    assert.deepEqual(changes.find(c => c.half.side === Side.STOCK)?.entries ?? [], [])
  })

  it('on a foreign leg given by the stock: a pending chit, no entry, dirty', async () => {
    // alice@A holds the stock; the receiver, xavier@B, holds the foil.
    const t = await openTally(A('alice'), B('xavier'))
    await publish(t, Side.FOIL, { target: 100n, bound: 100n })
    const leg = legOn(t, A('alice'), 40n, 'giver')
    const halves = reserveLegs(halvesOf([t], Side.STOCK), [leg], PEER_A)
    assert.equal(halves.get(t.stockKey)!.liftDown, 40n)
    const chit = await liftChitFor(t, leg, liftId)
    const { changes, dirty } = applyGood(halves, [leg], new Map([[0, chit]]), 5)
    assert.deepEqual(dirty, [t.stockKey])
    assert.equal(changes.length, 1)
    const c = changes[0]
    assert.deepEqual(c.entries, [])
    assert.deepEqual(c.addPending, [chit])
    assert.equal(c.dirty, true)
    assert.deepEqual([c.half.pendingCount, c.half.pendingUnits], [1, 40n])
    assert.deepEqual([c.half.liftUp, c.half.liftDown], [0n, 0n])
    assert.equal(c.half.balance, 0n, 'an unplaced stock chit moves nothing yet')
  })

  it('on a foreign leg given by the foil: a placed entry, dirty', async () => {
    const t = await openTally(B('xavier'), A('alice'))
    await publish(t, Side.STOCK, { target: 100n, bound: 100n })
    const leg = legOn(t, A('alice'), 40n, 'giver')
    const halves = reserveLegs(halvesOf([t], Side.FOIL), [leg], PEER_A)
    const chit = await liftChitFor(t, leg, liftId)
    const { changes, dirty } = applyGood(halves, [leg], new Map([[0, chit]]), 5)
    assert.deepEqual(dirty, [t.foilKey])
    assert.equal(changes.length, 1)
    const c = changes[0]
    assert.deepEqual(c.entries!.map(e => e.chit), [chit])
    assert.deepEqual(c.addPending, [])
    assert.equal(c.dirty, true)
    assert.equal(c.half.balance, -40n)
    assert.deepEqual([c.half.liftUp, c.half.liftDown], [0n, 0n])
  })

  it('a leg only received here is left to the partner\'s chit: its reservation stays', async () => {
    const t = await openTally(B('xavier'), A('alice'))
    await publish(t, Side.FOIL, { target: 100n, bound: 100n })
    const leg = legOn(t, B('xavier'), 40n, 'receiver')
    const halves = reserveLegs(halvesOf([t], Side.FOIL), [leg], PEER_A)
    const { changes, dirty } = applyGood(halves, [leg], new Map(), 5)
    assert.deepEqual([changes, dirty], [[], []])
  })

  it('a leg given here without its chit is an internal error', async () => {
    const { t, giver } = await localTally(true)
    const leg = legOn(t, giver, 10n)
    assert.throws(() => applyGood(reserveLegs(halvesOf([t]), [leg], PEER_A), [leg], new Map(), 5), (e: any) => e instanceof LiftError && e.code === 'INTERNAL')
  })

  it('a circuit conserves balances: the sum over all halves and every user\'s net are unchanged', async () => {
    const users = ['alice', 'bob', 'carol', 'dave'].map(A)
    const tallies: Tally[] = []
    // A ring alice → bob → carol → dave → alice, each receiver taking up to 200 free,
    // with balances already on the tallies.
    for (let i = 0; i < users.length; i++) {
      const [giver, receiver] = [users[i], users[(i + 1) % users.length]]
      const t = i % 2 === 0 ? await openTally(receiver, giver) : await openTally(giver, receiver)
      await payOn(t, Side.FOIL, BigInt(10 * (i + 1)))
      await publish(t, sideOf(t, receiver), { target: 200n, bound: 250n })
      tallies.push(t)
    }
    const halves = halvesOf(tallies)
    const graph = new TallyGraph([...halves.values()], PEER_A)
    const circuits = graph.localCircuits(users[0])
    assert.equal(circuits.length, 1)
    const units = circuits[0].lading.min
    assert.ok(units > 0n)
    const legs = circuits[0].edges.map(e => legOfEdge(e, halves, units))
    const reserved = reserveLegs(halves, legs, PEER_A)
    const chits = new Map<number, Chit>()
    const tallyOf = (leg: LiftLeg): Tally => tallies.find(t => toHex(t.record.id) === leg.tallyId)!
    for (const [i, leg] of legs.entries()) chits.set(i, await liftChitFor(tallyOf(leg), leg, liftId))
    const { changes, dirty } = applyGood(reserved, legs, chits, 5)
    assert.deepEqual(dirty, [])
    const after = afterChanges(reserved, changes)
    assert.equal(sumOf(after), sumOf(halves))
    for (const u of users) assert.equal(netOf(after, u), netOf(halves, u), u)
    for (const t of tallies) {
      const [s, f] = [after.get(t.stockKey)!, after.get(t.foilKey)!]
      assert.deepEqual(s.head, f.head)
      assert.equal(s.balance + f.balance, 0n)
      for (const h of [s, f]) assert.deepEqual([h.liftUp, h.liftDown], [0n, 0n])
    }
    // Every tally on the circuit moved by the units toward its giver.
    for (const leg of legs) {
      const before = halves.get(leg.giverHalf!)!.balance
      assert.equal(after.get(leg.giverHalf!)!.balance, before - units, `${leg.giver} gives ${units} on ${leg.tallyId}`)
      assert.equal(after.get(leg.receiverHalf!)!.balance, halves.get(leg.receiverHalf!)!.balance + units)
    }
  })

  it('a payment path: the payer loses the units, the payee gains them, the middle nets zero', async () => {
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(A)
    const ab = await openTally(bob, alice) // bob (stock) receives from alice (foil)
    const bc = await openTally(bob, carol) // carol (foil) receives from bob (stock)
    await publish(ab, Side.STOCK, { target: 100n, bound: 100n })
    await publish(bc, Side.FOIL, { target: 100n, bound: 100n })
    const legs = [legOn(ab, alice, 75n), legOn(bc, bob, 75n)]
    const halves = halvesOf([ab, bc])
    const reserved = reserveLegs(halves, legs, PEER_A)
    const chits = new Map([[0, await liftChitFor(ab, legs[0], liftId)], [1, await liftChitFor(bc, legs[1], liftId)]])
    const after = afterChanges(reserved, applyGood(reserved, legs, chits, 5).changes)
    assert.deepEqual([netOf(after, alice), netOf(after, bob), netOf(after, carol)], [-75n, 0n, 75n])
    assert.equal(sumOf(after), 0n)
  })
})
