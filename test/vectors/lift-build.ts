// Builds the lift test vectors from fixed seeds. Used by make-lift-vectors.ts
// to write lift.json and by lift-vectors.spec.ts to check the implementation.
// Every value is deterministic: user and node keys come from fixed seeds, and
// the envelope from a fixed ephemeral secret.
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'
import { Side, ChitType } from '../../protos/tally.js'
import type { Chit, TallyRecord } from '../../protos/tally.js'
import { Instructions } from '../../protos/lift.js'
import type { Promise as LiftPromise, Decision } from '../../protos/lift.js'
import { chitSigningBytes, chitHash, tallyHash } from '../../src/tally/encoding.js'
import { stockDelta } from '../../src/tally/half.js'
import { promiseSigningBytes, decisionSigningBytes } from '../../src/lift/encoding.js'
import { seal, SEAL_INFO } from '../../src/crypto/seal.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { STOCK_SEED, FOIL_SEED, STOCK_PEER, FOIL_PEER, chitJson } from './build.js'

/** The referee: the originator's node, whose decision is final. */
export const REFEREE_SEED = '0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a'
/** A relay node on the route: opens its envelope, promises. */
export const RELAY_SEED = '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'
/** The payee's node: next after the relay; its seed must not open the relay's envelope. */
export const PAYEE_SEED = '0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c'
/** X25519 secret of the envelope's ephemeral key (a real sender draws a fresh one). */
export const EPHEMERAL_SECRET = 'e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'

export const LIFT_ID = '4c1f74c0ffee00112233445566778899'
export const HANDLE = '6a616e646c652d303030303030303031'
export const DEADLINE = 1_767_225_610_000n

export interface NodeKey { seed: string, publicKey: string, peerId: string }

export interface LiftChitVector {
  name: string
  chit: Record<string, unknown>
  signingBytes: string
  signature: string
  chitHash: string
  /** how the chit moves the stock balance (positive: the foil owes more) */
  stockDelta: string
}

export interface LiftVectors {
  about: string
  nodes: { referee: NodeKey, relay: NodeKey, payee: NodeKey }
  liftId: string
  liftChits: { tallyId: string, tallyHash: string, stockPublicKey: string, foilPublicKey: string, chits: LiftChitVector[] }
  envelope: {
    instructions: Record<string, unknown>
    /** protobuf bytes of the Instructions message (the plaintext) */
    plaintext: string
    recipientPeerId: string
    /** the recipient's Ed25519 public key, from its PeerId */
    recipientEd25519: string
    /** the same key as an X25519 (Montgomery) public key */
    recipientX25519: string
    ephemeralSecret: string
    ephemeralPublic: string
    sharedSecret: string
    /** HKDF-SHA256 salt = ephemeral public ‖ recipient X25519 public */
    hkdfSalt: string
    hkdfInfo: string
    key: string
    nonce: string
    /** additional authenticated data: the lift id */
    aad: string
    envelope: string
    /** SHA-256 of the envelope bytes: what a promise names */
    envelopeHash: string
  }
  promise: { fields: Record<string, unknown>, signingBytes: string, signature: string }
  decisions: Array<{ name: string, fields: Record<string, unknown>, signingBytes: string, signature: string }>
}

async function nodeKey (seed: string): Promise<{ key: Ed25519PrivateKey, info: NodeKey }> {
  const key = await generateKeyPairFromSeed('Ed25519', fromHex(seed))
  return { key, info: { seed, publicKey: toHex(key.publicKey.raw), peerId: peerIdFromPrivateKey(key).toString() } }
}

export async function buildLiftVectors (): Promise<LiftVectors> {
  const stockKey = await generateKeyPairFromSeed('Ed25519', fromHex(STOCK_SEED))
  const foilKey = await generateKeyPairFromSeed('Ed25519', fromHex(FOIL_SEED))
  const referee = await nodeKey(REFEREE_SEED)
  const relay = await nodeKey(RELAY_SEED)
  const payee = await nodeKey(PAYEE_SEED)
  const liftId = fromHex(LIFT_ID)

  // The tally of test/vectors/tally.json: alice holds the stock, bob the foil.
  const record: TallyRecord = {
    id: fromHex('00112233445566778899aabbccddeeff'),
    version: 1,
    stock: { address: `alice@${STOCK_PEER}`, publicKey: stockKey.publicKey.raw as Uint8Array<ArrayBuffer> },
    foil: { address: `bob@${FOIL_PEER}`, publicKey: foilKey.publicKey.raw as Uint8Array<ArrayBuffer> },
    hasLimit: true,
    limit: 100_000n,
    created: 1_767_225_600_000n,
    proposer: Side.STOCK
  }
  const base = { tallyId: record.id, liftId, signature: new Uint8Array(), memo: '', reference: '', close: false, type: ChitType.LIFT }
  const chits: Array<{ name: string, chit: Chit }> = [
    { name: 'lift chit from the foil (bob gives to alice)', chit: { ...base, chitId: fromHex('e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4'), issuer: Side.FOIL, units: 1500n, time: 1_767_225_611_000n } },
    { name: 'lift chit from the stock to the payee, with the payer\'s memo and reference', chit: { ...base, chitId: fromHex('f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5f5'), issuer: Side.STOCK, units: 1500n, memo: 'rent ☕', reference: 'inv-77', time: 1_767_225_612_000n } }
  ]
  const chitVectors: LiftChitVector[] = []
  for (const { name, chit } of chits) {
    const key = chit.issuer === Side.STOCK ? stockKey : foilKey
    chit.signature = await key.sign(chitSigningBytes(chit)) as Uint8Array<ArrayBuffer>
    chitVectors.push({
      name,
      chit: chitJson(chit),
      signingBytes: toHex(chitSigningBytes(chit)),
      signature: toHex(chit.signature),
      chitHash: toHex(chitHash(chit)),
      stockDelta: stockDelta(chit).toString()
    })
  }

  // The relay's instructions, sealed to the relay's node key.
  const instructions: Instructions = {
    liftId,
    handle: fromHex(HANDLE),
    unitsIn: 1500n,
    unitsOut: 1500n,
    fee: 0n,
    prev: referee.info.peerId,
    next: payee.info.peerId,
    deadline: DEADLINE,
    memo: '',
    reference: ''
  }
  const plaintext = Instructions.encode(instructions)
  const ephSecret = fromHex(EPHEMERAL_SECRET)
  const recipientEd = relay.key.publicKey.raw
  const envelope = seal(recipientEd, plaintext, liftId, ephSecret)
  // The intermediate values, computed here from the primitives (not by seal.ts),
  // so another implementation can find where it departs.
  const recipientX = ed25519.utils.toMontgomery(recipientEd)
  const ephPublic = x25519.getPublicKey(ephSecret)
  const shared = x25519.getSharedSecret(ephSecret, recipientX)
  const salt = new Uint8Array([...ephPublic, ...recipientX])
  const key = hkdf(nobleSha256, shared, salt, SEAL_INFO, 32)

  const promise: LiftPromise = {
    liftId,
    peer: relay.info.peerId,
    envelopeHash: sha256(envelope),
    unitsIn: 1500n,
    unitsOut: 1500n,
    signature: new Uint8Array()
  }
  const promiseBytes = promiseSigningBytes(promise)
  promise.signature = await relay.key.sign(promiseBytes) as Uint8Array<ArrayBuffer>

  const decisions: LiftVectors['decisions'] = []
  for (const [name, good, time, reason] of [
    ['good', true, 1_767_225_609_000n, ''],
    ['void', false, 1_767_225_610_001n, 'not every node promised before the deadline']
  ] as const) {
    const d: Decision = { liftId, good, time, reason, referee: referee.info.peerId, signature: new Uint8Array() }
    const bytes = decisionSigningBytes(d)
    decisions.push({ name, fields: decisionJson(d), signingBytes: toHex(bytes), signature: toHex(await referee.key.sign(bytes)) })
  }

  return {
    about: 'sortlift lift protocol test vectors; encodings in PROTOCOL.md §5. Regenerate only deliberately: node dist/test/vectors/make-lift-vectors.js',
    nodes: { referee: referee.info, relay: relay.info, payee: payee.info },
    liftId: LIFT_ID,
    liftChits: {
      tallyId: toHex(record.id),
      tallyHash: toHex(tallyHash(record)),
      stockPublicKey: toHex(stockKey.publicKey.raw),
      foilPublicKey: toHex(foilKey.publicKey.raw),
      chits: chitVectors
    },
    envelope: {
      instructions: instructionsJson(instructions),
      plaintext: toHex(plaintext),
      recipientPeerId: relay.info.peerId,
      recipientEd25519: toHex(recipientEd),
      recipientX25519: toHex(recipientX),
      ephemeralSecret: EPHEMERAL_SECRET,
      ephemeralPublic: toHex(ephPublic),
      sharedSecret: toHex(shared),
      hkdfSalt: toHex(salt),
      hkdfInfo: toHex(SEAL_INFO),
      key: toHex(key),
      nonce: toHex(new Uint8Array(12)),
      aad: LIFT_ID,
      envelope: toHex(envelope),
      envelopeHash: toHex(sha256(envelope))
    },
    promise: { fields: promiseJson(promise), signingBytes: toHex(promiseBytes), signature: toHex(promise.signature) },
    decisions
  }
}

export function instructionsJson (i: Instructions): Record<string, unknown> {
  return {
    liftId: toHex(i.liftId), handle: toHex(i.handle), unitsIn: i.unitsIn.toString(), unitsOut: i.unitsOut.toString(),
    fee: i.fee.toString(), prev: i.prev, next: i.next, deadline: i.deadline.toString(), memo: i.memo, reference: i.reference
  }
}

export function instructionsFromJson (o: any): Instructions {
  return {
    liftId: fromHex(o.liftId), handle: fromHex(o.handle), unitsIn: BigInt(o.unitsIn), unitsOut: BigInt(o.unitsOut),
    fee: BigInt(o.fee), prev: o.prev, next: o.next, deadline: BigInt(o.deadline), memo: o.memo, reference: o.reference
  }
}

export function promiseJson (p: LiftPromise): Record<string, unknown> {
  return { liftId: toHex(p.liftId), peer: p.peer, envelopeHash: toHex(p.envelopeHash), unitsIn: p.unitsIn.toString(), unitsOut: p.unitsOut.toString() }
}

export function promiseFromJson (o: any, signature: string): LiftPromise {
  return { liftId: fromHex(o.liftId), peer: o.peer, envelopeHash: fromHex(o.envelopeHash), unitsIn: BigInt(o.unitsIn), unitsOut: BigInt(o.unitsOut), signature: fromHex(signature) }
}

export function decisionJson (d: Decision): Record<string, unknown> {
  return { liftId: toHex(d.liftId), good: d.good, time: d.time.toString(), reason: d.reason, referee: d.referee }
}

export function decisionFromJson (o: any, signature: string): Decision {
  return { liftId: fromHex(o.liftId), good: o.good, time: BigInt(o.time), reason: o.reason, referee: o.referee, signature: fromHex(signature) }
}
