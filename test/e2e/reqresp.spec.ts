// The request/response engine over real libp2p streams: pipelining on one
// stream, responses in request order, empty messages, a request given up on.
import assert from 'node:assert/strict'
import type { SortliftNode } from '../../src/node/node.js'
import { startNode, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { peerIdFromString } from '@libp2p/peer-id'
import { Uint8ArrayList } from 'uint8arraylist'
import { FrameDecoder, encodeFrame } from '../../src/net/frames.js'
import { RequestClient, RequestError, serveRequests } from '../../src/net/reqresp.js'
import type { MessageCodec } from '../../src/net/reqresp.js'

const PROTOCOL = '/sortlift-test/echo/1.0.0'
const raw: MessageCodec<Uint8Array> = { encode: (b) => b, decode: (b) => b instanceof Uint8Array ? b : b.subarray() }
const LIMITS = { maxMessageBytes: 1024, dialTimeoutMs: 2_000, responseTimeoutMs: 500 }

describe('request/response engine', function () {
  let a: SortliftNode, b: SortliftNode
  let served = 0
  before(async () => {
    [a, b] = [await startNode(), await startNode()]
    await connect(a, b)
    // Echo; a first byte of 0xff asks for a 1 s delay (longer than the response timeout).
    await serveRequests<Uint8Array, Uint8Array>(b.host, PROTOCOL, {
      codecs: { request: raw, response: raw },
      limits: { ...LIMITS, responseTimeoutMs: 5_000 },
      handle: async (req) => {
        served++
        if (req[0] === 0xff) await new Promise(resolve => setTimeout(resolve, 1_000))
        else if (req.length > 0) await new Promise(resolve => setTimeout(resolve, req[0] % 7))
        return req
      },
      malformed: (message) => new TextEncoder().encode(message)
    })
  })
  after(async () => {
    await a.stop()
    await b.stop()
    await cleanupDirs()
  })

  it('pipelines many requests on one stream; each caller gets its own answer, empty ones too', async () => {
    const client = new RequestClient(a.host, PROTOCOL, { request: raw, response: raw }, LIMITS)
    try {
      const reqs = Array.from({ length: 100 }, (_, i) => i === 0 ? new Uint8Array() : Uint8Array.of(i, i * 3 % 256))
      const before = a.host.getConnections(b.peerId as any).flatMap(c => c.streams).length
      const answers = await Promise.all(reqs.map(async r => await client.request(b.peerId, r)))
      assert.deepEqual(answers.map(x => [...x]), reqs.map(x => [...x]))
      const streams = a.host.getConnections().flatMap(c => c.streams).filter(s => s.protocol === PROTOCOL)
      assert.equal(streams.length, 1, `one stream carried them all (had ${before} before)`)
    } finally {
      client.close()
    }
  })

  it('requests made in one turn of the event loop go out in one write, and answers ready together come back in one', async () => {
    // an echo that answers at once: every answer is ready in the turn its request arrived
    const IMMEDIATE = '/sortlift-test/echo-now/1.0.0'
    await serveRequests<Uint8Array, Uint8Array>(b.host, IMMEDIATE, { codecs: { request: raw, response: raw }, limits: LIMITS, handle: async (req) => req, malformed: () => new Uint8Array() })
    const client = new RequestClient(a.host, IMMEDIATE, { request: raw, response: raw }, LIMITS)
    try {
      assert.deepEqual([...await client.request(b.peerId, Uint8Array.of(7))], [7]) // the stream is open
      const channel = (client as any).channels.get(b.peerId)
      const stream = channel.stream
      let writes = 0
      let chunks = 0
      const send = stream.send.bind(stream)
      stream.send = (data: any) => { writes++; return send(data) }
      stream.addEventListener('message', () => { chunks++ })
      const reqs = Array.from({ length: 10 }, (_, i) => Uint8Array.of(i, i * 3))
      const answers = await Promise.all(reqs.map(async r => await client.request(b.peerId, r)))
      assert.deepEqual(answers.map(x => [...x]), reqs.map(x => [...x]))
      assert.equal(writes, 1, 'ten requests, one write')
      assert.ok(chunks <= 2, `ten answers arrived in ${chunks} chunks`)
    } finally {
      client.close()
      await b.host.unhandle(IMMEDIATE)
    }
  })

  it('a write that fails resends only the requests it carried: one already sent is failed, not sent twice', async () => {
    const client = new RequestClient(a.host, PROTOCOL, { request: raw, response: raw }, { ...LIMITS, responseTimeoutMs: 5_000 })
    try {
      assert.deepEqual([...await client.request(b.peerId, Uint8Array.of(1))], [1])
      const channel = (client as any).channels.get(b.peerId)
      const before = served
      const slow = client.request(b.peerId, Uint8Array.of(0xff, 1))
      slow.catch(() => {})
      await waitFor(() => served === before + 1, 'the slow request reached the server')
      // the write side closes under the client; the next request's write fails
      Object.defineProperty(channel.stream, 'writeStatus', { value: 'closed', configurable: true })
      assert.deepEqual([...await client.request(b.peerId, Uint8Array.of(2))], [2])
      await assert.rejects(slow, (err: any) => err instanceof RequestError && err.code === 'STREAM_FAILED' && !err.notSent)
      assert.equal(served, before + 2, 'each served once')
    } finally {
      client.close()
    }
  })

  it('a request given up on fails with TIMEOUT, and the next one works on a fresh stream', async () => {
    const client = new RequestClient(a.host, PROTOCOL, { request: raw, response: raw }, LIMITS)
    try {
      await assert.rejects(client.request(b.peerId, Uint8Array.of(0xff)), (err: any) => err instanceof RequestError && err.code === 'TIMEOUT')
      const n = served
      assert.deepEqual([...await client.request(b.peerId, Uint8Array.of(1, 2, 3))], [1, 2, 3])
      assert.ok(served > n)
    } finally {
      client.close()
    }
  })

  it('a request whose caller aborts fails with STREAM_FAILED, and the next one works on a fresh stream', async () => {
    const client = new RequestClient(a.host, PROTOCOL, { request: raw, response: raw }, { ...LIMITS, responseTimeoutMs: 5_000 })
    try {
      assert.deepEqual([...await client.request(b.peerId, Uint8Array.of(2))], [2]) // the stream is open
      const ctl = new AbortController()
      const slow = client.request(b.peerId, Uint8Array.of(0xff), ctl.signal)
      ctl.abort()
      await assert.rejects(slow, (err: any) => err instanceof RequestError && err.code === 'STREAM_FAILED')
      assert.deepEqual([...await client.request(b.peerId, Uint8Array.of(4, 5))], [4, 5])
    } finally {
      client.close()
    }
  })

  it('answers an oversized frame with the protocol malformed response, then closes that stream', async () => {
    const client = new RequestClient(a.host, PROTOCOL, { request: raw, response: raw }, { ...LIMITS, maxMessageBytes: 1 << 20 })
    try {
      const res = await client.request(b.peerId, new Uint8Array(2_000))
      assert.match(new TextDecoder().decode(res), /exceeds the limit of 1024 bytes/)
    } finally {
      client.close()
    }
  })
  it('answers a request pipelined ahead of an oversized frame in the same write, then the malformed response, then closes', async () => {
    const stream = await a.host.dialProtocol(peerIdFromString(b.peerId), PROTOCOL)
    const decoder = new FrameDecoder(1 << 20)
    const answers: string[] = []
    const closed = new Promise<void>(resolve => { stream.addEventListener('remoteCloseWrite', () => { resolve() }) })
    stream.addEventListener('message', (evt) => { for (const f of decoder.push(evt.data)) answers.push(new TextDecoder().decode(f)) })
    const oversized = encodeFrame(new Uint8Array(2_000)).subarray(0, 10)
    stream.send(new Uint8ArrayList(encodeFrame(new TextEncoder().encode('\u0001first')), oversized))
    await waitFor(() => answers.length === 2, 'both answers')
    assert.equal(answers[0], '\u0001first')
    assert.match(answers[1], /exceeds the limit of 1024 bytes/)
    // The server ends its side once both are written.
    await closed
    stream.abort(new Error('test done'))
  })

  it('a stream closed under the client before a request goes out: the request is sent again on a new stream', async () => {
    const client = new RequestClient(a.host, PROTOCOL, { request: raw, response: raw }, LIMITS)
    try {
      assert.deepEqual([...await client.request(b.peerId, Uint8Array.of(1))], [1])
      const channel = (client as any).channels.get(b.peerId)
      // the write side closes (as when a duplicate connection is closed) and the close event has not arrived yet
      Object.defineProperty(channel.stream, 'writeStatus', { value: 'closed', configurable: true })
      const before = served
      // the failed write must not leave a rejected promise nobody handles (that takes a node down)
      const unhandled: unknown[] = []
      const onUnhandled = (reason: unknown): void => { unhandled.push(reason) }
      process.on('unhandledRejection', onUnhandled)
      assert.deepEqual([...await client.request(b.peerId, Uint8Array.of(2))], [2])
      await new Promise(resolve => setImmediate(resolve))
      process.off('unhandledRejection', onUnhandled)
      assert.deepEqual(unhandled, [])
      assert.equal(served, before + 1, 'served once')
      assert.notEqual((client as any).channels.get(b.peerId), channel, 'on a new stream')
    } finally {
      client.close()
    }
  })
})
