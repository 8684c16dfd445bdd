// Ed25519 keys for users (and the node, through libp2p). Thin wrappers so the
// domain sees plain bytes and never a libp2p key object.
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf, publicKeyFromRaw } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'

export interface Signer {
  readonly publicKey: Uint8Array<ArrayBuffer>
  sign (data: Uint8Array): Promise<Uint8Array<ArrayBuffer>>
}

export const PUBLIC_KEY_LENGTH = 32
export const SIGNATURE_LENGTH = 64

class KeySigner implements Signer {
  readonly publicKey: Uint8Array<ArrayBuffer>
  constructor (private readonly key: PrivateKey) {
    this.publicKey = key.publicKey.raw as Uint8Array<ArrayBuffer>
  }

  async sign (data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    return await this.key.sign(data) as Uint8Array<ArrayBuffer>
  }
}

export async function generateSigner (): Promise<{ signer: Signer, secret: Uint8Array }> {
  const key = await generateKeyPair('Ed25519')
  return { signer: new KeySigner(key), secret: privateKeyToProtobuf(key) }
}

export function signerFromSecret (secret: Uint8Array): Signer {
  const key = privateKeyFromProtobuf(secret)
  if (key.type !== 'Ed25519') throw new TypeError('user keys must be Ed25519')
  return new KeySigner(key)
}

/** False for any malformed key or signature; never throws on hostile input. */
export async function verifySignature (publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.length !== PUBLIC_KEY_LENGTH || signature.length !== SIGNATURE_LENGTH) return false
  try {
    return await publicKeyFromRaw(publicKey).verify(data, signature)
  } catch {
    return false
  }
}
