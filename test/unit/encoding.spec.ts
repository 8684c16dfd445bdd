import assert from 'node:assert/strict'
import { CanonicalWriter } from '../../src/crypto/canonical.js'
import { parseAddress, formatAddress, isValidUserName } from '../../src/tally/address.js'
import { validateDraft, draftRecord } from '../../src/tally/record.js'
import { TallyError } from '../../src/tally/errors.js'
import { ErrorCode, Side } from '../../protos/tally.js'
import { PEER_A, PEER_B } from '../helpers/fixtures.js'

describe('canonical encoding', () => {
  it('writes tag, fixed-width big-endian integers and length-prefixed bytes', () => {
    const out = new CanonicalWriter('t').u8(1).u32(2).i64(-1n).u64(3n).bool(true).bytes(Uint8Array.of(9, 9)).string('é').finish()
    assert.equal(Buffer.from(out).toString('hex'),
      '00000001' + '74' + '01' + '00000002' + 'ffffffffffffffff' + '0000000000000003' + '01' + '00000002' + '0909' + '00000002' + 'c3a9')
  })

  it('every field type lands right when it is the one that grows the buffer', () => {
    // a reference built by hand, field by field, at every offset around the growth points
    const fields: Array<[string, (w: CanonicalWriter) => void, (b: number[]) => void]> = [
      ['u8', w => w.u8(0xab), b => b.push(0xab)],
      ['bool', w => w.bool(true), b => b.push(1)],
      ['u32', w => w.u32(0x01020304), b => b.push(1, 2, 3, 4)],
      ['i32', w => w.i32(-2), b => b.push(0xff, 0xff, 0xff, 0xfe)],
      ['u64 number', w => w.u64(2 ** 40 + 5), b => b.push(0, 0, 1, 0, 0, 0, 0, 5)],
      ['u64 bigint', w => w.u64(1n << 63n), b => b.push(0x80, 0, 0, 0, 0, 0, 0, 0)],
      ['i64', w => w.i64(-1n), b => b.push(...new Array(8).fill(0xff))],
      ['bytes', w => w.bytes(Uint8Array.of(7, 8)), b => b.push(0, 0, 0, 2, 7, 8)],
      ['string', w => w.string('é'), b => b.push(0, 0, 0, 2, 0xc3, 0xa9)]
    ]
    for (let pad = 240; pad < 270; pad++) {
      for (const [name, write, ref] of fields) {
        const w = new CanonicalWriter('t').bytes(new Uint8Array(pad).fill(1))
        write(w)
        const want = [0, 0, 0, 1, 0x74, ...[pad >>> 24, (pad >>> 16) & 0xff, (pad >>> 8) & 0xff, pad & 0xff], ...new Array(pad).fill(1)]
        ref(want)
        assert.deepEqual([...w.finish()], want, `${name} after ${pad} bytes`)
      }
    }
  })

  it('refuses values out of range instead of wrapping', () => {
    assert.throws(() => new CanonicalWriter('t').i64(1n << 63n), RangeError)
    assert.throws(() => new CanonicalWriter('t').u64(-1n), RangeError)
    assert.throws(() => new CanonicalWriter('t').u32(2 ** 32), RangeError)
    assert.throws(() => new CanonicalWriter('t').i32(1.5), RangeError)
  })
})

describe('addresses and records', () => {
  it('parses name@PeerId and rejects anything else', () => {
    assert.deepEqual(parseAddress(`alice@${PEER_A}`), { name: 'alice', peerId: PEER_A })
    assert.equal(formatAddress('bob', PEER_B), `bob@${PEER_B}`)
    for (const bad of ['alice', `@${PEER_A}`, `Alice@${PEER_A}`, 'alice@notapeerid0', `a b@${PEER_A}`]) {
      assert.throws(() => parseAddress(bad), (e: any) => e instanceof TallyError && e.code === ErrorCode.MALFORMED, bad)
    }
    assert.equal(isValidUserName('x'.repeat(33)), false)
  })

  it('checks a received draft: sender hosts the proposer, we host the partner', () => {
    const draft = draftRecord({ id: new Uint8Array(16) as Uint8Array<ArrayBuffer>, proposerAddress: `alice@${PEER_A}`, proposerKey: new Uint8Array(32) as Uint8Array<ArrayBuffer>, partnerAddress: `bob@${PEER_B}`, proposerSide: Side.STOCK, created: 1 })
    assert.equal(validateDraft(draft, PEER_A, PEER_B), Side.FOIL)
    const code = (fn: () => unknown): ErrorCode | undefined => { try { fn() } catch (e: any) { return e.code } }
    assert.equal(code(() => validateDraft(draft, PEER_B, PEER_B)), ErrorCode.NOT_COUNTERPARTY)
    assert.equal(code(() => validateDraft(draft, PEER_A, PEER_A)), ErrorCode.NOT_COUNTERPARTY)
    assert.equal(code(() => validateDraft({ ...draft, version: 2 }, PEER_A, PEER_B)), ErrorCode.MALFORMED)
    assert.equal(code(() => validateDraft({ ...draft, hasLimit: true, limit: -1n }, PEER_A, PEER_B)), ErrorCode.MALFORMED)
    assert.equal(code(() => validateDraft({ ...draft, foil: { address: `bob@${PEER_B}`, publicKey: new Uint8Array(32) } }, PEER_A, PEER_B)), ErrorCode.MALFORMED)
  })
})
