// Plain-text tables for the devnet's terminal output.

export type Cell = string | number | bigint | null | undefined

export interface Column {
  header: string
  /** numbers and amounts read better right-aligned */
  align?: 'left' | 'right'
}

export function formatTable (columns: Array<string | Column>, rows: Cell[][]): string {
  const cols: Column[] = columns.map(c => typeof c === 'string' ? { header: c } : c)
  const text = rows.map(r => cols.map((_, i) => r[i] == null ? '-' : String(r[i])))
  const widths = cols.map((c, i) => Math.max(c.header.length, ...text.map(r => r[i].length)))
  const line = (cells: string[]): string => cells
    .map((s, i) => cols[i].align === 'right' ? s.padStart(widths[i]) : s.padEnd(widths[i]))
    .join('  ')
    .trimEnd()
  return [
    line(cols.map(c => c.header)),
    line(widths.map(w => '-'.repeat(w))),
    ...text.map(line)
  ].join('\n') + '\n'
}

/** Milli-units as units with three decimals: 2500 -> "2.500", -5 -> "-0.005". */
export function formatUnits (milli: string | bigint): string {
  const n = BigInt(milli)
  const neg = n < 0n
  const abs = neg ? -n : n
  return `${neg ? '-' : ''}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`
}

export function formatBytes (n: number | undefined): string | undefined {
  if (n == null) return undefined
  return `${(n / (1024 * 1024)).toFixed(0)} MB`
}
