import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum SortitionCode {
  SORTITION_OK = 'SORTITION_OK',
  SORTITION_MALFORMED = 'SORTITION_MALFORMED',
  SORTITION_BAD_SIGNATURE = 'SORTITION_BAD_SIGNATURE',
  SORTITION_UNKNOWN_CHAIN = 'SORTITION_UNKNOWN_CHAIN',
  SORTITION_NOT_OWNER = 'SORTITION_NOT_OWNER',
  SORTITION_STALE_CUSTODY = 'SORTITION_STALE_CUSTODY',
  SORTITION_BAD_REGION = 'SORTITION_BAD_REGION',
  SORTITION_NO_SPACE = 'SORTITION_NO_SPACE',
  SORTITION_PAYMENT_NOT_FOUND = 'SORTITION_PAYMENT_NOT_FOUND',
  SORTITION_PAYMENT_USED = 'SORTITION_PAYMENT_USED',
  SORTITION_UNDERPAID = 'SORTITION_UNDERPAID',
  SORTITION_CLOSED = 'SORTITION_CLOSED',
  SORTITION_INTERNAL = 'SORTITION_INTERNAL'
}

enum __SortitionCodeValues {
  SORTITION_OK = 0,
  SORTITION_MALFORMED = 1,
  SORTITION_BAD_SIGNATURE = 2,
  SORTITION_UNKNOWN_CHAIN = 3,
  SORTITION_NOT_OWNER = 4,
  SORTITION_STALE_CUSTODY = 5,
  SORTITION_BAD_REGION = 6,
  SORTITION_NO_SPACE = 7,
  SORTITION_PAYMENT_NOT_FOUND = 8,
  SORTITION_PAYMENT_USED = 9,
  SORTITION_UNDERPAID = 10,
  SORTITION_CLOSED = 11,
  SORTITION_INTERNAL = 12
}

export namespace SortitionCode {
  export const codec = (): Codec<SortitionCode> => {
    return enumeration<SortitionCode>(__SortitionCodeValues)
  }
}

export interface Condition {
  predicate: Uint8Array<ArrayBuffer>
  value: boolean
}

export namespace Condition {
  let _codec: Codec<Condition>

  export const codec = (): Codec<Condition> => {
    if (_codec == null) {
      _codec = message<Condition>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.predicate != null && obj.predicate.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.predicate)
        }

        if ((obj.value != null && obj.value !== false)) {
          w.uint32(16)
          w.bool(obj.value)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          predicate: uint8ArrayAlloc(0),
          value: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.predicate = reader.bytes()
              break
            }
            case 2: {
              obj.value = reader.bool()
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
                field: `${prefix}.predicate`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.value`,
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

  export interface ConditionPredicateFieldEvent {
    field: '$.predicate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ConditionValueFieldEvent {
    field: '$.value'
    value: boolean
  }

  export function encode (obj: Partial<Condition>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Condition.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Condition>): Condition {
    return decodeMessage(buf, Condition.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Condition>): Generator<ConditionPredicateFieldEvent | ConditionValueFieldEvent> {
    return streamMessage(buf, Condition.codec(), opts)
  }
}

export interface ChainRecord {
  operator: Uint8Array<ArrayBuffer>
  operatorAddress: string
  value: bigint
  tradingEnd: bigint
  beaconRound: bigint
  hasParent: boolean
  parentId: Uint8Array<ArrayBuffer>
  parentLo: Uint8Array<ArrayBuffer>
  parentConditions: Condition[]
  created: bigint
  nonce: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace ChainRecord {
  let _codec: Codec<ChainRecord>

  export const codec = (): Codec<ChainRecord> => {
    if (_codec == null) {
      _codec = message<ChainRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.operator != null && obj.operator.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.operator)
        }

        if ((obj.operatorAddress != null && obj.operatorAddress !== '')) {
          w.uint32(18)
          w.string(obj.operatorAddress)
        }

        if ((obj.value != null && obj.value !== 0n)) {
          w.uint32(24)
          w.uint64(obj.value)
        }

        if ((obj.tradingEnd != null && obj.tradingEnd !== 0n)) {
          w.uint32(32)
          w.uint64(obj.tradingEnd)
        }

        if ((obj.beaconRound != null && obj.beaconRound !== 0n)) {
          w.uint32(40)
          w.uint64(obj.beaconRound)
        }

        if ((obj.hasParent != null && obj.hasParent !== false)) {
          w.uint32(48)
          w.bool(obj.hasParent)
        }

        if ((obj.parentId != null && obj.parentId.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.parentId)
        }

        if ((obj.parentLo != null && obj.parentLo.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.parentLo)
        }

        if (obj.parentConditions != null && obj.parentConditions.length > 0) {
          for (const value of obj.parentConditions) {
            w.uint32(74)
            Condition.codec().encode(value, w)
          }
        }

        if ((obj.created != null && obj.created !== 0n)) {
          w.uint32(80)
          w.uint64(obj.created)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(90)
          w.bytes(obj.nonce)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(98)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          operator: uint8ArrayAlloc(0),
          operatorAddress: '',
          value: 0n,
          tradingEnd: 0n,
          beaconRound: 0n,
          hasParent: false,
          parentId: uint8ArrayAlloc(0),
          parentLo: uint8ArrayAlloc(0),
          parentConditions: [],
          created: 0n,
          nonce: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.operator = reader.bytes()
              break
            }
            case 2: {
              obj.operatorAddress = reader.string()
              break
            }
            case 3: {
              obj.value = reader.uint64()
              break
            }
            case 4: {
              obj.tradingEnd = reader.uint64()
              break
            }
            case 5: {
              obj.beaconRound = reader.uint64()
              break
            }
            case 6: {
              obj.hasParent = reader.bool()
              break
            }
            case 7: {
              obj.parentId = reader.bytes()
              break
            }
            case 8: {
              obj.parentLo = reader.bytes()
              break
            }
            case 9: {
              if (opts.limits?.parentConditions != null && obj.parentConditions.length === opts.limits.parentConditions) {
                throw new MaxLengthError('Decode error - repeated field "parentConditions" had too many elements')
              }

              obj.parentConditions.push(Condition.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.parentConditions$
              }))
              break
            }
            case 10: {
              obj.created = reader.uint64()
              break
            }
            case 11: {
              obj.nonce = reader.bytes()
              break
            }
            case 12: {
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
        const obj = {
          parentConditions: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.operator`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.operatorAddress`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.value`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.tradingEnd`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.beaconRound`,
                value: reader.uint64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.hasParent`,
                value: reader.bool()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.parentId`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.parentLo`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              if (opts.limits?.parentConditions != null && obj.parentConditions === opts.limits.parentConditions) {
                throw new MaxLengthError('Streaming decode error - repeated field "parentConditions" had too many elements')
              }

              for (const evt of Condition.codec().stream(reader, reader.uint32(), `${prefix}.parentConditions[]`, {
                limits: opts.limits?.parentConditions$
              })) {
                yield {
                  ...evt,
                  index: obj.parentConditions
                }
              }

              obj.parentConditions++

              break
            }
            case 10: {
              yield {
                field: `${prefix}.created`,
                value: reader.uint64()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 12: {
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

  export interface ChainRecordOperatorFieldEvent {
    field: '$.operator'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainRecordOperatorAddressFieldEvent {
    field: '$.operatorAddress'
    value: string
  }

  export interface ChainRecordValueFieldEvent {
    field: '$.value'
    value: bigint
  }

  export interface ChainRecordTradingEndFieldEvent {
    field: '$.tradingEnd'
    value: bigint
  }

  export interface ChainRecordBeaconRoundFieldEvent {
    field: '$.beaconRound'
    value: bigint
  }

  export interface ChainRecordHasParentFieldEvent {
    field: '$.hasParent'
    value: boolean
  }

  export interface ChainRecordParentIdFieldEvent {
    field: '$.parentId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainRecordParentLoFieldEvent {
    field: '$.parentLo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainRecordParentConditionsPredicateFieldEvent {
    field: '$.parentConditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainRecordParentConditionsValueFieldEvent {
    field: '$.parentConditions[].value'
    value: boolean
    index: number
  }

  export interface ChainRecordCreatedFieldEvent {
    field: '$.created'
    value: bigint
  }

  export interface ChainRecordNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainRecordSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChainRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainRecord>): ChainRecord {
    return decodeMessage(buf, ChainRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainRecord>): Generator<ChainRecordOperatorFieldEvent | ChainRecordOperatorAddressFieldEvent | ChainRecordValueFieldEvent | ChainRecordTradingEndFieldEvent | ChainRecordBeaconRoundFieldEvent | ChainRecordHasParentFieldEvent | ChainRecordParentIdFieldEvent | ChainRecordParentLoFieldEvent | ChainRecordParentConditionsPredicateFieldEvent | ChainRecordParentConditionsValueFieldEvent | ChainRecordCreatedFieldEvent | ChainRecordNonceFieldEvent | ChainRecordSignatureFieldEvent> {
    return streamMessage(buf, ChainRecord.codec(), opts)
  }
}

export interface ChildCommitment {
  chainId: Uint8Array<ArrayBuffer>
  commitment: Uint8Array<ArrayBuffer>
}

export namespace ChildCommitment {
  let _codec: Codec<ChildCommitment>

  export const codec = (): Codec<ChildCommitment> => {
    if (_codec == null) {
      _codec = message<ChildCommitment>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if ((obj.commitment != null && obj.commitment.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.commitment)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          commitment: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.bytes()
              break
            }
            case 2: {
              obj.commitment = reader.bytes()
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
                field: `${prefix}.chainId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.commitment`,
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

  export interface ChildCommitmentChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChildCommitmentCommitmentFieldEvent {
    field: '$.commitment'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChildCommitment>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChildCommitment.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChildCommitment>): ChildCommitment {
    return decodeMessage(buf, ChildCommitment.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChildCommitment>): Generator<ChildCommitmentChainIdFieldEvent | ChildCommitmentCommitmentFieldEvent> {
    return streamMessage(buf, ChildCommitment.codec(), opts)
  }
}

export interface Commitment {
  chainId: Uint8Array<ArrayBuffer>
  height: bigint
  root: Uint8Array<ArrayBuffer>
  prev: Uint8Array<ArrayBuffer>
  time: bigint
  changes: Uint8Array<ArrayBuffer>
  children: ChildCommitment[]
  signature: Uint8Array<ArrayBuffer>
}

export namespace Commitment {
  let _codec: Codec<Commitment>

  export const codec = (): Codec<Commitment> => {
    if (_codec == null) {
      _codec = message<Commitment>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if ((obj.height != null && obj.height !== 0n)) {
          w.uint32(16)
          w.uint64(obj.height)
        }

        if ((obj.root != null && obj.root.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.root)
        }

        if ((obj.prev != null && obj.prev.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.prev)
        }

        if ((obj.time != null && obj.time !== 0n)) {
          w.uint32(40)
          w.uint64(obj.time)
        }

        if ((obj.changes != null && obj.changes.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.changes)
        }

        if (obj.children != null && obj.children.length > 0) {
          for (const value of obj.children) {
            w.uint32(58)
            ChildCommitment.codec().encode(value, w)
          }
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          height: 0n,
          root: uint8ArrayAlloc(0),
          prev: uint8ArrayAlloc(0),
          time: 0n,
          changes: uint8ArrayAlloc(0),
          children: [],
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.bytes()
              break
            }
            case 2: {
              obj.height = reader.uint64()
              break
            }
            case 3: {
              obj.root = reader.bytes()
              break
            }
            case 4: {
              obj.prev = reader.bytes()
              break
            }
            case 5: {
              obj.time = reader.uint64()
              break
            }
            case 6: {
              obj.changes = reader.bytes()
              break
            }
            case 7: {
              if (opts.limits?.children != null && obj.children.length === opts.limits.children) {
                throw new MaxLengthError('Decode error - repeated field "children" had too many elements')
              }

              obj.children.push(ChildCommitment.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.children$
              }))
              break
            }
            case 8: {
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
        const obj = {
          children: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.root`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.prev`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.time`,
                value: reader.uint64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.changes`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              if (opts.limits?.children != null && obj.children === opts.limits.children) {
                throw new MaxLengthError('Streaming decode error - repeated field "children" had too many elements')
              }

              for (const evt of ChildCommitment.codec().stream(reader, reader.uint32(), `${prefix}.children[]`, {
                limits: opts.limits?.children$
              })) {
                yield {
                  ...evt,
                  index: obj.children
                }
              }

              obj.children++

              break
            }
            case 8: {
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

  export interface CommitmentChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CommitmentHeightFieldEvent {
    field: '$.height'
    value: bigint
  }

  export interface CommitmentRootFieldEvent {
    field: '$.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CommitmentPrevFieldEvent {
    field: '$.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CommitmentTimeFieldEvent {
    field: '$.time'
    value: bigint
  }

  export interface CommitmentChangesFieldEvent {
    field: '$.changes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CommitmentChildrenChainIdFieldEvent {
    field: '$.children[].chainId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CommitmentChildrenCommitmentFieldEvent {
    field: '$.children[].commitment'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CommitmentSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Commitment>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Commitment.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Commitment>): Commitment {
    return decodeMessage(buf, Commitment.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Commitment>): Generator<CommitmentChainIdFieldEvent | CommitmentHeightFieldEvent | CommitmentRootFieldEvent | CommitmentPrevFieldEvent | CommitmentTimeFieldEvent | CommitmentChangesFieldEvent | CommitmentChildrenChainIdFieldEvent | CommitmentChildrenCommitmentFieldEvent | CommitmentSignatureFieldEvent> {
    return streamMessage(buf, Commitment.codec(), opts)
  }
}

export interface GetChain {
  chainId: Uint8Array<ArrayBuffer>
}

export namespace GetChain {
  let _codec: Codec<GetChain>

  export const codec = (): Codec<GetChain> => {
    if (_codec == null) {
      _codec = message<GetChain>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.bytes()
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
                field: `${prefix}.chainId`,
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

  export interface GetChainChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GetChain>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GetChain.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetChain>): GetChain {
    return decodeMessage(buf, GetChain.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetChain>): Generator<GetChainChainIdFieldEvent> {
    return streamMessage(buf, GetChain.codec(), opts)
  }
}

export interface Buy {
  chainId: Uint8Array<ArrayBuffer>
  buyerKey: Uint8Array<ArrayBuffer>
  buyerAddress: string
  widthPpm: number
  payment: string
  nonce: Uint8Array<ArrayBuffer>
}

export namespace Buy {
  let _codec: Codec<Buy>

  export const codec = (): Codec<Buy> => {
    if (_codec == null) {
      _codec = message<Buy>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if ((obj.buyerKey != null && obj.buyerKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.buyerKey)
        }

        if ((obj.buyerAddress != null && obj.buyerAddress !== '')) {
          w.uint32(26)
          w.string(obj.buyerAddress)
        }

        if ((obj.widthPpm != null && obj.widthPpm !== 0)) {
          w.uint32(32)
          w.uint32(obj.widthPpm)
        }

        if ((obj.payment != null && obj.payment !== '')) {
          w.uint32(42)
          w.string(obj.payment)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.nonce)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          buyerKey: uint8ArrayAlloc(0),
          buyerAddress: '',
          widthPpm: 0,
          payment: '',
          nonce: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.bytes()
              break
            }
            case 2: {
              obj.buyerKey = reader.bytes()
              break
            }
            case 3: {
              obj.buyerAddress = reader.string()
              break
            }
            case 4: {
              obj.widthPpm = reader.uint32()
              break
            }
            case 5: {
              obj.payment = reader.string()
              break
            }
            case 6: {
              obj.nonce = reader.bytes()
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
                field: `${prefix}.chainId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.buyerKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.buyerAddress`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.widthPpm`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.payment`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.nonce`,
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

  export interface BuyChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BuyBuyerKeyFieldEvent {
    field: '$.buyerKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BuyBuyerAddressFieldEvent {
    field: '$.buyerAddress'
    value: string
  }

  export interface BuyWidthPpmFieldEvent {
    field: '$.widthPpm'
    value: number
  }

  export interface BuyPaymentFieldEvent {
    field: '$.payment'
    value: string
  }

  export interface BuyNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Buy>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Buy.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Buy>): Buy {
    return decodeMessage(buf, Buy.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Buy>): Generator<BuyChainIdFieldEvent | BuyBuyerKeyFieldEvent | BuyBuyerAddressFieldEvent | BuyWidthPpmFieldEvent | BuyPaymentFieldEvent | BuyNonceFieldEvent> {
    return streamMessage(buf, Buy.codec(), opts)
  }
}

export interface Transfer {
  chainId: Uint8Array<ArrayBuffer>
  lo: Uint8Array<ArrayBuffer>
  conditions: Condition[]
  custody: Uint8Array<ArrayBuffer>
  ownerKind: number
  owner: Uint8Array<ArrayBuffer>
  nonce: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
  signer: Uint8Array<ArrayBuffer>
}

export namespace Transfer {
  let _codec: Codec<Transfer>

  export const codec = (): Codec<Transfer> => {
    if (_codec == null) {
      _codec = message<Transfer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if ((obj.lo != null && obj.lo.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.lo)
        }

        if (obj.conditions != null && obj.conditions.length > 0) {
          for (const value of obj.conditions) {
            w.uint32(26)
            Condition.codec().encode(value, w)
          }
        }

        if ((obj.custody != null && obj.custody.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.custody)
        }

        if ((obj.ownerKind != null && obj.ownerKind !== 0)) {
          w.uint32(40)
          w.uint32(obj.ownerKind)
        }

        if ((obj.owner != null && obj.owner.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.owner)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.nonce)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.signature)
        }

        if ((obj.signer != null && obj.signer.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.signer)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          lo: uint8ArrayAlloc(0),
          conditions: [],
          custody: uint8ArrayAlloc(0),
          ownerKind: 0,
          owner: uint8ArrayAlloc(0),
          nonce: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0),
          signer: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.bytes()
              break
            }
            case 2: {
              obj.lo = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.conditions != null && obj.conditions.length === opts.limits.conditions) {
                throw new MaxLengthError('Decode error - repeated field "conditions" had too many elements')
              }

              obj.conditions.push(Condition.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.conditions$
              }))
              break
            }
            case 4: {
              obj.custody = reader.bytes()
              break
            }
            case 5: {
              obj.ownerKind = reader.uint32()
              break
            }
            case 6: {
              obj.owner = reader.bytes()
              break
            }
            case 7: {
              obj.nonce = reader.bytes()
              break
            }
            case 8: {
              obj.signature = reader.bytes()
              break
            }
            case 9: {
              obj.signer = reader.bytes()
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
          conditions: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.lo`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.conditions != null && obj.conditions === opts.limits.conditions) {
                throw new MaxLengthError('Streaming decode error - repeated field "conditions" had too many elements')
              }

              for (const evt of Condition.codec().stream(reader, reader.uint32(), `${prefix}.conditions[]`, {
                limits: opts.limits?.conditions$
              })) {
                yield {
                  ...evt,
                  index: obj.conditions
                }
              }

              obj.conditions++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.custody`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.ownerKind`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.owner`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.signer`,
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

  export interface TransferChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TransferLoFieldEvent {
    field: '$.lo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TransferConditionsPredicateFieldEvent {
    field: '$.conditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TransferConditionsValueFieldEvent {
    field: '$.conditions[].value'
    value: boolean
    index: number
  }

  export interface TransferCustodyFieldEvent {
    field: '$.custody'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TransferOwnerKindFieldEvent {
    field: '$.ownerKind'
    value: number
  }

  export interface TransferOwnerFieldEvent {
    field: '$.owner'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TransferNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TransferSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TransferSignerFieldEvent {
    field: '$.signer'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Transfer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Transfer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Transfer>): Transfer {
    return decodeMessage(buf, Transfer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Transfer>): Generator<TransferChainIdFieldEvent | TransferLoFieldEvent | TransferConditionsPredicateFieldEvent | TransferConditionsValueFieldEvent | TransferCustodyFieldEvent | TransferOwnerKindFieldEvent | TransferOwnerFieldEvent | TransferNonceFieldEvent | TransferSignatureFieldEvent | TransferSignerFieldEvent> {
    return streamMessage(buf, Transfer.codec(), opts)
  }
}

export interface Split {
  chainId: Uint8Array<ArrayBuffer>
  lo: Uint8Array<ArrayBuffer>
  conditions: Condition[]
  custody: Uint8Array<ArrayBuffer>
  point: Uint8Array<ArrayBuffer>
  predicate: Uint8Array<ArrayBuffer>
  nonce: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
  signer: Uint8Array<ArrayBuffer>
}

export namespace Split {
  let _codec: Codec<Split>

  export const codec = (): Codec<Split> => {
    if (_codec == null) {
      _codec = message<Split>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if ((obj.lo != null && obj.lo.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.lo)
        }

        if (obj.conditions != null && obj.conditions.length > 0) {
          for (const value of obj.conditions) {
            w.uint32(26)
            Condition.codec().encode(value, w)
          }
        }

        if ((obj.custody != null && obj.custody.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.custody)
        }

        if ((obj.point != null && obj.point.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.point)
        }

        if ((obj.predicate != null && obj.predicate.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.predicate)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.nonce)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.signature)
        }

        if ((obj.signer != null && obj.signer.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.signer)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          lo: uint8ArrayAlloc(0),
          conditions: [],
          custody: uint8ArrayAlloc(0),
          point: uint8ArrayAlloc(0),
          predicate: uint8ArrayAlloc(0),
          nonce: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0),
          signer: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.bytes()
              break
            }
            case 2: {
              obj.lo = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.conditions != null && obj.conditions.length === opts.limits.conditions) {
                throw new MaxLengthError('Decode error - repeated field "conditions" had too many elements')
              }

              obj.conditions.push(Condition.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.conditions$
              }))
              break
            }
            case 4: {
              obj.custody = reader.bytes()
              break
            }
            case 5: {
              obj.point = reader.bytes()
              break
            }
            case 6: {
              obj.predicate = reader.bytes()
              break
            }
            case 7: {
              obj.nonce = reader.bytes()
              break
            }
            case 8: {
              obj.signature = reader.bytes()
              break
            }
            case 9: {
              obj.signer = reader.bytes()
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
          conditions: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.lo`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.conditions != null && obj.conditions === opts.limits.conditions) {
                throw new MaxLengthError('Streaming decode error - repeated field "conditions" had too many elements')
              }

              for (const evt of Condition.codec().stream(reader, reader.uint32(), `${prefix}.conditions[]`, {
                limits: opts.limits?.conditions$
              })) {
                yield {
                  ...evt,
                  index: obj.conditions
                }
              }

              obj.conditions++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.custody`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.point`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.predicate`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.signer`,
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

  export interface SplitChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SplitLoFieldEvent {
    field: '$.lo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SplitConditionsPredicateFieldEvent {
    field: '$.conditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SplitConditionsValueFieldEvent {
    field: '$.conditions[].value'
    value: boolean
    index: number
  }

  export interface SplitCustodyFieldEvent {
    field: '$.custody'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SplitPointFieldEvent {
    field: '$.point'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SplitPredicateFieldEvent {
    field: '$.predicate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SplitNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SplitSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SplitSignerFieldEvent {
    field: '$.signer'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Split>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Split.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Split>): Split {
    return decodeMessage(buf, Split.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Split>): Generator<SplitChainIdFieldEvent | SplitLoFieldEvent | SplitConditionsPredicateFieldEvent | SplitConditionsValueFieldEvent | SplitCustodyFieldEvent | SplitPointFieldEvent | SplitPredicateFieldEvent | SplitNonceFieldEvent | SplitSignatureFieldEvent | SplitSignerFieldEvent> {
    return streamMessage(buf, Split.codec(), opts)
  }
}

export interface GetProof {
  chainId: Uint8Array<ArrayBuffer>
  point: Uint8Array<ArrayBuffer>
  conditions: Condition[]
}

export namespace GetProof {
  let _codec: Codec<GetProof>

  export const codec = (): Codec<GetProof> => {
    if (_codec == null) {
      _codec = message<GetProof>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if ((obj.point != null && obj.point.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.point)
        }

        if (obj.conditions != null && obj.conditions.length > 0) {
          for (const value of obj.conditions) {
            w.uint32(26)
            Condition.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          point: uint8ArrayAlloc(0),
          conditions: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.bytes()
              break
            }
            case 2: {
              obj.point = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.conditions != null && obj.conditions.length === opts.limits.conditions) {
                throw new MaxLengthError('Decode error - repeated field "conditions" had too many elements')
              }

              obj.conditions.push(Condition.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.conditions$
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
          conditions: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.point`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.conditions != null && obj.conditions === opts.limits.conditions) {
                throw new MaxLengthError('Streaming decode error - repeated field "conditions" had too many elements')
              }

              for (const evt of Condition.codec().stream(reader, reader.uint32(), `${prefix}.conditions[]`, {
                limits: opts.limits?.conditions$
              })) {
                yield {
                  ...evt,
                  index: obj.conditions
                }
              }

              obj.conditions++

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

  export interface GetProofChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GetProofPointFieldEvent {
    field: '$.point'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GetProofConditionsPredicateFieldEvent {
    field: '$.conditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GetProofConditionsValueFieldEvent {
    field: '$.conditions[].value'
    value: boolean
    index: number
  }

  export function encode (obj: Partial<GetProof>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GetProof.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetProof>): GetProof {
    return decodeMessage(buf, GetProof.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetProof>): Generator<GetProofChainIdFieldEvent | GetProofPointFieldEvent | GetProofConditionsPredicateFieldEvent | GetProofConditionsValueFieldEvent> {
    return streamMessage(buf, GetProof.codec(), opts)
  }
}

export interface SortitionRequest {
  getChain?: GetChain
  buy?: Buy
  transfer?: Transfer
  split?: Split
  getProof?: GetProof
}

export namespace SortitionRequest {
  let _codec: Codec<SortitionRequest>

  export const codec = (): Codec<SortitionRequest> => {
    if (_codec == null) {
      _codec = message<SortitionRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.getChain != null) {
          w.uint32(10)
          GetChain.codec().encode(obj.getChain, w)
        }

        if (obj.buy != null) {
          w.uint32(18)
          Buy.codec().encode(obj.buy, w)
        }

        if (obj.transfer != null) {
          w.uint32(26)
          Transfer.codec().encode(obj.transfer, w)
        }

        if (obj.split != null) {
          w.uint32(34)
          Split.codec().encode(obj.split, w)
        }

        if (obj.getProof != null) {
          w.uint32(42)
          GetProof.codec().encode(obj.getProof, w)
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
              obj.getChain = GetChain.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.getChain
              })
              break
            }
            case 2: {
              obj.buy = Buy.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.buy
              })
              break
            }
            case 3: {
              obj.transfer = Transfer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.transfer
              })
              break
            }
            case 4: {
              obj.split = Split.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.split
              })
              break
            }
            case 5: {
              obj.getProof = GetProof.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.getProof
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
              yield * GetChain.codec().stream(reader, reader.uint32(), `${prefix}.getChain`, {
                limits: opts.limits?.getChain
              })

              break
            }
            case 2: {
              yield * Buy.codec().stream(reader, reader.uint32(), `${prefix}.buy`, {
                limits: opts.limits?.buy
              })

              break
            }
            case 3: {
              yield * Transfer.codec().stream(reader, reader.uint32(), `${prefix}.transfer`, {
                limits: opts.limits?.transfer
              })

              break
            }
            case 4: {
              yield * Split.codec().stream(reader, reader.uint32(), `${prefix}.split`, {
                limits: opts.limits?.split
              })

              break
            }
            case 5: {
              yield * GetProof.codec().stream(reader, reader.uint32(), `${prefix}.getProof`, {
                limits: opts.limits?.getProof
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

  export interface SortitionRequestGetChainChainIdFieldEvent {
    field: '$.getChain.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestBuyChainIdFieldEvent {
    field: '$.buy.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestBuyBuyerKeyFieldEvent {
    field: '$.buy.buyerKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestBuyBuyerAddressFieldEvent {
    field: '$.buy.buyerAddress'
    value: string
  }

  export interface SortitionRequestBuyWidthPpmFieldEvent {
    field: '$.buy.widthPpm'
    value: number
  }

  export interface SortitionRequestBuyPaymentFieldEvent {
    field: '$.buy.payment'
    value: string
  }

  export interface SortitionRequestBuyNonceFieldEvent {
    field: '$.buy.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestTransferChainIdFieldEvent {
    field: '$.transfer.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestTransferLoFieldEvent {
    field: '$.transfer.lo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestTransferConditionsPredicateFieldEvent {
    field: '$.transfer.conditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SortitionRequestTransferConditionsValueFieldEvent {
    field: '$.transfer.conditions[].value'
    value: boolean
    index: number
  }

  export interface SortitionRequestTransferCustodyFieldEvent {
    field: '$.transfer.custody'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestTransferOwnerKindFieldEvent {
    field: '$.transfer.ownerKind'
    value: number
  }

  export interface SortitionRequestTransferOwnerFieldEvent {
    field: '$.transfer.owner'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestTransferNonceFieldEvent {
    field: '$.transfer.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestTransferSignatureFieldEvent {
    field: '$.transfer.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestTransferSignerFieldEvent {
    field: '$.transfer.signer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestSplitChainIdFieldEvent {
    field: '$.split.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestSplitLoFieldEvent {
    field: '$.split.lo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestSplitConditionsPredicateFieldEvent {
    field: '$.split.conditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SortitionRequestSplitConditionsValueFieldEvent {
    field: '$.split.conditions[].value'
    value: boolean
    index: number
  }

  export interface SortitionRequestSplitCustodyFieldEvent {
    field: '$.split.custody'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestSplitPointFieldEvent {
    field: '$.split.point'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestSplitPredicateFieldEvent {
    field: '$.split.predicate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestSplitNonceFieldEvent {
    field: '$.split.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestSplitSignatureFieldEvent {
    field: '$.split.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestSplitSignerFieldEvent {
    field: '$.split.signer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestGetProofChainIdFieldEvent {
    field: '$.getProof.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestGetProofPointFieldEvent {
    field: '$.getProof.point'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionRequestGetProofConditionsPredicateFieldEvent {
    field: '$.getProof.conditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SortitionRequestGetProofConditionsValueFieldEvent {
    field: '$.getProof.conditions[].value'
    value: boolean
    index: number
  }

  export function encode (obj: Partial<SortitionRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SortitionRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SortitionRequest>): SortitionRequest {
    return decodeMessage(buf, SortitionRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SortitionRequest>): Generator<SortitionRequestGetChainChainIdFieldEvent | SortitionRequestBuyChainIdFieldEvent | SortitionRequestBuyBuyerKeyFieldEvent | SortitionRequestBuyBuyerAddressFieldEvent | SortitionRequestBuyWidthPpmFieldEvent | SortitionRequestBuyPaymentFieldEvent | SortitionRequestBuyNonceFieldEvent | SortitionRequestTransferChainIdFieldEvent | SortitionRequestTransferLoFieldEvent | SortitionRequestTransferConditionsPredicateFieldEvent | SortitionRequestTransferConditionsValueFieldEvent | SortitionRequestTransferCustodyFieldEvent | SortitionRequestTransferOwnerKindFieldEvent | SortitionRequestTransferOwnerFieldEvent | SortitionRequestTransferNonceFieldEvent | SortitionRequestTransferSignatureFieldEvent | SortitionRequestTransferSignerFieldEvent | SortitionRequestSplitChainIdFieldEvent | SortitionRequestSplitLoFieldEvent | SortitionRequestSplitConditionsPredicateFieldEvent | SortitionRequestSplitConditionsValueFieldEvent | SortitionRequestSplitCustodyFieldEvent | SortitionRequestSplitPointFieldEvent | SortitionRequestSplitPredicateFieldEvent | SortitionRequestSplitNonceFieldEvent | SortitionRequestSplitSignatureFieldEvent | SortitionRequestSplitSignerFieldEvent | SortitionRequestGetProofChainIdFieldEvent | SortitionRequestGetProofPointFieldEvent | SortitionRequestGetProofConditionsPredicateFieldEvent | SortitionRequestGetProofConditionsValueFieldEvent> {
    return streamMessage(buf, SortitionRequest.codec(), opts)
  }
}

export interface SortitionResponse {
  code: SortitionCode
  message: string
  chain?: ChainRecord
  commitment?: Commitment
  proof: Uint8Array<ArrayBuffer>
  lo: Uint8Array<ArrayBuffer>
  hi: Uint8Array<ArrayBuffer>
  custody: Uint8Array<ArrayBuffer>
}

export namespace SortitionResponse {
  let _codec: Codec<SortitionResponse>

  export const codec = (): Codec<SortitionResponse> => {
    if (_codec == null) {
      _codec = message<SortitionResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.code != null && __SortitionCodeValues[obj.code] !== 0) {
          w.uint32(8)
          SortitionCode.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if (obj.chain != null) {
          w.uint32(26)
          ChainRecord.codec().encode(obj.chain, w)
        }

        if (obj.commitment != null) {
          w.uint32(34)
          Commitment.codec().encode(obj.commitment, w)
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.proof)
        }

        if ((obj.lo != null && obj.lo.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.lo)
        }

        if ((obj.hi != null && obj.hi.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.hi)
        }

        if ((obj.custody != null && obj.custody.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.custody)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: SortitionCode.SORTITION_OK,
          message: '',
          proof: uint8ArrayAlloc(0),
          lo: uint8ArrayAlloc(0),
          hi: uint8ArrayAlloc(0),
          custody: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = SortitionCode.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              obj.chain = ChainRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chain
              })
              break
            }
            case 4: {
              obj.commitment = Commitment.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commitment
              })
              break
            }
            case 5: {
              obj.proof = reader.bytes()
              break
            }
            case 6: {
              obj.lo = reader.bytes()
              break
            }
            case 7: {
              obj.hi = reader.bytes()
              break
            }
            case 8: {
              obj.custody = reader.bytes()
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
                value: SortitionCode.codec().decode(reader)
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
              yield * ChainRecord.codec().stream(reader, reader.uint32(), `${prefix}.chain`, {
                limits: opts.limits?.chain
              })

              break
            }
            case 4: {
              yield * Commitment.codec().stream(reader, reader.uint32(), `${prefix}.commitment`, {
                limits: opts.limits?.commitment
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.proof`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.lo`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.hi`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.custody`,
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

  export interface SortitionResponseCodeFieldEvent {
    field: '$.code'
    value: SortitionCode
  }

  export interface SortitionResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface SortitionResponseChainOperatorFieldEvent {
    field: '$.chain.operator'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseChainOperatorAddressFieldEvent {
    field: '$.chain.operatorAddress'
    value: string
  }

  export interface SortitionResponseChainValueFieldEvent {
    field: '$.chain.value'
    value: bigint
  }

  export interface SortitionResponseChainTradingEndFieldEvent {
    field: '$.chain.tradingEnd'
    value: bigint
  }

  export interface SortitionResponseChainBeaconRoundFieldEvent {
    field: '$.chain.beaconRound'
    value: bigint
  }

  export interface SortitionResponseChainHasParentFieldEvent {
    field: '$.chain.hasParent'
    value: boolean
  }

  export interface SortitionResponseChainParentIdFieldEvent {
    field: '$.chain.parentId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseChainParentLoFieldEvent {
    field: '$.chain.parentLo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseChainParentConditionsPredicateFieldEvent {
    field: '$.chain.parentConditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SortitionResponseChainParentConditionsValueFieldEvent {
    field: '$.chain.parentConditions[].value'
    value: boolean
    index: number
  }

  export interface SortitionResponseChainCreatedFieldEvent {
    field: '$.chain.created'
    value: bigint
  }

  export interface SortitionResponseChainNonceFieldEvent {
    field: '$.chain.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseChainSignatureFieldEvent {
    field: '$.chain.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseCommitmentChainIdFieldEvent {
    field: '$.commitment.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseCommitmentHeightFieldEvent {
    field: '$.commitment.height'
    value: bigint
  }

  export interface SortitionResponseCommitmentRootFieldEvent {
    field: '$.commitment.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseCommitmentPrevFieldEvent {
    field: '$.commitment.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseCommitmentTimeFieldEvent {
    field: '$.commitment.time'
    value: bigint
  }

  export interface SortitionResponseCommitmentChangesFieldEvent {
    field: '$.commitment.changes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseCommitmentChildrenChainIdFieldEvent {
    field: '$.commitment.children[].chainId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SortitionResponseCommitmentChildrenCommitmentFieldEvent {
    field: '$.commitment.children[].commitment'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SortitionResponseCommitmentSignatureFieldEvent {
    field: '$.commitment.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseLoFieldEvent {
    field: '$.lo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseHiFieldEvent {
    field: '$.hi'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SortitionResponseCustodyFieldEvent {
    field: '$.custody'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SortitionResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SortitionResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SortitionResponse>): SortitionResponse {
    return decodeMessage(buf, SortitionResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SortitionResponse>): Generator<SortitionResponseCodeFieldEvent | SortitionResponseMessageFieldEvent | SortitionResponseChainOperatorFieldEvent | SortitionResponseChainOperatorAddressFieldEvent | SortitionResponseChainValueFieldEvent | SortitionResponseChainTradingEndFieldEvent | SortitionResponseChainBeaconRoundFieldEvent | SortitionResponseChainHasParentFieldEvent | SortitionResponseChainParentIdFieldEvent | SortitionResponseChainParentLoFieldEvent | SortitionResponseChainParentConditionsPredicateFieldEvent | SortitionResponseChainParentConditionsValueFieldEvent | SortitionResponseChainCreatedFieldEvent | SortitionResponseChainNonceFieldEvent | SortitionResponseChainSignatureFieldEvent | SortitionResponseCommitmentChainIdFieldEvent | SortitionResponseCommitmentHeightFieldEvent | SortitionResponseCommitmentRootFieldEvent | SortitionResponseCommitmentPrevFieldEvent | SortitionResponseCommitmentTimeFieldEvent | SortitionResponseCommitmentChangesFieldEvent | SortitionResponseCommitmentChildrenChainIdFieldEvent | SortitionResponseCommitmentChildrenCommitmentFieldEvent | SortitionResponseCommitmentSignatureFieldEvent | SortitionResponseProofFieldEvent | SortitionResponseLoFieldEvent | SortitionResponseHiFieldEvent | SortitionResponseCustodyFieldEvent> {
    return streamMessage(buf, SortitionResponse.codec(), opts)
  }
}

export interface ChainAnnouncement {
  chain?: ChainRecord
  commitment?: Commitment
}

export namespace ChainAnnouncement {
  let _codec: Codec<ChainAnnouncement>

  export const codec = (): Codec<ChainAnnouncement> => {
    if (_codec == null) {
      _codec = message<ChainAnnouncement>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.chain != null) {
          w.uint32(10)
          ChainRecord.codec().encode(obj.chain, w)
        }

        if (obj.commitment != null) {
          w.uint32(18)
          Commitment.codec().encode(obj.commitment, w)
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
              obj.chain = ChainRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chain
              })
              break
            }
            case 2: {
              obj.commitment = Commitment.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commitment
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
              yield * ChainRecord.codec().stream(reader, reader.uint32(), `${prefix}.chain`, {
                limits: opts.limits?.chain
              })

              break
            }
            case 2: {
              yield * Commitment.codec().stream(reader, reader.uint32(), `${prefix}.commitment`, {
                limits: opts.limits?.commitment
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

  export interface ChainAnnouncementChainOperatorFieldEvent {
    field: '$.chain.operator'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementChainOperatorAddressFieldEvent {
    field: '$.chain.operatorAddress'
    value: string
  }

  export interface ChainAnnouncementChainValueFieldEvent {
    field: '$.chain.value'
    value: bigint
  }

  export interface ChainAnnouncementChainTradingEndFieldEvent {
    field: '$.chain.tradingEnd'
    value: bigint
  }

  export interface ChainAnnouncementChainBeaconRoundFieldEvent {
    field: '$.chain.beaconRound'
    value: bigint
  }

  export interface ChainAnnouncementChainHasParentFieldEvent {
    field: '$.chain.hasParent'
    value: boolean
  }

  export interface ChainAnnouncementChainParentIdFieldEvent {
    field: '$.chain.parentId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementChainParentLoFieldEvent {
    field: '$.chain.parentLo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementChainParentConditionsPredicateFieldEvent {
    field: '$.chain.parentConditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainAnnouncementChainParentConditionsValueFieldEvent {
    field: '$.chain.parentConditions[].value'
    value: boolean
    index: number
  }

  export interface ChainAnnouncementChainCreatedFieldEvent {
    field: '$.chain.created'
    value: bigint
  }

  export interface ChainAnnouncementChainNonceFieldEvent {
    field: '$.chain.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementChainSignatureFieldEvent {
    field: '$.chain.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementCommitmentChainIdFieldEvent {
    field: '$.commitment.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementCommitmentHeightFieldEvent {
    field: '$.commitment.height'
    value: bigint
  }

  export interface ChainAnnouncementCommitmentRootFieldEvent {
    field: '$.commitment.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementCommitmentPrevFieldEvent {
    field: '$.commitment.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementCommitmentTimeFieldEvent {
    field: '$.commitment.time'
    value: bigint
  }

  export interface ChainAnnouncementCommitmentChangesFieldEvent {
    field: '$.commitment.changes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainAnnouncementCommitmentChildrenChainIdFieldEvent {
    field: '$.commitment.children[].chainId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainAnnouncementCommitmentChildrenCommitmentFieldEvent {
    field: '$.commitment.children[].commitment'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainAnnouncementCommitmentSignatureFieldEvent {
    field: '$.commitment.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChainAnnouncement>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainAnnouncement.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainAnnouncement>): ChainAnnouncement {
    return decodeMessage(buf, ChainAnnouncement.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainAnnouncement>): Generator<ChainAnnouncementChainOperatorFieldEvent | ChainAnnouncementChainOperatorAddressFieldEvent | ChainAnnouncementChainValueFieldEvent | ChainAnnouncementChainTradingEndFieldEvent | ChainAnnouncementChainBeaconRoundFieldEvent | ChainAnnouncementChainHasParentFieldEvent | ChainAnnouncementChainParentIdFieldEvent | ChainAnnouncementChainParentLoFieldEvent | ChainAnnouncementChainParentConditionsPredicateFieldEvent | ChainAnnouncementChainParentConditionsValueFieldEvent | ChainAnnouncementChainCreatedFieldEvent | ChainAnnouncementChainNonceFieldEvent | ChainAnnouncementChainSignatureFieldEvent | ChainAnnouncementCommitmentChainIdFieldEvent | ChainAnnouncementCommitmentHeightFieldEvent | ChainAnnouncementCommitmentRootFieldEvent | ChainAnnouncementCommitmentPrevFieldEvent | ChainAnnouncementCommitmentTimeFieldEvent | ChainAnnouncementCommitmentChangesFieldEvent | ChainAnnouncementCommitmentChildrenChainIdFieldEvent | ChainAnnouncementCommitmentChildrenCommitmentFieldEvent | ChainAnnouncementCommitmentSignatureFieldEvent> {
    return streamMessage(buf, ChainAnnouncement.codec(), opts)
  }
}
