// The sortition tree: a binary merkle tree partitioning (condition outcomes) ×
// [0, 2^256). Pure: no disk, no network.
//
// Shape. Inner nodes are probability splits at a point p (left [lo,p), right
// [p,hi)) or condition splits on a predicate (left: true, right: false). A
// maximal run of probability splits (a "trie") is arranged as a crit-bit
// (PATRICIA) trie over the lower bounds of the cells it divides: a node whose
// subtree holds cells starting at keys k splits at the lowest key whose bit j
// is 1, where j is the first bit at which those keys differ. The shape is thus
// a function of the set of boundaries alone (history independent: any order
// of the same splits gives the same root), a trie is at most 256 deep, and for
// n cells of similar width the depth is about log2 n — issuing regions in
// order does not build a chain. Inserting a boundary adds one split node and
// one leaf and rehashes only their ancestors; no other node moves.
//
// Storage. Nodes live in typed arrays indexed by id (kind, children, parent,
// a 32-byte hash and a 64-byte payload each), so 2,000,000 nodes cost about
// 220 MB and no per-node JS objects. Predicates and child commitments, which
// are rare, sit in maps.
//
// Batches. `apply(ops)` runs the operations in order, marks the changed nodes
// and their ancestors dirty (stopping at an ancestor already dirty), then
// rehashes the dirty nodes bottom-up, each once. If an operation fails the
// whole batch is rolled back (a journal restores the nodes it touched) and
// the error names the operation.
import { fail, SortitionError } from './errors.js'
import { SPACE, POINT_LENGTH, checkPoint, pointFromBytes, pointToBytes } from './space.js'
import type { Condition, Region } from './space.js'
import { Evidence, copyPredicate, decodePredicate, encodePredicate, predicateHash } from './predicate.js'
import type { Predicate } from './predicate.js'
import {
  HASH_LENGTH, checkLeaf, probHashInto, condHashInto, unassignedHashInto, userHashInto, childHashInto
} from './hashing.js'
import type { Leaf } from './hashing.js'
import type { Proof, ProofStep } from './proof.js'

export const K_PROB = 0
export const K_COND = 1
export const K_UNASSIGNED = 2
export const K_USER = 3
export const K_CHILD = 4
const NONE = -1
const DATA = 64
const ZERO = new Uint8Array(32)
/** locate's point bytes (it is synchronous and keeps nothing of them) */
const LOCATE_POINT = new Uint8Array(32)

/** Decides condition splits: given conditions (by predicate hash), an evidence set, or a function. */
export type Decide = Condition[] | Evidence | ((p: Predicate, hash: Uint8Array) => boolean)

export type TreeOp =
  /** assign [lo,hi) of one unassigned leaf to an owner, splitting off what is left */
  | { op: 'issue', lo: bigint, hi: bigint, conditions?: Decide, leaf: Leaf }
  /** replace the owner and custody of the leaf containing `point` */
  | { op: 'transfer', point: bigint, conditions?: Decide, leaf: Leaf }
  /** split the leaf containing `at` at `at`; both parts keep its contents */
  | { op: 'split-point', at: bigint, conditions?: Decide }
  /** split the leaf containing `point` on a predicate; both branches keep its contents */
  | { op: 'split-predicate', point: bigint, conditions?: Decide, predicate: Predicate }
  /** record a child chain's latest commitment hash in its leaf */
  | { op: 'set-commitment', point: bigint, conditions?: Decide, commitment: Uint8Array }

export interface LeafInfo { id: number, region: Region, leaf: Leaf, depth: number }

interface Located {
  id: number
  loNode: number
  hiNode: number
  trieRoot: number
  trieLoNode: number
  trieHiNode: number
  conditions: Condition[]
  depth: number
}

/**
 * The running batch's copies of old nodes as first touched, in flat typed
 * arrays: a batch touches about 10,000 nodes, and an object plus a 64-byte
 * slice for each were a fifth of a batch's garbage.
 */
class Journal {
  n = 0
  ids = new Int32Array(0)
  kinds = new Uint8Array(0)
  links = new Int32Array(0)
  data = new Uint8Array(0)
  commitments: Array<Uint8Array | undefined> = []

  push (id: number, kind: number, left: number, right: number, parent: number, data: Uint8Array, dataOff: number, commitment: Uint8Array | undefined): void {
    const i = this.n++
    if (i === this.ids.length) {
      const cap = Math.max(1024, 2 * i)
      const ids = new Int32Array(cap); ids.set(this.ids); this.ids = ids
      const kinds = new Uint8Array(cap); kinds.set(this.kinds); this.kinds = kinds
      const links = new Int32Array(3 * cap); links.set(this.links); this.links = links
      const d = new Uint8Array(DATA * cap); d.set(this.data); this.data = d
    }
    this.ids[i] = id
    this.kinds[i] = kind
    this.links[3 * i] = left
    this.links[3 * i + 1] = right
    this.links[3 * i + 2] = parent
    const d = this.data
    for (let k = 0, o = i * DATA; k < DATA; k++) d[o + k] = data[dataOff + k]
    this.commitments.push(commitment)
  }

  clear (): void {
    this.n = 0
    this.commitments = []
  }
}

function cmp32 (a: Uint8Array, aOff: number, b: Uint8Array, bOff: number): number {
  for (let k = 0; k < 32; k++) {
    const d = a[aOff + k] - b[bOff + k]
    if (d !== 0) return d
  }
  return 0
}

/** length of the common bit prefix of two 32-byte big-endian numbers (256 if equal) */
function cpl32 (a: Uint8Array, aOff: number, b: Uint8Array, bOff: number): number {
  for (let k = 0; k < 32; k++) {
    const x = a[aOff + k] ^ b[bOff + k]
    if (x !== 0) return k * 8 + Math.clz32(x) - 24
  }
  return 256
}

function sameBytes (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export function decider (d: Decide | undefined): (p: Predicate, hash: Uint8Array) => boolean {
  if (d == null) return () => fail('MISSING_CONDITION', 'the path crosses a condition split and no conditions were given')
  if (typeof d === 'function') return d
  if (d instanceof Evidence) return (p) => d.evaluate(p)
  return (_p, hash) => {
    for (const c of d) if (sameBytes(c.predicate, hash)) return c.value
    return fail('MISSING_CONDITION', 'the path crosses a condition split on a predicate the conditions do not decide')
  }
}

export class SortitionTree {
  private cap = 0
  private kind = new Uint8Array(0)
  private left = new Int32Array(0)
  private right = new Int32Array(0)
  private parent = new Int32Array(0)
  private dirty = new Uint8Array(0)
  /** rehashList's count of dirty children not yet hashed; 0 outside it */
  private pending = new Uint8Array(0)
  private hashes = new Uint8Array(0)
  private data = new Uint8Array(0)
  private readonly predicates = new Map<number, { predicate: Predicate, hash: Uint8Array }>()
  private readonly commitments = new Map<number, Uint8Array>()
  private count = 0
  private rootId = 0
  private leaves = 0
  private changed: number[] = []
  // journal of the running batch
  private batchStart = -1
  private readonly journal = new Journal()
  /** 1 for the old nodes the running batch has journaled */
  private journaled = new Uint8Array(0)
  private dirtied: number[] = []

  /** A new chain's tree: one unassigned leaf, the operator's. */
  constructor (capacity = 16) {
    this.grow(Math.max(1, capacity))
    this.rootId = this.alloc(K_UNASSIGNED)
    this.leaves = 1
    this.dirty[this.rootId] = 1
    this.rehash()
  }

  get size (): number { return this.count }
  get leafCount (): number { return this.leaves }
  get rootNode (): number { return this.rootId }

  root (): Uint8Array<ArrayBuffer> {
    return this.hashes.slice(this.rootId * 32, this.rootId * 32 + 32)
  }

  nodeHash (id: number): Uint8Array<ArrayBuffer> {
    this.checkId(id)
    return this.hashes.slice(id * 32, id * 32 + 32)
  }

  // ---------------------------------------------------------------- storage

  private grow (min: number): void {
    if (min <= this.cap) return
    let cap = Math.max(16, this.cap)
    while (cap < min) cap *= 2
    const ext = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T, per = 1): T => {
      const a = make(cap * per)
      a.set(old)
      return a
    }
    this.kind = ext(this.kind, n => new Uint8Array(n))
    this.left = ext(this.left, n => new Int32Array(n))
    this.right = ext(this.right, n => new Int32Array(n))
    this.parent = ext(this.parent, n => new Int32Array(n))
    this.dirty = ext(this.dirty, n => new Uint8Array(n))
    this.pending = ext(this.pending, n => new Uint8Array(n))
    this.journaled = ext(this.journaled, n => new Uint8Array(n))
    this.hashes = ext(this.hashes, n => new Uint8Array(n), 32)
    this.data = ext(this.data, n => new Uint8Array(n), DATA)
    this.cap = cap
  }

  private alloc (kind: number): number {
    if (this.count === this.cap) this.grow(this.count + 1)
    const id = this.count++
    this.kind[id] = kind
    this.left[id] = NONE
    this.right[id] = NONE
    this.parent[id] = NONE
    this.dirty[id] = 0
    this.data.fill(0, id * DATA, id * DATA + DATA)
    return id
  }

  private checkId (id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.count) fail('BAD_INPUT', `no node ${id}`)
  }

  /** Records a node's fields before the running batch first changes them. */
  private touch (id: number): void {
    if (this.batchStart < 0 || id >= this.batchStart || this.journaled[id] !== 0) return
    this.journaled[id] = 1
    this.journal.push(id, this.kind[id], this.left[id], this.right[id], this.parent[id], this.data, id * DATA, this.commitments.get(id))
  }

  /** Marks `id` and its ancestors dirty, stopping at the first already dirty. */
  private markDirty (id: number): void {
    while (id !== NONE && this.dirty[id] === 0) {
      this.dirty[id] = 1
      this.dirtied.push(id)
      id = this.parent[id]
    }
  }

  // ---------------------------------------------------------------- reading

  /** The point of a probability split as a bigint. */
  pointOf (id: number): bigint {
    return pointFromBytes(this.data, id * DATA)
  }

  private bound (node: number, isHi: boolean): bigint {
    return node === NONE ? (isHi ? SPACE : 0n) : this.pointOf(node)
  }

  leafAt (id: number): Leaf {
    const o = id * DATA
    switch (this.kind[id]) {
      case K_UNASSIGNED: return { owner: { kind: 'unassigned' } }
      case K_USER: return { owner: { kind: 'user', publicKey: this.data.slice(o, o + 32) }, custody: this.data.slice(o + 32, o + 64) }
      case K_CHILD: {
        const c = this.commitments.get(id)
        const leaf: Leaf = { owner: { kind: 'child', chainId: this.data.slice(o, o + 32) }, custody: this.data.slice(o + 32, o + 64) }
        if (c != null) leaf.commitment = c.slice()
        return leaf
      }
      default: return fail('BAD_INPUT', `node ${id} is not a leaf`)
    }
  }

  private setLeaf (id: number, leaf: Leaf): void {
    checkLeaf(leaf)
    this.touch(id)
    const o = id * DATA
    this.commitments.delete(id)
    if (leaf.owner.kind === 'unassigned') {
      this.kind[id] = K_UNASSIGNED
      this.data.fill(0, o, o + DATA)
    } else if (leaf.owner.kind === 'user') {
      this.kind[id] = K_USER
      this.data.set(leaf.owner.publicKey, o)
      this.data.set((leaf as any).custody, o + 32)
    } else {
      this.kind[id] = K_CHILD
      this.data.set(leaf.owner.chainId, o)
      this.data.set((leaf as any).custody, o + 32)
      const c: Uint8Array | undefined = (leaf as any).commitment
      if (c != null) this.commitments.set(id, c.slice())
    }
    this.markDirty(id)
  }

  private copyLeafContents (from: number, to: number): void {
    this.kind[to] = this.kind[from]
    this.data.copyWithin(to * DATA, from * DATA, from * DATA + DATA)
    const c = this.commitments.get(from)
    if (c != null) this.commitments.set(to, c.slice())
  }

  /**
   * The leaf containing `point` under `decide`. Tracks the nodes whose points
   * bound the leaf and its innermost trie (NONE: 0 below, 2^256 above).
   */
  private locate (point: bigint, decide: Decide | undefined): Located {
    checkPoint(point)
    const pb = pointToBytes(point, LOCATE_POINT)
    const truth = decider(decide)
    const conditions: Condition[] = []
    let id = this.rootId
    let loNode = NONE
    let hiNode = NONE
    let trieRoot = id
    let trieLoNode = NONE
    let trieHiNode = NONE
    let depth = 0
    for (;;) {
      const k = this.kind[id]
      if (k === K_PROB) {
        if (cmp32(pb, 0, this.data, id * DATA) < 0) {
          hiNode = id
          id = this.left[id]
        } else {
          loNode = id
          id = this.right[id]
        }
      } else if (k === K_COND) {
        const { predicate, hash } = this.predicates.get(id)!
        const v = truth(predicate, hash)
        conditions.push({ predicate: hash, value: v })
        id = v ? this.left[id] : this.right[id]
        trieRoot = id
        trieLoNode = loNode
        trieHiNode = hiNode
      } else {
        return { id, loNode, hiNode, trieRoot, trieLoNode, trieHiNode, conditions, depth }
      }
      depth++
    }
  }

  /** The leaf whose region contains `point` under a truth assignment (settlement draws). */
  find (point: bigint, decide?: Decide): LeafInfo {
    const at = this.locate(point, decide)
    return {
      id: at.id,
      region: { lo: this.bound(at.loNode, false), hi: this.bound(at.hiNode, true), conditions: at.conditions },
      leaf: this.leafAt(at.id),
      depth: at.depth
    }
  }

  /** Every leaf with its region, in order (left before right). */
  * entries (): Generator<LeafInfo> {
    const stack: Array<{ id: number, lo: bigint, hi: bigint, conditions: Condition[], depth: number }> =
      [{ id: this.rootId, lo: 0n, hi: SPACE, conditions: [], depth: 0 }]
    while (stack.length > 0) {
      const { id, lo, hi, conditions, depth } = stack.pop()!
      const k = this.kind[id]
      if (k === K_PROB) {
        const p = this.pointOf(id)
        stack.push({ id: this.right[id], lo: p, hi, conditions, depth: depth + 1 })
        stack.push({ id: this.left[id], lo, hi: p, conditions, depth: depth + 1 })
      } else if (k === K_COND) {
        const h = this.predicates.get(id)!.hash
        stack.push({ id: this.right[id], lo, hi, conditions: [...conditions, { predicate: h, value: false }], depth: depth + 1 })
        stack.push({ id: this.left[id], lo, hi, conditions: [...conditions, { predicate: h, value: true }], depth: depth + 1 })
      } else {
        yield { id, region: { lo, hi, conditions }, leaf: this.leafAt(id), depth }
      }
    }
  }

  // ---------------------------------------------------------------- proofs

  /** The proof of the leaf containing `point` under `decide`: inclusion and exclusivity. */
  prove (point: bigint, decide?: Decide): Proof {
    if (this.batchStart >= 0) fail('BAD_INPUT', 'cannot prove during a batch')
    checkPoint(point)
    const pb = pointToBytes(point)
    const truth = decider(decide)
    const steps: ProofStep[] = []
    let id = this.rootId
    for (;;) {
      const k = this.kind[id]
      if (k === K_PROB) {
        const p = this.pointOf(id)
        if (cmp32(pb, 0, this.data, id * DATA) < 0) {
          steps.push({ kind: 'prob', point: p, side: 0, sibling: this.nodeHash(this.right[id]) })
          id = this.left[id]
        } else {
          steps.push({ kind: 'prob', point: p, side: 1, sibling: this.nodeHash(this.left[id]) })
          id = this.right[id]
        }
      } else if (k === K_COND) {
        const { predicate, hash } = this.predicates.get(id)!
        const v = truth(predicate, hash)
        steps.push({ kind: 'cond', predicate, side: v ? 0 : 1, sibling: this.nodeHash(v ? this.right[id] : this.left[id]) })
        id = v ? this.left[id] : this.right[id]
      } else {
        return { leaf: this.leafAt(id), steps }
      }
    }
  }

  // ---------------------------------------------------------------- changes

  /** Applies a batch and returns the new root; all or nothing. */
  apply (ops: readonly TreeOp[]): Uint8Array<ArrayBuffer> {
    this.batchStart = this.count
    const startRoot = this.rootId
    const startLeaves = this.leaves
    try {
      for (let i = 0; i < ops.length; i++) {
        try {
          this.applyOne(ops[i])
        } catch (err: any) {
          if (err instanceof SortitionError) throw new SortitionError(err.code, `operation ${i} (${String((ops[i] as any)?.op)}): ${err.message}`)
          throw err
        }
      }
    } catch (err) {
      this.rollback(startRoot, startLeaves)
      throw err
    } finally {
      this.batchStart = -1
      const j = this.journal
      for (let i = 0; i < j.n; i++) this.journaled[j.ids[i]] = 0
      j.clear()
    }
    const dirtied = this.dirtied
    this.dirtied = []
    this.rehashList(dirtied)
    return this.root()
  }

  private rollback (startRoot: number, startLeaves: number): void {
    const j = this.journal
    for (let i = j.n - 1; i >= 0; i--) {
      const id = j.ids[i]
      this.kind[id] = j.kinds[i]
      this.left[id] = j.links[3 * i]
      this.right[id] = j.links[3 * i + 1]
      this.parent[id] = j.links[3 * i + 2]
      this.data.set(j.data.subarray(i * DATA, i * DATA + DATA), id * DATA)
      const c = j.commitments[i]
      if (c == null) this.commitments.delete(id)
      else this.commitments.set(id, c)
    }
    for (const id of this.dirtied) if (id < this.batchStart) this.dirty[id] = 0
    this.dirtied = []
    for (let id = this.batchStart; id < this.count; id++) {
      this.predicates.delete(id)
      this.commitments.delete(id)
    }
    // a condition split made in the batch from an old leaf keeps the old id
    for (let i = 0; i < j.n; i++) if (j.kinds[i] !== K_COND) this.predicates.delete(j.ids[i])
    this.count = this.batchStart
    this.rootId = startRoot
    this.leaves = startLeaves
  }

  private applyOne (op: TreeOp): void {
    switch (op?.op) {
      case 'issue': return this.issue(op)
      case 'transfer': {
        if (op.leaf?.owner?.kind === 'unassigned') fail('BAD_INPUT', 'transfer needs an owner')
        const at = this.locate(op.point, op.conditions)
        if (this.kind[at.id] === K_UNASSIGNED) fail('WRONG_LEAF_KIND', 'an unassigned region is issued, not transferred')
        this.setLeaf(at.id, op.leaf)
        return
      }
      case 'split-point': {
        const at = this.locate(op.at, op.conditions)
        if (at.loNode !== NONE ? this.pointOf(at.loNode) === op.at : op.at === 0n) fail('BAD_REGION', 'the split point is already a boundary of the leaf')
        this.insertBoundary(at, op.at)
        return
      }
      case 'split-predicate': return this.splitPredicate(op)
      case 'set-commitment': {
        if (!(op.commitment instanceof Uint8Array) || op.commitment.length !== HASH_LENGTH) fail('BAD_INPUT', 'commitment hash must be 32 bytes')
        const at = this.locate(op.point, op.conditions)
        if (this.kind[at.id] !== K_CHILD) fail('WRONG_LEAF_KIND', 'only a child chain leaf holds a commitment')
        this.touch(at.id)
        this.commitments.set(at.id, op.commitment.slice())
        this.markDirty(at.id)
        return
      }
      default:
        fail('BAD_INPUT', `unknown operation ${JSON.stringify((op as any)?.op)}`)
    }
  }

  private issue (op: Extract<TreeOp, { op: 'issue' }>): void {
    checkLeaf(op.leaf)
    if (op.leaf.owner.kind === 'unassigned') fail('BAD_INPUT', 'issue needs an owner')
    checkPoint(op.lo, 'lo')
    if (typeof op.hi !== 'bigint' || op.hi <= op.lo || op.hi > SPACE) fail('BAD_REGION', 'issue needs lo < hi <= 2^256')
    let at = this.locate(op.lo, op.conditions)
    if (this.kind[at.id] !== K_UNASSIGNED) fail('WRONG_LEAF_KIND', 'the region is not unassigned')
    const lo = this.bound(at.loNode, false)
    const hi = this.bound(at.hiNode, true)
    if (op.hi > hi) fail('BAD_REGION', 'the region is not inside one unassigned leaf')
    let target = at.id
    if (op.lo > lo) {
      target = this.insertBoundary(at, op.lo)
      at = this.locate(op.lo, op.conditions)
    }
    if (op.hi < hi) this.insertBoundary(at, op.hi)
    this.setLeaf(target, op.leaf)
  }

  /**
   * Splits the leaf `at` at x (lo < x < hi): the leaf keeps [lo, x), a new leaf
   * with the same contents gets [x, hi). Crit-bit insertion of key x into the
   * leaf's trie: walk by x's bits from the trie root down to the first
   * subtree S whose crit bit exceeds newbit (x's crit bit against its
   * neighbours lo and hi); a new split joins S and the new leaf there. If x
   * sorts below S (x's bit newbit is 0), S's lower bound moves into the new
   * split and the ancestor that split at it now splits at x. Returns the new leaf.
   */
  private insertBoundary (at: Located, x: bigint): number {
    const xb = pointToBytes(x)
    const d = this.data
    const loB = at.loNode === NONE ? ZERO : d
    const loOff = at.loNode === NONE ? 0 : at.loNode * DATA
    if (at.loNode !== NONE && cmp32(xb, 0, d, loOff) <= 0) fail('BAD_REGION', 'split point is not inside the leaf')
    if (at.hiNode !== NONE && cmp32(xb, 0, d, at.hiNode * DATA) >= 0) fail('BAD_REGION', 'split point is not inside the leaf')
    let newbit = cpl32(xb, 0, loB, loOff)
    if (at.hiNode !== at.trieHiNode) newbit = Math.max(newbit, cpl32(xb, 0, d, at.hiNode * DATA))
    const bit = (j: number): number => (xb[j >> 3] >> (7 - (j & 7))) & 1
    // walk the trie by x's bits to the first node whose crit bit exceeds newbit
    let cur = at.trieRoot
    let lastRight = NONE // the deepest node on the walk where it went right: its point is cur's lower bound
    let curLoB = at.trieLoNode === NONE ? ZERO : d
    let curLoOff = at.trieLoNode === NONE ? 0 : at.trieLoNode * DATA
    for (;;) {
      if (this.kind[cur] !== K_PROB) break
      const crit = cpl32(curLoB, curLoOff, d, cur * DATA)
      if (crit > newbit) break
      if (crit === newbit) fail('CORRUPT_STORE', 'trie is not in crit-bit order')
      if (bit(crit) === 1) {
        lastRight = cur
        curLoB = d
        curLoOff = cur * DATA
        cur = this.right[cur]
      } else {
        cur = this.left[cur]
      }
    }
    const up = this.parent[cur]
    const split = this.alloc(K_PROB)
    const leaf = this.alloc(K_UNASSIGNED)
    this.copyLeafContents(at.id, leaf)
    this.leaves++
    this.touch(cur)
    if (up !== NONE) this.touch(up)
    if (bit(newbit) === 1) {
      // x above every key of S: S keeps its range up to x, the new leaf takes [x, hi)
      this.data.set(xb, split * DATA)
      this.left[split] = cur
      this.right[split] = leaf
    } else {
      // x below every key of S: the new leaf takes [x, S.lo), S keeps [S.lo, ...)
      if (lastRight === NONE) fail('CORRUPT_STORE', 'trie is not in crit-bit order')
      this.data.copyWithin(split * DATA, lastRight * DATA, lastRight * DATA + 32)
      this.touch(lastRight)
      this.data.set(xb, lastRight * DATA)
      this.left[split] = leaf
      this.right[split] = cur
    }
    this.parent[split] = up
    this.parent[leaf] = split
    this.parent[cur] = split
    if (up === NONE) this.rootId = split
    else if (this.left[up] === cur) this.left[up] = split
    else this.right[up] = split
    this.markDirty(leaf)
    if (lastRight !== NONE) this.markDirty(lastRight)
    return leaf
  }

  private splitPredicate (op: Extract<TreeOp, { op: 'split-predicate' }>): void {
    // predicateHash checks the predicate as it encodes it; the tree keeps its own copy
    const hash = predicateHash(op.predicate)
    const predicate = copyPredicate(op.predicate)
    const at = this.locate(op.point, op.conditions)
    if (at.conditions.some(c => sameBytes(c.predicate, hash))) fail('BAD_REGION', 'the leaf\'s region already fixes this predicate')
    const id = at.id
    const t = this.alloc(K_UNASSIGNED)
    const f = this.alloc(K_UNASSIGNED)
    this.copyLeafContents(id, t)
    this.copyLeafContents(id, f)
    this.touch(id)
    this.commitments.delete(id)
    this.kind[id] = K_COND
    this.data.fill(0, id * DATA, id * DATA + DATA)
    this.left[id] = t
    this.right[id] = f
    this.parent[t] = id
    this.parent[f] = id
    this.predicates.set(id, { predicate, hash })
    this.leaves++
    this.markDirty(t)
    this.markDirty(f)
  }

  // ---------------------------------------------------------------- hashing

  private hashNode (id: number): void {
    const o = id * 32
    switch (this.kind[id]) {
      case K_PROB: probHashInto(this.data, id * DATA, this.hashes, this.left[id] * 32, this.hashes, this.right[id] * 32, this.hashes, o); break
      case K_COND: condHashInto(this.predicates.get(id)!.hash, this.hashes, this.left[id] * 32, this.hashes, this.right[id] * 32, this.hashes, o); break
      case K_UNASSIGNED: unassignedHashInto(this.hashes, o); break
      case K_USER: userHashInto(this.data, id * DATA, id * DATA + 32, this.hashes, o); break
      case K_CHILD: childHashInto(this.data, id * DATA, id * DATA + 32, this.commitments.get(id), this.hashes, o); break
    }
  }

  /** Rehashes dirty nodes, children before parents, each once. */
  private rehash (): void {
    if (this.dirty[this.rootId] === 0) return
    const stack = [this.rootId]
    const state = [0]
    while (stack.length > 0) {
      const top = stack.length - 1
      const id = stack[top]
      const k = this.kind[id]
      if ((k === K_PROB || k === K_COND) && state[top] < 2) {
        const child = state[top] === 0 ? this.left[id] : this.right[id]
        state[top]++
        if (this.dirty[child] !== 0) { stack.push(child); state.push(0) }
        continue
      }
      this.hashNode(id)
      this.dirty[id] = 0
      this.changed.push(id)
      stack.pop()
      state.pop()
    }
  }

  /**
   * Rehashes the nodes a batch dirtied, each once, a node after its dirty
   * children: each counts its dirty children and is hashed when the last is.
   * Walking the list instead of the tree from the root never reads the clean
   * siblings. (Dirty nodes' ancestors are dirty: markDirty stops only at one.)
   */
  private rehashList (list: number[]): void {
    const pending = this.pending
    const parent = this.parent
    for (let i = 0; i < list.length; i++) {
      const up = parent[list[i]]
      if (up !== NONE) pending[up]++
    }
    const ready: number[] = []
    for (let i = 0; i < list.length; i++) if (pending[list[i]] === 0) ready.push(list[i])
    while (ready.length > 0) {
      const id = ready.pop()!
      this.hashNode(id)
      this.dirty[id] = 0
      this.changed.push(id)
      const up = parent[id]
      if (up !== NONE && --pending[up] === 0) ready.push(up)
    }
  }

  /** Rehashes every node from its contents and compares with the stored hashes. */
  verifyHashes (): boolean {
    const saved = this.hashes.slice(0, this.count * 32)
    this.dirty.fill(1, 0, this.count)
    const changed = this.changed
    this.changed = [] // a check is not a change: keep what the next save writes as it was
    this.rehash()
    this.changed = changed
    return sameBytes(saved, this.hashes.subarray(0, this.count * 32))
  }

  /** Ids of nodes new or rehashed since the last call (for persistence), and the root. */
  takeChanges (): { nodes: number[], root: number, count: number } {
    // a numeric typed-array sort, then dropping repeats: a Set and a comparator
    // sort took seconds on the two million ids of a first save
    const ids = Int32Array.from(this.changed).sort()
    this.changed = []
    const nodes: number[] = []
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) nodes.push(ids[i])
    return { nodes, root: this.rootId, count: this.count }
  }

  /** Puts back changes taken by a save that failed, so the next save writes them. */
  requeueChanges (nodes: number[]): void {
    for (const id of nodes) if (id < this.count) this.changed.push(id)
  }

  /** Deepest leaf (for tests and the benchmark). */
  maxDepth (): number {
    let max = 0
    const stack: Array<[number, number]> = [[this.rootId, 0]]
    while (stack.length > 0) {
      const [id, dep] = stack.pop()!
      if (this.kind[id] <= K_COND) {
        stack.push([this.left[id], dep + 1], [this.right[id], dep + 1])
      } else if (dep > max) max = dep
    }
    return max
  }

  // ---------------------------------------------------------------- records

  /**
   * One node as stored bytes: u8 kind, hash 32, then
   *   prob: point 32, left u32, right u32
   *   cond: left u32, right u32, predicate (canonical encoding, to the end)
   *   unassigned: nothing; user: key 32, custody 32; child: id 32, custody 32, [commitment 32]
   */
  nodeRecord (id: number): Uint8Array {
    this.checkId(id)
    const k = this.kind[id]
    const o = id * DATA
    let body: Uint8Array
    const u32s = (a: number, b: number): Uint8Array => {
      const x = new Uint8Array(8)
      const v = new DataView(x.buffer)
      v.setUint32(0, a)
      v.setUint32(4, b)
      return x
    }
    if (k === K_PROB) body = concat(this.data.subarray(o, o + 32), u32s(this.left[id], this.right[id]))
    else if (k === K_COND) body = concat(u32s(this.left[id], this.right[id]), encodePredicate(this.predicates.get(id)!.predicate))
    else if (k === K_UNASSIGNED) body = new Uint8Array(0)
    else if (k === K_USER) body = this.data.slice(o, o + 64)
    else body = concat(this.data.subarray(o, o + 64), this.commitments.get(id) ?? new Uint8Array(0))
    return concat(Uint8Array.of(k), this.hashes.subarray(id * 32, id * 32 + 32), body)
  }

  /**
   * Rebuilds a tree from stored node records without rehashing. Checks that
   * every id in [0, count) is present, children are in range, and each node
   * but the root has exactly one parent.
   */
  static fromRecords (count: number, rootId: number, records: Iterable<[number, Uint8Array]>): SortitionTree {
    const loader = SortitionTree.loader(count, rootId)
    for (const [id, rec] of records) loader.add(id, rec)
    return loader.finish()
  }

  /** Incremental form of fromRecords, so a store can stream records without collecting them. */
  static loader (count: number, rootId: number): { add: (id: number, rec: Uint8Array) => void, finish: () => SortitionTree } {
    const t = Object.create(SortitionTree.prototype) as SortitionTree
    Object.assign(t, new SortitionTree(1))
    t.cap = 0
    t.kind = new Uint8Array(0); t.left = new Int32Array(0); t.right = new Int32Array(0)
    t.parent = new Int32Array(0); t.dirty = new Uint8Array(0); t.pending = new Uint8Array(0); t.journaled = new Uint8Array(0); t.hashes = new Uint8Array(0); t.data = new Uint8Array(0)
    t.grow(Math.max(1, count))
    t.count = count
    t.parent.fill(NONE, 0, count)
    const seen = new Uint8Array(count)
    let leaves = 0
    const corrupt = (m: string): never => fail('CORRUPT_STORE', m)
    const add = (id: number, rec: Uint8Array): void => {
      if (!Number.isInteger(id) || id < 0 || id >= count || seen[id] === 1) corrupt(`unexpected node ${id}`)
      seen[id] = 1
      if (rec.length < 33) corrupt(`node ${id} is truncated`)
      const k = rec[0]
      t.kind[id] = k
      t.hashes.set(rec.subarray(1, 33), id * 32)
      const body = rec.subarray(33)
      const v = new DataView(body.buffer, body.byteOffset, body.byteLength)
      t.left[id] = NONE
      t.right[id] = NONE
      if (k === K_PROB) {
        if (body.length !== 40) corrupt(`node ${id}: bad split record`)
        t.data.set(body.subarray(0, 32), id * DATA)
        t.left[id] = v.getUint32(32)
        t.right[id] = v.getUint32(36)
      } else if (k === K_COND) {
        if (body.length < 8) corrupt(`node ${id}: bad condition record`)
        t.left[id] = v.getUint32(0)
        t.right[id] = v.getUint32(4)
        const predicate = decodePredicate(body.subarray(8))
        t.predicates.set(id, { predicate, hash: predicateHash(predicate) })
      } else if (k === K_UNASSIGNED) {
        if (body.length !== 0) corrupt(`node ${id}: bad leaf record`)
        leaves++
      } else if (k === K_USER || k === K_CHILD) {
        if (body.length !== 64 && !(k === K_CHILD && body.length === 96)) corrupt(`node ${id}: bad leaf record`)
        t.data.set(body.subarray(0, 64), id * DATA)
        if (body.length === 96) t.commitments.set(id, body.slice(64))
        leaves++
      } else {
        corrupt(`node ${id}: unknown kind ${k}`)
      }
      if (k <= K_COND) {
        for (const c of [t.left[id], t.right[id]]) {
          if (c >= count || c === id) corrupt(`node ${id}: child out of range`)
        }
      }
    }
    const finish = (): SortitionTree => {
    for (let id = 0; id < count; id++) if (seen[id] !== 1) corrupt(`node ${id} is missing`)
    for (let id = 0; id < count; id++) {
      if (t.kind[id] > K_COND) continue
      for (const c of [t.left[id], t.right[id]]) {
        if (t.parent[c] !== NONE || c === rootId) corrupt(`node ${c} has two parents`)
        t.parent[c] = id
      }
    }
    if (!Number.isInteger(rootId) || rootId < 0 || rootId >= count || t.parent[rootId] !== NONE) corrupt('bad root')
    t.rootId = rootId
    t.leaves = leaves
    t.changed = []
    return t
    }
    return { add, finish }
  }
}

function concat (...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

export { POINT_LENGTH }
