// Claims for UNPAID_CLAIM tests and vectors, from fixed seeds over the real
// tree, signatures and the local beacon of test/vectors/claim.json:
// - a stale scenario: user A owns the whole space of a chain at height 1 and
//   transfers it (signed) to user B at height 2, the final commitment. A
//   claim of A against height 1 verifies on its own (third parties cannot
//   tell finality), so A can accuse with it; the operator answers with the
//   final settlement (SUPERSEDED), or with B's paid claim (PAID).
import { fromHex } from '../../src/crypto/bytes.js'
import type { Signer } from '../../src/crypto/keys.js'
import { createLocalBeacon } from '../../src/beacon/local.js'
import type { LocalBeacon } from '../../src/beacon/local.js'
import { SPACE } from '../../src/sortition/space.js'
import { commitmentHash } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import { signClaim, claimHash, signReceipt } from '../../src/sortition/claim-encoding.js'
import type { Claim, Receipt } from '../../src/sortition/claim-encoding.js'
import type { SupersededAnswer } from '../../src/sortition/evidence-answer.js'
import { BEACON_SECRET, BEACON_GENESIS } from '../vectors/make-claim-vectors.js'
import { SimOperator, seeded, user, nonce } from './evidence-fixtures.js'

export const STALE_TRADING_END = 1_700_000_100_000
/** claims are stamped after the trading end; the deadline is 10 minutes later */
export const CLAIM_TIME = 1_700_000_200_000
export const PAYEE_A = 'a@12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'
export const PAYEE_B = 'b@12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'

export function localBeacon (): LocalBeacon {
  return createLocalBeacon({ secretKey: fromHex(BEACON_SECRET), genesisTime: BEACON_GENESIS, period: 3 })
}

/** A claim of the leaf containing point 0 under `c`, signed by `signer` (the round is the chain's). */
export async function claimAt (sim: SimOperator, c: SignedCommitment, proof: Uint8Array, signer: Signer, payee: string, label: string, beacon = localBeacon(), time = CLAIM_TIME): Promise<Claim> {
  return await signClaim(signer, {
    fields: { chainId: sim.chain.id, commitment: commitmentHash(c), proof, beaconRound: sim.chain.beaconRound, payee, time, nonce: nonce(label) },
    chain: sim.chain,
    commitment: c,
    beaconSignature: beacon.sign(BigInt(sim.chain.beaconRound)),
    attestations: [],
    preimages: []
  })
}

export interface StaleScenario {
  beacon: LocalBeacon
  op: Signer
  a: Signer
  b: Signer
  sim: SimOperator
  /** A's claim against height 1 (stale) */
  stale: Claim
  /** B's claim against height 2 (final) */
  final: Claim
  /** the operator's receipt for B's claim */
  receipt: Receipt
  /** the final settlement: height 2, B's leaf */
  superseded: SupersededAnswer
}

export async function buildStaleScenario (): Promise<StaleScenario> {
  const beacon = localBeacon()
  const op = await seeded(1)
  const [a, b] = await Promise.all([11, 12].map(seeded))
  const sim = await SimOperator.create(op, 'unpaid: stale', STALE_TRADING_END)
  await sim.issue(user(a), 0n, SPACE, 'stale: A buys all')
  const h1 = await sim.commit()
  const proof1 = sim.prove(0n)
  await sim.transfer(a, 0n, user(b), 'stale: A to B')
  const h2 = await sim.commit()
  const proof2 = sim.prove(0n)
  const stale = await claimAt(sim, h1, proof1, a, PAYEE_A, 'stale: claim of A', beacon)
  const final = await claimAt(sim, h2, proof2, b, PAYEE_B, 'stale: claim of B', beacon)
  const receipt = await signReceipt(op, { claim: claimHash(final), chainId: sim.chain.id, units: sim.chain.value, payment: 'lift:202122232425262728292a2b2c2d2e2f', time: CLAIM_TIME + 1000 })
  const superseded: SupersededAnswer = { kind: 'SUPERSEDED', chain: sim.chain, commitment: h2, beaconSignature: beacon.sign(BigInt(sim.chain.beaconRound)), proof: proof2, attestations: [], preimages: [] }
  return { beacon, op, a, b, sim, stale, final, receipt, superseded }
}
