// Ed25519 keys for users (and the node, through libp2p). Thin wrappers so the
// domain sees plain bytes and never a key object. Signing and verifying go
// straight to node:crypto with cached KeyObjects: building a KeyObject per call
// (what libp2p's key classes do) costs several times the signature itself.
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'

export interface Signer {
  readonly publicKey: Uint8Array<ArrayBuffer>
  sign (data: Uint8Array): Promise<Uint8Array<ArrayBuffer>>
}

export const PUBLIC_KEY_LENGTH = 32
export const SIGNATURE_LENGTH = 64

// DER wrappers of RFC 8410 for a raw Ed25519 seed (PKCS#8) and public key (SPKI).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

class KeySigner implements Signer {
  readonly publicKey: Uint8Array<ArrayBuffer>
  private readonly keyObject: KeyObject
  constructor (key: PrivateKey) {
    this.publicKey = key.publicKey.raw as Uint8Array<ArrayBuffer>
    // libp2p's raw Ed25519 private key is seed ‖ public key.
    const seed = key.raw.subarray(0, 32)
    this.keyObject = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  }

  async sign (data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    const sig = nodeSign(null, data, this.keyObject)
    return new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength) as Uint8Array<ArrayBuffer>
  }
}

export async function generateSigner (): Promise<{ signer: Signer, secret: Uint8Array }> {
  const key = await generateKeyPair('Ed25519')
  return { signer: new KeySigner(key), secret: privateKeyToProtobuf(key) }
}

/** A signer for an Ed25519 libp2p key (the node's own, for lift promises and decisions). */
export function signerFromPrivateKey (key: PrivateKey): Signer {
  if (key.type !== 'Ed25519') throw new TypeError('keys must be Ed25519')
  return new KeySigner(key)
}

export function signerFromSecret (secret: Uint8Array): Signer {
  const key = privateKeyFromProtobuf(secret)
  if (key.type !== 'Ed25519') throw new TypeError('user keys must be Ed25519')
  return new KeySigner(key)
}

// Public keys seen recently (users, partners, operators); bounded.
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

/** False for any malformed key or signature; never throws on hostile input. */
export async function verifySignature (publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.length !== PUBLIC_KEY_LENGTH || signature.length !== SIGNATURE_LENGTH) return false
  try {
    return nodeVerify(null, data, publicKeyObject(publicKey), signature)
  } catch {
    return false
  }
}
