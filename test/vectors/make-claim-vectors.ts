// Builds the settlement test vectors (draw, claim, claim record, receipt) from
// fixed seeds. test/unit/claim-vectors.spec.ts checks the implementation
// against test/vectors/claim.json and that this builder still produces it.
// Write the file deliberately, after a reviewed change:
//   npm run build && node dist/test/vectors/make-claim-vectors.js
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import type { Signer } from '../../src/crypto/keys.js'
import { createLocalBeacon } from '../../src/beacon/local.js'
import type { LocalBeacon } from '../../src/beacon/local.js'
import { signChain, issueSigningBytes, transferSigningBytes, custodyHash, chainToJson } from '../../src/sortition/chain.js'
import type { SignedChain, ChainJson } from '../../src/sortition/chain.js'
import { signCommitment, commitmentHash, commitmentToJson, changedLeafItem, changesDigest, ZERO_HASH } from '../../src/sortition/commitment.js'
import type { SignedCommitment, CommitmentJson } from '../../src/sortition/commitment.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { SPACE } from '../../src/sortition/space.js'
import { predicateHash } from '../../src/sortition/predicate.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import { signAttestation } from '../../src/sortition/attestation.js'
import type { Attestation } from '../../src/sortition/attestation.js'
import { encodeProof, encodeProofV1 } from '../../src/sortition/proof.js'
import { drawPoint, Decisions, proveWinner } from '../../src/sortition/settlement.js'
import { signClaim, claimSigningBytes, claimHash, encodeClaim, signReceipt, receiptSigningBytes, receiptHash } from '../../src/sortition/claim-encoding.js'
import type { Claim, Receipt } from '../../src/sortition/claim-encoding.js'
import { claimDeadline } from '../../src/sortition/claim-verify.js'
import { seededSigner, OPERATOR_SEED, OWNER_SEED } from './make-chain-vectors.js'

export const OTHER_SEED = '0707070707070707070707070707070707070707070707070707070707070707'
export const ORACLE_SEED = '0808080808080808080808080808080808080808080808080808080808080808'
/** the local beacon key of test/vectors/beacon.json */
export const BEACON_SECRET = '723c83e8e4a5ad0128b8b9fc05a56ca65d9d4bff7b99a54f013e2b49a27b0e47'
export const BEACON_GENESIS = 1_700_000_000
export const TRADING_END = 1_700_000_100_000
export const PAYEE = 'alice@12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'

export interface ClaimScenario {
  op: Signer
  owner: Signer
  other: Signer
  oracle: Signer
  beacon: LocalBeacon
  chain: SignedChain
  tree: SortitionTree
  head: SignedCommitment
  predicate: Predicate
  attestation: Attestation
  /** the first round from 1000 up whose draw lands in [0, 2^255) */
  round: number
  draw: bigint
  claim: Claim
  /** the same claim with its proof in version 1 (signed claims made before version 2 must still verify) */
  claimV1: Claim
  receipt: Receipt
}

/**
 * A chain worth 1000000 whose lower half is split on an oracle predicate
 * ("Who wins?" = "red"): the true side is the owner's, the false side the
 * other user's; the upper half is unassigned. The oracle attested "red"; the
 * beacon round is chosen so the draw lands in the lower half: the owner wins.
 */
export async function buildClaimScenario (): Promise<ClaimScenario> {
  const op = await seededSigner(OPERATOR_SEED)
  const owner = await seededSigner(OWNER_SEED)
  const other = await seededSigner(OTHER_SEED)
  const oracle = await seededSigner(ORACLE_SEED)
  const beacon = createLocalBeacon({ secretKey: fromHex(BEACON_SECRET), genesisTime: BEACON_GENESIS, period: 3 })
  // the round fixes the chain id (it is in the record): search for one whose draw wins
  let round = 1000
  let chain: SignedChain
  let draw: bigint
  for (;;) {
    chain = await signChain(op, {
      operatorAddress: 'op@12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN',
      value: 1_000_000n,
      tradingEnd: TRADING_END,
      beaconRound: round,
      created: 1_700_000_000_000,
      nonce: fromHex('404142434445464748494a4b4c4d4e4f')
    })
    draw = drawPoint(beacon.round(BigInt(round)).randomness, chain.id)
    if (draw < SPACE / 2n) break
    round++
  }
  const predicate: Predicate = { kind: 'oracle', oracle: oracle.publicKey, question: 'Who wins?', outcome: 'red' }
  const tree = new SortitionTree()
  const issue = { chainId: chain.id, lo: 0n, hi: SPACE / 2n, conditions: [], owner: { kind: 'user' as const, publicKey: owner.publicKey }, payment: 'lift:00112233445566778899aabbccddeeff', time: 1_700_000_001_000, nonce: fromHex('505152535455565758595a5b5c5d5e5f') }
  const ib = issueSigningBytes(issue)
  const custody = custodyHash(ib, await op.sign(ib))
  tree.apply([
    { op: 'issue', lo: 0n, hi: SPACE / 2n, leaf: { owner: { kind: 'user', publicKey: owner.publicKey }, custody } },
    { op: 'split-predicate', point: 0n, predicate }
  ])
  const falseSide = [{ predicate: predicateHash(predicate), value: false }]
  const transfer = { chainId: chain.id, leaf: { lo: 0n, conditions: falseSide }, custody, owner: { kind: 'user' as const, publicKey: other.publicKey }, nonce: fromHex('606162636465666768696a6b6c6d6e6f') }
  const tb = transferSigningBytes(transfer)
  tree.apply([{ op: 'transfer', point: 0n, conditions: falseSide, leaf: { owner: { kind: 'user', publicKey: other.publicKey }, custody: custodyHash(tb, await owner.sign(tb)) } }])
  const items = [...tree.entries()].map(e => changedLeafItem(e.region, e.leaf))
  const head = await signCommitment(op, { chainId: chain.id, height: 0, root: tree.root(), prev: ZERO_HASH, time: 1_700_000_050_000, changes: changesDigest(items), children: [] })
  const attestation = await signAttestation(oracle, 'Who wins?', 'red')
  const decisions = new Decisions()
  await decisions.addAttestation(attestation)
  const winner = proveWinner(tree, draw, decisions)
  const claimWith = async (proof: Uint8Array<ArrayBuffer>): Promise<Claim> => await signClaim(owner, {
    fields: { chainId: chain.id, commitment: commitmentHash(head), proof, beaconRound: round, payee: PAYEE, time: 1_700_000_200_000, nonce: fromHex('707172737475767778797a7b7c7d7e7f') },
    chain,
    commitment: head,
    beaconSignature: beacon.round(BigInt(round)).signature,
    attestations: [attestation],
    preimages: []
  })
  const claim = await claimWith(encodeProof(winner))
  const claimV1 = await claimWith(encodeProofV1(winner))
  const receipt = await signReceipt(op, { claim: claimHash(claim), chainId: chain.id, units: chain.value, payment: 'tally:000102030405060708090a0b0c0d0e0f:101112131415161718191a1b1c1d1e1f', time: 1_700_000_201_000 })
  return { op, owner, other, oracle, beacon, chain, tree, head, predicate, attestation, round, draw, claim, claimV1, receipt }
}

export interface ClaimVectors {
  about: string
  keys: { operator: string, owner: string, other: string, oracle: string, beaconSecret: string, beaconGenesis: number }
  chain: ChainJson
  commitment: CommitmentJson
  draw: { round: number, signature: string, randomness: string, chainId: string, point: string }
  claim: { signingBytes: string, signature: string, hash: string, record: string, deadline: number }
  /** the same claim with a version 1 proof: a claim record signed before version 2, still valid */
  claimV1: { hash: string, record: string }
  receipt: { signingBytes: string, signature: string, hash: string }
}

export async function buildClaimVectors (): Promise<ClaimVectors> {
  const s = await buildClaimScenario()
  const r = s.beacon.round(BigInt(s.round))
  return {
    about: 'sortlift settlement: the draw, a claim (signing bytes, hash, claim record) and a receipt (PROTOCOL.md §8, docs-settle.md)',
    keys: { operator: toHex(s.op.publicKey), owner: toHex(s.owner.publicKey), other: toHex(s.other.publicKey), oracle: toHex(s.oracle.publicKey), beaconSecret: BEACON_SECRET, beaconGenesis: BEACON_GENESIS },
    chain: chainToJson(s.chain),
    commitment: commitmentToJson(s.head),
    draw: { round: s.round, signature: toHex(r.signature), randomness: toHex(r.randomness), chainId: toHex(s.chain.id), point: '0x' + s.draw.toString(16).padStart(64, '0') },
    claim: { signingBytes: toHex(claimSigningBytes(s.claim.fields)), signature: toHex(s.claim.signature), hash: toHex(claimHash(s.claim)), record: toHex(encodeClaim(s.claim)), deadline: claimDeadline(s.claim) },
    claimV1: { hash: toHex(claimHash(s.claimV1)), record: toHex(encodeClaim(s.claimV1)) },
    receipt: { signingBytes: toHex(receiptSigningBytes(s.receipt)), signature: toHex(s.receipt.signature), hash: toHex(receiptHash(s.receipt)) }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(process.cwd(), 'test', 'vectors', 'claim.json')
  await writeFile(out, JSON.stringify(await buildClaimVectors(), null, 2) + '\n')
  process.stdout.write(`wrote ${out}\n`)
}
