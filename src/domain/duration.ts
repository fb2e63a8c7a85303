// Durations as communities write them in their file: 15m, 2h, 3d.

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

export const durationPattern = /^\d+(?:ms|[smhd])$/

// A ring reads a community's windows and ladder (a handful of strings) some twenty times: each is parsed
// once. Bounded, as a duration may also come from what someone typed.
const parsed = new Map<string, number>()

export function parseDuration(s: string): number {
  let ms = parsed.get(s)
  if (ms === undefined) {
    const m = /^(\d+)(ms|[smhd])$/.exec(s)
    if (!m) throw new Error(`bad duration ${s}`)
    ms = Number(m[1]) * unitMs[m[2] as keyof typeof unitMs]
    if (parsed.size < 256) parsed.set(s, ms)
  }
  return ms
}
