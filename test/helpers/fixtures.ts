// Pure fixtures: real keys and signatures, no network or disk.
import { generateSigner } from '../../src/crypto/keys.js'
import type { Signer } from '../../src/crypto/keys.js'
import { Side, ChitType } from '../../protos/tally.js'
import type { Chit, TallyRecord } from '../../protos/tally.js'
import { draftRecord, withKey } from '../../src/tally/record.js'
import { newHalf } from '../../src/tally/half.js'
import type { TallyHalf } from '../../src/tally/half.js'
import { chitSigningBytes } from '../../src/tally/encoding.js'
import { randomBytes } from '../../src/crypto/bytes.js'

export const PEER_A = '12D3KooWMYeuVT3DDthFwutDk69JW1DyriAhJcEFa3uCDfpY2hB7'
export const PEER_B = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK'

export interface Pair {
  record: TallyRecord
  stock: Signer
  foil: Signer
  stockHalf: TallyHalf
  foilHalf: TallyHalf
}

export async function openPair (limit?: bigint): Promise<Pair> {
  const stock = (await generateSigner()).signer
  const foil = (await generateSigner()).signer
  const draft = draftRecord({
    id: randomBytes(16),
    proposerAddress: `alice@${PEER_A}`,
    proposerKey: stock.publicKey,
    partnerAddress: `bob@${PEER_B}`,
    proposerSide: Side.STOCK,
    limit,
    created: 1_700_000_000_000
  })
  const record = withKey(draft, Side.FOIL, foil.publicKey)
  const stockHalf = { ...newHalf(record, Side.STOCK, 'alice', true, 1), state: 'open' as const }
  const foilHalf = { ...newHalf(record, Side.FOIL, 'bob', false, 1), state: 'open' as const }
  return { record, stock, foil, stockHalf, foilHalf }
}

export async function makeChit (pair: Pair, issuer: Side, units: bigint, extra: Partial<Chit> = {}): Promise<Chit> {
  const c: Chit = {
    tallyId: pair.record.id,
    chitId: randomBytes(16),
    issuer,
    type: ChitType.PAYMENT,
    units,
    memo: '',
    reference: '',
    time: 1_700_000_000_001n,
    close: false,
    liftId: new Uint8Array(),
    signature: new Uint8Array(),
    ...extra
  }
  const signer = issuer === Side.STOCK ? pair.stock : pair.foil
  c.signature = await signer.sign(chitSigningBytes(c))
  return c
}
