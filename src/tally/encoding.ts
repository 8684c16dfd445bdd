// Signed encodings and hashes of the tally protocol. Pinned by test/vectors/tally.json.
import { CanonicalWriter } from '../crypto/canonical.js'
import { sha256 } from '../crypto/hash.js'
import { Side, ChitType } from '../../protos/tally.js'
import type { TallyRecord, Chit } from '../../protos/tally.js'

export const TAG_TALLY = 'sortlift/v1/tally'
export const TAG_TALLY_REFUSE = 'sortlift/v1/tally-refuse'
export const TAG_CHIT = 'sortlift/v1/chit'
export const TAG_CHIT_HASH = 'sortlift/v1/chit-hash'
export const TAG_ENTRY = 'sortlift/v1/entry'

export function sideCode (side: Side): number {
  switch (side) {
    case Side.STOCK: return 1
    case Side.FOIL: return 2
    default: return 0
  }
}

export function chitTypeCode (type: ChitType): number {
  switch (type) {
    case ChitType.PAYMENT: return 1
    case ChitType.LIFT: return 2
    case ChitType.SETTING: return 3
    default: return 0
  }
}

export function tallySigningBytes (r: TallyRecord): Uint8Array {
  return new CanonicalWriter(TAG_TALLY)
    .bytes(r.id)
    .u32(r.version)
    .string(r.stock?.address ?? '')
    .bytes(r.stock?.publicKey ?? new Uint8Array())
    .string(r.foil?.address ?? '')
    .bytes(r.foil?.publicKey ?? new Uint8Array())
    .bool(r.hasLimit)
    .i64(r.limit)
    .u64(r.created)
    .u8(sideCode(r.proposer))
    .finish()
}

/** The tally hash; also the `prev` of chain entry 0. */
export function tallyHash (r: TallyRecord): Uint8Array<ArrayBuffer> {
  return sha256(tallySigningBytes(r))
}

export function refuseSigningBytes (r: TallyRecord): Uint8Array {
  return new CanonicalWriter(TAG_TALLY_REFUSE).bytes(r.id).bytes(tallyHash(r)).finish()
}

/** The fields of a chit's signed encoding, after its tag. */
function writeChitFields (w: CanonicalWriter, c: Chit): void {
  w.bytes(c.tallyId)
    .bytes(c.chitId)
    .u8(sideCode(c.issuer))
    .u8(chitTypeCode(c.type))
    .i64(c.units)
    .string(c.memo)
    .string(c.reference)
    .u64(c.time)
    .bool(c.settings != null)
  if (c.settings != null) {
    w.i64(c.settings.target).i64(c.settings.bound).i32(c.settings.reward).i32(c.settings.clutch)
  }
  w.bool(c.close).bytes(c.liftId)
}

export function chitSigningBytes (c: Chit): Uint8Array {
  const w = new CanonicalWriter(TAG_CHIT)
  writeChitFields(w, c)
  return w.finish()
}

export function chitHash (c: Chit): Uint8Array<ArrayBuffer> {
  // bytes(chitSigningBytes(c)), written in place
  return new CanonicalWriter(TAG_CHIT_HASH).nested(TAG_CHIT, w => { writeChitFields(w, c) }).bytes(c.signature).digest()
}

export function entryHash (index: number, prev: Uint8Array, chit: Chit): Uint8Array<ArrayBuffer> {
  return new CanonicalWriter(TAG_ENTRY).u64(index).bytes(prev).bytes(chitHash(chit)).digest()
}
