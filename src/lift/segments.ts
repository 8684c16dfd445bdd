// Route segments remembered under opaque handles (DESIGN §5): discovery hands
// out a handle per node per session, and the lift proposal names it again.
// Entries expire, so a node never keeps what a stranger asked about.
import { toHex } from '../crypto/bytes.js'
import type { Segment, SegmentResolver } from './commit.js'

export const SEGMENT_TTL_MS = 60_000
const MAX_SEGMENTS = 10_000

export class SegmentRegistry implements SegmentResolver {
  private readonly entries = new Map<string, { segment: Segment, expires: number }>()
  private readonly resolvers: SegmentResolver[] = []

  constructor (private readonly now: () => number = Date.now) {}

  remember (handle: Uint8Array, segment: Segment, ttlMs = SEGMENT_TTL_MS): void {
    this.prune()
    if (this.entries.size >= MAX_SEGMENTS) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(toHex(handle), { segment, expires: this.now() + ttlMs })
  }

  /** Another source of handles (discovery keeps its own table). */
  addResolver (r: SegmentResolver): void {
    this.resolvers.push(r)
  }

  resolveHandle (handle: Uint8Array): Segment | undefined {
    const e = this.entries.get(toHex(handle))
    if (e != null && e.expires > this.now()) return e.segment
    for (const r of this.resolvers) {
      const s = r.resolveHandle(handle)
      if (s != null) return s
    }
    return undefined
  }

  private prune (): void {
    const now = this.now()
    for (const [k, e] of this.entries) if (e.expires <= now) this.entries.delete(k)
  }
}
