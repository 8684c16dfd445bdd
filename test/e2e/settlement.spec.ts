// Settlement over TCP loopback: an operator node with the devnet beacon role
// and a buyer node that follows it, joined by tallies, each with its control
// API. Alice and Bob each buy half of a chain; after the trading end and the
// chain's beacon round, the winner claims over /sortlift/claim/1.0.0 and is
// paid once: balances move by exactly V, a repeated claim returns the same
// receipt and pays nothing more (also after a lost write of the paid record),
// another claim gets ALREADY_PAID, a losing claim is refused with nothing
// stored, and malformed input gets MALFORMED. A second chain, all Alice's,
// is claimed through the CLI for a payee the operator cannot reach yet: the
// payment fails (temporary), then is made exactly once when a route exists.
import assert from 'node:assert/strict'
import { lpStream } from '@libp2p/utils'
import { peerIdFromString } from '@libp2p/peer-id'
import { tempDir, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { runNode } from '../../src/node/run.js'
import type { RunningNode } from '../../src/node/run.js'
import { cli, ok } from '../helpers/cli.js'
import { openTally, netOf } from '../helpers/tallies.js'
import type { Member } from '../helpers/tallies.js'
import { dbSnapshot } from '../helpers/db.js'
import type { SortliftNode } from '../../src/node/node.js'
import { roundAt } from '../../src/beacon/index.js'
import type { BeaconNetwork } from '../../src/beacon/index.js'
import { SPACE } from '../../src/sortition/space.js'
import { fromHex, randomBytes, toHex } from '../../src/crypto/bytes.js'
import { encodeProof } from '../../src/sortition/proof.js'
import { commitmentHash } from '../../src/sortition/commitment.js'
import { signClaim, encodeClaim, claimHash, decodeReceipt } from '../../src/sortition/claim-encoding.js'
import { drawPoint } from '../../src/sortition/settlement.js'
import { randomnessOf } from '../../src/beacon/verify.js'
import { ClaimRepository } from '../../src/store/claim-repo.js'
import { CLAIM_PROTOCOL } from '../../src/net/claim-network.js'
import { ClaimCode, ClaimResponse } from '../../protos/claim.js'
import type { ClaimRequest } from '../../protos/claim.js'
import { SettlementError } from '../../src/sortition/settlement-errors.js'

const V = 1_000_000n

async function sendRaw (from: SortliftNode, to: SortliftNode, frame: Uint8Array): Promise<ClaimResponse> {
  const stream = await from.host.dialProtocol(peerIdFromString(to.peerId), CLAIM_PROTOCOL)
  const lp = lpStream(stream, { maxDataLength: 1 << 20 })
  await lp.write(frame)
  const res = ClaimResponse.decode(await lp.read({ signal: AbortSignal.timeout(5000) }))
  await stream.close().catch(() => {})
  return res
}

describe('settlement: claim and receipt over TCP', function () {
  this.timeout(120_000)
  let opRun: RunningNode
  let buyerRun: RunningNode
  let op: SortliftNode
  let buyer: SortliftNode
  let buyerDir: string
  let network: BeaconNetwork
  let chainId: string
  let chain2: string
  let parent: string
  let child: string
  let round: number
  let winner: 'alice' | 'bob'
  let loser: 'alice' | 'bob'
  const m = (node: SortliftNode, user: string): Member => ({ node, user })
  const send = async (req: ClaimRequest): Promise<ClaimResponse> => await buyer.settlement.claimNet.request(op.peerId, req)

  before(async () => {
    opRun = await runNode({ dataDir: await tempDir(), listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0, beacon: { role: true, period: 1000 }, sortition: { commitIntervalMs: 0, claimRetryMs: 0 } })
    op = opRun.node
    network = op.gossip.beacon.network!
    buyerDir = await tempDir()
    buyerRun = await runNode({ dataDir: buyerDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0, beacon: { network }, sortition: { claimRetryMs: 0 } })
    buyer = buyerRun.node
    await op.users.add('op')
    await buyer.users.add('alice')
    await buyer.users.add('bob')
    await buyer.users.add('carol')
    await buyer.users.add('dave')
    await connect(buyer, op)
    await openTally(m(op, 'op'), m(buyer, 'alice'))
    await openTally(m(op, 'op'), m(buyer, 'bob'))
    await openTally(m(op, 'op'), m(buyer, 'dave'))
  })
  after(async () => {
    await buyerRun?.stop()
    await opRun?.stop()
    await cleanupDirs()
  })

  it('a chain is sold in two halves; before the trading end it is "trading"', async () => {
    const tradingEnd = Date.now() + 8_000
    round = Number(roundAt(network, tradingEnd / 1000)) + 2
    // a round due before the trading end would let buyers trade on a known draw
    await assert.rejects(op.operator.create({ user: 'op', value: V, tradingEnd, beaconRound: Math.max(1, round - 10) }), (err: any) => err.code === 'MALFORMED' && /before the trading end/.test(err.message))
    const c = await op.operator.create({ user: 'op', value: V, tradingEnd, beaconRound: round })
    chainId = c.id
    await buyer.operator.buy({ chainId, user: 'alice', widthPpm: 500_000, peer: op.peerId })
    await buyer.operator.buy({ chainId, user: 'bob', widthPpm: 500_000, peer: op.peerId })
    // the second chain, all Alice's, settles on the same round
    chain2 = (await op.operator.create({ user: 'op', value: 200_000n, tradingEnd, beaconRound: round })).id
    await buyer.operator.buy({ chainId: chain2, user: 'alice', widthPpm: 1_000_000, peer: op.peerId })
    // nested: dave buys the whole of a parent chain (op's) and turns his leaf into a child chain he runs on the buyer's node
    parent = (await op.operator.create({ user: 'op', value: 300_000n, tradingEnd, beaconRound: round })).id
    await buyer.operator.buy({ chainId: parent, user: 'dave', widthPpm: 1_000_000, peer: op.peerId })
    child = (await buyer.operator.create({ user: 'dave', value: 300_000n, tradingEnd, beaconRound: round, parent: { chainId: parent, leaf: { lo: 0n, conditions: [] }, peer: op.peerId } })).id
    const s = await buyer.settlement.claims.settle(chainId, op.peerId)
    assert.equal(s.state, 'trading')
    assert.equal(s.beaconRound, round)
    await assert.rejects(buyer.settlement.claims.claim({ chainId, user: 'alice', peer: op.peerId }), (e: any) => e instanceof SettlementError && e.code === 'NOT_SETTLED_YET')
  })

  it('after the round, both nodes see the same draw and winner, checked on the buyer\'s side', async () => {
    const chain = await op.operator.fetchChain(chainId)
    await waitFor(() => Date.now() > chain.tradingEnd, 'the trading end', 20_000)
    await waitFor(async () => await op.gossip.beacon.show(BigInt(round)).then(() => true, () => false), `beacon round ${round} on the operator`, 30_000)
    const local = await op.settlement.claims.settle(chainId)
    const remote = await buyer.settlement.claims.settle(chainId, op.peerId)
    const sig = fromHex((await op.gossip.beacon.show(BigInt(round))).signature)
    const draw = drawPoint(randomnessOf(sig), fromHex(chainId))
    for (const s of [local, remote]) {
      assert.equal(s.state, 'won', s.message)
      assert.equal(BigInt(s.draw!), draw)
      assert.equal(s.randomness, toHex(randomnessOf(sig)))
      assert.equal(s.beaconVerified, true)
      assert.equal(s.winner!.owner.kind, 'user')
      assert.equal(s.winner!.value, V.toString())
    }
    assert.deepEqual(remote.winner, local.winner)
    winner = draw < SPACE / 2n ? 'alice' : 'bob'
    loser = winner === 'alice' ? 'bob' : 'alice'
    assert.equal(remote.winner!.owner.kind === 'user' && remote.winner!.owner.publicKey, toHex((await buyer.users.signer(winner)).publicKey))
    assert.match(remote.message, /won by user key/)
    // chain 2's sale was never committed before its trading end: the settlement signed a closing commitment stamped at it
    await op.settlement.claims.settle(chain2)
    const cs = await op.operator.commitments(chain2)
    assert.equal(cs.length, 2)
    assert.equal(cs[1].time, chain.tradingEnd)
    assert.equal(op.operator.show(chain2).root, op.operator.show(chain2).committedRoot)
    await assert.rejects(op.operator.commit(chain2, true), (e: any) => e.code === 'AFTER_TRADING_END')
  })

  it('the loser\'s claim is refused: NOT_OWNER on its own node; LOSING_REGION at the operator, nothing stored', async () => {
    await assert.rejects(buyer.settlement.claims.claim({ chainId, user: loser, peer: op.peerId }), (e: any) => e instanceof SettlementError && e.code === 'NOT_OWNER')
    // a claim built by hand: the loser's own (losing) region, signed by the loser
    const loserLo = loser === 'alice' ? 0n : SPACE / 2n
    const { chain, head, winner: leaf } = await op.operator.final(chainId, { point: loserLo, decide: () => true })
    const signer = await buyer.users.signer(loser)
    const claim = await signClaim(signer, {
      fields: { chainId: chain.id, commitment: commitmentHash(head), proof: encodeProof(leaf!.proof), beaconRound: round, payee: `${loser}@${buyer.peerId}`, time: Date.now(), nonce: randomBytes(16) },
      chain,
      commitment: head,
      beaconSignature: fromHex((await op.gossip.beacon.show(BigInt(round))).signature),
      attestations: [],
      preimages: []
    })
    const before = await dbSnapshot(op)
    const res = await send({ submit: { claim: encodeClaim(claim) } })
    assert.equal(res.code, ClaimCode.CLAIM_LOSING_REGION, res.message)
    assert.equal(res.receipt, undefined)
    assert.deepEqual(await dbSnapshot(op), before, 'nothing stored')
  })

  it('the winner claims and is paid exactly V, once; the receipt is the operator\'s and names the payment', async () => {
    const nets = async (): Promise<bigint[]> => [await netOf(m(op, 'op')), await netOf(m(buyer, 'alice')), await netOf(m(buyer, 'bob')), await netOf(m(buyer, 'dave'))]
    const [opBefore, aliceBefore, bobBefore, daveBefore] = await nets()
    assert.equal(opBefore + aliceBefore + bobBefore + daveBefore, 0n)
    const c = await buyer.settlement.claims.claim({ chainId, user: winner, peer: op.peerId })
    assert.equal(c.state, 'paid', JSON.stringify(c.lastError))
    assert.equal(c.receipt!.units, V.toString())
    assert.equal(c.receipt!.claim, c.claimHash)
    assert.match(c.receipt!.payment, /^tally:[0-9a-f]{32}:[0-9a-f]{32}$/)
    assert.equal(c.paymentSeen, true, 'the payee holds the payment the receipt names')
    assert.equal(c.payee, `${winner}@${buyer.peerId}`)
    const [opAfter, aliceAfter, bobAfter, daveAfter] = await nets()
    assert.equal(opAfter, opBefore - V)
    assert.equal(winner === 'alice' ? aliceAfter : bobAfter, (winner === 'alice' ? aliceBefore : bobBefore) + V)
    assert.equal(loser === 'alice' ? aliceAfter : bobAfter, loser === 'alice' ? aliceBefore : bobBefore)
    assert.equal(daveAfter, daveBefore)
    assert.equal(opAfter + aliceAfter + bobAfter + daveAfter, 0n, 'value is conserved')
    // both sides show it paid
    for (const s of [await op.settlement.claims.settle(chainId), await buyer.settlement.claims.settle(chainId, op.peerId)]) {
      assert.equal(s.state, 'paid')
      assert.equal(s.claim, c.claimHash)
      assert.equal(s.receipt!.payment, c.receipt!.payment)
    }
  })

  it('the same claim again gets the same receipt and pays nothing more — also after the paid record was lost', async () => {
    const sent = (await new ClaimRepository(buyer.db).getSent(chainId))!
    const net = await netOf(m(op, 'op'))
    const again = await send({ submit: { claim: fromHex(sent.record) } })
    assert.equal(again.code, ClaimCode.CLAIM_OK, again.message)
    assert.equal(toHex(again.receipt!.receipt), sent.receipt!.signing)
    assert.equal(toHex(again.receipt!.signature), sent.receipt!.signature)
    // a crash after paying but before the paid record was written: only the intent is on disk
    const repo = new ClaimRepository(op.db)
    const rec = (await repo.getReceived(chainId))!
    const paidWith = rec.payment!
    await repo.putReceived({ chainId: rec.chainId, claimHash: rec.claimHash, record: rec.record, payee: rec.payee, units: rec.units, reference: rec.reference, operatorUser: rec.operatorUser, received: rec.received, state: 'paying', attempts: 1 })
    const retried = await send({ submit: { claim: fromHex(sent.record) } })
    assert.equal(retried.code, ClaimCode.CLAIM_OK, retried.message)
    const r = decodeReceipt(retried.receipt!.receipt, retried.receipt!.signature)
    assert.equal(r.payment, paidWith, 'the payment found by its reference, not a second one')
    assert.equal(toHex(r.claim), sent.claimHash)
    assert.equal(await netOf(m(op, 'op')), net, 'nothing paid twice')
    assert.equal((await repo.getReceived(chainId))!.state, 'paid')
  })

  it('a different claim on the paid chain gets ALREADY_PAID with the existing receipt', async () => {
    const sent = (await new ClaimRepository(buyer.db).getSent(chainId))!
    const { chain, head, winner: leaf } = await op.operator.final(chainId, { point: winner === 'alice' ? 0n : SPACE / 2n, decide: () => true })
    const claim = await signClaim(await buyer.users.signer(winner), {
      fields: { chainId: chain.id, commitment: commitmentHash(head), proof: encodeProof(leaf!.proof), beaconRound: round, payee: `${winner}@${buyer.peerId}`, time: Date.now(), nonce: randomBytes(16) },
      chain,
      commitment: head,
      beaconSignature: fromHex((await op.gossip.beacon.show(BigInt(round))).signature),
      attestations: [],
      preimages: []
    })
    assert.notEqual(toHex(claimHash(claim)), sent.claimHash)
    const net = await netOf(m(op, 'op'))
    const res = await send({ submit: { claim: encodeClaim(claim) } })
    assert.equal(res.code, ClaimCode.CLAIM_ALREADY_PAID, res.message)
    assert.equal(toHex(decodeReceipt(res.receipt!.receipt, res.receipt!.signature).claim), sent.claimHash)
    assert.equal(await netOf(m(op, 'op')), net)
  })

  it('malformed input gets MALFORMED, stores nothing, and counts against the sender', async () => {
    const before = await dbSnapshot(op)
    const penalty = op.settlement.claimNet.penaltyOf(buyer.peerId)
    const raw = await sendRaw(buyer, op, Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]))
    assert.equal(raw.code, ClaimCode.CLAIM_MALFORMED)
    const junk = await send({ submit: { claim: new TextEncoder().encode('not a claim record') } })
    assert.equal(junk.code, ClaimCode.CLAIM_MALFORMED)
    const empty = await send({})
    assert.equal(empty.code, ClaimCode.CLAIM_MALFORMED)
    const unknown = await send({ getSettlement: { chainId: randomBytes(32), beaconSignature: new Uint8Array(0) } })
    assert.equal(unknown.code, ClaimCode.CLAIM_UNKNOWN_CHAIN)
    assert.deepEqual(await dbSnapshot(op), before)
    await waitFor(() => op.settlement.claimNet.penaltyOf(buyer.peerId) >= penalty + 3, 'the penalties to count')
  })

  it('chain settle through the CLI: the round, the draw, the winner and the state, for a remote chain', async () => {
    const j = await ok(buyerDir, 'chain', 'settle', chainId, '--peer', op.peerId)
    assert.equal(j.state, 'paid')
    assert.equal(j.beaconRound, round)
    assert.match(j.draw, /^0x[0-9a-f]{64}$/)
    assert.equal(j.winner.owner.publicKey, toHex((await buyer.users.signer(winner)).publicKey))
    const human = await cli(buyerDir, 'chain', 'settle', chain2, '--peer', op.peerId)
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, /state: won/)
    assert.match(human.stdout, /draw: 0x[0-9a-f]{64}/)
    assert.match(human.stdout, /message: won by user key/)
    const missing = await cli(buyerDir, 'chain', 'settle', chain2, '--json')
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /UNKNOWN_CHAIN/)
  })

  it('a prize the operator cannot pay yet: PAYMENT_FAILED (pending, retried), then paid exactly once when a route exists', async () => {
    const carol = `carol@${buyer.peerId}`
    const opNet = await netOf(m(op, 'op'))
    const pending = await ok(buyerDir, 'claim', '--chain', chain2, '--user', 'alice', '--peer', op.peerId, '--payee', carol, '--wait', '0')
    assert.equal(pending.state, 'pending')
    assert.equal(pending.lastError.code, 'PAYMENT_FAILED')
    const repo = new ClaimRepository(op.db)
    assert.equal((await repo.getReceived(chain2))!.state, 'paying', 'the intent is recorded')
    assert.equal(await netOf(m(op, 'op')), opNet, 'nothing paid')
    // the claimant's node restarts: its claim is still there, pending; a retry while there is still no route pays nothing either
    await buyerRun.stop()
    buyerRun = await runNode({ dataDir: buyerDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0, beacon: { network }, sortition: { claimRetryMs: 0 } })
    buyer = buyerRun.node
    await connect(buyer, op)
    assert.equal((await buyer.settlement.claims.listClaims()).sent.find(c => c.chainId === chain2)?.state, 'pending')
    const still = await buyer.settlement.claims.claim({ chainId: chain2, user: 'alice', waitMs: 0 })
    assert.equal(still.state, 'pending')
    assert.equal(await netOf(m(op, 'op')), opNet)
    // a route appears: the operator's own sweep pays, once
    await openTally(m(op, 'op'), m(buyer, 'carol'))
    await op.settlement.claims.sweep()
    assert.equal((await repo.getReceived(chain2))!.state, 'paid')
    assert.equal(await netOf(m(op, 'op')), opNet - 200_000n)
    await waitFor(async () => await netOf(m(buyer, 'carol')) === 200_000n, 'carol to hold the prize')
    // the claimant's retry gets that receipt, and nothing more is paid
    const paid = await buyer.settlement.claims.claim({ chainId: chain2, user: 'alice', waitMs: 0 })
    assert.equal(paid.state, 'paid', JSON.stringify(paid.lastError))
    assert.equal(paid.receipt!.payment, (await repo.getReceived(chain2))!.payment)
    assert.equal(paid.paymentSeen, true)
    await buyer.settlement.claims.sweep()
    await op.settlement.claims.sweep()
    assert.equal(await netOf(m(op, 'op')), opNet - 200_000n)
    const list = await ok(buyerDir, 'claim', 'list')
    assert.deepEqual(list.sent.map((c: any) => [c.chainId, c.state]).sort(), [[chainId, 'paid'], [chain2, 'paid']].sort())
  })

  it('nested: the parent\'s winner is the child chain; its operator claims with the child record; the child settles on its own draw', async () => {
    const top = await buyer.settlement.claims.settle(parent, op.peerId)
    assert.equal(top.state, 'won')
    assert.deepEqual(top.winner!.owner, { kind: 'child', chainId: child })
    assert.match(top.message, /child chain/)
    // only the child chain's operator may claim
    await assert.rejects(buyer.settlement.claims.claim({ chainId: parent, user: 'alice', peer: op.peerId }), (e: any) => e instanceof SettlementError && e.code === 'NOT_OWNER')
    const aliceNet = await netOf(m(buyer, 'alice'))
    const c = await buyer.settlement.claims.claim({ chainId: parent, user: 'dave', peer: op.peerId, payee: `alice@${buyer.peerId}` })
    assert.equal(c.state, 'paid', JSON.stringify(c.lastError))
    assert.equal(c.receipt!.units, '300000')
    assert.equal(await netOf(m(buyer, 'alice')), aliceNet + 300_000n)
    // the child draws with its own id: nothing of it was sold, so dave keeps its value
    const below = await buyer.settlement.claims.settle(child)
    assert.equal(below.state, 'operator-keeps')
    assert.notEqual(below.draw, top.draw)
    await assert.rejects(buyer.settlement.claims.claim({ chainId: child, user: 'dave' }), (e: any) => e instanceof SettlementError && e.code === 'UNASSIGNED')
  })

  it('an operator that lost the chain\'s round learns it from the one who asks, checked like a gossiped round', async () => {
    await waitFor(async () => await buyer.gossip.beacon.show(BigInt(round)).then(() => true, () => false), `beacon round ${round} on the buyer`, 30_000)
    const key = `${network.chainHash}.${String(round).padStart(20, '0')}`
    await (op.db as any).sublevel('beacon-rounds').del(key)
    assert.equal((await op.settlement.claims.settle(chain2)).state, 'waiting-round')
    const s = await buyer.settlement.claims.settle(chain2, op.peerId)
    assert.equal(s.state, 'paid')
    assert.equal((await op.gossip.beacon.show(BigInt(round))).signature, (await buyer.gossip.beacon.show(BigInt(round))).signature)
    assert.equal((await op.settlement.claims.settle(chain2)).state, 'paid')
  })

  it('a claimant that lost its claim and claims again is refused ALREADY_PAID; the refusal is listed', async () => {
    await (buyer.db as any).sublevel('claims-sent').del(chainId)
    const net = await netOf(m(op, 'op'))
    await assert.rejects(buyer.settlement.claims.claim({ chainId, user: winner, peer: op.peerId }), (e: any) => e instanceof SettlementError && e.code === 'ALREADY_PAID' && /paid by tally:/.test(e.message))
    assert.equal(await netOf(m(op, 'op')), net)
    const mine = (await buyer.settlement.claims.listClaims()).sent.find(c => c.chainId === chainId)!
    assert.equal(mine.state, 'failed')
    assert.equal(mine.lastError!.code, 'ALREADY_PAID')
    const viaCli = await cli(buyerDir, 'claim', '--chain', chainId, '--user', winner, '--peer', op.peerId, '--json')
    assert.equal(viaCli.code, 1)
    assert.match(viaCli.stderr, /ALREADY_PAID/)
  })
})
