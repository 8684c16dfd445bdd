/** Why a beacon round (or a beacon network description) was refused. */
export type BeaconErrorCode =
  /** The signature is not a 48-byte compressed, canonical, non-identity G1 point in the prime-order subgroup (or not hex). */
  | 'MALFORMED_SIGNATURE'
  /** The signature decodes, but the pairing check fails for this round under this network's public key. */
  | 'BAD_SIGNATURE'
  /** The round is not an integer in 1 .. 2^64-1, or lies in the future of the caller's clock. */
  | 'ROUND_OUT_OF_RANGE'
  /** The network description itself is unusable: unknown scheme, bad public key, chain hash that does not match its fields. */
  | 'BAD_NETWORK'

/** A refused beacon round or network; `code` is stable, `message` is for people. */
export class BeaconError extends Error {
  constructor (readonly code: BeaconErrorCode, message: string) {
    super(message)
    this.name = 'BeaconError'
  }
}

export function beaconReject (code: BeaconErrorCode, message: string): never {
  throw new BeaconError(code, message)
}
