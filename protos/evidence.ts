import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface SignedBytes {
  signingBytes: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedBytes {
  let _codec: Codec<SignedBytes>

  export const codec = (): Codec<SignedBytes> => {
    if (_codec == null) {
      _codec = message<SignedBytes>((obj, w, opts = {}) => {
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

  export interface SignedBytesSigningBytesFieldEvent {
    field: '$.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedBytesSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedBytes>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedBytes.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedBytes>): SignedBytes {
    return decodeMessage(buf, SignedBytes.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedBytes>): Generator<SignedBytesSigningBytesFieldEvent | SignedBytesSignatureFieldEvent> {
    return streamMessage(buf, SignedBytes.codec(), opts)
  }
}

export interface ProvenLeaf {
  commitment?: SignedBytes
  proof: Uint8Array<ArrayBuffer>
}

export namespace ProvenLeaf {
  let _codec: Codec<ProvenLeaf>

  export const codec = (): Codec<ProvenLeaf> => {
    if (_codec == null) {
      _codec = message<ProvenLeaf>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.commitment != null) {
          w.uint32(10)
          SignedBytes.codec().encode(obj.commitment, w)
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.proof)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          proof: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.commitment = SignedBytes.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commitment
              })
              break
            }
            case 2: {
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * SignedBytes.codec().stream(reader, reader.uint32(), `${prefix}.commitment`, {
                limits: opts.limits?.commitment
              })

              break
            }
            case 2: {
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

  export interface ProvenLeafCommitmentSigningBytesFieldEvent {
    field: '$.commitment.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProvenLeafCommitmentSignatureFieldEvent {
    field: '$.commitment.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProvenLeafProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ProvenLeaf>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ProvenLeaf.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProvenLeaf>): ProvenLeaf {
    return decodeMessage(buf, ProvenLeaf.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProvenLeaf>): Generator<ProvenLeafCommitmentSigningBytesFieldEvent | ProvenLeafCommitmentSignatureFieldEvent | ProvenLeafProofFieldEvent> {
    return streamMessage(buf, ProvenLeaf.codec(), opts)
  }
}

export interface Evidence {
  kind: number
  chain?: SignedBytes
  commitments: SignedBytes[]
  before?: ProvenLeaf
  after?: ProvenLeaf
  records: SignedBytes[]
  claim: Uint8Array<ArrayBuffer>
}

export namespace Evidence {
  let _codec: Codec<Evidence>

  export const codec = (): Codec<Evidence> => {
    if (_codec == null) {
      _codec = message<Evidence>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(8)
          w.uint32(obj.kind)
        }

        if (obj.chain != null) {
          w.uint32(18)
          SignedBytes.codec().encode(obj.chain, w)
        }

        if (obj.commitments != null && obj.commitments.length > 0) {
          for (const value of obj.commitments) {
            w.uint32(26)
            SignedBytes.codec().encode(value, w)
          }
        }

        if (obj.before != null) {
          w.uint32(34)
          ProvenLeaf.codec().encode(obj.before, w)
        }

        if (obj.after != null) {
          w.uint32(42)
          ProvenLeaf.codec().encode(obj.after, w)
        }

        if (obj.records != null && obj.records.length > 0) {
          for (const value of obj.records) {
            w.uint32(50)
            SignedBytes.codec().encode(value, w)
          }
        }

        if ((obj.claim != null && obj.claim.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.claim)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: 0,
          commitments: [],
          records: [],
          claim: uint8ArrayAlloc(0)
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
              obj.chain = SignedBytes.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chain
              })
              break
            }
            case 3: {
              if (opts.limits?.commitments != null && obj.commitments.length === opts.limits.commitments) {
                throw new MaxLengthError('Decode error - repeated field "commitments" had too many elements')
              }

              obj.commitments.push(SignedBytes.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commitments$
              }))
              break
            }
            case 4: {
              obj.before = ProvenLeaf.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.before
              })
              break
            }
            case 5: {
              obj.after = ProvenLeaf.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.after
              })
              break
            }
            case 6: {
              if (opts.limits?.records != null && obj.records.length === opts.limits.records) {
                throw new MaxLengthError('Decode error - repeated field "records" had too many elements')
              }

              obj.records.push(SignedBytes.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.records$
              }))
              break
            }
            case 7: {
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
          commitments: 0,
          records: 0
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
              yield * SignedBytes.codec().stream(reader, reader.uint32(), `${prefix}.chain`, {
                limits: opts.limits?.chain
              })

              break
            }
            case 3: {
              if (opts.limits?.commitments != null && obj.commitments === opts.limits.commitments) {
                throw new MaxLengthError('Streaming decode error - repeated field "commitments" had too many elements')
              }

              for (const evt of SignedBytes.codec().stream(reader, reader.uint32(), `${prefix}.commitments[]`, {
                limits: opts.limits?.commitments$
              })) {
                yield {
                  ...evt,
                  index: obj.commitments
                }
              }

              obj.commitments++

              break
            }
            case 4: {
              yield * ProvenLeaf.codec().stream(reader, reader.uint32(), `${prefix}.before`, {
                limits: opts.limits?.before
              })

              break
            }
            case 5: {
              yield * ProvenLeaf.codec().stream(reader, reader.uint32(), `${prefix}.after`, {
                limits: opts.limits?.after
              })

              break
            }
            case 6: {
              if (opts.limits?.records != null && obj.records === opts.limits.records) {
                throw new MaxLengthError('Streaming decode error - repeated field "records" had too many elements')
              }

              for (const evt of SignedBytes.codec().stream(reader, reader.uint32(), `${prefix}.records[]`, {
                limits: opts.limits?.records$
              })) {
                yield {
                  ...evt,
                  index: obj.records
                }
              }

              obj.records++

              break
            }
            case 7: {
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

  export interface EvidenceKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export interface EvidenceChainSigningBytesFieldEvent {
    field: '$.chain.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceChainSignatureFieldEvent {
    field: '$.chain.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceCommitmentsSigningBytesFieldEvent {
    field: '$.commitments[].signingBytes'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface EvidenceCommitmentsSignatureFieldEvent {
    field: '$.commitments[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface EvidenceBeforeCommitmentSigningBytesFieldEvent {
    field: '$.before.commitment.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceBeforeCommitmentSignatureFieldEvent {
    field: '$.before.commitment.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceBeforeProofFieldEvent {
    field: '$.before.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAfterCommitmentSigningBytesFieldEvent {
    field: '$.after.commitment.signingBytes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAfterCommitmentSignatureFieldEvent {
    field: '$.after.commitment.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceAfterProofFieldEvent {
    field: '$.after.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EvidenceRecordsSigningBytesFieldEvent {
    field: '$.records[].signingBytes'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface EvidenceRecordsSignatureFieldEvent {
    field: '$.records[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface EvidenceClaimFieldEvent {
    field: '$.claim'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Evidence>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Evidence.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Evidence>): Evidence {
    return decodeMessage(buf, Evidence.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Evidence>): Generator<EvidenceKindFieldEvent | EvidenceChainSigningBytesFieldEvent | EvidenceChainSignatureFieldEvent | EvidenceCommitmentsSigningBytesFieldEvent | EvidenceCommitmentsSignatureFieldEvent | EvidenceBeforeCommitmentSigningBytesFieldEvent | EvidenceBeforeCommitmentSignatureFieldEvent | EvidenceBeforeProofFieldEvent | EvidenceAfterCommitmentSigningBytesFieldEvent | EvidenceAfterCommitmentSignatureFieldEvent | EvidenceAfterProofFieldEvent | EvidenceRecordsSigningBytesFieldEvent | EvidenceRecordsSignatureFieldEvent | EvidenceClaimFieldEvent> {
    return streamMessage(buf, Evidence.codec(), opts)
  }
}
