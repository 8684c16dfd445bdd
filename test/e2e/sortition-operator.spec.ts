// A chain operator and a buyer on two nodes over TCP: create a chain, buy a
// region with a real payment, transfer and split with owner signatures,
// commitments hash-chained and persisted across a restart, proofs verified
// offline, and what must be rejected is rejected with nothing stored.
import assert from 'node:assert/strict'
import { writeFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SortliftNode } from '../../src/node/node.js'
import { startNode, tempDir, connect, cleanupDirs, waitFor } from '../helpers/nodes.js'
import { openTally, netOf, addressOf } from '../helpers/tallies.js'
import type { Member } from '../helpers/tallies.js'
import { dbSnapshot } from '../helpers/db.js'
import { ChainError } from '../../src/sortition/chain-errors.js'
import { chainFromJson, transferSigningBytes } from '../../src/sortition/chain.js'
import { commitmentFromJson, validateCommitment } from '../../src/sortition/commitment.js'
import { verifyProofFile } from '../../src/sortition/proof-file.js'
import { SPACE } from '../../src/sortition/space.js'
import { generateSigner } from '../../src/crypto/keys.js'
import { fromHex, randomBytes } from '../../src/crypto/bytes.js'
import { SortitionCode } from '../../protos/sortition.js'
import { pointToBytes } from '../../src/sortition/space.js'

function code (c: string): (err: any) => boolean {
  return (err: any) => { assert.ok(err instanceof ChainError, String(err)); assert.equal(err.code, c, err.message); return true }
}

describe('sortition operator: two nodes over TCP', function () {
  let opDir: string
  let op: SortliftNode
  let buyer: SortliftNode
  let chainId: string
  const m = (node: SortliftNode, user: string): Member => ({ node, user })

  before(async () => {
    opDir = await tempDir()
    op = await startNode(opDir, [], { sortition: { commitIntervalMs: 0 } } as any)
    buyer = await startNode()
    await op.users.add('op')
    await buyer.users.add('alice')
    await buyer.users.add('bob')
    await connect(buyer, op)
    // op is stock: alice (foil) pays op by raising her debt to op
    await openTally(m(op, 'op'), m(buyer, 'alice'))
    await openTally(m(op, 'op'), m(buyer, 'bob'))
  })
  after(async () => {
    await buyer?.stop()
    await op?.stop()
    await cleanupDirs()
  })

  it('creates a chain: signed record, height 0 committed', async () => {
    const c = await op.operator.create({ user: 'op', value: 1_000_000n, tradingEnd: Date.now() + 3_600_000, beaconRound: 42 })
    chainId = c.id
    assert.equal(c.height, 0)
    assert.equal(c.root, c.committedRoot)
    assert.equal(c.operatorAddress, addressOf(m(op, 'op')))
    assert.deepEqual(op.operator.list().map(x => x.id), [chainId])
  })

  it('alice buys 25% (250000 ppm): the payment really moves, the region is hers', async () => {
    const before = await netOf(m(buyer, 'alice'))
    const r = await buyer.operator.buy({ chainId, user: 'alice', widthPpm: 250_000, peer: op.peerId })
    assert.equal(r.price, '250000')
    assert.equal(r.lo, '0')
    assert.equal(BigInt(r.hi), SPACE / 4n)
    assert.equal(r.owner.publicKey, Buffer.from((await buyer.users.signer('alice')).publicKey).toString('hex'))
    assert.equal(await netOf(m(buyer, 'alice')), before - 250_000n, 'alice paid')
    assert.equal(await netOf(m(op, 'op')), 250_000n, 'op received')
    const contracts = op.operator.contracts(chainId)
    assert.equal(contracts.length, 1)
    assert.equal(contracts[0].value, '250000')
  })

  it('bob buys 10% next to it', async () => {
    const r = await buyer.operator.buy({ chainId, user: 'bob', widthPpm: 100_000, peer: op.peerId })
    assert.equal(BigInt(r.lo), SPACE / 4n)
    assert.equal(op.operator.contracts(chainId).length, 2)
  })

  it('a payment cannot be used twice, nor one the operator never received', async () => {
    const use = await op.operator.issue({ chainId, owner: { kind: 'user', publicKey: new Uint8Array(32) }, buyer: 'x', widthPpm: 1, payment: `lift:${'ab'.repeat(16)}`, nonce: randomBytes(16) }).catch(e => e)
    assert.ok(use instanceof ChainError && use.code === 'PAYMENT_NOT_FOUND')
    // replay alice's payment evidence over the wire
    const res = await buyer.sortitionNet.request(op.peerId, {
      buy: { chainId: fromHex(chainId), buyerKey: new Uint8Array(32), buyerAddress: 'mallory@x', widthPpm: 1, payment: (await firstPayment(op)), nonce: randomBytes(16) }
    })
    assert.equal(res.code, SortitionCode.SORTITION_PAYMENT_USED)
  })

  it('transfers alice → bob with alice\'s signature; a forged transfer is rejected and stores nothing', async () => {
    const bobKey = (await buyer.users.signer('bob')).publicKey
    const at = { lo: 0n, conditions: [] }
    // forged: mallory signs, claiming alice's region
    const mallory = (await generateSigner()).signer
    // (a proof request commits pending changes first: take the snapshot after one)
    await buyer.operator.fetchProof({ chainId, at, peer: op.peerId })
    // ...and after the operator's own record of that height, which its announcement writes once the commit returns
    await waitFor(async () => (await op.roots.service.known()).some(k => k.id === chainId && k.height === op.operator.show(chainId).height), 'the operator to record its own head')
    const snapshot = await dbSnapshot(op)
    await assert.rejects(buyer.operator.transfer({ chainId, user: 'alice', at, to: { kind: 'user', publicKey: mallory.publicKey }, peer: op.peerId, signer: mallory }), code('NOT_OWNER'))
    // a bad signature claiming to be alice's
    const file = await buyer.operator.fetchProof({ chainId, at, peer: op.peerId })
    const custody = fromHex(file.proof.slice(2 + 2 + 64, 2 + 2 + 128))
    const alice = (await buyer.users.signer('alice')).publicKey
    const fields = { chainId: fromHex(chainId), leaf: at, custody, owner: { kind: 'user' as const, publicKey: mallory.publicKey }, nonce: randomBytes(16) }
    const res = await buyer.sortitionNet.request(op.peerId, { transfer: { chainId: fields.chainId, lo: pointToBytes(0n), conditions: [], custody, ownerKind: 1, owner: mallory.publicKey, nonce: fields.nonce, signature: await mallory.sign(transferSigningBytes(fields)), signer: alice } as any })
    assert.equal(res.code, SortitionCode.SORTITION_BAD_SIGNATURE)
    assert.deepEqual(await dbSnapshot(op), snapshot, 'nothing stored')
    // the real one
    const t = await buyer.operator.transfer({ chainId, user: 'alice', at, to: { kind: 'user', publicKey: bobKey }, peer: op.peerId })
    assert.equal(t.owner.publicKey, Buffer.from(bobKey).toString('hex'))
    // alice no longer owns it: her transfer is refused
    await assert.rejects(buyer.operator.transfer({ chainId, user: 'alice', at, to: { kind: 'user', publicKey: alice }, peer: op.peerId }), code('NOT_OWNER'))
  })

  it('bob splits his region at a point; both parts are his', async () => {
    await buyer.operator.split({ chainId, user: 'bob', at: { lo: 0n, conditions: [] }, split: { kind: 'point', at: SPACE / 8n }, peer: op.peerId })
    const c = op.operator.contracts(chainId)
    assert.equal(c.length, 3)
    assert.deepEqual(c.map(x => x.lo), ['0', (SPACE / 8n).toString(), (SPACE / 4n).toString()])
    assert.equal(c[0].value, '125000')
    assert.equal(c[1].value, '125000')
    await assert.rejects(buyer.operator.split({ chainId, user: 'bob', at: { lo: 0n, conditions: [] }, split: { kind: 'point', at: SPACE / 2n }, peer: op.peerId }), code('BAD_REGION'))
  })

  it('commitments are hash-chained and survive a restart; proofs verify offline', async () => {
    await op.operator.commit(chainId)
    const list = await op.operator.commitments(chainId)
    assert.ok(list.length >= 2)
    const chain = chainFromJson((await buyer.operator.fetchProof({ chainId, at: { lo: 0n, conditions: [] }, peer: op.peerId })).chain)
    for (let i = 0; i < list.length; i++) await validateCommitment(chain, i === 0 ? undefined : commitmentFromJson(list[i - 1]), commitmentFromJson(list[i]))
    const headBefore = op.operator.show(chainId)
    await op.stop()
    op = await startNode(opDir, [], { sortition: { commitIntervalMs: 0 } } as any)
    await connect(buyer, op)
    const headAfter = op.operator.show(chainId)
    assert.deepEqual(headAfter, headBefore)
    assert.equal(op.operator.contracts(chainId).length, 3)
    // export a proof from the buyer's node and verify the file offline
    const file = await buyer.operator.fetchProof({ chainId, at: { lo: SPACE / 8n, conditions: [] }, peer: op.peerId })
    const path = join(await tempDir(), 'proof.json')
    await writeFile(path, JSON.stringify(file))
    const check = await verifyProofFile(JSON.parse(await readFile(path, 'utf8')))
    assert.equal(check.ok, true, check.reason)
    assert.equal(check.owner?.publicKey, Buffer.from((await buyer.users.signer('bob')).publicKey).toString('hex'))
    assert.equal(check.region?.lo, (SPACE / 8n).toString())
    // tampered: another root, another owner
    const bad = { ...file, commitment: { ...file.commitment, root: '00'.repeat(32) } }
    assert.equal((await verifyProofFile(bad)).ok, false)
    const bad2 = { ...file, proof: file.proof.slice(0, 4) + 'ff' + file.proof.slice(6) }
    assert.equal((await verifyProofFile(bad2)).ok, false)
  })

  it('a new height is committed on demand only when something changed', async () => {
    const h = op.operator.show(chainId).height
    await op.operator.commit(chainId)
    assert.equal(op.operator.show(chainId).height, h)
    await buyer.operator.buy({ chainId, user: 'alice', widthPpm: 1_000, peer: op.peerId })
    const c = await op.operator.commit(chainId)
    assert.equal(c.height, h + 1)
  })
})

async function firstPayment (op: SortliftNode): Promise<string> {
  for await (const [k] of (op.db as any).sublevel('chain-payments').iterator()) return k
  throw new Error('no payment recorded')
}

describe('sortition operator: commitments on a timer', function () {
  after(async () => { await cleanupDirs() })
  it('signs a new height on its interval only when something changed', async () => {
    const n = await startNode(undefined, [], { sortition: { commitIntervalMs: 150 } } as any)
    try {
      await n.users.add('op')
      await n.users.add('alice')
      const c = await n.operator.create({ user: 'op', value: 1000n, tradingEnd: Date.now() + 60_000, beaconRound: 1 })
      await new Promise(resolve => setTimeout(resolve, 400))
      assert.equal(n.operator.show(c.id).height, 0, 'nothing changed: no new height')
      const aliceKey = (await n.users.signer('alice')).publicKey
      // the operator's node as its own buyer, paid by a payment it can see: use a transfer path instead
      await (n.operator as any).withChain(c.id, async (l: any) => {
        l.tree.apply([{ op: 'issue', lo: 0n, hi: 10n, leaf: { owner: { kind: 'user', publicKey: aliceKey }, custody: new Uint8Array(32) } }])
        l.state = { ...l.state, touched: [{ lo: '0', conditions: [] }] }
      })
      await waitFor(() => n.operator.show(c.id).height === 1, 'the timer to commit height 1', 3000)
      assert.equal(n.operator.show(c.id).committedRoot, n.operator.show(c.id).root)
    } finally {
      await n.stop()
    }
  })
})
