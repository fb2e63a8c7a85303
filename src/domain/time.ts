// Calendar questions asked in the community's own time zone.
import { DateTime } from 'luxon'
import type { Locale } from './text.js'

export type Period = 'today' | 'week' | 'month' | 'all'

export function periodStart(period: Period, now: Date, tz: string): Date | undefined {
  const local = DateTime.fromJSDate(now, { zone: tz })
  if (period === 'today') return local.startOf('day').toJSDate()
  if (period === 'week') return local.startOf('week').toJSDate() // ISO week: Monday
  if (period === 'month') return local.startOf('month').toJSDate()
  return undefined
}

const zhWeekday = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** "今天 08:00", "明天 08:00", "周三 08:00" — how a neighbour would say it. */
export function formatWhen(t: Date, now: Date, tz: string, locale: Locale): string {
  const at = DateTime.fromJSDate(t, { zone: tz })
  const days = Math.round(at.startOf('day').diff(DateTime.fromJSDate(now, { zone: tz }).startOf('day'), 'days').days)
  const hm = at.toFormat('HH:mm')
  if (locale === 'en')
    return `${days === 0 ? 'today' : days === 1 ? 'tomorrow' : at.setLocale('en').toFormat('ccc')} ${hm}`
  return `${days === 0 ? '今天' : days === 1 ? '明天' : days === 2 ? '后天' : zhWeekday[at.weekday]} ${hm}`
}

/** Short local time for notices: "11月23日 14:05". */
export function formatStamp(t: Date, tz: string, locale: Locale): string {
  const at = DateTime.fromJSDate(t, { zone: tz })
  return locale === 'en' ? at.setLocale('en').toFormat('d LLL HH:mm') : at.toFormat('M月d日 HH:mm')
}
