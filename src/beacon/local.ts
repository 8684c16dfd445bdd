// A single-key devnet beacon in the same scheme as drand quicknet, so that
// verifyBeacon checks its rounds exactly as it checks quicknet's.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { sha256 } from '../crypto/hash.js'
import { fromHex, toHex } from '../crypto/bytes.js'
import { beaconReject } from './errors.js'
import { SCHEME_ID, chainHashOf } from './networks.js'
import type { BeaconNetwork } from './networks.js'
import { randomnessOf, roundPoint } from './verify.js'

const bls = bls12_381.shortSignatures
const ORDER = bls12_381.fields.Fr.ORDER

export interface LocalBeaconOptions {
  /** 32-byte big-endian scalar in 1 .. r-1; random when omitted. */
  secretKey?: Uint8Array
  /** Unix seconds of round 1. */
  genesisTime: number
  /** Seconds between rounds; default 3 (as quicknet). */
  period?: number
  /** Beacon id; default "sortlift-devnet". */
  beaconId?: string
  /** 32-byte genesis seed (drand's groupHash); default: see localGenesisSeed. */
  genesisSeed?: Uint8Array
}

export interface BeaconRound {
  round: bigint
  signature: Uint8Array
  randomness: Uint8Array
}

export interface LocalBeacon {
  readonly network: BeaconNetwork
  readonly secretKey: Uint8Array
  /** The 48-byte compressed G1 signature on round `round`'s message. */
  sign (round: bigint): Uint8Array
  /** Signature and randomness for `round`. */
  round (round: bigint): BeaconRound
}

/**
 * A drand group has a genesis seed (the hash of its group file at genesis).
 * A one-key devnet beacon has no group file, so its default seed is
 *   SHA-256( "sortlift/beacon/genesis-seed/1" ‖ public key ‖ int64be(genesis) ‖ uint32be(period) ).
 * The chain hash is then computed exactly as drand's (chainHashOf).
 */
export function localGenesisSeed (publicKey: Uint8Array, genesisTime: number, period: number): Uint8Array<ArrayBuffer> {
  const tail = new Uint8Array(12)
  const view = new DataView(tail.buffer)
  view.setBigInt64(0, BigInt(genesisTime))
  view.setUint32(8, period)
  return sha256(new TextEncoder().encode('sortlift/beacon/genesis-seed/1'), publicKey, tail)
}

function checkSecretKey (sk: Uint8Array): void {
  if (!(sk instanceof Uint8Array) || sk.length !== 32) beaconReject('BAD_NETWORK', 'beacon secret key must be 32 bytes')
  const k = BigInt('0x' + toHex(sk))
  if (k === 0n || k >= ORDER) beaconReject('BAD_NETWORK', 'beacon secret key must be a scalar in 1 .. r-1')
}

/** The compressed G2 public key (96 bytes) for a 32-byte secret key. */
export function beaconPublicKey (secretKey: Uint8Array): Uint8Array {
  checkSecretKey(secretKey)
  return bls.getPublicKey(secretKey).toBytes(true)
}

export function createLocalBeacon (opts: LocalBeaconOptions): LocalBeacon {
  const secretKey = opts.secretKey !== undefined ? Uint8Array.from(opts.secretKey) : bls12_381.utils.randomSecretKey()
  const period = opts.period ?? 3
  const publicKey = beaconPublicKey(secretKey)
  const genesisSeed = opts.genesisSeed ?? localGenesisSeed(publicKey, opts.genesisTime, period)
  if (genesisSeed.length !== 32) beaconReject('BAD_NETWORK', 'beacon genesis seed must be 32 bytes')
  const info = {
    beaconId: opts.beaconId ?? 'sortlift-devnet',
    schemeId: SCHEME_ID,
    publicKey: toHex(publicKey),
    genesisTime: opts.genesisTime,
    period,
    genesisSeed: toHex(genesisSeed)
  } as const
  if (!Number.isSafeInteger(period) || period < 1 || period > 0xffffffff) beaconReject('BAD_NETWORK', `beacon period must be a positive whole number of seconds, got ${period}`)
  if (!Number.isSafeInteger(opts.genesisTime)) beaconReject('BAD_NETWORK', `beacon genesis time must be whole unix seconds, got ${opts.genesisTime}`)
  const network: BeaconNetwork = Object.freeze({ ...info, chainHash: chainHashOf(info) })
  const sign = (round: bigint): Uint8Array => bls.sign(roundPoint(round), secretKey).toBytes(true)
  return {
    network,
    secretKey,
    sign,
    round (round: bigint): BeaconRound {
      const signature = sign(round)
      return { round, signature, randomness: randomnessOf(signature) }
    }
  }
}

/** Parses a hex secret key (convenience for devnet configs and vectors). */
export function secretKeyFromHex (hex: string): Uint8Array {
  const sk = fromHex(hex)
  checkSecretKey(sk)
  return sk
}
