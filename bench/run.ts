// `npm run bench -- NAME [--flag value ...]` runs one benchmark; `npm run bench`
// lists them; `npm run bench -- NAME --help` lists its flags.
//
// A benchmark is a file bench/<name>.ts exporting `benchmark: Benchmark` (see
// lib.ts): its flags with defaults, and `run`, which prints a table and returns
// its results; they are printed last as one JSON line. To add one, write the
// file and add a line below. Modules load only when their benchmark runs.
import { parseFlags, usage, UsageError } from './lib.js'
import type { Benchmark } from './lib.js'

interface Entry { about: string, load: () => Promise<Benchmark<any>> }

const benchmarks: Record<string, Entry> = {
  chits: {
    about: 'two nodes on 127.0.0.1: chit throughput and round trip, node start, idle RSS',
    load: async () => (await import('./chits.js')).benchmark
  },
  lift: {
    about: 'payment lifts end to end (discovery and commit) along a line of nodes, one at a time',
    load: async () => (await import('./lift.js')).benchmark
  },
  'lift-load': {
    about: 'many concurrent payment lifts over distinct 3-node routes on 8 nodes; conservation checked',
    load: async () => (await import('./lift-load.js')).benchmark
  },
  sortition: {
    about: 'sortition tree: 1M leaves, 10k-change batches, proof size and verification, LevelDB save and reopen',
    load: async () => (await import('./sortition.js')).benchmark
  },
  roots: {
    about: '12 node processes, 3 levels of chains: a grandchild commitment committed in the top root (target 1 s)',
    load: async () => (await import('./roots.js')).benchmark
  }
}

function list (): string {
  return ['benchmarks (npm run bench -- NAME [options]; NAME --help for its options):',
    ...Object.entries(benchmarks).map(([k, v]) => `  ${k.padEnd(12)} ${v.about}`)].join('\n')
}

async function main (argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (name == null || name === '--help' || name === '-h') {
    process.stdout.write(list() + '\n')
    return 0
  }
  const entry = Object.hasOwn(benchmarks, name) ? benchmarks[name] : undefined
  if (entry == null) {
    process.stderr.write(`bench: unknown benchmark ${JSON.stringify(name)}\n${list()}\n`)
    return 2
  }
  const bench = await entry.load()
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage(name, bench.flags) + '\n')
    return 0
  }
  const opts = parseFlags(name, bench.flags, args)
  const results = await bench.run(opts)
  process.stdout.write(JSON.stringify({ bench: name, ...results }) + '\n')
  return 0
}

main(process.argv.slice(2)).then(
  // libp2p and LevelDB may leave handles behind: exit explicitly.
  (code) => process.exit(code),
  (err: any) => {
    if (err instanceof UsageError) {
      process.stderr.write(err.message + '\n')
      process.exit(2)
    }
    process.stderr.write(`bench failed: ${err?.stack ?? err}\n`)
    process.exit(1)
  }
)
