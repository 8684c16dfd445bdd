// Answers /sortlift/chain-sync/1.0.0 requests from whatever chain data this
// node holds: chains it operates (OperatorService and its op log) and chains
// it follows (FollowerService). Only committed heights are served, each with
// the operations behind it, within the frame and height limits.
import { ChainSyncCode, Height, Commitment as WireCommitment } from '../../protos/chain-sync.js'
import type { ChainSyncRequest, ChainSyncResponse } from '../../protos/chain-sync.js'
import { syncResponse, MAX_HEIGHTS_PER_RESPONSE } from '../net/chain-sync-network.js'
import type { ChainSyncHandler } from '../net/chain-sync-network.js'
import { chainToWire, commitmentToWire, conditionsFromWire, pointFromWire } from './chain-wire.js'
import type { SignedChain, Locator } from './chain.js'
import type { SignedCommitment } from './commitment.js'
import { ChainError } from './chain-errors.js'
import { SortitionError } from './errors.js'
import { SyncError } from './sync-errors.js'
import { toHex } from '../crypto/bytes.js'

/** One holder of chain data (the operator, the follower). */
export interface ChainDataSource {
  has (idHex: string): boolean
  chain (idHex: string): Promise<SignedChain>
  /** the latest commitment held */
  head (idHex: string): Promise<SignedCommitment>
  /** commitments of heights [from, from + max) up to the head */
  commitmentRange (idHex: string, from: number, max: number): Promise<SignedCommitment[]>
  /** the operations of a committed height, in order */
  opLog (idHex: string, height: number): Promise<Uint8Array[]>
  /** a proof of the leaf containing `at` against the commitment returned with it */
  prove (idHex: string, at: Locator): Promise<{ commitment: SignedCommitment, proof: Uint8Array }>
}

/** bytes kept free in a response for its own fields and protobuf overhead */
const MARGIN = 16 * 1024
/** per operation: field tag and length prefix */
const OP_OVERHEAD = 6

export class ChainSyncServer implements ChainSyncHandler {
  private readonly budget: number

  constructor (private readonly sources: ChainDataSource[], maxMessageBytes: number, private readonly log?: (m: string) => void) {
    this.budget = maxMessageBytes - MARGIN
  }

  private source (chainId: Uint8Array): { id: string, src: ChainDataSource } | undefined {
    if (!(chainId instanceof Uint8Array) || chainId.length !== 32) return undefined
    const id = toHex(chainId)
    const src = this.sources.find(s => s.has(id))
    return src == null ? undefined : { id, src }
  }

  async handleChainSync (_remotePeer: string, req: ChainSyncRequest): Promise<ChainSyncResponse> {
    try {
      const chainId = req.getChain?.chainId ?? req.getHeights?.chainId ?? req.getOps?.chainId ?? req.getProof?.chainId
      if (chainId == null) return syncResponse(ChainSyncCode.SYNC_MALFORMED, 'empty request')
      if (chainId.length !== 32) return syncResponse(ChainSyncCode.SYNC_MALFORMED, 'a chain id is 32 bytes')
      const found = this.source(chainId)
      if (found == null) return syncResponse(ChainSyncCode.SYNC_UNKNOWN_CHAIN, `chain ${toHex(chainId)} is neither operated nor followed here`)
      const { id, src } = found
      if (req.getChain != null) {
        return syncResponse(ChainSyncCode.SYNC_OK, '', { chain: chainToWire(await src.chain(id)), head: commitmentToWire(await src.head(id)) })
      }
      if (req.getHeights != null) return await this.heights(id, src, req.getHeights.from, req.getHeights.max)
      if (req.getOps != null) return await this.ops(id, src, req.getOps.height, req.getOps.fromSeq)
      const g = req.getProof!
      const at: Locator = { lo: pointFromWire(g.point), conditions: conditionsFromWire(g.conditions) }
      const p = await src.prove(id, at)
      return syncResponse(ChainSyncCode.SYNC_OK, '', { chain: chainToWire(await src.chain(id)), head: commitmentToWire(p.commitment), proof: p.proof as Uint8Array<ArrayBuffer> })
    } catch (err: any) {
      const code = err instanceof ChainError || err instanceof SyncError ? err.code : err instanceof SortitionError ? 'MALFORMED' : undefined
      if (code === 'BAD_REGION') return syncResponse(ChainSyncCode.SYNC_BAD_REGION, err.message)
      if (code === 'MALFORMED') return syncResponse(ChainSyncCode.SYNC_MALFORMED, err.message)
      if (code === 'UNKNOWN_CHAIN' || code === 'NOT_FOLLOWED') return syncResponse(ChainSyncCode.SYNC_UNKNOWN_CHAIN, err.message)
      if (code != null) return syncResponse(ChainSyncCode.SYNC_UNAVAILABLE, `${code}: ${err.message}`)
      this.log?.(`chain-sync request failed: ${err?.stack ?? err}`)
      return syncResponse(ChainSyncCode.SYNC_INTERNAL, 'internal error')
    }
  }

  private async heights (id: string, src: ChainDataSource, fromW: bigint, maxW: number): Promise<ChainSyncResponse> {
    const head = await src.head(id)
    const held = BigInt(head.height)
    if (fromW > held) return syncResponse(ChainSyncCode.SYNC_OK, '', { held })
    const from = Number(fromW)
    const max = maxW === 0 ? MAX_HEIGHTS_PER_RESPONSE : Math.min(maxW, MAX_HEIGHTS_PER_RESPONSE)
    const commitments = await src.commitmentRange(id, from, max)
    const heights: Height[] = []
    let size = 0
    for (const [i, c] of commitments.entries()) {
      if (c.height !== from + i) break // a gap on disk: stop before it
      const commitment = commitmentToWire(c)
      const all = await src.opLog(id, c.height)
      const base = WireCommitment.encode(commitment).length + 16
      // the first height goes out even when only part of its operations fit (get_ops fetches the rest)
      const { ops, bytes, complete } = fit(all, this.budget - size - base)
      if (heights.length > 0 && (!complete || size + base + bytes > this.budget)) break
      heights.push({ commitment, opCount: all.length, ops })
      size += base + bytes
      if (!complete) break
    }
    if (heights.length === 0) return syncResponse(ChainSyncCode.SYNC_UNAVAILABLE, `height ${from} is not held here`, { held })
    return syncResponse(ChainSyncCode.SYNC_OK, '', { heights, held })
  }

  private async ops (id: string, src: ChainDataSource, heightW: bigint, fromSeq: number): Promise<ChainSyncResponse> {
    const head = await src.head(id)
    if (heightW > BigInt(head.height)) return syncResponse(ChainSyncCode.SYNC_UNAVAILABLE, `height ${heightW} is not committed here`, { held: BigInt(head.height) })
    const all = await src.opLog(id, Number(heightW))
    if (fromSeq >= all.length) return syncResponse(ChainSyncCode.SYNC_UNAVAILABLE, `height ${heightW} has ${all.length} operations`, { held: BigInt(head.height), opCount: all.length })
    const { ops } = fit(all.slice(fromSeq), this.budget)
    return syncResponse(ChainSyncCode.SYNC_OK, '', { held: BigInt(head.height), opCount: all.length, ops })
  }
}

/** As many operations, from the first, as fit in `room` bytes (at least one). */
function fit (all: Uint8Array[], room: number): { ops: Array<Uint8Array<ArrayBuffer>>, bytes: number, complete: boolean } {
  const ops: Array<Uint8Array<ArrayBuffer>> = []
  let bytes = 0
  for (const op of all) {
    const n = op.length + OP_OVERHEAD
    if (ops.length > 0 && bytes + n > room) return { ops, bytes, complete: false }
    ops.push(op as Uint8Array<ArrayBuffer>)
    bytes += n
  }
  return { ops, bytes, complete: true }
}
