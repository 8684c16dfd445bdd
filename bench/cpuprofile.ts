// Summarises a .cpuprofile (from --cpu-prof or a benchmark's --profile):
// `node dist/bench/cpuprofile.js FILE [TOP]` prints self time by function and
// by package/file, and the idle share, so a profile can be read without a GUI.
import { readFile } from 'node:fs/promises'

interface CallFrame { functionName: string, url: string, lineNumber: number }
interface ProfileNode { id: number, callFrame: CallFrame, children?: number[] }
interface Profile { nodes: ProfileNode[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }

/** node_modules/<pkg>, src/<dir>/<file>, node:<module>, or a V8 pseudo-frame. */
function area (url: string, name: string): string {
  if (url === '') return `(${name.replace(/[()]/g, '')})`
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (nm != null) return nm[1]
  const own = /\/dist\/(.*)$/.exec(url)
  if (own != null) return own[1]
  return url.replace(/^file:\/\//, '')
}

export async function summarise (file: string, top = 25): Promise<string> {
  const p: Profile = JSON.parse(await readFile(file, 'utf8'))
  const byId = new Map(p.nodes.map(n => [n.id, n]))
  const self = new Map<number, number>()
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0))
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const fn = new Map<string, number>()
  const ar = new Map<string, number>()
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame
    const key = `${f.functionName === '' ? '(anonymous)' : f.functionName}  ${area(f.url, f.functionName)}${f.url === '' ? '' : ':' + (f.lineNumber + 1)}`
    fn.set(key, (fn.get(key) ?? 0) + us)
    const a = area(f.url, f.functionName)
    ar.set(a, (ar.get(a) ?? 0) + us)
  }
  const rows = (m: Map<string, number>): string[] => [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, top)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms ${(100 * us / total).toFixed(1).padStart(5)}%  ${k}`)
  return [
    `${file}: ${(total / 1e6).toFixed(2)} s sampled`,
    'self time by area:', ...rows(ar),
    'self time by function:', ...rows(fn)
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2)
  if (file == null) {
    process.stderr.write('usage: node dist/bench/cpuprofile.js FILE.cpuprofile [TOP]\n')
    process.exit(2)
  }
  summarise(file, top == null ? undefined : Number(top)).then(s => process.stdout.write(s + '\n'), (err) => {
    process.stderr.write(`${err.message}\n`)
    process.exit(1)
  })
}
