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
  /**
   * Does the work for one half; true when nothing is left. May call
   * `acknowledged` once the partner holds everything the round carries, to
   * release its waiters before the round's own bookkeeping is written.
   */
  deliver: (key: string, acknowledged: () => void) => Promise<boolean>
  log?: (msg: string) => void
  retryMs?: number
  maxBackoffMs?: number
}

interface Round { promise: Promise<void>, resolve: () => void, reject: (err: unknown) => void }

/** Per half: whether a delivery loop runs, and the round the next callers wait for. */
interface KeyState { loop?: Promise<void>, next?: Round }

function newRound (): Round {
  let resolve!: () => void
  let reject!: (err: unknown) => void
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej })
  return { promise, resolve, reject }
}

export class Delivery {
  private readonly states = new Map<string, KeyState>()
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
    await Promise.allSettled([...this.states.values()].map(async st => await st.loop))
  }

  /** Resolves once no delivery round is under way (every write a round makes is on disk). */
  async idle (): Promise<void> {
    for (;;) {
      const loops = [...this.states.values()].map(st => st.loop).filter(l => l != null)
      if (loops.length === 0) return
      await Promise.allSettled(loops)
    }
  }

  /** Number of halves with queued work. */
  async queued (): Promise<number> {
    return (await this.opts.repo.listDirty()).length
  }

  /**
   * Delivers what is queued for one half now. Resolves once a delivery round
   * that started after this call has finished (so the caller's own change was
   * in it), or when the partner is unreachable (left queued); rejects only on
   * a final refusal. Callers arriving during a round share the next one, which
   * batches their chits; no caller waits for rounds started after its own.
   */
  async flush (key: string): Promise<void> {
    let st = this.states.get(key)
    if (st == null) {
      st = {}
      this.states.set(key, st)
    }
    st.next ??= newRound()
    const mine = st.next.promise
    if (st.loop == null) st.loop = this.loop(key, st)
    await mine
  }

  private async loop (key: string, st: KeyState): Promise<void> {
    try {
      // Let callers of the same burst (microtasks) register for this round;
      // not a whole turn of the event loop, which under load costs milliseconds.
      await new Promise(resolve => process.nextTick(resolve))
      while (st.next != null && !this.stopped) {
        const round = st.next
        st.next = undefined
        try {
          await this.attempt(key, round.resolve)
          round.resolve()
        } catch (err) {
          round.reject(err)
        }
      }
    } finally {
      st.next?.resolve()
      st.loop = undefined
      if (this.states.get(key) === st) this.states.delete(key)
    }
  }

  private async attempt (key: string, acknowledged: () => void = () => {}): Promise<boolean> {
    try {
      const done = await this.opts.deliver(key, acknowledged)
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
      if (this.states.get(key)?.loop != null) continue
      const b = this.backoff.get(key)
      if (b != null && b.next > now) continue
      this.flush(key).catch(err => this.opts.log?.(`delivery for ${key} failed: ${err.message}`))
    }
  }
}
