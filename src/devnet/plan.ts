// The devnet's layout, decided before any process starts: node names, ports,
// and which earlier nodes each node bootstraps to.

export interface PlanOptions {
  /** how many earlier nodes each node bootstraps to */
  fanout: number
  /**
   * Bootstrap targets skip the `lag` nodes started just before, so up to
   * lag + 1 nodes can start at once (a node only starts once its targets run).
   */
  lag: number
  /** 0: every node takes free ports; else node i uses basePort + 2i (p2p) and basePort + 2i + 1 (API) */
  basePort: number
}

export interface PlannedNode {
  index: number
  name: string
  /** TCP port for libp2p, 0 for any free port */
  p2pPort: number
  /** port for the control API, 0 for any free port */
  apiPort: number
  /** indices of earlier nodes this node bootstraps to */
  bootstrap: number[]
}

export const NODE_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/

export function defaultNames (n: number): string[] {
  return Array.from({ length: n }, (_, i) => `node-${i + 1}`)
}

export function plan (names: readonly string[], opts: PlanOptions): PlannedNode[] {
  if (opts.basePort !== 0 && opts.basePort + 2 * names.length - 1 > 65535) {
    throw new RangeError(`--base-port ${opts.basePort} leaves no room for ${names.length} nodes (each takes 2 ports)`)
  }
  return names.map((name, index) => ({
    index,
    name,
    p2pPort: opts.basePort === 0 ? 0 : opts.basePort + 2 * index,
    apiPort: opts.basePort === 0 ? 0 : opts.basePort + 2 * index + 1,
    bootstrap: bootstrapTargets(index, opts.fanout, opts.lag)
  }))
}

/**
 * Node i picks up to `fanout` targets among nodes [0, hi): the newest one, one
 * halfway back (short paths across the network), then the next newest ones.
 * hi = i - lag once that still leaves `fanout` candidates; before that the
 * first nodes start one after another. Every node from index `fanout` on thus
 * dials `fanout` others, and nodes 0..fanout-1 are dialled by the ones after
 * them, so with n > fanout every node ends up with at least `fanout` peers.
 */
export function bootstrapTargets (i: number, fanout: number, lag: number): number[] {
  if (i === 0 || fanout <= 0) return []
  const hi = i >= fanout + lag ? i - lag : i
  const picks: number[] = []
  const add = (j: number): void => {
    if (j >= 0 && j < hi && !picks.includes(j) && picks.length < fanout) picks.push(j)
  }
  add(hi - 1)
  add(Math.floor((hi - 1) / 2))
  for (let j = hi - 2; j >= 0 && picks.length < fanout; j--) add(j)
  return picks
}

/** Undirected degree of every node if each bootstrap dial becomes a connection. */
export function plannedDegrees (nodes: readonly PlannedNode[]): number[] {
  const links = new Set<string>()
  for (const n of nodes) {
    for (const b of n.bootstrap) links.add(n.index < b ? `${n.index}-${b}` : `${b}-${n.index}`)
  }
  const deg = new Array<number>(nodes.length).fill(0)
  for (const l of links) {
    const [a, b] = l.split('-').map(Number)
    deg[a]++
    deg[b]++
  }
  return deg
}
