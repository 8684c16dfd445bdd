// Builds the sortition test vectors (node hashes of every kind, predicate and
// attestation encodings, a small tree with valid and invalid proofs, a deep
// path whose version 2 proof carries point prefixes, version 1 proofs that
// must still verify) from fixed seeds. The spec test/unit/sortition-vectors.spec.ts checks the
// implementation against test/vectors/sortition.json and that this builder
// still produces it. Write the file deliberately, after a reviewed change:
//   npm run build && node dist/test/vectors/make-sortition-vectors.js
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { CanonicalWriter } from '../../src/crypto/canonical.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { TAG_LEAF, TAG_PROB, TAG_COND, leafHash, probHash, condHash } from '../../src/sortition/hashing.js'
import type { Leaf } from '../../src/sortition/hashing.js'
import { encodePredicate, encodePredicateUntagged, predicateHash } from '../../src/sortition/predicate.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import { attestationSigningBytes } from '../../src/sortition/attestation.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { encodeProof, encodeProofV1 } from '../../src/sortition/proof.js'
import type { Proof } from '../../src/sortition/proof.js'
import { SPACE, pointToBytes } from '../../src/sortition/space.js'

export const OWNER_SEED = '0101010101010101010101010101010101010101010101010101010101010101'
export const ORACLE_SEED = '0303030303030303030303030303030303030303030303030303030303030303'
const utf8 = new TextEncoder()

export interface SortitionVectors {
  about: string
  owner: { seed: string, publicKey: string }
  oracle: { seed: string, publicKey: string }
  leaves: Array<{ name: string, leaf: Record<string, string>, encoding: string, hash: string }>
  predicates: Array<{ name: string, predicate: Record<string, string>, encoding: string, hash: string }>
  attestation: { question: string, outcome: string, signingBytes: string, signature: string }
  prob: { point: string, left: string, right: string, encoding: string, hash: string }
  cond: { predicateHash: string, left: string, right: string, encoding: string, hash: string }
  tree: {
    operations: string[]
    root: string
    proof: { point: string, conditions: Array<{ predicate: string, value: boolean }>, hex: string, region: { lo: string, hi: string }, leafHash: string }
    /** the same proof in version 1 (pinned since before version 2): still verifies, to the same region and leaf */
    proofV1: { hex: string }
    unassigned: { point: string, hex: string, region: { lo: string, hi: string } }
    invalid: Array<{ name: string, hex: string, expect: string }>
  }
  /** a narrow path: its version 2 proof takes point prefixes from the interval (`prefixBytes` per probability step, null for a condition step) */
  deep: {
    operations: string[]
    root: string
    proof: { point: string, conditions: Array<{ predicate: string, value: boolean }>, hex: string, prefixBytes: Array<number | null>, region: { lo: string, hi: string }, leafHash: string }
    proofV1: { hex: string }
    invalid: Array<{ name: string, hex: string, expect: string }>
  }
}

/**
 * Per step of a proof, the bytes of its point a version 2 encoding leaves out:
 * floor(k / 8), k the leading bits lo and hi - 1 share (bigint arithmetic,
 * independent of proof.ts); null for a condition step.
 */
export function prefixBytesOf (proof: Proof): Array<number | null> {
  let lo = 0n
  let hi = SPACE
  return proof.steps.map(s => {
    if (s.kind !== 'prob') return null
    const x = lo ^ (hi - 1n)
    const k = x === 0n ? 256 : 256 - x.toString(2).length
    if (s.side === 0) hi = s.point
    else lo = s.point
    return k >> 3
  })
}

/** the offset in a version 2 encoding of step i's point suffix (or predicate length) */
function stepOffset (proof: Proof, bytes: Uint8Array, i: number): number {
  const leafBytes = [0, 64, 64, 96][bytes[1]]
  const prefix = prefixBytesOf(proof)
  let o = 2 + leafBytes + 2 + ((proof.steps.length + 3) >> 2)
  for (let j = 0; j < i; j++) {
    const s = proof.steps[j]
    o += (s.kind === 'prob' ? 32 - prefix[j]! : 2 + encodePredicateUntagged(s.predicate).length) + 32
  }
  return o
}

function leafJson (l: Leaf): Record<string, string> {
  const o: Record<string, string> = { kind: l.owner.kind }
  if (l.owner.kind === 'user') o.publicKey = toHex(l.owner.publicKey)
  if (l.owner.kind === 'child') o.chainId = toHex(l.owner.chainId)
  if ('custody' in l) o.custody = toHex(l.custody)
  if ('commitment' in l && l.commitment != null) o.commitment = toHex(l.commitment)
  return o
}

export function leafFromJson (o: Record<string, string>): Leaf {
  if (o.kind === 'unassigned') return { owner: { kind: 'unassigned' } }
  if (o.kind === 'user') return { owner: { kind: 'user', publicKey: fromHex(o.publicKey) }, custody: fromHex(o.custody) }
  const l: Leaf = { owner: { kind: 'child', chainId: fromHex(o.chainId) }, custody: fromHex(o.custody) }
  if (o.commitment != null) l.commitment = fromHex(o.commitment)
  return l
}

/** the leaf encoding spelled out with CanonicalWriter, independent of hashing.ts */
function leafEncoding (l: Leaf): Uint8Array {
  const w = new CanonicalWriter(TAG_LEAF)
  if (l.owner.kind === 'unassigned') return w.u8(0).finish()
  if (l.owner.kind === 'user') return w.u8(1).bytes(l.owner.publicKey).bytes((l as any).custody).finish()
  return w.u8(2).bytes(l.owner.chainId).bytes((l as any).custody).bytes((l as any).commitment ?? new Uint8Array(0)).finish()
}

function predicateJson (p: Predicate): Record<string, string> {
  if (p.kind === 'always') return { kind: 'always' }
  if (p.kind === 'preimage') return { kind: 'preimage', digest: toHex(p.digest) }
  return { kind: 'oracle', oracle: toHex(p.oracle), question: p.question, outcome: p.outcome }
}

export async function buildSortitionVectors (): Promise<SortitionVectors> {
  const owner = await generateKeyPairFromSeed('Ed25519', fromHex(OWNER_SEED))
  const oracle = await generateKeyPairFromSeed('Ed25519', fromHex(ORACLE_SEED))
  const ownerKey = owner.publicKey.raw as Uint8Array<ArrayBuffer>
  const oracleKey = oracle.publicKey.raw as Uint8Array<ArrayBuffer>
  const custody = sha256(utf8.encode('issue #1'))
  const chainId = sha256(utf8.encode('child chain'))
  const commitment = sha256(utf8.encode('child commitment at height 7'))
  const leaves: Array<[string, Leaf]> = [
    ['unassigned (the operator\'s)', { owner: { kind: 'unassigned' } }],
    ['user', { owner: { kind: 'user', publicKey: ownerKey }, custody }],
    ['child chain, no commitment yet', { owner: { kind: 'child', chainId }, custody }],
    ['child chain with a commitment', { owner: { kind: 'child', chainId }, custody, commitment }]
  ]
  const red: Predicate = { kind: 'oracle', oracle: oracleKey, question: 'Who wins the final?', outcome: 'red' }
  const predicates: Array<[string, Predicate]> = [
    ['always', { kind: 'always' }],
    ['preimage of "open sesame"', { kind: 'preimage', digest: sha256(utf8.encode('open sesame')) }],
    ['oracle attests red', red]
  ]
  const question = 'Who wins the final?'
  const outcome = 'red'
  const signingBytes = attestationSigningBytes(question, outcome)
  const signature = await oracle.sign(signingBytes)

  const left = sha256(utf8.encode('left'))
  const right = sha256(utf8.encode('right'))
  const point = SPACE / 3n
  const redHash = predicateHash(red)

  // a small tree: two users, a child chain with a commitment, a condition split
  const user = leaves[1][1]
  const other: Leaf = { owner: { kind: 'user', publicKey: sha256(utf8.encode('another key')) }, custody: sha256(utf8.encode('transfer #2')) }
  const t = new SortitionTree()
  const q = SPACE / 4n
  const yes = [{ predicate: redHash, value: true }]
  t.apply([
    { op: 'issue', lo: 0n, hi: q, leaf: user },
    { op: 'issue', lo: q, hi: 2n * q, leaf: leaves[3][1] },
    { op: 'split-predicate', point: 0n, predicate: red },
    { op: 'split-point', at: q / 2n, conditions: yes },
    { op: 'transfer', point: q / 2n, conditions: yes, leaf: other }
  ])
  const operations = [
    'issue [0, 2^254) to user',
    'issue [2^254, 2^255) to the child chain with its commitment',
    'split the leaf at 0 on the predicate "oracle attests red"',
    'split its true branch at 2^253',
    'transfer [2^253, 2^254) | red to another key (custody sha256("transfer #2"))'
  ]
  const root = t.root()
  const target = q / 2n + 5n
  const proof = t.prove(target, yes)
  const hex = encodeProof(proof)
  const found = t.find(target, yes)
  const unassignedPoint = SPACE - 1n
  const none = t.find(unassignedPoint)

  const deep = buildDeep(user, red, redHash)

  // invalid variants
  const wrongSibling = hex.slice()
  wrongSibling[wrongSibling.length - 1] ^= 0x01
  const swapped = { ...proof, steps: [proof.steps[1], proof.steps[0], ...proof.steps.slice(2)] }
  const otherOwner = { ...proof, leaf: user }
  return {
    about: 'sortlift sortition test vectors; encodings in docs-sortition-tree.md. Regenerate only deliberately: node dist/test/vectors/make-sortition-vectors.js',
    owner: { seed: OWNER_SEED, publicKey: toHex(ownerKey) },
    oracle: { seed: ORACLE_SEED, publicKey: toHex(oracleKey) },
    leaves: leaves.map(([name, l]) => ({ name, leaf: leafJson(l), encoding: toHex(leafEncoding(l)), hash: toHex(leafHash(l)) })),
    predicates: predicates.map(([name, p]) => ({ name, predicate: predicateJson(p), encoding: toHex(encodePredicate(p)), hash: toHex(predicateHash(p)) })),
    attestation: { question, outcome, signingBytes: toHex(signingBytes), signature: toHex(signature) },
    prob: {
      point: point.toString(16),
      left: toHex(left),
      right: toHex(right),
      encoding: toHex(new CanonicalWriter(TAG_PROB).bytes(pointToBytes(point)).bytes(left).bytes(right).finish()),
      hash: toHex(probHash(point, left, right))
    },
    cond: {
      predicateHash: toHex(redHash),
      left: toHex(left),
      right: toHex(right),
      encoding: toHex(new CanonicalWriter(TAG_COND).bytes(redHash).bytes(left).bytes(right).finish()),
      hash: toHex(condHash(redHash, left, right))
    },
    tree: {
      operations,
      root: toHex(root),
      proof: {
        point: target.toString(16),
        conditions: [{ predicate: toHex(redHash), value: true }],
        hex: toHex(hex),
        region: { lo: found.region.lo.toString(16), hi: found.region.hi.toString(16) },
        leafHash: toHex(leafHash(found.leaf))
      },
      proofV1: { hex: toHex(encodeProofV1(proof)) },
      unassigned: { point: unassignedPoint.toString(16), hex: toHex(encodeProof(t.prove(unassignedPoint))), region: { lo: none.region.lo.toString(16), hi: none.region.hi.toString(16) } },
      invalid: [
        { name: 'wrong sibling hash (last byte of the last sibling flipped)', hex: toHex(wrongSibling), expect: 'root mismatch' },
        // version 2 cannot carry a point outside its interval: this one is version 1
        { name: 'region does not follow from the splits (two probability steps swapped; version 1)', hex: toHex(encodeProofV1(swapped)), expect: 'split point outside its interval' },
        { name: 'another owner in the leaf', hex: toHex(encodeProof(otherOwner)), expect: 'root mismatch' },
        { name: 'truncated (last byte dropped)', hex: toHex(hex.subarray(0, hex.length - 1)), expect: 'MALFORMED_PROOF' },
        { name: 'trailing byte', hex: toHex(new Uint8Array([...hex, 0])), expect: 'MALFORMED_PROOF' },
        { name: 'unknown version (3)', hex: toHex(new Uint8Array([3, ...hex.subarray(1)])), expect: 'MALFORMED_PROOF' },
        { name: 'version 1 truncated (last byte dropped)', hex: toHex(encodeProofV1(proof).subarray(0, -1)), expect: 'MALFORMED_PROOF' },
        { name: 'version 1 with a trailing byte', hex: toHex(new Uint8Array([...encodeProofV1(proof), 0])), expect: 'MALFORMED_PROOF' }
      ]
    },
    deep
  }
}

/**
 * Boundaries clustered around B at scales 2^200, 2^120, 2^40 and 3, and a
 * condition split above the last cell: the path narrows the interval on both
 * sides, so the version 2 proof leaves out 6, 16, 26 and 31 leading bytes of
 * its lower points, and the condition step between does not narrow.
 */
function buildDeep (user: Leaf, red: Predicate, redHash: Uint8Array): SortitionVectors['deep'] {
  const B = BigInt('0x' + '5a'.repeat(31) + '00')
  const bounds = [B - (1n << 200n), B - (1n << 120n), B - (1n << 40n), B, B + 3n, B + (1n << 40n), B + (1n << 120n), B + (1n << 200n)]
  const t = new SortitionTree()
  const owner = (i: number): Leaf => ({ owner: { kind: 'user', publicKey: sha256(utf8.encode(`deep owner ${i}`)) }, custody: sha256(utf8.encode(`deep custody ${i}`)) })
  for (let i = 0; i + 1 < bounds.length; i++) t.apply([{ op: 'issue', lo: bounds[i], hi: bounds[i + 1], leaf: i === 3 ? user : owner(i) }])
  const yes = [{ predicate: redHash, value: true }]
  t.apply([
    { op: 'split-predicate', point: B, predicate: red },
    { op: 'split-point', at: B + 1n, conditions: yes }
  ])
  const operations = [
    'B = 0x5a5a…5a00 (31 bytes 5a, then 00)',
    'issue [B − 2^200, B − 2^120), [B − 2^120, B − 2^40), [B − 2^40, B) to sha256("deep owner i") for i = 0, 1, 2 (custody sha256("deep custody i"))',
    'issue [B, B + 3) to user',
    'issue [B + 3, B + 2^40), [B + 2^40, B + 2^120), [B + 2^120, B + 2^200) to deep owners 4, 5, 6',
    'split the leaf at B on the predicate "oracle attests red"',
    'split its true branch at B + 1'
  ]
  const target = B + 2n
  const proof = t.prove(target, yes)
  const hex = encodeProof(proof)
  const found = t.find(target, yes)
  const prefixBytes = prefixBytesOf(proof)
  // byte-level variants of the version 2 proof
  const last = proof.steps.length - 1 // the probability step [B, B + 3) → [B + 1, B + 3), 31 bytes of prefix
  if (proof.steps[last].kind !== 'prob' || prefixBytes[last] !== 31) throw new Error('deep vector: unexpected path')
  const at = stepOffset(proof, hex, last)
  const withByte = (o: number, v: number): Uint8Array => { const b = hex.slice(); b[o] = v; return b }
  const kindBytes = (proof.steps.length + 3) >> 2
  const kindsEnd = 2 + 64 + 2 + kindBytes
  if (proof.steps.length % 4 === 0) throw new Error('deep vector: no padding bits')
  return {
    operations,
    root: toHex(t.root()),
    proof: {
      point: target.toString(16),
      conditions: [{ predicate: toHex(redHash), value: true }],
      hex: toHex(hex),
      prefixBytes,
      region: { lo: found.region.lo.toString(16), hi: found.region.hi.toString(16) },
      leafHash: toHex(leafHash(found.leaf))
    },
    proofV1: { hex: toHex(encodeProofV1(proof)) },
    invalid: [
      { name: 'last point suffix 00: the point is B, the interval\'s lo', hex: toHex(withByte(at, 0x00)), expect: 'split point outside its interval' },
      { name: 'last point suffix 03: the point is B + 3, the interval\'s hi', hex: toHex(withByte(at, 0x03)), expect: 'split point outside its interval' },
      { name: 'last point suffix 02: a point inside, but not the tree\'s', hex: toHex(withByte(at, 0x02)), expect: 'root mismatch' },
      { name: 'nonzero padding bit after the step kinds', hex: toHex(withByte(kindsEnd - 1, hex[kindsEnd - 1] | 0x01)), expect: 'MALFORMED_PROOF' },
      { name: 'truncated in the step kinds', hex: toHex(hex.subarray(0, kindsEnd - 1)), expect: 'MALFORMED_PROOF' },
      { name: 'truncated (last byte dropped)', hex: toHex(hex.subarray(0, hex.length - 1)), expect: 'MALFORMED_PROOF' },
      { name: 'trailing byte', hex: toHex(new Uint8Array([...hex, 0])), expect: 'MALFORMED_PROOF' },
      { name: 'unknown version (0)', hex: toHex(withByte(0, 0)), expect: 'MALFORMED_PROOF' },
      { name: 'version byte 1 on version 2 bytes', hex: toHex(withByte(0, 1)), expect: 'MALFORMED_PROOF' }
    ]
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = join(process.cwd(), 'test', 'vectors', 'sortition.json')
  await writeFile(file, JSON.stringify(await buildSortitionVectors(), null, 2) + '\n')
  process.stdout.write(`wrote ${file}\n`)
}
