// The figures' definitions (issue 13), on histories with known answers. The store's SQL is checked
// against these same functions in tests/store/figures.test.ts.
import { describe, expect, it } from 'vitest'
import { figures, quantile, quantileRanks, type CaseFacts } from '../../src/domain/figures.js'

const t0 = new Date('2026-11-02T01:00:00Z')
const at = (min: number) => new Date(t0.getTime() + min * 60_000)
const MIN = 60_000

let next = 1
const c = (o: Partial<CaseFacts>): CaseFacts => ({
  status: 'open',
  closeReason: null,
  reporterId: next++,
  closedById: null,
  createdAt: t0,
  acceptedAt: t0,
  claimedAt: null,
  resolvedAt: null,
  satisfied: null,
  supporterIds: [],
  ...o,
})
const verified = (o: Partial<CaseFacts> = {}) =>
  c({ status: 'closed', closeReason: 'verified', claimedAt: at(5), resolvedAt: at(60), satisfied: true, ...o })
const autoClosed = (o: Partial<CaseFacts> = {}) =>
  c({ status: 'closed', closeReason: 'unverified', claimedAt: at(5), resolvedAt: at(30), ...o })

describe('quantiles: linear between the closest ranks', () => {
  it.each<[number[], number, number | undefined]>([
    [[0, 16], 50, 8], // the "median of 0 and 16 minutes prints 0"
    [[5, 1, 3], 50, 3],
    [[1, 2, 3, 4], 50, 2.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1],
    [[7], 90, 7],
    [[], 50, undefined],
  ])('%j p%i = %s', (values, p, want) => expect(quantile(values, p)).toBe(want))

  it('ranks are integer arithmetic the database can do', () => {
    expect(quantileRanks(2, 50)).toEqual({ lo: 0, hi: 1, frac: 0.5 })
    expect(quantileRanks(10, 90)).toEqual({ lo: 8, hi: 9, frac: 0.1 })
    expect(quantileRanks(1, 90)).toEqual({ lo: 0, hi: 0, frac: 0 })
  })
})

describe('figures on histories with known answers', () => {
  it('no cases: zeros, and no rates rather than 0 % or 100 %', () => {
    const f = figures([])
    expect(f).toMatchObject({ rings: 0, accepted: 0, done: 0, users: 0 })
    expect(f.rate).toBeUndefined()
    expect(f.satisfaction).toBeUndefined()
    expect(f.claimMedian).toBeUndefined()
  })

  it('only cancelled: accepted and cancelled cases stay in the rate, which is 0 %', () => {
    const f = figures([
      c({ status: 'closed', closeReason: 'cancelled', reporterId: 1, closedById: 1 }),
      c({ status: 'closed', closeReason: 'cancelled', reporterId: 2, closedById: 9 }),
    ])
    expect(f).toMatchObject({ rings: 2, accepted: 2, done: 0, rate: 0, withdrawn: 1, closedByStaff: 1 })
  })

  it('cancelling a hard case does not raise the rate', () => {
    const before = figures([verified(), c({ status: 'claimed', claimedAt: at(5) })])
    const after = figures([verified(), c({ status: 'closed', closeReason: 'cancelled', closedById: 99 })])
    expect(before.rate).toBe(0.5)
    expect(after.rate).toBe(0.5)
  })

  it('all auto-closed: done, counted apart as 未回复, and no satisfaction claimed for them', () => {
    const f = figures([autoClosed(), autoClosed()])
    expect(f).toMatchObject({ done: 2, verified: 0, unverified: 2, rate: 1, rated: 0 })
    expect(f.satisfaction).toBeUndefined()
  })

  it("a volunteer's 完成 is not 办结 until the resident says so (or the window closes it)", () => {
    const f = figures([c({ status: 'resolved', claimedAt: at(5), resolvedAt: at(20) }), verified()])
    expect(f).toMatchObject({ done: 1, awaitingCheck: 1, rate: 0.5 })
    // …but it did take 20 minutes to get done: the time to resolve counts it.
    expect(f.resolveMedian).toBe(40 * MIN) // 20 and 60 minutes
  })

  it('triage: waiting, declined and handed-on rings are rings but not accepted', () => {
    const f = figures([
      c({ status: 'new', acceptedAt: null }),
      c({ status: 'closed', closeReason: 'declined', acceptedAt: null }),
      c({ status: 'referred', acceptedAt: null }),
      c({ status: 'closed', closeReason: 'referred', acceptedAt: null }),
      c({ status: 'closed', closeReason: 'declined', acceptedAt: t0 }), // accepted, then declined after all
      verified(),
    ])
    expect(f).toMatchObject({
      rings: 6,
      pending: 1,
      declined: 2,
      referred: 2,
      referralsAnswered: 1,
      accepted: 1,
      done: 1,
      rate: 1,
    })
  })

  it('the seeds: 受理1052件，完成率93.16% is done over accepted', () => {
    const cases = [
      ...Array.from({ length: 980 }, () => verified()),
      ...Array.from({ length: 72 }, () => c({ status: 'claimed', claimedAt: at(5) })),
      ...Array.from({ length: 593 }, () => c({ status: 'closed', closeReason: 'declined', acceptedAt: null })),
    ]
    const f = figures(cases)
    expect(f).toMatchObject({ rings: 1645, accepted: 1052, done: 980 })
    expect(Math.round(f.rate! * 10_000) / 100).toBe(93.16)
  })

  it('satisfaction is over the cases with a verdict; 不满意 counts against it', () => {
    const f = figures([verified(), verified({ satisfied: false }), autoClosed(), c({ satisfied: false })])
    expect(f).toMatchObject({ rated: 3, satisfied: 1 })
    expect(f.satisfaction).toBeCloseTo(1 / 3)
  })

  it('users: people who rang or said 同, each once', () => {
    const f = figures([
      c({ reporterId: 1, supporterIds: [2, 3] }),
      c({ reporterId: 2, supporterIds: [1] }),
      c({ reporterId: 1 }),
    ])
    expect(f.users).toBe(3)
  })

  it('times run from the ring: to the claim and to the volunteer’s 完成', () => {
    const f = figures([
      verified({ claimedAt: at(0), resolvedAt: at(30) }),
      verified({ claimedAt: at(16), resolvedAt: at(90) }),
    ])
    expect(f.claimMedian).toBe(8 * MIN)
    expect(f.resolveMedian).toBe(60 * MIN)
    expect(f.resolveP90).toBe(84 * MIN)
  })
})
