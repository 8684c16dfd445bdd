// Fraud evidence over gossipsub: three in-process nodes with their control
// APIs, on TCP loopback, dialled in a line A – B – C (the DHT may later add
// A – C). A operates a chain and forks it (two commitments for height 0,
// signed with its operator key); the evidence is submitted on A through the
// CLI and must reach B and C, verified, stored, with the operator marked.
// Bad evidence comes from C: B (and A, if C reached it directly) reject it,
// store nothing and penalise C (last: a penalised C is graylisted at B).
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runNode } from '../../src/node/run.js'
import type { RunningNode } from '../../src/node/run.js'
import type { SortliftNode } from '../../src/node/node.js'
import { tempDir, cleanupDirs, connect, waitFor } from '../helpers/nodes.js'
import { cli, ok } from '../helpers/cli.js'
import { ApiClient } from '../../src/api/client.js'
import { textSub } from '../../src/store/db.js'
import { commitmentFromJson, signCommitment } from '../../src/sortition/commitment.js'
import { encodeEvidenceWire } from '../../src/sortition/evidence-wire.js'
import { evidenceToJson } from '../../src/sortition/evidence-json.js'
import { evidenceId } from '../../src/sortition/evidence.js'
import type { Evidence, DoubleCommitment } from '../../src/sortition/evidence.js'
import { Evidence as WireEvidence } from '../../protos/evidence.js'
import { ChainAnnouncement } from '../../protos/sortition.js'
import { chainToWire, commitmentToWire } from '../../src/sortition/operator.js'
import { ROOTS_TOPIC } from '../../src/sortition/roots.js'
import { toHex } from '../../src/crypto/bytes.js'
import { SimOperator, seeded, user, leafOf } from '../helpers/evidence-fixtures.js'
import { SPACE } from '../../src/sortition/space.js'

/** Every key and value of the evidence sublevels, for "nothing was stored" checks. */
async function evidenceStore (n: SortliftNode): Promise<string[]> {
  const out: string[] = []
  for (const name of ['evidence', 'evidence-marks']) {
    for await (const [k, v] of textSub(n.db, name).iterator()) out.push(`${name}/${k}=${v}`)
  }
  return out
}

describe('evidence over gossip (A – B – C)', function () {
  this.timeout(120_000)
  let a: RunningNode
  let b: RunningNode
  let c: RunningNode
  let aDir: string
  let fork: DoubleCommitment
  let operatorKey: string

  const nodes = (): SortliftNode[] => [a.node, b.node, c.node]
  const meshed = (n: SortliftNode, peers: SortliftNode[]): boolean => peers.every(p => n.evidence.net.meshPeers().includes(p.peerId))

  before(async () => {
    aDir = await tempDir()
    a = await runNode({ dataDir: aDir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0 })
    b = await runNode({ dataDir: await tempDir(), listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0 })
    c = await runNode({ dataDir: await tempDir(), listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0 })
    await connect(b.node, a.node)
    await connect(c.node, b.node)
    await waitFor(() => meshed(a.node, [b.node]) && meshed(b.node, [a.node, c.node]) && meshed(c.node, [b.node]), 'gossipsub meshes A–B–C on the evidence topic', 20_000)
    // A operates a chain, then signs a second height 0 with the same operator key
    await a.node.users.add('op')
    const view = await a.node.operator.create({ user: 'op', value: 1_000_000n, tradingEnd: Date.now() + 3_600_000, beaconRound: 1 })
    operatorKey = view.operator
    const chain = await a.node.operator.fetchChain(view.id)
    const [c0] = (await a.node.operator.commitments(view.id)).map(commitmentFromJson)
    const twin = await signCommitment(await a.node.users.signer('op'), { ...c0, time: c0.time + 1, children: [] })
    fork = { kind: 'DOUBLE_COMMITMENT', chain, first: c0, second: twin }
  })

  after(async () => {
    for (const n of [c, b, a]) await n?.stop()
    await cleanupDirs()
  })

  it('evidence submitted on A (CLI) is verified, stored and marks the operator on B and C', async () => {
    const file = join(aDir, 'fork.json')
    await writeFile(file, JSON.stringify(evidenceToJson(fork), null, 2))
    const id = toHex(evidenceId(fork))
    const r = await ok(aDir, 'evidence', 'submit', file)
    assert.equal(r.id, id)
    assert.equal(r.kind, 'DOUBLE_COMMITMENT')
    assert.equal(r.operator, operatorKey)
    assert.equal(r.stored, true)
    for (const n of [b.node, c.node]) {
      await waitFor(async () => await n.evidence.service.show(id) != null, `the evidence to reach ${n === b.node ? 'B' : 'C'}`, 15_000)
      const marks = await n.evidence.service.marksOf(operatorKey)
      assert.deepEqual(marks.map(m => m.evidenceId), [id])
      assert.equal(marks[0].kind, 'DOUBLE_COMMITMENT')
      assert.equal(marks[0].height, 0)
    }
    assert.ok([a.node.peerId, b.node.peerId].includes((await c.node.evidence.service.show(id))!.from), 'C got it from A or from B after B verified it')
    // the CLI and the API show it on C
    const cDir = c.node.dataDir.path
    const listed = await ok(cDir, 'evidence', 'list', '--operator', operatorKey)
    assert.deepEqual(listed.map((e: any) => e.id), [id])
    assert.equal(listed[0].chainId, toHex(fork.chain.id))
    assert.deepEqual(await ok(cDir, 'evidence', 'list', '--operator', 'ab'.repeat(32)), [])
    const shown = await ok(cDir, 'evidence', 'show', id)
    assert.equal(shown.evidence.kind, 'DOUBLE_COMMITMENT')
    assert.equal(shown.operatorAddress, `op@${a.node.peerId}`)
    const api = await ApiClient.fromDataDir(b.node.dataDir.path)
    const marks = await api.get(`/evidence/marks/${operatorKey}`)
    assert.deepEqual(marks.marks.map((m: any) => m.evidenceId), [id])
    await assert.rejects(api.get(`/evidence/${'cd'.repeat(32)}`), (e: any) => e.status === 404 && e.code === 'UNKNOWN_EVIDENCE')
    // a second submission of the same evidence stores nothing new
    const again = await api.post('/evidence', evidenceToJson(fork))
    assert.equal(again.stored, false)
    assert.equal(again.id, id)
    for (const n of nodes()) assert.equal(n.evidence.net.counters.rejected, 0)
  })

  it('an unauthorised move submitted on B (API) reaches A and C', async () => {
    const sim = await SimOperator.create(await seeded(1), 'e2e move')
    const [k1, k2] = await Promise.all([11, 12].map(seeded))
    await sim.issue(user(k1), 0n, SPACE / 4n, 'i1')
    await sim.commit()
    const before = sim.leafAt(5n)
    const i2 = await sim.issueRecord(user(k2), 0n, SPACE / 4n, 'again')
    sim.force(5n, leafOf(user(k2), i2.custody))
    await sim.commit()
    const move: Evidence = { kind: 'UNAUTHORISED_MOVE', chain: sim.chain, before, after: sim.leafAt(5n), records: [i2] }
    const api = await ApiClient.fromDataDir(b.node.dataDir.path)
    const r = await api.post('/evidence', evidenceToJson(move))
    assert.equal(r.ground, 'reissued')
    for (const n of [a.node, c.node]) {
      await waitFor(async () => (await n.evidence.service.marksOf(toHex(sim.chain.operator))).length === 1, 'the move evidence to arrive', 15_000)
    }
  })

  it('a follower that hears two commitments for one height submits the evidence itself', async () => {
    // A announces a second chain's height 0 on /sortlift/roots/1; B and C remember it
    const view = await a.node.operator.create({ user: 'op', value: 5_000n, tradingEnd: Date.now() + 3_600_000, beaconRound: 1 })
    for (const n of [b.node, c.node]) {
      await waitFor(async () => (await n.roots.service.known()).some(k => k.id === view.id), 'the announcement of height 0 to arrive', 15_000)
    }
    // then a twin of height 0, signed with the operator key, is relayed by C
    const chain = await a.node.operator.fetchChain(view.id)
    const [h0] = (await a.node.operator.commitments(view.id)).map(commitmentFromJson)
    const twin = await signCommitment(await a.node.users.signer('op'), { ...h0, time: h0.time + 1, children: [] })
    await c.node.roots.net.publishTo(ROOTS_TOPIC, ChainAnnouncement.encode({ chain: chainToWire(chain), commitment: commitmentToWire(twin) }))
    // B refuses the announcement, builds the evidence, verifies, stores and gossips it
    const id = toHex(evidenceId({ kind: 'DOUBLE_COMMITMENT', chain, first: h0, second: twin }))
    for (const n of nodes()) {
      await waitFor(async () => await n.evidence.service.show(id) != null, 'the detector\'s evidence to reach every node', 15_000)
    }
    const atB = await b.node.evidence.service.show(id)
    assert.equal(atB!.from, b.node.peerId, 'B found it')
    assert.equal(atB!.chainId, view.id)
    assert.equal((await a.node.evidence.service.marksOf(operatorKey)).length, 2)
  })

  it('evidence that proves nothing is refused by the CLI with its typed error, stored nowhere', async () => {
    const before = await evidenceStore(a.node)
    const file = join(aDir, 'same.json')
    await writeFile(file, JSON.stringify(evidenceToJson({ ...fork, second: fork.first } as Evidence)))
    const res = await cli(aDir, 'evidence', 'submit', file, '--json')
    assert.equal(res.code, 1)
    assert.match(res.stderr, /SAME_COMMITMENT/)
    const notJson = join(aDir, 'junk.json')
    await writeFile(notJson, '{"format":"sortlift-evidence","version":1,"kind":"DOUBLE_COMMITMENT"}')
    const junk = await cli(aDir, 'evidence', 'submit', notJson, '--json')
    assert.equal(junk.code, 1)
    assert.match(junk.stderr, /MALFORMED/)
    assert.deepEqual(await evidenceStore(a.node), before)
  })

  it('a kind this node does not judge is ignored, not penalised', async () => {
    const m = WireEvidence.decode(encodeEvidenceWire(fork))
    const ignored = b.node.evidence.net.counters.ignored
    const penalty = b.node.evidence.net.penaltyOf(c.node.peerId)
    const before = await evidenceStore(b.node)
    // kind 5 is not defined yet (4, UNPAID_CLAIM, is judged: test/e2e/unpaid.spec.ts)
    await c.node.evidence.net.publish(WireEvidence.encode({ ...m, kind: 5 }))
    await waitFor(() => b.node.evidence.net.counters.ignored > ignored, 'B to ignore the unknown kind', 15_000)
    assert.equal(b.node.evidence.net.penaltyOf(c.node.peerId), penalty)
    assert.deepEqual(await evidenceStore(b.node), before)
  })

  it('invalid evidence and malformed payloads on the topic are rejected, penalise the sender, store nothing', async () => {
    const beforeA = await evidenceStore(a.node)
    const beforeB = await evidenceStore(b.node)
    const penalty = b.node.evidence.net.penaltyOf(c.node.peerId)
    const score = b.node.evidence.net.scoreOf(c.node.peerId)
    // a "fork" whose second commitment C signed itself; the same commitment twice; not protobuf; a truncated payload
    const forged = await signCommitment(await seeded(99), { ...fork.second, children: [] })
    const wire = encodeEvidenceWire(fork)
    const m = WireEvidence.decode(wire)
    const payloads = [
      WireEvidence.encode({ ...m, commitments: [m.commitments[0], { signingBytes: m.commitments[1].signingBytes, signature: forged.signature as Uint8Array<ArrayBuffer> }] }),
      WireEvidence.encode({ ...m, commitments: [m.commitments[0], m.commitments[0]] }),
      new TextEncoder().encode('this is not evidence'),
      wire.slice(0, wire.length - 10)
    ]
    for (const p of payloads) await c.node.evidence.net.publish(p)
    await waitFor(() => b.node.evidence.net.penaltyOf(c.node.peerId) === penalty + payloads.length, 'B to reject every bad payload from C', 15_000)
    await waitFor(() => b.node.evidence.net.scoreOf(c.node.peerId) < Math.min(score, 0), 'C\'s gossipsub score at B to fall below zero')
    assert.ok(b.node.peers().find(p => p.peerId === c.node.peerId)!.penalty >= payloads.length, 'the node-level penalty includes evidence rejections')
    // B forwarded none of it to A (A saw them only if C reached it directly, and rejected them too)
    assert.equal(a.node.evidence.net.penaltyOf(b.node.peerId), 0)
    assert.equal(a.node.evidence.net.counters.rejected, a.node.evidence.net.penaltyOf(c.node.peerId))
    assert.deepEqual(await evidenceStore(b.node), beforeB)
    assert.deepEqual(await evidenceStore(a.node), beforeA)
  })
})
