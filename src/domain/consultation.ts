// Consultations (征询) and polls (投票), issue 14: how the committee writes one, how a neighbour's plain
// answer is read, and the tally against its threshold. Pure: the clock and the time zone are passed in.
// Every reader here runs on what people type, so each is one pass over the text (no backtracking).
import { DateTime } from 'luxon'
import { findBuilding, type RoomError } from './household.js'
import { normalize, trimSeparators } from './text.js'

export type Kind = 'consult' | 'poll'
/** Each household answers once, or each person. */
export type Unit = 'household' | 'person'
/** A share of all covered (households or people), a share of those who answered, or a count. */
export type Basis = 'covered' | 'answers' | 'count'

/** num/den of the base (count: num answers, den 1); `strict`: more than, not at least (过半). */
export interface Threshold {
  basis: Basis
  num: number
  den: number
  strict: boolean
}

export interface ConsultSpec {
  kind: Kind
  title: string
  options: string[]
  /** place paths; [] = the whole community */
  places: string[]
  unit: Unit
  threshold: Threshold | null
  deadline: Date
  /** the committee's own count of what is covered (共434户) */
  total?: number
  /** the case it decides (议事) */
  caseNo?: number
}

export type ConsultError =
  | { error: 'no_title' }
  | { error: 'need_options' }
  | { error: 'too_many_options'; max: number }
  | { error: 'same_options' }
  | { error: 'unknown_place'; place: string }
  | { error: 'ambiguous_place'; place: string }
  | { error: 'bad_threshold'; text: string }
  | { error: 'bad_deadline'; text: string }
  | { error: 'deadline_past' }
  | { error: 'deadline_far'; days: number }

export const MAX_OPTIONS = 9
export const MAX_DAYS = 90
const MIN_LEAD_MS = 10 * 60_000

export interface ReadContext {
  kind: Kind
  now: Date
  tz: string
  /** the community's places (buildings), to resolve 9幢 */
  known: readonly string[]
  /** where it applies when no 范围 is given (the residents' group it was opened in), [] = everywhere */
  defaultPlaces: readonly string[]
  /** 同意、反对 in the community's language */
  defaultOptions: readonly string[]
  /** how long it stays open when no 截止 is given */
  defaultDeadlineMs: number
}

// Fields start after a boundary (the start, a space, punctuation) and run to the next field.
const fieldKey =
  /(?:^|[\s,，。;；])(范围|覆盖|对象|选项|门槛|标准|截止|截至|期限|scope|options|threshold|deadline|until)\s*(?:[:：]\s*)?/gi
const keyName: Record<string, 'places' | 'options' | 'threshold' | 'deadline'> = {
  范围: 'places',
  覆盖: 'places',
  对象: 'places',
  scope: 'places',
  选项: 'options',
  options: 'options',
  门槛: 'threshold',
  标准: 'threshold',
  threshold: 'threshold',
  截止: 'deadline',
  截至: 'deadline',
  期限: 'deadline',
  deadline: 'deadline',
  until: 'deadline',
}
// Flags that may stand anywhere: who answers, the committee's own count, the case it decides.
const perPerson = /每人一票|每人一次|按人|per person/i
const unitFlags = /每人一票|每人一次|按人|per person|每户一票|每户一次|按户|per household/gi
const totalFlag = /共\s*(\d{1,6})\s*[户人]|total\s*(\d{1,6})/i
const caseFlag = /(?:关联|单号|case)\s*(?:#\s*)?(\d{1,7})|#(\d{1,7})/i

/** Full-width digits and letters folded, line by line: newlines are kept (the first line is the title). */
const foldKeepLines = (s: string): string =>
  s
    .split('\n')
    .map((l) => normalize(l))
    .join('\n')
    .trim()

/**
 * 征询 拆除9幢北侧围墙 范围：9幢 门槛：全体77% 截止：11月10日 18:00 共44户 #12
 * 发起投票 墙绘还是道路铺装 选项：墙绘、道路铺装 每人一票 截止 3天
 * The title is what comes before the first field (its first line; the lines after it are the detail).
 */
export function readConsultation(text: string, o: ReadContext): (ConsultSpec & { detail: string }) | ConsultError {
  let s = foldKeepLines(text)
  let unit: Unit = 'household'
  if (perPerson.test(s)) unit = 'person'
  s = s.replace(unitFlags, ' ')
  const total = totalFlag.exec(s)
  if (total) s = s.slice(0, total.index) + ' ' + s.slice(total.index + total[0].length)
  const linked = caseFlag.exec(s)
  if (linked) s = s.slice(0, linked.index) + ' ' + s.slice(linked.index + linked[0].length)

  const fields: Partial<Record<'places' | 'options' | 'threshold' | 'deadline', string>> = {}
  const keys = [...s.matchAll(fieldKey)]
  const head = keys.length ? s.slice(0, keys[0]!.index) : s
  keys.forEach((m, i) => {
    const end = i + 1 < keys.length ? keys[i + 1]!.index : s.length
    fields[keyName[m[1]!.toLowerCase()]!] = trimSeparators(s.slice(m.index + m[0].length, end).trim())
  })
  const [first = '', ...more] = head.split('\n')
  const title = trimSeparators(first.trim())
  if (!title) return { error: 'no_title' }

  const options = fields.options ? readOptions(fields.options) : o.kind === 'consult' ? [...o.defaultOptions] : []
  if (options.length < 2) return { error: 'need_options' }
  if (options.length > MAX_OPTIONS) return { error: 'too_many_options', max: MAX_OPTIONS }
  if (new Set(options.map((x) => x.toLowerCase())).size !== options.length) return { error: 'same_options' }

  let places = [...o.defaultPlaces]
  if (fields.places) {
    const p = readPlaces(fields.places, o.known)
    if ('error' in p) return p
    places = p
  }

  let threshold: Threshold | null = null
  if (fields.threshold) {
    const t = readThreshold(fields.threshold, o.kind === 'consult' ? 'covered' : 'answers')
    if (!t) return { error: 'bad_threshold', text: fields.threshold }
    threshold = t
  }

  let deadline = new Date(o.now.getTime() + o.defaultDeadlineMs)
  if (fields.deadline) {
    const d = readDeadline(fields.deadline, o.now, o.tz)
    if (!d) return { error: 'bad_deadline', text: fields.deadline }
    deadline = d
  }
  if (deadline.getTime() < o.now.getTime() + MIN_LEAD_MS) return { error: 'deadline_past' }
  if (deadline.getTime() > o.now.getTime() + MAX_DAYS * 86_400_000) return { error: 'deadline_far', days: MAX_DAYS }

  const n = total ? Number(total[1] ?? total[2]) : undefined
  const caseNo = linked ? Number(linked[1] ?? linked[2]) : undefined
  return {
    kind: o.kind,
    title,
    detail: more.join('\n').trim(),
    options,
    places,
    unit,
    threshold,
    deadline,
    ...(n ? { total: n } : {}),
    ...(caseNo ? { caseNo } : {}),
  }
}

const enumerator = /^(?:\(?\d{1,2}[.)）、:：]|[①②③④⑤⑥⑦⑧⑨]|[A-I][.)）、])\s*/i

/** 墙绘、道路铺装 · 1.墙绘 2.道路铺装 · ①A品牌 ②B品牌 */
export function readOptions(text: string): string[] {
  return text
    .split(/[、,，/;；|\s]+/)
    .map((t) => trimSeparators(t.replace(enumerator, '')))
    .filter((t) => t && !/^\d{1,2}$/.test(t))
}

const wholeWords = new Set(['全部', '全小区', '全体', '整个小区', '所有', '全社区', '全部住户', 'all', 'everyone'])
const buildingWord = /^(\d{1,3})\s*(?:幢|栋|号楼)\s*(?:(\d{1,2})\s*单元)?$/

/** 9幢 · 9幢2单元 · 9幢、10幢 · 锦绣新村 · 全小区 ([] = the whole community) */
export function readPlaces(
  text: string,
  known: readonly string[],
): string[] | Extract<ConsultError, { error: 'unknown_place' | 'ambiguous_place' }> {
  const estates = [...new Set(known.map((p) => p.split('/')[0]!))]
  const out: string[] = []
  for (const raw of text.split(/[、,，\s和及]+/)) {
    const token = trimSeparators(raw)
    if (!token) continue
    if (wholeWords.has(token.toLowerCase())) return []
    const exact = known.find((p) => p === token) ?? estates.find((e) => e === token)
    if (exact) {
      out.push(exact)
      continue
    }
    const estate = estates.find((e) => token.startsWith(e))
    const rest = estate ? token.slice(estate.length) : token
    const b = buildingWord.exec(rest)
    if (!b) return { error: 'unknown_place', place: token }
    const building = findBuilding(b[1]!, estate, known)
    if (typeof building !== 'string') return placeError(building, token)
    out.push(b[2] ? `${building}/${Number(b[2])}单元` : building)
  }
  return [...new Set(out)]
}

const placeError = (e: RoomError, token: string) =>
  e.error === 'ambiguous'
    ? { error: 'ambiguous_place' as const, place: token }
    : { error: 'unknown_place' as const, place: token }

const zhDigits = '零一二三四五六七八九十'
/** 一 … 十 as a number (enough for shares like 三分之二). */
const zhNumber = (s: string): number | undefined => {
  if (/^\d+$/.test(s)) return Number(s)
  if (s.length === 1) return zhDigits.indexOf(s) >= 0 ? zhDigits.indexOf(s) : undefined
  return undefined
}

/**
 * 77% · 77%以上 · 百分之七十七 is not read, 百分之77 is · 2/3 · 三分之二 · 过半 · 30户 · with 全体/所有 (of all
 * covered) or 答复/参与 (of those who answered) in front; otherwise `basis`.
 */
export function readThreshold(text: string, basis: 'covered' | 'answers'): Threshold | undefined {
  const s = normalize(text).toLowerCase()
  const of: Basis = /全体|全部|所有|总户数|总数|住户总|all|covered/.test(s)
    ? 'covered'
    : /答复|回答|回复|参与|投票|参加|answer|vote/.test(s)
      ? 'answers'
      : basis
  const strict = /超过|多于|高于|大于|more than|over/.test(s)
  const pct = /(\d{1,3}(?:\.\d{1,2})?)\s*%|百分之\s*(\d{1,3}(?:\.\d{1,2})?)/.exec(s)
  if (pct) {
    const v = pct[1] ?? pct[2]!
    const [whole, frac = ''] = v.split('.')
    const den = 100 * 10 ** frac.length
    const num = Number(whole) * 10 ** frac.length + Number(frac || 0)
    if (num <= 0 || num > den) return undefined
    return { basis: of, num, den, strict }
  }
  const slash = /(\d{1,3})\s*\/\s*(\d{1,3})/.exec(s)
  if (slash) return fraction(of, Number(slash[1]), Number(slash[2]), strict)
  const zh = /([一二三四五六七八九十\d])\s*分之\s*([一二三四五六七八九十\d])/.exec(s)
  if (zh) return fraction(of, zhNumber(zh[2]!) ?? 0, zhNumber(zh[1]!) ?? 0, strict)
  if (/过半|半数以上|超过一半|一半以上|多数|majority|half/.test(s)) return { basis: of, num: 1, den: 2, strict: true }
  const count = /(\d{1,6})\s*(?:[户人票]|votes?|households?|people)/.exec(s)
  if (count && Number(count[1]) > 0) return { basis: 'count', num: Number(count[1]), den: 1, strict: false }
  return undefined
}

const fraction = (basis: Basis, num: number, den: number, strict: boolean): Threshold | undefined =>
  num > 0 && den > 0 && num <= den ? { basis, num, den, strict } : undefined

const weekdays: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 }

/**
 * 3天 · 48小时 · 2h · 明天18:00 · 后天 · 周五 18:00 · 11月10日 · 11月10日 18:00 · 2026-11-10 20:00 · 11-10.
 * A day without a time ends at 18:00; a time without a day is the next such time.
 */
export function readDeadline(text: string, now: Date, tz: string): Date | undefined {
  const s = normalize(text).toLowerCase()
  const span = /^(\d{1,3})\s*([天日dhm]|days?|小时|个小时|hours?|分钟|min|minutes?)后?$/.exec(s)
  if (span) {
    const n = Number(span[1])
    const unit = span[2]!
    const ms = /^[天日d]/.test(unit) ? 86_400_000 : /^(?:小时|个小时|h)/.test(unit) ? 3_600_000 : 60_000
    return new Date(now.getTime() + n * ms)
  }
  const local = DateTime.fromJSDate(now, { zone: tz })
  const time = /(\d{1,2})\s*[:：点时]\s*(\d{1,2}|半)?\s*分?/.exec(s)
  // 下午6点 is 18:00; 晚上8点 20:00
  const afternoon = time && /下午|晚上|傍晚|今晚|明晚|pm/.test(s) && Number(time[1]) < 12 ? 12 : 0
  const hour = time ? Number(time[1]) + afternoon : 18
  const minute = time?.[2] === '半' ? 30 : time?.[2] ? Number(time[2]) : 0
  if (hour > 24 || minute > 59) return undefined
  const rest = time ? s.slice(0, time.index) + s.slice(time.index + time[0].length) : s
  const at = (d: DateTime) =>
    d.set({ hour: 0, minute: 0, second: 0, millisecond: 0 }).plus({ hours: hour, minutes: minute })
  const date = /(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/.exec(rest)
  if (date) {
    const year = date[1] ? Number(date[1]) : local.year
    let d = DateTime.fromObject({ year, month: Number(date[2]), day: Number(date[3]) }, { zone: tz })
    if (!d.isValid) return undefined
    if (!date[1] && at(d) < local) d = d.plus({ years: 1 })
    return at(d).toJSDate()
  }
  const rel = /今天|今晚|明天|明晚|后天|大后天|today|tonight|tomorrow/.exec(rest)
  if (rel) {
    const days = { 今天: 0, 今晚: 0, today: 0, tonight: 0, 明天: 1, 明晚: 1, tomorrow: 1, 后天: 2, 大后天: 3 }[rel[0]]!
    return at(local.startOf('day').plus({ days })).toJSDate()
  }
  const week = /(?:周|星期|礼拜)([一二三四五六日天])/.exec(rest)
  if (week) {
    const target = weekdays[week[1]!]!
    let d = local.startOf('day').plus({ days: (target - local.weekday + 7) % 7 })
    if (at(d) <= local) d = d.plus({ days: 7 })
    return at(d).toJSDate()
  }
  if (time && !trimSeparators(rest.trim())) {
    let d = local.startOf('day')
    if (at(d) <= local) d = d.plus({ days: 1 })
    return at(d).toJSDate()
  }
  return undefined
}

// ---- answers ----------------------------------------------------------------------------------------

const yesWords = new Set([
  '同意',
  '赞成',
  '支持',
  '赞同',
  '同意的',
  '我同意',
  '我家同意',
  '我们同意',
  '我们家同意',
  '全家同意',
])
const yesEn = new Set(['yes', 'agree', 'y', 'for'])
const noWords = new Set([
  '反对',
  '不同意',
  '不赞成',
  '不支持',
  '我反对',
  '我家反对',
  '我不同意',
  '我家不同意',
  '我们反对',
  '反对的',
])
const noEn = new Set(['no', 'disagree', 'n', 'against'])
const abstainWords = new Set(['弃权', '不表态', '无所谓', 'abstain'])
const isYes = (o: string) => yesWords.has(o) || yesEn.has(o.toLowerCase())
const isNo = (o: string) => noWords.has(o) || noEn.has(o.toLowerCase())
const isAbstain = (o: string) => abstainWords.has(o.toLowerCase())

const circled = '①②③④⑤⑥⑦⑧⑨'
const answerEnds = new Set([...'。.!！~～👍🙏✅☑\ufe0f ,，、'])

/** The longest answer worth reading: past this, a message is conversation. */
export const MAX_ANSWER = 24

/**
 * Which option a neighbour's plain words choose: the option's name, its number (2, 第2个, 选2, ②, 二),
 * or for 同意/反对/弃权 the usual ways to say them (赞成, 不同意, 我家同意 …). Undefined when the words
 * are not an answer: they then stay conversation.
 */
export function readAnswer(text: string, options: readonly string[]): number | undefined {
  const all = normalize(text)
  if (!all || all.length > MAX_ANSWER) return undefined
  // By code point: 👍 is two UTF-16 units.
  const chars = [...all]
  let a = 0
  let b = chars.length
  while (a < b && answerEnds.has(chars[a]!)) a++
  while (b > a && answerEnds.has(chars[b - 1]!)) b--
  const s = chars.slice(a, b).join('')
  if (!s) return undefined
  const lower = s.toLowerCase()
  const named = options.findIndex((o) => o.toLowerCase() === lower)
  if (named >= 0) return named
  const num = /^(?:[选第投]|选项)?\s*(\d{1,2}|[一二三四五六七八九])\s*[个项号票]?$/.exec(s)
  const circle = circled.indexOf(s)
  const n = num ? (zhNumber(num[1]!) ?? Number(num[1])) : circle >= 0 ? circle + 1 : undefined
  if (n !== undefined) return n >= 1 && n <= options.length ? n - 1 : undefined
  const by = (test: (o: string) => boolean, words: (w: string) => boolean) => {
    const i = options.findIndex(test)
    return i >= 0 && words(s) ? i : undefined
  }
  return by(isYes, isYes) ?? by(isNo, isNo) ?? by(isAbstain, isAbstain)
}

/** 【征询 3】/【投票 3】 in a quoted bot message: the consultation it announced. */
export function quotedConsultation(preview: string | undefined): number | undefined {
  const m = /【(?:征询|投票|consultation|poll)\s*(\d{1,6})】/i.exec(preview ?? '')
  return m ? Number(m[1]) : undefined
}

/** 投票 3 同意 · /vote 3 2 → the consultation's number and the answer; a bare answer has no number. */
export function readVote(text: string): { no?: number; answer: string } {
  const m = /^#?\s*(\d{1,6})\s+(\S[\s\S]*)$/.exec(text.trim())
  return m ? { no: Number(m[1]), answer: m[2]!.trim() } : { answer: text.trim() }
}

// ---- tally ------------------------------------------------------------------------------------------

export interface Tally {
  counts: number[]
  answered: number
  /** households (or people) covered, when known */
  covered?: number
  /** the option the threshold is about: 同意 (the first) in a consultation, the leader in a poll */
  target?: number
  /** two or more options lead a poll together */
  tie: boolean
  /** undefined when there is no threshold */
  met?: boolean
  /** the number of answers for the target that the threshold needs */
  needed?: number
}

/**
 * Counts against the threshold, in whole numbers: 77% of 44 households needs 34 (33.88 rounded up),
 * 过半 of 40 answers needs 21, 2/3 of 9 needs 6.
 */
export function tally(
  c: { kind: Kind; threshold: Threshold | null },
  counts: readonly number[],
  covered: number | undefined,
): Tally {
  const answered = counts.reduce((a, b) => a + b, 0)
  const top = Math.max(...counts)
  const leaders = counts.flatMap((n, i) => (n === top && n > 0 ? [i] : []))
  const tie = c.kind === 'poll' && leaders.length > 1
  const target = c.kind === 'consult' ? 0 : leaders.length === 1 ? leaders[0] : undefined
  const base = { counts: [...counts], answered, ...(covered !== undefined ? { covered } : {}), tie }
  const t = c.threshold
  if (!t) return { ...base, ...(target !== undefined ? { target } : {}) }
  const of = t.basis === 'covered' ? covered : t.basis === 'answers' ? answered : 1
  const needed =
    t.basis === 'count'
      ? t.num
      : of === undefined || of === 0
        ? undefined
        : t.strict
          ? Math.floor((of * t.num) / t.den) + 1
          : Math.ceil((of * t.num) / t.den)
  const got = target === undefined ? 0 : counts[target]!
  const met = needed !== undefined && target !== undefined && got >= needed && got > 0
  return { ...base, ...(target !== undefined ? { target } : {}), met, ...(needed !== undefined ? { needed } : {}) }
}

/** Share as a percentage with at most one decimal: 77.3 */
export const percent = (part: number, whole: number): number => (whole ? Math.round((part * 1000) / whole) / 10 : 0)

// ---- when to speak ----------------------------------------------------------------------------------

/** Quiet hours: "21:00-08:00". */
export interface Quiet {
  from: string
  to: string
}

export function readQuiet(spec: string): Quiet | undefined {
  const m = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(spec.trim())
  return m ? { from: m[1]!, to: m[2]! } : undefined
}

const minutesOf = (hm: string): number => {
  const [h, m] = hm.split(':').map(Number) as [number, number]
  return h * 60 + m
}

/** The moment itself, or the end of the quiet hours it falls in: no progress post wakes anyone at night. */
export function outsideQuiet(t: Date, tz: string, quiet: Quiet | undefined): Date {
  if (!quiet) return t
  const local = DateTime.fromJSDate(t, { zone: tz })
  const m = local.hour * 60 + local.minute
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  const inside = from <= to ? m >= from && m < to : m >= from || m < to
  if (!inside) return t
  let end = local.startOf('day').plus({ minutes: to })
  if (end <= local) end = end.plus({ days: 1 })
  return end.toJSDate()
}

/** Progress is posted on a grid from the opening, at most once per `everyMs`: the next point after now. */
export function nextProgressAt(openedAt: Date, now: Date, everyMs: number): Date {
  const k = Math.floor((now.getTime() - openedAt.getTime()) / everyMs) + 1
  return new Date(openedAt.getTime() + Math.max(1, k) * everyMs)
}

/** The reminder before the deadline, if the consultation runs long enough for one to make sense. */
export function reminderAt(openedAt: Date, deadline: Date, beforeMs: number): Date | undefined {
  const at = deadline.getTime() - beforeMs
  return at - openedAt.getTime() >= beforeMs ? new Date(at) : undefined
}

/** Is this kind of answer stored under the household, the person, or held until the household is confirmed? */
export const voterKey = (unit: Unit, personId: number, household: { id: number; confirmed: boolean } | undefined) =>
  unit === 'person' ? `p:${personId}` : household?.confirmed ? `h:${household.id}` : `u:${personId}`
