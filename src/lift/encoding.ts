// Signed encodings of the lift protocol (PROTOCOL.md; pinned by test/vectors/lift.json).
import { CanonicalWriter } from '../crypto/canonical.js'
import type { Promise as LiftPromise, Decision } from '../../protos/lift.js'

export const TAG_PROMISE = 'sortlift/v1/lift-promise'
export const TAG_DECISION = 'sortlift/v1/lift-decision'

export function promiseSigningBytes (p: LiftPromise): Uint8Array {
  return new CanonicalWriter(TAG_PROMISE)
    .bytes(p.liftId)
    .string(p.peer)
    .bytes(p.envelopeHash)
    .i64(p.unitsIn)
    .i64(p.unitsOut)
    .finish()
}

export function decisionSigningBytes (d: Decision): Uint8Array {
  return new CanonicalWriter(TAG_DECISION)
    .bytes(d.liftId)
    .bool(d.good)
    .u64(d.time)
    .string(d.reason)
    .string(d.referee)
    .finish()
}
