// Runs several sortlift nodes in one process, each with its own data
// directory and control API (exactly what `sortlift start` runs), for
// benchmarks that want many nodes without one Node runtime per node:
//   node dist/bench/node-group.js DIR...
// prints one JSON line per node ({ peerId, addresses, api, dataDir }), in
// order, and stops them all on SIGTERM or SIGINT.
import { runNode } from '../src/node/run.js'
import type { RunningNode } from '../src/node/run.js'
import { tuneProcess } from '../src/node/tuning.js'

tuneProcess()
const running: RunningNode[] = []
for (const dir of process.argv.slice(2)) {
  const r = await runNode({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], apiPort: 0 })
  running.push(r)
  process.stdout.write(JSON.stringify({ peerId: r.node.peerId, addresses: r.node.addresses(), api: r.api.url, dataDir: dir }) + '\n')
}
const stop = (): void => {
  void Promise.all(running.map(async r => await r.stop())).finally(() => process.exit(0))
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
