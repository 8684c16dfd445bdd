// A small argument parser: positionals, `--flag value`, `--flag=value`,
// repeatable flags, and boolean switches. Unknown flags are errors.

export class UsageError extends Error {}

export interface Parsed {
  positionals: string[]
  flags: Map<string, string[]>
  switches: Set<string>
}

export function parseArgs (argv: string[], switchNames: Set<string>): Parsed {
  const positionals: string[] = []
  const flags = new Map<string, string[]>()
  const switches = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!a.startsWith('--')) {
      positionals.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = a.slice(2, eq < 0 ? undefined : eq)
    if (switchNames.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`)
      switches.add(name)
      continue
    }
    let value: string
    if (eq >= 0) value = a.slice(eq + 1)
    else {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`)
      value = argv[++i]
    }
    flags.set(name, [...(flags.get(name) ?? []), value])
  }
  return { positionals, flags, switches }
}

export class Args {
  private readonly used = new Set<string>()
  constructor (readonly parsed: Parsed) {}

  get json (): boolean { return this.parsed.switches.has('json') }

  /** A boolean switch (declared in the CLI's switch list). */
  flag (name: string): boolean { return this.parsed.switches.has(name) }

  one (name: string): string | undefined {
    this.used.add(name)
    const v = this.parsed.flags.get(name)
    if (v == null) return undefined
    if (v.length > 1) throw new UsageError(`--${name} given more than once`)
    return v[0]
  }

  required (name: string): string {
    const v = this.one(name)
    if (v == null) throw new UsageError(`--${name} is required`)
    return v
  }

  many (name: string): string[] {
    this.used.add(name)
    return this.parsed.flags.get(name) ?? []
  }

  int (name: string): number | undefined {
    const v = this.one(name)
    if (v == null) return undefined
    if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a non-negative integer`)
    return Number(v)
  }

  /** Rejects flags no command asked for, so typos do not pass silently. */
  checkUnused (): void {
    for (const name of this.parsed.flags.keys()) {
      if (!this.used.has(name)) throw new UsageError(`unknown option --${name}`)
    }
  }
}
