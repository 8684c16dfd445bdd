// V8 settings for a node process. A node allocates many short-lived objects
// per chit (protobuf messages, byte arrays, promises); with V8's default 16 MB
// semi-spaces the young generation is collected so often that its pauses set
// the tail latency. 32 MB semi-spaces measured +30% chit throughput and a
// lower p99 (BENCHMARKS.md) for about 64 MB more address space.
import { setFlagsFromString } from 'node:v8'

let tuned = false

/** Applies the node's V8 settings once per process; call before starting a node. */
export function tuneProcess (): void {
  if (tuned) return
  tuned = true
  if (!process.execArgv.some(a => a.startsWith('--max-semi-space-size'))) setFlagsFromString('--max-semi-space-size=32')
}
