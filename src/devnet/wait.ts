// Bounded waiting and bounded parallelism for the devnet: every wait polls a
// condition until a deadline or an abort, never sleeps blindly.

export class TimeoutError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'TimeoutError'
  }
}

export class AbortedError extends Error {
  constructor (message = 'interrupted') {
    super(message)
    this.name = 'AbortedError'
  }
}

export interface WaitOptions {
  /** what is awaited, for the error message */
  what: string
  timeoutMs: number
  intervalMs?: number
  signal?: AbortSignal
}

/**
 * Polls `cond` until it returns true. Errors thrown by `cond` count as "not
 * yet" (a node may still be starting); the last one is reported on timeout.
 */
export async function waitFor (cond: () => boolean | Promise<boolean>, opts: WaitOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs
  const interval = opts.intervalMs ?? 250
  let lastError: unknown
  for (;;) {
    throwIfAborted(opts.signal)
    try {
      if (await cond()) return
      lastError = undefined
    } catch (err) {
      lastError = err
    }
    const left = deadline - Date.now()
    if (left <= 0) {
      const why = lastError == null ? '' : ` (last error: ${(lastError as Error)?.message ?? String(lastError)})`
      throw new TimeoutError(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}${why}`)
    }
    await pause(Math.min(interval, left), opts.signal)
  }
}

/** The pause between two polls; ends early on abort. */
export async function pause (ms: number, signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new AbortedError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export function throwIfAborted (signal?: AbortSignal): void {
  if (signal?.aborted === true) throw new AbortedError()
}

/** Runs `fn` over `items` with at most `limit` calls in flight; keeps order. */
export async function mapLimit<T, R> (items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return out
}

/** A counting semaphore. */
export class Semaphore {
  private readonly waiting: Array<() => void> = []
  constructor (private free: number) {}

  async run<T> (fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--
    else await new Promise<void>(resolve => this.waiting.push(resolve))
    try {
      return await fn()
    } finally {
      const wake = this.waiting.shift()
      if (wake != null) wake()
      else this.free++
    }
  }
}
