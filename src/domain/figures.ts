// The committee's figures (issue 13), defined the way the seeds count them — "总按铃1645次，受理1052件，
// 完成率93.16%": rings, then what was accepted, then the share of the accepted that was done. Pure: the
// definitions are here once, and the store's aggregate queries are tested against `countCases` on the
// same histories (tests/store/figures.test.ts).
//
// A period's figures are about the cases *rung* in it (a cohort): "of November's 40 rings, 36 were
// accepted and 33 are done by now". So last month's rate can still rise as its last cases close.

/** What the figures need to know of one case. */
export interface CaseFacts {
  status: string
  closeReason: string | null
  reporterId: number
  /** who closed it by a decision (撤销, 不受理, 转办结果) */
  closedById: number | null
  createdAt: Date
  acceptedAt: Date | null
  claimedAt: Date | null
  resolvedAt: Date | null
  satisfied: boolean | null
  /** people who said 同 N (me too): served by it as much as the person who rang */
  supporterIds: number[]
  /** an urgent ring's class (issue 11); null or absent: ordinary, or downgraded (不紧急) */
  urgency?: string | null
  /** when the claimer said 到场 */
  arrivedAt?: Date | null
}

/** The counts, each defined in `countCases` (and in README's 数字怎么算). */
export interface FigureCounts {
  /** 按铃: every case rung */
  rings: number
  /** 待受理: waiting for staff to accept it (triage: staff) */
  pending: number
  /** 受理: taken on by the community — and not then declined, handed to an outside body or merged */
  accepted: number
  /** 不受理 */
  declined: number
  /** 转办: handed to an outside body, with or without its answer yet */
  referred: number
  /** 转办 with the outside body's answer recorded (转办结果) */
  referralsAnswered: number
  /** merged into another case as the same problem */
  merged: number
  /** accepted and taken by a volunteer */
  claimed: number
  /** accepted and not yet done: waiting for a volunteer or being handled */
  inProgress: number
  /** done by the volunteer, waiting for the resident's 满意 (待验收) */
  awaitingCheck: number
  /** 办结 by the resident's verdict (满意) */
  verified: number
  /** 办结 without a reply: closed on its own after the verify window (未回复) — shown apart */
  unverified: number
  /** 撤销 by the person who rang */
  withdrawn: number
  /** closed by staff, with a reason */
  closedByStaff: number
  /** with a verdict (满意 or 不满意) */
  rated: number
  satisfied: number
  /** 用户: people who rang or said 同 (me too) */
  users: number
  /** urgent rings (issue 11), still urgent: a downgraded one (不紧急) counts as ordinary */
  urgent: number
}

export const noCounts: FigureCounts = {
  rings: 0,
  pending: 0,
  accepted: 0,
  declined: 0,
  referred: 0,
  referralsAnswered: 0,
  merged: 0,
  claimed: 0,
  inProgress: 0,
  awaitingCheck: 0,
  verified: 0,
  unverified: 0,
  withdrawn: 0,
  closedByStaff: 0,
  rated: 0,
  satisfied: 0,
  users: 0,
  urgent: 0,
}

const outOfHands = (c: Pick<CaseFacts, 'status' | 'closeReason'>) =>
  c.closeReason === 'declined' ||
  c.closeReason === 'referred' ||
  c.closeReason === 'duplicate' ||
  c.status === 'referred'

/** Whether the community took the case on and still counts it as its own (the rate's denominator). */
export const isAccepted = (c: CaseFacts): boolean => c.acceptedAt !== null && !outOfHands(c)

/**
 * Cases alike in everything the counts' definitions read, and how many of them have each fact: one case
 * (countCases), or a group the database counted (src/store/figures.ts). One definition serves both.
 */
export interface CaseKind {
  status: string
  closeReason: string | null
  n: number
  /** acceptedAt set */
  accepted: number
  /** acceptedAt and claimedAt set */
  acceptedClaimed: number
  /** closed by the person who rang */
  byReporter: number
  urgent: number
  rated: number
  satisfied: number
}

/**
 * The definitions, for `g.n` cases at once. A case accepted and later cancelled stays accepted: cancelling
 * hard cases cannot raise the rate, and the cancellations are shown beside it (by the resident, or by
 * staff with a reason).
 */
export function tally(n: FigureCounts, g: CaseKind): void {
  const taken = !outOfHands(g)
  n.rings += g.n
  if (g.status === 'new') n.pending += g.n
  if (g.closeReason === 'declined') n.declined += g.n
  if (g.status === 'referred' || g.closeReason === 'referred') n.referred += g.n
  if (g.closeReason === 'referred') n.referralsAnswered += g.n
  if (g.closeReason === 'duplicate') n.merged += g.n
  if (taken) {
    n.accepted += g.accepted
    n.claimed += g.acceptedClaimed
    if (g.status === 'open' || g.status === 'claimed') n.inProgress += g.accepted
  }
  if (g.status === 'resolved') n.awaitingCheck += g.n
  if (g.closeReason === 'verified') n.verified += g.n
  if (g.closeReason === 'unverified') n.unverified += g.n
  if (g.closeReason === 'cancelled') {
    n.withdrawn += g.byReporter
    n.closedByStaff += g.n - g.byReporter
  }
  n.urgent += g.urgent
  n.rated += g.rated
  n.satisfied += g.satisfied
}

const one = (yes: unknown): number => (yes ? 1 : 0)

/** The counts of these cases, and the people who rang or said 同. */
export function countCases(cases: CaseFacts[]): FigureCounts {
  const n = { ...noCounts }
  const users = new Set<number>()
  for (const c of cases) {
    users.add(c.reporterId)
    for (const s of c.supporterIds) users.add(s)
    tally(n, {
      status: c.status,
      closeReason: c.closeReason,
      n: 1,
      accepted: one(c.acceptedAt !== null),
      acceptedClaimed: one(c.acceptedAt !== null && c.claimedAt),
      byReporter: one(c.closedById === c.reporterId),
      urgent: one(c.urgency),
      rated: one(c.satisfied !== null),
      satisfied: one(c.satisfied),
    })
  }
  n.users = users.size
  return n
}

/**
 * The order statistics a quantile needs, as the store picks them: the number of values and the values at
 * the 0-based ranks `quantileRanks` asks for. The store never sends every value.
 */
export interface OrderStats {
  n: number
  at: ReadonlyMap<number, number>
}

export const noOrderStats: OrderStats = { n: 0, at: new Map() }

/** The percents the figures show: the median and the 90th percentile. */
export const PERCENTS = [50, 90] as const

/**
 * Linear interpolation between the closest ranks (Excel's PERCENTILE.INC, R's type 7): the median of 0
 * and 16 minutes is 8. `h = (n − 1)·p/100`; the value is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * Written with integers, `(n − 1)·p` divided by 100, so SQL computes the same ranks.
 */
export function quantileRanks(n: number, p: number): { lo: number; hi: number; frac: number } {
  const scaled = (n - 1) * p
  const lo = Math.floor(scaled / 100)
  return { lo, hi: Math.min(lo + 1, n - 1), frac: (scaled % 100) / 100 }
}

export function quantileOf(s: OrderStats, p: number): number | undefined {
  if (s.n === 0) return undefined
  const { lo, hi, frac } = quantileRanks(s.n, p)
  const a = s.at.get(lo)
  const b = s.at.get(hi)
  if (a === undefined || b === undefined) throw new Error(`order statistic ${lo} or ${hi} of ${s.n} missing`)
  return a + frac * (b - a)
}

/** The same quantile over the values themselves (the definition, for tests and small lists). */
export function quantile(values: number[], p: number): number | undefined {
  const sorted = [...values].sort((a, b) => a - b)
  return quantileOf({ n: sorted.length, at: new Map(sorted.map((v, i) => [i, v])) }, p)
}

/** How long cases took, from the ring: to be claimed, to be done, and (urgent ones) for someone to be there. */
export interface Durations {
  claim: OrderStats
  resolve: OrderStats
  arrive?: OrderStats
}

/** The durations' definitions: which cases, and from when to when. */
export function durationsOf(cases: CaseFacts[]): { claim: number[]; resolve: number[]; arrive: number[] } {
  const since = (c: CaseFacts, at: Date | null | undefined) => (at ? [at.getTime() - c.createdAt.getTime()] : [])
  return {
    claim: cases.flatMap((c) => since(c, c.claimedAt)),
    resolve: cases.flatMap((c) => since(c, c.resolvedAt)),
    arrive: cases.flatMap((c) => since(c, c.arrivedAt)),
  }
}

export interface Figures extends FigureCounts {
  /** 办结 = verified + unverified */
  done: number
  /** 完成率 = 办结 / 受理 */
  rate?: number
  /** 满意率 = 满意 / rated */
  satisfaction?: number
  claimMedian?: number
  claimP90?: number
  resolveMedian?: number
  resolveP90?: number
  /** from the ring to 到场 (urgent cases ask for it) */
  arriveMedian?: number
  arriveP90?: number
}

export function figuresOf(n: FigureCounts, d: Durations = { claim: noOrderStats, resolve: noOrderStats }): Figures {
  const done = n.verified + n.unverified
  return {
    ...n,
    done,
    rate: n.accepted ? done / n.accepted : undefined,
    satisfaction: n.rated ? n.satisfied / n.rated : undefined,
    claimMedian: quantileOf(d.claim, 50),
    claimP90: quantileOf(d.claim, 90),
    resolveMedian: quantileOf(d.resolve, 50),
    resolveP90: quantileOf(d.resolve, 90),
    arriveMedian: quantileOf(d.arrive ?? noOrderStats, 50),
    arriveP90: quantileOf(d.arrive ?? noOrderStats, 90),
  }
}

/** The whole definition over case facts: what the store's queries must agree with. */
export function figures(cases: CaseFacts[]): Figures {
  const d = durationsOf(cases)
  const stats = (xs: number[]): OrderStats => {
    const sorted = [...xs].sort((a, b) => a - b)
    return { n: sorted.length, at: new Map(sorted.map((v, i) => [i, v])) }
  }
  return figuresOf(countCases(cases), { claim: stats(d.claim), resolve: stats(d.resolve), arrive: stats(d.arrive) })
}

/**
 * How a period's figures are broken down. Each is one more key the store groups by; urgency (issue 11)
 * is one more entry here and in the store's key map.
 */
export const splits = ['building', 'category', 'volunteer', 'community', 'urgency'] as const
export type SplitBy = (typeof splits)[number]

/** What narrows the figures to part of a community. */
export interface FigureFilter {
  building?: string
  category?: string
  claimantId?: number
}
