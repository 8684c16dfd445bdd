import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { CanonicalWriter } from '../../src/crypto/canonical.js'
import { sha256, sha256Into } from '../../src/crypto/hash.js'
import { toBase64, toHex } from '../../src/crypto/bytes.js'
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
    // around the size of a fresh writer's buffer (1,024 bytes)
    for (let pad = 1000; pad < 1030; pad++) {
      for (const [name, write, ref] of fields) {
        // Writers left open hold every spare buffer (a grown one would not
        // grow again), so the writer below starts with a fresh one.
        const hold = Array.from({ length: 17 }, () => new CanonicalWriter('hold'))
        const w = new CanonicalWriter('t').bytes(new Uint8Array(pad).fill(1))
        write(w)
        const want = [0, 0, 0, 1, 0x74, ...[pad >>> 24, (pad >>> 16) & 0xff, (pad >>> 8) & 0xff, pad & 0xff], ...new Array(pad).fill(1)]
        ref(want)
        assert.deepEqual([...w.finish()], want, `${name} after ${pad} bytes`)
        assert.equal(hold.length, 17)
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

describe('canonical writers share working buffers safely', () => {
  const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex')

  it('nested() writes the same bytes as bytes() of the nested encoding, whatever its size', () => {
    for (const n of [0, 1, 100, 1000, 1020, 3000]) {
      const fill = (w: CanonicalWriter): void => { w.string('x'.repeat(n)).u32(n) }
      // the nested writer first, on fresh buffers: a reference built before
      // it would leave the right bytes behind in the buffer it reuses
      Array.from({ length: 17 }, () => new CanonicalWriter('hold'))
      const got = new CanonicalWriter('outer').u8(7).nested('inner', fill).u8(9).finish()
      const inner = new CanonicalWriter('inner')
      fill(inner)
      const want = new CanonicalWriter('outer').u8(7).bytes(inner.finish()).u8(9).finish()
      assert.equal(hexOf(got), hexOf(want), `nested encoding of ${n} characters`)
    }
  })

  it('digest() is SHA-256 of what finish() would return', () => {
    for (const n of [0, 50, 2000]) {
      const make = (): CanonicalWriter => new CanonicalWriter('t').bytes(new Uint8Array(n).fill(n & 0xff))
      assert.equal(hexOf(make().digest()), createHash('sha256').update(make().finish()).digest('hex'))
    }
  })

  it('a finished encoding is a copy: writers that reuse the buffer later leave it unchanged', () => {
    const first = new CanonicalWriter('t').string('first').finish()
    const before = hexOf(first)
    for (let i = 0; i < 40; i++) new CanonicalWriter('other').bytes(new Uint8Array(64 + i).fill(0xee)).finish()
    assert.equal(hexOf(first), before)
  })

  it('writers open at the same time, written in turns, each get their own bytes', () => {
    const writers = [0, 1, 2, 3].map(i => new CanonicalWriter(`w${i}`))
    for (let round = 0; round < 300; round++) writers.forEach((w, i) => w.u32(i * 1000 + round))
    writers.forEach((w, i) => {
      const want = new CanonicalWriter(`w${i}`)
      for (let round = 0; round < 300; round++) want.u32(i * 1000 + round)
      assert.equal(hexOf(w.finish()), hexOf(want.finish()))
    })
  })

  it('a writer cannot be used after it finished; one that threw leaves later writers sound', () => {
    const w = new CanonicalWriter('t').u8(1)
    w.finish()
    assert.throws(() => w.u32(5), /after it finished/)
    assert.throws(() => w.finish(), /after it finished/)
    const d = new CanonicalWriter('t')
    d.digest()
    assert.throws(() => d.digest(), /after it finished/)
    assert.throws(() => new CanonicalWriter('t').u8(1).u8(300), RangeError)
    assert.equal(hexOf(new CanonicalWriter('t').u8(2).finish()), '000000017402')
  })
})

describe('hashing and text encodings of bytes', () => {
  it('sha256 matches node:crypto for one part or several, any size, any offset', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff)
    for (const [from, to] of [[0, 0], [0, 1], [3, 35], [0, 64], [1, 66], [0, 300]]) {
      const part = data.subarray(from, to)
      const want = createHash('sha256').update(part).digest('hex')
      assert.equal(Buffer.from(sha256(part)).toString('hex'), want, `bytes ${from}..${to}`)
      assert.equal(Buffer.from(sha256(part.subarray(0, 1), part.subarray(1))).toString('hex'), want, `bytes ${from}..${to} in two parts`)
      assert.equal(sha256(part).byteLength, 32)
    }
  })

  it('sha256Into writes the 32 bytes where it is told and nothing else', () => {
    const out = new Uint8Array(40).fill(0xaa)
    sha256Into(Uint8Array.of(1, 2, 3), out, 4)
    assert.equal(Buffer.from(out.subarray(4, 36)).toString('hex'), createHash('sha256').update(Uint8Array.of(1, 2, 3)).digest('hex'))
    assert.deepEqual([...out.subarray(0, 4), ...out.subarray(36)], new Array(8).fill(0xaa))
  })

  it('toHex and toBase64 match Buffer for small and large arrays and views', () => {
    const data = Uint8Array.from({ length: 200 }, (_, i) => (i * 31 + 5) & 0xff)
    for (const [from, to] of [[0, 0], [0, 16], [7, 39], [0, 64], [5, 70], [0, 200]]) {
      const part = data.subarray(from, to)
      const ref = Buffer.from(part)
      assert.equal(toHex(part), ref.toString('hex'), `hex of ${from}..${to}`)
      assert.equal(toBase64(part), ref.toString('base64'), `base64 of ${from}..${to}`)
      assert.equal(toHex(part.slice()), ref.toString('hex'), `hex of a copy of ${from}..${to}`)
    }
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
