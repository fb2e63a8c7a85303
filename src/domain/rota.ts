// The duty rota (DESIGN §4, issue 5): weekly shifts in the community's time zone, manual 值班/下班,
// and who gets pinged for a case. Pure: no IO, no clock reads — every function takes the instant.
import { DateTime } from 'luxon'
import { trimChars } from './text.js'

/** A weekly shift. Days are ISO weekdays (1 = Mon … 7 = Sun) on which the shift STARTS. */
export interface ShiftRule {
  days: number[]
  /** minutes from local midnight, 0…1439 */
  start: number
  /** minutes from local midnight, 1…1440; end <= start means the shift crosses midnight */
  end: number
}

export type ShiftParse = { ok: true; rule: ShiftRule } | { ok: false; error: 'bad_days' | 'bad_time' | 'empty' }

const DAY_MINUTES = 24 * 60

// ---------------------------------------------------------------------------------------------
// Parsing "周一至周五 08:00-20:00", "Sat,Sun 9:00-17:00", "周三 22:00-06:00", …

const zhNumeral: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  七: 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
}
const enDay: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  weds: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
}
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7]
const dayKeywords: Record<string, number[]> = {
  每天: ALL_DAYS,
  每日: ALL_DAYS,
  天天: ALL_DAYS,
  全周: ALL_DAYS,
  daily: ALL_DAYS,
  everyday: ALL_DAYS,
  工作日: [1, 2, 3, 4, 5],
  weekday: [1, 2, 3, 4, 5],
  weekdays: [1, 2, 3, 4, 5],
  周末: [6, 7],
  双休日: [6, 7],
  weekend: [6, 7],
  weekends: [6, 7],
}

/** One day name: 周一 / 星期一 / 礼拜天 / 周1 / Mon / monday; a bare 一…日 only when `bare` is allowed. */
export function parseDayName(s: string, bare: boolean): number | undefined {
  const zh = /^(周|星期|礼拜)?([一二三四五六日天七1-7])$/.exec(s)
  if (zh) {
    if (!zh[1] && (!bare || /\d/.test(zh[2]!))) return undefined
    return zhNumeral[zh[2]!]
  }
  return enDay[s]
}

/** `raw` comes from parseShift, where every run of whitespace is one space: one space is all there is to match. */
function parseDays(raw: string): number[] | undefined {
  let s = raw
    .toLowerCase()
    .replace(/every\s+day/g, 'daily')
    .replace(/\s(?:to|through|thru)\s/g, '-')
    .replace(/\s?[-至到~—–−]\s?/g, '-')
  s = s.trim()
  if (!s) return undefined
  const tokens = s.split(/[,，、;；/\s]+|[和及与]/).filter(Boolean)
  if (tokens.length === 0) return undefined
  const days = new Set<number>()
  for (const tok of tokens) {
    const kw = dayKeywords[tok]
    if (kw) {
      kw.forEach((d) => days.add(d))
      continue
    }
    const parts = tok.split('-')
    if (parts.length === 1) {
      const d = parseDayName(tok, true)
      if (d === undefined) return undefined
      days.add(d)
    } else if (parts.length === 2) {
      const a = parseDayName(parts[0]!, true)
      const b = parseDayName(parts[1]!, true)
      if (a === undefined || b === undefined) return undefined
      // a range may wrap the week end: 周五至周一 = Fri, Sat, Sun, Mon
      for (let d = a; ; d = (d % 7) + 1) {
        days.add(d)
        if (d === b) break
      }
    } else {
      return undefined
    }
  }
  return [...days].sort((x, y) => x - y)
}

const TIME_RE = /(\d{1,2})\s*[:：.]\s*(\d{2})\s*[-~至到—–−]\s*(\d{1,2})\s*[:：.]\s*(\d{2})\s*$/

export function parseShift(spec: string): ShiftParse {
  // NFKC turns full-width digits, colon, dash, tilde and comma into ASCII (０８：００－２０：００ → 08:00-20:00).
  const s = spec.normalize('NFKC').replace(/\s+/g, ' ').trim()
  if (!s) return { ok: false, error: 'empty' }
  const m = TIME_RE.exec(s)
  if (!m) {
    // no well-formed time: blame the days if they are bad too, else the time
    const firstDigit = /(?<![周期拜])\d/.exec(s)
    const days = firstDigit ? s.slice(0, firstDigit.index) : s
    return { ok: false, error: parseDays(days) ? 'bad_time' : 'bad_days' }
  }
  const days = parseDays(s.slice(0, m.index))
  if (!days) return { ok: false, error: 'bad_days' }
  const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number]
  if (sh > 23 || sm > 59 || em > 59 || eh > 24 || (eh === 24 && em !== 0)) return { ok: false, error: 'bad_time' }
  const start = sh * 60 + sm
  const end = eh * 60 + em
  if (end === 0) return { ok: true, rule: { days, start, end: DAY_MINUTES } } // "20:00-00:00" ends at midnight
  return { ok: true, rule: { days, start, end } }
}

// ---------------------------------------------------------------------------------------------
// Formatting

const zhDayName = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']
const enDayName = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

const hhmm = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`

/** Runs of consecutive days, wrapping Sun→Mon: [5,6,7,1] is one run. */
function dayRuns(days: number[]): number[][] {
  const set = new Set(days.filter((d) => d >= 1 && d <= 7))
  if (set.size === 0) return []
  // start just after a gap so a run over the week end stays in one piece
  let first = 1
  if (set.size < 7) while (!(set.has(first) && !set.has(first === 1 ? 7 : first - 1))) first++
  const runs: number[][] = []
  let run: number[] = []
  for (let i = 0; i < 7; i++) {
    const d = ((first - 1 + i) % 7) + 1
    if (set.has(d)) run.push(d)
    else if (run.length) {
      runs.push(run)
      run = []
    }
  }
  if (run.length) runs.push(run)
  return runs
}

export function formatDays(days: number[], locale: 'zh-CN' | 'en'): string {
  const runs = dayRuns(days)
  const zh = locale === 'zh-CN'
  const names = zh ? zhDayName : enDayName
  if (runs.length === 1 && runs[0]!.length === 7) return zh ? '每天' : 'Daily'
  const parts: string[] = []
  for (const r of runs) {
    if (r.length >= 3) parts.push(`${names[r[0]!]}${zh ? '至' : '-'}${names[r[r.length - 1]!]}`)
    else r.forEach((d) => parts.push(names[d]!))
  }
  return parts.join(zh ? '、' : ', ')
}

/** Canonical text; parseShift(formatShift(r)) gives r back. */
export function formatShift(rule: ShiftRule, locale: 'zh-CN' | 'en'): string {
  return `${formatDays(rule.days, locale)} ${hhmm(rule.start)}-${hhmm(rule.end)}`
}

// ---------------------------------------------------------------------------------------------
// Who is on duty at t

export interface DutyState {
  shifts: ShiftRule[]
  /** 值班: on duty while t < manualOnUntil, shift or not */
  manualOnUntil?: Date | null
  /** 下班: off duty while t < manualOffUntil, whatever the shifts say (beats manualOnUntil too) */
  manualOffUntil?: Date | null
}

/** The local wall clock at an instant: what shifts are compared against. */
export interface LocalTime {
  weekday: number
  minute: number
}

// A zone's offset from UTC, asked of luxon (Intl underneath: ~90 µs, a tenth of a ring) once per quarter
// hour of UTC per zone. Exact: every zone in use changes its offset only on a quarter hour (02:00 local in
// Kathmandu's +5:45 is 20:15 UTC), so the offset is the same throughout a quarter.
const QUARTER_MS = 15 * 60_000
let zoneMemo: { quarter: number; tz: string; offsetMs: number } | undefined

function offsetMs(ms: number, tz: string): number {
  const quarter = Math.floor(ms / QUARTER_MS)
  if (zoneMemo && zoneMemo.quarter === quarter && zoneMemo.tz === tz) return zoneMemo.offsetMs
  const dt = DateTime.fromMillis(ms, { zone: tz })
  if (!dt.isValid) throw new RangeError(`invalid time zone or date: ${tz} ${String(new Date(ms))}`)
  zoneMemo = { quarter, tz, offsetMs: dt.offset * 60_000 }
  return zoneMemo.offsetMs
}

export function localTime(t: Date, tz: string): LocalTime {
  const ms = t.getTime()
  if (Number.isNaN(ms)) throw new RangeError(`invalid time zone or date: ${tz} ${String(t)}`)
  const wall = new Date(ms + offsetMs(ms, tz))
  // Luxon's weekdays: Monday 1 … Sunday 7.
  return { weekday: wall.getUTCDay() || 7, minute: wall.getUTCHours() * 60 + wall.getUTCMinutes() }
}

/** Does the rule cover this local time? Start inclusive, end exclusive; a night shift's tail counts on the next day. */
export function shiftCovers(r: ShiftRule, lt: LocalTime): boolean {
  const { weekday: w, minute: m } = lt
  if (r.end > r.start) return m >= r.start && m < r.end && r.days.includes(w)
  const prev = w === 1 ? 7 : w - 1
  return (m >= r.start && r.days.includes(w)) || (m < r.end && r.days.includes(prev))
}

function onDutyAt(d: DutyState, t: Date, lt: LocalTime): boolean {
  if (d.manualOffUntil && t.getTime() < d.manualOffUntil.getTime()) return false
  if (d.manualOnUntil && t.getTime() < d.manualOnUntil.getTime()) return true
  return d.shifts.some((r) => shiftCovers(r, lt))
}

/** Manual off (下班) beats everything; manual on (值班) beats "no shift now"; else the shifts decide. */
export function onDuty(d: DutyState, t: Date, tz: string): boolean {
  return onDutyAt(d, t, localTime(t, tz))
}

const LOOKAHEAD_DAYS = 8

/**
 * The earliest instant after t at which some volunteer goes from off to on duty (a shift starts, or a
 * 下班 runs out inside a shift), looking at most 8 days ahead. Undefined if nobody ever comes on.
 */
export function nextShiftStart(ds: DutyState[], t: Date, tz: string): Date | undefined {
  const base = DateTime.fromJSDate(t, { zone: tz })
  if (!base.isValid) throw new RangeError(`invalid time zone or date: ${tz} ${String(t)}`)
  const now = t.getTime()
  const horizon = now + LOOKAHEAD_DAYS * 86_400_000
  const today = base.startOf('day')
  const days: { ms: number; weekday: number; dt: DateTime }[] = []
  for (let i = 0; i <= LOOKAHEAD_DAYS; i++) {
    const dt = today.plus({ days: i })
    days.push({ ms: dt.toMillis(), weekday: dt.weekday, dt })
  }
  // volunteers share a handful of shift rules: compute each start instant and local time once per call
  const starts = new Map<number, number>()
  const startAt = (dayIdx: number, minute: number): number => {
    const k = dayIdx * DAY_MINUTES + minute
    let ms = starts.get(k)
    if (ms === undefined) {
      ms = days[dayIdx]!.dt.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis()
      starts.set(k, ms)
    }
    return ms
  }
  const locals = new Map<number, LocalTime>()
  const localAt = (ms: number): LocalTime => {
    let lt = locals.get(ms)
    if (lt === undefined) {
      const dt = DateTime.fromMillis(ms, { zone: tz })
      lt = { weekday: dt.weekday, minute: dt.hour * 60 + dt.minute }
      locals.set(ms, lt)
    }
    return lt
  }
  let best: number | undefined
  const consider = (d: DutyState, ms: number): void => {
    if (ms <= now || ms > horizon || (best !== undefined && ms >= best)) return
    if (onDutyAt(d, new Date(ms), localAt(ms)) && !onDutyAt(d, new Date(ms - 1), localAt(ms - 1))) best = ms
  }
  for (const d of ds) {
    for (let i = 0; i < days.length; i++) {
      if (best !== undefined && days[i]!.ms >= best) break
      for (const r of d.shifts) if (r.days.includes(days[i]!.weekday)) consider(d, startAt(i, r.start))
    }
    if (d.manualOffUntil) consider(d, d.manualOffUntil.getTime())
  }
  return best === undefined ? undefined : new Date(best)
}

/**
 * When 值班 / 下班 said at t runs out: the start of the next local day (exclusive, so the state holds
 * through 23:59:59.999 local time). Store it as manualOnUntil / manualOffUntil.
 */
export function endOfLocalDay(t: Date, tz: string): Date {
  const dt = DateTime.fromJSDate(t, { zone: tz })
  if (!dt.isValid) throw new RangeError(`invalid time zone or date: ${tz} ${String(t)}`)
  return dt.startOf('day').plus({ days: 1 }).toJSDate()
}

// ---------------------------------------------------------------------------------------------
// Who is pinged

export interface Candidate {
  id: number
  /** categories this volunteer handles (物业, 法律, 银龄, …) */
  skills: string[]
  /** place paths; "锦绣新村" covers "锦绣新村/9幢". An empty list covers the whole community. */
  places: string[]
  openCases: number
  maxOpen: number
  duty: DutyState
}

export interface Pick {
  ids: number[]
  scope: 'match' | 'on_duty' | 'skill_all' | 'none'
}

// Skills and place paths come from a small vocabulary: remember their normal forms (NFKC is not cheap).
function memoized(f: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>()
  return (s) => {
    let v = cache.get(s)
    if (v === undefined) {
      if (cache.size >= 10_000) cache.clear()
      v = f(s)
      cache.set(s, v)
    }
    return v
  }
}

const slash = new Set(['/'])
const normPath = memoized((p) =>
  trimChars(
    p
      .normalize('NFKC')
      .split('/')
      .map((s) => s.trim())
      .join('/'),
    slash,
  ),
)

/** "锦绣新村" covers "锦绣新村" and "锦绣新村/9幢/2单元", not "锦绣新村二期". An empty covering path covers all. */
export function placeCovers(covering: string, place: string): boolean {
  const c = normPath(covering)
  const p = normPath(place)
  if (c === '') return true
  return p === c || p.startsWith(c + '/')
}

const normSkill = memoized((s) => s.normalize('NFKC').trim().toLowerCase())

function hasSkill(v: { skills: string[] }, category: string): boolean {
  const c = normSkill(category)
  return c !== '' && v.skills.some((s) => normSkill(s) === c)
}

/** A case with no place is anywhere; a volunteer with no places goes anywhere. */
function coversPlace(v: { places: string[] }, place: string): boolean {
  if (normPath(place) === '' || v.places.length === 0) return true
  return v.places.some((c) => placeCovers(c, place))
}

/** A volunteer for this case, on duty or not: the skill it needs, and a place they cover. */
export const fitsCase = (v: { skills: string[]; places: string[] }, c: { category: string; place: string }): boolean =>
  hasSkill(v, c.category) && coversPlace(v, c.place)

const byLoad = (a: Candidate, b: Candidate): number => a.openCases - b.openCases || a.id - b.id

/** The `limit` least-loaded volunteers, in order; a partial insertion sort, as limit is usually ~3. */
function leastLoaded(vs: Candidate[], limit: number): Candidate[] {
  if (limit <= 0) return []
  if (limit >= vs.length || limit > 32) return [...vs].sort(byLoad).slice(0, limit)
  const top: Candidate[] = []
  for (const v of vs) {
    if (top.length === limit && byLoad(v, top[limit - 1]!) >= 0) continue
    let i = Math.min(top.length, limit - 1)
    while (i > 0 && byLoad(v, top[i - 1]!) < 0) i--
    top.splice(i, 0, v)
    if (top.length > limit) top.pop()
  }
  return top
}

/**
 * Who to ping for a case at t.
 * Default chain: on-duty volunteers with the skill who cover the place ('match'); else every on-duty
 * volunteer ('on_duty'); else nobody ('none' — the caller goes to the next rung).
 * widen 'skill' (escalation): every volunteer with the skill, on duty or not, anywhere ('skill_all');
 * if there is none, the default chain.
 * Volunteers at or over maxOpen, and those in `exclude`, are never picked. Fewer open cases first,
 * ties by id; at most `limit` (default 3).
 */
export function pickVolunteers(
  cands: Candidate[],
  c: { category: string; place: string },
  t: Date,
  tz: string,
  opts: { widen?: 'skill'; exclude?: number[]; limit?: number } = {},
): Pick {
  const limit = Math.max(0, opts.limit ?? 3)
  const exclude = new Set(opts.exclude ?? [])
  const free = cands.filter((v) => !exclude.has(v.id) && v.openCases < v.maxOpen)
  const take = (vs: Candidate[], scope: Pick['scope']): Pick => ({
    scope,
    ids: leastLoaded(vs, limit).map((v) => v.id),
  })
  if (opts.widen === 'skill') {
    // Widening reaches people off shift, but never someone who said 下班 today.
    const skilled = free.filter((v) => hasSkill(v, c.category) && !(v.duty.manualOffUntil && t < v.duty.manualOffUntil))
    if (skilled.length) return take(skilled, 'skill_all')
  }
  const lt = localTime(t, tz)
  // One pass over a street office's thousand: who is on now, and of them who fits.
  const onNow: Candidate[] = []
  const match: Candidate[] = []
  for (const v of free) {
    if (!onDutyAt(v.duty, t, lt)) continue
    onNow.push(v)
    if (fitsCase(v, c)) match.push(v)
  }
  if (match.length) return take(match, 'match')
  if (onNow.length) return take(onNow, 'on_duty')
  return { ids: [], scope: 'none' }
}
