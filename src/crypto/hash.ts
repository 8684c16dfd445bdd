// SHA-256 without a backing store per call. Node's digest as a Buffer is an
// off-heap allocation each time, about twice the hash itself on these small
// inputs, and V8 frees such allocations only when it sweeps array buffers
// during a young-generation collection, which on a loaded node made up half
// of each collection's pause. The one-shot digest as a 'latin1' string (a
// 32-character one-byte string whose char codes are the digest bytes), copied
// into a plain 32-byte array, which V8 keeps on its own heap, costs neither.
import * as nodeCrypto from 'node:crypto'

const oneShot: ((alg: string, data: Uint8Array, enc: 'latin1') => string) | undefined = (nodeCrypto as any).hash

function copyDigest (s: string, out: Uint8Array, outOff: number): void {
  for (let k = 0; k < 32; k++) out[outOff + k] = s.charCodeAt(k)
}

/** SHA-256 of `data` written to out[outOff..outOff+32]. */
export function sha256Into (data: Uint8Array, out: Uint8Array, outOff: number): void {
  // 'binary' is latin1; the fallback serves Node < 21.7.
  copyDigest(oneShot != null ? oneShot('sha256', data, 'latin1') : nodeCrypto.createHash('sha256').update(data).digest('binary'), out, outOff)
}

export function sha256 (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(32)
  // One part (the usual case): the one-shot digest skips the Hash object.
  if (parts.length === 1) {
    sha256Into(parts[0], out, 0)
    return out
  }
  const h = nodeCrypto.createHash('sha256')
  for (const p of parts) h.update(p)
  copyDigest(h.digest('binary'), out, 0)
  return out
}
