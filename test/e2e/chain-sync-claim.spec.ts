// Claiming while the operator is offline: the winner's node has never
// followed the chain; with the operator stopped it follows it from a follower
// found in the DHT, works out the settlement from that copy, signs and stores
// its claim (pending: nobody to pay it yet); when the operator is back the
// same claim is paid, exactly the chain's value, with a signed receipt.
import assert from 'node:assert/strict'
import { SortliftNode } from '../../src/node/node.js'
import { startNode, tempDir, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { openTally, netOf } from '../helpers/tallies.js'
import { roundAt } from '../../src/beacon/index.js'
import type { BeaconNetwork } from '../../src/beacon/index.js'
import { fromHex } from '../../src/crypto/bytes.js'

const V = 100_000n

describe('chain-sync: claiming with the operator offline', function () {
  let opDir: string
  let op: SortliftNode
  let buyer: SortliftNode
  let follower: SortliftNode
  let network: BeaconNetwork
  const opOptions = { beacon: { role: true, period: 1000 }, sortition: { commitIntervalMs: 0, claimRetryMs: 0, syncIntervalMs: 0 } } as any

  before(async () => {
    opDir = await tempDir()
    op = await startNode(opDir, [], opOptions)
    network = op.gossip.beacon.network!
    const others = { beacon: { network }, sortition: { claimRetryMs: 0, syncIntervalMs: 0 } } as any
    buyer = await startNode(undefined, [], others)
    follower = await startNode(undefined, [], others)
    await op.users.add('op')
    await buyer.users.add('alice')
    await connect(buyer, op)
    await connect(follower, op)
    await connect(buyer, follower)
    await openTally({ node: op, user: 'op' }, { node: buyer, user: 'alice' })
  })
  after(async () => {
    for (const n of [buyer, follower, op]) await n?.stop().catch(() => {})
    await cleanupDirs()
  })

  it('the winner claims from a follower\'s copy while the operator is down, and is paid once it is back', async () => {
    const tradingEnd = Date.now() + 4_000
    const round = Number(roundAt(network, tradingEnd / 1000)) + 1
    const chainId = (await op.operator.create({ user: 'op', value: V, tradingEnd, beaconRound: round })).id
    // alice buys the whole space: she wins whatever the draw
    await buyer.operator.buy({ chainId, user: 'alice', widthPpm: 1_000_000, peer: op.peerId })
    await op.operator.commit(chainId)
    await follower.chainSync.follower.follow(chainId, op.peerId)
    assert.equal(await netOf({ node: buyer, user: 'alice' }), -V)
    await waitFor(async () => {
      for await (const p of buyer.chainSync.providers.find(fromHex(chainId), AbortSignal.timeout(2_000))) if (p === follower.peerId) return true
      return false
    }, 'the buyer to find the follower as a provider', 20_000)
    await waitFor(() => Date.now() > tradingEnd, 'the trading end', 20_000)
    await waitFor(async () => await buyer.gossip.beacon.show(BigInt(round)).then(() => true, () => false), `beacon round ${round} on the buyer`, 30_000)
    await op.stop()

    const pending = await buyer.settlement.claims.claim({ chainId, user: 'alice', peer: op.peerId, waitMs: 0 })
    assert.equal(pending.state, 'pending')
    assert.equal(pending.lastError?.code, 'UNAVAILABLE')
    assert.equal(buyer.chainSync.follower.isFollowed(chainId), true, 'the buyer followed the chain from the follower')
    assert.equal(buyer.chainSync.follower.show(chainId).commitment, follower.chainSync.follower.show(chainId).commitment)

    op = await startNode(opDir, [], opOptions)
    await connect(buyer, op)
    const paid = await buyer.settlement.claims.claim({ chainId, user: 'alice', peer: op.peerId, waitMs: 15_000 })
    assert.equal(paid.state, 'paid', paid.lastError?.message)
    assert.equal(paid.claimHash, pending.claimHash, 'the claim signed while the operator was down')
    assert.equal(paid.receipt?.claim, pending.claimHash)
    await waitFor(async () => await netOf({ node: buyer, user: 'alice' }) === 0n, 'the prize to reach alice')
  })
})
