import { createHash, hash } from 'node:crypto'

export function sha256 (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  // One part (the usual case): the one-shot digest skips the Hash object.
  if (parts.length === 1) {
    const d = hash('sha256', parts[0], 'buffer')
    return new Uint8Array(d.buffer, d.byteOffset, d.byteLength) as Uint8Array<ArrayBuffer>
  }
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  const d = h.digest()
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength) as Uint8Array<ArrayBuffer>
}
