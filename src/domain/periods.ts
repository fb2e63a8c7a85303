// The periods the committee asks about — 今天, 本周, 上周, 本月, 上月, 2026-11, 11月, 11月1日至15日, 全部 —
// read from what they type and turned into a range of instants in the community's own time zone, so
// "本月" on the 1st at 00:30 in Shanghai is November there, whatever the server's clock says.
import { DateTime } from 'luxon'

/** A period as said: a named one, a month, a range of days. Resolved against "now" by `periodRange`. */
export type PeriodSpec =
  | { kind: 'today' | 'yesterday' | 'week' | 'lastWeek' | 'month' | 'lastMonth' | 'year' | 'lastYear' | 'all' }
  | { kind: 'monthOf'; year?: number; month: number }
  | { kind: 'days'; from: LocalDay; to: LocalDay }

export interface LocalDay {
  year?: number
  month: number
  day: number
}

/** A resolved period: [from, to) in instants (absent = unbounded), and how to name it. */
export interface Period {
  spec: PeriodSpec
  from?: Date
  to?: Date
  /** the first and last local day it covers, "2026-11-01" (absent for 全部) */
  first?: string
  last?: string
}

const named: Record<string, Exclude<PeriodSpec['kind'], 'monthOf' | 'days'>> = {
  今天: 'today',
  今日: 'today',
  昨天: 'yesterday',
  昨日: 'yesterday',
  本周: 'week',
  这周: 'week',
  本星期: 'week',
  这星期: 'week',
  这个星期: 'week',
  上周: 'lastWeek',
  上星期: 'lastWeek',
  上个星期: 'lastWeek',
  本月: 'month',
  这个月: 'month',
  这月: 'month',
  上月: 'lastMonth',
  上个月: 'lastMonth',
  今年: 'year',
  本年: 'year',
  去年: 'lastYear',
  全部: 'all',
  所有: 'all',
  总共: 'all',
  today: 'today',
  yesterday: 'yesterday',
  week: 'week',
  'this week': 'week',
  lastweek: 'lastWeek',
  'last week': 'lastWeek',
  month: 'month',
  'this month': 'month',
  lastmonth: 'lastMonth',
  'last month': 'lastMonth',
  year: 'year',
  'this year': 'year',
  lastyear: 'lastYear',
  'last year': 'lastYear',
  all: 'all',
}

/** The named periods' words, longest first: the grammar lets them follow 统计 without a space (统计上周). */
export const periodWords: readonly string[] = Object.keys(named).sort((a, b) => b.length - a.length)

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s))

// 2026-11, 2026/11, 2026.11, 2026年11月
const yearMonth = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/
// 11月
const monthOnly = /^(\d{1,2})\s*月份?$/
// one day: 2026-11-03, 2026年11月3日, 11月3日, 11-3, 11/3, 11.3 ; the end of a range may be just the day (15日)
const dayForm = /^(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/
const dayOnly = /^(\d{1,2})\s*[日号]?$/
const rangeWords = /[~～至到—]/

function readDay(s: string): LocalDay | undefined {
  const m = dayForm.exec(s)
  if (!m) return undefined
  return { year: num(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

const validMonth = (m: number) => m >= 1 && m <= 12
const validDay = (d: LocalDay) => validMonth(d.month) && d.day >= 1 && d.day <= 31

/** One period, as typed, or undefined when the words are not a period. */
export function readPeriod(text: string): PeriodSpec | undefined {
  const s = text.trim().toLowerCase()
  if (!s) return undefined
  const kind = named[s]
  if (kind) return { kind }
  const ym = yearMonth.exec(s)
  if (ym) return validMonth(Number(ym[2])) ? { kind: 'monthOf', year: Number(ym[1]), month: Number(ym[2]) } : undefined
  const mo = monthOnly.exec(s)
  if (mo) return validMonth(Number(mo[1])) ? { kind: 'monthOf', month: Number(mo[1]) } : undefined
  const d = readDay(s)
  if (d) return validDay(d) ? { kind: 'days', from: d, to: d } : undefined
  const words = s.split(rangeWords)
  if (words.length === 2) return readRange(words[0]!, words[1]!)
  if (words.length > 2) return undefined
  // A dash between two days (11月1日-11月15日, 2026-11-01-2026-11-15): the one dash both sides of which are days.
  for (let i = s.indexOf('-'); i > 0; i = s.indexOf('-', i + 1)) {
    const r = readRange(s.slice(0, i), s.slice(i + 1))
    if (r) return r
  }
  return undefined
}

function readRange(a: string, b: string): PeriodSpec | undefined {
  const from = readDay(a.trim())
  if (!from) return undefined
  const endDay = dayOnly.exec(b.trim())
  const to: LocalDay | undefined = endDay
    ? { year: from.year, month: from.month, day: Number(endDay[1]) }
    : readDay(b.trim())
  if (!to || !validDay(from) || !validDay(to)) return undefined
  return { kind: 'days', from, to: { ...to, year: to.year ?? from.year } }
}

/** The most recent such month or day not after today: "11月" in January means last November. */
function pastYear(month: number, day: number, today: DateTime): number {
  return month * 100 + day > today.month * 100 + today.day ? today.year - 1 : today.year
}

/** The instants a period covers, in the community's time zone. */
export function periodRange(spec: PeriodSpec, now: Date, tz: string): Period {
  const today = DateTime.fromJSDate(now, { zone: tz }).startOf('day')
  const span = (a: DateTime, b: DateTime): Period => ({
    spec,
    from: a.toJSDate(),
    to: b.toJSDate(),
    first: a.toISODate()!,
    last: b.minus({ days: 1 }).toISODate()!,
  })
  switch (spec.kind) {
    case 'today':
      return span(today, today.plus({ days: 1 }))
    case 'yesterday':
      return span(today.minus({ days: 1 }), today)
    case 'week':
      return span(today.startOf('week'), today.startOf('week').plus({ weeks: 1 }))
    case 'lastWeek':
      return span(today.startOf('week').minus({ weeks: 1 }), today.startOf('week'))
    case 'month':
      return span(today.startOf('month'), today.startOf('month').plus({ months: 1 }))
    case 'lastMonth':
      return span(today.startOf('month').minus({ months: 1 }), today.startOf('month'))
    case 'year':
      return span(today.startOf('year'), today.startOf('year').plus({ years: 1 }))
    case 'lastYear':
      return span(today.startOf('year').minus({ years: 1 }), today.startOf('year'))
    case 'all':
      return { spec }
    case 'monthOf': {
      const year = spec.year ?? pastYear(spec.month, 1, today)
      const start = DateTime.fromObject({ year, month: spec.month, day: 1 }, { zone: tz })
      return span(start, start.plus({ months: 1 }))
    }
    case 'days': {
      const fromYear = spec.from.year ?? pastYear(spec.from.month, spec.from.day, today)
      let a = DateTime.fromObject({ year: fromYear, month: spec.from.month, day: spec.from.day }, { zone: tz })
      let b = DateTime.fromObject(
        { year: spec.to.year ?? fromYear, month: spec.to.month, day: spec.to.day },
        { zone: tz },
      )
      // 12月28日至1月3日: the end is in the next year.
      if (spec.to.year === undefined && b < a) b = b.plus({ years: 1 })
      if (b < a) [a, b] = [b, a]
      return span(a, b.plus({ days: 1 }))
    }
  }
}

/** The local weeks (Monday first) that overlap [from, to): the chart's bars. */
export function weeksOf(from: Date, to: Date, tz: string): Date[] {
  const edges: Date[] = []
  let w = DateTime.fromJSDate(from, { zone: tz }).startOf('week')
  const end = DateTime.fromJSDate(to, { zone: tz })
  while (w < end) {
    edges.push(w.toJSDate())
    w = w.plus({ weeks: 1 })
  }
  return edges
}

/** "11月2日" / "Nov 2": a local day, short. */
export function shortDay(d: Date, tz: string, locale: 'zh-CN' | 'en'): string {
  const t = DateTime.fromJSDate(d, { zone: tz })
  return locale === 'en' ? t.setLocale('en').toFormat('LLL d') : `${t.month}月${t.day}日`
}

const offsets = new Map<string, number>()
const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/**
 * Local date and time, "2026-11-02 09:05", as a spreadsheet reads it. An export writes it ~100k times:
 * the zone's offset is looked up once per hour of the clock (where it can change), the rest is arithmetic.
 */
export function localStamp(d: Date, tz: string): string {
  const hour = Math.floor(d.getTime() / 3_600_000)
  const key = `${tz} ${hour}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    if (offsets.size > 100_000) offsets.clear()
    offset = DateTime.fromJSDate(d, { zone: tz }).offset
    offsets.set(key, offset)
  }
  const t = new Date(d.getTime() + offset * 60_000)
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`
}

/** The local day a moment falls on, "2026-11-02". */
export const localDay = (d: Date, tz: string): string => DateTime.fromJSDate(d, { zone: tz }).toISODate()!
