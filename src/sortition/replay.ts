// Replaying a chain's operation log: what a follower does with each height it
// fetches. Pure apart from mutating the tree it is given: no disk, no network.
//
// For height h with commitment C_h and operations op_1..op_n (op-log.ts), on
// the tree of height h-1 (a new one-leaf tree for h = 0, which has no
// operations):
//   1. C_h is valid against C_{h-1} (validateCommitment: operator signature,
//      height, link, time order, trading end).
//   2. Each operation decodes canonically, names this chain, and carries a
//      valid signature: an issue by the operator's key, a transfer or split by
//      the key it names as signer.
//   3. In order, each applies under the operator's rules: a transfer or split
//      names a user leaf exactly (lo and conditions), signed by its owner,
//      with its current custody; a point split falls strictly inside it; an
//      issue fills part of one unassigned leaf; a child commitment goes to that
//      child chain's leaf.
//   4. The tree's root equals C_h's root, the changes digest of the touched
//      leaves equals C_h's, and the child commitments recorded at this height
//      equal C_h's children.
// Any failure throws SyncError; the caller must then discard the tree (it
// may be half changed) and reload the last stored one.
import { SortitionTree } from './tree.js'
import type { TreeOp } from './tree.js'
import { SortitionError } from './errors.js'
import type { Leaf } from './hashing.js'
import type { Region } from './space.js'
import { predicateHash } from './predicate.js'
import { custodyHash } from './chain.js'
import type { SignedChain, Locator, NewOwner } from './chain.js'
import { validateCommitment, changedLeafItem, changesDigest } from './commitment.js'
import type { SignedCommitment } from './commitment.js'
import { ChainError } from './chain-errors.js'
import { decodeOp, opSigningBytes } from './op-log.js'
import type { ChainOp } from './op-log.js'
import { SyncError, syncFail } from './sync-errors.js'
import { verifySignature } from '../crypto/keys.js'
import { equalBytes, toHex } from '../crypto/bytes.js'

export interface HeightData {
  commitment: SignedCommitment
  /** the height's operations, encoded, in the order the operator applied them */
  ops: Uint8Array[]
}

export interface Replayed {
  ops: ChainOp[]
  /** locators of the leaves created or changed at this height */
  touched: Locator[]
}

/**
 * The changes-digest items of the touched leaves, each in its state now. A
 * locator whose leaf has since become a condition split is skipped: the split
 * touched both of its branches, so they are counted instead.
 */
export function changedItems (tree: SortitionTree, touched: readonly Locator[]): Uint8Array[] {
  const items: Uint8Array[] = []
  for (const loc of touched) {
    let found: ReturnType<SortitionTree['find']>
    try {
      found = tree.find(loc.lo, loc.conditions)
    } catch (err) {
      if (err instanceof SortitionError && err.code === 'MISSING_CONDITION') continue
      throw err
    }
    items.push(changedLeafItem(found.region, found.leaf))
  }
  return items
}

export function leafFor (owner: NewOwner, custody: Uint8Array): Leaf {
  return owner.kind === 'user' ? { owner: { kind: 'user', publicKey: owner.publicKey }, custody } : { owner: { kind: 'child', chainId: owner.chainId }, custody }
}

function find (tree: SortitionTree, loc: Locator, code: 'BAD_REGION' | 'BAD_OP'): { region: Region, leaf: Leaf } {
  try {
    return tree.find(loc.lo, loc.conditions)
  } catch (err) {
    if (err instanceof SortitionError) syncFail(code, err.message)
    throw err
  }
}

function applyTree (tree: SortitionTree, ops: TreeOp[]): void {
  try {
    tree.apply(ops)
  } catch (err) {
    if (err instanceof SortitionError) syncFail('BAD_OP', err.message)
    throw err
  }
}

/** The user leaf named exactly by `loc`, owned by `signer` under `custody` (the operator's ownedLeaf rule). */
function ownedLeaf (tree: SortitionTree, loc: Locator, custody: Uint8Array, signer: Uint8Array): { region: Region, leaf: Leaf } {
  const found = find(tree, loc, 'BAD_REGION')
  if (found.region.lo !== loc.lo || found.region.conditions.length !== loc.conditions.length) syncFail('BAD_REGION', 'no leaf starts at that point with those conditions')
  const leaf = found.leaf
  if (leaf.owner.kind !== 'user') syncFail('NOT_OWNER', 'the region is not owned by a user')
  if (!equalBytes(leaf.owner.publicKey, signer)) syncFail('NOT_OWNER', 'the signer does not own the region')
  if (!equalBytes((leaf as any).custody, custody)) syncFail('STALE_CUSTODY', 'the region changed hands before this operation')
  return found
}

/** Checks an operation's chain id and signature (independent of the tree). */
export async function verifyOp (chain: SignedChain, op: ChainOp): Promise<void> {
  const id = op.kind === 'child' ? op.chainId : op.fields.chainId
  if (!equalBytes(id, chain.id)) syncFail('WRONG_CHAIN', `a ${op.kind} operation names another chain`)
  if (op.kind === 'child') return
  const bytes = opSigningBytes(op)!
  const key = op.kind === 'issue' ? chain.operator : op.signer
  if (!await verifySignature(key, bytes, op.signature)) {
    syncFail('BAD_SIGNATURE', op.kind === 'issue' ? 'an issue is not signed by the chain operator' : `a ${op.kind} is not signed by the key it names`)
  }
}

/**
 * Applies one verified operation to the tree under the operator's rules;
 * returns the locators it touched and, for a child commitment, the child.
 */
export function applyOp (tree: SortitionTree, op: ChainOp): { touched: Locator[], child?: { id: string, commitment: Uint8Array } } {
  switch (op.kind) {
    case 'issue': {
      const f = op.fields
      const at = find(tree, { lo: f.lo, conditions: f.conditions }, 'BAD_OP')
      if (at.leaf.owner.kind !== 'unassigned') syncFail('BAD_OP', 'an issue of a region that is not unassigned')
      const leaf = leafFor(f.owner, custodyHash(opSigningBytes(op)!, op.signature))
      applyTree(tree, [{ op: 'issue', lo: f.lo, hi: f.hi, conditions: f.conditions, leaf }])
      // the issued leaf and what is left of the unassigned one on either side
      const touched: Locator[] = [{ lo: f.lo, conditions: f.conditions }]
      if (f.lo > at.region.lo) touched.push({ lo: at.region.lo, conditions: f.conditions })
      if (f.hi < at.region.hi) touched.push({ lo: f.hi, conditions: f.conditions })
      return { touched }
    }
    case 'transfer': {
      const f = op.fields
      ownedLeaf(tree, f.leaf, f.custody, op.signer)
      const leaf = leafFor(f.owner, custodyHash(opSigningBytes(op)!, op.signature))
      applyTree(tree, [{ op: 'transfer', point: f.leaf.lo, conditions: f.leaf.conditions, leaf }])
      return { touched: [f.leaf] }
    }
    case 'split': {
      const f = op.fields
      const found = ownedLeaf(tree, f.leaf, f.custody, op.signer)
      if (f.split.kind === 'point') {
        const at = f.split.at
        if (at <= found.region.lo || at >= found.region.hi) syncFail('BAD_REGION', 'the split point is not inside the region')
        applyTree(tree, [{ op: 'split-point', at, conditions: f.leaf.conditions }])
        return { touched: [f.leaf, { lo: at, conditions: f.leaf.conditions }] }
      }
      const predicate = f.split.predicate
      applyTree(tree, [{ op: 'split-predicate', point: f.leaf.lo, conditions: f.leaf.conditions, predicate }])
      const h = predicateHash(predicate)
      return { touched: [true, false].map(v => ({ lo: f.leaf.lo, conditions: [...f.leaf.conditions, { predicate: h, value: v }] })) }
    }
    case 'child': {
      const found = find(tree, op.leaf, 'BAD_OP')
      if (found.leaf.owner.kind !== 'child' || !equalBytes(found.leaf.owner.chainId, op.child)) syncFail('BAD_OP', 'a child commitment for a leaf that is not that child chain\'s')
      applyTree(tree, [{ op: 'set-commitment', point: op.leaf.lo, conditions: op.leaf.conditions, commitment: op.commitment }])
      return { touched: [op.leaf], child: { id: toHex(op.child), commitment: op.commitment } }
    }
  }
}

function asSync (err: unknown): never {
  if (err instanceof ChainError) throw new SyncError(err.code, err.message)
  throw err
}

/**
 * Replays one height on `tree` (the tree of `prev`, or a new tree for height
 * 0) and checks it against the signed commitment. Mutates `tree`; throws
 * SyncError with the first failure.
 */
export async function replayHeight (chain: SignedChain, prev: SignedCommitment | undefined, tree: SortitionTree, data: HeightData): Promise<Replayed> {
  const c = data.commitment
  try {
    await validateCommitment(chain, prev, c)
  } catch (err) { asSync(err) }
  if (prev != null && !equalBytes(tree.root(), prev.root)) syncFail('ROOT_MISMATCH', `the tree given is not the tree of height ${prev.height}`)
  let ops: ChainOp[]
  try {
    ops = data.ops.map(b => decodeOp(b))
  } catch (err) { asSync(err) }
  if (c.height === 0 && ops.length > 0) syncFail('BAD_OP', 'height 0 has no operations')
  for (const op of ops) await verifyOp(chain, op)
  const touched: Locator[] = []
  const children = new Map<string, Uint8Array>()
  for (let i = 0; i < ops.length; i++) {
    try {
      const r = applyOp(tree, ops[i])
      touched.push(...r.touched)
      if (r.child != null) children.set(r.child.id, r.child.commitment)
    } catch (err: any) {
      if (err instanceof SyncError) throw new SyncError(err.code, `height ${c.height}, operation ${i} (${ops[i].kind}): ${err.message}`)
      throw err
    }
  }
  if (!equalBytes(tree.root(), c.root)) syncFail('ROOT_MISMATCH', `replaying height ${c.height} gives another root than the commitment's`)
  // height 0 commits every leaf of the new tree
  const items = c.height === 0 ? [...tree.entries()].map(e => changedLeafItem(e.region, e.leaf)) : changedItems(tree, touched)
  if (!equalBytes(changesDigest(items), c.changes)) syncFail('CHANGES_MISMATCH', `the leaves changed at height ${c.height} do not give the commitment's changes digest`)
  const expected = [...children.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
  const sameChildren = expected.length === c.children.length &&
    expected.every(([id, h], i) => toHex(c.children[i].chainId) === id && equalBytes(c.children[i].commitment, h))
  if (!sameChildren) syncFail('CHILDREN_MISMATCH', `the child commitments recorded at height ${c.height} are not the commitment's`)
  return { ops, touched }
}

/** A new chain's tree (the tree height 0 commits). */
export function genesisTree (): SortitionTree {
  return new SortitionTree()
}
