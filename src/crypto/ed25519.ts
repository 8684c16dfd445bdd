// The Ed25519 implementation under keys.ts. Every chit is signed by one node
// and verified by another, so these two calls are a large share of a node's
// CPU under load: libsodium (sodium-native, a prebuilt N-API addon) verifies in
// about half the time of node:crypto's OpenSSL and signs in two thirds. It is
// an optional dependency: where it cannot load, node:crypto serves, with the
// same bytes (Ed25519 signatures are deterministic). SORTLIFT_ED25519=node
// forces node:crypto. libsodium also refuses small-order public keys, for
// which anyone could forge; OpenSSL would accept such a signature.
import { createRequire } from 'node:module'
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'

export interface Ed25519 {
  readonly name: 'libsodium' | 'node:crypto'
  /** A signing function for a key given as its 32-byte seed and public key. */
  signer: (seed: Uint8Array, publicKey: Uint8Array) => (data: Uint8Array) => Uint8Array<ArrayBuffer>
  /** Lengths are the caller's to check; false for a signature that does not verify. */
  verify: (publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array) => boolean
}

// DER wrappers of RFC 8410 for a raw Ed25519 seed (PKCS#8) and public key (SPKI).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

// Public keys seen recently (users, partners, operators) as KeyObjects: building
// one per call costs several times the signature itself. Bounded.
const publicKeys = new Map<string, KeyObject>()
const MAX_CACHED_KEYS = 4096

function publicKeyObject (publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('hex')
  let k = publicKeys.get(id)
  if (k == null) {
    k = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
    if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.clear()
    publicKeys.set(id, k)
  }
  return k
}

const asBytes = (b: Buffer): Uint8Array<ArrayBuffer> => new Uint8Array(b.buffer, b.byteOffset, b.byteLength) as Uint8Array<ArrayBuffer>

export const nodeEd25519: Ed25519 = {
  name: 'node:crypto',
  signer: (seed) => {
    const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
    return (data) => asBytes(nodeSign(null, data, key))
  },
  verify: (publicKey, data, signature) => {
    try {
      return nodeVerify(null, data, publicKeyObject(publicKey), signature)
    } catch {
      return false
    }
  }
}

interface Sodium {
  crypto_sign_detached: (sig: Uint8Array, message: Uint8Array, secretKey: Uint8Array) => void
  crypto_sign_verify_detached: (sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean
}

const signatureScratch = new Uint8Array(Buffer.allocUnsafeSlow(64).buffer)

function sodiumEd25519 (sodium: Sodium): Ed25519 {
  return {
    name: 'libsodium',
    signer: (seed, publicKey) => {
      // libsodium's secret key is seed ‖ public key.
      const secret = new Uint8Array(64)
      secret.set(seed, 0)
      secret.set(publicKey, 32)
      return (data) => {
        // Signed into an off-heap scratch, then copied into an array V8 keeps
        // on its heap: a native call on a fresh 64-byte array would move it
        // off the heap, an allocation per signature for the collector to sweep.
        sodium.crypto_sign_detached(signatureScratch, data, secret)
        return signatureScratch.slice()
      }
    },
    verify: (publicKey, data, signature) => {
      try {
        return sodium.crypto_sign_verify_detached(signature, data, publicKey)
      } catch {
        return false
      }
    }
  }
}

function load (): Ed25519 {
  if (process.env.SORTLIFT_ED25519 === 'node') return nodeEd25519
  try {
    return sodiumEd25519(createRequire(import.meta.url)('sodium-native') as Sodium)
  } catch {
    return nodeEd25519
  }
}

/** The implementation this process uses. */
export const ed25519: Ed25519 = load()
