// Sealed envelopes (DESIGN §5 "Play"): data only the holder of one Ed25519 key
// can open. The recipient's Ed25519 key is converted to X25519; the sender uses
// a fresh ephemeral X25519 key, derives a key with HKDF-SHA256 and encrypts
// with ChaCha20-Poly1305. Envelope = ephemeral public key (32) ‖ ciphertext.
// The curve and cipher work runs in node:crypto (OpenSSL, which also refuses
// an all-zero shared secret); only the Ed25519→X25519 conversions use @noble,
// and their results are cached per key.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'

export const SEAL_INFO = new TextEncoder().encode('sortlift/v1/seal')
const NONCE = Buffer.alloc(12) // each envelope has its own key, so a fixed nonce is safe
const EPH = 32
const TAG = 16
// DER wrappers of RFC 8410 for raw X25519 keys.
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex')
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex')
const MAX_CACHED = 4096

export class SealError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'SealError'
  }
}

interface X25519Key { key: KeyObject, raw: Uint8Array }

const recipients = new Map<string, X25519Key>()
const secrets = new Map<string, { key: KeyObject, pub: Uint8Array }>()

function cache<V> (map: Map<string, V>, id: string, make: () => V): V {
  let v = map.get(id)
  if (v == null) {
    v = make()
    if (map.size >= MAX_CACHED) map.clear()
    map.set(id, v)
  }
  return v
}

function publicKey (raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([X25519_SPKI, raw]), format: 'der', type: 'spki' })
}

function privateKey (raw: Uint8Array): { key: KeyObject, pub: Uint8Array } {
  const key = createPrivateKey({ key: Buffer.concat([X25519_PKCS8, raw]), format: 'der', type: 'pkcs8' })
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' })
  return { key, pub: new Uint8Array(spki.subarray(spki.length - 32)) }
}

function derive (shared: Uint8Array, eph: Uint8Array, recipient: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([eph, recipient]), SEAL_INFO, 32))
}

/**
 * Seals `plaintext` to the holder of the Ed25519 key `recipientEd25519` (32 raw
 * bytes). `aad` is authenticated, not encrypted (e.g. a lift id). `ephemeralSecret`
 * is only for test vectors; leave it out.
 */
export function seal (recipientEd25519: Uint8Array, plaintext: Uint8Array, aad = new Uint8Array(), ephemeralSecret?: Uint8Array): Uint8Array {
  let recipient: X25519Key
  try {
    recipient = cache(recipients, Buffer.from(recipientEd25519).toString('hex'), () => {
      const raw = ed25519.utils.toMontgomery(recipientEd25519)
      return { key: publicKey(raw), raw }
    })
  } catch {
    throw new SealError('recipient key is not a valid Ed25519 public key')
  }
  let eph: { key: KeyObject, pub: Uint8Array }
  if (ephemeralSecret != null) {
    eph = privateKey(ephemeralSecret)
  } else {
    const pair = generateKeyPairSync('x25519')
    const spki = pair.publicKey.export({ format: 'der', type: 'spki' })
    eph = { key: pair.privateKey, pub: new Uint8Array(spki.subarray(spki.length - 32)) }
  }
  let shared: Buffer
  try {
    shared = diffieHellman({ privateKey: eph.key, publicKey: recipient.key })
  } catch {
    throw new SealError('recipient key is not usable for sealing')
  }
  const cipher = createCipheriv('chacha20-poly1305', derive(shared, eph.pub, recipient.raw), NONCE, { authTagLength: TAG })
  cipher.setAAD(aad, { plaintextLength: plaintext.length })
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
  const out = new Uint8Array(EPH + body.length)
  out.set(eph.pub, 0)
  out.set(body, EPH)
  return out
}

/** Opens an envelope with the recipient's Ed25519 secret seed (32 bytes); throws SealError if it is not ours or was altered. */
export function open (recipientSeed: Uint8Array, envelope: Uint8Array, aad = new Uint8Array()): Uint8Array {
  if (envelope.length < EPH + TAG) throw new SealError('envelope too short')
  const me = cache(secrets, Buffer.from(recipientSeed).toString('hex'), () => privateKey(ed25519.utils.toMontgomerySecret(recipientSeed)))
  const eph = envelope.subarray(0, EPH)
  try {
    const shared = diffieHellman({ privateKey: me.key, publicKey: publicKey(eph) })
    const body = envelope.subarray(EPH)
    const decipher = createDecipheriv('chacha20-poly1305', derive(shared, eph, me.pub), NONCE, { authTagLength: TAG })
    decipher.setAAD(aad, { plaintextLength: body.length - TAG })
    decipher.setAuthTag(body.subarray(body.length - TAG))
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.length - TAG)), decipher.final()]))
  } catch {
    throw new SealError('envelope is not sealed to this key, or was altered')
  }
}
