// Sealed envelopes (DESIGN §5 "Play"): data only the holder of one Ed25519 key
// can open. The recipient's Ed25519 key is converted to X25519; the sender uses
// a fresh ephemeral X25519 key, derives a key with HKDF-SHA256 and encrypts
// with ChaCha20-Poly1305. Envelope = ephemeral public key (32) ‖ ciphertext.
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { chacha20poly1305 } from '@noble/ciphers/chacha.js'

export const SEAL_INFO = new TextEncoder().encode('sortlift/v1/seal')
const NONCE = new Uint8Array(12) // each envelope has its own key, so a fixed nonce is safe
const EPH = 32

export class SealError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'SealError'
  }
}

function derive (shared: Uint8Array, eph: Uint8Array, recipient: Uint8Array): Uint8Array {
  const salt = new Uint8Array(EPH * 2)
  salt.set(eph, 0)
  salt.set(recipient, EPH)
  return hkdf(sha256, shared, salt, SEAL_INFO, 32)
}

/**
 * Seals `plaintext` to the holder of the Ed25519 key `recipientEd25519` (32 raw
 * bytes). `aad` is authenticated, not encrypted (e.g. a lift id). `ephemeralSecret`
 * is only for test vectors; leave it out.
 */
export function seal (recipientEd25519: Uint8Array, plaintext: Uint8Array, aad = new Uint8Array(), ephemeralSecret?: Uint8Array): Uint8Array {
  let recipient: Uint8Array
  try {
    recipient = ed25519.utils.toMontgomery(recipientEd25519)
  } catch {
    throw new SealError('recipient key is not a valid Ed25519 public key')
  }
  const secret = ephemeralSecret ?? x25519.utils.randomSecretKey()
  const eph = x25519.getPublicKey(secret)
  const key = derive(x25519.getSharedSecret(secret, recipient), eph, recipient)
  const body = chacha20poly1305(key, NONCE, aad).encrypt(plaintext)
  const out = new Uint8Array(EPH + body.length)
  out.set(eph, 0)
  out.set(body, EPH)
  return out
}

/** Opens an envelope with the recipient's Ed25519 secret seed (32 bytes); throws SealError if it is not ours or was altered. */
export function open (recipientSeed: Uint8Array, envelope: Uint8Array, aad = new Uint8Array()): Uint8Array {
  if (envelope.length < EPH + 16) throw new SealError('envelope too short')
  const secret = ed25519.utils.toMontgomerySecret(recipientSeed)
  const recipient = x25519.getPublicKey(secret)
  const eph = envelope.subarray(0, EPH)
  try {
    const key = derive(x25519.getSharedSecret(secret, eph), eph, recipient)
    return chacha20poly1305(key, NONCE, aad).decrypt(envelope.subarray(EPH))
  } catch {
    throw new SealError('envelope is not sealed to this key, or was altered')
  }
}
