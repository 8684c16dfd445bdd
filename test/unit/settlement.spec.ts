// Settlement, pure: the draw, the winner search (probability and condition
// splits, nested chains), claim and receipt encodings, and every way a claim
// is refused, each with its typed error.
import assert from 'node:assert/strict'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { sha256 } from '../../src/crypto/hash.js'
import type { Signer } from '../../src/crypto/keys.js'
import { createLocalBeacon } from '../../src/beacon/local.js'
import { SPACE } from '../../src/sortition/space.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import type { Leaf } from '../../src/sortition/hashing.js'
import { predicateHash } from '../../src/sortition/predicate.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import { signAttestation } from '../../src/sortition/attestation.js'
import { signChain } from '../../src/sortition/chain.js'
import type { SignedChain } from '../../src/sortition/chain.js'
import { signCommitment, commitmentHash, changesDigest, ZERO_HASH } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import { encodeProof, verifyProofBytes } from '../../src/sortition/proof.js'
import { drawPoint, Decisions, findWinner, proveWinner, winnerAcrossLayers, supportFor } from '../../src/sortition/settlement.js'
import type { LayerWinner } from '../../src/sortition/settlement.js'
import { signClaim, encodeClaim, decodeClaim, claimHash, signReceipt, decodeReceipt, receiptSigningBytes, receiptSignedBy } from '../../src/sortition/claim-encoding.js'
import type { Claim } from '../../src/sortition/claim-encoding.js'
import { verifyClaim, claimDeadline } from '../../src/sortition/claim-verify.js'
import { SettlementError } from '../../src/sortition/settlement-errors.js'
import { buildClaimScenario, PAYEE } from '../vectors/make-claim-vectors.js'
import type { ClaimScenario } from '../vectors/make-claim-vectors.js'
import { seededSigner } from '../vectors/make-chain-vectors.js'

function code (c: string): (err: any) => boolean {
  return (err: any) => {
    assert.ok(err instanceof SettlementError, `expected SettlementError ${c}, got ${err?.stack ?? err}`)
    assert.equal(err.code, c, err.message)
    return true
  }
}

const user = (k: Uint8Array): Leaf => ({ owner: { kind: 'user', publicKey: k }, custody: sha256(k) })
const seq = (i: number): Uint8Array => sha256(new TextEncoder().encode(`randomness ${i}`))

async function newChain (op: Signer, beaconRound: number, tradingEnd = 1_700_000_100_000, nonce = '00'.repeat(16)): Promise<SignedChain> {
  return await signChain(op, { operatorAddress: 'op@12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN', value: 1_000_000n, tradingEnd, beaconRound, created: 1_700_000_000_000, nonce: fromHex(nonce) })
}

async function commit (op: Signer, chain: SignedChain, tree: SortitionTree, time = chain.tradingEnd - 1): Promise<SignedCommitment> {
  return await signCommitment(op, { chainId: chain.id, height: 0, root: tree.root(), prev: ZERO_HASH, time, changes: changesDigest([]), children: [] })
}

describe('settlement: the draw and the winner', () => {
  it('draw = SHA-256(randomness ‖ chain id), big-endian; other lengths are MALFORMED', () => {
    const r = seq(1)
    const id = seq(2)
    assert.equal(drawPoint(r, id), BigInt('0x' + toHex(sha256(r, id))))
    assert.notEqual(drawPoint(r, id), drawPoint(r, seq(3)), 'each chain draws with its own id')
    assert.throws(() => drawPoint(r.subarray(0, 31), id), code('MALFORMED'))
    assert.throws(() => drawPoint(r, new Uint8Array(33)), code('MALFORMED'))
  })

  it('probability splits: each region wins as often as its width (4000 deterministic draws)', async () => {
    const keys = await Promise.all(['a', 'b', 'c', 'd'].map(async (_, i) => (await seededSigner((i + 10).toString(16).padStart(2, '0').repeat(32))).publicKey))
    const tree = new SortitionTree()
    const cuts = [0n, SPACE / 2n, SPACE * 3n / 4n, SPACE * 7n / 8n, SPACE]
    tree.apply(keys.map((k, i) => ({ op: 'issue' as const, lo: cuts[i], hi: cuts[i + 1], leaf: user(k) })))
    const id = seq(99)
    const counts = [0, 0, 0, 0]
    const decisions = new Decisions()
    for (let i = 0; i < 4000; i++) {
      const d = drawPoint(seq(i), id)
      const w = findWinner(tree, d, decisions)
      assert.ok(d >= w.region.lo && d < w.region.hi)
      counts[keys.findIndex(k => toHex(k) === toHex((w.leaf as any).owner.publicKey))]++
      if (i < 20) {
        const v = verifyProofBytes(encodeProof(proveWinner(tree, d, decisions)), tree.root())
        assert.ok(v.ok && v.region.lo === w.region.lo, 'the proof proves the same leaf')
      }
    }
    const expected = [2000, 1000, 500, 500]
    counts.forEach((n, i) => assert.ok(Math.abs(n - expected[i]) < 150, `region ${i} won ${n} times, expected about ${expected[i]}`))
  })

  it('condition splits: undecided is NOT_SETTLED_YET; an attestation of the outcome goes true, of another outcome false', async () => {
    const oracle = await seededSigner('21'.repeat(32))
    const [t, f, pre] = await Promise.all(['31', '32', '33'].map(async s => (await seededSigner(s.repeat(32))).publicKey))
    const red: Predicate = { kind: 'oracle', oracle: oracle.publicKey, question: 'Who wins?', outcome: 'red' }
    const secret = new TextEncoder().encode('the secret')
    const revealed: Predicate = { kind: 'preimage', digest: sha256(secret) }
    const tree = new SortitionTree()
    const trueSide = [{ predicate: predicateHash(red), value: true }]
    tree.apply([
      { op: 'issue', lo: 0n, hi: SPACE, leaf: user(t) },
      { op: 'split-predicate', point: 0n, predicate: red },
      { op: 'transfer', point: 0n, conditions: [{ predicate: predicateHash(red), value: false }], leaf: user(f) },
      // under "red", a preimage condition decides between t and pre
      { op: 'split-predicate', point: 0n, conditions: trueSide, predicate: revealed },
      { op: 'transfer', point: 0n, conditions: [...trueSide, { predicate: predicateHash(revealed), value: true }], leaf: user(pre) }
    ])
    const d = 12345n
    const owner = (dec: Decisions): string => toHex((findWinner(tree, d, dec).leaf as any).owner.publicKey)
    assert.throws(() => findWinner(tree, d, new Decisions()), code('NOT_SETTLED_YET'))
    const blue = new Decisions()
    assert.equal(await blue.addAttestation(await signAttestation(oracle, 'Who wins?', 'blue')), true)
    assert.equal(owner(blue), toHex(f), 'the oracle said blue: "red" is false')
    const r = new Decisions()
    await r.addAttestation(await signAttestation(oracle, 'Who wins?', 'red'))
    assert.throws(() => findWinner(tree, d, r), code('NOT_SETTLED_YET'), 'the preimage is not revealed yet')
    r.revealPreimage(secret)
    assert.equal(owner(r), toHex(pre))
    // a forged attestation decides nothing
    const forged = new Decisions()
    const a = await signAttestation(oracle, 'Who wins?', 'blue')
    assert.equal(await forged.addAttestation({ ...a, outcome: 'red' }), false)
    assert.throws(() => findWinner(tree, d, forged), code('NOT_SETTLED_YET'))
    // an oracle that signs both outcomes makes both true (the pair is evidence against it)
    const both = new Decisions()
    await both.addAttestation(await signAttestation(oracle, 'Who wins?', 'blue'))
    await both.addAttestation(await signAttestation(oracle, 'Who wins?', 'red'))
    both.revealPreimage(secret)
    assert.equal(owner(both), toHex(pre))
    // what decided the path travels with a claim
    const support = supportFor(proveWinner(tree, d, r), r)
    assert.equal(support.attestations.length, 1)
    assert.equal(support.attestations[0].outcome, 'red')
    assert.deepEqual(support.preimages.map(toHex), [toHex(secret)])
  })

  it('nested chains: a child leaf wins for its operator; the child draws on its own; a user wins at the bottom', async () => {
    const beacon = createLocalBeacon({ secretKey: fromHex('11'.repeat(32)), genesisTime: 1_700_000_000, period: 3 })
    const [topOp, midOp, botOp] = await Promise.all(['41', '42', '43'].map(async s => await seededSigner(s.repeat(32))))
    const [alice, bob] = await Promise.all(['44', '45'].map(async s => (await seededSigner(s.repeat(32))).publicKey))
    const bottom = await newChain(botOp, 30)
    const middle = await newChain(midOp, 20)
    const top = await newChain(topOp, 10)
    const trees = new Map<string, SortitionTree>()
    const child = (c: SignedChain): Leaf => ({ owner: { kind: 'child', chainId: c.id }, custody: sha256(c.id) })
    const tTop = new SortitionTree()
    tTop.apply([{ op: 'issue', lo: 0n, hi: SPACE, leaf: child(middle) }])
    const tMid = new SortitionTree()
    tMid.apply([{ op: 'issue', lo: 0n, hi: SPACE, leaf: child(bottom) }])
    const tBot = new SortitionTree()
    tBot.apply([{ op: 'issue', lo: 0n, hi: SPACE / 2n, leaf: user(alice) }, { op: 'issue', lo: SPACE / 2n, hi: SPACE, leaf: user(bob) }])
    trees.set(toHex(top.id), tTop).set(toHex(middle.id), tMid).set(toHex(bottom.id), tBot)
    const chains = new Map([top, middle, bottom].map(c => [toHex(c.id), c]))
    const settle = async (id: Uint8Array): Promise<LayerWinner> => {
      const c = chains.get(toHex(id))!
      const draw = drawPoint(beacon.round(BigInt(c.beaconRound)).randomness, c.id)
      const w = findWinner(trees.get(toHex(id))!, draw, new Decisions())
      return { chainId: id, draw, region: w.region, leaf: w.leaf }
    }
    const layers = await winnerAcrossLayers(top.id, settle)
    assert.deepEqual(layers.map(l => toHex(l.chainId)), [top, middle, bottom].map(c => toHex(c.id)))
    assert.equal(layers[0].leaf.owner.kind, 'child')
    assert.equal(toHex((layers[0].leaf.owner as any).chainId), toHex(middle.id), 'the top pays the middle chain\'s operator')
    assert.equal(toHex((layers[1].leaf.owner as any).chainId), toHex(bottom.id), 'the middle pays the bottom chain\'s operator')
    const want = layers[2].draw < SPACE / 2n ? alice : bob
    assert.equal(toHex((layers[2].leaf.owner as any).publicKey), toHex(want), 'the bottom chain\'s own draw picks the user')
    assert.equal(new Set(layers.map(l => l.draw.toString())).size, 3, 'each layer draws independently')
    // a chain that is its own descendant is refused
    const loop = new SortitionTree()
    loop.apply([{ op: 'issue', lo: 0n, hi: SPACE, leaf: child(top) }])
    trees.set(toHex(bottom.id), loop)
    await assert.rejects(winnerAcrossLayers(top.id, settle), code('MALFORMED'))
  })
})

describe('settlement: claims and receipts', () => {
  let s: ClaimScenario
  let network: ReturnType<typeof createLocalBeacon>['network']
  let after: number

  before(async () => {
    s = await buildClaimScenario()
    network = s.beacon.network
    after = s.chain.tradingEnd + 1
  })

  /** the scenario's claim with changed parts, signed by `signer` (the owner by default) */
  async function variant (change: Partial<Omit<Claim, 'signature' | 'fields'>> & { fields?: Partial<Claim['fields']> } = {}, signer: Signer = s.owner): Promise<Claim> {
    const { fields, ...rest } = change
    return await signClaim(signer, { ...s.claim, ...rest, fields: { ...s.claim.fields, ...fields } })
  }

  it('the claim record round-trips; the claim hash covers the signature', async () => {
    const bytes = encodeClaim(s.claim)
    const back = decodeClaim(bytes)
    assert.deepEqual(encodeClaim(back), bytes)
    assert.equal(toHex(claimHash(back)), toHex(claimHash(s.claim)))
    const again = await variant({ fields: { nonce: fromHex('00'.repeat(16)) } })
    assert.notEqual(toHex(claimHash(again)), toHex(claimHash(s.claim)))
    assert.equal(claimDeadline(s.claim), s.claim.fields.time + 600_000)
  })

  it('malformed records are MALFORMED: truncated, trailing bytes, another tag, a bad payee', async () => {
    const bytes = encodeClaim(s.claim)
    assert.throws(() => decodeClaim(bytes.subarray(0, bytes.length - 1)), code('MALFORMED'))
    assert.throws(() => decodeClaim(new Uint8Array([...bytes, 0])), code('MALFORMED'))
    assert.throws(() => decodeClaim(new Uint8Array(0)), code('MALFORMED'))
    const wrongTag = bytes.slice()
    wrongTag[10] ^= 1
    assert.throws(() => decodeClaim(wrongTag), code('MALFORMED'))
    await assert.rejects(variant({ fields: { payee: 'not an address' } }), code('MALFORMED'))
  })

  it('a valid claim verifies: the owner of the winning leaf, the chain\'s value', async () => {
    const v = await verifyClaim(s.claim, { network, now: after })
    assert.equal(v.units, s.chain.value)
    assert.equal(v.draw, s.draw)
    assert.equal(toHex(v.hash), toHex(claimHash(s.claim)))
    assert.equal(v.claim.fields.payee, PAYEE)
  })

  it('before the trading end: NOT_SETTLED_YET', async () => {
    await assert.rejects(verifyClaim(s.claim, { network, now: s.chain.tradingEnd }), code('NOT_SETTLED_YET'))
  })

  it('a losing region: by interval (another leaf) and by a false condition', async () => {
    // the unassigned upper half does not contain the draw
    const upper = encodeProof(s.tree.prove(SPACE - 1n))
    await assert.rejects(verifyClaim(await variant({ fields: { proof: upper } }), { network, now: after }), code('LOSING_REGION'))
    // the other user's side needs "red" false, and the oracle said red
    const falseSide = encodeProof(s.tree.prove(s.draw, [{ predicate: predicateHash(s.predicate), value: false }]))
    await assert.rejects(verifyClaim(await variant({ fields: { proof: falseSide } }, s.other), { network, now: after }), code('LOSING_REGION'))
    // the owner's side, if the oracle had said blue
    const blue = await signAttestation(s.oracle, 'Who wins?', 'blue')
    await assert.rejects(verifyClaim(await variant({ attestations: [blue] }), { network, now: after }), code('LOSING_REGION'))
  })

  it('a condition no attestation decides: NOT_SETTLED_YET', async () => {
    await assert.rejects(verifyClaim(await variant({ attestations: [] }), { network, now: after }), code('NOT_SETTLED_YET'))
  })

  it('an unassigned winning leaf: UNASSIGNED (the operator keeps V)', async () => {
    const tree = new SortitionTree()
    const chain = s.chain
    const head = await commit(s.op, chain, tree)
    const c = await variant({ commitment: head, fields: { commitment: commitmentHash(head), proof: encodeProof(tree.prove(s.draw)) } })
    await assert.rejects(verifyClaim(c, { network, now: after }), code('UNASSIGNED'))
  })

  it('the wrong beacon: another key, another round, a signature of another round', async () => {
    const other = createLocalBeacon({ secretKey: fromHex('22'.repeat(32)), genesisTime: network.genesisTime, period: 3 }).network
    await assert.rejects(verifyClaim(s.claim, { network: other, now: after }), code('BAD_BEACON'))
    const next = s.round + 1
    await assert.rejects(verifyClaim(await variant({ fields: { beaconRound: next }, beaconSignature: s.beacon.round(BigInt(next)).signature }), { network, now: after }), code('BAD_BEACON'))
    await assert.rejects(verifyClaim(await variant({ beaconSignature: s.beacon.round(BigInt(next)).signature }), { network, now: after }), code('BAD_BEACON'))
  })

  it('a forged attestation: BAD_ATTESTATION', async () => {
    const blue = await signAttestation(s.oracle, 'Who wins?', 'blue')
    await assert.rejects(verifyClaim(await variant({ attestations: [{ ...blue, outcome: 'red' }] }), { network, now: after }), code('BAD_ATTESTATION'))
  })

  it('a proof with one byte altered: BAD_PROOF (even re-signed by the owner)', async () => {
    for (const at of [40, s.claim.fields.proof.length - 1]) {
      const proof = s.claim.fields.proof.slice()
      proof[at] ^= 0x01
      await assert.rejects(verifyClaim(await variant({ fields: { proof } }), { network, now: after }), code('BAD_PROOF'))
    }
    const truncated = s.claim.fields.proof.slice(0, 20)
    await assert.rejects(verifyClaim(await variant({ fields: { proof: truncated } }), { network, now: after }), code('BAD_PROOF'))
  })

  it('a claim signed by someone other than the owner: NOT_OWNER', async () => {
    await assert.rejects(verifyClaim(await variant({}, s.other), { network, now: after }), code('NOT_OWNER'))
    await assert.rejects(verifyClaim(await variant({}, s.op), { network, now: after }), code('NOT_OWNER'))
  })

  it('a bad commitment: another signer, after the trading end, not the one named; a bad chain record', async () => {
    const forged = await signCommitment(s.other, { ...s.head })
    await assert.rejects(verifyClaim(await variant({ commitment: forged, fields: { commitment: commitmentHash(forged) } }), { network, now: after }), code('BAD_COMMITMENT'))
    const late = await signCommitment(s.op, { ...s.head, time: s.chain.tradingEnd + 1 })
    await assert.rejects(verifyClaim(await variant({ commitment: late, fields: { commitment: commitmentHash(late) } }), { network, now: after }), code('BAD_COMMITMENT'))
    await assert.rejects(verifyClaim(await variant({ fields: { commitment: sha256(new Uint8Array(1)) } }), { network, now: after }), code('BAD_COMMITMENT'))
    await assert.rejects(verifyClaim(await variant({ chain: { ...s.chain, value: 2n } }), { network, now: after }), code('BAD_CHAIN'))
  })

  it('a child chain leaf: its operator claims with the child record; anything else is NOT_OWNER', async () => {
    const childOp = s.other
    const childChain = await newChain(childOp, 5, 1_700_000_100_000, '01'.repeat(16))
    const tree = new SortitionTree()
    tree.apply([{ op: 'issue', lo: 0n, hi: SPACE, leaf: { owner: { kind: 'child', chainId: childChain.id }, custody: sha256(childChain.id) } }])
    const head = await commit(s.op, s.chain, tree)
    const parts = { commitment: head, fields: { commitment: commitmentHash(head), proof: encodeProof(tree.prove(s.draw)) }, attestations: [] }
    const ok = await variant({ ...parts, child: childChain }, childOp)
    const v = await verifyClaim(decodeClaim(encodeClaim(ok)), { network, now: after })
    assert.equal(v.winner.kind, 'child')
    assert.equal(toHex((v.winner as any).chain.id), toHex(childChain.id))
    await assert.rejects(verifyClaim(await variant(parts, childOp), { network, now: after }), code('NOT_OWNER'))
    await assert.rejects(verifyClaim(await variant({ ...parts, child: childChain }, s.owner), { network, now: after }), code('NOT_OWNER'))
    const another = await newChain(childOp, 6, 1_700_000_100_000, '02'.repeat(16))
    await assert.rejects(verifyClaim(await variant({ ...parts, child: another }, childOp), { network, now: after }), code('NOT_OWNER'))
  })

  it('receipts: round trip, operator signature, hostile fields', async () => {
    const r = await signReceipt(s.op, { claim: claimHash(s.claim), chainId: s.chain.id, units: 5n, payment: `lift:${'ab'.repeat(16)}`, time: 1 })
    const back = decodeReceipt(receiptSigningBytes(r), r.signature)
    assert.deepEqual(back, r)
    assert.equal(await receiptSignedBy(r, s.op.publicKey), true)
    assert.equal(await receiptSignedBy(r, s.owner.publicKey), false)
    assert.equal(await receiptSignedBy({ ...r, units: 6n }, s.op.publicKey), false)
    await assert.rejects(signReceipt(s.op, { ...r, payment: 'cash' }), code('MALFORMED'))
    await assert.rejects(signReceipt(s.op, { ...r, units: 0n }), code('MALFORMED'))
    const bytes = receiptSigningBytes(r)
    assert.throws(() => decodeReceipt(bytes.subarray(1), r.signature), code('MALFORMED'))
    assert.throws(() => decodeReceipt(new Uint8Array([...bytes, 1]), r.signature), code('MALFORMED'))
  })
})
