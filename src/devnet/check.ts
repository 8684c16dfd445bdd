// The devnet's health checks, over the control API: every node has enough
// peers, and the DHT resolves every node's PeerId to its listen address.
import type { Devnet, DevnetNode } from './devnet.js'
import { mapLimit, waitFor, TimeoutError } from './wait.js'

export interface PeersResult {
  ok: boolean
  min: number
  /** peers per node name at the end of the wait (undefined: no answer) */
  peers: Record<string, number | undefined>
  /** ms until the condition held (or the timeout) */
  ms: number
  error?: string
}

/** The peers every node should have: 3, or all others in a smaller devnet. */
export function requiredPeers (nodes: number, wanted = 3): number {
  return Math.min(wanted, Math.max(0, nodes - 1))
}

export async function waitForPeers (devnet: Devnet, min: number, timeoutMs: number, signal?: AbortSignal): Promise<PeersResult> {
  const t0 = performance.now()
  const peers: Record<string, number | undefined> = {}
  const poll = async (): Promise<boolean> => {
    // Nodes already at `min` are not asked again.
    const todo = devnet.nodes.filter(n => (peers[n.name] ?? -1) < min)
    await mapLimit(todo, 8, async (n) => {
      try {
        peers[n.name] = (await n.api.get('/status')).peers
      } catch {
        peers[n.name] = undefined
      }
    })
    return devnet.nodes.every(n => (peers[n.name] ?? -1) >= min)
  }
  try {
    await waitFor(poll, { what: `every node to have at least ${min} peers`, timeoutMs, intervalMs: 250, signal })
  } catch (err: any) {
    if (!(err instanceof TimeoutError)) throw err
    return { ok: false, min, peers, ms: performance.now() - t0, error: err.message }
  }
  // Report the real counts, not the first ones that passed.
  await mapLimit(devnet.nodes, 8, async (n) => {
    try { peers[n.name] = (await n.api.get('/status')).peers } catch {}
  })
  return { ok: true, min, peers, ms: performance.now() - t0 }
}

export interface FindResult {
  target: string
  peerId: string
  ok: boolean
  /** whether the querying node was connected to the target when asked */
  direct: boolean
  /** whether the querying node was given the target's address to bootstrap; if not, it learnt it through the DHT */
  bootstrap: boolean
  attempts: number
  ms: number
  addresses: string[]
  error?: string
}

export interface DhtResult {
  ok: boolean
  querier: string
  results: FindResult[]
  ms: number
}

/**
 * Asks one node (by default the last started, which has the fewest
 * connections) to find every other node's PeerId through GET
 * /peers/find/<PeerId>. A lookup passes once it returns the target's real
 * listen address; failed lookups are retried until `timeoutMs`.
 */
export async function checkDht (devnet: Devnet, timeoutMs: number, signal?: AbortSignal, querier: DevnetNode = devnet.nodes[devnet.nodes.length - 1]): Promise<DhtResult> {
  const t0 = performance.now()
  const connected = new Set<string>()
  try {
    for (const p of await querier.api.get('/peers')) connected.add(p.peerId)
  } catch {}
  const targets = devnet.nodes.filter(n => n !== querier)
  const results = await mapLimit(targets, 4, async (target): Promise<FindResult> => {
    const peerId = target.proc.info.peerId
    const port = target.proc.p2pPort
    const t = performance.now()
    let attempts = 0
    let addresses: string[] = []
    let lastError: string | undefined
    try {
      await waitFor(async () => {
        attempts++
        try {
          const r = await querier.api.get(`/peers/find/${peerId}`)
          addresses = r.addresses ?? []
          lastError = undefined
        } catch (err: any) {
          lastError = err.message
          return false
        }
        const found = addresses.some(a => port != null && a.includes(`/tcp/${port}`))
        if (!found) lastError = `answer lacks /tcp/${String(port)}: ${addresses.join(', ') || '(no addresses)'}`
        return found
      }, { what: `${querier.name} to resolve ${target.name}`, timeoutMs: Math.max(0, timeoutMs - (performance.now() - t0)), intervalMs: 500, signal })
      return { target: target.name, peerId, ok: true, direct: connected.has(peerId), bootstrap: querier.bootstrap.includes(target.name), attempts, ms: performance.now() - t, addresses }
    } catch (err: any) {
      if (!(err instanceof TimeoutError)) throw err
      return { target: target.name, peerId, ok: false, direct: connected.has(peerId), bootstrap: querier.bootstrap.includes(target.name), attempts, ms: performance.now() - t, addresses, error: lastError ?? err.message }
    }
  })
  return { ok: results.every(r => r.ok), querier: querier.name, results, ms: performance.now() - t0 }
}
