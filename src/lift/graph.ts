// A node's own tally graph, seen for lifts: each open half held here is an
// edge "its user gives to the partner", with the lading that edge can carry
// (DESIGN §4). Pure: built from halves, searched in memory. Local lifts,
// clearing and route discovery all walk it.
import { Side } from '../../protos/tally.js'
import type { TallyHalf } from '../tally/half.js'
import { certOf, otherSide, stockBalance } from '../tally/half.js'
import { parseAddress } from '../tally/address.js'
import { halfKey } from '../store/tally-repo.js'
import { toHex } from '../crypto/bytes.js'
import { edgeCapacity, extendPath, joinLading, pathOf, MAX_PATH_EDGES } from './lading.js'
import type { Edge, Lading, Path } from './lading.js'

export interface GraphEdge extends Edge {
  /** the half held for the giver */
  halfKey: string
  tallyId: string
  /** PeerId of the node holding the receiver's half */
  receiverPeer: string
  /** both halves on this node */
  local: boolean
}

/** The receiver's balance counting undecided lift reservations as good (DESIGN §4). */
export function receiverBalance (h: TallyHalf): bigint {
  const receiver = otherSide(h.side)
  return receiver === Side.STOCK ? stockBalance(h) + h.liftUp : -stockBalance(h) + h.liftDown
}

/** The edge a half offers: its user gives to the partner; undefined when it carries nothing. */
export function edgeOf (h: TallyHalf, localPeer: string): GraphEdge | undefined {
  if (h.state !== 'open') return undefined
  const receiverSide = otherSide(h.side)
  const giver = certOf(h.record, h.side).address
  const receiver = certOf(h.record, receiverSide).address
  const tallyId = toHex(h.record.id)
  const edge = edgeCapacity({
    tally: tallyId,
    giver,
    receiver,
    receiverBalance: receiverBalance(h),
    receiverSettings: receiverSide === Side.STOCK ? h.settings.stock : h.settings.foil,
    giverClutch: (h.side === Side.STOCK ? h.settings.stock : h.settings.foil).clutch
  })
  if (edge == null) return undefined
  const receiverPeer = parseAddress(receiver).peerId
  return { ...edge, halfKey: halfKey(h.record.id, h.side), tallyId, receiverPeer, local: receiverPeer === localPeer }
}

/** The edge of a half's tally in the other direction: the partner gives to this half's user. */
export function incomingEdgeOf (h: TallyHalf, localPeer: string): GraphEdge | undefined {
  if (h.state !== 'open') return undefined
  const giverSide = otherSide(h.side)
  const giver = certOf(h.record, giverSide).address
  const receiver = certOf(h.record, h.side).address
  // This half's user receives: its balance counts reservations that raise it.
  const balance = h.side === Side.STOCK ? stockBalance(h) + h.liftUp : -stockBalance(h) + h.liftDown
  const edge = edgeCapacity({
    tally: toHex(h.record.id),
    giver,
    receiver,
    receiverBalance: balance,
    receiverSettings: h.side === Side.STOCK ? h.settings.stock : h.settings.foil,
    giverClutch: (giverSide === Side.STOCK ? h.settings.stock : h.settings.foil).clutch
  })
  if (edge == null) return undefined
  return { ...edge, halfKey: halfKey(h.record.id, giverSide), tallyId: toHex(h.record.id), receiverPeer: localPeer, local: parseAddress(giver).peerId === localPeer }
}

export interface LocalPath {
  /** local edges in order; empty when the path is just its start */
  edges: GraphEdge[]
  /** lading of `edges`; undefined for an empty path */
  lading?: Path
  /** the user (address) the path ends at */
  end: string
}

export interface SearchLimits {
  /** most edges in one path (never above MAX_PATH_EDGES) */
  maxEdges?: number
  /** most paths returned */
  maxPaths?: number
}

export class TallyGraph {
  private readonly out = new Map<string, GraphEdge[]>()

  constructor (halves: TallyHalf[], readonly localPeer: string) {
    for (const h of halves) {
      const e = edgeOf(h, localPeer)
      if (e == null) continue
      const list = this.out.get(e.giver) ?? []
      list.push(e)
      this.out.set(e.giver, list)
    }
    // Largest capacity first, so bounded searches keep the best edges.
    for (const list of this.out.values()) list.sort((a, b) => a.max > b.max ? -1 : a.max < b.max ? 1 : 0)
  }

  /** Edges where `user` (an address) gives. */
  edgesFrom (user: string): GraphEdge[] {
    return this.out.get(user) ?? []
  }

  /** Edges from `user` to users on other nodes. */
  foreignEdgesFrom (user: string): GraphEdge[] {
    return this.edgesFrom(user).filter(e => !e.local)
  }

  /**
   * Simple paths of local edges from `start`, the empty path first, breadth
   * first (fewer edges first), without repeating a tally or a user.
   */
  localPaths (start: string, limits: SearchLimits = {}): LocalPath[] {
    const maxEdges = Math.min(limits.maxEdges ?? MAX_PATH_EDGES, MAX_PATH_EDGES)
    const maxPaths = limits.maxPaths ?? 256
    const out: LocalPath[] = [{ edges: [], end: start }]
    let frontier: LocalPath[] = [out[0]]
    for (let depth = 0; depth < maxEdges && frontier.length > 0 && out.length < maxPaths; depth++) {
      const next: LocalPath[] = []
      for (const p of frontier) {
        const seen = new Set([start, ...p.edges.map(e => e.receiver)])
        for (const e of this.edgesFrom(p.end)) {
          if (!e.local || seen.has(e.receiver)) continue
          const lading = p.lading == null ? pathOf(e) : extendPath(p.lading, e)
          const q: LocalPath = { edges: [...p.edges, e], lading, end: e.receiver }
          next.push(q)
          out.push(q)
          if (out.length >= maxPaths) return out
        }
      }
      frontier = next
    }
    return out
  }

  /**
   * Circuits of local edges through `start` (back to it), each with its
   * lading; at most `limits.maxPaths`. The closing edge may revisit `start`
   * only.
   */
  localCircuits (start: string, limits: SearchLimits = {}): Array<{ edges: GraphEdge[], lading: Lading }> {
    const out: Array<{ edges: GraphEdge[], lading: Lading }> = []
    const max = limits.maxPaths ?? 64
    for (const p of this.localPaths(start, { maxEdges: (limits.maxEdges ?? MAX_PATH_EDGES) - 1, maxPaths: 1024 })) {
      if (p.lading == null) continue
      for (const e of this.edgesFrom(p.end)) {
        if (!e.local || e.receiver !== start || p.edges.some(x => x.tally === e.tally)) continue
        out.push({ edges: [...p.edges, e], lading: joinLading(p.lading, e) })
        if (out.length >= max) return out
      }
    }
    return out
  }
}
