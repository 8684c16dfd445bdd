// Chain records, commitments and signed requests: pinned vectors and every
// rejection, each with its typed error.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildChainVectors, seededSigner, OPERATOR_SEED, OWNER_SEED } from '../vectors/make-chain-vectors.js'
import type { ChainVectors } from '../vectors/make-chain-vectors.js'
import { chainFromJson, chainSigningBytes, validateChain, transferSigningBytes, custodyHash, signChain, splitSigningBytes } from '../../src/sortition/chain.js'
import type { SignedChain } from '../../src/sortition/chain.js'
import { commitmentFromJson, commitmentHash, commitmentSigningBytes, validateCommitment, signCommitment, changesDigest, ZERO_HASH } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import { ChainError } from '../../src/sortition/chain-errors.js'
import { sha256 } from '../../src/crypto/hash.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { verifySignature } from '../../src/crypto/keys.js'

const pinned: ChainVectors = JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', 'chain.json'), 'utf8'))

function code (c: string): (err: any) => boolean {
  return (err: any) => {
    assert.ok(err instanceof ChainError, `expected ChainError ${c}, got ${err}`)
    assert.equal(err.code, c, err.message)
    return true
  }
}

describe('sortition chains: records and commitments', () => {
  let chain: SignedChain
  let c0: SignedCommitment
  let c1: SignedCommitment

  before(() => {
    chain = chainFromJson(pinned.chain.record)
    c0 = commitmentFromJson(pinned.commitments[0].commitment)
    c1 = commitmentFromJson(pinned.commitments[1].commitment)
  })

  it('the pinned file matches what the fixed seeds produce', async () => {
    assert.deepEqual(await buildChainVectors(), pinned)
  })

  it('chain id is sha256 of the pinned signing bytes; the operator signed them', async () => {
    assert.equal(toHex(chainSigningBytes(chain)), pinned.chain.signingBytes)
    assert.equal(toHex(sha256(fromHex(pinned.chain.signingBytes))), pinned.chain.record.id)
    await validateChain(chain)
    assert.equal(pinned.operator.publicKey, toHex((await seededSigner(OPERATOR_SEED)).publicKey))
  })

  it('commitments: pinned signing bytes and hashes; height 1 links to height 0', async () => {
    for (const [i, c] of [c0, c1].entries()) {
      assert.equal(toHex(commitmentSigningBytes(c)), pinned.commitments[i].signingBytes)
      assert.equal(toHex(commitmentHash(c)), pinned.commitments[i].commitment.hash)
    }
    assert.equal(toHex(c1.prev), pinned.commitments[0].commitment.hash)
    assert.equal(toHex(c1.changes), pinned.changes.digest)
    assert.equal(toHex(changesDigest(pinned.changes.items.map(fromHex))), pinned.changes.digest)
    await validateCommitment(chain, undefined, c0)
    await validateCommitment(chain, c0, c1)
  })

  it('issue, transfer and split signing bytes, signatures and custody hashes are pinned', async () => {
    const owner = fromHex(pinned.owner.publicKey)
    assert.equal(pinned.owner.publicKey, toHex((await seededSigner(OWNER_SEED)).publicKey))
    assert.ok(await verifySignature(fromHex(pinned.operator.publicKey), fromHex(pinned.issue.signingBytes), fromHex(pinned.issue.signature)))
    assert.ok(await verifySignature(owner, fromHex(pinned.transfer.signingBytes), fromHex(pinned.transfer.signature)))
    assert.ok(await verifySignature(owner, fromHex(pinned.split.signingBytes), fromHex(pinned.split.signature)))
    assert.equal(toHex(custodyHash(fromHex(pinned.issue.signingBytes), fromHex(pinned.issue.signature))), pinned.issue.custody)
    const t = transferSigningBytes({ chainId: chain.id, leaf: { lo: 0n, conditions: [] }, custody: fromHex(pinned.issue.custody), owner: { kind: 'user', publicKey: chain.operator }, nonce: fromHex('20212223242526272829202b2c2d2e2f') })
    assert.equal(toHex(t), pinned.transfer.signingBytes)
  })

  it('bad chain records: tampered field → BAD_CHAIN_ID, foreign signature → BAD_SIGNATURE, malformed → MALFORMED', async () => {
    await assert.rejects(validateChain({ ...chain, value: chain.value + 1n }), code('BAD_CHAIN_ID'))
    const other = await seededSigner(OWNER_SEED)
    await assert.rejects(validateChain({ ...chain, signature: await other.sign(chainSigningBytes(chain)) }), code('BAD_SIGNATURE'))
    await assert.rejects(validateChain({ ...chain, operator: other.publicKey, id: sha256(chainSigningBytes({ ...chain, operator: other.publicKey })) }), code('BAD_SIGNATURE'))
    await assert.rejects(validateChain({ ...chain, value: 0n }), code('MALFORMED'))
    await assert.rejects(validateChain({ ...chain, nonce: new Uint8Array(3) }), code('MALFORMED'))
    await assert.rejects(validateChain({ ...chain, operatorAddress: 'not an address' }), code('MALFORMED'))
    await assert.rejects(signChain(other, { ...chain, tradingEnd: -1 }), code('MALFORMED'))
  })

  describe('bad commitments, each with its code', () => {
    let op: Awaited<ReturnType<typeof seededSigner>>
    const next = async (over: Partial<SignedCommitment>): Promise<SignedCommitment> => {
      const { signature: _s, ...fields } = c1
      return await signCommitment(op, { ...fields, ...over })
    }
    before(async () => { op = await seededSigner(OPERATOR_SEED) })

    it('bad signature: signed by another key, or altered after signing', async () => {
      const other = await seededSigner(OWNER_SEED)
      const { signature: _s, ...fields } = c1
      await assert.rejects(validateCommitment(chain, c0, await signCommitment(other, fields)), code('BAD_SIGNATURE'))
      await assert.rejects(validateCommitment(chain, c0, { ...c1, root: sha256(c1.root) }), code('BAD_SIGNATURE'))
      await assert.rejects(validateCommitment(chain, c0, { ...c1, signature: new Uint8Array(10) }), code('BAD_SIGNATURE'))
    })

    it('height skip: height 2 after 0; a first commitment not at 0; a repeated height', async () => {
      await assert.rejects(validateCommitment(chain, c0, await next({ height: 2 })), code('HEIGHT_SKIP'))
      await assert.rejects(validateCommitment(chain, undefined, c1), code('HEIGHT_SKIP'))
      await assert.rejects(validateCommitment(chain, c0, await next({ height: 0 })), code('HEIGHT_SKIP'))
    })

    it('broken prev link: wrong hash; height 0 with a non-zero prev', async () => {
      await assert.rejects(validateCommitment(chain, c0, await next({ prev: sha256(c0.prev) })), code('BROKEN_LINK'))
      const { signature: _s, ...f0 } = c0
      await assert.rejects(validateCommitment(chain, undefined, await signCommitment(op, { ...f0, prev: sha256(ZERO_HASH) })), code('BROKEN_LINK'))
    })

    it('stamped after trading end; stamped before the previous height', async () => {
      await assert.rejects(validateCommitment(chain, c0, await next({ time: chain.tradingEnd + 1 })), code('AFTER_TRADING_END'))
      await validateCommitment(chain, c0, await next({ time: chain.tradingEnd }))
      await assert.rejects(validateCommitment(chain, c0, await next({ time: c0.time - 1 })), code('BAD_TIME'))
    })

    it('wrong chain: a commitment of another chain, or a prev of another chain', async () => {
      await assert.rejects(validateCommitment(chain, c0, await next({ chainId: sha256(chain.id) })), code('WRONG_CHAIN'))
      await assert.rejects(validateCommitment(chain, { ...c0, chainId: sha256(chain.id) }, c1), code('WRONG_CHAIN'))
    })

    it('malformed: short root, unsorted children', async () => {
      await assert.rejects(next({ root: new Uint8Array(31) }), code('MALFORMED'))
      const a = { chainId: new Uint8Array(32).fill(2), commitment: new Uint8Array(32) }
      const b = { chainId: new Uint8Array(32).fill(1), commitment: new Uint8Array(32) }
      assert.throws(() => commitmentSigningBytes({ ...c1, children: [a, b] }), code('MALFORMED'))
      assert.throws(() => commitmentSigningBytes({ ...c1, children: [a, a] }), code('MALFORMED'))
      // signCommitment sorts for the caller
      const s = await next({ children: [a, b] })
      assert.deepEqual(s.children.map(k => k.chainId[0]), [1, 2])
    })
  })

  it('signed requests reject malformed input', () => {
    const base = { chainId: chain.id, leaf: { lo: 0n, conditions: [] }, custody: new Uint8Array(32), nonce: new Uint8Array(16) }
    assert.throws(() => transferSigningBytes({ ...base, owner: { kind: 'user', publicKey: new Uint8Array(31) } }), code('MALFORMED'))
    assert.throws(() => transferSigningBytes({ ...base, leaf: { lo: -1n, conditions: [] }, owner: { kind: 'user', publicKey: new Uint8Array(32) } }), code('MALFORMED'))
    assert.throws(() => splitSigningBytes({ ...base, split: { kind: 'point', at: 1n << 256n } }), code('MALFORMED'))
    assert.throws(() => splitSigningBytes({ ...base, split: { kind: 'nope' } as any }), code('MALFORMED'))
  })
})
