// The gossip payload of /sortlift/beacon/1: one round of one beacon chain, as
// a canonical encoding (PROTOCOL conventions: tag, then fields), so that the
// content-derived gossip message id, SHA-256 of these bytes, is the same in
// every implementation.
//   tag "sortlift/v1/beacon-round", bytes(chain hash, 32), u64 round, bytes(signature, 48)
import { CanonicalWriter } from '../crypto/canonical.js'
import { Reader } from '../sortition/reader.js'
import { fromHex, toHex } from '../crypto/bytes.js'
import { MAX_ROUND } from './networks.js'
import { SIGNATURE_LENGTH } from './verify.js'

export const TAG_BEACON_ROUND = 'sortlift/v1/beacon-round'
/** largest payload a node accepts on the beacon topic */
export const MAX_BEACON_MESSAGE = 256

export interface BeaconRoundMessage {
  /** lowercase hex, 32 bytes */
  chainHash: string
  round: bigint
  /** 48-byte compressed G1 signature */
  signature: Uint8Array
}

export function encodeBeaconRound (m: BeaconRoundMessage): Uint8Array {
  const chain = fromHex(m.chainHash)
  if (chain.length !== 32) throw new RangeError('chain hash must be 32 bytes')
  if (m.round < 1n || m.round > MAX_ROUND) throw new RangeError(`round out of range: ${m.round}`)
  return new CanonicalWriter(TAG_BEACON_ROUND).bytes(chain).u64(m.round).bytes(m.signature).finish()
}

/** Strict decode: exact tag, 32-byte chain hash, 48-byte signature, no trailing bytes. Throws Error. */
export function decodeBeaconRound (b: Uint8Array): BeaconRoundMessage {
  if (b.length > MAX_BEACON_MESSAGE) throw new Error(`beacon message of ${b.length} bytes exceeds ${MAX_BEACON_MESSAGE}`)
  try {
    const r = new Reader(b, 'MALFORMED_PROOF', 'beacon round')
    r.tag(TAG_BEACON_ROUND)
    const chain = r.bytes(32)
    if (chain.length !== 32) throw new Error('beacon round: chain hash must be 32 bytes')
    const hi = r.u32()
    const lo = r.u32()
    const round = (BigInt(hi) << 32n) | BigInt(lo)
    const signature = r.bytes(SIGNATURE_LENGTH)
    if (signature.length !== SIGNATURE_LENGTH) throw new Error(`beacon round: signature must be ${SIGNATURE_LENGTH} bytes`)
    r.end()
    return { chainHash: toHex(chain), round, signature }
  } catch (err: any) {
    throw new Error(err?.message ?? String(err))
  }
}
