import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface AnswerSignedBytes {
  signingBytes: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace AnswerSignedBytes {
  let _codec: Codec<AnswerSignedBytes>

  export const codec = (): Codec<AnswerSignedBytes> => {
    if (_codec == null) {
      _codec = message<AnswerSignedBytes>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.signingBytes != null && obj.signingBytes.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.signingBytes)
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
          signingBytes: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.signingBytes = reader.bytes()
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
                field: `${prefix}.signingBytes`,
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

  export interface AnswerSignedBytesSigningBytesFieldEvent {
    field: '$.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AnswerSignedBytesSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AnswerSignedBytes>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AnswerSignedBytes.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AnswerSignedBytes>): AnswerSignedBytes {
    return decodeMessage(buf, AnswerSignedBytes.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AnswerSignedBytes>): Generator<AnswerSignedBytesSigningBytesFieldEvent | AnswerSignedBytesSignatureFieldEvent> {
    return streamMessage(buf, AnswerSignedBytes.codec(), opts)
  }
}

export interface EvidenceAnswer {
  kind: number
  claim: Uint8Array<ArrayBuffer>
  receipt?: AnswerSignedBytes
  chain?: AnswerSignedBytes
  commitment?: AnswerSignedBytes
  beaconSignature: Uint8Array<ArrayBuffer>
  proof: Uint8Array<ArrayBuffer>
  attestations: Uint8Array<ArrayBuffer>[]
  preimages: Uint8Array<ArrayBuffer>[]
}

export namespace EvidenceAnswer {
  let _codec: Codec<EvidenceAnswer>

  export const codec = (): Codec<EvidenceAnswer> => {
    if (_codec == null) {
      _codec = message<EvidenceAnswer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(8)
          w.uint32(obj.kind)
        }

        if ((obj.claim != null && obj.claim.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.claim)
        }

        if (obj.receipt != null) {
          w.uint32(26)
          AnswerSignedBytes.codec().encode(obj.receipt, w)
        }

        if (obj.chain != null) {
          w.uint32(34)
          AnswerSignedBytes.codec().encode(obj.chain, w)
        }

        if (obj.commitment != null) {
          w.uint32(42)
          AnswerSignedBytes.codec().encode(obj.commitment, w)
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

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: 0,
          claim: uint8ArrayAlloc(0),
          beaconSignature: uint8ArrayAlloc(0),
          proof: uint8ArrayAlloc(0),
          attestations: [],
          preimages: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = reader.uint32()
              break
            }
            case 2: {
              obj.claim = reader.bytes()
              break
            }
            case 3: {
              obj.receipt = AnswerSignedBytes.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.receipt
              })
              break
            }
            case 4: {
              obj.chain = AnswerSignedBytes.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chain
              })
              break
            }
            case 5: {
              obj.commitment = AnswerSignedBytes.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commitment
              })
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
                field: `${prefix}.kind`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.claim`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield * AnswerSignedBytes.codec().stream(reader, reader.uint32(), `${prefix}.receipt`, {
                limits: opts.limits?.receipt
              })

              break
            }
            case 4: {
              yield * AnswerSignedBytes.codec().stream(reader, reader.uint32(), `${prefix}.chain`, {
                limits: opts.limits?.chain
              })

              break
            }
            case 5: {
              yield * AnswerSignedBytes.codec().stream(reader, reader.uint32(), `${prefix}.commitment`, {
                limits: opts.limits?.commitment
              })

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

  export interface EvidenceAnswerKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export interface EvidenceAnswerClaimFieldEvent {
    field: '$.claim'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerReceiptSigningBytesFieldEvent {
    field: '$.receipt.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerReceiptSignatureFieldEvent {
    field: '$.receipt.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerChainSigningBytesFieldEvent {
    field: '$.chain.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerChainSignatureFieldEvent {
    field: '$.chain.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerCommitmentSigningBytesFieldEvent {
    field: '$.commitment.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerCommitmentSignatureFieldEvent {
    field: '$.commitment.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerBeaconSignatureFieldEvent {
    field: '$.beaconSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerAttestationsFieldEvent {
    field: '$.attestations[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAnswerPreimagesFieldEvent {
    field: '$.preimages[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<EvidenceAnswer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EvidenceAnswer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EvidenceAnswer>): EvidenceAnswer {
    return decodeMessage(buf, EvidenceAnswer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EvidenceAnswer>): Generator<EvidenceAnswerKindFieldEvent | EvidenceAnswerClaimFieldEvent | EvidenceAnswerReceiptSigningBytesFieldEvent | EvidenceAnswerReceiptSignatureFieldEvent | EvidenceAnswerChainSigningBytesFieldEvent | EvidenceAnswerChainSignatureFieldEvent | EvidenceAnswerCommitmentSigningBytesFieldEvent | EvidenceAnswerCommitmentSignatureFieldEvent | EvidenceAnswerBeaconSignatureFieldEvent | EvidenceAnswerProofFieldEvent | EvidenceAnswerAttestationsFieldEvent | EvidenceAnswerPreimagesFieldEvent> {
    return streamMessage(buf, EvidenceAnswer.codec(), opts)
  }
}
