// The committee's figures (DESIGN §5), computed from cases: pure, so the definitions are tested once.

export interface CaseTimes {
  createdAt: Date
  claimedAt: Date | null
  resolvedAt: Date | null
  closedAt: Date | null
  closeReason: string | null
  satisfied: boolean | null
}

export interface Figures {
  rings: number
  accepted: number
  completed: number
  /** completed / rings that still wanted doing (cancelled and duplicates excluded) */
  rate?: number
  claimMedian?: number
  claimP90?: number
  resolveMedian?: number
  resolveP90?: number
  /** 满意 / (满意 + 不满意) */
  satisfaction?: number
  /** closed because the resident never answered: counted apart, not as satisfied */
  unverified: number
}

/** Nearest-rank percentile: the value a person could point at, not an interpolation. */
export function percentile(values: number[], p: number): number | undefined {
  if (!values.length) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]
}

export function figures(cases: CaseTimes[]): Figures {
  const wanted = cases.filter((c) => c.closeReason !== 'cancelled' && c.closeReason !== 'duplicate')
  const claimed = wanted.filter((c) => c.claimedAt)
  const done = wanted.filter((c) => c.resolvedAt || c.closeReason === 'verified')
  const claimTimes = claimed.map((c) => c.claimedAt!.getTime() - c.createdAt.getTime())
  const resolveTimes = done.filter((c) => c.resolvedAt).map((c) => c.resolvedAt!.getTime() - c.createdAt.getTime())
  const rated = wanted.filter((c) => c.satisfied !== null)
  return {
    rings: cases.length,
    accepted: claimed.length,
    completed: done.length,
    rate: wanted.length ? done.length / wanted.length : undefined,
    claimMedian: percentile(claimTimes, 50),
    claimP90: percentile(claimTimes, 90),
    resolveMedian: percentile(resolveTimes, 50),
    resolveP90: percentile(resolveTimes, 90),
    satisfaction: rated.length ? rated.filter((c) => c.satisfied).length / rated.length : undefined,
    unverified: wanted.filter((c) => c.closeReason === 'unverified').length,
  }
}
