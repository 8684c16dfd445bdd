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
import { Uint8ArrayList } from 'uint8arraylist'
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
 * Frames written to one stream within one turn of the event loop, sent
 * together: one muxer frame, one encryption and one system call instead of
 * one each. A node under load makes its requests (and answers) in bursts, as
 * a LevelDB batch or a read completes several at once, and on a small
 * machine the per-write cost (the syscall, and waking the peer) is a large
 * share of what a request costs. The wire is unchanged: the peer reads the
 * same length-prefixed frames, several to a chunk.
 */
class Outbox {
  private frames?: Uint8ArrayList
  private draining = false
  /** while the stream is full: settles once it drained (or failed) */
  full?: Promise<void>
  /** sends (stream writes) and frames they carried (a cheap metric) */
  static readonly counters = { sends: 0, frames: 0 }

  /**
   * @param send writes a batch; false means the stream's buffer is full (wait for `drain`)
   * @param drain resolves once the stream takes more; rejects if it will not
   * @param failed a batch could not be written (nothing of it went out)
   */
  constructor (
    private readonly send: (frames: Uint8ArrayList) => boolean,
    private readonly drain: () => Promise<void>,
    private readonly failed: (err: unknown) => void
  ) {}

  add (frame: Uint8ArrayList): void {
    if (this.frames == null) {
      this.frames = new Uint8ArrayList()
      if (!this.draining) process.nextTick(() => { this.flush() })
    }
    this.frames.append(frame)
    Outbox.counters.frames++
  }

  /** Writes what is queued now (also called before a close). */
  flush (): void {
    const frames = this.frames
    if (frames == null || this.draining) return
    this.frames = undefined
    Outbox.counters.sends++
    let accepted: boolean
    try {
      accepted = this.send(frames)
    } catch (err) {
      this.failed(err)
      return
    }
    if (accepted) return
    // Full: hold what comes next until the stream drains, then send it as one.
    this.draining = true
    this.full = this.drain().then(() => {
      this.draining = false
      this.full = undefined
      this.flush()
    }, (err) => {
      this.draining = false
      this.full = undefined
      this.frames = undefined
      this.failed(err)
    })
  }

  /** Drops what is queued (the stream is gone). */
  clear (): void {
    this.frames = undefined
  }
}

/** Stream writes by every request client and server of this process, and the frames they carried. */
export function outboxCounters (): { sends: number, frames: number } {
  return { ...Outbox.counters }
}

/**
 * One outbound stream: requests written in order, responses matched in order.
 * One timer per stream watches the oldest request's deadline (responses come
 * in order, so it is the first to expire) and the idle time.
 */
class Channel {
  private readonly waiting: Waiter[] = []
  /** requests queued in the outbox, not written yet: a failure before the write leaves them safe to send again */
  private unsent: Waiter[] = []
  private readonly outbox: Outbox
  private readonly decoder: FrameDecoder
  private timer?: NodeJS.Timeout
  private timerAt = Infinity
  private lastUsed = performance.now()
  closed = false

  constructor (readonly stream: Stream, limits: ReqRespLimits, private readonly label: string, private readonly onGone: (c: Channel) => void) {
    this.decoder = new FrameDecoder(limits.maxMessageBytes)
    this.outbox = new Outbox(
      (frames) => {
        if (stream.writeStatus !== 'writable') throw new Error(`the stream is ${stream.writeStatus}`)
        const accepted = stream.send(frames)
        // Written (or buffered by the stream): the peer may see these requests now.
        this.unsent = []
        return accepted
      },
      async () => { await stream.onDrain() },
      (err: any) => {
        // closed under us (e.g. its connection was closed as a duplicate)
        this.fail(new RequestError('STREAM_FAILED', `${label}: ${err?.message ?? err}`, { cause: err }), true)
      }
    )
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
    if (this.closed) throw notSent(new RequestError('STREAM_FAILED', `${this.label}: the stream is closed`))
    const now = performance.now()
    this.lastUsed = now
    const deadline = now + limits.responseTimeoutMs
    let waiter: Waiter | undefined
    const answer = new Promise<Uint8Array>((resolve, reject) => {
      waiter = { resolve, reject, deadline, timeoutMs: limits.responseTimeoutMs }
    })
    this.waiting.push(waiter!)
    this.unsent.push(waiter!)
    // failing the stream rejects every waiter, this one too, possibly before it is awaited: an
    // unhandled rejection would take the whole node down
    answer.catch(() => {})
    this.schedule(deadline)
    this.outbox.add(encodeFrame(bytes))
    // Responses come in order: a request given up on leaves the stream unusable.
    const onAbort = signal == null ? undefined : () => { this.fail(new RequestError('STREAM_FAILED', `${this.label}: aborted`), true) }
    if (onAbort != null) signal!.addEventListener('abort', onAbort, { once: true })
    try {
      return await answer
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
    const unsent = new Set(this.unsent)
    this.unsent = []
    this.outbox.clear()
    if (!this.closed) {
      this.closed = true
      this.onGone(this)
      if (this.timer != null) clearTimeout(this.timer)
      if (abort) this.stream.abort(err)
      else void this.stream.close().catch(() => {})
    }
    for (const w of waiting) w.reject(unsent.has(w) ? notSent(err) : err)
  }

  close (): void {
    if (this.closed) return
    this.closed = true
    this.onGone(this)
    if (this.timer != null) clearTimeout(this.timer)
    this.outbox.flush()
    void this.stream.close().catch(() => { this.stream.abort(new Error('close failed')) })
  }
}

/** The same failure for a request none of which reached the stream: the caller may send it again. */
function notSent (err: Error): RequestError {
  const e = new RequestError(err instanceof RequestError ? err.code : 'STREAM_FAILED', err.message, { cause: err })
  e.notSent = true
  return e
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

  // Responses ready in the same turn of the event loop (a LevelDB batch completes several) go out together.
  const outbox = new Outbox(
    (frames) => stream.send(frames),
    async () => { await stream.onDrain({ signal: AbortSignal.timeout(opts.limits.responseTimeoutMs) }) },
    (err: any) => { stream.abort(err instanceof Error ? err : new Error(String(err))) }
  )

  const write = (response: R): void => {
    if (stream.status !== 'open') return
    outbox.add(encodeFrame(opts.codecs.response.encode(response)))
  }

  /** No more requests will be read: close once every response is written. */
  const finish = async (): Promise<void> => {
    if (finished) return
    finished = true
    if (idle != null) clearTimeout(idle)
    await tail
    outbox.flush()
    while (outbox.full != null) await outbox.full
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
      write(await response)
      // A peer that does not read its answers holds up the next ones (and, past MAX_PIPELINED, its requests).
      if (outbox.full != null) await outbox.full
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
      tail = tail.then(() => { write(opts.malformed(message)) }).catch(() => {})
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
    outbox.clear()
    if (idle != null) clearTimeout(idle)
  })
  armIdle()
}
