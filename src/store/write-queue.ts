// Atomic batches of one database, coalesced: the changes queued while a write
// is under way (or within one turn of the event loop) go to LevelDB together as
// one batch. Each LevelDB batch costs tens of microseconds of the main thread
// in the native binding and a trip through the thread pool, whatever its size;
// a node under load writes many small changes to different tally halves at
// once, so fewer, larger batches leave more of the CPU to everything else.
// Every change stays atomic (the group is); a group that fails wrote nothing,
// so its changes are then written one by one and only the failing one fails.

export interface QueuedChange<Op> {
  ops: Op[]
  /** runs once this change is on disk, before its writer hears of it */
  done: () => void
}

interface Waiting<Op> extends QueuedChange<Op> {
  resolve: () => void
  reject: (err: unknown) => void
}

/** Most ops in one coalesced batch; a single larger change still goes alone. */
const MAX_GROUP_OPS = 4096

export class WriteQueue<Op> {
  private queued: Array<Waiting<Op>> = []
  private busy = false
  /** batches written and changes they carried (a cheap metric) */
  readonly counters = { batches: 0, changes: 0 }

  constructor (private readonly submit: (ops: Op[]) => Promise<void>) {}

  async write (change: QueuedChange<Op>): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.queued.push({ ...change, resolve, reject })
      if (!this.busy) {
        this.busy = true
        // Changes made in the same burst of callbacks join this batch.
        process.nextTick(() => { void this.drain() })
      }
    })
  }

  private async drain (): Promise<void> {
    try {
      while (this.queued.length > 0) await this.writeGroup(this.takeGroup())
    } finally {
      this.busy = false
    }
  }

  private takeGroup (): Array<Waiting<Op>> {
    let n = 0
    let ops = 0
    while (n < this.queued.length && (n === 0 || ops + this.queued[n].ops.length <= MAX_GROUP_OPS)) ops += this.queued[n++].ops.length
    return this.queued.splice(0, n)
  }

  private async writeGroup (group: Array<Waiting<Op>>): Promise<void> {
    this.counters.batches++
    this.counters.changes += group.length
    try {
      await this.submit(group.length === 1 ? group[0].ops : group.flatMap(w => w.ops))
    } catch (err) {
      if (group.length === 1) {
        group[0].reject(err)
        return
      }
      for (const w of group) {
        try {
          this.counters.batches++
          await this.submit(w.ops)
        } catch (alone) {
          w.reject(alone)
          continue
        }
        settle(w)
      }
      return
    }
    for (const w of group) settle(w)
  }
}

function settle<Op> (w: Waiting<Op>): void {
  try {
    w.done()
  } catch (err) {
    w.reject(err)
    return
  }
  w.resolve()
}
