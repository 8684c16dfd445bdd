import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Instructions {
  liftId: Uint8Array<ArrayBuffer>
  handle: Uint8Array<ArrayBuffer>
  unitsIn: bigint
  unitsOut: bigint
  fee: bigint
  prev: string
  next: string
  deadline: bigint
  memo: string
  reference: string
}

export namespace Instructions {
  let _codec: Codec<Instructions>

  export const codec = (): Codec<Instructions> => {
    if (_codec == null) {
      _codec = message<Instructions>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.liftId != null && obj.liftId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.liftId)
        }

        if ((obj.handle != null && obj.handle.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.handle)
        }

        if ((obj.unitsIn != null && obj.unitsIn !== 0n)) {
          w.uint32(24)
          w.int64(obj.unitsIn)
        }

        if ((obj.unitsOut != null && obj.unitsOut !== 0n)) {
          w.uint32(32)
          w.int64(obj.unitsOut)
        }

        if ((obj.fee != null && obj.fee !== 0n)) {
          w.uint32(40)
          w.int64(obj.fee)
        }

        if ((obj.prev != null && obj.prev !== '')) {
          w.uint32(50)
          w.string(obj.prev)
        }

        if ((obj.next != null && obj.next !== '')) {
          w.uint32(58)
          w.string(obj.next)
        }

        if ((obj.deadline != null && obj.deadline !== 0n)) {
          w.uint32(64)
          w.uint64(obj.deadline)
        }

        if ((obj.memo != null && obj.memo !== '')) {
          w.uint32(74)
          w.string(obj.memo)
        }

        if ((obj.reference != null && obj.reference !== '')) {
          w.uint32(82)
          w.string(obj.reference)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          liftId: uint8ArrayAlloc(0),
          handle: uint8ArrayAlloc(0),
          unitsIn: 0n,
          unitsOut: 0n,
          fee: 0n,
          prev: '',
          next: '',
          deadline: 0n,
          memo: '',
          reference: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.liftId = reader.bytes()
              break
            }
            case 2: {
              obj.handle = reader.bytes()
              break
            }
            case 3: {
              obj.unitsIn = reader.int64()
              break
            }
            case 4: {
              obj.unitsOut = reader.int64()
              break
            }
            case 5: {
              obj.fee = reader.int64()
              break
            }
            case 6: {
              obj.prev = reader.string()
              break
            }
            case 7: {
              obj.next = reader.string()
              break
            }
            case 8: {
              obj.deadline = reader.uint64()
              break
            }
            case 9: {
              obj.memo = reader.string()
              break
            }
            case 10: {
              obj.reference = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.liftId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.handle`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.unitsIn`,
                value: reader.int64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.unitsOut`,
                value: reader.int64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.fee`,
                value: reader.int64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.prev`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.next`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.deadline`,
                value: reader.uint64()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.memo`,
                value: reader.string()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.reference`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface InstructionsLiftIdFieldEvent {
    field: '$.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InstructionsHandleFieldEvent {
    field: '$.handle'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InstructionsUnitsInFieldEvent {
    field: '$.unitsIn'
    value: bigint
  }

  export interface InstructionsUnitsOutFieldEvent {
    field: '$.unitsOut'
    value: bigint
  }

  export interface InstructionsFeeFieldEvent {
    field: '$.fee'
    value: bigint
  }

  export interface InstructionsPrevFieldEvent {
    field: '$.prev'
    value: string
  }

  export interface InstructionsNextFieldEvent {
    field: '$.next'
    value: string
  }

  export interface InstructionsDeadlineFieldEvent {
    field: '$.deadline'
    value: bigint
  }

  export interface InstructionsMemoFieldEvent {
    field: '$.memo'
    value: string
  }

  export interface InstructionsReferenceFieldEvent {
    field: '$.reference'
    value: string
  }

  export function encode (obj: Partial<Instructions>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Instructions.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Instructions>): Instructions {
    return decodeMessage(buf, Instructions.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Instructions>): Generator<InstructionsLiftIdFieldEvent | InstructionsHandleFieldEvent | InstructionsUnitsInFieldEvent | InstructionsUnitsOutFieldEvent | InstructionsFeeFieldEvent | InstructionsPrevFieldEvent | InstructionsNextFieldEvent | InstructionsDeadlineFieldEvent | InstructionsMemoFieldEvent | InstructionsReferenceFieldEvent> {
    return streamMessage(buf, Instructions.codec(), opts)
  }
}

export interface Proposal {
  liftId: Uint8Array<ArrayBuffer>
  referee: string
  deadline: bigint
  envelopes: Uint8Array<ArrayBuffer>[]
}

export namespace Proposal {
  let _codec: Codec<Proposal>

  export const codec = (): Codec<Proposal> => {
    if (_codec == null) {
      _codec = message<Proposal>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.liftId != null && obj.liftId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.liftId)
        }

        if ((obj.referee != null && obj.referee !== '')) {
          w.uint32(18)
          w.string(obj.referee)
        }

        if ((obj.deadline != null && obj.deadline !== 0n)) {
          w.uint32(24)
          w.uint64(obj.deadline)
        }

        if (obj.envelopes != null && obj.envelopes.length > 0) {
          for (const value of obj.envelopes) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          liftId: uint8ArrayAlloc(0),
          referee: '',
          deadline: 0n,
          envelopes: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.liftId = reader.bytes()
              break
            }
            case 2: {
              obj.referee = reader.string()
              break
            }
            case 3: {
              obj.deadline = reader.uint64()
              break
            }
            case 4: {
              if (opts.limits?.envelopes != null && obj.envelopes.length === opts.limits.envelopes) {
                throw new MaxLengthError('Decode error - repeated field "envelopes" had too many elements')
              }

              obj.envelopes.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          envelopes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.liftId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.referee`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.deadline`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              if (opts.limits?.envelopes != null && obj.envelopes === opts.limits.envelopes) {
                throw new MaxLengthError('Streaming decode error - repeated field "envelopes" had too many elements')
              }

              yield {
                field: `${prefix}.envelopes[]`,
                index: obj.envelopes,
                value: reader.bytes()
              }

              obj.envelopes++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProposalLiftIdFieldEvent {
    field: '$.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalRefereeFieldEvent {
    field: '$.referee'
    value: string
  }

  export interface ProposalDeadlineFieldEvent {
    field: '$.deadline'
    value: bigint
  }

  export interface ProposalEnvelopesFieldEvent {
    field: '$.envelopes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Proposal>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Proposal.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proposal>): Proposal {
    return decodeMessage(buf, Proposal.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proposal>): Generator<ProposalLiftIdFieldEvent | ProposalRefereeFieldEvent | ProposalDeadlineFieldEvent | ProposalEnvelopesFieldEvent> {
    return streamMessage(buf, Proposal.codec(), opts)
  }
}

export interface Promise {
  liftId: Uint8Array<ArrayBuffer>
  peer: string
  envelopeHash: Uint8Array<ArrayBuffer>
  unitsIn: bigint
  unitsOut: bigint
  signature: Uint8Array<ArrayBuffer>
}

export namespace Promise {
  let _codec: Codec<Promise>

  export const codec = (): Codec<Promise> => {
    if (_codec == null) {
      _codec = message<Promise>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.liftId != null && obj.liftId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.liftId)
        }

        if ((obj.peer != null && obj.peer !== '')) {
          w.uint32(18)
          w.string(obj.peer)
        }

        if ((obj.envelopeHash != null && obj.envelopeHash.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.envelopeHash)
        }

        if ((obj.unitsIn != null && obj.unitsIn !== 0n)) {
          w.uint32(32)
          w.int64(obj.unitsIn)
        }

        if ((obj.unitsOut != null && obj.unitsOut !== 0n)) {
          w.uint32(40)
          w.int64(obj.unitsOut)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          liftId: uint8ArrayAlloc(0),
          peer: '',
          envelopeHash: uint8ArrayAlloc(0),
          unitsIn: 0n,
          unitsOut: 0n,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.liftId = reader.bytes()
              break
            }
            case 2: {
              obj.peer = reader.string()
              break
            }
            case 3: {
              obj.envelopeHash = reader.bytes()
              break
            }
            case 4: {
              obj.unitsIn = reader.int64()
              break
            }
            case 5: {
              obj.unitsOut = reader.int64()
              break
            }
            case 6: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.liftId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.peer`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.envelopeHash`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.unitsIn`,
                value: reader.int64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.unitsOut`,
                value: reader.int64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PromiseLiftIdFieldEvent {
    field: '$.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PromisePeerFieldEvent {
    field: '$.peer'
    value: string
  }

  export interface PromiseEnvelopeHashFieldEvent {
    field: '$.envelopeHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PromiseUnitsInFieldEvent {
    field: '$.unitsIn'
    value: bigint
  }

  export interface PromiseUnitsOutFieldEvent {
    field: '$.unitsOut'
    value: bigint
  }

  export interface PromiseSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Promise>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Promise.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Promise>): Promise {
    return decodeMessage(buf, Promise.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Promise>): Generator<PromiseLiftIdFieldEvent | PromisePeerFieldEvent | PromiseEnvelopeHashFieldEvent | PromiseUnitsInFieldEvent | PromiseUnitsOutFieldEvent | PromiseSignatureFieldEvent> {
    return streamMessage(buf, Promise.codec(), opts)
  }
}

export interface Decision {
  liftId: Uint8Array<ArrayBuffer>
  good: boolean
  time: bigint
  reason: string
  referee: string
  signature: Uint8Array<ArrayBuffer>
}

export namespace Decision {
  let _codec: Codec<Decision>

  export const codec = (): Codec<Decision> => {
    if (_codec == null) {
      _codec = message<Decision>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.liftId != null && obj.liftId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.liftId)
        }

        if ((obj.good != null && obj.good !== false)) {
          w.uint32(16)
          w.bool(obj.good)
        }

        if ((obj.time != null && obj.time !== 0n)) {
          w.uint32(24)
          w.uint64(obj.time)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(34)
          w.string(obj.reason)
        }

        if ((obj.referee != null && obj.referee !== '')) {
          w.uint32(42)
          w.string(obj.referee)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          liftId: uint8ArrayAlloc(0),
          good: false,
          time: 0n,
          reason: '',
          referee: '',
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.liftId = reader.bytes()
              break
            }
            case 2: {
              obj.good = reader.bool()
              break
            }
            case 3: {
              obj.time = reader.uint64()
              break
            }
            case 4: {
              obj.reason = reader.string()
              break
            }
            case 5: {
              obj.referee = reader.string()
              break
            }
            case 6: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.liftId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.good`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.time`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.referee`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DecisionLiftIdFieldEvent {
    field: '$.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DecisionGoodFieldEvent {
    field: '$.good'
    value: boolean
  }

  export interface DecisionTimeFieldEvent {
    field: '$.time'
    value: bigint
  }

  export interface DecisionReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface DecisionRefereeFieldEvent {
    field: '$.referee'
    value: string
  }

  export interface DecisionSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Decision>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Decision.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Decision>): Decision {
    return decodeMessage(buf, Decision.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Decision>): Generator<DecisionLiftIdFieldEvent | DecisionGoodFieldEvent | DecisionTimeFieldEvent | DecisionReasonFieldEvent | DecisionRefereeFieldEvent | DecisionSignatureFieldEvent> {
    return streamMessage(buf, Decision.codec(), opts)
  }
}

export interface DecisionQuery {
  liftId: Uint8Array<ArrayBuffer>
}

export namespace DecisionQuery {
  let _codec: Codec<DecisionQuery>

  export const codec = (): Codec<DecisionQuery> => {
    if (_codec == null) {
      _codec = message<DecisionQuery>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.liftId != null && obj.liftId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.liftId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          liftId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.liftId = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.liftId`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DecisionQueryLiftIdFieldEvent {
    field: '$.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<DecisionQuery>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DecisionQuery.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DecisionQuery>): DecisionQuery {
    return decodeMessage(buf, DecisionQuery.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DecisionQuery>): Generator<DecisionQueryLiftIdFieldEvent> {
    return streamMessage(buf, DecisionQuery.codec(), opts)
  }
}

export interface LiftRequest {
  proposal?: Proposal
  promise?: Promise
  decision?: Decision
  query?: DecisionQuery
}

export namespace LiftRequest {
  let _codec: Codec<LiftRequest>

  export const codec = (): Codec<LiftRequest> => {
    if (_codec == null) {
      _codec = message<LiftRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.proposal != null) {
          w.uint32(10)
          Proposal.codec().encode(obj.proposal, w)
        }

        if (obj.promise != null) {
          w.uint32(18)
          Promise.codec().encode(obj.promise, w)
        }

        if (obj.decision != null) {
          w.uint32(26)
          Decision.codec().encode(obj.decision, w)
        }

        if (obj.query != null) {
          w.uint32(34)
          DecisionQuery.codec().encode(obj.query, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.proposal = Proposal.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proposal
              })
              break
            }
            case 2: {
              obj.promise = Promise.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.promise
              })
              break
            }
            case 3: {
              obj.decision = Decision.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.decision
              })
              break
            }
            case 4: {
              obj.query = DecisionQuery.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.query
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Proposal.codec().stream(reader, reader.uint32(), `${prefix}.proposal`, {
                limits: opts.limits?.proposal
              })

              break
            }
            case 2: {
              yield * Promise.codec().stream(reader, reader.uint32(), `${prefix}.promise`, {
                limits: opts.limits?.promise
              })

              break
            }
            case 3: {
              yield * Decision.codec().stream(reader, reader.uint32(), `${prefix}.decision`, {
                limits: opts.limits?.decision
              })

              break
            }
            case 4: {
              yield * DecisionQuery.codec().stream(reader, reader.uint32(), `${prefix}.query`, {
                limits: opts.limits?.query
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface LiftRequestProposalLiftIdFieldEvent {
    field: '$.proposal.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LiftRequestProposalRefereeFieldEvent {
    field: '$.proposal.referee'
    value: string
  }

  export interface LiftRequestProposalDeadlineFieldEvent {
    field: '$.proposal.deadline'
    value: bigint
  }

  export interface LiftRequestProposalEnvelopesFieldEvent {
    field: '$.proposal.envelopes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface LiftRequestPromiseLiftIdFieldEvent {
    field: '$.promise.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LiftRequestPromisePeerFieldEvent {
    field: '$.promise.peer'
    value: string
  }

  export interface LiftRequestPromiseEnvelopeHashFieldEvent {
    field: '$.promise.envelopeHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LiftRequestPromiseUnitsInFieldEvent {
    field: '$.promise.unitsIn'
    value: bigint
  }

  export interface LiftRequestPromiseUnitsOutFieldEvent {
    field: '$.promise.unitsOut'
    value: bigint
  }

  export interface LiftRequestPromiseSignatureFieldEvent {
    field: '$.promise.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LiftRequestDecisionLiftIdFieldEvent {
    field: '$.decision.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LiftRequestDecisionGoodFieldEvent {
    field: '$.decision.good'
    value: boolean
  }

  export interface LiftRequestDecisionTimeFieldEvent {
    field: '$.decision.time'
    value: bigint
  }

  export interface LiftRequestDecisionReasonFieldEvent {
    field: '$.decision.reason'
    value: string
  }

  export interface LiftRequestDecisionRefereeFieldEvent {
    field: '$.decision.referee'
    value: string
  }

  export interface LiftRequestDecisionSignatureFieldEvent {
    field: '$.decision.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LiftRequestQueryLiftIdFieldEvent {
    field: '$.query.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<LiftRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LiftRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LiftRequest>): LiftRequest {
    return decodeMessage(buf, LiftRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LiftRequest>): Generator<LiftRequestProposalLiftIdFieldEvent | LiftRequestProposalRefereeFieldEvent | LiftRequestProposalDeadlineFieldEvent | LiftRequestProposalEnvelopesFieldEvent | LiftRequestPromiseLiftIdFieldEvent | LiftRequestPromisePeerFieldEvent | LiftRequestPromiseEnvelopeHashFieldEvent | LiftRequestPromiseUnitsInFieldEvent | LiftRequestPromiseUnitsOutFieldEvent | LiftRequestPromiseSignatureFieldEvent | LiftRequestDecisionLiftIdFieldEvent | LiftRequestDecisionGoodFieldEvent | LiftRequestDecisionTimeFieldEvent | LiftRequestDecisionReasonFieldEvent | LiftRequestDecisionRefereeFieldEvent | LiftRequestDecisionSignatureFieldEvent | LiftRequestQueryLiftIdFieldEvent> {
    return streamMessage(buf, LiftRequest.codec(), opts)
  }
}

export enum LiftCode {
  LIFT_OK = 'LIFT_OK',
  LIFT_MALFORMED = 'LIFT_MALFORMED',
  LIFT_BAD_SIGNATURE = 'LIFT_BAD_SIGNATURE',
  LIFT_BAD_ENVELOPE = 'LIFT_BAD_ENVELOPE',
  LIFT_UNKNOWN = 'LIFT_UNKNOWN',
  LIFT_NO_CAPACITY = 'LIFT_NO_CAPACITY',
  LIFT_DUPLICATE = 'LIFT_DUPLICATE',
  LIFT_EXPIRED = 'LIFT_EXPIRED',
  LIFT_NOT_REFEREE = 'LIFT_NOT_REFEREE',
  LIFT_NOT_NEIGHBOUR = 'LIFT_NOT_NEIGHBOUR',
  LIFT_UNDECIDED = 'LIFT_UNDECIDED',
  LIFT_INTERNAL = 'LIFT_INTERNAL'
}

enum __LiftCodeValues {
  LIFT_OK = 0,
  LIFT_MALFORMED = 1,
  LIFT_BAD_SIGNATURE = 2,
  LIFT_BAD_ENVELOPE = 3,
  LIFT_UNKNOWN = 4,
  LIFT_NO_CAPACITY = 5,
  LIFT_DUPLICATE = 6,
  LIFT_EXPIRED = 7,
  LIFT_NOT_REFEREE = 8,
  LIFT_NOT_NEIGHBOUR = 9,
  LIFT_UNDECIDED = 10,
  LIFT_INTERNAL = 11
}

export namespace LiftCode {
  export const codec = (): Codec<LiftCode> => {
    return enumeration<LiftCode>(__LiftCodeValues)
  }
}

export interface LiftResponse {
  code: LiftCode
  message: string
  decision?: Decision
}

export namespace LiftResponse {
  let _codec: Codec<LiftResponse>

  export const codec = (): Codec<LiftResponse> => {
    if (_codec == null) {
      _codec = message<LiftResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.code != null && __LiftCodeValues[obj.code] !== 0) {
          w.uint32(8)
          LiftCode.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if (obj.decision != null) {
          w.uint32(26)
          Decision.codec().encode(obj.decision, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: LiftCode.LIFT_OK,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = LiftCode.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              obj.decision = Decision.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.decision
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.code`,
                value: LiftCode.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield * Decision.codec().stream(reader, reader.uint32(), `${prefix}.decision`, {
                limits: opts.limits?.decision
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface LiftResponseCodeFieldEvent {
    field: '$.code'
    value: LiftCode
  }

  export interface LiftResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface LiftResponseDecisionLiftIdFieldEvent {
    field: '$.decision.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LiftResponseDecisionGoodFieldEvent {
    field: '$.decision.good'
    value: boolean
  }

  export interface LiftResponseDecisionTimeFieldEvent {
    field: '$.decision.time'
    value: bigint
  }

  export interface LiftResponseDecisionReasonFieldEvent {
    field: '$.decision.reason'
    value: string
  }

  export interface LiftResponseDecisionRefereeFieldEvent {
    field: '$.decision.referee'
    value: string
  }

  export interface LiftResponseDecisionSignatureFieldEvent {
    field: '$.decision.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<LiftResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LiftResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LiftResponse>): LiftResponse {
    return decodeMessage(buf, LiftResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LiftResponse>): Generator<LiftResponseCodeFieldEvent | LiftResponseMessageFieldEvent | LiftResponseDecisionLiftIdFieldEvent | LiftResponseDecisionGoodFieldEvent | LiftResponseDecisionTimeFieldEvent | LiftResponseDecisionReasonFieldEvent | LiftResponseDecisionRefereeFieldEvent | LiftResponseDecisionSignatureFieldEvent> {
    return streamMessage(buf, LiftResponse.codec(), opts)
  }
}
