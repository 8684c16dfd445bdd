// A small request/response engine: one length-prefixed protobuf request and one
// response per stream, with a frame size limit and per-stage timeouts
// (after js-libp2p's protocol-fetch and Lodestar's reqresp).
import { lpStream } from '@libp2p/utils'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p, Stream, Connection } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'
import type { ReqRespLimits } from './protocols.js'

export interface MessageCodec<T> {
  encode (value: T): Uint8Array
  decode (bytes: Uint8Array | Uint8ArrayList): T
}

/** Concurrent streams per connection and protocol, each way (libp2p defaults: 32 in, 64 out). */
const MAX_STREAMS = 1024

export type RequestErrorCode = 'DIAL_FAILED' | 'TIMEOUT' | 'STREAM_FAILED' | 'MALFORMED_RESPONSE'

/** A request that got no usable response; always temporary from the caller's view. */
export class RequestError extends Error {
  constructor (readonly code: RequestErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'RequestError'
  }
}

export async function sendRequest<Q, R> (
  host: Libp2p, peer: string, protocol: string, request: Q,
  codecs: { request: MessageCodec<Q>, response: MessageCodec<R> },
  limits: ReqRespLimits, signal?: AbortSignal
): Promise<R> {
  let stream: Stream
  const dialSignal = anySignal(AbortSignal.timeout(limits.dialTimeoutMs), signal)
  try {
    stream = await host.dialProtocol(peerIdFromString(peer), protocol, { signal: dialSignal, maxOutboundStreams: MAX_STREAMS })
  } catch (err: any) {
    throw new RequestError(dialSignal.aborted ? 'TIMEOUT' : 'DIAL_FAILED', `cannot reach ${peer}: ${err?.message ?? err}`, { cause: err })
  }
  const respSignal = anySignal(AbortSignal.timeout(limits.responseTimeoutMs), signal)
  let bytes: Uint8ArrayList
  try {
    const lp = lpStream(stream, { maxDataLength: limits.maxMessageBytes })
    await lp.write(codecs.request.encode(request), { signal: respSignal })
    bytes = await lp.read({ signal: respSignal })
    // The answer is in hand: close in the background rather than wait for the
    // remote's end of stream, which only adds latency.
    void stream.close({ signal: respSignal }).catch(() => { stream.abort(new Error('close failed')) })
  } catch (err: any) {
    stream.abort(err)
    throw new RequestError(respSignal.aborted ? 'TIMEOUT' : 'STREAM_FAILED', `${protocol} to ${peer} failed: ${err?.message ?? err}`, { cause: err })
  }
  try {
    return codecs.response.decode(bytes)
  } catch (err: any) {
    throw new RequestError('MALFORMED_RESPONSE', `${protocol} response from ${peer} is malformed: ${err?.message ?? err}`, { cause: err })
  }
}

export interface ServeOptions<Q, R> {
  codecs: { request: MessageCodec<Q>, response: MessageCodec<R> }
  limits: ReqRespLimits
  handle: (request: Q, remotePeer: string, signal: AbortSignal) => Promise<R>
  /** the protocol's own response for input that never reached `handle` */
  malformed: (message: string) => R
  onMalformed?: (remotePeer: string, message: string) => void
}

export async function serveRequests<Q, R> (host: Libp2p, protocol: string, opts: ServeOptions<Q, R>): Promise<void> {
  await host.handle(protocol, async (stream: Stream, connection: Connection) => {
    const remotePeer = connection.remotePeer.toString()
    const signal = AbortSignal.timeout(opts.limits.responseTimeoutMs)
    const lp = lpStream(stream, { maxDataLength: opts.limits.maxMessageBytes })
    let response: R
    try {
      let request: Q
      try {
        request = opts.codecs.request.decode(await lp.read({ signal }))
      } catch (err: any) {
        if (signal.aborted) throw err
        const message = `malformed request: ${err?.message ?? err}`
        opts.onMalformed?.(remotePeer, message)
        response = opts.malformed(message)
        await lp.write(opts.codecs.response.encode(response), { signal })
        await stream.close({ signal }).catch(() => {})
        return
      }
      response = await opts.handle(request, remotePeer, signal)
      await lp.write(opts.codecs.response.encode(response), { signal })
      await stream.close({ signal }).catch(() => {})
    } catch (err: any) {
      stream.abort(err)
    }
  }, { maxInboundStreams: MAX_STREAMS, maxOutboundStreams: MAX_STREAMS })
}

function anySignal (a: AbortSignal, b?: AbortSignal): AbortSignal {
  return b == null ? a : AbortSignal.any([a, b])
}
