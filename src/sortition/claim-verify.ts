// Self-contained verification of a claim, and the payment deadline. Pure
// (given the beacon network the verifier follows): an operator checks a claim
// with it before paying, and anyone can check a claim quoted as evidence.
import { equalBytes } from '../crypto/bytes.js'
import { verifySignature } from '../crypto/keys.js'
import { verifyBeacon } from '../beacon/verify.js'
import { BeaconError } from '../beacon/errors.js'
import type { BeaconNetwork } from '../beacon/networks.js'
import { validateChain } from './chain.js'
import type { SignedChain } from './chain.js'
import type { SignedCommitment } from './commitment.js'
import { ChainError } from './chain-errors.js'
import { commitmentHash, commitmentSigningBytes } from './commitment.js'
import { verifyProofBytes, decodeProof } from './proof.js'
import { SortitionError } from './errors.js'
import type { Region } from './space.js'
import type { Leaf } from './hashing.js'
import type { Attestation } from './attestation.js'
import { claimHash, claimSigningBytes } from './claim-encoding.js'
import type { Claim } from './claim-encoding.js'
import { Decisions, checkConditions, drawPoint, inInterval } from './settlement.js'
import { settleFail } from './settlement-errors.js'

/**
 * How long a chain's operator has to pay a valid claim: a claim stamped at t
 * must be paid (a receipt signed) by t + 10 minutes. Evidence of "a claim
 * left unpaid past its deadline" quotes the claim record and this deadline.
 */
export const CLAIM_PAYMENT_WINDOW_MS = 10 * 60_000
/**
 * An operator accepts a new claim only if its time is within this of its own
 * clock, so a claim cannot reach it with its deadline already (nearly) gone.
 */
export const CLAIM_TIME_SKEW_MS = 60_000

/** The time (ms) by which the operator must have paid the claim. */
export function claimDeadline (claim: { fields: { time: number } }): number {
  return claim.fields.time + CLAIM_PAYMENT_WINDOW_MS
}

export type Winner = { kind: 'user', publicKey: Uint8Array } | { kind: 'child', chain: SignedChain }

export interface VerifiedClaim {
  claim: Claim
  hash: Uint8Array
  randomness: Uint8Array
  draw: bigint
  region: Region
  leaf: Leaf
  /** what the winner is owed: the chain's value V */
  units: bigint
  winner: Winner
}

export interface VerifyClaimOptions {
  /** the beacon network the verifier follows */
  network: BeaconNetwork
  /** the verifier's clock (ms): a claim before the trading end is NOT_SETTLED_YET */
  now?: number
  /** attestations the verifier holds besides the claim's (an operator adds its own) */
  known?: Attestation[]
}

/** The parts of a settlement that prove which leaf wins (a claim's, or an operator's answer to an accusation). */
export interface SettledLeafParts {
  chain: SignedChain
  commitment: SignedCommitment
  beaconRound: number
  beaconSignature: Uint8Array
  /** binary proof of the winning leaf against the commitment's root */
  proof: Uint8Array
  attestations: Attestation[]
  preimages: Uint8Array[]
}

export interface SettledLeaf {
  randomness: Uint8Array
  draw: bigint
  region: Region
  leaf: Leaf
}

/**
 * The leaf that wins `parts.chain` under `parts.commitment`, checked with
 * nothing but the parts (the chain record is checked by the caller): the
 * commitment is this chain's, signed by its operator (and the one named by
 * `commitmentHash`, if given), stamped at or before the trading end; the
 * beacon round is the chain's and verifies for `network`; the proof verifies
 * against the root; the draw is inside the proven interval; every condition
 * on the path is decided the path's way. Throws SettlementError.
 */
export async function verifyWinningLeaf (parts: SettledLeafParts, opts: VerifyClaimOptions & { commitmentHash?: Uint8Array }): Promise<SettledLeaf> {
  const { chain, commitment: c } = parts
  if (!equalBytes(c.chainId, chain.id)) settleFail('BAD_COMMITMENT', 'the commitment is another chain\'s')
  if (!await verifySignature(chain.operator, commitmentSigningBytes(c), c.signature)) settleFail('BAD_COMMITMENT', 'the commitment is not signed by the chain\'s operator')
  if (opts.commitmentHash != null && !equalBytes(commitmentHash(c), opts.commitmentHash)) settleFail('BAD_COMMITMENT', 'the commitment is not the one the claim names')
  if (c.time > chain.tradingEnd) settleFail('BAD_COMMITMENT', 'the commitment is stamped after the trading end')
  if (opts.now != null && opts.now <= chain.tradingEnd) settleFail('NOT_SETTLED_YET', 'the chain is still trading')
  if (parts.beaconRound !== chain.beaconRound) settleFail('BAD_BEACON', `the claim names beacon round ${parts.beaconRound}, the chain settles on round ${chain.beaconRound}`)
  let randomness: Uint8Array
  try {
    randomness = verifyBeacon(opts.network, BigInt(parts.beaconRound), parts.beaconSignature)
  } catch (err) {
    if (err instanceof BeaconError) settleFail('BAD_BEACON', `beacon round ${parts.beaconRound}: ${err.code}: ${err.message}`)
    throw err
  }
  let v: ReturnType<typeof verifyProofBytes>
  try {
    v = verifyProofBytes(parts.proof, c.root)
  } catch (err) {
    if (err instanceof SortitionError) settleFail('BAD_PROOF', err.message)
    throw err
  }
  if (!v.ok) settleFail('BAD_PROOF', `the proof does not verify against the committed root: ${v.reason}`)
  const draw = drawPoint(randomness, chain.id)
  if (!inInterval(v.region, draw)) settleFail('LOSING_REGION', `the draw 0x${draw.toString(16)} is not in the proven interval [0x${v.region.lo.toString(16)}, 0x${v.region.hi.toString(16)})`)
  const decisions = new Decisions()
  for (const [i, a] of parts.attestations.entries()) {
    if (!await decisions.addAttestation(a)) settleFail('BAD_ATTESTATION', `attestation ${i} is not signed by its oracle`)
  }
  for (const a of opts.known ?? []) await decisions.addAttestation(a)
  for (const p of parts.preimages) decisions.revealPreimage(p)
  checkConditions(decodeProof(parts.proof), decisions)
  return { randomness, draw, region: v.region, leaf: v.leaf }
}

/**
 * Checks a claim on its own: the chain record; the commitment (the
 * operator's, this chain's, the one the claim names, stamped at or before the
 * trading end); the beacon round (the chain's, and its signature verifies for
 * `network`); the proof against the commitment's root; the draw inside the
 * proven interval; every condition on the path decided the path's way by the
 * claim's attestations and preimages (each attestation verified); and the
 * signer owns the leaf. Whether the commitment is the chain's *final* one is
 * for the operator to check (it holds the chain). Throws SettlementError.
 */
export async function verifyClaim (claim: Claim, opts: VerifyClaimOptions): Promise<VerifiedClaim> {
  const f = claim.fields
  const signing = claimSigningBytes(f)
  const chain = claim.chain
  try {
    await validateChain(chain)
  } catch (err) {
    if (err instanceof ChainError) settleFail('BAD_CHAIN', `chain record: ${err.message}`)
    throw err
  }
  if (!equalBytes(chain.id, f.chainId)) settleFail('BAD_CHAIN', 'the chain record is not the claimed chain\'s')
  const { randomness, draw, region, leaf } = await verifyWinningLeaf({
    chain, commitment: claim.commitment, beaconRound: f.beaconRound, beaconSignature: claim.beaconSignature, proof: f.proof, attestations: claim.attestations, preimages: claim.preimages
  }, { ...opts, commitmentHash: f.commitment })
  let winner: Winner
  if (leaf.owner.kind === 'unassigned') {
    settleFail('UNASSIGNED', 'the draw lands in an unassigned region: the operator keeps the chain\'s value')
  } else if (leaf.owner.kind === 'user') {
    if (claim.child != null) settleFail('MALFORMED', 'a claim for a user leaf carries no child chain record')
    if (!await verifySignature(leaf.owner.publicKey, signing, claim.signature)) settleFail('NOT_OWNER', 'the claim is not signed by the winning leaf\'s owner')
    winner = { kind: 'user', publicKey: leaf.owner.publicKey }
  } else {
    const child = claim.child
    if (child == null) settleFail('NOT_OWNER', 'a claim for a child chain leaf must carry the child chain\'s record')
    try {
      await validateChain(child)
    } catch (err) {
      if (err instanceof ChainError) settleFail('NOT_OWNER', `child chain record: ${err.message}`)
      throw err
    }
    if (!equalBytes(child.id, leaf.owner.chainId)) settleFail('NOT_OWNER', 'the child chain record is not the winning leaf\'s chain')
    if (!await verifySignature(child.operator, signing, claim.signature)) settleFail('NOT_OWNER', 'the claim is not signed by the child chain\'s operator')
    winner = { kind: 'child', chain: child }
  }
  return { claim, hash: claimHash(claim), randomness, draw, region, leaf, units: chain.value, winner }
}
