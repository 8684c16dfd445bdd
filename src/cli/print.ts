// Human-readable output for CLI results (the --json output is the contract).
export function printHuman (value: unknown): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      process.stdout.write('(none)\n')
      return
    }
    value.forEach((v, i) => {
      if (i > 0) process.stdout.write('\n')
      write(v, 0)
    })
    return
  }
  write(value, 0)
}

function write (value: unknown, depth: number): void {
  const pad = '  '.repeat(depth)
  if (value == null || typeof value !== 'object') {
    process.stdout.write(`${pad}${String(value)}\n`)
    return
  }
  for (const [k, v] of Object.entries(value)) {
    if (v != null && typeof v === 'object' && !(Array.isArray(v) && v.every(x => typeof x !== 'object'))) {
      process.stdout.write(`${pad}${k}:\n`)
      if (Array.isArray(v)) v.forEach(x => write(x, depth + 1))
      else write(v, depth + 1)
    } else {
      process.stdout.write(`${pad}${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}\n`)
    }
  }
}
