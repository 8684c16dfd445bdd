// The sortition tree, its proofs and predicates: exact partition of the space,
// value conservation, history independence, all-or-nothing batches, proof
// encoding and verification against tampering and overlap.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { SortitionTree } from '../../src/sortition/tree.js'
import type { TreeOp } from '../../src/sortition/tree.js'
import { encodeProof, decodeProof, verifyProofBytes, verifyProof, verifyUnassigned } from '../../src/sortition/proof.js'
import { SPACE, pointToBytes, pointFromBytes, regionValue, regionsOverlap, regionContains } from '../../src/sortition/space.js'
import type { Region } from '../../src/sortition/space.js'
import { Evidence, predicateHash, encodePredicate, decodePredicate } from '../../src/sortition/predicate.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import { signAttestation, verifyAttestation, encodeAttestation, decodeAttestation } from '../../src/sortition/attestation.js'
import { leafHash, probHash, condHash, probHashInto, condHashInto, userHashInto, childHashInto, unassignedHashInto } from '../../src/sortition/hashing.js'
import type { Leaf } from '../../src/sortition/hashing.js'
import { SortitionError } from '../../src/sortition/errors.js'
import { sha256 } from '../../src/crypto/hash.js'
import { equalBytes, toHex } from '../../src/crypto/bytes.js'
import type { Signer } from '../../src/crypto/keys.js'
import { assertEveryByteFlipFails } from '../helpers/proof-flips.js'

const b32 = (n: number): Uint8Array => new Uint8Array(32).fill(n)
const user = (n: number, c = n + 100): Leaf => ({ owner: { kind: 'user', publicKey: b32(n) }, custody: b32(c & 0xff) })
const child = (n: number, commitment?: Uint8Array): Leaf => commitment == null
  ? { owner: { kind: 'child', chainId: b32(n) }, custody: b32(n + 1) }
  : { owner: { kind: 'child', chainId: b32(n) }, custody: b32(n + 1), commitment }

const ORACLE = b32(0xee)
const PREDICATES: Predicate[] = [
  { kind: 'always' },
  { kind: 'preimage', digest: sha256(new TextEncoder().encode('secret')) },
  { kind: 'oracle', oracle: ORACLE, question: 'who wins?', outcome: 'red' },
  { kind: 'oracle', oracle: ORACLE, question: 'who wins?', outcome: 'blue' }
]

/** A truth assignment from a bit mask over PREDICATES (`always` is always true). */
function truthOf (mask: number): (p: Predicate, h: Uint8Array) => boolean {
  return (_p, h) => {
    const i = PREDICATES.findIndex(q => equalBytes(predicateHash(q), h))
    return i === 0 ? true : ((mask >> i) & 1) === 1
  }
}
const truthByHash = (mask: number) => (h: Uint8Array): boolean => truthOf(mask)({ kind: 'always' }, h)

const arbPoint = fc.bigInt({ min: 0n, max: SPACE - 1n })
const arbAction = fc.record({
  type: fc.constantFrom('issue', 'issue', 'split-point', 'split-predicate', 'transfer', 'child'),
  a: arbPoint,
  b: arbPoint,
  mask: fc.nat(15),
  who: fc.nat(20),
  pred: fc.nat(PREDICATES.length - 1)
})
type Action = typeof arbAction extends fc.Arbitrary<infer T> ? T : never

/** Turns a random action into a valid op for the tree's current state (or none). */
function opFor (t: SortitionTree, x: Action): TreeOp | undefined {
  const conditions = truthOf(x.mask)
  const at = t.find(x.a, conditions)
  const { lo, hi } = at.region
  switch (x.type) {
    case 'issue': {
      if (at.leaf.owner.kind !== 'unassigned') return undefined
      const span = hi - lo
      let l = lo + (x.b % span)
      let h = lo + ((x.b >> 7n) % span) + 1n
      if (l >= h) [l, h] = [h - 1n, l + 1n]
      return { op: 'issue', lo: l, hi: h > hi ? hi : h, conditions, leaf: user(x.who) }
    }
    case 'split-point': {
      if (hi - lo < 2n) return undefined
      return { op: 'split-point', at: lo + 1n + (x.b % (hi - lo - 1n)), conditions }
    }
    case 'split-predicate': {
      const h = predicateHash(PREDICATES[x.pred])
      if (at.region.conditions.some(c => equalBytes(c.predicate, h))) return undefined
      return { op: 'split-predicate', point: x.a, conditions, predicate: PREDICATES[x.pred] }
    }
    case 'transfer':
      if (at.leaf.owner.kind === 'unassigned') return undefined
      return { op: 'transfer', point: x.a, conditions, leaf: user(x.who, x.who + 7) }
    default:
      if (at.leaf.owner.kind === 'unassigned') return undefined
      return { op: 'transfer', point: x.a, conditions, leaf: child(x.who, x.pred > 1 ? b32(x.pred) : undefined) }
  }
}

function build (actions: Action[], batch = 3): SortitionTree {
  const t = new SortitionTree()
  for (let i = 0; i < actions.length; i += batch) {
    // each op is planned on the tree as it stands, so batches of one keep plans valid
    for (const x of actions.slice(i, i + batch)) {
      const op = opFor(t, x)
      if (op != null) t.apply([op])
    }
  }
  return t
}

function consistent (r: Region, mask: number): boolean {
  return r.conditions.every(c => truthByHash(mask)(c.predicate) === c.value)
}

describe('sortition: hashing', () => {
  it('the hot-path encodings equal the CanonicalWriter reference for every node kind', () => {
    const out = new Uint8Array(32)
    unassignedHashInto(out, 0)
    assert.deepEqual(out, leafHash({ owner: { kind: 'unassigned' } }))
    const data = new Uint8Array([...b32(1), ...b32(2), ...b32(3)])
    userHashInto(data, 0, 32, out, 0)
    assert.deepEqual(out, leafHash(user(1, 2)))
    childHashInto(data, 0, 32, undefined, out, 0)
    assert.deepEqual(out, leafHash(child(1)))
    childHashInto(data, 0, 32, b32(3), out, 0)
    assert.deepEqual(out, leafHash(child(1, b32(3))))
    const p = 0x1234n << 200n
    const pb = pointToBytes(p)
    probHashInto(pb, 0, data, 0, data, 32, out, 0)
    assert.deepEqual(out, probHash(p, b32(1), b32(2)))
    condHashInto(b32(9), data, 0, data, 32, out, 0)
    assert.deepEqual(out, condHash(b32(9), b32(1), b32(2)))
  })

  it('the hot path equals the reference on random fields, every byte value included', () => {
    const arb32 = fc.uint8Array({ minLength: 32, maxLength: 32 })
    fc.assert(fc.property(arbPoint, arb32, arb32, arb32, fc.nat(7), (point, a, b, c, at) => {
      // fields at an odd offset in a larger buffer, as in a proof
      const data = new Uint8Array(at + 96)
      data.set(a, at); data.set(b, at + 32); data.set(c, at + 64)
      const out = new Uint8Array(40)
      probHashInto(pointToBytes(point), 0, data, at, data, at + 32, out, 5)
      assert.deepEqual(out.subarray(5, 37), probHash(point, a, b))
      condHashInto(c, data, at, data, at + 32, out, 3)
      assert.deepEqual(out.subarray(3, 35), condHash(c, a, b))
      userHashInto(data, at, at + 32, out, 0)
      assert.deepEqual(out.subarray(0, 32), leafHash({ owner: { kind: 'user', publicKey: a }, custody: b }))
      childHashInto(data, at, at + 32, c, out, 8)
      assert.deepEqual(out.subarray(8, 40), leafHash({ owner: { kind: 'child', chainId: a }, custody: b, commitment: c }))
      childHashInto(data, at, at + 32, undefined, out, 8)
      assert.deepEqual(out.subarray(8, 40), leafHash({ owner: { kind: 'child', chainId: a }, custody: b }))
    }), { numRuns: 300 })
  })

  it('points round-trip through 32 big-endian bytes; points outside [0, 2^256) and short buffers are refused', () => {
    const edges = [0n, 1n, 255n, 256n, (1n << 64n) - 1n, 1n << 64n, (1n << 128n) + 7n, 1n << 255n, SPACE - 1n]
    for (const p of edges) {
      const b = pointToBytes(p)
      assert.equal(toHex(b), p.toString(16).padStart(64, '0'))
      assert.equal(pointFromBytes(b), p)
      const at = new Uint8Array(40)
      pointToBytes(p, at, 5)
      assert.equal(pointFromBytes(at, 5), p)
      assert.equal(pointFromBytes(at.subarray(5, 37)), p)
    }
    fc.assert(fc.property(arbPoint, (p) => pointFromBytes(pointToBytes(p)) === p), { numRuns: 300 })
    assert.throws(() => pointToBytes(-1n), (e: any) => e instanceof SortitionError && e.code === 'BAD_REGION')
    assert.throws(() => pointToBytes(SPACE), (e: any) => e instanceof SortitionError && e.code === 'BAD_REGION')
    assert.throws(() => pointToBytes(1n, new Uint8Array(40), 9), RangeError)
    assert.throws(() => pointFromBytes(new Uint8Array(31)), RangeError)
    assert.throws(() => pointFromBytes(new Uint8Array(64).subarray(40)), RangeError)
  })

  it('leaf, probability and condition hashes are domain-separated', () => {
    const l = b32(1); const r = b32(2)
    const all = [probHash(0n, l, r), condHash(new Uint8Array(32), l, r), leafHash(user(1)), leafHash(child(1)), leafHash({ owner: { kind: 'unassigned' } })]
    assert.equal(new Set(all.map(toHex)).size, all.length)
  })
})

describe('sortition: value', () => {
  it('cumulative floor: splits conserve value exactly and each value is within one unit of V·width/2^256', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), arbPoint, arbPoint, arbPoint, (V, a, b, c) => {
      const [lo, p, hi] = [a, b, c].sort((x, y) => x < y ? -1 : x > y ? 1 : 0)
      assert.equal(regionValue(V, lo, p) + regionValue(V, p, hi), regionValue(V, lo, hi))
      const v = regionValue(V, lo, hi)
      const exact = V * (hi - lo) // numerator over 2^256
      assert.ok(v * SPACE <= exact + SPACE && exact < (v + 1n) * SPACE + SPACE)
      assert.equal(regionValue(V, 0n, SPACE), V)
    }), { numRuns: 500 })
  })

  it('for any truth assignment the leaves consistent with it are worth exactly V', () => {
    fc.assert(fc.property(fc.array(arbAction, { maxLength: 40 }), fc.nat(15), fc.bigInt({ min: 1n, max: 10n ** 18n }), (actions, mask, V) => {
      const t = build(actions)
      let sum = 0n
      for (const e of t.entries()) if (consistent(e.region, mask)) sum += regionValue(V, e.region.lo, e.region.hi)
      assert.equal(sum, V)
    }), { numRuns: 100 })
  })
})

describe('sortition: tree', () => {
  it('every point has exactly one owner under any truth assignment, and find names it', () => {
    fc.assert(fc.property(fc.array(arbAction, { maxLength: 40 }), fc.array(arbPoint, { minLength: 1, maxLength: 10 }), fc.nat(15), (actions, points, mask) => {
      const t = build(actions)
      const entries = [...t.entries()]
      assert.equal(entries.length, t.leafCount)
      for (const x of points) {
        const holders = entries.filter(e => regionContains(e.region, x, truthByHash(mask)))
        assert.equal(holders.length, 1)
        assert.equal(holders[0].id, t.find(x, truthOf(mask)).id)
      }
      assert.ok(t.verifyHashes())
    }), { numRuns: 100 })
  })

  it('history independence: the same splits in any order give the same root', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.bigInt({ min: 1n, max: SPACE - 1n }), { minLength: 1, maxLength: 60 }), fc.nat(), (points, seed) => {
      const a = new SortitionTree()
      a.apply([{ op: 'issue', lo: 0n, hi: SPACE, leaf: user(1) }])
      const b = new SortitionTree()
      b.apply([{ op: 'issue', lo: 0n, hi: SPACE, leaf: user(1) }])
      a.apply(points.map(at => ({ op: 'split-point', at })))
      const shuffled = [...points].sort((x, y) => Number(((x ^ BigInt(seed)) % 1000n) - ((y ^ BigInt(seed)) % 1000n)))
      for (const at of shuffled) b.apply([{ op: 'split-point', at }])
      assert.deepEqual(a.root(), b.root())
      assert.ok(a.maxDepth() <= 256)
    }), { numRuns: 100 })
  })

  it('issuing 20,000 regions in order keeps the tree about log2 n deep', () => {
    const t = new SortitionTree()
    const n = 20_000
    const w = SPACE / BigInt(n + 1)
    const ops: TreeOp[] = []
    for (let i = 0; i < n; i++) ops.push({ op: 'issue', lo: BigInt(i) * w, hi: BigInt(i + 1) * w, leaf: user(i & 0xff) })
    for (let i = 0; i < n; i += 1000) t.apply(ops.slice(i, i + 1000))
    assert.equal(t.leafCount, n + 1)
    assert.ok(t.maxDepth() <= Math.ceil(Math.log2(n)) + 3, `depth ${t.maxDepth()}`)
    assert.ok(t.verifyHashes())
  })

  it('one batch of many mixed operations gives the root of applying them one by one; every changed node is listed once, in order', () => {
    fc.assert(fc.property(fc.array(fc.array(arbAction, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 4 }), (rounds) => {
      const single = new SortitionTree() // one operation per batch
      const batched = new SortitionTree() // each round as one batch
      for (const round of rounds) {
        const ops: TreeOp[] = []
        for (const x of round) {
          const op = opFor(single, x)
          if (op == null) continue
          single.apply([op])
          ops.push(op)
        }
        const size = batched.size
        const before = Array.from({ length: size }, (_, id) => toHex(batched.nodeHash(id)))
        batched.takeChanges()
        assert.deepEqual(batched.apply(ops), single.root())
        assert.ok(batched.verifyHashes())
        const { nodes, count } = batched.takeChanges()
        assert.equal(count, batched.size)
        for (let i = 1; i < nodes.length; i++) assert.ok(nodes[i - 1] < nodes[i])
        const listed = new Set(nodes)
        for (let id = 0; id < batched.size; id++) {
          if (id >= size || before[id] !== toHex(batched.nodeHash(id))) assert.ok(listed.has(id), `node ${id} changed but is not listed`)
        }
      }
    }), { numRuns: 100 })
  })

  it('a batch is all or nothing: a failing operation rolls back the ones before it', () => {
    const t = new SortitionTree()
    t.apply([{ op: 'issue', lo: 0n, hi: 1000n, leaf: user(1) }, { op: 'split-predicate', point: 5n, predicate: PREDICATES[2] }])
    const root = t.root()
    const before = [...t.entries()].map(e => JSON.stringify([e.region.lo.toString(), e.region.hi.toString(), e.region.conditions.length, toHex(leafHash(e.leaf))]))
    const size = t.size
    const yes = [{ predicate: predicateHash(PREDICATES[2]), value: true }]
    assert.throws(() => t.apply([
      { op: 'transfer', point: 5n, conditions: yes, leaf: user(2) },
      { op: 'split-point', at: 500n, conditions: yes },
      { op: 'split-predicate', point: 600n, conditions: yes, predicate: PREDICATES[1] },
      { op: 'transfer', point: 5n, conditions: [{ ...yes[0], value: false }], leaf: child(9) },
      { op: 'set-commitment', point: 5n, conditions: [{ ...yes[0], value: false }], commitment: b32(1) },
      { op: 'issue', lo: 2000n, hi: 3000n, leaf: user(3) },
      { op: 'issue', lo: 10n, hi: 20n, conditions: yes, leaf: user(3) } // not unassigned
    ]), (e: any) => e instanceof SortitionError && e.code === 'WRONG_LEAF_KIND' && /operation 6/.test(e.message))
    assert.deepEqual(t.root(), root)
    assert.equal(t.size, size)
    assert.ok(t.verifyHashes())
    assert.deepEqual([...t.entries()].map(e => JSON.stringify([e.region.lo.toString(), e.region.hi.toString(), e.region.conditions.length, toHex(leafHash(e.leaf))])), before)
    // and the tree still takes the valid part
    const fresh = new SortitionTree()
    fresh.apply([{ op: 'issue', lo: 0n, hi: 1000n, leaf: user(1) }, { op: 'split-predicate', point: 5n, predicate: PREDICATES[2] }])
    const valid: TreeOp[] = [{ op: 'transfer', point: 5n, conditions: yes, leaf: user(2) }, { op: 'split-point', at: 500n, conditions: yes }]
    assert.deepEqual(t.apply(valid), fresh.apply(valid))
  })

  it('any batch that fails at its last operation leaves the tree exactly as it was, and the tree then takes the valid part', () => {
    const snapshot = (t: SortitionTree): string[] => [...t.entries()].map(e =>
      JSON.stringify([e.id, e.region.lo.toString(), e.region.hi.toString(), e.region.conditions.map(c => toHex(c.predicate) + String(c.value)), toHex(leafHash(e.leaf))]))
    fc.assert(fc.property(fc.array(arbAction, { maxLength: 30 }), fc.array(arbAction, { minLength: 1, maxLength: 30 }), (history, actions) => {
      const t = build(history)
      const plan = build(history) // the same tree, to plan the batch on
      const ops: TreeOp[] = []
      for (const x of actions) {
        const op = opFor(plan, x)
        if (op == null) continue
        plan.apply([op])
        ops.push(op)
      }
      const root = t.root()
      const before = snapshot(t)
      const size = t.size
      t.takeChanges()
      // an issue of a region that is already issued, or that reaches outside the space
      const bad: TreeOp = { op: 'transfer', point: 0n, conditions: () => true, leaf: { owner: { kind: 'unassigned' } } }
      assert.throws(() => t.apply([...ops, bad]), (e: any) => e instanceof SortitionError && e.code === 'BAD_INPUT' && new RegExp(`operation ${ops.length} `).test(e.message))
      assert.deepEqual(t.root(), root)
      assert.equal(t.size, size)
      assert.deepEqual(snapshot(t), before)
      assert.ok(t.verifyHashes())
      assert.deepEqual(t.takeChanges().nodes, [])
      assert.deepEqual(t.apply(ops), plan.root())
    }), { numRuns: 100 })
  })

  it('rejects bad operations with typed errors', () => {
    const t = new SortitionTree()
    t.apply([{ op: 'issue', lo: 0n, hi: 100n, leaf: user(1) }, { op: 'split-predicate', point: 0n, predicate: PREDICATES[1] }])
    const code = (c: string) => (e: any) => e instanceof SortitionError && e.code === c
    assert.throws(() => t.apply([{ op: 'issue', lo: 50n, hi: 200n, leaf: user(2) }]), code('MISSING_CONDITION'))
    assert.throws(() => t.apply([{ op: 'issue', lo: 150n, hi: 100n, leaf: user(2) }]), code('BAD_REGION'))
    assert.throws(() => t.apply([{ op: 'issue', lo: 150n, hi: SPACE + 1n, leaf: user(2) }]), code('BAD_REGION'))
    assert.throws(() => t.apply([{ op: 'transfer', point: 500n, leaf: user(2) }]), code('WRONG_LEAF_KIND'))
    assert.throws(() => t.apply([{ op: 'set-commitment', point: 0n, conditions: truthOf(0), commitment: b32(1) }]), code('WRONG_LEAF_KIND'))
    assert.throws(() => t.apply([{ op: 'split-point', at: 100n }]), code('BAD_REGION'))
    assert.throws(() => t.apply([{ op: 'split-predicate', point: 0n, conditions: truthOf(0), predicate: PREDICATES[1] }]), code('BAD_REGION'))
    assert.throws(() => t.apply([{ op: 'issue', lo: 100n, hi: 200n, leaf: { owner: { kind: 'user', publicKey: new Uint8Array(31) }, custody: b32(1) } }]), code('BAD_INPUT'))
  })

  it('settlement: find follows the draw and the evidence', async () => {
    const oracle = await seedSigner(5)
    const red: Predicate = { kind: 'oracle', oracle: oracle.publicKey, question: 'who wins?', outcome: 'red' }
    const t = new SortitionTree()
    t.apply([
      { op: 'issue', lo: 0n, hi: SPACE / 2n, leaf: user(1) },
      { op: 'split-predicate', point: 7n, predicate: red },
      { op: 'transfer', point: 7n, conditions: [{ predicate: predicateHash(red), value: false }], leaf: user(2) }
    ])
    const ev = new Evidence()
    assert.equal((t.find(7n, ev).leaf as any).owner.publicKey[0], 2)
    assert.equal(await ev.addAttestation(await signAttestation(oracle, 'who wins?', 'blue')), true)
    assert.equal((t.find(7n, ev).leaf as any).owner.publicKey[0], 2)
    assert.equal(await ev.addAttestation(await signAttestation(oracle, 'who wins?', 'red')), true)
    assert.equal((t.find(7n, ev).leaf as any).owner.publicKey[0], 1)
    assert.equal(t.find(SPACE / 2n, ev).leaf.owner.kind, 'unassigned')
  })
})

async function seedSigner (n: number): Promise<Signer> {
  const key = await generateKeyPairFromSeed('Ed25519', b32(n))
  return { publicKey: key.publicKey.raw as Uint8Array<ArrayBuffer>, sign: async (d: Uint8Array) => await key.sign(d) as Uint8Array<ArrayBuffer> }
}

describe('sortition: predicates and attestations', () => {
  it('attestations verify only for their oracle, question and outcome', async () => {
    const o = await seedSigner(3)
    const a = await signAttestation(o, 'rain tomorrow?', 'yes')
    assert.equal(await verifyAttestation(a), true)
    assert.equal(await verifyAttestation({ ...a, outcome: 'no' }), false)
    assert.equal(await verifyAttestation({ ...a, question: 'rain today?' }), false)
    assert.equal(await verifyAttestation({ ...a, oracle: (await seedSigner(4)).publicKey }), false)
    assert.equal(await verifyAttestation({ ...a, signature: a.signature.slice(1) }), false)
    assert.deepEqual(decodeAttestation(encodeAttestation(a)), { ...a, oracle: new Uint8Array(a.oracle), signature: new Uint8Array(a.signature) })
    const ev = new Evidence()
    assert.equal(await ev.addAttestation({ ...a, outcome: 'no' }), false)
    assert.equal(ev.evaluate({ kind: 'oracle', oracle: o.publicKey, question: 'rain tomorrow?', outcome: 'no' }), false)
  })

  it('preimage predicates are true once the preimage is revealed', () => {
    const ev = new Evidence()
    const p: Predicate = { kind: 'preimage', digest: sha256(new TextEncoder().encode('secret')) }
    assert.equal(ev.evaluate(p), false)
    ev.revealPreimage(new TextEncoder().encode('not it'))
    assert.equal(ev.evaluate(p), false)
    ev.revealPreimage(new TextEncoder().encode('secret'))
    assert.equal(ev.evaluate(p), true)
    assert.equal(ev.evaluate({ kind: 'always' }), true)
  })

  it('predicate encodings round-trip and malformed ones throw typed errors', () => {
    for (const p of PREDICATES) assert.deepEqual(decodePredicate(encodePredicate(p)), p)
    // a leading byte-order mark is text like any other: decoding keeps it, so the hash is the signed one
    const bom = { kind: 'oracle' as const, oracle: ORACLE, question: '\uFEFFwho wins?', outcome: '\uFEFFred' }
    assert.deepEqual(decodePredicate(encodePredicate(bom)), bom)
    const enc = encodePredicate(PREDICATES[2])
    for (const bad of [enc.subarray(0, enc.length - 1), new Uint8Array([...enc, 0]), new Uint8Array(3)]) {
      assert.throws(() => decodePredicate(bad), (e: any) => e instanceof SortitionError && e.code === 'MALFORMED_PREDICATE')
    }
  })
})

describe('sortition: proofs', () => {
  it('proofs of every leaf verify, round-trip, and give the leaf and region', () => {
    fc.assert(fc.property(fc.array(arbAction, { maxLength: 30 }), (actions) => {
      const t = build(actions)
      const root = t.root()
      for (const e of t.entries()) {
        // decide each condition as the leaf's own region does (even `always` = false)
        const proof = t.prove(e.region.lo, (_p, h) => e.region.conditions.find(c => equalBytes(c.predicate, h))?.value ?? false)
        const bytes = encodeProof(proof)
        assert.deepEqual(encodeProof(decodeProof(bytes)), bytes)
        const v = verifyProofBytes(bytes, root)
        assert.ok(v.ok)
        assert.equal(v.region.lo, e.region.lo)
        assert.equal(v.region.hi, e.region.hi)
        assert.deepEqual(v.region.conditions, e.region.conditions)
        assert.deepEqual(leafHash(v.leaf), leafHash(e.leaf))
      }
    }), { numRuns: 60 })
  })

  it('altering any byte of an encoded proof makes it fail to decode or to verify', () => {
    const t = new SortitionTree()
    const red = PREDICATES[2]
    const yes = [{ predicate: predicateHash(red), value: true }]
    t.apply([
      { op: 'issue', lo: 10n, hi: SPACE / 3n, leaf: user(1) },
      { op: 'issue', lo: SPACE / 3n, hi: SPACE / 2n, leaf: child(2, b32(3)) },
      { op: 'split-predicate', point: 100n, predicate: red },
      { op: 'split-point', at: 1n << 100n, conditions: yes },
      { op: 'transfer', point: 1n << 101n, conditions: yes, leaf: child(4) }
    ])
    const root = t.root()
    const proofs = [t.prove(5n), t.prove(100n, yes), t.prove(1n << 101n, yes), t.prove(SPACE / 3n), t.prove(SPACE - 1n)]
    for (const proof of proofs) {
      const bytes = encodeProof(proof)
      assert.ok(verifyProofBytes(bytes, root).ok)
      assertEveryByteFlipFails(bytes, root)
      for (const cut of [0, 1, bytes.length - 1]) {
        assert.throws(() => verifyProofBytes(bytes.subarray(0, cut), root), (e: any) => e instanceof SortitionError && e.code === 'MALFORMED_PROOF')
      }
      assert.throws(() => decodeProof(new Uint8Array([...bytes, 0])), (e: any) => e instanceof SortitionError && e.code === 'MALFORMED_PROOF')
    }
  })

  it('verification keeps nothing between proofs: the step-count limit, a malformed proof between two good ones', () => {
    const t = new SortitionTree()
    t.apply([{ op: 'issue', lo: 0n, hi: SPACE / 2n, leaf: user(1) }, { op: 'split-point', at: 1000n }, { op: 'split-point', at: 7n }])
    const root = t.root()
    const deep = encodeProof(t.prove(3n))
    const shallow = encodeProof(t.prove(SPACE - 1n))
    const alone = [verifyProofBytes(deep, root), verifyProofBytes(shallow, root)]
    // the most steps a proof may have: all well formed, so it decodes; its points are not a path, so it fails
    const steps = (n: number): Uint8Array => {
      const b = new Uint8Array(4 + n * 65)
      b[0] = 1; b[1] = 0; b[2] = n >> 8; b[3] = n & 0xff
      for (let i = 0; i < n; i++) { b[4 + i * 65] = i & 1; b[4 + i * 65 + 32] = 1 }
      return b
    }
    assert.equal(decodeProof(steps(4096)).steps.length, 4096)
    assert.equal(verifyProofBytes(steps(4096), root).ok, false)
    assert.throws(() => verifyProofBytes(steps(4097), root), (e: any) => e instanceof SortitionError && e.code === 'MALFORMED_PROOF' && /4097 steps/.test(e.message))
    assert.throws(() => verifyProofBytes(deep.subarray(0, deep.length - 5), root), (e: any) => e instanceof SortitionError && e.code === 'MALFORMED_PROOF')
    assert.deepEqual([verifyProofBytes(deep, root), verifyProofBytes(shallow, root)], alone)
    assert.deepEqual(decodeProof(deep), t.prove(3n))
    assert.ok(alone[0].ok && alone[0].region.lo === 0n && alone[0].region.hi === 7n)
    assert.ok(alone[1].ok && alone[1].region.lo === SPACE / 2n && alone[1].region.hi === SPACE)
  })

  it('exclusivity: a region proved under a root cannot be proved for another owner, and proved regions never overlap', () => {
    fc.assert(fc.property(fc.array(arbAction, { minLength: 1, maxLength: 30 }), arbPoint, fc.nat(15), fc.nat(20), (actions, x, mask, who) => {
      const t = build(actions)
      const root = t.root()
      const mine = t.find(x, truthOf(mask))
      const proof = encodeProof(t.prove(x, truthOf(mask)))
      assert.ok(verifyProofBytes(proof, root).ok)
      // another history in which someone else holds a region overlapping mine
      const other = build(actions)
      if (mine.leaf.owner.kind === 'unassigned') other.apply([{ op: 'issue', lo: mine.region.lo, hi: mine.region.hi, conditions: truthOf(mask), leaf: user(200 + (who % 50)) }])
      else other.apply([{ op: 'transfer', point: x, conditions: truthOf(mask), leaf: user(200 + (who % 50)) }])
      const forged = encodeProof(other.prove(x, truthOf(mask)))
      const fv = verifyProofBytes(forged, other.root())
      assert.ok(fv.ok && regionsOverlap(fv.region, mine.region))
      assert.equal(verifyProofBytes(forged, root).ok, false)
      // the leaf of my proof with the owner swapped does not verify either
      const swapped = decodeProof(proof)
      swapped.leaf = user(200 + (who % 50))
      assert.equal(verifyProof(swapped, root).ok, false)
      // all proofs under one root have pairwise disjoint regions
      const regions = [...t.entries()].map(e => {
        const v = verifyProofBytes(encodeProof(t.prove(e.region.lo, (_p, h) => e.region.conditions.find(c => equalBytes(c.predicate, h))?.value ?? false)), root)
        assert.ok(v.ok)
        return v.region
      })
      for (let i = 0; i < regions.length; i++) for (let j = i + 1; j < regions.length; j++) assert.equal(regionsOverlap(regions[i], regions[j]), false)
    }), { numRuns: 40 })
  })

  it('non-existence: the proof of the unassigned leaf shows a point is unassigned', () => {
    const t = new SortitionTree()
    t.apply([{ op: 'issue', lo: 1000n, hi: 2000n, leaf: user(1) }])
    const root = t.root()
    const none = encodeProof(t.prove(5000n))
    assert.equal(verifyUnassigned(none, root, 5000n, () => true), true)
    assert.equal(verifyUnassigned(none, root, 1500n, () => true), false)
    assert.equal(verifyUnassigned(encodeProof(t.prove(1500n)), root, 1500n, () => true), false)
  })

  it('a proof whose split point lies outside the interval above it is rejected', () => {
    const t = new SortitionTree()
    t.apply([{ op: 'issue', lo: 100n, hi: 200n, leaf: user(1) }])
    const p = t.prove(150n)
    assert.ok(verifyProof(p, t.root()).ok)
    // reorder the two splits: the region no longer follows from the path
    const bad = { ...p, steps: [...p.steps].reverse() }
    assert.equal(verifyProof(bad, t.root()).ok, false)
  })
})
