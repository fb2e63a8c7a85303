// When a recurring timer fires next: every day at a local time, or on one weekday at a local time, in
// the community's own time zone (so a digest at 20:00 stays at 20:00 across DST and server moves).
import { DateTime } from 'luxon'

export interface Recurrence {
  /** local time, "HH:mm" */
  at: string
  /** ISO weekday, 1 = Monday … 7 = Sunday; absent = every day */
  weekday?: number
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(r: Recurrence, after: Date, tz: string): Date {
  const [hour, minute] = r.at.split(':').map(Number) as [number, number]
  const from = DateTime.fromJSDate(after, { zone: tz })
  let at = from.set({ hour, minute, second: 0, millisecond: 0 })
  if (r.weekday !== undefined) at = at.plus({ days: (r.weekday - at.weekday + 7) % 7 })
  if (at <= from) at = at.plus({ days: r.weekday === undefined ? 1 : 7 })
  return at.toJSDate()
}

/** The name of the period an occurrence belongs to ("2026-11-30"), for a job key that fires once per period. */
export const occurrenceLabel = (at: Date, tz: string): string =>
  DateTime.fromJSDate(at, { zone: tz }).toFormat("yyyy-MM-dd'T'HH:mm")

/** The local day ("2026-11-30") or ISO week ("2026-W49") an occurrence belongs to: a key once per period. */
export const periodLabel = (at: Date, tz: string, period: 'day' | 'week'): string =>
  DateTime.fromJSDate(at, { zone: tz }).toFormat(period === 'day' ? 'yyyy-MM-dd' : "kkkk-'W'WW")
