import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum RouteError {
  OK = 'OK',
  MALFORMED = 'MALFORMED',
  EXPIRED = 'EXPIRED',
  HOP_BUDGET_EXHAUSTED = 'HOP_BUDGET_EXHAUSTED',
  NOT_COUNTERPARTY = 'NOT_COUNTERPARTY',
  UNKNOWN_TALLY = 'UNKNOWN_TALLY',
  DUPLICATE = 'DUPLICATE',
  INTERNAL = 'INTERNAL'
}

enum __RouteErrorValues {
  OK = 0,
  MALFORMED = 1,
  EXPIRED = 2,
  HOP_BUDGET_EXHAUSTED = 3,
  NOT_COUNTERPARTY = 4,
  UNKNOWN_TALLY = 5,
  DUPLICATE = 6,
  INTERNAL = 7
}

export namespace RouteError {
  export const codec = (): Codec<RouteError> => {
    return enumeration<RouteError>(__RouteErrorValues)
  }
}

export interface RouteQuery {
  session: Uint8Array<ArrayBuffer>
  salt: Uint8Array<ArrayBuffer>
  target: Uint8Array<ArrayBuffer>
  units: bigint
  hopsLeft: number
  deadline: bigint
  visited: string[]
  entry: Uint8Array<ArrayBuffer>
}

export namespace RouteQuery {
  let _codec: Codec<RouteQuery>

  export const codec = (): Codec<RouteQuery> => {
    if (_codec == null) {
      _codec = message<RouteQuery>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.session != null && obj.session.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.session)
        }

        if ((obj.salt != null && obj.salt.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.salt)
        }

        if ((obj.target != null && obj.target.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.target)
        }

        if ((obj.units != null && obj.units !== 0n)) {
          w.uint32(32)
          w.int64(obj.units)
        }

        if ((obj.hopsLeft != null && obj.hopsLeft !== 0)) {
          w.uint32(40)
          w.uint32(obj.hopsLeft)
        }

        if ((obj.deadline != null && obj.deadline !== 0n)) {
          w.uint32(48)
          w.uint64(obj.deadline)
        }

        if (obj.visited != null && obj.visited.length > 0) {
          for (const value of obj.visited) {
            w.uint32(58)
            w.string(value)
          }
        }

        if ((obj.entry != null && obj.entry.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.entry)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          session: uint8ArrayAlloc(0),
          salt: uint8ArrayAlloc(0),
          target: uint8ArrayAlloc(0),
          units: 0n,
          hopsLeft: 0,
          deadline: 0n,
          visited: [],
          entry: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.session = reader.bytes()
              break
            }
            case 2: {
              obj.salt = reader.bytes()
              break
            }
            case 3: {
              obj.target = reader.bytes()
              break
            }
            case 4: {
              obj.units = reader.int64()
              break
            }
            case 5: {
              obj.hopsLeft = reader.uint32()
              break
            }
            case 6: {
              obj.deadline = reader.uint64()
              break
            }
            case 7: {
              if (opts.limits?.visited != null && obj.visited.length === opts.limits.visited) {
                throw new MaxLengthError('Decode error - repeated field "visited" had too many elements')
              }

              obj.visited.push(reader.string())
              break
            }
            case 8: {
              obj.entry = reader.bytes()
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
          visited: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.session`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.salt`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.target`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.units`,
                value: reader.int64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.hopsLeft`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.deadline`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              if (opts.limits?.visited != null && obj.visited === opts.limits.visited) {
                throw new MaxLengthError('Streaming decode error - repeated field "visited" had too many elements')
              }

              yield {
                field: `${prefix}.visited[]`,
                index: obj.visited,
                value: reader.string()
              }

              obj.visited++

              break
            }
            case 8: {
              yield {
                field: `${prefix}.entry`,
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

  export interface RouteQuerySessionFieldEvent {
    field: '$.session'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RouteQuerySaltFieldEvent {
    field: '$.salt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RouteQueryTargetFieldEvent {
    field: '$.target'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RouteQueryUnitsFieldEvent {
    field: '$.units'
    value: bigint
  }

  export interface RouteQueryHopsLeftFieldEvent {
    field: '$.hopsLeft'
    value: number
  }

  export interface RouteQueryDeadlineFieldEvent {
    field: '$.deadline'
    value: bigint
  }

  export interface RouteQueryVisitedFieldEvent {
    field: '$.visited[]'
    index: number
    value: string
  }

  export interface RouteQueryEntryFieldEvent {
    field: '$.entry'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<RouteQuery>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RouteQuery.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RouteQuery>): RouteQuery {
    return decodeMessage(buf, RouteQuery.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RouteQuery>): Generator<RouteQuerySessionFieldEvent | RouteQuerySaltFieldEvent | RouteQueryTargetFieldEvent | RouteQueryUnitsFieldEvent | RouteQueryHopsLeftFieldEvent | RouteQueryDeadlineFieldEvent | RouteQueryVisitedFieldEvent | RouteQueryEntryFieldEvent> {
    return streamMessage(buf, RouteQuery.codec(), opts)
  }
}

export interface Lading {
  min: bigint
  max: bigint
  reward: number
  margin: number
  unbounded: boolean
}

export namespace Lading {
  let _codec: Codec<Lading>

  export const codec = (): Codec<Lading> => {
    if (_codec == null) {
      _codec = message<Lading>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.min != null && obj.min !== 0n)) {
          w.uint32(8)
          w.int64(obj.min)
        }

        if ((obj.max != null && obj.max !== 0n)) {
          w.uint32(16)
          w.int64(obj.max)
        }

        if ((obj.reward != null && obj.reward !== 0)) {
          w.uint32(24)
          w.sint32(obj.reward)
        }

        if ((obj.margin != null && obj.margin !== 0)) {
          w.uint32(32)
          w.sint32(obj.margin)
        }

        if ((obj.unbounded != null && obj.unbounded !== false)) {
          w.uint32(40)
          w.bool(obj.unbounded)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          min: 0n,
          max: 0n,
          reward: 0,
          margin: 0,
          unbounded: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.min = reader.int64()
              break
            }
            case 2: {
              obj.max = reader.int64()
              break
            }
            case 3: {
              obj.reward = reader.sint32()
              break
            }
            case 4: {
              obj.margin = reader.sint32()
              break
            }
            case 5: {
              obj.unbounded = reader.bool()
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
                field: `${prefix}.min`,
                value: reader.int64()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.max`,
                value: reader.int64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.reward`,
                value: reader.sint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.margin`,
                value: reader.sint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.unbounded`,
                value: reader.bool()
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

  export interface LadingMinFieldEvent {
    field: '$.min'
    value: bigint
  }

  export interface LadingMaxFieldEvent {
    field: '$.max'
    value: bigint
  }

  export interface LadingRewardFieldEvent {
    field: '$.reward'
    value: number
  }

  export interface LadingMarginFieldEvent {
    field: '$.margin'
    value: number
  }

  export interface LadingUnboundedFieldEvent {
    field: '$.unbounded'
    value: boolean
  }

  export function encode (obj: Partial<Lading>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Lading.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Lading>): Lading {
    return decodeMessage(buf, Lading.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Lading>): Generator<LadingMinFieldEvent | LadingMaxFieldEvent | LadingRewardFieldEvent | LadingMarginFieldEvent | LadingUnboundedFieldEvent> {
    return streamMessage(buf, Lading.codec(), opts)
  }
}

export interface Hop {
  peer: string
  handle: Uint8Array<ArrayBuffer>
  lading?: Lading
}

export namespace Hop {
  let _codec: Codec<Hop>

  export const codec = (): Codec<Hop> => {
    if (_codec == null) {
      _codec = message<Hop>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.peer != null && obj.peer !== '')) {
          w.uint32(10)
          w.string(obj.peer)
        }

        if ((obj.handle != null && obj.handle.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.handle)
        }

        if (obj.lading != null) {
          w.uint32(26)
          Lading.codec().encode(obj.lading, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          peer: '',
          handle: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.peer = reader.string()
              break
            }
            case 2: {
              obj.handle = reader.bytes()
              break
            }
            case 3: {
              obj.lading = Lading.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lading
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
                field: `${prefix}.peer`,
                value: reader.string()
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
              yield * Lading.codec().stream(reader, reader.uint32(), `${prefix}.lading`, {
                limits: opts.limits?.lading
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

  export interface HopPeerFieldEvent {
    field: '$.peer'
    value: string
  }

  export interface HopHandleFieldEvent {
    field: '$.handle'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HopLadingMinFieldEvent {
    field: '$.lading.min'
    value: bigint
  }

  export interface HopLadingMaxFieldEvent {
    field: '$.lading.max'
    value: bigint
  }

  export interface HopLadingRewardFieldEvent {
    field: '$.lading.reward'
    value: number
  }

  export interface HopLadingMarginFieldEvent {
    field: '$.lading.margin'
    value: number
  }

  export interface HopLadingUnboundedFieldEvent {
    field: '$.lading.unbounded'
    value: boolean
  }

  export function encode (obj: Partial<Hop>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Hop.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hop>): Hop {
    return decodeMessage(buf, Hop.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hop>): Generator<HopPeerFieldEvent | HopHandleFieldEvent | HopLadingMinFieldEvent | HopLadingMaxFieldEvent | HopLadingRewardFieldEvent | HopLadingMarginFieldEvent | HopLadingUnboundedFieldEvent> {
    return streamMessage(buf, Hop.codec(), opts)
  }
}

export interface Route {
  hops: Hop[]
}

export namespace Route {
  let _codec: Codec<Route>

  export const codec = (): Codec<Route> => {
    if (_codec == null) {
      _codec = message<Route>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.hops != null && obj.hops.length > 0) {
          for (const value of obj.hops) {
            w.uint32(10)
            Hop.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          hops: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.hops != null && obj.hops.length === opts.limits.hops) {
                throw new MaxLengthError('Decode error - repeated field "hops" had too many elements')
              }

              obj.hops.push(Hop.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.hops$
              }))
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
          hops: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.hops != null && obj.hops === opts.limits.hops) {
                throw new MaxLengthError('Streaming decode error - repeated field "hops" had too many elements')
              }

              for (const evt of Hop.codec().stream(reader, reader.uint32(), `${prefix}.hops[]`, {
                limits: opts.limits?.hops$
              })) {
                yield {
                  ...evt,
                  index: obj.hops
                }
              }

              obj.hops++

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

  export interface RouteHopsPeerFieldEvent {
    field: '$.hops[].peer'
    value: string
    index: number
  }

  export interface RouteHopsHandleFieldEvent {
    field: '$.hops[].handle'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RouteHopsLadingMinFieldEvent {
    field: '$.hops[].lading.min'
    value: bigint
    index: number
  }

  export interface RouteHopsLadingMaxFieldEvent {
    field: '$.hops[].lading.max'
    value: bigint
    index: number
  }

  export interface RouteHopsLadingRewardFieldEvent {
    field: '$.hops[].lading.reward'
    value: number
    index: number
  }

  export interface RouteHopsLadingMarginFieldEvent {
    field: '$.hops[].lading.margin'
    value: number
    index: number
  }

  export interface RouteHopsLadingUnboundedFieldEvent {
    field: '$.hops[].lading.unbounded'
    value: boolean
    index: number
  }

  export function encode (obj: Partial<Route>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Route.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Route>): Route {
    return decodeMessage(buf, Route.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Route>): Generator<RouteHopsPeerFieldEvent | RouteHopsHandleFieldEvent | RouteHopsLadingMinFieldEvent | RouteHopsLadingMaxFieldEvent | RouteHopsLadingRewardFieldEvent | RouteHopsLadingMarginFieldEvent | RouteHopsLadingUnboundedFieldEvent> {
    return streamMessage(buf, Route.codec(), opts)
  }
}

export interface RouteResponse {
  code: RouteError
  message: string
  routes: Route[]
}

export namespace RouteResponse {
  let _codec: Codec<RouteResponse>

  export const codec = (): Codec<RouteResponse> => {
    if (_codec == null) {
      _codec = message<RouteResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.code != null && __RouteErrorValues[obj.code] !== 0) {
          w.uint32(8)
          RouteError.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if (obj.routes != null && obj.routes.length > 0) {
          for (const value of obj.routes) {
            w.uint32(26)
            Route.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: RouteError.OK,
          message: '',
          routes: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = RouteError.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.routes != null && obj.routes.length === opts.limits.routes) {
                throw new MaxLengthError('Decode error - repeated field "routes" had too many elements')
              }

              obj.routes.push(Route.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.routes$
              }))
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
          routes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.code`,
                value: RouteError.codec().decode(reader)
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
              if (opts.limits?.routes != null && obj.routes === opts.limits.routes) {
                throw new MaxLengthError('Streaming decode error - repeated field "routes" had too many elements')
              }

              for (const evt of Route.codec().stream(reader, reader.uint32(), `${prefix}.routes[]`, {
                limits: opts.limits?.routes$
              })) {
                yield {
                  ...evt,
                  index: obj.routes
                }
              }

              obj.routes++

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

  export interface RouteResponseCodeFieldEvent {
    field: '$.code'
    value: RouteError
  }

  export interface RouteResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface RouteResponseRoutesHopsPeerFieldEvent {
    field: '$.routes[].hops[].peer'
    value: string
    index: number
  }

  export interface RouteResponseRoutesHopsHandleFieldEvent {
    field: '$.routes[].hops[].handle'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RouteResponseRoutesHopsLadingMinFieldEvent {
    field: '$.routes[].hops[].lading.min'
    value: bigint
    index: number
  }

  export interface RouteResponseRoutesHopsLadingMaxFieldEvent {
    field: '$.routes[].hops[].lading.max'
    value: bigint
    index: number
  }

  export interface RouteResponseRoutesHopsLadingRewardFieldEvent {
    field: '$.routes[].hops[].lading.reward'
    value: number
    index: number
  }

  export interface RouteResponseRoutesHopsLadingMarginFieldEvent {
    field: '$.routes[].hops[].lading.margin'
    value: number
    index: number
  }

  export interface RouteResponseRoutesHopsLadingUnboundedFieldEvent {
    field: '$.routes[].hops[].lading.unbounded'
    value: boolean
    index: number
  }

  export function encode (obj: Partial<RouteResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RouteResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RouteResponse>): RouteResponse {
    return decodeMessage(buf, RouteResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RouteResponse>): Generator<RouteResponseCodeFieldEvent | RouteResponseMessageFieldEvent | RouteResponseRoutesHopsPeerFieldEvent | RouteResponseRoutesHopsHandleFieldEvent | RouteResponseRoutesHopsLadingMinFieldEvent | RouteResponseRoutesHopsLadingMaxFieldEvent | RouteResponseRoutesHopsLadingRewardFieldEvent | RouteResponseRoutesHopsLadingMarginFieldEvent | RouteResponseRoutesHopsLadingUnboundedFieldEvent> {
    return streamMessage(buf, RouteResponse.codec(), opts)
  }
}
