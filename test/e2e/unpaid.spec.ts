// A claim unpaid past its deadline, over TCP loopback between three nodes in a
// line W – C – O: O operates chains (and is the devnet beacon), C holds the
// claimant, W only watches. The nodes share a test clock for settlement and
// evidence, moved 11 minutes ahead instead of waiting for the deadline.
//
// 1. Alice (on C) wins a chain and claims for payee carol@C, whom O cannot
//    reach: the claim stays pending (PAYMENT_FAILED). Before the deadline C's
//    sweep accuses nobody; after it C publishes UNPAID_CLAIM once; W, C and O
//    verify it and mark O's operator key. A route to carol appears; O's sweep
//    pays exactly once and publishes the receipt as an answer; every node
//    clears the mark and shows the evidence answered.
// 2. A claim O never received, published as evidence by W: O pays it as soon
//    as it hears the accusation and answers; the marks clear everywhere.
// 3. A former owner's claim against an older commitment (Alice sold chain 3
//    to Bob before the trading end): O answers with the final settlement
//    (SUPERSEDED, Bob's leaf) and pays nothing; the marks clear everywhere.
// 4. A forged answer relayed by W is rejected by C (penalised), nothing stored.
import assert from 'node:assert/strict'
import { runNode } from '../../src/node/run.js'
import type { RunningNode } from '../../src/node/run.js'
import type { SortliftNode } from '../../src/node/node.js'
import { tempDir, cleanupDirs, connect, waitFor } from '../helpers/nodes.js'
import { ok } from '../helpers/cli.js'
import { openTally, netOf } from '../helpers/tallies.js'
import type { Member } from '../helpers/tallies.js'
import { roundAt } from '../../src/beacon/index.js'
import type { BeaconNetwork } from '../../src/beacon/index.js'
import { textSub } from '../../src/store/db.js'
import { fromHex, randomBytes, toHex } from '../../src/crypto/bytes.js'
import { encodeProof } from '../../src/sortition/proof.js'
import { commitmentHash } from '../../src/sortition/commitment.js'
import { signClaim, claimHash, signReceipt, decodeClaim } from '../../src/sortition/claim-encoding.js'
import { claimDeadline } from '../../src/sortition/claim-verify.js'
import { drawPoint } from '../../src/sortition/settlement.js'
import { randomnessOf } from '../../src/beacon/verify.js'
import { evidenceId } from '../../src/sortition/evidence.js'
import { encodeAnswerWire } from '../../src/sortition/evidence-answer-wire.js'
import { ClaimRepository } from '../../src/store/claim-repo.js'
import { EVIDENCE_TOPIC, EVIDENCE_ANSWER_TOPIC } from '../../src/net/evidence-network.js'
import { chainFromJson } from '../../src/sortition/chain.js'
import { commitmentFromJson } from '../../src/sortition/commitment.js'
import type { ProofFile } from '../../src/sortition/proof-file.js'

const V = 1_000_000n
const V2 = 300_000n
const ELEVEN_MINUTES = 11 * 60_000

/** Every key and value of the evidence sublevels, for "nothing was stored" checks. */
async function evidenceStore (n: SortliftNode): Promise<string[]> {
  const out: string[] = []
  for (const name of ['evidence', 'evidence-marks', 'evidence-answers']) {
    for await (const [k, v] of textSub(n.db, name).iterator()) out.push(`${name}/${k}=${v}`)
  }
  return out
}

describe('a claim unpaid past its deadline (W – C – O)', function () {
  this.timeout(180_000)
  let skew = 0
  const now = (): number => Date.now() + skew
  let o: RunningNode
  let c: RunningNode
  let w: RunningNode
  let cDir: string
  let wDir: string
  let network: BeaconNetwork
  let chain1: string
  let chain2: string
  let chain3: string
  let aliceProof: ProofFile
  let round: number
  let opKey: string
  let accusation: string
  const m = (node: SortliftNode, user: string): Member => ({ node, user })
  const all = (): SortliftNode[] => [w.node, c.node, o.node]
  const marks = async (n: SortliftNode): Promise<string[]> => (await n.evidence.service.marksOf(opKey)).map(x => x.evidenceId)

  before(async () => {
    o = await runNode({ dataDir: await tempDir(), listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0, beacon: { role: true, period: 1000 }, sortition: { commitIntervalMs: 0, claimRetryMs: 0 }, now })
    network = o.node.gossip.beacon.network!
    cDir = await tempDir()
    c = await runNode({ dataDir: cDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0, beacon: { network }, sortition: { claimRetryMs: 0 }, now })
    wDir = await tempDir()
    w = await runNode({ dataDir: wDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0, beacon: { network }, sortition: { claimRetryMs: 0 }, now })
    await o.node.users.add('op')
    await c.node.users.add('alice')
    await c.node.users.add('carol')
    await c.node.users.add('bob')
    await connect(c.node, o.node)
    await connect(w.node, c.node)
    const meshed = (n: SortliftNode, peers: SortliftNode[]): boolean => [EVIDENCE_TOPIC, EVIDENCE_ANSWER_TOPIC].every(t => peers.every(p => n.evidence.net.meshPeers(t).includes(p.peerId)))
    await waitFor(() => meshed(w.node, [c.node]) && meshed(c.node, [w.node, o.node]) && meshed(o.node, [c.node]), 'gossipsub meshes W–C–O on both evidence topics', 20_000)
    await openTally(m(o.node, 'op'), m(c.node, 'alice'))
    // two chains, all Alice's, settling on one round after the trading end
    const tradingEnd = Date.now() + 5_000
    round = Number(roundAt(network, tradingEnd / 1000)) + 2
    const one = await o.node.operator.create({ user: 'op', value: V, tradingEnd, beaconRound: round })
    chain1 = one.id
    opKey = one.operator
    chain2 = (await o.node.operator.create({ user: 'op', value: V2, tradingEnd, beaconRound: round })).id
    chain3 = (await o.node.operator.create({ user: 'op', value: V2, tradingEnd, beaconRound: round })).id
    for (const id of [chain1, chain2, chain3]) await c.node.operator.buy({ chainId: id, user: 'alice', widthPpm: 1_000_000, peer: o.node.peerId })
    // chain 3: Alice keeps the proof of her leaf (height 1), then gives the whole chain to Bob (height 2, the final one)
    const whole = { lo: 0n, conditions: [] }
    aliceProof = await c.node.operator.fetchProof({ chainId: chain3, at: whole, peer: o.node.peerId })
    await c.node.operator.transfer({ chainId: chain3, user: 'alice', at: whole, to: { kind: 'user', publicKey: (await c.node.users.signer('bob')).publicKey }, peer: o.node.peerId })
    await o.node.operator.commit(chain3)
    await waitFor(() => Date.now() > tradingEnd, 'the trading end', 20_000)
    await waitFor(async () => await o.node.gossip.beacon.show(BigInt(round)).then(() => true, () => false), `beacon round ${round} on the operator`, 30_000)
  })

  after(async () => {
    for (const n of [w, c, o]) await n?.stop()
    await cleanupDirs()
  })

  it('a claim the operator cannot pay stays pending; before its deadline nobody is accused', async () => {
    const pending = await c.node.settlement.claims.claim({ chainId: chain1, user: 'alice', peer: o.node.peerId, payee: `carol@${c.node.peerId}`, waitMs: 0 })
    assert.equal(pending.state, 'pending')
    assert.equal(pending.lastError?.code, 'PAYMENT_FAILED')
    await c.node.settlement.claims.sweep()
    const sent = (await new ClaimRepository(c.node.db).getSent(chain1))!
    assert.equal(sent.state, 'pending')
    assert.equal(sent.accused, undefined)
    for (const n of all()) assert.deepEqual(await evidenceStore(n), [])
  })

  it('past the deadline the claimant publishes UNPAID_CLAIM once; every node verifies it and marks the operator', async () => {
    skew = ELEVEN_MINUTES
    const repo = new ClaimRepository(c.node.db)
    const sent = (await repo.getSent(chain1))!
    const claim = decodeClaim(fromHex(sent.record))
    assert.ok(now() > claimDeadline(claim) + 60_000)
    await c.node.settlement.claims.sweep()
    const accused = (await repo.getSent(chain1))!
    assert.equal(accused.state, 'pending', 'still unpaid: no route to carol')
    assert.ok(accused.accused?.evidence != null, JSON.stringify(accused.accused))
    accusation = accused.accused.evidence
    assert.equal(accusation, toHex(evidenceId({ kind: 'UNPAID_CLAIM', chain: claim.chain, claim })))
    for (const n of all()) {
      await waitFor(async () => (await marks(n)).includes(accusation), `the accusation to mark the operator on ${n === w.node ? 'W' : n === c.node ? 'C' : 'O'}`, 15_000)
    }
    const atW = (await w.node.evidence.service.show(accusation))!
    assert.equal(atW.kind, 'UNPAID_CLAIM')
    assert.equal(atW.unpaid!.claimHash, sent.claimHash)
    assert.equal(atW.unpaid!.payee, `carol@${c.node.peerId}`)
    assert.equal(atW.answered, undefined)
    // the CLI lists it, unanswered
    const listed = await ok(wDir, 'evidence', 'list', '--operator', opKey)
    assert.deepEqual(listed.map((e: any) => [e.id, e.kind, e.answered]), [[accusation, 'UNPAID_CLAIM', undefined]])
    // a second sweep publishes nothing new
    await c.node.settlement.claims.sweep()
    assert.deepEqual((await repo.getSent(chain1))!.accused, accused.accused)
    for (const n of all()) assert.equal(n.evidence.net.counters.rejected, 0)
  })

  it('the operator pays once a route exists and publishes the receipt: the marks clear everywhere', async () => {
    const opNet = await netOf(m(o.node, 'op'))
    await openTally(m(o.node, 'op'), m(c.node, 'carol'))
    await o.node.settlement.claims.sweep()
    const received = (await new ClaimRepository(o.node.db).getReceived(chain1))!
    assert.equal(received.state, 'paid')
    for (const n of all()) {
      await waitFor(async () => (await marks(n)).length === 0, 'the answer to clear the mark', 15_000)
      const e = (await n.evidence.service.show(accusation))!
      assert.equal(e.answered?.kind, 'PAID')
      assert.equal(e.answered?.from === o.node.peerId || e.answered?.from === c.node.peerId, true, 'the answer came from O, or through C')
    }
    assert.equal(await netOf(m(o.node, 'op')), opNet - V, 'paid exactly once')
    await waitFor(async () => await netOf(m(c.node, 'carol')) === V, 'carol to hold the prize')
    const listed = await ok(cDir, 'evidence', 'list')
    assert.equal(listed.find((e: any) => e.id === accusation).answered.kind, 'PAID')
    const answers = await ok(wDir, 'evidence', 'answers', chain1)
    assert.deepEqual(answers.answers.map((x: any) => [x.kind, x.claimHash, x.payment]), [['PAID', received.claimHash, received.payment]])
    // the claimant's next sweep takes the receipt
    await c.node.settlement.claims.sweep()
    assert.equal((await new ClaimRepository(c.node.db).getSent(chain1))!.state, 'paid')
    // the accusation published again is refused where it is answered
    const record = fromHex((await new ClaimRepository(c.node.db).getSent(chain1))!.record)
    const claim = decodeClaim(record)
    await assert.rejects(w.node.evidence.service.submit({ kind: 'UNPAID_CLAIM', chain: claim.chain, claim }), (err: any) => err.code === 'ANSWERED')
  })

  it('a claim the operator never received, published by a watcher: the operator pays when it hears it and answers', async () => {
    // Alice's claim on chain 2, signed on C and handed to W (never sent to O)
    const sig = fromHex((await o.node.gossip.beacon.show(BigInt(round))).signature)
    const { chain, head, winner } = await o.node.operator.final(chain2, { point: drawPoint(randomnessOf(sig), fromHex(chain2)), decide: () => true })
    const claim = await signClaim(await c.node.users.signer('alice'), {
      fields: { chainId: chain.id, commitment: commitmentHash(head), proof: encodeProof(winner!.proof), beaconRound: round, payee: `alice@${c.node.peerId}`, time: Date.now(), nonce: randomBytes(16) },
      chain,
      commitment: head,
      beaconSignature: sig,
      attestations: [],
      preimages: []
    })
    const aliceNet = await netOf(m(c.node, 'alice'))
    const r = await w.node.evidence.service.submit({ kind: 'UNPAID_CLAIM', chain, claim })
    assert.equal(r.stored, true)
    for (const n of all()) {
      await waitFor(async () => (await n.evidence.service.show(r.id))?.answered?.kind === 'PAID', 'the operator\'s answer to clear the accusation', 20_000)
      assert.deepEqual(await marks(n), [])
    }
    const received = (await new ClaimRepository(o.node.db).getReceived(chain2))!
    assert.equal(received.state, 'paid')
    assert.equal(received.claimHash, toHex(claimHash(claim)))
    await waitFor(async () => await netOf(m(c.node, 'alice')) === aliceNet + V2, 'alice to hold the prize of chain 2')
  })

  it('a former owner\'s claim against an older commitment: the operator answers with the final settlement and pays nothing', async () => {
    const sig = fromHex((await o.node.gossip.beacon.show(BigInt(round))).signature)
    const chain = chainFromJson(aliceProof.chain)
    const old = commitmentFromJson(aliceProof.commitment)
    assert.ok(old.height < (await o.node.operator.final(chain3)).head.height, 'Alice\'s proof is of an older height')
    const claim = await signClaim(await c.node.users.signer('alice'), {
      fields: { chainId: chain.id, commitment: commitmentHash(old), proof: fromHex(aliceProof.proof), beaconRound: round, payee: `alice@${c.node.peerId}`, time: Date.now(), nonce: randomBytes(16) },
      chain,
      commitment: old,
      beaconSignature: sig,
      attestations: [],
      preimages: []
    })
    const opNet = await netOf(m(o.node, 'op'))
    // the claim verifies on its own (finality is the operator's to know): W accepts and publishes it
    const r = await w.node.evidence.service.submit({ kind: 'UNPAID_CLAIM', chain, claim })
    assert.equal(r.stored, true)
    for (const n of all()) {
      await waitFor(async () => (await n.evidence.service.show(r.id))?.answered?.kind === 'SUPERSEDED', 'the final settlement to answer the stale claim', 20_000)
      assert.deepEqual(await marks(n), [])
    }
    const [answer] = await w.node.evidence.service.answersOn(chain3)
    assert.equal(answer.kind, 'SUPERSEDED')
    assert.equal(answer.winner, `user:${toHex((await c.node.users.signer('bob')).publicKey)}`)
    assert.equal(await new ClaimRepository(o.node.db).getReceived(chain3), undefined, 'nothing recorded, nothing paid')
    assert.equal(await netOf(m(o.node, 'op')), opNet)
  })

  it('a forged answer relayed by W is rejected by C, penalised, and stores nothing', async () => {
    const before = await evidenceStore(c.node)
    const penalty = c.node.evidence.penaltyOf(w.node.peerId)
    const sent = (await new ClaimRepository(c.node.db).getSent(chain1))!
    const claim = decodeClaim(fromHex(sent.record))
    // a receipt "signed by the operator" with Alice's key
    const receipt = await signReceipt(await c.node.users.signer('alice'), { claim: claimHash(claim), chainId: claim.chain.id, units: V, payment: 'lift:000102030405060708090a0b0c0d0e0f', time: now() })
    await w.node.evidence.net.publishAnswer(encodeAnswerWire({ kind: 'PAID', claim, receipt }))
    await waitFor(() => c.node.evidence.penaltyOf(w.node.peerId) > penalty, 'C to reject the forged answer', 15_000)
    assert.deepEqual(await evidenceStore(c.node), before)
  })
})
