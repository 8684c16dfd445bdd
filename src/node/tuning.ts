// V8 settings for a node process. A node allocates many short-lived objects
// per chit (protobuf messages, byte arrays, promises); with V8's default 16 MB
// semi-spaces the young generation is collected so often that its pauses set
// the tail latency. 32 MB semi-spaces measured +30% chit throughput and a
// lower p99 (BENCHMARKS.md) for about 64 MB more address space.
import { setFlagsFromString } from 'node:v8'

/**
 * V8 flags a node process starts with; they cannot be set once the heap
 * exists. Left to itself V8 starts the old generation small and shrinks its
 * first limit further while a process looks short-lived, so a node under load
 * ran a full mark-compact every 3 s or so, each pausing it 5-13 ms, and the
 * two nodes of a pair queued payments behind each other's pauses (the p99 of
 * `bench chits` at 2,000/s: 40-90 ms with them, 18-22 ms without; at most
 * 128 MB more heap under load, none at idle). bin/sortlift.js's shebang,
 * `npm start`, `npm run bench` and the processes devnet and the benchmarks
 * spawn pass them; a test keeps those in step with this list.
 */
export const NODE_V8_FLAGS: readonly string[] = ['--initial-old-space-size=128']

let tuned = false

/** Applies the node's V8 settings once per process; call before starting a node. */
export function tuneProcess (): void {
  if (tuned) return
  tuned = true
  if (!process.execArgv.some(a => a.startsWith('--max-semi-space-size'))) setFlagsFromString('--max-semi-space-size=32')
}
