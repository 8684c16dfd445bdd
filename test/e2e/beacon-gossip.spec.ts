// Beacon rounds and oracle attestations over gossipsub: three in-process nodes
// on TCP loopback, dialled in a line A – B – C (the DHT may later add A – C).
// A has the beacon role. Forgeries come from C; B (and A, if C reached it
// directly) must reject them and must never forward them.
import assert from 'node:assert/strict'
import { startNode, connect, waitFor, cleanupDirs } from '../helpers/nodes.js'
import type { SortliftNode } from '../../src/node/node.js'
import { BEACON_TOPIC, ORACLE_TOPIC } from '../../src/net/protocols.js'
import { createLocalBeacon, roundAt, verifyBeacon } from '../../src/beacon/index.js'
import type { BeaconNetwork } from '../../src/beacon/index.js'
import { encodeBeaconRound } from '../../src/beacon/wire.js'
import { encodeAttestation, signAttestation, verifyAttestation } from '../../src/sortition/attestation.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'

describe('gossip: beacon rounds and oracle attestations (A – B – C)', function () {
  this.timeout(90_000)
  let a: SortliftNode
  let b: SortliftNode
  let c: SortliftNode
  let network: BeaconNetwork

  const mesh = (n: SortliftNode, topic: string): string[] => (topic === BEACON_TOPIC ? n.gossip.beaconNet : n.gossip.oracleNet).meshPeers()
  const meshed = (n: SortliftNode, topic: string, peers: SortliftNode[]): boolean => peers.every(p => mesh(n, topic).includes(p.peerId))
  const latest = async (n: SortliftNode): Promise<any> => await n.gossip.beacon.show().catch(() => undefined)
  const all = (): SortliftNode[] => [a, b, c]

  before(async () => {
    a = await startNode(undefined, [], { beacon: { role: true, period: 1000 } })
    network = a.gossip.beacon.network!
    b = await startNode(undefined, [], { beacon: { network } })
    c = await startNode(undefined, [], { beacon: { network } })
    await connect(b, a)
    await connect(c, b)
    // gossipsub grafts on its heartbeat (1 s): wait until every link is in both meshes
    await waitFor(() => [BEACON_TOPIC, ORACLE_TOPIC].every(t =>
      meshed(a, t, [b]) && meshed(b, t, [a, c]) && meshed(c, t, [b])), 'gossipsub meshes A–B–C on both topics', 20_000)
  })

  after(async () => {
    for (const n of [a, b, c]) await n?.stop()
    await cleanupDirs()
  })

  it('the beacon-role node publishes rounds that reach every node, relayed by B, and verify', async () => {
    const start = BigInt((await a.gossip.beacon.show()).round)
    await waitFor(async () => {
      const r = await latest(c)
      return r != null && BigInt(r.round) > start
    }, 'a round newer than A\'s first to reach C', 15_000)
    const r = await c.gossip.beacon.show()
    assert.equal(r.chainHash, network.chainHash)
    assert.ok([a.peerId, b.peerId].includes(r.from), 'C got it from A or from B after B validated it')
    assert.equal(toHex(verifyBeacon(network, BigInt(r.round), r.signature)), r.randomness)
    const same = await a.gossip.beacon.show(BigInt(r.round))
    assert.equal(same.signature, r.signature)
    assert.equal((await b.gossip.beacon.show(BigInt(r.round))).randomness, r.randomness)
    for (const n of all()) assert.equal(n.gossip.beaconNet.counters.rejected, 0)
  })

  it('attestations propagate and verify', async () => {
    const user = await c.users.add('oracle1')
    const made = await c.gossip.oracle.attest('oracle1', 'Will it rain on 2026-01-01?', 'yes')
    assert.equal(made.oracle, user.publicKey)
    await waitFor(async () => (await a.gossip.oracle.list('Will it rain on 2026-01-01?')).length === 1, 'the attestation to reach A', 15_000)
    const [got] = await a.gossip.oracle.list('Will it rain on 2026-01-01?')
    assert.equal(got.outcome, 'yes')
    assert.equal(got.oracle, user.publicKey)
    assert.ok([b.peerId, c.peerId].includes(got.from))
    assert.ok(await verifyAttestation({ oracle: fromHex(got.oracle), question: got.question, outcome: got.outcome, signature: fromHex(got.signature) }))
    assert.equal((await b.gossip.oracle.list()).length, 1)
    assert.deepEqual(await a.gossip.oracle.list('another question'), [])
  })

  it('a round signed by another key (on our chain hash or its own) is rejected, stored nowhere, and penalises the sender', async () => {
    const other = createLocalBeacon({ genesisTime: network.genesisTime, period: network.period })
    const round = roundAt(network, Date.now() / 1000) // due now, so not ignored as "future"
    const forged = other.sign(round)
    const scoreBefore = b.gossip.beaconNet.scoreOf(c.peerId)
    await c.gossip.beaconNet.publish(encodeBeaconRound({ chainHash: network.chainHash, round, signature: forged }))
    await c.gossip.beaconNet.publish(encodeBeaconRound({ chainHash: other.network.chainHash, round, signature: forged }))
    await waitFor(() => b.gossip.beaconNet.penaltyOf(c.peerId) === 2, 'B to reject both forged rounds from C')
    assert.equal(b.gossip.beaconNet.counters.rejected, 2)
    await waitFor(() => b.gossip.beaconNet.scoreOf(c.peerId) < scoreBefore && b.gossip.beaconNet.scoreOf(c.peerId) < 0, 'C\'s gossipsub score at B to fall below zero')
    assert.ok(b.peers().find(p => p.peerId === c.peerId)!.penalty >= 2, 'the node-level penalty includes gossip rejections')
    // B forwarded neither to A (A got them only if C reached it directly, and rejected them too)
    assert.equal(a.gossip.beaconNet.penaltyOf(b.peerId), 0)
    assert.equal(a.gossip.beaconNet.counters.rejected, a.gossip.beaconNet.penaltyOf(c.peerId))
    for (const n of all()) {
      const r = await n.gossip.beacon.show(round).catch(() => undefined)
      assert.ok(r == null || r.signature !== toHex(forged), `${n.peerId} stored the forged round`)
    }
    // the genuine chain goes on
    const now = BigInt((await b.gossip.beacon.show()).round)
    await waitFor(async () => BigInt((await b.gossip.beacon.show()).round) > now, 'B to keep accepting genuine rounds', 10_000)
  })

  it('forged and malformed attestations are rejected and stored nowhere', async () => {
    const signer = await c.users.signer('oracle1')
    const real = await signAttestation(signer, 'Who wins?', 'red')
    const penalty = b.gossip.oracleNet.penaltyOf(c.peerId)
    // the outcome changed after signing
    await c.gossip.oracleNet.publish(encodeAttestation({ ...real, outcome: 'blue' }))
    // not an attestation at all
    await c.gossip.oracleNet.publish(new TextEncoder().encode('not an attestation'))
    await waitFor(() => b.gossip.oracleNet.penaltyOf(c.peerId) === penalty + 2, 'B to reject the forged and the malformed attestation')
    assert.equal(a.gossip.oracleNet.penaltyOf(b.peerId), 0)
    assert.equal(a.gossip.oracleNet.counters.rejected, a.gossip.oracleNet.penaltyOf(c.peerId))
    for (const n of all()) assert.deepEqual(await n.gossip.oracle.list('Who wins?'), [])
  })
})
