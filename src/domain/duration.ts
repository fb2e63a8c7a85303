// Durations as communities write them in their file: 15m, 2h, 3d.

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

export const durationPattern = /^\d+(?:ms|[smhd])$/

export function parseDuration(s: string): number {
  const m = /^(\d+)(ms|[smhd])$/.exec(s)
  if (!m) throw new Error(`bad duration ${s}`)
  return Number(m[1]) * unitMs[m[2] as keyof typeof unitMs]
}
