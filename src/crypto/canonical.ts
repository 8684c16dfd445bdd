// Deterministic encoding for everything that is signed or hashed.
// Big-endian fixed-width integers, u32 length prefixes for bytes and strings,
// and a leading domain tag, so another implementation can reproduce the bytes
// exactly (protobuf encodings are not canonical across implementations).
import { sha256Into } from './hash.js'

const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n
const U64_MAX = (1n << 64n) - 1n
const TWO_32 = 2 ** 32
const utf8 = new TextEncoder()

/** Most encodings (a chit, an entry) fit; larger ones grow the buffer. */
const INITIAL_BYTES = 1024

// Writers borrow their working buffer from these spares and give it back when
// they finish. A buffer of its own per writer (and a copy per result) was an
// off-heap allocation each, several per chit, and V8 frees those only while
// it sweeps array buffers during young-generation collections: half of each
// collection's pause on a loaded node. A writer that throws keeps its buffer
// (the garbage collector takes it), so a spare is never shared.
interface Scratch { buf: Uint8Array, view: DataView }
const spares: Scratch[] = []
const MAX_SPARES = 16
const MAX_SPARE_BYTES = 64 * 1024
const RELEASED: Scratch = { buf: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)) }

function newScratch (bytes: number): Scratch {
  const buf = new Uint8Array(bytes)
  return { buf, view: new DataView(buf.buffer) }
}

// Tags are a handful of constants: their length-prefixed bytes are built once.
const tagBytes = new Map<string, Uint8Array>()

function encodedTag (tag: string): Uint8Array {
  let t = tagBytes.get(tag)
  if (t == null) {
    const s = utf8.encode(tag)
    t = new Uint8Array(4 + s.length)
    new DataView(t.buffer).setUint32(0, s.length)
    t.set(s, 4)
    if (tagBytes.size < 1024) tagBytes.set(tag, t)
  }
  return t
}

/**
 * Writes into one growing buffer rather than collecting a small array per
 * field: these encodings are built several times per chit on the hot path.
 */
export class CanonicalWriter {
  private scratch: Scratch
  private buf: Uint8Array
  private view: DataView
  private size = 0

  constructor (tag: string) {
    this.scratch = spares.pop() ?? newScratch(INITIAL_BYTES)
    this.buf = this.scratch.buf
    this.view = this.scratch.view
    this.raw(encodedTag(tag))
  }

  /** Room for `n` more bytes; returns where they start. */
  private reserve (n: number): number {
    const at = this.size
    if (at + n > this.buf.length) {
      if (this.scratch === RELEASED) throw new Error('CanonicalWriter used after it finished')
      this.scratch = newScratch(Math.max(this.buf.length * 2, at + n))
      this.scratch.buf.set(this.buf.subarray(0, at))
      this.buf = this.scratch.buf
      this.view = this.scratch.view
    }
    this.size = at + n
    return at
  }

  private raw (value: Uint8Array): void {
    const at = this.reserve(value.length)
    this.buf.set(value, at)
  }

  /** Gives the buffer back to the spares; the writer cannot be used again. */
  private release (): void {
    const s = this.scratch
    if (s === RELEASED) throw new Error('CanonicalWriter used after it finished')
    this.scratch = RELEASED
    this.buf = RELEASED.buf
    this.view = RELEASED.view
    this.size = 0
    if (spares.length < MAX_SPARES && s.buf.length <= MAX_SPARE_BYTES) spares.push(s)
  }

  u8 (value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`u8 out of range: ${value}`)
    const at = this.reserve(1) // before naming this.buf: reserving may replace it
    this.buf[at] = value
    return this
  }

  bool (value: boolean): this {
    return this.u8(value ? 1 : 0)
  }

  u32 (value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`u32 out of range: ${value}`)
    const at = this.reserve(4) // before naming this.view: reserving may replace it
    this.view.setUint32(at, value)
    return this
  }

  i32 (value: number): this {
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`i32 out of range: ${value}`)
    const at = this.reserve(4)
    this.view.setInt32(at, value)
    return this
  }

  u64 (value: bigint | number): this {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
      // No BigInt for the common case (indices, times): the same bytes.
      const at = this.reserve(8)
      this.view.setUint32(at, Math.floor(value / TWO_32))
      this.view.setUint32(at + 4, value % TWO_32)
      return this
    }
    const v = BigInt(value)
    if (v < 0n || v > U64_MAX) throw new RangeError(`u64 out of range: ${v}`)
    const at = this.reserve(8)
    this.view.setBigUint64(at, v)
    return this
  }

  i64 (value: bigint): this {
    if (value < I64_MIN || value > I64_MAX) throw new RangeError(`i64 out of range: ${value}`)
    const at = this.reserve(8)
    this.view.setBigInt64(at, value)
    return this
  }

  bytes (value: Uint8Array): this {
    const at = this.reserve(4 + value.length)
    this.view.setUint32(at, value.length)
    this.buf.set(value, at + 4)
    return this
  }

  string (value: string): this {
    if (value.length === 0) return this.u32(0)
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const at = this.reserve(4 + value.length * 3)
    const { written } = utf8.encodeInto(value, this.buf.subarray(at + 4))
    this.view.setUint32(at, written)
    this.size = at + 4 + written
    return this
  }

  /**
   * A byte field holding a nested encoding (its tag, then what `write` adds),
   * written in place: the same bytes as `.bytes(nested.finish())`, without
   * building the nested encoding apart.
   */
  nested (tag: string, write: (w: this) => void): this {
    const at = this.reserve(4)
    this.view.setUint32(at, 0) // not a previous user's bytes, should `write` look
    this.raw(encodedTag(tag))
    write(this)
    this.view.setUint32(at, this.size - at - 4)
    return this
  }

  /** The encoding, as an array of its own. */
  finish (): Uint8Array<ArrayBuffer> {
    const out = this.buf.slice(0, this.size)
    this.release()
    return out
  }

  /** SHA-256 of the encoding (which is never copied out). */
  digest (): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(32)
    sha256Into(this.buf.subarray(0, this.size), out, 0)
    this.release()
    return out
  }
}
