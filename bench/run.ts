// `npm run bench -- NAME [options]`: runs one benchmark; with no name, lists them.
import { chits } from './chits.js'

export type Bench = (args: string[]) => Promise<void>

const benches: Record<string, { run: Bench, about: string }> = {
  chits: { run: chits, about: 'two nodes on loopback: chit throughput, round trip, node start, idle RSS' }
}

const [name, ...rest] = process.argv.slice(2)
if (name == null) {
  process.stdout.write('benchmarks (npm run bench -- NAME):\n')
  for (const [k, v] of Object.entries(benches)) process.stdout.write(`  ${k.padEnd(10)} ${v.about}\n`)
} else if (benches[name] == null) {
  process.stderr.write(`unknown benchmark ${JSON.stringify(name)}; known: ${Object.keys(benches).join(', ')}\n`)
  process.exitCode = 2
} else {
  benches[name].run(rest).then(() => { process.exit(0) }, (err) => {
    process.stderr.write(`bench ${name} failed: ${err?.stack ?? err}\n`)
    process.exit(1)
  })
}
