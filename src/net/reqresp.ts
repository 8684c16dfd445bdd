// A small request/response engine over length-prefixed protobuf frames, with
// a frame size limit and per-stage timeouts (after js-libp2p's protocol-fetch
// and Lodestar's reqresp).
//
// A stream carries any number of requests, each answered by exactly one
// response, in request order (HTTP/1.1-style pipelining). The client keeps one
// stream per peer and protocol open while it is in use, so a request costs a
// frame rather than a new stream, a multistream-select negotiation and a
// peer-store write. A peer that sends one request and closes its side is the
// degenerate case and works too.
import { setMaxListeners } from 'node:events'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p, Stream, Connection } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'
import type { ReqRespLimits } from './protocols.js'
import { FrameDecoder, FrameError, encodeFrame } from './frames.js'

export interface MessageCodec<T> {
  encode (value: T): Uint8Array
  decode (bytes: Uint8Array | Uint8ArrayList): T
}

/** Concurrent streams per connection and protocol, each way (libp2p defaults: 32 in, 64 out). */
const MAX_STREAMS = 1024
/** Requests a server works on at once for one stream; further frames wait (backpressure). */
const MAX_PIPELINED = 256
/** A client closes a stream it has not used for this long. */
const CLIENT_IDLE_MS = 20_000
/** A server closes a stream that sent nothing for this long (the client should have). */
const SERVER_IDLE_MS = 60_000

export type RequestErrorCode = 'DIAL_FAILED' | 'TIMEOUT' | 'STREAM_FAILED' | 'MALFORMED_RESPONSE'

/** A request that got no usable response; always temporary from the caller's view. */
export class RequestError extends Error {
  /** true when nothing of the request was written (the stream was already closed): safe to send again */
  notSent = false

  constructor (readonly code: RequestErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'RequestError'
  }
}

interface Waiter {
  resolve: (frame: Uint8Array) => void
  reject: (err: Error) => void
  /** performance.now() past which the request has timed out */
  deadline: number
  timeoutMs: number
}

/**
 * Handlers' deadline signals, shared by the requests that arrive within the
 * same SIGNAL_SLACK_MS: each fires between `ms` and `ms + SIGNAL_SLACK_MS`
 * after its request arrived, never earlier. A signal of its own per request
 * (AbortSignal.timeout) costs a timer that lives for the whole timeout, which
 * at thousands of requests a second is real CPU and garbage-collector work.
 */
const SIGNAL_SLACK_MS = 100
const deadlineSignals = new Map<number, { signal: AbortSignal, until: number }>()

function deadlineSignal (ms: number): AbortSignal {
  const now = performance.now()
  let s = deadlineSignals.get(ms)
  if (s == null || now >= s.until) {
    const signal = AbortSignal.timeout(ms + SIGNAL_SLACK_MS)
    // Many handlers may listen to one shared signal.
    setMaxListeners(0, signal)
    s = { signal, until: now + SIGNAL_SLACK_MS }
    deadlineSignals.set(ms, s)
  }
  return s.signal
}

/**
 * One outbound stream: requests written in order, responses matched in order.
 * One timer per stream watches the oldest request's deadline (responses come
 * in order, so it is the first to expire) and the idle time.
 */
class Channel {
  private readonly waiting: Waiter[] = []
  private readonly decoder: FrameDecoder
  private timer?: NodeJS.Timeout
  private timerAt = Infinity
  private lastUsed = performance.now()
  closed = false

  constructor (readonly stream: Stream, limits: ReqRespLimits, private readonly label: string, private readonly onGone: (c: Channel) => void) {
    this.decoder = new FrameDecoder(limits.maxMessageBytes)
    this.schedule(this.lastUsed + CLIENT_IDLE_MS)
    stream.addEventListener('message', (evt) => {
      let frames: Uint8Array[]
      try {
        frames = this.decoder.push(evt.data)
      } catch (err: any) {
        this.fail(new RequestError('MALFORMED_RESPONSE', `${label}: ${err.message}`), true)
        return
      }
      for (const frame of frames) {
        const w = this.waiting.shift()
        if (w == null) {
          this.fail(new RequestError('MALFORMED_RESPONSE', `${label}: a response nobody asked for`), true)
          return
        }
        w.resolve(frame)
      }
      // Responses that came before an unreadable frame were answered above.
      if (this.decoder.error != null) {
        this.fail(new RequestError('MALFORMED_RESPONSE', `${label}: ${this.decoder.error.message}`), true)
        return
      }
      this.lastUsed = performance.now()
    })
    stream.addEventListener('close', (evt) => {
      this.fail(new RequestError('STREAM_FAILED', `${label}: stream closed${evt.error != null ? `: ${evt.error.message}` : ''}`), false)
    })
    stream.addEventListener('remoteCloseWrite', () => {
      this.fail(new RequestError('STREAM_FAILED', `${label}: the peer closed the stream`), false)
    })
  }

  async request (bytes: Uint8Array, limits: ReqRespLimits, signal?: AbortSignal): Promise<Uint8Array> {
    if (signal?.aborted === true) throw new RequestError('STREAM_FAILED', `${this.label}: aborted`)
    const now = performance.now()
    this.lastUsed = now
    const deadline = now + limits.responseTimeoutMs
    const answer = new Promise<Uint8Array>((resolve, reject) => { this.waiting.push({ resolve, reject, deadline, timeoutMs: limits.responseTimeoutMs }) })
    // failing the stream rejects every waiter, this one too, possibly before it is awaited (the write
    // failed): an unhandled rejection would take the whole node down
    answer.catch(() => {})
    this.schedule(deadline)
    // Responses come in order: a request given up on leaves the stream unusable.
    const onAbort = signal == null ? undefined : () => { this.fail(new RequestError('STREAM_FAILED', `${this.label}: aborted`), true) }
    if (onAbort != null) signal!.addEventListener('abort', onAbort, { once: true })
    try {
      let accepted: boolean
      try {
        if (this.stream.writeStatus !== 'writable') throw new Error(`the stream is ${this.stream.writeStatus}`)
        accepted = this.stream.send(encodeFrame(bytes))
      } catch (err: any) {
        // closed under us (e.g. its connection was closed as a duplicate): nothing went out
        const e = new RequestError('STREAM_FAILED', `${this.label}: ${err?.message ?? err}`, { cause: err })
        e.notSent = true
        this.fail(e, true)
        throw e
      }
      if (!accepted) await Promise.race([this.stream.onDrain(), answer])
      return await answer
    } catch (err: any) {
      if (err instanceof RequestError) throw err
      const e = new RequestError('STREAM_FAILED', `${this.label}: ${err?.message ?? err}`, { cause: err })
      this.fail(e, true)
      throw e
    } finally {
      if (onAbort != null) signal!.removeEventListener('abort', onAbort)
    }
  }

  /** Makes sure the timer fires by `at`. */
  private schedule (at: number): void {
    if (this.closed || (this.timer != null && this.timerAt <= at)) return
    if (this.timer != null) clearTimeout(this.timer)
    this.timerAt = at
    this.timer = setTimeout(() => { this.check() }, Math.max(0, at - performance.now()))
    this.timer.unref()
  }

  /** The oldest request timed out, or the stream idled long enough: retire it. Else wait for the next of those. */
  private check (): void {
    this.timer = undefined
    this.timerAt = Infinity
    if (this.closed) return
    const now = performance.now()
    const head = this.waiting[0]
    if (head != null) {
      if (head.deadline <= now) this.fail(new RequestError('TIMEOUT', `${this.label}: no response within ${head.timeoutMs} ms`), true)
      else this.schedule(head.deadline)
    } else if (now - this.lastUsed >= CLIENT_IDLE_MS) {
      this.close()
    } else {
      this.schedule(this.lastUsed + CLIENT_IDLE_MS)
    }
  }

  /** Fails every waiting request and retires the stream. */
  fail (err: Error, abort: boolean): void {
    // Waiters first: aborting emits 'close' at once, which must not pre-empt this error.
    const waiting = this.waiting.splice(0)
    if (!this.closed) {
      this.closed = true
      this.onGone(this)
      if (this.timer != null) clearTimeout(this.timer)
      if (abort) this.stream.abort(err)
      else void this.stream.close().catch(() => {})
    }
    for (const w of waiting) w.reject(err)
  }

  close (): void {
    if (this.closed) return
    this.closed = true
    this.onGone(this)
    if (this.timer != null) clearTimeout(this.timer)
    void this.stream.close().catch(() => { this.stream.abort(new Error('close failed')) })
  }
}

/** Sends requests of one protocol, keeping one pipelined stream per peer. */
export class RequestClient<Q, R> {
  private readonly channels = new Map<string, Channel>()
  private readonly opening = new Map<string, Promise<Channel>>()

  constructor (
    private readonly host: Libp2p,
    private readonly protocol: string,
    private readonly codecs: { request: MessageCodec<Q>, response: MessageCodec<R> },
    private readonly limits: ReqRespLimits
  ) {}

  async request (peer: string, request: Q, signal?: AbortSignal): Promise<R> {
    const bytes = this.codecs.request.encode(request)
    let frame: Uint8Array
    try {
      frame = await (await this.channel(peer, signal)).request(bytes, this.limits, signal)
    } catch (err) {
      // Nothing went out: the dial failed (e.g. two nodes dialling each other at once, one connection
      // closed as a duplicate) or the stream was closed before the write. Once more, on a new stream.
      const retry = err instanceof RequestError && (err.notSent || err.code === 'DIAL_FAILED') && signal?.aborted !== true
      if (!retry) throw err
      frame = await (await this.channel(peer, signal)).request(bytes, this.limits, signal)
    }
    try {
      return this.codecs.response.decode(frame)
    } catch (err: any) {
      throw new RequestError('MALFORMED_RESPONSE', `${this.protocol} response from ${peer} is malformed: ${err?.message ?? err}`, { cause: err })
    }
  }

  /** Closes every stream (on node stop). */
  close (): void {
    for (const c of [...this.channels.values()]) c.close()
  }

  private async channel (peer: string, signal?: AbortSignal): Promise<Channel> {
    const open = this.channels.get(peer)
    if (open != null && !open.closed) return open
    let pending = this.opening.get(peer)
    if (pending == null) {
      pending = this.open(peer, signal).finally(() => { this.opening.delete(peer) })
      this.opening.set(peer, pending)
    }
    return await pending
  }

  private async open (peer: string, signal?: AbortSignal): Promise<Channel> {
    const timeout = AbortSignal.timeout(this.limits.dialTimeoutMs)
    const dialSignal = signal == null ? timeout : AbortSignal.any([timeout, signal])
    let stream: Stream
    try {
      stream = await this.host.dialProtocol(peerIdFromString(peer), this.protocol, { signal: dialSignal, maxOutboundStreams: MAX_STREAMS })
    } catch (err: any) {
      throw new RequestError(timeout.aborted ? 'TIMEOUT' : 'DIAL_FAILED', `cannot reach ${peer}: ${err?.message ?? err?.type ?? err}`, { cause: err })
    }
    const channel = new Channel(stream, this.limits, `${this.protocol} to ${peer}`, (c) => {
      if (this.channels.get(peer) === c) this.channels.delete(peer)
    })
    this.channels.set(peer, channel)
    return channel
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
  await host.handle(protocol, (stream: Stream, connection: Connection) => {
    serveStream(stream, connection.remotePeer.toString(), opts)
  }, { maxInboundStreams: MAX_STREAMS, maxOutboundStreams: MAX_STREAMS })
}

/**
 * Answers the requests of one inbound stream: each is handled as soon as it
 * arrives, and the responses are written in request order. A frame that cannot
 * be read (oversized, bad prefix) gets the protocol's malformed response, then
 * the stream is closed, since the frame boundaries are lost.
 */
function serveStream<Q, R> (stream: Stream, remotePeer: string, opts: ServeOptions<Q, R>): void {
  const decoder = new FrameDecoder(opts.limits.maxMessageBytes)
  let tail: Promise<void> = Promise.resolve()
  let inflight = 0
  let paused = false
  let finished = false
  let idle: NodeJS.Timeout | undefined

  const armIdle = (): void => {
    if (idle != null) clearTimeout(idle)
    idle = setTimeout(() => { void finish() }, SERVER_IDLE_MS)
    idle.unref()
  }

  const write = async (response: R): Promise<void> => {
    if (stream.status !== 'open') return
    if (!stream.send(encodeFrame(opts.codecs.response.encode(response)))) {
      await stream.onDrain({ signal: AbortSignal.timeout(opts.limits.responseTimeoutMs) })
    }
  }

  /** No more requests will be read: close once every response is written. */
  const finish = async (): Promise<void> => {
    if (finished) return
    finished = true
    if (idle != null) clearTimeout(idle)
    await tail
    await stream.close({ signal: AbortSignal.timeout(opts.limits.responseTimeoutMs) }).catch((err) => { stream.abort(err) })
  }

  const answer = async (frame: Uint8Array): Promise<R> => {
    let request: Q
    try {
      request = opts.codecs.request.decode(frame)
    } catch (err: any) {
      const message = `malformed request: ${err?.message ?? err}`
      opts.onMalformed?.(remotePeer, message)
      return opts.malformed(message)
    }
    return await opts.handle(request, remotePeer, deadlineSignal(opts.limits.responseTimeoutMs))
  }

  const accept = (frame: Uint8Array): void => {
    inflight++
    if (inflight >= MAX_PIPELINED && !paused) {
      paused = true
      stream.pause()
    }
    const response = answer(frame)
    response.catch(() => {})
    tail = tail.then(async () => {
      await write(await response)
      inflight--
      if (paused && inflight < MAX_PIPELINED / 2) {
        paused = false
        stream.resume()
      }
    }).catch((err: any) => {
      // A handler failure or a dead stream: nothing sensible can follow.
      finished = true
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    })
  }

  stream.addEventListener('message', (evt) => {
    if (finished) return
    armIdle()
    const unreadable = (err: any): void => {
      const message = err instanceof FrameError ? err.message : `unreadable frame: ${err?.message ?? err}`
      opts.onMalformed?.(remotePeer, message)
      tail = tail.then(async () => { await write(opts.malformed(message)) }).catch(() => {})
      void finish()
    }
    let frames: Uint8Array[]
    try {
      frames = decoder.push(evt.data)
    } catch (err: any) {
      unreadable(err)
      return
    }
    // Requests before an unreadable frame are answered first, in order.
    for (const frame of frames) accept(frame)
    if (decoder.error != null) unreadable(decoder.error)
  })
  stream.addEventListener('remoteCloseWrite', () => { void finish() })
  stream.addEventListener('close', () => {
    finished = true
    if (idle != null) clearTimeout(idle)
  })
  armIdle()
}
