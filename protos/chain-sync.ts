import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum ChainSyncCode {
  SYNC_OK = 'SYNC_OK',
  SYNC_MALFORMED = 'SYNC_MALFORMED',
  SYNC_UNKNOWN_CHAIN = 'SYNC_UNKNOWN_CHAIN',
  SYNC_UNAVAILABLE = 'SYNC_UNAVAILABLE',
  SYNC_BAD_REGION = 'SYNC_BAD_REGION',
  SYNC_INTERNAL = 'SYNC_INTERNAL'
}

enum __ChainSyncCodeValues {
  SYNC_OK = 0,
  SYNC_MALFORMED = 1,
  SYNC_UNKNOWN_CHAIN = 2,
  SYNC_UNAVAILABLE = 3,
  SYNC_BAD_REGION = 4,
  SYNC_INTERNAL = 5
}

export namespace ChainSyncCode {
  export const codec = (): Codec<ChainSyncCode> => {
    return enumeration<ChainSyncCode>(__ChainSyncCodeValues)
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

export interface GetHeights {
  chainId: Uint8Array<ArrayBuffer>
  from: bigint
  max: number
}

export namespace GetHeights {
  let _codec: Codec<GetHeights>

  export const codec = (): Codec<GetHeights> => {
    if (_codec == null) {
      _codec = message<GetHeights>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if ((obj.from != null && obj.from !== 0n)) {
          w.uint32(16)
          w.uint64(obj.from)
        }

        if ((obj.max != null && obj.max !== 0)) {
          w.uint32(24)
          w.uint32(obj.max)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          from: 0n,
          max: 0
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
              obj.from = reader.uint64()
              break
            }
            case 3: {
              obj.max = reader.uint32()
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
                field: `${prefix}.from`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.max`,
                value: reader.uint32()
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

  export interface GetHeightsChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GetHeightsFromFieldEvent {
    field: '$.from'
    value: bigint
  }

  export interface GetHeightsMaxFieldEvent {
    field: '$.max'
    value: number
  }

  export function encode (obj: Partial<GetHeights>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GetHeights.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetHeights>): GetHeights {
    return decodeMessage(buf, GetHeights.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetHeights>): Generator<GetHeightsChainIdFieldEvent | GetHeightsFromFieldEvent | GetHeightsMaxFieldEvent> {
    return streamMessage(buf, GetHeights.codec(), opts)
  }
}

export interface GetOps {
  chainId: Uint8Array<ArrayBuffer>
  height: bigint
  fromSeq: number
}

export namespace GetOps {
  let _codec: Codec<GetOps>

  export const codec = (): Codec<GetOps> => {
    if (_codec == null) {
      _codec = message<GetOps>((obj, w, opts = {}) => {
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

        if ((obj.fromSeq != null && obj.fromSeq !== 0)) {
          w.uint32(24)
          w.uint32(obj.fromSeq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          height: 0n,
          fromSeq: 0
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
              obj.fromSeq = reader.uint32()
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
                field: `${prefix}.height`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.fromSeq`,
                value: reader.uint32()
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

  export interface GetOpsChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GetOpsHeightFieldEvent {
    field: '$.height'
    value: bigint
  }

  export interface GetOpsFromSeqFieldEvent {
    field: '$.fromSeq'
    value: number
  }

  export function encode (obj: Partial<GetOps>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GetOps.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetOps>): GetOps {
    return decodeMessage(buf, GetOps.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetOps>): Generator<GetOpsChainIdFieldEvent | GetOpsHeightFieldEvent | GetOpsFromSeqFieldEvent> {
    return streamMessage(buf, GetOps.codec(), opts)
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

export interface ChainSyncRequest {
  getChain?: GetChain
  getHeights?: GetHeights
  getOps?: GetOps
  getProof?: GetProof
}

export namespace ChainSyncRequest {
  let _codec: Codec<ChainSyncRequest>

  export const codec = (): Codec<ChainSyncRequest> => {
    if (_codec == null) {
      _codec = message<ChainSyncRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.getChain != null) {
          w.uint32(10)
          GetChain.codec().encode(obj.getChain, w)
        }

        if (obj.getHeights != null) {
          w.uint32(18)
          GetHeights.codec().encode(obj.getHeights, w)
        }

        if (obj.getOps != null) {
          w.uint32(26)
          GetOps.codec().encode(obj.getOps, w)
        }

        if (obj.getProof != null) {
          w.uint32(34)
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
              obj.getHeights = GetHeights.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.getHeights
              })
              break
            }
            case 3: {
              obj.getOps = GetOps.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.getOps
              })
              break
            }
            case 4: {
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
              yield * GetHeights.codec().stream(reader, reader.uint32(), `${prefix}.getHeights`, {
                limits: opts.limits?.getHeights
              })

              break
            }
            case 3: {
              yield * GetOps.codec().stream(reader, reader.uint32(), `${prefix}.getOps`, {
                limits: opts.limits?.getOps
              })

              break
            }
            case 4: {
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

  export interface ChainSyncRequestGetChainChainIdFieldEvent {
    field: '$.getChain.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncRequestGetHeightsChainIdFieldEvent {
    field: '$.getHeights.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncRequestGetHeightsFromFieldEvent {
    field: '$.getHeights.from'
    value: bigint
  }

  export interface ChainSyncRequestGetHeightsMaxFieldEvent {
    field: '$.getHeights.max'
    value: number
  }

  export interface ChainSyncRequestGetOpsChainIdFieldEvent {
    field: '$.getOps.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncRequestGetOpsHeightFieldEvent {
    field: '$.getOps.height'
    value: bigint
  }

  export interface ChainSyncRequestGetOpsFromSeqFieldEvent {
    field: '$.getOps.fromSeq'
    value: number
  }

  export interface ChainSyncRequestGetProofChainIdFieldEvent {
    field: '$.getProof.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncRequestGetProofPointFieldEvent {
    field: '$.getProof.point'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncRequestGetProofConditionsPredicateFieldEvent {
    field: '$.getProof.conditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncRequestGetProofConditionsValueFieldEvent {
    field: '$.getProof.conditions[].value'
    value: boolean
    index: number
  }

  export function encode (obj: Partial<ChainSyncRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainSyncRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainSyncRequest>): ChainSyncRequest {
    return decodeMessage(buf, ChainSyncRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainSyncRequest>): Generator<ChainSyncRequestGetChainChainIdFieldEvent | ChainSyncRequestGetHeightsChainIdFieldEvent | ChainSyncRequestGetHeightsFromFieldEvent | ChainSyncRequestGetHeightsMaxFieldEvent | ChainSyncRequestGetOpsChainIdFieldEvent | ChainSyncRequestGetOpsHeightFieldEvent | ChainSyncRequestGetOpsFromSeqFieldEvent | ChainSyncRequestGetProofChainIdFieldEvent | ChainSyncRequestGetProofPointFieldEvent | ChainSyncRequestGetProofConditionsPredicateFieldEvent | ChainSyncRequestGetProofConditionsValueFieldEvent> {
    return streamMessage(buf, ChainSyncRequest.codec(), opts)
  }
}

export interface Height {
  commitment?: Commitment
  opCount: number
  ops: Uint8Array<ArrayBuffer>[]
}

export namespace Height {
  let _codec: Codec<Height>

  export const codec = (): Codec<Height> => {
    if (_codec == null) {
      _codec = message<Height>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.commitment != null) {
          w.uint32(10)
          Commitment.codec().encode(obj.commitment, w)
        }

        if ((obj.opCount != null && obj.opCount !== 0)) {
          w.uint32(16)
          w.uint32(obj.opCount)
        }

        if (obj.ops != null && obj.ops.length > 0) {
          for (const value of obj.ops) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          opCount: 0,
          ops: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.commitment = Commitment.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commitment
              })
              break
            }
            case 2: {
              obj.opCount = reader.uint32()
              break
            }
            case 3: {
              if (opts.limits?.ops != null && obj.ops.length === opts.limits.ops) {
                throw new MaxLengthError('Decode error - repeated field "ops" had too many elements')
              }

              obj.ops.push(reader.bytes())
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
          ops: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Commitment.codec().stream(reader, reader.uint32(), `${prefix}.commitment`, {
                limits: opts.limits?.commitment
              })

              break
            }
            case 2: {
              yield {
                field: `${prefix}.opCount`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              if (opts.limits?.ops != null && obj.ops === opts.limits.ops) {
                throw new MaxLengthError('Streaming decode error - repeated field "ops" had too many elements')
              }

              yield {
                field: `${prefix}.ops[]`,
                index: obj.ops,
                value: reader.bytes()
              }

              obj.ops++

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

  export interface HeightCommitmentChainIdFieldEvent {
    field: '$.commitment.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HeightCommitmentHeightFieldEvent {
    field: '$.commitment.height'
    value: bigint
  }

  export interface HeightCommitmentRootFieldEvent {
    field: '$.commitment.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HeightCommitmentPrevFieldEvent {
    field: '$.commitment.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HeightCommitmentTimeFieldEvent {
    field: '$.commitment.time'
    value: bigint
  }

  export interface HeightCommitmentChangesFieldEvent {
    field: '$.commitment.changes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HeightCommitmentChildrenChainIdFieldEvent {
    field: '$.commitment.children[].chainId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface HeightCommitmentChildrenCommitmentFieldEvent {
    field: '$.commitment.children[].commitment'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface HeightCommitmentSignatureFieldEvent {
    field: '$.commitment.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HeightOpCountFieldEvent {
    field: '$.opCount'
    value: number
  }

  export interface HeightOpsFieldEvent {
    field: '$.ops[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Height>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Height.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Height>): Height {
    return decodeMessage(buf, Height.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Height>): Generator<HeightCommitmentChainIdFieldEvent | HeightCommitmentHeightFieldEvent | HeightCommitmentRootFieldEvent | HeightCommitmentPrevFieldEvent | HeightCommitmentTimeFieldEvent | HeightCommitmentChangesFieldEvent | HeightCommitmentChildrenChainIdFieldEvent | HeightCommitmentChildrenCommitmentFieldEvent | HeightCommitmentSignatureFieldEvent | HeightOpCountFieldEvent | HeightOpsFieldEvent> {
    return streamMessage(buf, Height.codec(), opts)
  }
}

export interface ChainSyncResponse {
  code: ChainSyncCode
  message: string
  chain?: ChainRecord
  head?: Commitment
  heights: Height[]
  held: bigint
  opCount: number
  ops: Uint8Array<ArrayBuffer>[]
  proof: Uint8Array<ArrayBuffer>
}

export namespace ChainSyncResponse {
  let _codec: Codec<ChainSyncResponse>

  export const codec = (): Codec<ChainSyncResponse> => {
    if (_codec == null) {
      _codec = message<ChainSyncResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.code != null && __ChainSyncCodeValues[obj.code] !== 0) {
          w.uint32(8)
          ChainSyncCode.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if (obj.chain != null) {
          w.uint32(26)
          ChainRecord.codec().encode(obj.chain, w)
        }

        if (obj.head != null) {
          w.uint32(34)
          Commitment.codec().encode(obj.head, w)
        }

        if (obj.heights != null && obj.heights.length > 0) {
          for (const value of obj.heights) {
            w.uint32(42)
            Height.codec().encode(value, w)
          }
        }

        if ((obj.held != null && obj.held !== 0n)) {
          w.uint32(48)
          w.uint64(obj.held)
        }

        if ((obj.opCount != null && obj.opCount !== 0)) {
          w.uint32(56)
          w.uint32(obj.opCount)
        }

        if (obj.ops != null && obj.ops.length > 0) {
          for (const value of obj.ops) {
            w.uint32(66)
            w.bytes(value)
          }
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.proof)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: ChainSyncCode.SYNC_OK,
          message: '',
          heights: [],
          held: 0n,
          opCount: 0,
          ops: [],
          proof: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = ChainSyncCode.codec().decode(reader)
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
              obj.head = Commitment.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.head
              })
              break
            }
            case 5: {
              if (opts.limits?.heights != null && obj.heights.length === opts.limits.heights) {
                throw new MaxLengthError('Decode error - repeated field "heights" had too many elements')
              }

              obj.heights.push(Height.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.heights$
              }))
              break
            }
            case 6: {
              obj.held = reader.uint64()
              break
            }
            case 7: {
              obj.opCount = reader.uint32()
              break
            }
            case 8: {
              if (opts.limits?.ops != null && obj.ops.length === opts.limits.ops) {
                throw new MaxLengthError('Decode error - repeated field "ops" had too many elements')
              }

              obj.ops.push(reader.bytes())
              break
            }
            case 9: {
              obj.proof = reader.bytes()
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
          heights: 0,
          ops: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.code`,
                value: ChainSyncCode.codec().decode(reader)
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
              yield * Commitment.codec().stream(reader, reader.uint32(), `${prefix}.head`, {
                limits: opts.limits?.head
              })

              break
            }
            case 5: {
              if (opts.limits?.heights != null && obj.heights === opts.limits.heights) {
                throw new MaxLengthError('Streaming decode error - repeated field "heights" had too many elements')
              }

              for (const evt of Height.codec().stream(reader, reader.uint32(), `${prefix}.heights[]`, {
                limits: opts.limits?.heights$
              })) {
                yield {
                  ...evt,
                  index: obj.heights
                }
              }

              obj.heights++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.held`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.opCount`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              if (opts.limits?.ops != null && obj.ops === opts.limits.ops) {
                throw new MaxLengthError('Streaming decode error - repeated field "ops" had too many elements')
              }

              yield {
                field: `${prefix}.ops[]`,
                index: obj.ops,
                value: reader.bytes()
              }

              obj.ops++

              break
            }
            case 9: {
              yield {
                field: `${prefix}.proof`,
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

  export interface ChainSyncResponseCodeFieldEvent {
    field: '$.code'
    value: ChainSyncCode
  }

  export interface ChainSyncResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface ChainSyncResponseChainOperatorFieldEvent {
    field: '$.chain.operator'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseChainOperatorAddressFieldEvent {
    field: '$.chain.operatorAddress'
    value: string
  }

  export interface ChainSyncResponseChainValueFieldEvent {
    field: '$.chain.value'
    value: bigint
  }

  export interface ChainSyncResponseChainTradingEndFieldEvent {
    field: '$.chain.tradingEnd'
    value: bigint
  }

  export interface ChainSyncResponseChainBeaconRoundFieldEvent {
    field: '$.chain.beaconRound'
    value: bigint
  }

  export interface ChainSyncResponseChainHasParentFieldEvent {
    field: '$.chain.hasParent'
    value: boolean
  }

  export interface ChainSyncResponseChainParentIdFieldEvent {
    field: '$.chain.parentId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseChainParentLoFieldEvent {
    field: '$.chain.parentLo'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseChainParentConditionsPredicateFieldEvent {
    field: '$.chain.parentConditions[].predicate'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseChainParentConditionsValueFieldEvent {
    field: '$.chain.parentConditions[].value'
    value: boolean
    index: number
  }

  export interface ChainSyncResponseChainCreatedFieldEvent {
    field: '$.chain.created'
    value: bigint
  }

  export interface ChainSyncResponseChainNonceFieldEvent {
    field: '$.chain.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseChainSignatureFieldEvent {
    field: '$.chain.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseHeadChainIdFieldEvent {
    field: '$.head.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseHeadHeightFieldEvent {
    field: '$.head.height'
    value: bigint
  }

  export interface ChainSyncResponseHeadRootFieldEvent {
    field: '$.head.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseHeadPrevFieldEvent {
    field: '$.head.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseHeadTimeFieldEvent {
    field: '$.head.time'
    value: bigint
  }

  export interface ChainSyncResponseHeadChangesFieldEvent {
    field: '$.head.changes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseHeadChildrenChainIdFieldEvent {
    field: '$.head.children[].chainId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeadChildrenCommitmentFieldEvent {
    field: '$.head.children[].commitment'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeadSignatureFieldEvent {
    field: '$.head.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseHeightsCommitmentChainIdFieldEvent {
    field: '$.heights[].commitment.chainId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeightsCommitmentHeightFieldEvent {
    field: '$.heights[].commitment.height'
    value: bigint
    index: number
  }

  export interface ChainSyncResponseHeightsCommitmentRootFieldEvent {
    field: '$.heights[].commitment.root'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeightsCommitmentPrevFieldEvent {
    field: '$.heights[].commitment.prev'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeightsCommitmentTimeFieldEvent {
    field: '$.heights[].commitment.time'
    value: bigint
    index: number
  }

  export interface ChainSyncResponseHeightsCommitmentChangesFieldEvent {
    field: '$.heights[].commitment.changes'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeightsCommitmentChildrenChainIdFieldEvent {
    field: '$.heights[].commitment.children[].chainId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeightsCommitmentChildrenCommitmentFieldEvent {
    field: '$.heights[].commitment.children[].commitment'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeightsCommitmentSignatureFieldEvent {
    field: '$.heights[].commitment.signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainSyncResponseHeightsOpCountFieldEvent {
    field: '$.heights[].opCount'
    value: number
    index: number
  }

  export interface ChainSyncResponseHeightsOpsFieldEvent {
    field: '$.heights[].ops[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseHeldFieldEvent {
    field: '$.held'
    value: bigint
  }

  export interface ChainSyncResponseOpCountFieldEvent {
    field: '$.opCount'
    value: number
  }

  export interface ChainSyncResponseOpsFieldEvent {
    field: '$.ops[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainSyncResponseProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChainSyncResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainSyncResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainSyncResponse>): ChainSyncResponse {
    return decodeMessage(buf, ChainSyncResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainSyncResponse>): Generator<ChainSyncResponseCodeFieldEvent | ChainSyncResponseMessageFieldEvent | ChainSyncResponseChainOperatorFieldEvent | ChainSyncResponseChainOperatorAddressFieldEvent | ChainSyncResponseChainValueFieldEvent | ChainSyncResponseChainTradingEndFieldEvent | ChainSyncResponseChainBeaconRoundFieldEvent | ChainSyncResponseChainHasParentFieldEvent | ChainSyncResponseChainParentIdFieldEvent | ChainSyncResponseChainParentLoFieldEvent | ChainSyncResponseChainParentConditionsPredicateFieldEvent | ChainSyncResponseChainParentConditionsValueFieldEvent | ChainSyncResponseChainCreatedFieldEvent | ChainSyncResponseChainNonceFieldEvent | ChainSyncResponseChainSignatureFieldEvent | ChainSyncResponseHeadChainIdFieldEvent | ChainSyncResponseHeadHeightFieldEvent | ChainSyncResponseHeadRootFieldEvent | ChainSyncResponseHeadPrevFieldEvent | ChainSyncResponseHeadTimeFieldEvent | ChainSyncResponseHeadChangesFieldEvent | ChainSyncResponseHeadChildrenChainIdFieldEvent | ChainSyncResponseHeadChildrenCommitmentFieldEvent | ChainSyncResponseHeadSignatureFieldEvent | ChainSyncResponseHeightsCommitmentChainIdFieldEvent | ChainSyncResponseHeightsCommitmentHeightFieldEvent | ChainSyncResponseHeightsCommitmentRootFieldEvent | ChainSyncResponseHeightsCommitmentPrevFieldEvent | ChainSyncResponseHeightsCommitmentTimeFieldEvent | ChainSyncResponseHeightsCommitmentChangesFieldEvent | ChainSyncResponseHeightsCommitmentChildrenChainIdFieldEvent | ChainSyncResponseHeightsCommitmentChildrenCommitmentFieldEvent | ChainSyncResponseHeightsCommitmentSignatureFieldEvent | ChainSyncResponseHeightsOpCountFieldEvent | ChainSyncResponseHeightsOpsFieldEvent | ChainSyncResponseHeldFieldEvent | ChainSyncResponseOpCountFieldEvent | ChainSyncResponseOpsFieldEvent | ChainSyncResponseProofFieldEvent> {
    return streamMessage(buf, ChainSyncResponse.codec(), opts)
  }
}
