// Builds a sortition chain's heights the way its operator does — real keys
// and signatures, raw tree operations on a reference tree, the touched leaves
// as OperatorService records them — so replay can be tested without a node.
import type { Signer } from '../../src/crypto/keys.js'
import { signChain, issueSigningBytes, transferSigningBytes, splitSigningBytes, custodyHash, NONCE_LENGTH } from '../../src/sortition/chain.js'
import type { SignedChain, Locator, NewOwner, SplitFields } from '../../src/sortition/chain.js'
import { signCommitment, commitmentHash, changedLeafItem, changesDigest, ZERO_HASH } from '../../src/sortition/commitment.js'
import type { SignedCommitment } from '../../src/sortition/commitment.js'
import { SortitionTree } from '../../src/sortition/tree.js'
import { predicateHash } from '../../src/sortition/predicate.js'
import { encodeOp } from '../../src/sortition/op-log.js'
import { changedItems, leafFor } from '../../src/sortition/replay.js'
import type { HeightData } from '../../src/sortition/replay.js'
import { toHex } from '../../src/crypto/bytes.js'

const PEER = '12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'

export class ChainBuilder {
  readonly tree = new SortitionTree()
  readonly heights: HeightData[] = []
  private ops: Uint8Array[] = []
  private touched: Locator[] = []
  private children = new Map<string, Uint8Array>()
  private nonce = 0
  private time: number

  private constructor (readonly operator: Signer, readonly chain: SignedChain) {
    this.time = chain.created
  }

  static async create (operator: Signer, opts: { tradingEnd?: number, created?: number } = {}): Promise<ChainBuilder> {
    const created = opts.created ?? 1_700_000_000_000
    const chain = await signChain(operator, {
      operatorAddress: `op@${PEER}`, value: 1_000_000n, tradingEnd: opts.tradingEnd ?? created + 3_600_000, beaconRound: 9, created, nonce: new Uint8Array(NONCE_LENGTH).fill(1)
    })
    const b = new ChainBuilder(operator, chain)
    const items = [...b.tree.entries()].map(e => changedLeafItem(e.region, e.leaf))
    const c0 = await signCommitment(operator, { chainId: chain.id, height: 0, root: b.tree.root(), prev: ZERO_HASH, time: created, changes: changesDigest(items), children: [] })
    b.heights.push({ commitment: c0, ops: [] })
    return b
  }

  get head (): SignedCommitment { return this.heights[this.heights.length - 1].commitment }

  private nextNonce (): Uint8Array {
    const n = new Uint8Array(NONCE_LENGTH)
    new DataView(n.buffer).setUint32(12, ++this.nonce)
    return n
  }

  /** The operator issues [lo, hi) of the unassigned leaf starting at lo. */
  async issue (owner: NewOwner, lo: bigint, hi: bigint): Promise<Uint8Array> {
    const at = this.tree.find(lo, [])
    const fields = { chainId: this.chain.id, lo, hi, conditions: [], owner, payment: `lift:${'ab'.repeat(16)}`, time: this.time, nonce: this.nextNonce() }
    const bytes = issueSigningBytes(fields)
    const signature = await this.operator.sign(bytes)
    this.tree.apply([{ op: 'issue', lo, hi, leaf: leafFor(owner, custodyHash(bytes, signature)) }])
    this.touched.push({ lo, conditions: [] }, ...(hi < at.region.hi ? [{ lo: hi, conditions: [] }] : []))
    return this.log(encodeOp({ kind: 'issue', fields, signature }))
  }

  custodyAt (at: Locator): Uint8Array {
    return (this.tree.find(at.lo, at.conditions).leaf as any).custody
  }

  async transfer (owner: Signer, at: Locator, to: NewOwner, signer: Signer = owner): Promise<Uint8Array> {
    const fields = { chainId: this.chain.id, leaf: at, custody: this.custodyAt(at), owner: to, nonce: this.nextNonce() }
    const bytes = transferSigningBytes(fields)
    const signature = await signer.sign(bytes)
    this.tree.apply([{ op: 'transfer', point: at.lo, conditions: at.conditions, leaf: leafFor(to, custodyHash(bytes, signature)) }])
    this.touched.push(at)
    return this.log(encodeOp({ kind: 'transfer', fields, signer: owner.publicKey, signature }))
  }

  async split (owner: Signer, at: Locator, split: SplitFields['split']): Promise<Uint8Array> {
    const fields = { chainId: this.chain.id, leaf: at, custody: this.custodyAt(at), split, nonce: this.nextNonce() }
    const signature = await owner.sign(splitSigningBytes(fields))
    if (split.kind === 'point') {
      this.tree.apply([{ op: 'split-point', at: split.at, conditions: at.conditions }])
      this.touched.push(at, { lo: split.at, conditions: at.conditions })
    } else {
      this.tree.apply([{ op: 'split-predicate', point: at.lo, conditions: at.conditions, predicate: split.predicate }])
      const h = predicateHash(split.predicate)
      this.touched.push(...[true, false].map(v => ({ lo: at.lo, conditions: [...at.conditions, { predicate: h, value: v }] })))
    }
    return this.log(encodeOp({ kind: 'split', fields, signer: owner.publicKey, signature }))
  }

  child (leaf: Locator, child: Uint8Array, commitment: Uint8Array): Uint8Array {
    this.tree.apply([{ op: 'set-commitment', point: leaf.lo, conditions: leaf.conditions, commitment }])
    this.touched.push(leaf)
    this.children.set(toHex(child), commitment)
    return this.log(encodeOp({ kind: 'child', chainId: this.chain.id, leaf, child, commitment }))
  }

  private log (op: Uint8Array): Uint8Array {
    this.ops.push(op)
    return op
  }

  /** Signs the next height over what changed; `over` replaces fields (for hostile commitments). */
  async commit (over: Partial<Omit<SignedCommitment, 'signature'>> = {}, keep = true): Promise<HeightData> {
    this.time += 1000
    const prev = this.head
    const children = [...this.children.entries()].map(([k, v]) => ({ chainId: Buffer.from(k, 'hex') as unknown as Uint8Array, commitment: v }))
    const c = await signCommitment(this.operator, {
      chainId: this.chain.id, height: prev.height + 1, root: this.tree.root(), prev: commitmentHash(prev), time: this.time,
      changes: changesDigest(changedItems(this.tree, this.touched)), children, ...over
    })
    const h = { commitment: c, ops: this.ops }
    if (keep) {
      this.heights.push(h)
      this.ops = []
      this.touched = []
      this.children = new Map()
    }
    return h
  }
}
