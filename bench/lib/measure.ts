// What every benchmark shares: repeats summarised as min / median / max, percentiles, memory, a table.
import { readFileSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

/** A figure measured several times: one sample per repeat. */
export interface Row {
  figure: string
  unit: string
  samples: number[]
  /** what one sample is made of ("300 rings"), shown beside the figures */
  each?: string
}

export const envInt = (name: string, fallback: number): number => {
  const v = Number(process.env[name])
  return Number.isInteger(v) && v > 0 ? v : fallback
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Nearest rank: a value that was actually measured, not an interpolation. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!
}

/** Milliseconds since t0 (performance.now()). */
export const since = (t0: number): number => performance.now() - t0

/**
 * CPU milliseconds this process has used (user + system, every thread: JS, SQLite, Prisma's engine).
 * Beside wall time it shows what a figure costs when the machine is shared and the wall clock is not.
 */
export const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Times `n` calls of `f` after `warm` untimed ones; returns ms per call. */
export async function perCall(n: number, f: (i: number) => unknown, warm = 1): Promise<number> {
  for (let i = 0; i < warm; i++) await f(-1 - i)
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await f(i)
  return since(t0) / n
}

/** Three significant digits, no exponent: 0.0123, 1.23, 123, 12300. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a >= 1000) return String(Math.round(x))
  const digits = Math.max(0, 2 - Math.floor(Math.log10(a)))
  return x.toFixed(Math.min(digits, 4))
}

/** Columns padded by display width: a CJK character takes two cells. */
const cells = (s: string): number => [...s].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0)

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(cells(h), ...rows.map((r) => cells(r[i] ?? ''))))
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - cells(c))
        // numbers to the right, words to the left
        return /^[-\d.,/ –]+$/.test(c) && i > 0 ? pad + c : c + pad
      })
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** min, median and max of each row's repeats. */
export function rowsTable(rows: Row[]): string {
  return table(
    ['figure', 'min', 'median', 'max', 'unit', 'repeats × each'],
    rows.map((r) => [
      r.figure,
      fmt(Math.min(...r.samples)),
      fmt(median(r.samples)),
      fmt(Math.max(...r.samples)),
      r.unit,
      `${r.samples.length}${r.each ? ` × ${r.each}` : ''}`,
    ]),
  )
}

/**
 * Resident memory of this process in MB: now, and the peak since the last resetPeak(). Linux resets the
 * peak through /proc/self/clear_refs; elsewhere the peak is the process's peak since it started.
 */
export const memory = {
  rss(): number {
    return process.memoryUsage.rss() / 2 ** 20
  },
  resetPeak(): boolean {
    try {
      writeFileSync('/proc/self/clear_refs', '5')
      return true
    } catch {
      return false
    }
  },
  peak(): number {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
      if (kb) return Number(kb) / 1024
    } catch {
      // not Linux: fall through
    }
    return process.resourceUsage().maxRSS / 1024
  },
}
