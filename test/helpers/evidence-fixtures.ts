// A chain operator simulated over the real tree, signatures and encodings, for
// evidence tests: honest moves do exactly what src/sortition/operator.ts does
// (issue into unassigned space with an operator-signed issue, owner-signed
// transfers naming the current custody, splits keeping owner and custody),
// and the dishonest ones write the tree directly. Deterministic for a given
// seed set (vectors use it).
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { signerFromPrivateKey } from '../../src/crypto/keys.js'
import type { Signer } from '../../src/crypto/keys.js'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { sha256 } from '../../src/crypto/hash.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import type { Leaf } from '../../src/sortition/hashing.js'
import { encodeProof } from '../../src/sortition/proof.js'
import type { Condition } from '../../src/sortition/space.js'
import { signChain, issueSigningBytes, transferSigningBytes, custodyHash } from '../../src/sortition/chain.js'
import type { SignedChain, NewOwner } from '../../src/sortition/chain.js'
import { signCommitment, commitmentHash, changesDigest, ZERO_HASH } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import type { CustodyRecord, ProvenLeaf } from '../../src/sortition/evidence.js'

export async function seeded (n: number): Promise<Signer> {
  return signerFromPrivateKey(await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(n)))
}

/** 16 bytes derived from a label (deterministic nonces) */
export function nonce (label: string): Uint8Array {
  return sha256(new TextEncoder().encode(label)).slice(0, 16)
}

export const T0 = 1_700_000_000_000
export const TRADING_END = 1_800_000_000_000

export const user = (s: Signer): NewOwner => ({ kind: 'user', publicKey: s.publicKey })

export class SimOperator {
  tree = new SortitionTree()
  head!: SignedCommitment
  readonly commitments: SignedCommitment[] = []
  private time = T0

  private constructor (readonly op: Signer, readonly chain: SignedChain) {}

  static async create (op: Signer, label = 'chain', tradingEnd = TRADING_END): Promise<SimOperator> {
    const chain = await signChain(op, {
      operatorAddress: 'op@12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN',
      value: 1_000_000n,
      tradingEnd,
      beaconRound: 42,
      created: T0,
      nonce: nonce(label)
    })
    const s = new SimOperator(op, chain)
    await s.commit()
    return s
  }

  /** Signs the next height over the current tree (the changes digest is not what evidence checks). */
  async commit (time?: number): Promise<SignedCommitment> {
    const height = this.commitments.length
    this.time = time ?? this.time + 1000
    const c = await signCommitment(this.op, {
      chainId: this.chain.id,
      height,
      root: this.tree.root(),
      prev: height === 0 ? ZERO_HASH : commitmentHash(this.head),
      time: this.time,
      changes: changesDigest([]),
      children: []
    })
    this.commitments.push(c)
    this.head = c
    return c
  }

  /** An operator-signed issue record (not applied). */
  async issueRecord (owner: NewOwner, lo: bigint, hi: bigint, label: string, conditions: Condition[] = []): Promise<CustodyRecord & { custody: Uint8Array }> {
    const bytes = issueSigningBytes({ chainId: this.chain.id, lo, hi, conditions, owner, payment: `lift:${toHex(nonce('payment ' + label))}`, time: this.time, nonce: nonce(label) })
    const signature = await this.op.sign(bytes)
    return { signingBytes: bytes, signature, custody: custodyHash(bytes, signature) }
  }

  /** Honest issue of unassigned [lo, hi). */
  async issue (owner: NewOwner, lo: bigint, hi: bigint, label: string): Promise<CustodyRecord & { custody: Uint8Array }> {
    const r = await this.issueRecord(owner, lo, hi, label)
    this.tree.apply([{ op: 'issue', lo, hi, leaf: leafOf(owner, r.custody) }])
    return r
  }

  /** A transfer of the leaf containing `point`, naming its current custody, signed by `signer` (not applied). */
  async transferRecord (signer: Signer, point: bigint, to: NewOwner, label: string, conditions: Condition[] = []): Promise<CustodyRecord & { custody: Uint8Array }> {
    const found = this.tree.find(point, conditions)
    const custody = (found.leaf as any).custody as Uint8Array
    const bytes = transferSigningBytes({ chainId: this.chain.id, leaf: { lo: found.region.lo, conditions: found.region.conditions }, custody, owner: to, nonce: nonce(label) })
    const signature = await signer.sign(bytes)
    return { signingBytes: bytes, signature, custody: custodyHash(bytes, signature) }
  }

  /** Honest transfer: the owner signs, the operator checks the owner and applies. */
  async transfer (owner: Signer, point: bigint, to: NewOwner, label: string, conditions: Condition[] = []): Promise<CustodyRecord & { custody: Uint8Array }> {
    const found = this.tree.find(point, conditions)
    if (found.leaf.owner.kind !== 'user' || Buffer.compare(found.leaf.owner.publicKey, owner.publicKey) !== 0) throw new Error('an honest operator applies only the owner\'s transfer')
    const r = await this.transferRecord(owner, point, to, label, conditions)
    this.tree.apply([{ op: 'transfer', point, conditions, leaf: leafOf(to, r.custody) }])
    return r
  }

  /** Honest split by point (both parts keep owner and custody). */
  split (at: bigint): void {
    this.tree.apply([{ op: 'split-point', at }])
  }

  /** Dishonest: writes any owner and custody into the leaf containing `point`. */
  force (point: bigint, leaf: Leaf): void {
    this.tree.apply([{ op: 'transfer', point, leaf }])
  }

  prove (point: bigint, conditions: Condition[] = []): Uint8Array {
    return encodeProof(this.tree.prove(point, conditions))
  }

  /** The leaf containing `point` proven under the head commitment (call right after commit()). */
  leafAt (point: bigint, conditions: Condition[] = []): ProvenLeaf {
    if (Buffer.compare(this.tree.root(), this.head.root) !== 0) throw new Error('the tree changed since the head commitment')
    return { commitment: this.head, proof: this.prove(point, conditions) }
  }
}

export function leafOf (owner: NewOwner, custody: Uint8Array): Leaf {
  return owner.kind === 'user' ? { owner: { kind: 'user', publicKey: owner.publicKey }, custody } : { owner: { kind: 'child', chainId: owner.chainId }, custody }
}

export function flip (b: Uint8Array, at: number): Uint8Array {
  const c = b.slice()
  c[at] ^= 1
  return c
}

export { fromHex }
