// The delivery queue: halves marked dirty in the store have work for the
// partner's node (unplaced chits, unacknowledged entries, an accept or refusal).
// Work is retried when the partner connects and on a backoff timer, so nothing
// is lost while a partner is offline, and duplicates are absorbed by the
// receiver (chit ids, chain positions).
import { TallyError } from './errors.js'
import type { TallyRepository } from '../store/tally-repo.js'
import type { TallyTransport } from './transport.js'
import { parseAddress } from './address.js'
import { certOf, otherSide } from './half.js'

export interface DeliveryOptions {
  repo: TallyRepository
  transport: TallyTransport
  /** does the work for one half; true when nothing is left */
  deliver: (key: string) => Promise<boolean>
  log?: (msg: string) => void
  retryMs?: number
  maxBackoffMs?: number
}

interface Run { promise: Promise<void>, again: boolean }

export class Delivery {
  private readonly running = new Map<string, Run>()
  private readonly backoff = new Map<string, { next: number, delay: number }>()
  private timer?: NodeJS.Timeout
  private stopped = false
  private readonly onConnect = (evt: CustomEvent<string>): void => { void this.flushPeer(evt.detail) }

  constructor (private readonly opts: DeliveryOptions) {}

  async start (): Promise<void> {
    this.stopped = false
    this.opts.transport.addEventListener('peer:connect', this.onConnect)
    const retryMs = this.opts.retryMs ?? 1000
    this.timer = setInterval(() => { void this.retryDue() }, retryMs)
    this.timer.unref()
    void this.retryDue()
  }

  async stop (): Promise<void> {
    this.stopped = true
    this.opts.transport.removeEventListener('peer:connect', this.onConnect)
    if (this.timer != null) clearInterval(this.timer)
    await Promise.allSettled([...this.running.values()].map(async r => await r.promise))
  }

  /** Number of halves with queued work. */
  async queued (): Promise<number> {
    return (await this.opts.repo.listDirty()).length
  }

  /**
   * Delivers what is queued for one half now. Resolves when done or when the
   * partner is unreachable (left queued); rejects only on a final refusal.
   */
  async flush (key: string): Promise<void> {
    const run = this.running.get(key)
    if (run != null) {
      run.again = true
      await run.promise
      return
    }
    const r: Run = { again: false, promise: Promise.resolve() }
    r.promise = (async () => {
      try {
        do {
          r.again = false
          const done = await this.attempt(key)
          if (!done) break
        } while (r.again && !this.stopped)
      } finally {
        this.running.delete(key)
      }
    })()
    this.running.set(key, r)
    await r.promise
  }

  private async attempt (key: string): Promise<boolean> {
    try {
      const done = await this.opts.deliver(key)
      if (done) this.backoff.delete(key)
      else this.later(key)
      return done
    } catch (err: any) {
      this.later(key)
      if (err instanceof TallyError) throw err
      this.opts.log?.(`delivery for ${key} deferred: ${err?.message ?? err}`)
      return false
    }
  }

  private later (key: string): void {
    const prev = this.backoff.get(key)
    const delay = Math.min((prev?.delay ?? 500) * 2, this.opts.maxBackoffMs ?? 15_000)
    this.backoff.set(key, { next: Date.now() + delay, delay })
  }

  private async flushPeer (peer: string): Promise<void> {
    for (const key of await this.opts.repo.listDirty()) {
      const half = await this.opts.repo.getByKey(key)
      if (half == null) continue
      if (parseAddress(certOf(half.record, otherSide(half.side)).address).peerId !== peer) continue
      this.backoff.delete(key)
      this.flush(key).catch(err => this.opts.log?.(`delivery for ${key} failed: ${err.message}`))
    }
  }

  private async retryDue (): Promise<void> {
    if (this.stopped) return
    const now = Date.now()
    let keys: string[]
    try {
      keys = await this.opts.repo.listDirty()
    } catch {
      return
    }
    for (const key of keys) {
      if (this.running.has(key)) continue
      const b = this.backoff.get(key)
      if (b != null && b.next > now) continue
      this.flush(key).catch(err => this.opts.log?.(`delivery for ${key} failed: ${err.message}`))
    }
  }
}
