// Builds the sortition test vectors (node hashes of every kind, predicate and
// attestation encodings, a small tree with valid and invalid proofs) from
// fixed seeds. The spec test/unit/sortition-vectors.spec.ts checks the
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
import { encodePredicate, predicateHash } from '../../src/sortition/predicate.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import { attestationSigningBytes } from '../../src/sortition/attestation.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { encodeProof } from '../../src/sortition/proof.js'
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
    unassigned: { point: string, hex: string, region: { lo: string, hi: string } }
    invalid: Array<{ name: string, hex: string, expect: string }>
  }
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
      unassigned: { point: unassignedPoint.toString(16), hex: toHex(encodeProof(t.prove(unassignedPoint))), region: { lo: none.region.lo.toString(16), hi: none.region.hi.toString(16) } },
      invalid: [
        { name: 'wrong sibling hash (last byte of the last sibling flipped)', hex: toHex(wrongSibling), expect: 'root mismatch' },
        { name: 'region does not follow from the splits (two probability steps swapped)', hex: toHex(encodeProof(swapped)), expect: 'split point outside its interval' },
        { name: 'another owner in the leaf', hex: toHex(encodeProof(otherOwner)), expect: 'root mismatch' },
        { name: 'truncated (last byte dropped)', hex: toHex(hex.subarray(0, hex.length - 1)), expect: 'MALFORMED_PROOF' },
        { name: 'trailing byte', hex: toHex(new Uint8Array([...hex, 0])), expect: 'MALFORMED_PROOF' },
        { name: 'unknown version', hex: toHex(new Uint8Array([2, ...hex.subarray(1)])), expect: 'MALFORMED_PROOF' }
      ]
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = join(process.cwd(), 'test', 'vectors', 'sortition.json')
  await writeFile(file, JSON.stringify(await buildSortitionVectors(), null, 2) + '\n')
  process.stdout.write(`wrote ${file}\n`)
}
