// Sortition trees on disk: every node by id with its hash (so reopening does
// not rehash), plus one meta record per chain (root id, node count, root
// hash). `save` writes the nodes a batch created or rehashed and the new meta
// in one atomic LevelDB batch, so a crash leaves the previous root intact. A
// chain's first save of a large tree is written in chunks with the meta last:
// until the meta lands, the chain does not exist.
import { bytesSub, textSub, prefixRange, writeBatch } from './db.js'
import type { RootDb, Sub, BatchOp } from './db.js'
import { SortitionTree } from '../sortition/tree.js'
import { SortitionError } from '../sortition/errors.js'
import { equalBytes, fromHex, toHex } from '../crypto/bytes.js'

const ID_WIDTH = 10
const FIRST_SAVE_CHUNK = 50_000

interface Meta { root: number, count: number, rootHash: string }

export class SortitionRepository {
  private readonly nodes: Sub<Uint8Array>
  private readonly meta: Sub<string>

  constructor (private readonly db: RootDb) {
    this.nodes = bytesSub(db, 'sortition-nodes')
    this.meta = textSub(db, 'sortition-meta')
  }

  private static prefix (chainId: Uint8Array): string {
    return toHex(chainId) + '.'
  }

  private static key (chainId: Uint8Array, id: number): string {
    return SortitionRepository.prefix(chainId) + String(id).padStart(ID_WIDTH, '0')
  }

  async has (chainId: Uint8Array): Promise<boolean> {
    return await this.meta.get(toHex(chainId)) != null
  }

  /** The root hash stored for a chain, without loading its tree. */
  async storedRoot (chainId: Uint8Array): Promise<Uint8Array | undefined> {
    const raw = await this.meta.get(toHex(chainId))
    return raw == null ? undefined : fromHex((JSON.parse(raw) as Meta).rootHash)
  }

  /**
   * Writes what changed in `tree` since its last save (all of it, for a tree
   * never saved): the nodes and the meta, in one atomic batch.
   */
  async save (chainId: Uint8Array, tree: SortitionTree): Promise<void> {
    const { nodes, root, count } = tree.takeChanges()
    const meta: Meta = { root, count, rootHash: toHex(tree.root()) }
    const existed = await this.has(chainId)
    const put = (id: number): BatchOp => ({ type: 'put', sublevel: this.nodes, key: SortitionRepository.key(chainId, id), value: tree.nodeRecord(id) })
    const metaOp: BatchOp = { type: 'put', sublevel: this.meta, key: toHex(chainId), value: JSON.stringify(meta) }
    try {
      if (existed || nodes.length <= FIRST_SAVE_CHUNK) {
        await writeBatch(this.db, [...nodes.map(put), metaOp])
        return
      }
      for (let i = 0; i < nodes.length; i += FIRST_SAVE_CHUNK) {
        await writeBatch(this.db, nodes.slice(i, i + FIRST_SAVE_CHUNK).map(put))
      }
      await writeBatch(this.db, [metaOp])
    } catch (err) {
      tree.requeueChanges(nodes)
      throw err
    }
  }

  /**
   * The ops that write what changed in `tree` since its last save, for a
   * caller's own atomic batch (with its chain records); `requeue` puts the
   * changes back if that batch fails. Not for a large first save (see save).
   */
  saveOps (chainId: Uint8Array, tree: SortitionTree): { ops: BatchOp[], requeue: () => void } {
    const { nodes, root, count } = tree.takeChanges()
    const meta: Meta = { root, count, rootHash: toHex(tree.root()) }
    const ops: BatchOp[] = nodes.map(id => ({ type: 'put', sublevel: this.nodes, key: SortitionRepository.key(chainId, id), value: tree.nodeRecord(id) }))
    ops.push({ type: 'put', sublevel: this.meta, key: toHex(chainId), value: JSON.stringify(meta) })
    return { ops, requeue: () => { tree.requeueChanges(nodes) } }
  }

  /** Rebuilds a chain's tree from its stored nodes (no rehash); checks the stored root hash. */
  async load (chainId: Uint8Array): Promise<SortitionTree | undefined> {
    const raw = await this.meta.get(toHex(chainId))
    if (raw == null) return undefined
    const meta = JSON.parse(raw) as Meta
    const prefix = SortitionRepository.prefix(chainId)
    const loader = SortitionTree.loader(meta.count, meta.root)
    // nodes past `count` belong to an interrupted first save or a later batch that never landed
    for await (const [k, v] of this.nodes.iterator(prefixRange(prefix))) {
      const id = Number(k.slice(prefix.length))
      if (id < meta.count) loader.add(id, v)
    }
    const tree = loader.finish()
    if (!equalBytes(tree.root(), fromHex(meta.rootHash))) throw new SortitionError('CORRUPT_STORE', 'stored root hash does not match the stored root node')
    return tree
  }

  /** Removes a chain's tree. */
  async delete (chainId: Uint8Array): Promise<void> {
    const ops: BatchOp[] = []
    for await (const k of this.nodes.keys(prefixRange(SortitionRepository.prefix(chainId)))) ops.push({ type: 'del', sublevel: this.nodes, key: k })
    ops.push({ type: 'del', sublevel: this.meta, key: toHex(chainId) })
    await writeBatch(this.db, ops)
  }
}
