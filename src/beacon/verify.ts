// Verification of one beacon round: e(sig, G2) == e(H(SHA-256(round_be64)), pk)
// with H the RFC 9380 hash to G1 under BEACON_DST.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { sha256 } from '../crypto/hash.js'
import { fromHex } from '../crypto/bytes.js'
import { BeaconError, beaconReject } from './errors.js'
import { BEACON_DST, MAX_ROUND, checkNetwork, roundAt, timeOfRound } from './networks.js'
import type { BeaconNetwork } from './networks.js'

const bls = bls12_381.shortSignatures // signatures on G1, public keys on G2

/** Length of a compressed G1 signature. */
export const SIGNATURE_LENGTH = 48

type G1 = ReturnType<typeof bls.Signature.fromBytes>
type G2 = ReturnType<typeof bls12_381.G2.Point.fromHex>

type Precompute = ReturnType<typeof bls12_381.utils.calcPairingPrecomputes>

/**
 * Per public key: the decoded G2 point (subgroup-checked once) and the Miller
 * loop line coefficients for -pk, so a verification costs one hash to G1 and
 * one two-pair Miller loop with a final exponentiation.
 */
interface KeyEntry { point: G2, negPre: Precompute }
const keyCache = new Map<string, KeyEntry>()
let basePre: Precompute | undefined

function checkRound (round: bigint): void {
  if (typeof round !== 'bigint') beaconReject('ROUND_OUT_OF_RANGE', `beacon round must be a bigint, got ${typeof round}`)
  if (round < 1n || round > MAX_ROUND) beaconReject('ROUND_OUT_OF_RANGE', `beacon round ${round} is outside 1 .. 2^64-1`)
}

/** The 32-byte message signed for `round`: SHA-256 of the round as 8 bytes big-endian. */
export function roundMessage (round: bigint): Uint8Array<ArrayBuffer> {
  checkRound(round)
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigUint64(0, round)
  return sha256(b)
}

/** The round message hashed to G1 (what is actually signed). */
export function roundPoint (round: bigint): G1 {
  return bls.hash(roundMessage(round), BEACON_DST)
}

/** A beacon's randomness: SHA-256 of its 48-byte compressed signature (as drand publishes it). */
export function randomnessOf (signature: Uint8Array): Uint8Array<ArrayBuffer> {
  return sha256(signature)
}

/** The network's public key as a G2 point; BAD_NETWORK if the description or the point is invalid. */
export function networkKey (network: BeaconNetwork): G2 {
  return keyEntry(network).point
}

function keyEntry (network: BeaconNetwork): KeyEntry {
  // Always re-check the description (one SHA-256): a cached key must not let
  // a description with altered fields but the old chain hash through.
  checkNetwork(network)
  const cached = keyCache.get(network.publicKey)
  if (cached !== undefined) return cached
  let point: G2
  try {
    point = bls12_381.G2.Point.fromHex(network.publicKey)
  } catch (e) {
    beaconReject('BAD_NETWORK', `beacon public key is not a valid G2 point: ${(e as Error).message}`)
  }
  if (point.is0()) beaconReject('BAD_NETWORK', 'beacon public key is the point at infinity')
  const entry = { point, negPre: bls12_381.utils.calcPairingPrecomputes(point.negate()) }
  if (keyCache.size >= 64) keyCache.clear()
  keyCache.set(network.publicKey, entry)
  return entry
}

/** e(H(m), -pk) · e(S, G2) == 1, i.e. e(S, G2) == e(H(m), pk); S and H(m) are non-zero points of G1. */
function pairingCheck (key: KeyEntry, message: G1, signature: G1): boolean {
  if (message.is0()) return false
  basePre ??= bls12_381.utils.calcPairingPrecomputes(bls12_381.G2.Point.BASE)
  const h = message.toAffine()
  const s = signature.toAffine()
  const { Fp12 } = bls12_381.fields
  const gt = Fp12.finalExponentiate(bls12_381.millerLoopBatch([[key.negPre, h.x, h.y], [basePre, s.x, s.y]]))
  return Fp12.eql(gt, Fp12.ONE)
}

/**
 * Decodes a signature given as bytes or hex: exactly 48 bytes, compressed,
 * canonical, on the curve, in the prime-order subgroup and not the identity.
 * Anything else is MALFORMED_SIGNATURE.
 */
export function decodeSignature (signature: Uint8Array | string): { bytes: Uint8Array, point: G1 } {
  let bytes: Uint8Array
  if (typeof signature === 'string') {
    if (!/^([0-9a-fA-F]{2})*$/.test(signature)) beaconReject('MALFORMED_SIGNATURE', 'beacon signature is not a hex string')
    bytes = fromHex(signature)
  } else if (signature instanceof Uint8Array) {
    bytes = signature
  } else {
    beaconReject('MALFORMED_SIGNATURE', 'beacon signature must be bytes or hex')
  }
  if (bytes.length !== SIGNATURE_LENGTH) beaconReject('MALFORMED_SIGNATURE', `beacon signature must be ${SIGNATURE_LENGTH} bytes (compressed G1), got ${bytes.length}`)
  let point: G1
  try {
    point = bls.Signature.fromBytes(bytes)
  } catch (e) {
    beaconReject('MALFORMED_SIGNATURE', `beacon signature is not a valid G1 point: ${(e as Error).message}`)
  }
  if (point.is0()) beaconReject('MALFORMED_SIGNATURE', 'beacon signature is the point at infinity')
  return { bytes, point }
}

export interface VerifyOptions {
  /**
   * The caller's clock in unix seconds. When given, a round not yet due at
   * `now + skewSeconds` is refused with ROUND_OUT_OF_RANGE before any pairing.
   */
  now?: number
  /** Clock allowance for `now`; defaults to one period. */
  skewSeconds?: number
}

/**
 * Verifies that `signature` is `network`'s beacon for `round` and returns its
 * 32-byte randomness (SHA-256 of the signature). Throws BeaconError:
 * ROUND_OUT_OF_RANGE, MALFORMED_SIGNATURE, BAD_SIGNATURE or BAD_NETWORK.
 */
export function verifyBeacon (network: BeaconNetwork, round: bigint, signature: Uint8Array | string, opts: VerifyOptions = {}): Uint8Array<ArrayBuffer> {
  checkRound(round)
  const key = keyEntry(network)
  if (opts.now !== undefined) {
    const skew = opts.skewSeconds ?? network.period
    const due = roundAt(network, opts.now + skew)
    if (round > due) beaconReject('ROUND_OUT_OF_RANGE', `beacon round ${round} is not due until ${new Date(timeOfRound(network, round) * 1000).toISOString()} (latest due round is ${due})`)
  }
  const sig = decodeSignature(signature)
  let ok: boolean
  try {
    ok = pairingCheck(key, roundPoint(round), sig.point)
  } catch (e) {
    if (e instanceof BeaconError) throw e
    ok = false
  }
  if (!ok) beaconReject('BAD_SIGNATURE', `beacon signature does not verify for round ${round} of chain ${network.chainHash.slice(0, 16)}… (${network.beaconId || 'default'})`)
  return randomnessOf(sig.bytes)
}
