// Builds the tally test vectors from fixed seeds. Used by make-vectors.ts to
// write tally.json and by vectors.spec.ts to check the implementation.
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { Side, ChitType } from '../../protos/tally.js'
import type { Chit, TallyRecord } from '../../protos/tally.js'
import { tallySigningBytes, tallyHash, refuseSigningBytes, chitSigningBytes, chitHash, entryHash } from '../../src/tally/encoding.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'

export const STOCK_SEED = '0101010101010101010101010101010101010101010101010101010101010101'
export const FOIL_SEED = '0202020202020202020202020202020202020202020202020202020202020202'
export const STOCK_PEER = '12D3KooWMYeuVT3DDthFwutDk69JW1DyriAhJcEFa3uCDfpY2hB7'
export const FOIL_PEER = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK'

export interface ChitVector {
  name: string
  chit: Record<string, unknown>
  signingBytes: string
  signature: string
  chitHash: string
  entryIndex: number
  entryPrev: string
  entryHash: string
}

export interface Vectors {
  about: string
  stock: { seed: string, publicKey: string, address: string }
  foil: { seed: string, publicKey: string, address: string }
  tally: { record: Record<string, unknown>, signingBytes: string, tallyHash: string, stockSignature: string, foilSignature: string }
  refusal: { signingBytes: string, foilSignature: string }
  chits: ChitVector[]
}

export async function buildVectors (): Promise<Vectors> {
  const stockKey = await generateKeyPairFromSeed('Ed25519', fromHex(STOCK_SEED))
  const foilKey = await generateKeyPairFromSeed('Ed25519', fromHex(FOIL_SEED))
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
  const base = { tallyId: record.id, liftId: new Uint8Array(), signature: new Uint8Array(), memo: '', reference: '', close: false }
  const chits: Array<{ name: string, chit: Chit }> = [
    { name: 'payment from the foil', chit: { ...base, chitId: fromHex('a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0'), issuer: Side.FOIL, type: ChitType.PAYMENT, units: 5000n, time: 1_767_225_601_000n } },
    { name: 'payment from the stock with memo and reference', chit: { ...base, chitId: fromHex('b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1'), issuer: Side.STOCK, type: ChitType.PAYMENT, units: 2000n, memo: 'lunch ☕', reference: 'inv-42', time: 1_767_225_602_000n } },
    { name: 'setting chit from the stock', chit: { ...base, chitId: fromHex('c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2'), issuer: Side.STOCK, type: ChitType.SETTING, units: 0n, settings: { target: 3000n, bound: 7000n, reward: 2500, clutch: -500 }, time: 1_767_225_603_000n } },
    { name: 'close from the foil', chit: { ...base, chitId: fromHex('d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3'), issuer: Side.FOIL, type: ChitType.SETTING, units: 0n, close: true, time: 1_767_225_604_000n } }
  ]
  const tallyBytes = tallySigningBytes(record)
  let prev = tallyHash(record)
  const out: ChitVector[] = []
  for (const [i, { name, chit }] of chits.entries()) {
    const key = chit.issuer === Side.STOCK ? stockKey : foilKey
    chit.signature = await key.sign(chitSigningBytes(chit)) as Uint8Array<ArrayBuffer>
    const hash = entryHash(i, prev, chit)
    out.push({
      name,
      chit: chitJson(chit),
      signingBytes: toHex(chitSigningBytes(chit)),
      signature: toHex(chit.signature),
      chitHash: toHex(chitHash(chit)),
      entryIndex: i,
      entryPrev: toHex(prev),
      entryHash: toHex(hash)
    })
    prev = hash
  }
  return {
    about: 'sortlift tally protocol test vectors; encodings in PROTOCOL.md. Regenerate only deliberately: node dist/test/vectors/make-vectors.js',
    stock: { seed: STOCK_SEED, publicKey: toHex(stockKey.publicKey.raw), address: record.stock!.address },
    foil: { seed: FOIL_SEED, publicKey: toHex(foilKey.publicKey.raw), address: record.foil!.address },
    tally: {
      record: recordJson(record),
      signingBytes: toHex(tallyBytes),
      tallyHash: toHex(tallyHash(record)),
      stockSignature: toHex(await stockKey.sign(tallyBytes)),
      foilSignature: toHex(await foilKey.sign(tallyBytes))
    },
    refusal: { signingBytes: toHex(refuseSigningBytes(record)), foilSignature: toHex(await foilKey.sign(refuseSigningBytes(record))) },
    chits: out
  }
}

export function recordJson (r: TallyRecord): Record<string, unknown> {
  return {
    id: toHex(r.id), version: r.version, stockAddress: r.stock!.address, stockKey: toHex(r.stock!.publicKey),
    foilAddress: r.foil!.address, foilKey: toHex(r.foil!.publicKey), hasLimit: r.hasLimit, limit: r.limit.toString(),
    created: r.created.toString(), proposer: r.proposer
  }
}

export function chitJson (c: Chit): Record<string, unknown> {
  return {
    tallyId: toHex(c.tallyId), chitId: toHex(c.chitId), issuer: c.issuer, type: c.type, units: c.units.toString(),
    memo: c.memo, reference: c.reference, time: c.time.toString(),
    settings: c.settings == null ? null : { target: c.settings.target.toString(), bound: c.settings.bound.toString(), reward: c.settings.reward, clutch: c.settings.clutch },
    close: c.close, liftId: toHex(c.liftId)
  }
}

export function chitFromJson (o: any, signature: string): Chit {
  return {
    tallyId: fromHex(o.tallyId), chitId: fromHex(o.chitId), issuer: o.issuer as Side, type: o.type as ChitType, units: BigInt(o.units),
    memo: o.memo, reference: o.reference, time: BigInt(o.time),
    settings: o.settings == null ? undefined : { target: BigInt(o.settings.target), bound: BigInt(o.settings.bound), reward: o.settings.reward, clutch: o.settings.clutch },
    close: o.close, liftId: fromHex(o.liftId), signature: fromHex(signature)
  }
}

export function recordFromJson (o: any): TallyRecord {
  return {
    id: fromHex(o.id), version: o.version, stock: { address: o.stockAddress, publicKey: fromHex(o.stockKey) },
    foil: { address: o.foilAddress, publicKey: fromHex(o.foilKey) }, hasLimit: o.hasLimit, limit: BigInt(o.limit),
    created: BigInt(o.created), proposer: o.proposer as Side
  }
}
