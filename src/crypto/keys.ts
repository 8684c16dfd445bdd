// Ed25519 keys for users (and the node, through libp2p). Thin wrappers so the
// domain sees plain bytes and never a key object; the implementation is
// ed25519.ts (libsodium where it loads, else node:crypto).
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { ed25519 } from './ed25519.js'

export interface Signer {
  readonly publicKey: Uint8Array<ArrayBuffer>
  sign (data: Uint8Array): Promise<Uint8Array<ArrayBuffer>>
}

export const PUBLIC_KEY_LENGTH = 32
export const SIGNATURE_LENGTH = 64

class KeySigner implements Signer {
  readonly publicKey: Uint8Array<ArrayBuffer>
  private readonly signBytes: (data: Uint8Array) => Uint8Array<ArrayBuffer>
  constructor (key: PrivateKey) {
    this.publicKey = key.publicKey.raw as Uint8Array<ArrayBuffer>
    // libp2p's raw Ed25519 private key is seed ‖ public key.
    this.signBytes = ed25519.signer(key.raw.subarray(0, 32), this.publicKey)
  }

  async sign (data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    return this.signBytes(data)
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

/** False for any malformed key or signature; never throws on hostile input. */
export async function verifySignature (publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.length !== PUBLIC_KEY_LENGTH || signature.length !== SIGNATURE_LENGTH) return false
  return ed25519.verify(publicKey, data, signature)
}
