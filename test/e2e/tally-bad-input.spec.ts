// Hostile and mistaken input against a real node: each gets a typed error,
// nothing is stored, and the node stays up.
import assert from 'node:assert/strict'
import { lpStream } from '@libp2p/utils'
import { peerIdFromString } from '@libp2p/peer-id'
import { startNode, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { emptyResponse } from '../../src/tally/transport.js'
import { dbSnapshot } from '../helpers/db.js'
import type { SortliftNode } from '../../src/node/node.js'
import { RequestClient } from '../../src/net/reqresp.js'
import { TALLY_PROTOCOL, TALLY_LIMITS } from '../../src/net/protocols.js'
import { TallyRequest, TallyResponse, ErrorCode, Side, ChitType } from '../../protos/tally.js'
import type { Chit } from '../../protos/tally.js'
import { TallyRepository } from '../../src/store/tally-repo.js'
import { TallyError } from '../../src/tally/errors.js'
import { chitSigningBytes, tallySigningBytes } from '../../src/tally/encoding.js'
import { fromHex, randomBytes } from '../../src/crypto/bytes.js'

// Loosely typed: hostile input need not be a complete message (absent repeated fields encode as empty).
async function send (from: SortliftNode, to: SortliftNode, req: any): Promise<TallyResponse> {
  const client = new RequestClient<TallyRequest, TallyResponse>(from.host, TALLY_PROTOCOL, { request: TallyRequest, response: TallyResponse }, TALLY_LIMITS)
  try {
    return await client.request(to.peerId, req)
  } finally {
    client.close()
  }
}

async function sendRaw (from: SortliftNode, to: SortliftNode, frame: Uint8Array, maxDataLength = 1 << 22): Promise<TallyResponse> {
  const stream = await from.host.dialProtocol(peerIdFromString(to.peerId), TALLY_PROTOCOL)
  const lp = lpStream(stream, { maxDataLength })
  await lp.write(frame)
  const res = TallyResponse.decode(await lp.read({ signal: AbortSignal.timeout(5000) }))
  await stream.close().catch(() => {})
  return res
}

describe('tally protocol: bad input', function () {
  let a: SortliftNode // alice, stock
  let b: SortliftNode // bob, foil
  let c: SortliftNode // a stranger
  let tallyId: string

  before(async () => {
    a = await startNode()
    b = await startNode()
    c = await startNode()
    await connect(a, b)
    await connect(c, a)
    await connect(c, b)
    await a.users.add('alice')
    await b.users.add('bob')
    await b.users.add('carol')
    await c.users.add('mallory')
    const t = await a.tallies.propose({ user: 'alice', partner: `bob@${b.peerId}`, role: 'stock', limit: 100n })
    tallyId = t.id
    await b.tallies.accept(tallyId, 'bob')
    await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 5n })
  })

  after(async () => {
    await Promise.all([a, b, c].map(async n => await n?.stop().catch(() => {})))
    await cleanupDirs()
  })

  /** Runs `fn`, then checks the node's database did not change and it still serves. */
  async function unchanged (node: SortliftNode, fn: () => Promise<void>): Promise<void> {
    const before = await dbSnapshot(node)
    await fn()
    assert.deepEqual(await dbSnapshot(node), before, 'nothing may be stored')
    assert.ok((await node.tallies.show(tallyId)).state === 'open', 'node still serves')
  }

  async function bobChit (units: bigint, extra: Partial<Chit> = {}): Promise<Chit> {
    const chit: Chit = {
      tallyId: fromHex(tallyId), chitId: randomBytes(16), issuer: Side.FOIL, type: ChitType.PAYMENT, units,
      memo: '', reference: '', time: BigInt(Date.now()), close: false, liftId: new Uint8Array(), signature: new Uint8Array(), ...extra
    }
    chit.signature = await (await b.users.signer('bob')).sign(chitSigningBytes(chit))
    return chit
  }

  async function headEntry (): Promise<{ index: bigint, prev: Uint8Array<ArrayBuffer> }> {
    const s = await a.tallies.show(tallyId)
    return { index: BigInt(s.chain.length), prev: fromHex(s.chain.head) }
  }

  it('answers a malformed protobuf with MALFORMED', async () => {
    await unchanged(a, async () => {
      const res = await sendRaw(b, a, Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]))
      assert.equal(res.code, ErrorCode.MALFORMED)
    })
  })

  it('answers an oversized frame with MALFORMED without reading it', async () => {
    await unchanged(a, async () => {
      const res = await sendRaw(b, a, new Uint8Array(TALLY_LIMITS.maxMessageBytes + 1))
      assert.equal(res.code, ErrorCode.MALFORMED)
      assert.match(res.message, /length|large|exceed/i)
    })
  })

  it('rejects a chit with a forged signature', async () => {
    await unchanged(a, async () => {
      const chit = await bobChit(3n)
      chit.signature[10] ^= 0xff
      const res = await send(b, a, { pushEntries: { tallyId: fromHex(tallyId), entries: [{ ...await headEntry(), chit }] } })
      assert.equal(res.code, ErrorCode.BAD_SIGNATURE)
    })
  })

  it('rejects a chit signed by someone other than the issuer it names', async () => {
    await unchanged(a, async () => {
      const chit = await bobChit(3n)
      chit.signature = await (await b.users.signer('carol')).sign(chitSigningBytes(chit))
      const res = await send(b, a, { pushEntries: { tallyId: fromHex(tallyId), entries: [{ ...await headEntry(), chit }] } })
      assert.equal(res.code, ErrorCode.BAD_SIGNATURE)
    })
  })

  it('rejects a validly signed chit sent by a node that does not host the other half', async () => {
    const chit = await bobChit(3n)
    await unchanged(a, async () => {
      const res = await send(c, a, { pushEntries: { tallyId: fromHex(tallyId), entries: [{ ...await headEntry(), chit }] } })
      assert.equal(res.code, ErrorCode.NOT_COUNTERPARTY)
    })
    await unchanged(b, async () => {
      const stockChit = { ...chit, issuer: Side.STOCK }
      const res = await send(c, b, { postChit: { chits: [stockChit], haveLength: 0n } })
      assert.equal(res.code, ErrorCode.NOT_COUNTERPARTY)
    })
  })

  it('rejects a replayed chit at a new chain position', async () => {
    await b.tallies.settled()
    const repo = new TallyRepository(b.db)
    const [first] = await repo.entriesFrom(fromHex(tallyId), Side.FOIL, 0, 1)
    await unchanged(a, async () => {
      const res = await send(b, a, { pushEntries: { tallyId: fromHex(tallyId), entries: [{ ...await headEntry(), chit: first.chit }] } })
      assert.equal(res.code, ErrorCode.DUPLICATE)
    })
    // and the same entry again at its own position is acknowledged, not re-applied
    await unchanged(a, async () => {
      const res = await send(b, a, { pushEntries: { tallyId: fromHex(tallyId), entries: [first] } })
      assert.equal(res.code, ErrorCode.DUPLICATE)
    })
  })

  it('rejects a replayed stock chit posted to the foil', async () => {
    const paid = await a.tallies.pay({ from: 'alice', to: `bob@${b.peerId}`, units: 1n })
    assert.equal(paid.delivered, true)
    await a.tallies.settled()
    const repo = new TallyRepository(a.db)
    const entries = await repo.entriesFrom(fromHex(tallyId), Side.STOCK, 0)
    const mine = entries.find(e => e.chit!.issuer === Side.STOCK)!
    await unchanged(b, async () => {
      const res = await send(a, b, { postChit: { chits: [mine.chit!], haveLength: 0n } })
      assert.equal(res.code, ErrorCode.DUPLICATE)
      assert.equal(res.length, BigInt(entries.length))
    })
  })

  it('refuses a chit beyond the credit limit, at the issuer and at the receiver', async () => {
    const s = await a.tallies.show(tallyId)
    const room = 100n - BigInt(s.balance)
    await unchanged(b, async () => {
      await assert.rejects(b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: room + 1n }), (e: any) => e instanceof TallyError && e.code === ErrorCode.OVER_LIMIT)
    })
    await unchanged(a, async () => {
      const res = await send(b, a, { pushEntries: { tallyId: fromHex(tallyId), entries: [{ ...await headEntry(), chit: await bobChit(room + 1n) }] } })
      assert.equal(res.code, ErrorCode.OVER_LIMIT)
    })
  })

  it('refuses an accept by the wrong user, locally and on the wire', async () => {
    const t = await a.tallies.propose({ user: 'alice', partner: `bob@${b.peerId}`, role: 'foil' })
    await unchanged(b, async () => {
      await assert.rejects(b.tallies.accept(t.id, 'carol'), (e: any) => e instanceof TallyError && e.code === ErrorCode.WRONG_USER)
    })
    await a.tallies.settled()
    const halves = await new TallyRepository(a.db).find(t.id)
    const record = halves[0].record
    const carol = await b.users.signer('carol')
    await unchanged(a, async () => {
      const res = await send(b, a, { accept: { tallyId: record.id, publicKey: carol.publicKey, signature: await carol.sign(tallySigningBytes(record)) } })
      assert.equal(res.code, ErrorCode.WRONG_USER)
      const bob = await b.users.signer('bob')
      const forged = await send(b, a, { accept: { tallyId: record.id, publicKey: bob.publicKey, signature: await carol.sign(tallySigningBytes(record)) } })
      assert.equal(forged.code, ErrorCode.BAD_SIGNATURE)
    })
    assert.equal((await b.tallies.accept(t.id, 'bob')).state, 'open')
  })

  it('rejects a proposal whose proposer is not hosted by the sender', async () => {
    await unchanged(b, async () => {
      const alice = await a.users.signer('alice')
      const res = await send(c, b, {
        propose: {
          record: {
            id: randomBytes(16), version: 1, stock: { address: `alice@${a.peerId}`, publicKey: alice.publicKey },
            foil: { address: `bob@${b.peerId}`, publicKey: new Uint8Array() }, hasLimit: false, limit: 0n, created: 1n, proposer: Side.STOCK
          }
        }
      })
      assert.equal(res.code, ErrorCode.NOT_COUNTERPARTY)
    })
  })

  it('does not hammer a partner that answers without placing chits', async () => {
    const net = b.tallyNet as any
    const honest = net.handler
    let paidOn = ''
    net.handler = { handleTallyRequest: async () => emptyResponse() }
    try {
      const sent = a.tallyNet.counters.sent
      const paid = await a.tallies.pay({ from: 'alice', to: `bob@${b.peerId}`, units: 1n })
      // alice holds the stock of one tally with bob and the foil of another: either path must hold back
      assert.equal(paid.delivered, false)
      assert.equal(paid.tally.undelivered, 1)
      assert.ok(a.tallyNet.counters.sent - sent <= 2, `sent ${a.tallyNet.counters.sent - sent} requests in one round`)
      paidOn = paid.tallyId
    } finally {
      net.handler = honest
    }
    await waitFor(async () => (await a.tallies.show(paidOn)).undelivered === 0, 'the chit to reach bob once his node behaves', 20_000)
    const [x, y] = [await a.tallies.show(paidOn), await b.tallies.show(paidOn)]
    assert.equal(x.chain.head, y.chain.head)
  })

  it('penalises the senders of rejected input and keeps serving honest peers', async () => {
    assert.ok(a.tallyNet.penaltyOf(b.peerId) > 0)
    assert.ok(a.tallyNet.penaltyOf(c.peerId) > 0)
    const paid = await b.tallies.pay({ from: 'bob', to: `alice@${a.peerId}`, units: 1n })
    assert.equal(paid.delivered, true)
    const there = await a.tallies.show(paid.tallyId)
    assert.deepEqual(there.chain, paid.tally.chain)
    assert.equal(BigInt(there.balance), -BigInt(paid.tally.balance))
  })
})
