// Deterministic encoding for everything that is signed or hashed.
// Big-endian fixed-width integers, u32 length prefixes for bytes and strings,
// and a leading domain tag, so another implementation can reproduce the bytes
// exactly (protobuf encodings are not canonical across implementations).

const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n
const U64_MAX = (1n << 64n) - 1n
const TWO_32 = 2 ** 32
const utf8 = new TextEncoder()

/** Most encodings (a chit, an entry) fit; larger ones grow the buffer. */
const INITIAL_BYTES = 256

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
  private buf: Uint8Array
  private view: DataView
  private size = 0

  constructor (tag: string) {
    const t = encodedTag(tag)
    this.buf = new Uint8Array(Math.max(INITIAL_BYTES, t.length * 2))
    this.view = new DataView(this.buf.buffer)
    this.buf.set(t, 0)
    this.size = t.length
  }

  /** Room for `n` more bytes; returns where they start. */
  private reserve (n: number): number {
    const at = this.size
    if (at + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, at + n))
      next.set(this.buf.subarray(0, at))
      this.buf = next
      this.view = new DataView(next.buffer)
    }
    this.size = at + n
    return at
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

  finish (): Uint8Array {
    return this.buf.slice(0, this.size)
  }
}
