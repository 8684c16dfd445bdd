import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Uint8ArrayList } from 'uint8arraylist'
import { FrameDecoder, FrameError, encodeFrame } from '../../src/net/frames.js'

describe('length-prefixed frames', () => {
  it('round-trips any sequence of frames, empty ones included, however the bytes are chunked', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1 }), (frames, cuts) => {
      const wire = new Uint8ArrayList(...frames.map(f => encodeFrame(f))).subarray()
      const d = new FrameDecoder(1024)
      const out: Uint8Array[] = []
      let at = 0
      for (let i = 0; at < wire.length; i++) {
        const n = cuts[i % cuts.length]
        out.push(...d.push(wire.subarray(at, at + n)))
        at += n
      }
      assert.deepEqual(out.map(x => Buffer.from(x).toString('hex')), frames.map(x => Buffer.from(x).toString('hex')))
      assert.equal(d.buffered, 0)
    }))
  })

  it('encodes lengths as unsigned varints (as lpStream does)', () => {
    assert.deepEqual([...encodeFrame(new Uint8Array(0)).subarray()], [0])
    assert.deepEqual([...encodeFrame(new Uint8Array(300)).subarray(0, 2)], [0xac, 0x02])
  })

  it('refuses a frame over the limit as soon as its length is known, and a runaway prefix', () => {
    const d = new FrameDecoder(100)
    assert.throws(() => d.push(encodeFrame(new Uint8Array(101)).subarray(0, 2)), FrameError)
    assert.throws(() => new FrameDecoder(1 << 30).push(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x01)), /too long|exceeds/)
  })

  it('returns the frames before an unreadable one in the same chunk, then reports it (and every later push throws it)', () => {
    const d = new FrameDecoder(100)
    const wire = new Uint8ArrayList(encodeFrame(Uint8Array.of(1, 2)), encodeFrame(new Uint8Array(0)), encodeFrame(new Uint8Array(101))).subarray()
    const frames = d.push(wire)
    assert.deepEqual(frames.map(f => [...f]), [[1, 2], []])
    assert.ok(d.error instanceof FrameError)
    assert.match(d.error.message, /exceeds the limit of 100 bytes/)
    assert.throws(() => d.push(encodeFrame(Uint8Array.of(3))), FrameError)
  })
})
