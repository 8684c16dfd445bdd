// A serving peer that lies: a real node whose /sortlift/chain-sync/1.0.0
// handler is replaced by one that takes its honest answers and tampers with
// them (re-signing commitments with the operator's key where the lie needs
// it, so only the data behind the commitment can expose it). Every lie gets
// its typed error, the follower's store is byte-identical before and after,
// and the peer is penalised; told the truth, the follower catches up.
import assert from 'node:assert/strict'
import type { Stream, Connection } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'
import { SortliftNode } from '../../src/node/node.js'
import { startNode, connect, cleanupDirs } from '../helpers/nodes.js'
import { openTally } from '../helpers/tallies.js'
import { dbSnapshot } from '../helpers/db.js'
import { FrameDecoder, encodeFrame } from '../../src/net/frames.js'
import { CHAIN_SYNC_PROTOCOL, MAX_HEIGHTS_PER_RESPONSE } from '../../src/net/chain-sync-network.js'
import { ChainSyncServer } from '../../src/sortition/chain-sync-server.js'
import { ChainSyncRequest, ChainSyncResponse } from '../../protos/chain-sync.js'
import { commitmentFromWire, commitmentToWire } from '../../src/sortition/chain-wire.js'
import { signCommitment } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import { decodeOp, encodeOp } from '../../src/sortition/op-log.js'
import { SyncError } from '../../src/sortition/sync-errors.js'
import { SPACE } from '../../src/sortition/space.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, randomBytes } from '../../src/crypto/bytes.js'
import { transferSigningBytes } from '../../src/sortition/chain.js'
import { generateSigner } from '../../src/crypto/keys.js'
import type { Signer } from '../../src/crypto/keys.js'

const QUIET = { sortition: { commitIntervalMs: 0, syncIntervalMs: 0 } } as any

type Answer = ChainSyncResponse | Uint8Array | Uint8ArrayList
type Lie = (req: ChainSyncRequest, honest: ChainSyncResponse) => Promise<Answer>

/** Replaces `node`'s chain-sync handler by one that answers through `lie()` (honest: the node's own server). */
async function serveLies (node: SortliftNode, lie: () => Lie): Promise<void> {
  await node.host.unhandle(CHAIN_SYNC_PROTOCOL)
  await node.host.handle(CHAIN_SYNC_PROTOCOL, (stream: Stream, conn: Connection) => {
    const frames = new FrameDecoder(4 * 1024 * 1024)
    let tail = Promise.resolve()
    stream.addEventListener('message', (evt) => {
      for (const frame of frames.push(evt.data)) {
        tail = tail.then(async () => {
          const req = ChainSyncRequest.decode(frame)
          const out = await lie()(req, await node.chainSync.server.handleChainSync(conn.remotePeer.toString(), req))
          stream.send(out instanceof Uint8Array || !('code' in out) ? out : encodeFrame(ChainSyncResponse.encode(out)))
        }).catch(() => {})
      }
    })
  })
}

describe('chain-sync: hostile serving peers', function () {
  let op: SortliftNode
  let buyer: SortliftNode
  let victim: SortliftNode
  let evil: SortliftNode
  let opKey: Signer
  let mallory: Signer
  let chainId: string
  let tradingEnd: number
  let held: number
  let lie: Lie = async (_req, honest) => honest

  before(async () => {
    op = await startNode(undefined, [], QUIET)
    buyer = await startNode(undefined, [], QUIET)
    victim = await startNode(undefined, [], QUIET)
    evil = await startNode(undefined, [], QUIET)
    // the victim hears of new heights only from the peers it asks (no commitment gossip)
    victim.roots.net.leave('/sortlift/roots/1')
    await op.users.add('op')
    await buyer.users.add('alice')
    await buyer.users.add('bob')
    opKey = await op.users.signer('op')
    mallory = (await generateSigner()).signer
    for (const n of [buyer, victim, evil]) await connect(n, op)
    await connect(victim, evil)
    await openTally({ node: op, user: 'op' }, { node: buyer, user: 'alice' })
    tradingEnd = Date.now() + 3_600_000
    chainId = (await op.operator.create({ user: 'op', value: 1_000_000n, tradingEnd, beaconRound: 1 })).id
    await buyer.operator.buy({ chainId, user: 'alice', widthPpm: 100_000, peer: op.peerId })
    await op.operator.commit(chainId)
    // the victim follows honestly up to here
    held = (await victim.chainSync.follower.follow(chainId, op.peerId)).height
    // two more heights: a transfer, then a purchase
    const bobKey = (await buyer.users.signer('bob')).publicKey
    await buyer.operator.transfer({ chainId, user: 'alice', at: { lo: 0n, conditions: [] }, to: { kind: 'user', publicKey: bobKey }, peer: op.peerId })
    await op.operator.commit(chainId)
    await buyer.operator.buy({ chainId, user: 'alice', widthPpm: 1_000, peer: op.peerId })
    await op.operator.commit(chainId)
    // the evil node holds the true data, and lies about it
    await evil.chainSync.follower.follow(chainId, op.peerId)
    await serveLies(evil, () => lie)
  })
  after(async () => {
    for (const n of [victim, evil, buyer, op]) await n?.stop()
    await cleanupDirs()
  })

  /** Re-signs, with the operator's key, the commitment of height held+1 with fields replaced. */
  const resign = (over: Partial<SignedCommitment>): Lie => async (req, honest) => {
    if (req.getHeights == null) return honest
    const heights = await Promise.all(honest.heights.map(async (h) => {
      const c = commitmentFromWire(h.commitment!)
      if (c.height !== held + 1) return h
      const { signature: _s, ...fields } = c
      return { ...h, commitment: commitmentToWire(await signCommitment(opKey, { ...fields, ...over })) }
    }))
    return { ...honest, heights }
  }

  async function refused (expected: string, told: Lie): Promise<void> {
    lie = told
    const before = await dbSnapshot(victim)
    const penalty = victim.chainSync.penaltyOf(evil.peerId)
    await assert.rejects(victim.chainSync.follower.syncFrom(chainId, evil.peerId), (err: any) => {
      assert.ok(err instanceof SyncError, String(err?.stack ?? err))
      assert.equal(err.code, expected, err.message)
      return true
    })
    assert.deepEqual(await dbSnapshot(victim), before, 'nothing stored')
    assert.equal(victim.chainSync.penaltyOf(evil.peerId), penalty + 1, 'the peer is penalised')
    assert.equal(victim.chainSync.follower.show(chainId).height, held)
    assert.equal(victim.chainSync.follower.show(chainId).root, victim.chainSync.follower.show(chainId).committedRoot, 'the tree is back to the stored one')
  }

  it('a commitment whose root the operations do not give → ROOT_MISMATCH', async () => {
    await refused('ROOT_MISMATCH', resign({ root: sha256(new TextEncoder().encode('not the root')) }))
  })

  it('a forged transfer (new owner swapped, the owner\'s signature kept) → BAD_SIGNATURE', async () => {
    await refused('BAD_SIGNATURE', async (req, honest) => {
      if (req.getHeights == null) return honest
      const heights = honest.heights.map(h => ({
        ...h,
        ops: h.ops.map(b => {
          const o = decodeOp(b)
          return o.kind === 'transfer' ? encodeOp({ ...o, fields: { ...o.fields, owner: { kind: 'user', publicKey: mallory.publicKey } } }) as Uint8Array<ArrayBuffer> : b
        })
      }))
      return { ...honest, heights }
    })
  })

  it('a skipped height → HEIGHT_SKIP', async () => {
    await refused('HEIGHT_SKIP', async (req, honest) => {
      if (req.getHeights == null) return honest
      return { ...honest, heights: honest.heights.filter(h => commitmentFromWire(h.commitment!).height !== held + 1) }
    })
  })

  it('a commitment that does not link to the previous one → BROKEN_LINK', async () => {
    await refused('BROKEN_LINK', resign({ prev: sha256(new TextEncoder().encode('elsewhere')) }))
  })

  it('a commitment stamped after the trading end → AFTER_TRADING_END', async () => {
    await refused('AFTER_TRADING_END', resign({ time: tradingEnd + 1 }))
  })

  it('a response that is not protobuf → BAD_RESPONSE', async () => {
    await refused('BAD_RESPONSE', async () => encodeFrame(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])))
  })

  it('a frame over the size limit → BAD_RESPONSE', async () => {
    // a length prefix of 2 MiB (the limit is 1 MiB), then some of the bytes
    await refused('BAD_RESPONSE', async () => Uint8Array.from([0x80, 0x80, 0x80, 0x01, ...new Uint8Array(1024)]))
  })

  it('a chain record the operator did not sign → BAD_SIGNATURE, and the chain is not followed', async () => {
    const other = (await op.operator.create({ user: 'op', value: 5n, tradingEnd, beaconRound: 1 })).id
    await evil.chainSync.follower.follow(other, op.peerId)
    lie = async (req, honest) => req.getChain == null ? honest : { ...honest, chain: { ...honest.chain!, operatorAddress: `op@${evil.peerId}` } }
    const before = await dbSnapshot(victim)
    const penalty = victim.chainSync.penaltyOf(evil.peerId)
    await assert.rejects(victim.chainSync.follower.syncFrom(other, evil.peerId), (err: any) => err instanceof SyncError && err.code === 'BAD_SIGNATURE')
    assert.deepEqual(await dbSnapshot(victim), before)
    assert.equal(victim.chainSync.penaltyOf(evil.peerId), penalty + 1)
    assert.equal(victim.chainSync.follower.isFollowed(other), false)
  })

  it('told the truth, the follower catches up to the operator; evil\'s penalties show on the peer list', async () => {
    lie = async (_req, honest) => honest
    const h = await victim.chainSync.follower.syncFrom(chainId, evil.peerId)
    assert.equal(h, op.operator.show(chainId).height)
    assert.equal(victim.chainSync.follower.show(chainId).commitment, op.operator.show(chainId).commitment)
    assert.deepEqual(victim.chainSync.follower.contracts(chainId), op.operator.contracts(chainId))
    assert.ok(victim.peers().find(p => p.peerId === evil.peerId)!.penalty >= 8)
    assert.equal(BigInt(victim.chainSync.follower.contracts(chainId)[1].lo), SPACE / 10n)
  })

  it('limits: a height larger than one response is completed with get_ops; more than 64 heights take several requests', async () => {
    // twelve owner-signed transfers applied between two commitments: one height of twelve operations
    const bob = await buyer.users.signer('bob')
    const alice = await buyer.users.signer('alice')
    const at = { lo: 0n, conditions: [] }
    let custody = fromHex(op.operator.contracts(chainId)[0].custody!)
    for (let i = 0; i < 12; i++) {
      const [from, to] = i % 2 === 0 ? [bob, alice] : [alice, bob]
      const fields = { chainId: fromHex(chainId), leaf: at, custody, owner: { kind: 'user' as const, publicKey: to.publicKey }, nonce: randomBytes(16) }
      const c = await op.operator.applyTransfer(fields, from.publicKey, await from.sign(transferSigningBytes(fields)))
      custody = fromHex(c.custody!)
    }
    const before = op.operator.show(chainId).height
    await op.operator.commit(chainId)
    assert.equal(op.operator.show(chainId).height, before + 1)
    for (let i = 0; i < MAX_HEIGHTS_PER_RESPONSE + 6; i++) await op.operator.commit(chainId, true)
    await evil.chainSync.follower.syncFrom(chainId, op.peerId)
    assert.equal(evil.chainSync.follower.show(chainId).height, op.operator.show(chainId).height)
    // the evil node now answers honestly, from a server whose frames hold about 4 operations
    const maxBytes = 16 * 1024 + 2_000
    const small = new ChainSyncServer([evil.chainSync.follower], maxBytes)
    const asked = { heights: 0, ops: 0 }
    lie = async (req) => {
      if (req.getHeights != null) asked.heights++
      if (req.getOps != null) asked.ops++
      const res = await small.handleChainSync(victim.peerId, req)
      assert.ok(ChainSyncResponse.encode(res).length <= maxBytes, 'a response fits its frame')
      assert.ok(res.heights.length <= MAX_HEIGHTS_PER_RESPONSE)
      return res
    }
    const h = await victim.chainSync.follower.syncFrom(chainId, evil.peerId)
    assert.equal(h, op.operator.show(chainId).height)
    assert.equal(victim.chainSync.follower.show(chainId).commitment, op.operator.show(chainId).commitment)
    assert.ok(asked.ops >= 2, `get_ops asked ${asked.ops} times`)
    assert.ok(asked.heights >= 3, `get_heights asked ${asked.heights} times`)
  })
})
