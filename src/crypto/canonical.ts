// Deterministic encoding for everything that is signed or hashed.
// Big-endian fixed-width integers, u32 length prefixes for bytes and strings,
// and a leading domain tag, so another implementation can reproduce the bytes
// exactly (protobuf encodings are not canonical across implementations).

const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n
const U64_MAX = (1n << 64n) - 1n
const utf8 = new TextEncoder()

export class CanonicalWriter {
  private readonly parts: Uint8Array[] = []
  private size = 0

  constructor (tag: string) {
    this.string(tag)
  }

  private push (part: Uint8Array): this {
    this.parts.push(part)
    this.size += part.length
    return this
  }

  u8 (value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`u8 out of range: ${value}`)
    return this.push(Uint8Array.of(value))
  }

  bool (value: boolean): this {
    return this.u8(value ? 1 : 0)
  }

  u32 (value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`u32 out of range: ${value}`)
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, value)
    return this.push(b)
  }

  i32 (value: number): this {
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`i32 out of range: ${value}`)
    const b = new Uint8Array(4)
    new DataView(b.buffer).setInt32(0, value)
    return this.push(b)
  }

  u64 (value: bigint | number): this {
    const v = BigInt(value)
    if (v < 0n || v > U64_MAX) throw new RangeError(`u64 out of range: ${v}`)
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigUint64(0, v)
    return this.push(b)
  }

  i64 (value: bigint): this {
    if (value < I64_MIN || value > I64_MAX) throw new RangeError(`i64 out of range: ${value}`)
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigInt64(0, value)
    return this.push(b)
  }

  bytes (value: Uint8Array): this {
    this.u32(value.length)
    return this.push(value)
  }

  string (value: string): this {
    return this.bytes(utf8.encode(value))
  }

  finish (): Uint8Array {
    const out = new Uint8Array(this.size)
    let offset = 0
    for (const p of this.parts) {
      out.set(p, offset)
      offset += p.length
    }
    return out
  }
}
