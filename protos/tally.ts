import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Side {
  SIDE_UNSPECIFIED = 'SIDE_UNSPECIFIED',
  STOCK = 'STOCK',
  FOIL = 'FOIL'
}

enum __SideValues {
  SIDE_UNSPECIFIED = 0,
  STOCK = 1,
  FOIL = 2
}

export namespace Side {
  export const codec = (): Codec<Side> => {
    return enumeration<Side>(__SideValues)
  }
}

export enum ChitType {
  CHIT_TYPE_UNSPECIFIED = 'CHIT_TYPE_UNSPECIFIED',
  PAYMENT = 'PAYMENT',
  LIFT = 'LIFT',
  SETTING = 'SETTING'
}

enum __ChitTypeValues {
  CHIT_TYPE_UNSPECIFIED = 0,
  PAYMENT = 1,
  LIFT = 2,
  SETTING = 3
}

export namespace ChitType {
  export const codec = (): Codec<ChitType> => {
    return enumeration<ChitType>(__ChitTypeValues)
  }
}

export interface Cert {
  address: string
  publicKey: Uint8Array<ArrayBuffer>
}

export namespace Cert {
  let _codec: Codec<Cert>

  export const codec = (): Codec<Cert> => {
    if (_codec == null) {
      _codec = message<Cert>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.address != null && obj.address !== '')) {
          w.uint32(10)
          w.string(obj.address)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.publicKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          address: '',
          publicKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.address = reader.string()
              break
            }
            case 2: {
              obj.publicKey = reader.bytes()
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
                field: `${prefix}.address`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.publicKey`,
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

  export interface CertAddressFieldEvent {
    field: '$.address'
    value: string
  }

  export interface CertPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Cert>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Cert.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Cert>): Cert {
    return decodeMessage(buf, Cert.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Cert>): Generator<CertAddressFieldEvent | CertPublicKeyFieldEvent> {
    return streamMessage(buf, Cert.codec(), opts)
  }
}

export interface TallyRecord {
  id: Uint8Array<ArrayBuffer>
  version: number
  stock?: Cert
  foil?: Cert
  hasLimit: boolean
  limit: bigint
  created: bigint
  proposer: Side
}

export namespace TallyRecord {
  let _codec: Codec<TallyRecord>

  export const codec = (): Codec<TallyRecord> => {
    if (_codec == null) {
      _codec = message<TallyRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.id)
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(16)
          w.uint32(obj.version)
        }

        if (obj.stock != null) {
          w.uint32(26)
          Cert.codec().encode(obj.stock, w)
        }

        if (obj.foil != null) {
          w.uint32(34)
          Cert.codec().encode(obj.foil, w)
        }

        if ((obj.hasLimit != null && obj.hasLimit !== false)) {
          w.uint32(40)
          w.bool(obj.hasLimit)
        }

        if ((obj.limit != null && obj.limit !== 0n)) {
          w.uint32(48)
          w.int64(obj.limit)
        }

        if ((obj.created != null && obj.created !== 0n)) {
          w.uint32(56)
          w.uint64(obj.created)
        }

        if (obj.proposer != null && __SideValues[obj.proposer] !== 0) {
          w.uint32(64)
          Side.codec().encode(obj.proposer, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: uint8ArrayAlloc(0),
          version: 0,
          hasLimit: false,
          limit: 0n,
          created: 0n,
          proposer: Side.SIDE_UNSPECIFIED
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.bytes()
              break
            }
            case 2: {
              obj.version = reader.uint32()
              break
            }
            case 3: {
              obj.stock = Cert.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stock
              })
              break
            }
            case 4: {
              obj.foil = Cert.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.foil
              })
              break
            }
            case 5: {
              obj.hasLimit = reader.bool()
              break
            }
            case 6: {
              obj.limit = reader.int64()
              break
            }
            case 7: {
              obj.created = reader.uint64()
              break
            }
            case 8: {
              obj.proposer = Side.codec().decode(reader)
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
                field: `${prefix}.id`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield * Cert.codec().stream(reader, reader.uint32(), `${prefix}.stock`, {
                limits: opts.limits?.stock
              })

              break
            }
            case 4: {
              yield * Cert.codec().stream(reader, reader.uint32(), `${prefix}.foil`, {
                limits: opts.limits?.foil
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.hasLimit`,
                value: reader.bool()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.limit`,
                value: reader.int64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.created`,
                value: reader.uint64()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.proposer`,
                value: Side.codec().decode(reader)
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

  export interface TallyRecordIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRecordVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface TallyRecordStockAddressFieldEvent {
    field: '$.stock.address'
    value: string
  }

  export interface TallyRecordStockPublicKeyFieldEvent {
    field: '$.stock.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRecordFoilAddressFieldEvent {
    field: '$.foil.address'
    value: string
  }

  export interface TallyRecordFoilPublicKeyFieldEvent {
    field: '$.foil.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRecordHasLimitFieldEvent {
    field: '$.hasLimit'
    value: boolean
  }

  export interface TallyRecordLimitFieldEvent {
    field: '$.limit'
    value: bigint
  }

  export interface TallyRecordCreatedFieldEvent {
    field: '$.created'
    value: bigint
  }

  export interface TallyRecordProposerFieldEvent {
    field: '$.proposer'
    value: Side
  }

  export function encode (obj: Partial<TallyRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TallyRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TallyRecord>): TallyRecord {
    return decodeMessage(buf, TallyRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TallyRecord>): Generator<TallyRecordIdFieldEvent | TallyRecordVersionFieldEvent | TallyRecordStockAddressFieldEvent | TallyRecordStockPublicKeyFieldEvent | TallyRecordFoilAddressFieldEvent | TallyRecordFoilPublicKeyFieldEvent | TallyRecordHasLimitFieldEvent | TallyRecordLimitFieldEvent | TallyRecordCreatedFieldEvent | TallyRecordProposerFieldEvent> {
    return streamMessage(buf, TallyRecord.codec(), opts)
  }
}

export interface TradingSettings {
  target: bigint
  bound: bigint
  reward: number
  clutch: number
}

export namespace TradingSettings {
  let _codec: Codec<TradingSettings>

  export const codec = (): Codec<TradingSettings> => {
    if (_codec == null) {
      _codec = message<TradingSettings>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.target != null && obj.target !== 0n)) {
          w.uint32(8)
          w.int64(obj.target)
        }

        if ((obj.bound != null && obj.bound !== 0n)) {
          w.uint32(16)
          w.int64(obj.bound)
        }

        if ((obj.reward != null && obj.reward !== 0)) {
          w.uint32(24)
          w.sint32(obj.reward)
        }

        if ((obj.clutch != null && obj.clutch !== 0)) {
          w.uint32(32)
          w.sint32(obj.clutch)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          target: 0n,
          bound: 0n,
          reward: 0,
          clutch: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.target = reader.int64()
              break
            }
            case 2: {
              obj.bound = reader.int64()
              break
            }
            case 3: {
              obj.reward = reader.sint32()
              break
            }
            case 4: {
              obj.clutch = reader.sint32()
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
                field: `${prefix}.target`,
                value: reader.int64()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.bound`,
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
                field: `${prefix}.clutch`,
                value: reader.sint32()
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

  export interface TradingSettingsTargetFieldEvent {
    field: '$.target'
    value: bigint
  }

  export interface TradingSettingsBoundFieldEvent {
    field: '$.bound'
    value: bigint
  }

  export interface TradingSettingsRewardFieldEvent {
    field: '$.reward'
    value: number
  }

  export interface TradingSettingsClutchFieldEvent {
    field: '$.clutch'
    value: number
  }

  export function encode (obj: Partial<TradingSettings>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TradingSettings.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TradingSettings>): TradingSettings {
    return decodeMessage(buf, TradingSettings.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TradingSettings>): Generator<TradingSettingsTargetFieldEvent | TradingSettingsBoundFieldEvent | TradingSettingsRewardFieldEvent | TradingSettingsClutchFieldEvent> {
    return streamMessage(buf, TradingSettings.codec(), opts)
  }
}

export interface Chit {
  tallyId: Uint8Array<ArrayBuffer>
  chitId: Uint8Array<ArrayBuffer>
  issuer: Side
  type: ChitType
  units: bigint
  memo: string
  reference: string
  time: bigint
  settings?: TradingSettings
  close: boolean
  liftId: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Chit {
  let _codec: Codec<Chit>

  export const codec = (): Codec<Chit> => {
    if (_codec == null) {
      _codec = message<Chit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.tallyId != null && obj.tallyId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.tallyId)
        }

        if ((obj.chitId != null && obj.chitId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.chitId)
        }

        if (obj.issuer != null && __SideValues[obj.issuer] !== 0) {
          w.uint32(24)
          Side.codec().encode(obj.issuer, w)
        }

        if (obj.type != null && __ChitTypeValues[obj.type] !== 0) {
          w.uint32(32)
          ChitType.codec().encode(obj.type, w)
        }

        if ((obj.units != null && obj.units !== 0n)) {
          w.uint32(40)
          w.int64(obj.units)
        }

        if ((obj.memo != null && obj.memo !== '')) {
          w.uint32(50)
          w.string(obj.memo)
        }

        if ((obj.reference != null && obj.reference !== '')) {
          w.uint32(58)
          w.string(obj.reference)
        }

        if ((obj.time != null && obj.time !== 0n)) {
          w.uint32(64)
          w.uint64(obj.time)
        }

        if (obj.settings != null) {
          w.uint32(74)
          TradingSettings.codec().encode(obj.settings, w)
        }

        if ((obj.close != null && obj.close !== false)) {
          w.uint32(80)
          w.bool(obj.close)
        }

        if ((obj.liftId != null && obj.liftId.byteLength > 0)) {
          w.uint32(90)
          w.bytes(obj.liftId)
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
          tallyId: uint8ArrayAlloc(0),
          chitId: uint8ArrayAlloc(0),
          issuer: Side.SIDE_UNSPECIFIED,
          type: ChitType.CHIT_TYPE_UNSPECIFIED,
          units: 0n,
          memo: '',
          reference: '',
          time: 0n,
          close: false,
          liftId: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.tallyId = reader.bytes()
              break
            }
            case 2: {
              obj.chitId = reader.bytes()
              break
            }
            case 3: {
              obj.issuer = Side.codec().decode(reader)
              break
            }
            case 4: {
              obj.type = ChitType.codec().decode(reader)
              break
            }
            case 5: {
              obj.units = reader.int64()
              break
            }
            case 6: {
              obj.memo = reader.string()
              break
            }
            case 7: {
              obj.reference = reader.string()
              break
            }
            case 8: {
              obj.time = reader.uint64()
              break
            }
            case 9: {
              obj.settings = TradingSettings.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.settings
              })
              break
            }
            case 10: {
              obj.close = reader.bool()
              break
            }
            case 11: {
              obj.liftId = reader.bytes()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.tallyId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.chitId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.issuer`,
                value: Side.codec().decode(reader)
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.type`,
                value: ChitType.codec().decode(reader)
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.units`,
                value: reader.int64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.memo`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.reference`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.time`,
                value: reader.uint64()
              }
              break
            }
            case 9: {
              yield * TradingSettings.codec().stream(reader, reader.uint32(), `${prefix}.settings`, {
                limits: opts.limits?.settings
              })

              break
            }
            case 10: {
              yield {
                field: `${prefix}.close`,
                value: reader.bool()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.liftId`,
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

  export interface ChitTallyIdFieldEvent {
    field: '$.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChitChitIdFieldEvent {
    field: '$.chitId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChitIssuerFieldEvent {
    field: '$.issuer'
    value: Side
  }

  export interface ChitTypeFieldEvent {
    field: '$.type'
    value: ChitType
  }

  export interface ChitUnitsFieldEvent {
    field: '$.units'
    value: bigint
  }

  export interface ChitMemoFieldEvent {
    field: '$.memo'
    value: string
  }

  export interface ChitReferenceFieldEvent {
    field: '$.reference'
    value: string
  }

  export interface ChitTimeFieldEvent {
    field: '$.time'
    value: bigint
  }

  export interface ChitSettingsTargetFieldEvent {
    field: '$.settings.target'
    value: bigint
  }

  export interface ChitSettingsBoundFieldEvent {
    field: '$.settings.bound'
    value: bigint
  }

  export interface ChitSettingsRewardFieldEvent {
    field: '$.settings.reward'
    value: number
  }

  export interface ChitSettingsClutchFieldEvent {
    field: '$.settings.clutch'
    value: number
  }

  export interface ChitCloseFieldEvent {
    field: '$.close'
    value: boolean
  }

  export interface ChitLiftIdFieldEvent {
    field: '$.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChitSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Chit>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Chit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Chit>): Chit {
    return decodeMessage(buf, Chit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Chit>): Generator<ChitTallyIdFieldEvent | ChitChitIdFieldEvent | ChitIssuerFieldEvent | ChitTypeFieldEvent | ChitUnitsFieldEvent | ChitMemoFieldEvent | ChitReferenceFieldEvent | ChitTimeFieldEvent | ChitSettingsTargetFieldEvent | ChitSettingsBoundFieldEvent | ChitSettingsRewardFieldEvent | ChitSettingsClutchFieldEvent | ChitCloseFieldEvent | ChitLiftIdFieldEvent | ChitSignatureFieldEvent> {
    return streamMessage(buf, Chit.codec(), opts)
  }
}

export interface ChainEntry {
  index: bigint
  prev: Uint8Array<ArrayBuffer>
  chit?: Chit
}

export namespace ChainEntry {
  let _codec: Codec<ChainEntry>

  export const codec = (): Codec<ChainEntry> => {
    if (_codec == null) {
      _codec = message<ChainEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0n)) {
          w.uint32(8)
          w.uint64(obj.index)
        }

        if ((obj.prev != null && obj.prev.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.prev)
        }

        if (obj.chit != null) {
          w.uint32(26)
          Chit.codec().encode(obj.chit, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0n,
          prev: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint64()
              break
            }
            case 2: {
              obj.prev = reader.bytes()
              break
            }
            case 3: {
              obj.chit = Chit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chit
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
                field: `${prefix}.index`,
                value: reader.uint64()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.prev`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield * Chit.codec().stream(reader, reader.uint32(), `${prefix}.chit`, {
                limits: opts.limits?.chit
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

  export interface ChainEntryIndexFieldEvent {
    field: '$.index'
    value: bigint
  }

  export interface ChainEntryPrevFieldEvent {
    field: '$.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainEntryChitTallyIdFieldEvent {
    field: '$.chit.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainEntryChitChitIdFieldEvent {
    field: '$.chit.chitId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainEntryChitIssuerFieldEvent {
    field: '$.chit.issuer'
    value: Side
  }

  export interface ChainEntryChitTypeFieldEvent {
    field: '$.chit.type'
    value: ChitType
  }

  export interface ChainEntryChitUnitsFieldEvent {
    field: '$.chit.units'
    value: bigint
  }

  export interface ChainEntryChitMemoFieldEvent {
    field: '$.chit.memo'
    value: string
  }

  export interface ChainEntryChitReferenceFieldEvent {
    field: '$.chit.reference'
    value: string
  }

  export interface ChainEntryChitTimeFieldEvent {
    field: '$.chit.time'
    value: bigint
  }

  export interface ChainEntryChitSettingsTargetFieldEvent {
    field: '$.chit.settings.target'
    value: bigint
  }

  export interface ChainEntryChitSettingsBoundFieldEvent {
    field: '$.chit.settings.bound'
    value: bigint
  }

  export interface ChainEntryChitSettingsRewardFieldEvent {
    field: '$.chit.settings.reward'
    value: number
  }

  export interface ChainEntryChitSettingsClutchFieldEvent {
    field: '$.chit.settings.clutch'
    value: number
  }

  export interface ChainEntryChitCloseFieldEvent {
    field: '$.chit.close'
    value: boolean
  }

  export interface ChainEntryChitLiftIdFieldEvent {
    field: '$.chit.liftId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainEntryChitSignatureFieldEvent {
    field: '$.chit.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChainEntry>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainEntry>): ChainEntry {
    return decodeMessage(buf, ChainEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainEntry>): Generator<ChainEntryIndexFieldEvent | ChainEntryPrevFieldEvent | ChainEntryChitTallyIdFieldEvent | ChainEntryChitChitIdFieldEvent | ChainEntryChitIssuerFieldEvent | ChainEntryChitTypeFieldEvent | ChainEntryChitUnitsFieldEvent | ChainEntryChitMemoFieldEvent | ChainEntryChitReferenceFieldEvent | ChainEntryChitTimeFieldEvent | ChainEntryChitSettingsTargetFieldEvent | ChainEntryChitSettingsBoundFieldEvent | ChainEntryChitSettingsRewardFieldEvent | ChainEntryChitSettingsClutchFieldEvent | ChainEntryChitCloseFieldEvent | ChainEntryChitLiftIdFieldEvent | ChainEntryChitSignatureFieldEvent> {
    return streamMessage(buf, ChainEntry.codec(), opts)
  }
}

export interface Propose {
  record?: TallyRecord
}

export namespace Propose {
  let _codec: Codec<Propose>

  export const codec = (): Codec<Propose> => {
    if (_codec == null) {
      _codec = message<Propose>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.record != null) {
          w.uint32(10)
          TallyRecord.codec().encode(obj.record, w)
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
              obj.record = TallyRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.record
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
              yield * TallyRecord.codec().stream(reader, reader.uint32(), `${prefix}.record`, {
                limits: opts.limits?.record
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

  export interface ProposeRecordIdFieldEvent {
    field: '$.record.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposeRecordVersionFieldEvent {
    field: '$.record.version'
    value: number
  }

  export interface ProposeRecordStockAddressFieldEvent {
    field: '$.record.stock.address'
    value: string
  }

  export interface ProposeRecordStockPublicKeyFieldEvent {
    field: '$.record.stock.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposeRecordFoilAddressFieldEvent {
    field: '$.record.foil.address'
    value: string
  }

  export interface ProposeRecordFoilPublicKeyFieldEvent {
    field: '$.record.foil.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposeRecordHasLimitFieldEvent {
    field: '$.record.hasLimit'
    value: boolean
  }

  export interface ProposeRecordLimitFieldEvent {
    field: '$.record.limit'
    value: bigint
  }

  export interface ProposeRecordCreatedFieldEvent {
    field: '$.record.created'
    value: bigint
  }

  export interface ProposeRecordProposerFieldEvent {
    field: '$.record.proposer'
    value: Side
  }

  export function encode (obj: Partial<Propose>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Propose.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Propose>): Propose {
    return decodeMessage(buf, Propose.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Propose>): Generator<ProposeRecordIdFieldEvent | ProposeRecordVersionFieldEvent | ProposeRecordStockAddressFieldEvent | ProposeRecordStockPublicKeyFieldEvent | ProposeRecordFoilAddressFieldEvent | ProposeRecordFoilPublicKeyFieldEvent | ProposeRecordHasLimitFieldEvent | ProposeRecordLimitFieldEvent | ProposeRecordCreatedFieldEvent | ProposeRecordProposerFieldEvent> {
    return streamMessage(buf, Propose.codec(), opts)
  }
}

export interface Accept {
  tallyId: Uint8Array<ArrayBuffer>
  publicKey: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Accept {
  let _codec: Codec<Accept>

  export const codec = (): Codec<Accept> => {
    if (_codec == null) {
      _codec = message<Accept>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.tallyId != null && obj.tallyId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.tallyId)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.publicKey)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          tallyId: uint8ArrayAlloc(0),
          publicKey: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.tallyId = reader.bytes()
              break
            }
            case 2: {
              obj.publicKey = reader.bytes()
              break
            }
            case 3: {
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
                field: `${prefix}.tallyId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
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

  export interface AcceptTallyIdFieldEvent {
    field: '$.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AcceptPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AcceptSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Accept>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Accept.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Accept>): Accept {
    return decodeMessage(buf, Accept.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Accept>): Generator<AcceptTallyIdFieldEvent | AcceptPublicKeyFieldEvent | AcceptSignatureFieldEvent> {
    return streamMessage(buf, Accept.codec(), opts)
  }
}

export interface Refuse {
  tallyId: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Refuse {
  let _codec: Codec<Refuse>

  export const codec = (): Codec<Refuse> => {
    if (_codec == null) {
      _codec = message<Refuse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.tallyId != null && obj.tallyId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.tallyId)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          tallyId: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.tallyId = reader.bytes()
              break
            }
            case 2: {
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
                field: `${prefix}.tallyId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
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

  export interface RefuseTallyIdFieldEvent {
    field: '$.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RefuseSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Refuse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Refuse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refuse>): Refuse {
    return decodeMessage(buf, Refuse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refuse>): Generator<RefuseTallyIdFieldEvent | RefuseSignatureFieldEvent> {
    return streamMessage(buf, Refuse.codec(), opts)
  }
}

export interface PostChit {
  chits: Chit[]
  haveLength: bigint
  liftDecisions: Uint8Array<ArrayBuffer>[]
}

export namespace PostChit {
  let _codec: Codec<PostChit>

  export const codec = (): Codec<PostChit> => {
    if (_codec == null) {
      _codec = message<PostChit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.chits != null && obj.chits.length > 0) {
          for (const value of obj.chits) {
            w.uint32(10)
            Chit.codec().encode(value, w)
          }
        }

        if ((obj.haveLength != null && obj.haveLength !== 0n)) {
          w.uint32(16)
          w.uint64(obj.haveLength)
        }

        if (obj.liftDecisions != null && obj.liftDecisions.length > 0) {
          for (const value of obj.liftDecisions) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chits: [],
          haveLength: 0n,
          liftDecisions: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.chits != null && obj.chits.length === opts.limits.chits) {
                throw new MaxLengthError('Decode error - repeated field "chits" had too many elements')
              }

              obj.chits.push(Chit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chits$
              }))
              break
            }
            case 2: {
              obj.haveLength = reader.uint64()
              break
            }
            case 3: {
              if (opts.limits?.liftDecisions != null && obj.liftDecisions.length === opts.limits.liftDecisions) {
                throw new MaxLengthError('Decode error - repeated field "liftDecisions" had too many elements')
              }

              obj.liftDecisions.push(reader.bytes())
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
          chits: 0,
          liftDecisions: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.chits != null && obj.chits === opts.limits.chits) {
                throw new MaxLengthError('Streaming decode error - repeated field "chits" had too many elements')
              }

              for (const evt of Chit.codec().stream(reader, reader.uint32(), `${prefix}.chits[]`, {
                limits: opts.limits?.chits$
              })) {
                yield {
                  ...evt,
                  index: obj.chits
                }
              }

              obj.chits++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.haveLength`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              if (opts.limits?.liftDecisions != null && obj.liftDecisions === opts.limits.liftDecisions) {
                throw new MaxLengthError('Streaming decode error - repeated field "liftDecisions" had too many elements')
              }

              yield {
                field: `${prefix}.liftDecisions[]`,
                index: obj.liftDecisions,
                value: reader.bytes()
              }

              obj.liftDecisions++

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

  export interface PostChitChitsTallyIdFieldEvent {
    field: '$.chits[].tallyId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PostChitChitsChitIdFieldEvent {
    field: '$.chits[].chitId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PostChitChitsIssuerFieldEvent {
    field: '$.chits[].issuer'
    value: Side
    index: number
  }

  export interface PostChitChitsTypeFieldEvent {
    field: '$.chits[].type'
    value: ChitType
    index: number
  }

  export interface PostChitChitsUnitsFieldEvent {
    field: '$.chits[].units'
    value: bigint
    index: number
  }

  export interface PostChitChitsMemoFieldEvent {
    field: '$.chits[].memo'
    value: string
    index: number
  }

  export interface PostChitChitsReferenceFieldEvent {
    field: '$.chits[].reference'
    value: string
    index: number
  }

  export interface PostChitChitsTimeFieldEvent {
    field: '$.chits[].time'
    value: bigint
    index: number
  }

  export interface PostChitChitsSettingsTargetFieldEvent {
    field: '$.chits[].settings.target'
    value: bigint
    index: number
  }

  export interface PostChitChitsSettingsBoundFieldEvent {
    field: '$.chits[].settings.bound'
    value: bigint
    index: number
  }

  export interface PostChitChitsSettingsRewardFieldEvent {
    field: '$.chits[].settings.reward'
    value: number
    index: number
  }

  export interface PostChitChitsSettingsClutchFieldEvent {
    field: '$.chits[].settings.clutch'
    value: number
    index: number
  }

  export interface PostChitChitsCloseFieldEvent {
    field: '$.chits[].close'
    value: boolean
    index: number
  }

  export interface PostChitChitsLiftIdFieldEvent {
    field: '$.chits[].liftId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PostChitChitsSignatureFieldEvent {
    field: '$.chits[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PostChitHaveLengthFieldEvent {
    field: '$.haveLength'
    value: bigint
  }

  export interface PostChitLiftDecisionsFieldEvent {
    field: '$.liftDecisions[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PostChit>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PostChit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PostChit>): PostChit {
    return decodeMessage(buf, PostChit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PostChit>): Generator<PostChitChitsTallyIdFieldEvent | PostChitChitsChitIdFieldEvent | PostChitChitsIssuerFieldEvent | PostChitChitsTypeFieldEvent | PostChitChitsUnitsFieldEvent | PostChitChitsMemoFieldEvent | PostChitChitsReferenceFieldEvent | PostChitChitsTimeFieldEvent | PostChitChitsSettingsTargetFieldEvent | PostChitChitsSettingsBoundFieldEvent | PostChitChitsSettingsRewardFieldEvent | PostChitChitsSettingsClutchFieldEvent | PostChitChitsCloseFieldEvent | PostChitChitsLiftIdFieldEvent | PostChitChitsSignatureFieldEvent | PostChitHaveLengthFieldEvent | PostChitLiftDecisionsFieldEvent> {
    return streamMessage(buf, PostChit.codec(), opts)
  }
}

export interface PushEntries {
  tallyId: Uint8Array<ArrayBuffer>
  entries: ChainEntry[]
  liftDecisions: Uint8Array<ArrayBuffer>[]
}

export namespace PushEntries {
  let _codec: Codec<PushEntries>

  export const codec = (): Codec<PushEntries> => {
    if (_codec == null) {
      _codec = message<PushEntries>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.tallyId != null && obj.tallyId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.tallyId)
        }

        if (obj.entries != null && obj.entries.length > 0) {
          for (const value of obj.entries) {
            w.uint32(18)
            ChainEntry.codec().encode(value, w)
          }
        }

        if (obj.liftDecisions != null && obj.liftDecisions.length > 0) {
          for (const value of obj.liftDecisions) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          tallyId: uint8ArrayAlloc(0),
          entries: [],
          liftDecisions: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.tallyId = reader.bytes()
              break
            }
            case 2: {
              if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              obj.entries.push(ChainEntry.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.entries$
              }))
              break
            }
            case 3: {
              if (opts.limits?.liftDecisions != null && obj.liftDecisions.length === opts.limits.liftDecisions) {
                throw new MaxLengthError('Decode error - repeated field "liftDecisions" had too many elements')
              }

              obj.liftDecisions.push(reader.bytes())
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
          entries: 0,
          liftDecisions: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.tallyId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
              }

              for (const evt of ChainEntry.codec().stream(reader, reader.uint32(), `${prefix}.entries[]`, {
                limits: opts.limits?.entries$
              })) {
                yield {
                  ...evt,
                  index: obj.entries
                }
              }

              obj.entries++

              break
            }
            case 3: {
              if (opts.limits?.liftDecisions != null && obj.liftDecisions === opts.limits.liftDecisions) {
                throw new MaxLengthError('Streaming decode error - repeated field "liftDecisions" had too many elements')
              }

              yield {
                field: `${prefix}.liftDecisions[]`,
                index: obj.liftDecisions,
                value: reader.bytes()
              }

              obj.liftDecisions++

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

  export interface PushEntriesTallyIdFieldEvent {
    field: '$.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PushEntriesEntriesIndexFieldEvent {
    field: '$.entries[].index'
    value: bigint
    index: number
  }

  export interface PushEntriesEntriesPrevFieldEvent {
    field: '$.entries[].prev'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PushEntriesEntriesChitTallyIdFieldEvent {
    field: '$.entries[].chit.tallyId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PushEntriesEntriesChitChitIdFieldEvent {
    field: '$.entries[].chit.chitId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PushEntriesEntriesChitIssuerFieldEvent {
    field: '$.entries[].chit.issuer'
    value: Side
    index: number
  }

  export interface PushEntriesEntriesChitTypeFieldEvent {
    field: '$.entries[].chit.type'
    value: ChitType
    index: number
  }

  export interface PushEntriesEntriesChitUnitsFieldEvent {
    field: '$.entries[].chit.units'
    value: bigint
    index: number
  }

  export interface PushEntriesEntriesChitMemoFieldEvent {
    field: '$.entries[].chit.memo'
    value: string
    index: number
  }

  export interface PushEntriesEntriesChitReferenceFieldEvent {
    field: '$.entries[].chit.reference'
    value: string
    index: number
  }

  export interface PushEntriesEntriesChitTimeFieldEvent {
    field: '$.entries[].chit.time'
    value: bigint
    index: number
  }

  export interface PushEntriesEntriesChitSettingsTargetFieldEvent {
    field: '$.entries[].chit.settings.target'
    value: bigint
    index: number
  }

  export interface PushEntriesEntriesChitSettingsBoundFieldEvent {
    field: '$.entries[].chit.settings.bound'
    value: bigint
    index: number
  }

  export interface PushEntriesEntriesChitSettingsRewardFieldEvent {
    field: '$.entries[].chit.settings.reward'
    value: number
    index: number
  }

  export interface PushEntriesEntriesChitSettingsClutchFieldEvent {
    field: '$.entries[].chit.settings.clutch'
    value: number
    index: number
  }

  export interface PushEntriesEntriesChitCloseFieldEvent {
    field: '$.entries[].chit.close'
    value: boolean
    index: number
  }

  export interface PushEntriesEntriesChitLiftIdFieldEvent {
    field: '$.entries[].chit.liftId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PushEntriesEntriesChitSignatureFieldEvent {
    field: '$.entries[].chit.signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PushEntriesLiftDecisionsFieldEvent {
    field: '$.liftDecisions[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PushEntries>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PushEntries.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PushEntries>): PushEntries {
    return decodeMessage(buf, PushEntries.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PushEntries>): Generator<PushEntriesTallyIdFieldEvent | PushEntriesEntriesIndexFieldEvent | PushEntriesEntriesPrevFieldEvent | PushEntriesEntriesChitTallyIdFieldEvent | PushEntriesEntriesChitChitIdFieldEvent | PushEntriesEntriesChitIssuerFieldEvent | PushEntriesEntriesChitTypeFieldEvent | PushEntriesEntriesChitUnitsFieldEvent | PushEntriesEntriesChitMemoFieldEvent | PushEntriesEntriesChitReferenceFieldEvent | PushEntriesEntriesChitTimeFieldEvent | PushEntriesEntriesChitSettingsTargetFieldEvent | PushEntriesEntriesChitSettingsBoundFieldEvent | PushEntriesEntriesChitSettingsRewardFieldEvent | PushEntriesEntriesChitSettingsClutchFieldEvent | PushEntriesEntriesChitCloseFieldEvent | PushEntriesEntriesChitLiftIdFieldEvent | PushEntriesEntriesChitSignatureFieldEvent | PushEntriesLiftDecisionsFieldEvent> {
    return streamMessage(buf, PushEntries.codec(), opts)
  }
}

export interface FetchEntries {
  tallyId: Uint8Array<ArrayBuffer>
  fromIndex: bigint
}

export namespace FetchEntries {
  let _codec: Codec<FetchEntries>

  export const codec = (): Codec<FetchEntries> => {
    if (_codec == null) {
      _codec = message<FetchEntries>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.tallyId != null && obj.tallyId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.tallyId)
        }

        if ((obj.fromIndex != null && obj.fromIndex !== 0n)) {
          w.uint32(16)
          w.uint64(obj.fromIndex)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          tallyId: uint8ArrayAlloc(0),
          fromIndex: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.tallyId = reader.bytes()
              break
            }
            case 2: {
              obj.fromIndex = reader.uint64()
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
                field: `${prefix}.tallyId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.fromIndex`,
                value: reader.uint64()
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

  export interface FetchEntriesTallyIdFieldEvent {
    field: '$.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FetchEntriesFromIndexFieldEvent {
    field: '$.fromIndex'
    value: bigint
  }

  export function encode (obj: Partial<FetchEntries>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FetchEntries.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FetchEntries>): FetchEntries {
    return decodeMessage(buf, FetchEntries.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FetchEntries>): Generator<FetchEntriesTallyIdFieldEvent | FetchEntriesFromIndexFieldEvent> {
    return streamMessage(buf, FetchEntries.codec(), opts)
  }
}

export interface TallyRequest {
  propose?: Propose
  accept?: Accept
  refuse?: Refuse
  postChit?: PostChit
  pushEntries?: PushEntries
  fetchEntries?: FetchEntries
}

export namespace TallyRequest {
  let _codec: Codec<TallyRequest>

  export const codec = (): Codec<TallyRequest> => {
    if (_codec == null) {
      _codec = message<TallyRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.propose != null) {
          w.uint32(10)
          Propose.codec().encode(obj.propose, w)
        }

        if (obj.accept != null) {
          w.uint32(18)
          Accept.codec().encode(obj.accept, w)
        }

        if (obj.refuse != null) {
          w.uint32(26)
          Refuse.codec().encode(obj.refuse, w)
        }

        if (obj.postChit != null) {
          w.uint32(34)
          PostChit.codec().encode(obj.postChit, w)
        }

        if (obj.pushEntries != null) {
          w.uint32(42)
          PushEntries.codec().encode(obj.pushEntries, w)
        }

        if (obj.fetchEntries != null) {
          w.uint32(50)
          FetchEntries.codec().encode(obj.fetchEntries, w)
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
              obj.propose = Propose.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.propose
              })
              break
            }
            case 2: {
              obj.accept = Accept.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.accept
              })
              break
            }
            case 3: {
              obj.refuse = Refuse.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.refuse
              })
              break
            }
            case 4: {
              obj.postChit = PostChit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.postChit
              })
              break
            }
            case 5: {
              obj.pushEntries = PushEntries.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.pushEntries
              })
              break
            }
            case 6: {
              obj.fetchEntries = FetchEntries.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetchEntries
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
              yield * Propose.codec().stream(reader, reader.uint32(), `${prefix}.propose`, {
                limits: opts.limits?.propose
              })

              break
            }
            case 2: {
              yield * Accept.codec().stream(reader, reader.uint32(), `${prefix}.accept`, {
                limits: opts.limits?.accept
              })

              break
            }
            case 3: {
              yield * Refuse.codec().stream(reader, reader.uint32(), `${prefix}.refuse`, {
                limits: opts.limits?.refuse
              })

              break
            }
            case 4: {
              yield * PostChit.codec().stream(reader, reader.uint32(), `${prefix}.postChit`, {
                limits: opts.limits?.postChit
              })

              break
            }
            case 5: {
              yield * PushEntries.codec().stream(reader, reader.uint32(), `${prefix}.pushEntries`, {
                limits: opts.limits?.pushEntries
              })

              break
            }
            case 6: {
              yield * FetchEntries.codec().stream(reader, reader.uint32(), `${prefix}.fetchEntries`, {
                limits: opts.limits?.fetchEntries
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

  export interface TallyRequestProposeRecordIdFieldEvent {
    field: '$.propose.record.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestProposeRecordVersionFieldEvent {
    field: '$.propose.record.version'
    value: number
  }

  export interface TallyRequestProposeRecordStockAddressFieldEvent {
    field: '$.propose.record.stock.address'
    value: string
  }

  export interface TallyRequestProposeRecordStockPublicKeyFieldEvent {
    field: '$.propose.record.stock.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestProposeRecordFoilAddressFieldEvent {
    field: '$.propose.record.foil.address'
    value: string
  }

  export interface TallyRequestProposeRecordFoilPublicKeyFieldEvent {
    field: '$.propose.record.foil.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestProposeRecordHasLimitFieldEvent {
    field: '$.propose.record.hasLimit'
    value: boolean
  }

  export interface TallyRequestProposeRecordLimitFieldEvent {
    field: '$.propose.record.limit'
    value: bigint
  }

  export interface TallyRequestProposeRecordCreatedFieldEvent {
    field: '$.propose.record.created'
    value: bigint
  }

  export interface TallyRequestProposeRecordProposerFieldEvent {
    field: '$.propose.record.proposer'
    value: Side
  }

  export interface TallyRequestAcceptTallyIdFieldEvent {
    field: '$.accept.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestAcceptPublicKeyFieldEvent {
    field: '$.accept.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestAcceptSignatureFieldEvent {
    field: '$.accept.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestRefuseTallyIdFieldEvent {
    field: '$.refuse.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestRefuseSignatureFieldEvent {
    field: '$.refuse.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestPostChitChitsTallyIdFieldEvent {
    field: '$.postChit.chits[].tallyId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPostChitChitsChitIdFieldEvent {
    field: '$.postChit.chits[].chitId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPostChitChitsIssuerFieldEvent {
    field: '$.postChit.chits[].issuer'
    value: Side
    index: number
  }

  export interface TallyRequestPostChitChitsTypeFieldEvent {
    field: '$.postChit.chits[].type'
    value: ChitType
    index: number
  }

  export interface TallyRequestPostChitChitsUnitsFieldEvent {
    field: '$.postChit.chits[].units'
    value: bigint
    index: number
  }

  export interface TallyRequestPostChitChitsMemoFieldEvent {
    field: '$.postChit.chits[].memo'
    value: string
    index: number
  }

  export interface TallyRequestPostChitChitsReferenceFieldEvent {
    field: '$.postChit.chits[].reference'
    value: string
    index: number
  }

  export interface TallyRequestPostChitChitsTimeFieldEvent {
    field: '$.postChit.chits[].time'
    value: bigint
    index: number
  }

  export interface TallyRequestPostChitChitsSettingsTargetFieldEvent {
    field: '$.postChit.chits[].settings.target'
    value: bigint
    index: number
  }

  export interface TallyRequestPostChitChitsSettingsBoundFieldEvent {
    field: '$.postChit.chits[].settings.bound'
    value: bigint
    index: number
  }

  export interface TallyRequestPostChitChitsSettingsRewardFieldEvent {
    field: '$.postChit.chits[].settings.reward'
    value: number
    index: number
  }

  export interface TallyRequestPostChitChitsSettingsClutchFieldEvent {
    field: '$.postChit.chits[].settings.clutch'
    value: number
    index: number
  }

  export interface TallyRequestPostChitChitsCloseFieldEvent {
    field: '$.postChit.chits[].close'
    value: boolean
    index: number
  }

  export interface TallyRequestPostChitChitsLiftIdFieldEvent {
    field: '$.postChit.chits[].liftId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPostChitChitsSignatureFieldEvent {
    field: '$.postChit.chits[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPostChitHaveLengthFieldEvent {
    field: '$.postChit.haveLength'
    value: bigint
  }

  export interface TallyRequestPostChitLiftDecisionsFieldEvent {
    field: '$.postChit.liftDecisions[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestPushEntriesTallyIdFieldEvent {
    field: '$.pushEntries.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestPushEntriesEntriesIndexFieldEvent {
    field: '$.pushEntries.entries[].index'
    value: bigint
    index: number
  }

  export interface TallyRequestPushEntriesEntriesPrevFieldEvent {
    field: '$.pushEntries.entries[].prev'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitTallyIdFieldEvent {
    field: '$.pushEntries.entries[].chit.tallyId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitChitIdFieldEvent {
    field: '$.pushEntries.entries[].chit.chitId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitIssuerFieldEvent {
    field: '$.pushEntries.entries[].chit.issuer'
    value: Side
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitTypeFieldEvent {
    field: '$.pushEntries.entries[].chit.type'
    value: ChitType
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitUnitsFieldEvent {
    field: '$.pushEntries.entries[].chit.units'
    value: bigint
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitMemoFieldEvent {
    field: '$.pushEntries.entries[].chit.memo'
    value: string
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitReferenceFieldEvent {
    field: '$.pushEntries.entries[].chit.reference'
    value: string
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitTimeFieldEvent {
    field: '$.pushEntries.entries[].chit.time'
    value: bigint
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitSettingsTargetFieldEvent {
    field: '$.pushEntries.entries[].chit.settings.target'
    value: bigint
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitSettingsBoundFieldEvent {
    field: '$.pushEntries.entries[].chit.settings.bound'
    value: bigint
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitSettingsRewardFieldEvent {
    field: '$.pushEntries.entries[].chit.settings.reward'
    value: number
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitSettingsClutchFieldEvent {
    field: '$.pushEntries.entries[].chit.settings.clutch'
    value: number
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitCloseFieldEvent {
    field: '$.pushEntries.entries[].chit.close'
    value: boolean
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitLiftIdFieldEvent {
    field: '$.pushEntries.entries[].chit.liftId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPushEntriesEntriesChitSignatureFieldEvent {
    field: '$.pushEntries.entries[].chit.signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyRequestPushEntriesLiftDecisionsFieldEvent {
    field: '$.pushEntries.liftDecisions[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestFetchEntriesTallyIdFieldEvent {
    field: '$.fetchEntries.tallyId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyRequestFetchEntriesFromIndexFieldEvent {
    field: '$.fetchEntries.fromIndex'
    value: bigint
  }

  export function encode (obj: Partial<TallyRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TallyRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TallyRequest>): TallyRequest {
    return decodeMessage(buf, TallyRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TallyRequest>): Generator<TallyRequestProposeRecordIdFieldEvent | TallyRequestProposeRecordVersionFieldEvent | TallyRequestProposeRecordStockAddressFieldEvent | TallyRequestProposeRecordStockPublicKeyFieldEvent | TallyRequestProposeRecordFoilAddressFieldEvent | TallyRequestProposeRecordFoilPublicKeyFieldEvent | TallyRequestProposeRecordHasLimitFieldEvent | TallyRequestProposeRecordLimitFieldEvent | TallyRequestProposeRecordCreatedFieldEvent | TallyRequestProposeRecordProposerFieldEvent | TallyRequestAcceptTallyIdFieldEvent | TallyRequestAcceptPublicKeyFieldEvent | TallyRequestAcceptSignatureFieldEvent | TallyRequestRefuseTallyIdFieldEvent | TallyRequestRefuseSignatureFieldEvent | TallyRequestPostChitChitsTallyIdFieldEvent | TallyRequestPostChitChitsChitIdFieldEvent | TallyRequestPostChitChitsIssuerFieldEvent | TallyRequestPostChitChitsTypeFieldEvent | TallyRequestPostChitChitsUnitsFieldEvent | TallyRequestPostChitChitsMemoFieldEvent | TallyRequestPostChitChitsReferenceFieldEvent | TallyRequestPostChitChitsTimeFieldEvent | TallyRequestPostChitChitsSettingsTargetFieldEvent | TallyRequestPostChitChitsSettingsBoundFieldEvent | TallyRequestPostChitChitsSettingsRewardFieldEvent | TallyRequestPostChitChitsSettingsClutchFieldEvent | TallyRequestPostChitChitsCloseFieldEvent | TallyRequestPostChitChitsLiftIdFieldEvent | TallyRequestPostChitChitsSignatureFieldEvent | TallyRequestPostChitHaveLengthFieldEvent | TallyRequestPostChitLiftDecisionsFieldEvent | TallyRequestPushEntriesTallyIdFieldEvent | TallyRequestPushEntriesEntriesIndexFieldEvent | TallyRequestPushEntriesEntriesPrevFieldEvent | TallyRequestPushEntriesEntriesChitTallyIdFieldEvent | TallyRequestPushEntriesEntriesChitChitIdFieldEvent | TallyRequestPushEntriesEntriesChitIssuerFieldEvent | TallyRequestPushEntriesEntriesChitTypeFieldEvent | TallyRequestPushEntriesEntriesChitUnitsFieldEvent | TallyRequestPushEntriesEntriesChitMemoFieldEvent | TallyRequestPushEntriesEntriesChitReferenceFieldEvent | TallyRequestPushEntriesEntriesChitTimeFieldEvent | TallyRequestPushEntriesEntriesChitSettingsTargetFieldEvent | TallyRequestPushEntriesEntriesChitSettingsBoundFieldEvent | TallyRequestPushEntriesEntriesChitSettingsRewardFieldEvent | TallyRequestPushEntriesEntriesChitSettingsClutchFieldEvent | TallyRequestPushEntriesEntriesChitCloseFieldEvent | TallyRequestPushEntriesEntriesChitLiftIdFieldEvent | TallyRequestPushEntriesEntriesChitSignatureFieldEvent | TallyRequestPushEntriesLiftDecisionsFieldEvent | TallyRequestFetchEntriesTallyIdFieldEvent | TallyRequestFetchEntriesFromIndexFieldEvent> {
    return streamMessage(buf, TallyRequest.codec(), opts)
  }
}

export enum ErrorCode {
  OK = 'OK',
  MALFORMED = 'MALFORMED',
  BAD_SIGNATURE = 'BAD_SIGNATURE',
  NOT_COUNTERPARTY = 'NOT_COUNTERPARTY',
  UNKNOWN_TALLY = 'UNKNOWN_TALLY',
  UNKNOWN_USER = 'UNKNOWN_USER',
  BAD_STATE = 'BAD_STATE',
  DUPLICATE = 'DUPLICATE',
  OVER_LIMIT = 'OVER_LIMIT',
  CHAIN_GAP = 'CHAIN_GAP',
  CHAIN_CONFLICT = 'CHAIN_CONFLICT',
  INTERNAL = 'INTERNAL',
  WRONG_USER = 'WRONG_USER',
  LIFT_UNDECIDED = 'LIFT_UNDECIDED'
}

enum __ErrorCodeValues {
  OK = 0,
  MALFORMED = 1,
  BAD_SIGNATURE = 2,
  NOT_COUNTERPARTY = 3,
  UNKNOWN_TALLY = 4,
  UNKNOWN_USER = 5,
  BAD_STATE = 6,
  DUPLICATE = 7,
  OVER_LIMIT = 8,
  CHAIN_GAP = 9,
  CHAIN_CONFLICT = 10,
  INTERNAL = 11,
  WRONG_USER = 12,
  LIFT_UNDECIDED = 13
}

export namespace ErrorCode {
  export const codec = (): Codec<ErrorCode> => {
    return enumeration<ErrorCode>(__ErrorCodeValues)
  }
}

export interface TallyResponse {
  code: ErrorCode
  message: string
  publicKey: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
  entries: ChainEntry[]
  length: bigint
  head: Uint8Array<ArrayBuffer>
  chitId: Uint8Array<ArrayBuffer>
}

export namespace TallyResponse {
  let _codec: Codec<TallyResponse>

  export const codec = (): Codec<TallyResponse> => {
    if (_codec == null) {
      _codec = message<TallyResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.code != null && __ErrorCodeValues[obj.code] !== 0) {
          w.uint32(8)
          ErrorCode.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.publicKey)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.signature)
        }

        if (obj.entries != null && obj.entries.length > 0) {
          for (const value of obj.entries) {
            w.uint32(42)
            ChainEntry.codec().encode(value, w)
          }
        }

        if ((obj.length != null && obj.length !== 0n)) {
          w.uint32(48)
          w.uint64(obj.length)
        }

        if ((obj.head != null && obj.head.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.head)
        }

        if ((obj.chitId != null && obj.chitId.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.chitId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: ErrorCode.OK,
          message: '',
          publicKey: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0),
          entries: [],
          length: 0n,
          head: uint8ArrayAlloc(0),
          chitId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = ErrorCode.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              obj.publicKey = reader.bytes()
              break
            }
            case 4: {
              obj.signature = reader.bytes()
              break
            }
            case 5: {
              if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              obj.entries.push(ChainEntry.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.entries$
              }))
              break
            }
            case 6: {
              obj.length = reader.uint64()
              break
            }
            case 7: {
              obj.head = reader.bytes()
              break
            }
            case 8: {
              obj.chitId = reader.bytes()
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
          entries: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.code`,
                value: ErrorCode.codec().decode(reader)
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
              yield {
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
              }

              for (const evt of ChainEntry.codec().stream(reader, reader.uint32(), `${prefix}.entries[]`, {
                limits: opts.limits?.entries$
              })) {
                yield {
                  ...evt,
                  index: obj.entries
                }
              }

              obj.entries++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.length`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.head`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.chitId`,
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

  export interface TallyResponseCodeFieldEvent {
    field: '$.code'
    value: ErrorCode
  }

  export interface TallyResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface TallyResponsePublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyResponseSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyResponseEntriesIndexFieldEvent {
    field: '$.entries[].index'
    value: bigint
    index: number
  }

  export interface TallyResponseEntriesPrevFieldEvent {
    field: '$.entries[].prev'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyResponseEntriesChitTallyIdFieldEvent {
    field: '$.entries[].chit.tallyId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyResponseEntriesChitChitIdFieldEvent {
    field: '$.entries[].chit.chitId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyResponseEntriesChitIssuerFieldEvent {
    field: '$.entries[].chit.issuer'
    value: Side
    index: number
  }

  export interface TallyResponseEntriesChitTypeFieldEvent {
    field: '$.entries[].chit.type'
    value: ChitType
    index: number
  }

  export interface TallyResponseEntriesChitUnitsFieldEvent {
    field: '$.entries[].chit.units'
    value: bigint
    index: number
  }

  export interface TallyResponseEntriesChitMemoFieldEvent {
    field: '$.entries[].chit.memo'
    value: string
    index: number
  }

  export interface TallyResponseEntriesChitReferenceFieldEvent {
    field: '$.entries[].chit.reference'
    value: string
    index: number
  }

  export interface TallyResponseEntriesChitTimeFieldEvent {
    field: '$.entries[].chit.time'
    value: bigint
    index: number
  }

  export interface TallyResponseEntriesChitSettingsTargetFieldEvent {
    field: '$.entries[].chit.settings.target'
    value: bigint
    index: number
  }

  export interface TallyResponseEntriesChitSettingsBoundFieldEvent {
    field: '$.entries[].chit.settings.bound'
    value: bigint
    index: number
  }

  export interface TallyResponseEntriesChitSettingsRewardFieldEvent {
    field: '$.entries[].chit.settings.reward'
    value: number
    index: number
  }

  export interface TallyResponseEntriesChitSettingsClutchFieldEvent {
    field: '$.entries[].chit.settings.clutch'
    value: number
    index: number
  }

  export interface TallyResponseEntriesChitCloseFieldEvent {
    field: '$.entries[].chit.close'
    value: boolean
    index: number
  }

  export interface TallyResponseEntriesChitLiftIdFieldEvent {
    field: '$.entries[].chit.liftId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyResponseEntriesChitSignatureFieldEvent {
    field: '$.entries[].chit.signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface TallyResponseLengthFieldEvent {
    field: '$.length'
    value: bigint
  }

  export interface TallyResponseHeadFieldEvent {
    field: '$.head'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TallyResponseChitIdFieldEvent {
    field: '$.chitId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<TallyResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TallyResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TallyResponse>): TallyResponse {
    return decodeMessage(buf, TallyResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TallyResponse>): Generator<TallyResponseCodeFieldEvent | TallyResponseMessageFieldEvent | TallyResponsePublicKeyFieldEvent | TallyResponseSignatureFieldEvent | TallyResponseEntriesIndexFieldEvent | TallyResponseEntriesPrevFieldEvent | TallyResponseEntriesChitTallyIdFieldEvent | TallyResponseEntriesChitChitIdFieldEvent | TallyResponseEntriesChitIssuerFieldEvent | TallyResponseEntriesChitTypeFieldEvent | TallyResponseEntriesChitUnitsFieldEvent | TallyResponseEntriesChitMemoFieldEvent | TallyResponseEntriesChitReferenceFieldEvent | TallyResponseEntriesChitTimeFieldEvent | TallyResponseEntriesChitSettingsTargetFieldEvent | TallyResponseEntriesChitSettingsBoundFieldEvent | TallyResponseEntriesChitSettingsRewardFieldEvent | TallyResponseEntriesChitSettingsClutchFieldEvent | TallyResponseEntriesChitCloseFieldEvent | TallyResponseEntriesChitLiftIdFieldEvent | TallyResponseEntriesChitSignatureFieldEvent | TallyResponseLengthFieldEvent | TallyResponseHeadFieldEvent | TallyResponseChitIdFieldEvent> {
    return streamMessage(buf, TallyResponse.codec(), opts)
  }
}
