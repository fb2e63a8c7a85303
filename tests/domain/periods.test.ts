// Periods as the committee says them, resolved in the community's own time zone (issue 13).
import { describe, expect, it } from 'vitest'
import { localStamp, periodRange, readPeriod, weeksOf, type PeriodSpec } from '../../src/domain/periods.js'
import { readStatsQuery } from '../../src/domain/stats-query.js'

const SH = 'Asia/Shanghai'
// Monday 2 November 2026, 09:00 in Shanghai.
const now = new Date('2026-11-02T09:00:00+08:00')
const range = (text: string, at = now) => {
  const spec = readPeriod(text)
  if (!spec) throw new Error(`not a period: ${text}`)
  const p = periodRange(spec, at, SH)
  return [p.first, p.last]
}

describe('reading a period', () => {
  it.each<[string, [string, string] | undefined]>([
    ['今天', ['2026-11-02', '2026-11-02']],
    ['昨天', ['2026-11-01', '2026-11-01']],
    ['本周', ['2026-11-02', '2026-11-08']],
    ['上周', ['2026-10-26', '2026-11-01']],
    ['上星期', ['2026-10-26', '2026-11-01']],
    ['本月', ['2026-11-01', '2026-11-30']],
    ['上个月', ['2026-10-01', '2026-10-31']],
    ['上月', ['2026-10-01', '2026-10-31']],
    ['2026-11', ['2026-11-01', '2026-11-30']],
    ['2026年9月', ['2026-09-01', '2026-09-30']],
    ['11月', ['2026-11-01', '2026-11-30']],
    // a month still to come this year means last year's
    ['12月', ['2025-12-01', '2025-12-31']],
    ['11月1日至11月15日', ['2026-11-01', '2026-11-15']],
    ['11月1日到15日', ['2026-11-01', '2026-11-15']],
    ['2026-10-01~2026-10-07', ['2026-10-01', '2026-10-07']],
    ['2026-10-01-2026-10-07', ['2026-10-01', '2026-10-07']],
    ['10.1-10.7', ['2026-10-01', '2026-10-07']],
    ['12月28日至1月3日', ['2025-12-28', '2026-01-03']],
    ['11月3日', ['2025-11-03', '2025-11-03']],
    ['last week', ['2026-10-26', '2026-11-01']],
  ])('%s', (text, want) => expect(range(text)).toEqual(want))

  it.each(['明年', '13月', '2026-13', '11月32日', '去年的', ''])('%s is not a period', (text) => {
    expect(readPeriod(text)).toBeUndefined()
  })

  it('全部 has no bounds', () => {
    expect(periodRange({ kind: 'all' }, now, SH)).toEqual({ spec: { kind: 'all' } })
  })
})

describe('the month boundary is the community’s, not the server’s', () => {
  // 00:30 on 1 December in Shanghai is still 30 November in UTC.
  const early = new Date('2026-11-30T16:30:00Z')
  it('本月 at 00:30 on the 1st in Shanghai is December', () => {
    const p = periodRange({ kind: 'month' }, early, SH)
    expect(p.first).toBe('2026-12-01')
    expect(p.from).toEqual(new Date('2026-11-30T16:00:00Z'))
  })
  it('上月 then is November, ending at Shanghai midnight', () => {
    const p = periodRange({ kind: 'lastMonth' }, early, SH)
    expect([p.first, p.last]).toEqual(['2026-11-01', '2026-11-30'])
    expect(p.to).toEqual(new Date('2026-11-30T16:00:00Z'))
  })
  it('the same instant in New York is still November', () => {
    expect(periodRange({ kind: 'month' }, early, 'America/New_York').first).toBe('2026-11-01')
  })
})

describe('weeks for the chart', () => {
  it('Mondays in the community’s zone', () => {
    const p = periodRange({ kind: 'month' } as PeriodSpec, now, SH)
    const edges = weeksOf(p.from!, p.to!, SH)
    expect(edges.map((d) => d.toISOString())).toEqual([
      '2026-10-25T16:00:00.000Z',
      '2026-11-01T16:00:00.000Z',
      '2026-11-08T16:00:00.000Z',
      '2026-11-15T16:00:00.000Z',
      '2026-11-22T16:00:00.000Z',
      '2026-11-29T16:00:00.000Z',
    ])
  })
})

describe('what follows 统计', () => {
  const vocab = { buildings: ['锦绣新村/9幢', '锦绣新村/10幢'], categories: ['物业', '法律'], volunteers: ['钱阿姨'] }
  it.each<[string, object]>([
    ['', { chart: false }],
    ['上周', { period: { kind: 'lastWeek' } }],
    ['11月 按楼栋', { period: { kind: 'monthOf', month: 11 }, split: 'building' }],
    ['9幢', { filter: { building: '锦绣新村/9幢' } }],
    ['9栋 本月', { filter: { building: '锦绣新村/9幢' }, period: { kind: 'month' } }],
    ['物业', { filter: { category: '物业' } }],
    ['#法律 上月', { filter: { category: '法律' }, period: { kind: 'lastMonth' } }],
    ['钱阿姨', { filter: { volunteer: '钱阿姨' } }],
    ['各社区', { split: 'community' }],
    ['图 本月', { chart: true, period: { kind: 'month' } }],
    ['last month by category', { period: { kind: 'lastMonth' }, split: 'category' }],
  ])('%s', (text, want) => expect(readStatsQuery(text, vocab)).toMatchObject(want))

  it.each([
    ['明年', '明年'],
    ['11幢', '11幢'],
    ['本月 上月', '上月'],
  ])('%s: 「%s」 is not understood', (text, word) => expect(readStatsQuery(text, vocab)).toEqual({ error: word }))
})

describe('local stamps for the export', () => {
  it.each([
    ['2026-11-02T01:05:00Z', 'Asia/Shanghai', '2026-11-02 09:05'],
    ['2026-11-30T16:30:00Z', 'Asia/Shanghai', '2026-12-01 00:30'],
    // across New York's change back to winter time: the offset is the one of that hour
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01 01:30'],
    ['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01 01:30'],
    ['2026-11-01T07:30:00Z', 'America/New_York', '2026-11-01 02:30'],
  ])('%s in %s is %s', (iso, tz, want) => expect(localStamp(new Date(iso), tz)).toBe(want))
})
