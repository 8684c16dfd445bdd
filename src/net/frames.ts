// Unsigned-varint length-prefixed frames, as lpStream writes them, decoded
// incrementally from stream chunks. Written here rather than taken from
// @libp2p/utils because its decoder drops zero-length frames, and an empty
// protobuf message (all fields default) is a legitimate request or response.
import { Uint8ArrayList } from 'uint8arraylist'

/** A frame that cannot be read: the stream has to be closed. */
export class FrameError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'FrameError'
  }
}

const MAX_PREFIX_BYTES = 5 // enough for any length up to 2^35

export function encodeFrame (data: Uint8Array): Uint8ArrayList {
  const prefix: number[] = []
  let n = data.length
  while (n >= 0x80) {
    prefix.push((n & 0x7f) | 0x80)
    n = Math.floor(n / 0x80)
  }
  prefix.push(n)
  return new Uint8ArrayList(Uint8Array.from(prefix), data)
}

export class FrameDecoder {
  private readonly buffer = new Uint8ArrayList()
  /**
   * Set once a frame cannot be read. Frames complete before it in the same
   * chunk are still returned (a request pipelined ahead of a bad frame gets
   * its answer); the caller handles them, then this, and closes the stream.
   * Every later push throws it.
   */
  error?: FrameError

  constructor (private readonly maxFrameBytes: number) {}

  /** Appends a chunk and returns every frame now complete, in order; throws if the first cannot be read. */
  push (chunk: Uint8Array | Uint8ArrayList): Uint8Array[] {
    if (this.error != null) throw this.error
    this.buffer.append(chunk)
    const frames: Uint8Array[] = []
    for (;;) {
      let header: { length: number, prefixBytes: number } | undefined
      try {
        header = this.readLength()
      } catch (err) {
        if (!(err instanceof FrameError)) throw err
        this.error = err
        if (frames.length === 0) throw err
        break
      }
      if (header == null) break
      const { length, prefixBytes } = header
      if (this.buffer.byteLength < prefixBytes + length) break
      frames.push(this.buffer.subarray(prefixBytes, prefixBytes + length))
      this.buffer.consume(prefixBytes + length)
    }
    return frames
  }

  /** Bytes received but not yet part of a whole frame. */
  get buffered (): number {
    return this.buffer.byteLength
  }

  private readLength (): { length: number, prefixBytes: number } | undefined {
    let length = 0
    let scale = 1
    for (let i = 0; i < MAX_PREFIX_BYTES; i++) {
      if (i >= this.buffer.byteLength) return undefined
      const b = this.buffer.get(i)
      length += (b & 0x7f) * scale
      if (length > this.maxFrameBytes) {
        throw new FrameError(`frame length exceeds the limit of ${this.maxFrameBytes} bytes`)
      }
      if ((b & 0x80) === 0) return { length, prefixBytes: i + 1 }
      scale *= 0x80
    }
    throw new FrameError('frame length prefix is too long')
  }
}
