import assert from 'node:assert/strict'
import { Side, ChitType, ErrorCode, Chit } from '../../protos/tally.js'
import type { ChainEntry } from '../../protos/tally.js'
import { applyEntry, validateChitShape, verifyChitSignature, verifyTallySignature, stockBalance, sameChit } from '../../src/tally/half.js'
import type { TallyHalf } from '../../src/tally/half.js'
import { TallyError } from '../../src/tally/errors.js'
import { tallySigningBytes, tallyHash } from '../../src/tally/encoding.js'
import { openPair, makeChit } from '../helpers/fixtures.js'
import type { Pair } from '../helpers/fixtures.js'

function entryFor (h: TallyHalf, chit: Chit): ChainEntry {
  return { index: BigInt(h.length), prev: h.head as Uint8Array<ArrayBuffer>, chit }
}

function rejects (fn: () => unknown, code: ErrorCode): void {
  assert.throws(fn, (err: any) => err instanceof TallyError && err.code === code, `expected ${code}`)
}

async function rejectsAsync (p: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(p, (err: any) => err instanceof TallyError && err.code === code)
}

/** Applies the same chits to both halves, as the protocol does. */
function applyBoth (pair: Pair, chits: Chit[]): void {
  for (const c of chits) {
    pair.stockHalf = applyEntry(pair.stockHalf, entryFor(pair.stockHalf, c), 2)
    pair.foilHalf = applyEntry(pair.foilHalf, entryFor(pair.foilHalf, c), 2)
  }
}

describe('tally half rules', () => {
  it('sameChit: a chit equals its own decoded encoding, and differs when any field does', async () => {
    const pair = await openPair()
    const settings = { target: 5n, bound: 9n, reward: 100, clutch: 200 }
    for (const c of [await makeChit(pair, Side.STOCK, 7n, { memo: 'm', reference: 'r' }), await makeChit(pair, Side.FOIL, 0n, { type: ChitType.SETTING, settings })]) {
      assert.equal(sameChit(c, Chit.decode(Chit.encode(c))), true)
      const changes: Array<Partial<Chit>> = [
        { tallyId: new Uint8Array(16) }, { chitId: new Uint8Array(16) }, { issuer: c.issuer === Side.STOCK ? Side.FOIL : Side.STOCK },
        { type: ChitType.LIFT }, { units: c.units + 1n }, { memo: 'x' }, { reference: 'y' }, { time: c.time + 1n },
        { settings: c.settings == null ? settings : undefined }, { settings: { ...settings, clutch: 201 } }, { close: !c.close },
        { liftId: new Uint8Array(16) }, { signature: new Uint8Array(64) }
      ]
      for (const change of changes) assert.equal(sameChit(c, { ...c, ...change }), false, JSON.stringify(Object.keys(change)))
    }
  })

  it('a payment lowers the issuer\'s balance and raises the partner\'s by the same amount', async () => {
    const pair = await openPair()
    applyBoth(pair, [await makeChit(pair, Side.FOIL, 15n), await makeChit(pair, Side.STOCK, 4n)])
    assert.equal(pair.stockHalf.balance, 11n)
    assert.equal(pair.foilHalf.balance, -11n)
    assert.equal(pair.stockHalf.balance + pair.foilHalf.balance, 0n)
    assert.deepEqual(pair.stockHalf.head, pair.foilHalf.head)
    assert.equal(pair.stockHalf.length, 2)
  })

  it('the head starts at the tally hash and changes with every entry', async () => {
    const pair = await openPair()
    assert.deepEqual(pair.stockHalf.head, tallyHash(pair.record))
    const before = pair.stockHalf.head
    applyBoth(pair, [await makeChit(pair, Side.FOIL, 1n)])
    assert.notDeepEqual(pair.stockHalf.head, before)
  })

  it('enforces the credit limit on the foil\'s debt, inclusive', async () => {
    const pair = await openPair(10n)
    applyBoth(pair, [await makeChit(pair, Side.FOIL, 10n)])
    assert.equal(stockBalance(pair.stockHalf), 10n)
    const over = await makeChit(pair, Side.FOIL, 1n)
    rejects(() => applyEntry(pair.foilHalf, entryFor(pair.foilHalf, over), 3), ErrorCode.OVER_LIMIT)
    // the stock paying back is always allowed
    applyBoth(pair, [await makeChit(pair, Side.STOCK, 3n)])
    applyBoth(pair, [await makeChit(pair, Side.FOIL, 3n)])
    assert.equal(stockBalance(pair.stockHalf), 10n)
  })

  it('links entries: wrong index is a gap, wrong prev a conflict', async () => {
    const pair = await openPair()
    const c = await makeChit(pair, Side.FOIL, 1n)
    rejects(() => applyEntry(pair.stockHalf, { ...entryFor(pair.stockHalf, c), index: 1n }, 2), ErrorCode.CHAIN_GAP)
    rejects(() => applyEntry(pair.stockHalf, { ...entryFor(pair.stockHalf, c), prev: new Uint8Array(32) }, 2), ErrorCode.CHAIN_CONFLICT)
  })

  it('rejects malformed chits by shape', async () => {
    const pair = await openPair()
    const ok = await makeChit(pair, Side.FOIL, 1n)
    rejects(() => validateChitShape({ ...ok, units: 0n }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, units: -5n }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, chitId: new Uint8Array(3) }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, issuer: Side.SIDE_UNSPECIFIED }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, memo: 'x'.repeat(1025) }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, signature: new Uint8Array() }), ErrorCode.BAD_SIGNATURE)
    rejects(() => validateChitShape({ ...ok, type: ChitType.LIFT }), ErrorCode.MALFORMED) // names no lift
    rejects(() => validateChitShape({ ...ok, type: ChitType.LIFT, liftId: new Uint8Array(16), units: 0n }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, type: ChitType.LIFT, liftId: new Uint8Array(16), close: true }), ErrorCode.MALFORMED)
    validateChitShape({ ...ok, type: ChitType.LIFT, liftId: new Uint8Array(16) })
    rejects(() => validateChitShape({ ...ok, type: ChitType.SETTING }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, type: ChitType.SETTING, units: 0n, settings: { target: 5n, bound: 3n, reward: 0, clutch: 0 } }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, type: ChitType.SETTING, units: 0n, settings: { target: 0n, bound: 0n, reward: -10, clutch: 5 } }), ErrorCode.MALFORMED)
    rejects(() => validateChitShape({ ...ok, type: ChitType.SETTING, units: 0n, settings: { target: 0n, bound: 0n, reward: 1_000_001, clutch: 0 } }), ErrorCode.MALFORMED)
  })

  it('verifies chit signatures against the issuer named in the chit', async () => {
    const pair = await openPair()
    const c = await makeChit(pair, Side.FOIL, 7n)
    await verifyChitSignature(pair.record, c)
    await rejectsAsync(verifyChitSignature(pair.record, { ...c, units: 8n }), ErrorCode.BAD_SIGNATURE)
    await rejectsAsync(verifyChitSignature(pair.record, { ...c, issuer: Side.STOCK }), ErrorCode.BAD_SIGNATURE)
    const sig = Uint8Array.from(c.signature)
    sig[0] ^= 1
    await rejectsAsync(verifyChitSignature(pair.record, { ...c, signature: sig }), ErrorCode.BAD_SIGNATURE)
  })

  it('verifies both users\' signatures on the tally record', async () => {
    const pair = await openPair()
    const bytes = tallySigningBytes(pair.record)
    assert.equal(await verifyTallySignature(pair.record, Side.STOCK, await pair.stock.sign(bytes)), true)
    assert.equal(await verifyTallySignature(pair.record, Side.FOIL, await pair.stock.sign(bytes)), false)
    assert.equal(await verifyTallySignature(pair.record, Side.FOIL, undefined), false)
  })

  it('setting chits publish the issuer\'s trading variables', async () => {
    const pair = await openPair()
    const s = await makeChit(pair, Side.STOCK, 0n, { type: ChitType.SETTING, settings: { target: 3n, bound: 7n, reward: 1000, clutch: -500 } })
    applyBoth(pair, [s])
    assert.deepEqual(pair.foilHalf.settings.stock, { target: 3n, bound: 7n, reward: 1000, clutch: -500 })
    assert.deepEqual(pair.stockHalf.settings.foil, { target: 0n, bound: 0n, reward: 0, clutch: 0 })
    assert.equal(pair.stockHalf.balance, 0n)
  })

  it('closing allows only payments toward zero and closes at zero', async () => {
    const pair = await openPair()
    applyBoth(pair, [await makeChit(pair, Side.FOIL, 10n)])
    applyBoth(pair, [await makeChit(pair, Side.FOIL, 0n, { type: ChitType.SETTING, close: true })])
    assert.equal(pair.stockHalf.state, 'closing')
    rejects(() => applyEntry(pair.foilHalf, entryFor(pair.foilHalf, unsignedChit(pair, Side.FOIL, 1n)), 3), ErrorCode.BAD_STATE)
    rejects(() => applyEntry(pair.stockHalf, entryFor(pair.stockHalf, unsignedChit(pair, Side.STOCK, 11n)), 3), ErrorCode.BAD_STATE)
    applyBoth(pair, [await makeChit(pair, Side.STOCK, 4n)])
    assert.equal(pair.stockHalf.state, 'closing')
    applyBoth(pair, [await makeChit(pair, Side.STOCK, 6n)])
    assert.equal(pair.stockHalf.state, 'closed')
    assert.equal(pair.foilHalf.state, 'closed')
    rejects(() => applyEntry(pair.foilHalf, entryFor(pair.foilHalf, unsignedChit(pair, Side.STOCK, 1n)), 3), ErrorCode.BAD_STATE)
  })
})

/** An unsigned chit is enough where the rule fails before signatures matter. */
function unsignedChit (pair: Pair, issuer: Side, units: bigint): Chit {
  return {
    tallyId: pair.record.id, chitId: new Uint8Array(16).fill(Number(units)), issuer, type: ChitType.PAYMENT, units,
    memo: '', reference: '', time: 1n, close: false, liftId: new Uint8Array(), signature: new Uint8Array(64).fill(1)
  }
}
