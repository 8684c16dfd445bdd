// Builds the chain/commitment/transfer test vectors from fixed seeds. The spec
// test/unit/chain.spec.ts checks the implementation against
// test/vectors/chain.json and that this builder still produces it. Write the
// file deliberately, after a reviewed change:
//   npm run build && node dist/test/vectors/make-chain-vectors.js
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { signerFromPrivateKey } from '../../src/crypto/keys.js'
import type { Signer } from '../../src/crypto/keys.js'
import { chainSigningBytes, signChain, transferSigningBytes, splitSigningBytes, issueSigningBytes, custodyHash, chainToJson } from '../../src/sortition/chain.js'
import type { ChainJson } from '../../src/sortition/chain.js'
import { signCommitment, commitmentSigningBytes, commitmentHash, commitmentToJson, changedLeafItem, changesDigest, ZERO_HASH } from '../../src/sortition/commitment.js'
import type { CommitmentJson } from '../../src/sortition/commitment.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { SPACE } from '../../src/sortition/space.js'

export const OPERATOR_SEED = '0505050505050505050505050505050505050505050505050505050505050505'
export const OWNER_SEED = '0606060606060606060606060606060606060606060606060606060606060606'

export interface ChainVectors {
  about: string
  operator: { seed: string, publicKey: string }
  owner: { seed: string, publicKey: string }
  chain: { record: ChainJson, signingBytes: string }
  commitments: Array<{ commitment: CommitmentJson, signingBytes: string }>
  changes: { items: string[], digest: string }
  issue: { signingBytes: string, signature: string, custody: string }
  transfer: { signingBytes: string, signature: string, custody: string }
  split: { signingBytes: string, signature: string }
}

export async function seededSigner (seedHex: string): Promise<Signer> {
  return signerFromPrivateKey(await generateKeyPairFromSeed('Ed25519', fromHex(seedHex)))
}

export async function buildChainVectors (): Promise<ChainVectors> {
  const op = await seededSigner(OPERATOR_SEED)
  const owner = await seededSigner(OWNER_SEED)
  const chain = await signChain(op, {
    operatorAddress: 'op@12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN',
    value: 1_000_000n,
    tradingEnd: 1_800_000_000_000,
    beaconRound: 12345,
    created: 1_700_000_000_000,
    nonce: fromHex('000102030405060708090a0b0c0d0e0f')
  })
  // height 0: the new tree, one unassigned leaf
  const tree = new SortitionTree()
  const item0 = [...tree.entries()].map(e => changedLeafItem(e.region, e.leaf))
  const c0 = await signCommitment(op, { chainId: chain.id, height: 0, root: tree.root(), prev: ZERO_HASH, time: 1_700_000_000_000, changes: changesDigest(item0), children: [] })
  // issue a quarter of the space to the owner
  const issue = { chainId: chain.id, lo: 0n, hi: SPACE / 4n, conditions: [], owner: { kind: 'user' as const, publicKey: owner.publicKey }, payment: 'lift:00112233445566778899aabbccddeeff', time: 1_700_000_001_000, nonce: fromHex('101112131415161718191a1b1c1d1e1f') }
  const issueBytes = issueSigningBytes(issue)
  const issueSig = await op.sign(issueBytes)
  const custody = custodyHash(issueBytes, issueSig)
  tree.apply([{ op: 'issue', lo: issue.lo, hi: issue.hi, leaf: { owner: { kind: 'user', publicKey: owner.publicKey }, custody } }])
  const items = [...tree.entries()].map(e => changedLeafItem(e.region, e.leaf))
  const child = { chainId: sha256(new TextEncoder().encode('child')), commitment: sha256(new TextEncoder().encode('child commitment')) }
  const c1 = await signCommitment(op, { chainId: chain.id, height: 1, root: tree.root(), prev: commitmentHash(c0), time: 1_700_000_010_000, changes: changesDigest(items), children: [child] })
  const transfer = { chainId: chain.id, leaf: { lo: 0n, conditions: [] }, custody, owner: { kind: 'user' as const, publicKey: op.publicKey }, nonce: fromHex('20212223242526272829202b2c2d2e2f') }
  const tBytes = transferSigningBytes(transfer)
  const tSig = await owner.sign(tBytes)
  const split = { chainId: chain.id, leaf: { lo: 0n, conditions: [] }, custody, split: { kind: 'point' as const, at: SPACE / 8n }, nonce: fromHex('30313233343536373839303b3c3d3e3f') }
  const sBytes = splitSigningBytes(split)
  return {
    about: 'sortlift sortition chains: chain record, commitments, changes digest, issue/transfer/split signing bytes (PROTOCOL.md §8, docs-operator.md)',
    operator: { seed: OPERATOR_SEED, publicKey: toHex(op.publicKey) },
    owner: { seed: OWNER_SEED, publicKey: toHex(owner.publicKey) },
    chain: { record: chainToJson(chain), signingBytes: toHex(chainSigningBytes(chain)) },
    commitments: [c0, c1].map(c => ({ commitment: commitmentToJson(c), signingBytes: toHex(commitmentSigningBytes(c)) })),
    changes: { items: items.map(toHex), digest: toHex(changesDigest(items)) },
    issue: { signingBytes: toHex(issueBytes), signature: toHex(issueSig), custody: toHex(custody) },
    transfer: { signingBytes: toHex(tBytes), signature: toHex(tSig), custody: toHex(custodyHash(tBytes, tSig)) },
    split: { signingBytes: toHex(sBytes), signature: toHex(await owner.sign(sBytes)) }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(process.cwd(), 'test', 'vectors', 'chain.json')
  await writeFile(out, JSON.stringify(await buildChainVectors(), null, 2) + '\n')
  process.stdout.write(`wrote ${out}\n`)
}
