import { randomBytes as nodeRandomBytes, randomFillSync } from 'node:crypto'

// Arrays of up to 64 bytes (ids, hashes, keys, signatures) may live on V8's
// own heap; naming one's `.buffer` moves it off the heap, an allocation the
// young-generation collector must later sweep. They are encoded from a copy
// in this scratch Buffer instead, which is wiped after each use (keys and
// secrets pass through here too).
const SMALL_BYTES = 64
const scratch = Buffer.allocUnsafeSlow(SMALL_BYTES).fill(0)

function encodeBytes (b: Uint8Array, encoding: 'hex' | 'base64'): string {
  if (b.byteLength > SMALL_BYTES) return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString(encoding)
  scratch.set(b)
  const text = scratch.toString(encoding, 0, b.byteLength)
  scratch.fill(0, 0, b.byteLength)
  return text
}

export function toHex (b: Uint8Array): string {
  return encodeBytes(b, 'hex')
}

export function fromHex (s: string): Uint8Array<ArrayBuffer> {
  if (!/^([0-9a-f]{2})*$/i.test(s)) throw new TypeError('not a hex string')
  const b = Buffer.from(s, 'hex')
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))
}

/** A 16-byte id given as hex, lower-cased; undefined unless it is exactly 32 hex characters. */
export function normaliseHexId (s: string): string | undefined {
  const hex = s.toLowerCase()
  return /^[0-9a-f]{32}$/.test(hex) ? hex : undefined
}

export function toBase64 (b: Uint8Array): string {
  return encodeBytes(b, 'base64')
}

export function fromBase64 (s: string): Uint8Array<ArrayBuffer> {
  const b = Buffer.from(s, 'base64')
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))
}

export function equalBytes (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

// Small random values (ids, nonces) are cut from a pool refilled by the
// CSPRNG 4 KiB at a time: one call per id cost about 5 us, per chit. Each
// byte is handed out once.
const POOL_BYTES = 4096
const pool = new Uint8Array(POOL_BYTES)
let poolAt = POOL_BYTES

export function randomBytes (n: number): Uint8Array<ArrayBuffer> {
  if (n > POOL_BYTES / 16) {
    const b = nodeRandomBytes(n)
    return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))
  }
  if (poolAt + n > POOL_BYTES) {
    randomFillSync(pool)
    poolAt = 0
  }
  const out = pool.slice(poolAt, poolAt + n)
  // Wiped, so no later copy of the pool holds a value already handed out.
  pool.fill(0, poolAt, poolAt + n)
  poolAt += n
  return out
}
