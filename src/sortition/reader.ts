// Reads what CanonicalWriter writes (big-endian integers, u32-length-prefixed
// bytes and strings, a leading tag). Every failure is a SortitionError with the
// caller's code, so hostile bytes never surface as a RangeError.
import { fail } from './errors.js'
import type { SortitionErrorCode } from './errors.js'

// ignoreBOM: a leading U+FEFF is text like any other (stripping it would change what was signed and hashed)
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export class Reader {
  private pos = 0
  constructor (private readonly buf: Uint8Array, private readonly code: SortitionErrorCode, private readonly what: string) {}

  get offset (): number { return this.pos }
  get remaining (): number { return this.buf.length - this.pos }

  private need (n: number): void {
    if (this.buf.length - this.pos < n) fail(this.code, `${this.what}: truncated at byte ${this.pos}`)
  }

  u8 (): number {
    this.need(1)
    return this.buf[this.pos++]
  }

  u16 (): number {
    this.need(2)
    const v = (this.buf[this.pos] << 8) | this.buf[this.pos + 1]
    this.pos += 2
    return v
  }

  u32 (): number {
    this.need(4)
    const v = ((this.buf[this.pos] << 24) >>> 0) + (this.buf[this.pos + 1] << 16) + (this.buf[this.pos + 2] << 8) + this.buf[this.pos + 3]
    this.pos += 4
    return v
  }

  /** n raw bytes (a copy) */
  fixed (n: number): Uint8Array<ArrayBuffer> {
    this.need(n)
    const out = this.buf.slice(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  /** u32 length, then that many bytes; `max` bounds the length */
  bytes (max: number): Uint8Array<ArrayBuffer> {
    const n = this.u32()
    if (n > max) fail(this.code, `${this.what}: length ${n} exceeds ${max}`)
    return this.fixed(n)
  }

  /** u32 length, then that many bytes of valid UTF-8 */
  string (max: number): string {
    const b = this.bytes(max)
    try {
      return strictUtf8.decode(b)
    } catch {
      return fail(this.code, `${this.what}: string is not valid UTF-8`)
    }
  }

  /** a leading tag written by CanonicalWriter must equal `tag` */
  tag (tag: string): void {
    if (this.string(256) !== tag) fail(this.code, `${this.what}: wrong domain tag`)
  }

  end (): void {
    if (this.pos !== this.buf.length) fail(this.code, `${this.what}: ${this.buf.length - this.pos} trailing bytes`)
  }
}
