// Settlement vectors: the draw, the claim's signing bytes, hash and record,
// and the receipt, pinned in test/vectors/claim.json.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildClaimVectors, BEACON_SECRET, BEACON_GENESIS } from '../vectors/make-claim-vectors.js'
import type { ClaimVectors } from '../vectors/make-claim-vectors.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { verifySignature } from '../../src/crypto/keys.js'
import { createLocalBeacon } from '../../src/beacon/local.js'
import { verifyBeacon } from '../../src/beacon/verify.js'
import { drawPoint } from '../../src/sortition/settlement.js'
import { decodeClaim, encodeClaim, claimHash, claimSigningBytes, decodeReceipt, receiptHash } from '../../src/sortition/claim-encoding.js'
import { verifyClaim, claimDeadline, CLAIM_PAYMENT_WINDOW_MS } from '../../src/sortition/claim-verify.js'
import { decodeProof } from '../../src/sortition/proof.js'

const pinned: ClaimVectors = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'claim.json'), 'utf8'))

describe('settlement vectors', () => {
  it('the pinned file matches what the fixed seeds produce', async () => {
    assert.deepEqual(await buildClaimVectors(), pinned)
  })

  it('draw = SHA-256(randomness ‖ chain id) as a big-endian point; randomness = SHA-256(beacon signature)', () => {
    const d = pinned.draw
    const network = createLocalBeacon({ secretKey: fromHex(BEACON_SECRET), genesisTime: BEACON_GENESIS, period: 3 }).network
    assert.equal(toHex(verifyBeacon(network, BigInt(d.round), d.signature)), d.randomness)
    assert.equal(toHex(sha256(fromHex(d.signature))), d.randomness)
    assert.equal('0x' + toHex(sha256(fromHex(d.randomness), fromHex(d.chainId))), d.point)
    assert.equal(drawPoint(fromHex(d.randomness), fromHex(d.chainId)), BigInt(d.point))
  })

  it('the claim record decodes to the pinned signing bytes, signature and hash, and re-encodes to itself', async () => {
    const claim = decodeClaim(fromHex(pinned.claim.record))
    assert.equal(toHex(claimSigningBytes(claim.fields)), pinned.claim.signingBytes)
    assert.equal(toHex(claim.signature), pinned.claim.signature)
    assert.equal(toHex(claimHash(claim)), pinned.claim.hash)
    assert.equal(toHex(sha256(claimHashInput(pinned.claim.signingBytes, pinned.claim.signature))), pinned.claim.hash)
    assert.equal(toHex(encodeClaim(claim)), pinned.claim.record)
    assert.ok(await verifySignature(fromHex(pinned.keys.owner), fromHex(pinned.claim.signingBytes), fromHex(pinned.claim.signature)))
    assert.equal(claimDeadline(claim), claim.fields.time + CLAIM_PAYMENT_WINDOW_MS)
    assert.equal(pinned.claim.deadline, claim.fields.time + 600_000)
  })

  it('the pinned claim verifies: the owner wins the chain\'s value', async () => {
    const claim = decodeClaim(fromHex(pinned.claim.record))
    const network = createLocalBeacon({ secretKey: fromHex(BEACON_SECRET), genesisTime: BEACON_GENESIS, period: 3 }).network
    const v = await verifyClaim(claim, { network, now: pinned.chain.tradingEnd + 1 })
    assert.equal(v.units, 1_000_000n)
    assert.equal(v.draw, BigInt(pinned.draw.point))
    assert.equal(v.winner.kind, 'user')
    assert.equal(toHex((v.winner as any).publicKey), pinned.keys.owner)
  })

  it('the claim signed with a version 1 proof still verifies, to the same winner and draw', async () => {
    const claim = decodeClaim(fromHex(pinned.claimV1.record))
    assert.equal(claim.fields.proof[0], 1)
    assert.equal(decodeClaim(fromHex(pinned.claim.record)).fields.proof[0], 2)
    assert.deepEqual(decodeProof(claim.fields.proof), decodeProof(decodeClaim(fromHex(pinned.claim.record)).fields.proof))
    assert.equal(toHex(claimHash(claim)), pinned.claimV1.hash)
    assert.equal(toHex(encodeClaim(claim)), pinned.claimV1.record)
    const network = createLocalBeacon({ secretKey: fromHex(BEACON_SECRET), genesisTime: BEACON_GENESIS, period: 3 }).network
    const v = await verifyClaim(claim, { network, now: pinned.chain.tradingEnd + 1 })
    assert.equal(v.units, 1_000_000n)
    assert.equal(v.draw, BigInt(pinned.draw.point))
    assert.equal(toHex((v.winner as any).publicKey), pinned.keys.owner)
  })

  it('the receipt: pinned signing bytes, operator signature and hash', async () => {
    const r = decodeReceipt(fromHex(pinned.receipt.signingBytes), fromHex(pinned.receipt.signature))
    assert.equal(toHex(r.claim), pinned.claim.hash)
    assert.equal(toHex(receiptHash(r)), pinned.receipt.hash)
    assert.ok(await verifySignature(fromHex(pinned.keys.operator), fromHex(pinned.receipt.signingBytes), fromHex(pinned.receipt.signature)))
  })
})

/** claim hash input per PROTOCOL: tag "sortlift/v1/sortition/claim-hash", bytes(signing bytes), bytes(signature) */
function claimHashInput (signingHex: string, sigHex: string): Uint8Array {
  const tag = new TextEncoder().encode('sortlift/v1/sortition/claim-hash')
  const parts = [u32(tag.length), tag, u32(signingHex.length / 2), fromHex(signingHex), u32(sigHex.length / 2), fromHex(sigHex)]
  return Buffer.concat(parts)
}

function u32 (n: number): Uint8Array {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n)
  return b
}
