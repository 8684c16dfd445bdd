import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum ClaimCode {
  CLAIM_OK = 'CLAIM_OK',
  CLAIM_MALFORMED = 'CLAIM_MALFORMED',
  CLAIM_UNKNOWN_CHAIN = 'CLAIM_UNKNOWN_CHAIN',
  CLAIM_NOT_SETTLED_YET = 'CLAIM_NOT_SETTLED_YET',
  CLAIM_LOSING_REGION = 'CLAIM_LOSING_REGION',
  CLAIM_UNASSIGNED = 'CLAIM_UNASSIGNED',
  CLAIM_BAD_BEACON = 'CLAIM_BAD_BEACON',
  CLAIM_BAD_ATTESTATION = 'CLAIM_BAD_ATTESTATION',
  CLAIM_BAD_PROOF = 'CLAIM_BAD_PROOF',
  CLAIM_BAD_CHAIN = 'CLAIM_BAD_CHAIN',
  CLAIM_BAD_COMMITMENT = 'CLAIM_BAD_COMMITMENT',
  CLAIM_STALE_COMMITMENT = 'CLAIM_STALE_COMMITMENT',
  CLAIM_NOT_OWNER = 'CLAIM_NOT_OWNER',
  CLAIM_BAD_TIME = 'CLAIM_BAD_TIME',
  CLAIM_ALREADY_PAID = 'CLAIM_ALREADY_PAID',
  CLAIM_PAYMENT_FAILED = 'CLAIM_PAYMENT_FAILED',
  CLAIM_INTERNAL = 'CLAIM_INTERNAL'
}

enum __ClaimCodeValues {
  CLAIM_OK = 0,
  CLAIM_MALFORMED = 1,
  CLAIM_UNKNOWN_CHAIN = 2,
  CLAIM_NOT_SETTLED_YET = 3,
  CLAIM_LOSING_REGION = 4,
  CLAIM_UNASSIGNED = 5,
  CLAIM_BAD_BEACON = 6,
  CLAIM_BAD_ATTESTATION = 7,
  CLAIM_BAD_PROOF = 8,
  CLAIM_BAD_CHAIN = 9,
  CLAIM_BAD_COMMITMENT = 10,
  CLAIM_STALE_COMMITMENT = 11,
  CLAIM_NOT_OWNER = 12,
  CLAIM_BAD_TIME = 13,
  CLAIM_ALREADY_PAID = 14,
  CLAIM_PAYMENT_FAILED = 15,
  CLAIM_INTERNAL = 16
}

export namespace ClaimCode {
  export const codec = (): Codec<ClaimCode> => {
    return enumeration<ClaimCode>(__ClaimCodeValues)
  }
}

export enum SettlementState {
  SETTLEMENT_TRADING = 'SETTLEMENT_TRADING',
  SETTLEMENT_WAITING_ROUND = 'SETTLEMENT_WAITING_ROUND',
  SETTLEMENT_UNDECIDED = 'SETTLEMENT_UNDECIDED',
  SETTLEMENT_WON = 'SETTLEMENT_WON',
  SETTLEMENT_CLAIMED = 'SETTLEMENT_CLAIMED',
  SETTLEMENT_PAID = 'SETTLEMENT_PAID',
  SETTLEMENT_OPERATOR_KEEPS = 'SETTLEMENT_OPERATOR_KEEPS'
}

enum __SettlementStateValues {
  SETTLEMENT_TRADING = 0,
  SETTLEMENT_WAITING_ROUND = 1,
  SETTLEMENT_UNDECIDED = 2,
  SETTLEMENT_WON = 3,
  SETTLEMENT_CLAIMED = 4,
  SETTLEMENT_PAID = 5,
  SETTLEMENT_OPERATOR_KEEPS = 6
}

export namespace SettlementState {
  export const codec = (): Codec<SettlementState> => {
    return enumeration<SettlementState>(__SettlementStateValues)
  }
}

export interface Submit {
  claim: Uint8Array<ArrayBuffer>
}

export namespace Submit {
  let _codec: Codec<Submit>

  export const codec = (): Codec<Submit> => {
    if (_codec == null) {
      _codec = message<Submit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.claim != null && obj.claim.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.claim)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          claim: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.claim = reader.bytes()
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
                field: `${prefix}.claim`,
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

  export interface SubmitClaimFieldEvent {
    field: '$.claim'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Submit>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Submit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Submit>): Submit {
    return decodeMessage(buf, Submit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Submit>): Generator<SubmitClaimFieldEvent> {
    return streamMessage(buf, Submit.codec(), opts)
  }
}

export interface GetSettlement {
  chainId: Uint8Array<ArrayBuffer>
  beaconSignature: Uint8Array<ArrayBuffer>
}

export namespace GetSettlement {
  let _codec: Codec<GetSettlement>

  export const codec = (): Codec<GetSettlement> => {
    if (_codec == null) {
      _codec = message<GetSettlement>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chainId)
        }

        if ((obj.beaconSignature != null && obj.beaconSignature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.beaconSignature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: uint8ArrayAlloc(0),
          beaconSignature: uint8ArrayAlloc(0)
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
              obj.beaconSignature = reader.bytes()
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
                field: `${prefix}.beaconSignature`,
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

  export interface GetSettlementChainIdFieldEvent {
    field: '$.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GetSettlementBeaconSignatureFieldEvent {
    field: '$.beaconSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GetSettlement>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GetSettlement.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetSettlement>): GetSettlement {
    return decodeMessage(buf, GetSettlement.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetSettlement>): Generator<GetSettlementChainIdFieldEvent | GetSettlementBeaconSignatureFieldEvent> {
    return streamMessage(buf, GetSettlement.codec(), opts)
  }
}

export interface ClaimRequest {
  submit?: Submit
  getSettlement?: GetSettlement
}

export namespace ClaimRequest {
  let _codec: Codec<ClaimRequest>

  export const codec = (): Codec<ClaimRequest> => {
    if (_codec == null) {
      _codec = message<ClaimRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.submit != null) {
          w.uint32(10)
          Submit.codec().encode(obj.submit, w)
        }

        if (obj.getSettlement != null) {
          w.uint32(18)
          GetSettlement.codec().encode(obj.getSettlement, w)
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
              obj.submit = Submit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.submit
              })
              break
            }
            case 2: {
              obj.getSettlement = GetSettlement.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.getSettlement
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
              yield * Submit.codec().stream(reader, reader.uint32(), `${prefix}.submit`, {
                limits: opts.limits?.submit
              })

              break
            }
            case 2: {
              yield * GetSettlement.codec().stream(reader, reader.uint32(), `${prefix}.getSettlement`, {
                limits: opts.limits?.getSettlement
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

  export interface ClaimRequestSubmitClaimFieldEvent {
    field: '$.submit.claim'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimRequestGetSettlementChainIdFieldEvent {
    field: '$.getSettlement.chainId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimRequestGetSettlementBeaconSignatureFieldEvent {
    field: '$.getSettlement.beaconSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ClaimRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ClaimRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimRequest>): ClaimRequest {
    return decodeMessage(buf, ClaimRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimRequest>): Generator<ClaimRequestSubmitClaimFieldEvent | ClaimRequestGetSettlementChainIdFieldEvent | ClaimRequestGetSettlementBeaconSignatureFieldEvent> {
    return streamMessage(buf, ClaimRequest.codec(), opts)
  }
}

export interface Receipt {
  receipt: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Receipt {
  let _codec: Codec<Receipt>

  export const codec = (): Codec<Receipt> => {
    if (_codec == null) {
      _codec = message<Receipt>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.receipt != null && obj.receipt.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.receipt)
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
          receipt: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.receipt = reader.bytes()
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
                field: `${prefix}.receipt`,
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

  export interface ReceiptReceiptFieldEvent {
    field: '$.receipt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Receipt>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Receipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Receipt {
    return decodeMessage(buf, Receipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Generator<ReceiptReceiptFieldEvent | ReceiptSignatureFieldEvent> {
    return streamMessage(buf, Receipt.codec(), opts)
  }
}

export interface Settlement {
  state: SettlementState
  chain: Uint8Array<ArrayBuffer>
  chainSignature: Uint8Array<ArrayBuffer>
  commitment: Uint8Array<ArrayBuffer>
  commitmentSignature: Uint8Array<ArrayBuffer>
  beaconSignature: Uint8Array<ArrayBuffer>
  proof: Uint8Array<ArrayBuffer>
  attestations: Uint8Array<ArrayBuffer>[]
  preimages: Uint8Array<ArrayBuffer>[]
  receipt?: Receipt
  claim: Uint8Array<ArrayBuffer>
}

export namespace Settlement {
  let _codec: Codec<Settlement>

  export const codec = (): Codec<Settlement> => {
    if (_codec == null) {
      _codec = message<Settlement>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.state != null && __SettlementStateValues[obj.state] !== 0) {
          w.uint32(8)
          SettlementState.codec().encode(obj.state, w)
        }

        if ((obj.chain != null && obj.chain.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.chain)
        }

        if ((obj.chainSignature != null && obj.chainSignature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.chainSignature)
        }

        if ((obj.commitment != null && obj.commitment.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.commitment)
        }

        if ((obj.commitmentSignature != null && obj.commitmentSignature.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.commitmentSignature)
        }

        if ((obj.beaconSignature != null && obj.beaconSignature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.beaconSignature)
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.proof)
        }

        if (obj.attestations != null && obj.attestations.length > 0) {
          for (const value of obj.attestations) {
            w.uint32(66)
            w.bytes(value)
          }
        }

        if (obj.preimages != null && obj.preimages.length > 0) {
          for (const value of obj.preimages) {
            w.uint32(74)
            w.bytes(value)
          }
        }

        if (obj.receipt != null) {
          w.uint32(82)
          Receipt.codec().encode(obj.receipt, w)
        }

        if ((obj.claim != null && obj.claim.byteLength > 0)) {
          w.uint32(90)
          w.bytes(obj.claim)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          state: SettlementState.SETTLEMENT_TRADING,
          chain: uint8ArrayAlloc(0),
          chainSignature: uint8ArrayAlloc(0),
          commitment: uint8ArrayAlloc(0),
          commitmentSignature: uint8ArrayAlloc(0),
          beaconSignature: uint8ArrayAlloc(0),
          proof: uint8ArrayAlloc(0),
          attestations: [],
          preimages: [],
          claim: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.state = SettlementState.codec().decode(reader)
              break
            }
            case 2: {
              obj.chain = reader.bytes()
              break
            }
            case 3: {
              obj.chainSignature = reader.bytes()
              break
            }
            case 4: {
              obj.commitment = reader.bytes()
              break
            }
            case 5: {
              obj.commitmentSignature = reader.bytes()
              break
            }
            case 6: {
              obj.beaconSignature = reader.bytes()
              break
            }
            case 7: {
              obj.proof = reader.bytes()
              break
            }
            case 8: {
              if (opts.limits?.attestations != null && obj.attestations.length === opts.limits.attestations) {
                throw new MaxLengthError('Decode error - repeated field "attestations" had too many elements')
              }

              obj.attestations.push(reader.bytes())
              break
            }
            case 9: {
              if (opts.limits?.preimages != null && obj.preimages.length === opts.limits.preimages) {
                throw new MaxLengthError('Decode error - repeated field "preimages" had too many elements')
              }

              obj.preimages.push(reader.bytes())
              break
            }
            case 10: {
              obj.receipt = Receipt.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.receipt
              })
              break
            }
            case 11: {
              obj.claim = reader.bytes()
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
          attestations: 0,
          preimages: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.state`,
                value: SettlementState.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.chain`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.chainSignature`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.commitment`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.commitmentSignature`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.beaconSignature`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.proof`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              if (opts.limits?.attestations != null && obj.attestations === opts.limits.attestations) {
                throw new MaxLengthError('Streaming decode error - repeated field "attestations" had too many elements')
              }

              yield {
                field: `${prefix}.attestations[]`,
                index: obj.attestations,
                value: reader.bytes()
              }

              obj.attestations++

              break
            }
            case 9: {
              if (opts.limits?.preimages != null && obj.preimages === opts.limits.preimages) {
                throw new MaxLengthError('Streaming decode error - repeated field "preimages" had too many elements')
              }

              yield {
                field: `${prefix}.preimages[]`,
                index: obj.preimages,
                value: reader.bytes()
              }

              obj.preimages++

              break
            }
            case 10: {
              yield * Receipt.codec().stream(reader, reader.uint32(), `${prefix}.receipt`, {
                limits: opts.limits?.receipt
              })

              break
            }
            case 11: {
              yield {
                field: `${prefix}.claim`,
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

  export interface SettlementStateFieldEvent {
    field: '$.state'
    value: SettlementState
  }

  export interface SettlementChainFieldEvent {
    field: '$.chain'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementChainSignatureFieldEvent {
    field: '$.chainSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementCommitmentFieldEvent {
    field: '$.commitment'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementCommitmentSignatureFieldEvent {
    field: '$.commitmentSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementBeaconSignatureFieldEvent {
    field: '$.beaconSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementAttestationsFieldEvent {
    field: '$.attestations[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementPreimagesFieldEvent {
    field: '$.preimages[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementReceiptReceiptFieldEvent {
    field: '$.receipt.receipt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementReceiptSignatureFieldEvent {
    field: '$.receipt.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SettlementClaimFieldEvent {
    field: '$.claim'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Settlement>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Settlement.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Settlement>): Settlement {
    return decodeMessage(buf, Settlement.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Settlement>): Generator<SettlementStateFieldEvent | SettlementChainFieldEvent | SettlementChainSignatureFieldEvent | SettlementCommitmentFieldEvent | SettlementCommitmentSignatureFieldEvent | SettlementBeaconSignatureFieldEvent | SettlementProofFieldEvent | SettlementAttestationsFieldEvent | SettlementPreimagesFieldEvent | SettlementReceiptReceiptFieldEvent | SettlementReceiptSignatureFieldEvent | SettlementClaimFieldEvent> {
    return streamMessage(buf, Settlement.codec(), opts)
  }
}

export interface ClaimResponse {
  code: ClaimCode
  message: string
  receipt?: Receipt
  settlement?: Settlement
}

export namespace ClaimResponse {
  let _codec: Codec<ClaimResponse>

  export const codec = (): Codec<ClaimResponse> => {
    if (_codec == null) {
      _codec = message<ClaimResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.code != null && __ClaimCodeValues[obj.code] !== 0) {
          w.uint32(8)
          ClaimCode.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if (obj.receipt != null) {
          w.uint32(26)
          Receipt.codec().encode(obj.receipt, w)
        }

        if (obj.settlement != null) {
          w.uint32(34)
          Settlement.codec().encode(obj.settlement, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: ClaimCode.CLAIM_OK,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = ClaimCode.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              obj.receipt = Receipt.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.receipt
              })
              break
            }
            case 4: {
              obj.settlement = Settlement.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.settlement
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
                value: ClaimCode.codec().decode(reader)
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
              yield * Receipt.codec().stream(reader, reader.uint32(), `${prefix}.receipt`, {
                limits: opts.limits?.receipt
              })

              break
            }
            case 4: {
              yield * Settlement.codec().stream(reader, reader.uint32(), `${prefix}.settlement`, {
                limits: opts.limits?.settlement
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

  export interface ClaimResponseCodeFieldEvent {
    field: '$.code'
    value: ClaimCode
  }

  export interface ClaimResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface ClaimResponseReceiptReceiptFieldEvent {
    field: '$.receipt.receipt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseReceiptSignatureFieldEvent {
    field: '$.receipt.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementStateFieldEvent {
    field: '$.settlement.state'
    value: SettlementState
  }

  export interface ClaimResponseSettlementChainFieldEvent {
    field: '$.settlement.chain'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementChainSignatureFieldEvent {
    field: '$.settlement.chainSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementCommitmentFieldEvent {
    field: '$.settlement.commitment'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementCommitmentSignatureFieldEvent {
    field: '$.settlement.commitmentSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementBeaconSignatureFieldEvent {
    field: '$.settlement.beaconSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementProofFieldEvent {
    field: '$.settlement.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementAttestationsFieldEvent {
    field: '$.settlement.attestations[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementPreimagesFieldEvent {
    field: '$.settlement.preimages[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementReceiptReceiptFieldEvent {
    field: '$.settlement.receipt.receipt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementReceiptSignatureFieldEvent {
    field: '$.settlement.receipt.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClaimResponseSettlementClaimFieldEvent {
    field: '$.settlement.claim'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ClaimResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ClaimResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimResponse>): ClaimResponse {
    return decodeMessage(buf, ClaimResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClaimResponse>): Generator<ClaimResponseCodeFieldEvent | ClaimResponseMessageFieldEvent | ClaimResponseReceiptReceiptFieldEvent | ClaimResponseReceiptSignatureFieldEvent | ClaimResponseSettlementStateFieldEvent | ClaimResponseSettlementChainFieldEvent | ClaimResponseSettlementChainSignatureFieldEvent | ClaimResponseSettlementCommitmentFieldEvent | ClaimResponseSettlementCommitmentSignatureFieldEvent | ClaimResponseSettlementBeaconSignatureFieldEvent | ClaimResponseSettlementProofFieldEvent | ClaimResponseSettlementAttestationsFieldEvent | ClaimResponseSettlementPreimagesFieldEvent | ClaimResponseSettlementReceiptReceiptFieldEvent | ClaimResponseSettlementReceiptSignatureFieldEvent | ClaimResponseSettlementClaimFieldEvent> {
    return streamMessage(buf, ClaimResponse.codec(), opts)
  }
}
