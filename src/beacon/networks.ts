// Beacon networks in drand's unchained BLS scheme on BLS12-381 with
// signatures on G1 and the group public key on G2 (drand scheme id
// "bls-unchained-g1-rfc9380"), plus round/time arithmetic.
import { sha256 } from '../crypto/hash.js'
import { fromHex, toHex, equalBytes } from '../crypto/bytes.js'
import { beaconReject } from './errors.js'

/** drand's scheme id for unchained BLS with G1 signatures and the RFC 9380 G1 hash-to-curve domain. */
export const SCHEME_ID = 'bls-unchained-g1-rfc9380'

/**
 * Domain separation tag for hashing a round message to G1. It is the
 * "_NUL_" G1 suite of draft-irtf-cfrg-bls-signature (§4.2.1); drand's quicknet
 * uses exactly this string (noislabs/drand-verify src/verify.rs,
 * DOMAIN_HASH_TO_G1, used by G2PubkeyRfc). The older "fastnet" chain hashed
 * with the G2 tag by mistake; that chain is not supported here.
 */
export const BEACON_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_'

/**
 * Public description of a beacon chain; the same shape as drand's
 * `/<chain hash>/info`. All byte strings are lowercase hex.
 */
export interface BeaconNetwork {
  /** drand `metadata.beaconID`; "default" or "" means none (it is then left out of the chain hash). */
  readonly beaconId: string
  /** Always SCHEME_ID. */
  readonly schemeId: typeof SCHEME_ID
  /** 96-byte compressed G2 group public key. */
  readonly publicKey: string
  /** Unix seconds at which round 1 is due. */
  readonly genesisTime: number
  /** Seconds between rounds. */
  readonly period: number
  /** drand `groupHash` (the genesis seed), 32 bytes. */
  readonly genesisSeed: string
  /** SHA-256 of the fields above, see chainHashOf. */
  readonly chainHash: string
}

/**
 * drand's League of Entropy mainnet "quicknet" chain.
 * Values from https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/info
 * (as quoted in drand's and others' documentation); the public key also
 * appears in noislabs/drand-verify's quicknet test. The chain hash is not
 * just copied: test/unit/beacon.spec.ts recomputes it from the other fields
 * with chainHashOf, which would fail if any field were wrong.
 */
export const QUICKNET: BeaconNetwork = Object.freeze({
  beaconId: 'quicknet',
  schemeId: SCHEME_ID,
  publicKey: '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  genesisTime: 1692803367,
  period: 3,
  genesisSeed: 'f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e',
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971'
})

/**
 * drand's chain hash (chain.Info.Hash in drand/drand):
 *   SHA-256( uint32be(period seconds) ‖ int64be(genesis time) ‖ public key bytes
 *            ‖ genesis seed ‖ beacon id, unless it is "" or "default" )
 */
export function chainHashOf (info: Omit<BeaconNetwork, 'chainHash'>): string {
  const head = new Uint8Array(12)
  const view = new DataView(head.buffer)
  view.setUint32(0, info.period)
  view.setBigInt64(4, BigInt(info.genesisTime))
  const parts: Uint8Array[] = [head, fromHex(info.publicKey), fromHex(info.genesisSeed)]
  if (info.beaconId !== '' && info.beaconId !== 'default') parts.push(new TextEncoder().encode(info.beaconId))
  return toHex(sha256(...parts))
}

/**
 * Checks a network description's fields and that its chain hash matches them;
 * throws BeaconError BAD_NETWORK. Does not decode the public key point (the
 * verifier does that, once per key).
 */
export function checkNetwork (n: BeaconNetwork): void {
  if (n.schemeId !== SCHEME_ID) beaconReject('BAD_NETWORK', `unsupported beacon scheme ${JSON.stringify(n.schemeId)}; only ${SCHEME_ID} is implemented`)
  if (!Number.isSafeInteger(n.period) || n.period < 1 || n.period > 0xffffffff) beaconReject('BAD_NETWORK', `beacon period must be a positive whole number of seconds, got ${n.period}`)
  if (!Number.isSafeInteger(n.genesisTime)) beaconReject('BAD_NETWORK', `beacon genesis time must be whole unix seconds, got ${n.genesisTime}`)
  if (!/^[0-9a-f]{192}$/.test(n.publicKey)) beaconReject('BAD_NETWORK', 'beacon public key must be 96 bytes (compressed G2) of lowercase hex')
  if (!/^[0-9a-f]{64}$/.test(n.genesisSeed)) beaconReject('BAD_NETWORK', 'beacon genesis seed must be 32 bytes of lowercase hex')
  if (!/^[0-9a-f]{64}$/.test(n.chainHash)) beaconReject('BAD_NETWORK', 'beacon chain hash must be 32 bytes of lowercase hex')
  const want = chainHashOf(n)
  if (!equalBytes(fromHex(want), fromHex(n.chainHash))) beaconReject('BAD_NETWORK', `beacon chain hash ${n.chainHash} does not match its fields (they hash to ${want})`)
}

/** Largest round a drand message can encode (8-byte big-endian). */
export const MAX_ROUND = (1n << 64n) - 1n

/**
 * The latest round due at unix time `unixSeconds` (fractions allowed):
 * round 1 is due at genesis, round r at genesis + (r-1)·period. Before
 * genesis this returns 0n ("no round yet"), where drand's CurrentRound
 * would clamp to 1; from genesis on it matches drand's CurrentRound.
 */
export function roundAt (n: Pick<BeaconNetwork, 'genesisTime' | 'period'>, unixSeconds: number): bigint {
  if (!Number.isFinite(unixSeconds)) throw new RangeError(`not a time: ${unixSeconds}`)
  const t = Math.floor(unixSeconds)
  if (t < n.genesisTime) return 0n
  return BigInt(Math.floor((t - n.genesisTime) / n.period)) + 1n
}

/** Unix seconds at which `round` (≥ 1) is due; same as drand's TimeOfRound for round ≥ 1. */
export function timeOfRound (n: Pick<BeaconNetwork, 'genesisTime' | 'period'>, round: bigint): number {
  if (round < 1n || round > MAX_ROUND) beaconReject('ROUND_OUT_OF_RANGE', `beacon round ${round} is outside 1 .. 2^64-1`)
  return n.genesisTime + Number((round - 1n) * BigInt(n.period))
}
