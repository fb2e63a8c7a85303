import { describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import {
  endOfLocalDay,
  localTime,
  formatShift,
  nextShiftStart,
  onDuty,
  parseShift,
  pickVolunteers,
  placeCovers,
  type Candidate,
  type DutyState,
  type ShiftRule,
} from '../../src/domain/rota.js'

const TZ = 'Asia/Shanghai'
// 2024-01-01 is a Monday. `sh('01 08:00')` = Monday 1 Jan 2024, 08:00 in Shanghai.
const sh = (dayHm: string): Date => {
  const [d, hm] = dayHm.split(' ')
  return new Date(`2024-01-${d}T${hm}:00+08:00`)
}
const rule = (spec: string): ShiftRule => {
  const p = parseShift(spec)
  if (!p.ok) throw new Error(`bad spec in test: ${spec} (${p.error})`)
  return p.rule
}
const WEEKDAYS = [1, 2, 3, 4, 5]
const ALL = [1, 2, 3, 4, 5, 6, 7]

describe('parseShift', () => {
  it.each<[string, ShiftRule]>([
    ['周一至周五 08:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周一到周五 8:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周一至五 08:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['每天 08:00-20:00', { days: ALL, start: 480, end: 1200 }],
    ['每日 08:00-20:00', { days: ALL, start: 480, end: 1200 }],
    ['周一至周日 08:00-20:00', { days: ALL, start: 480, end: 1200 }],
    ['周六、周日 09:00-17:00', { days: [6, 7], start: 540, end: 1020 }],
    ['周六,周日 09:00-17:00', { days: [6, 7], start: 540, end: 1020 }],
    ['周六，周日 09:00-17:00', { days: [6, 7], start: 540, end: 1020 }],
    ['工作日 08:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周末 10:00-16:00', { days: [6, 7], start: 600, end: 960 }],
    ['星期一 08:00-12:00', { days: [1], start: 480, end: 720 }],
    ['星期天 08:00-12:00', { days: [7], start: 480, end: 720 }],
    ['礼拜三 08:00-12:00', { days: [3], start: 480, end: 720 }],
    ['周1至周5 08:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周一、三、五 08:00-12:00', { days: [1, 3, 5], start: 480, end: 720 }],
    ['周五至周一 18:00-22:00', { days: [1, 5, 6, 7], start: 1080, end: 1320 }],
    ['周三 22:00-06:00', { days: [3], start: 1320, end: 360 }],
    ['周一至周五 ０８：００－２０：００', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周一至周五　08:00～20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周一至周五 08:00~20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周一至周五 08:00至20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周一至周五 08:00 - 20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['周一至周五08:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['  周一 至 周五   08:00-20:00  ', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['Mon-Fri 08:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['mon to fri 08:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['Monday-Friday 08:00-20:00', { days: WEEKDAYS, start: 480, end: 1200 }],
    ['daily 8:00-20:00', { days: ALL, start: 480, end: 1200 }],
    ['Every day 8:00-20:00', { days: ALL, start: 480, end: 1200 }],
    ['Sat,Sun 9:00-17:00', { days: [6, 7], start: 540, end: 1020 }],
    ['Sat, Sun 9:00-17:00', { days: [6, 7], start: 540, end: 1020 }],
    ['weekdays 9:00-17:00', { days: WEEKDAYS, start: 540, end: 1020 }],
    ['weekend 9:00-17:00', { days: [6, 7], start: 540, end: 1020 }],
    ['每天 00:00-24:00', { days: ALL, start: 0, end: 1440 }],
    ['每天 20:00-24:00', { days: ALL, start: 1200, end: 1440 }],
    ['每天 20:00-00:00', { days: ALL, start: 1200, end: 1440 }],
    ['周日、周一 08:00-12:00', { days: [1, 7], start: 480, end: 720 }],
  ])('%s', (spec, expected) => {
    expect(parseShift(spec)).toEqual({ ok: true, rule: expected })
  })

  it.each<[string, 'bad_days' | 'bad_time' | 'empty']>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['　', 'empty'],
    ['周八 08:00-20:00', 'bad_days'],
    ['hello 08:00-20:00', 'bad_days'],
    ['08:00-20:00', 'bad_days'],
    ['周一至 08:00-20:00', 'bad_days'],
    ['周一至周五至周日 08:00-20:00', 'bad_days'],
    ['Mon-Funday 08:00-20:00', 'bad_days'],
    ['hello', 'bad_days'],
    ['周一至周五', 'bad_time'],
    ['周一至周五 8-20', 'bad_time'],
    ['周一至周五 08:00', 'bad_time'],
    ['周一至周五 25:00-26:00', 'bad_time'],
    ['周一至周五 08:60-20:00', 'bad_time'],
    ['周一至周五 24:00-08:00', 'bad_time'],
    ['周一至周五 08:00-24:30', 'bad_time'],
    ['周一至周五 08:00-25:00', 'bad_time'],
    ['Mon-Fri 8am-5pm', 'bad_time'],
  ])('%j → %s', (spec, error) => {
    expect(parseShift(spec)).toEqual({ ok: false, error })
  })
})

describe('formatShift', () => {
  it.each<[ShiftRule, string, string]>([
    [{ days: WEEKDAYS, start: 480, end: 1200 }, '周一至周五 08:00-20:00', 'Mon-Fri 08:00-20:00'],
    [{ days: ALL, start: 480, end: 1200 }, '每天 08:00-20:00', 'Daily 08:00-20:00'],
    [{ days: [6, 7], start: 540, end: 1020 }, '周六、周日 09:00-17:00', 'Sat, Sun 09:00-17:00'],
    [{ days: [3], start: 1320, end: 360 }, '周三 22:00-06:00', 'Wed 22:00-06:00'],
    [{ days: [1, 3, 5], start: 0, end: 1440 }, '周一、周三、周五 00:00-24:00', 'Mon, Wed, Fri 00:00-24:00'],
    [{ days: [1, 5, 6, 7], start: 1080, end: 1320 }, '周五至周一 18:00-22:00', 'Fri-Mon 18:00-22:00'],
    [
      { days: [1, 2, 3, 5, 6], start: 480, end: 600 },
      '周一至周三、周五、周六 08:00-10:00',
      'Mon-Wed, Fri, Sat 08:00-10:00',
    ],
    [{ days: [1, 7], start: 480, end: 600 }, '周日、周一 08:00-10:00', 'Sun, Mon 08:00-10:00'],
  ])('%j', (r, zh, en) => {
    expect(formatShift(r, 'zh-CN')).toBe(zh)
    expect(formatShift(r, 'en')).toBe(en)
    // canonical text parses back to the same rule, in both languages
    expect(parseShift(zh)).toEqual({ ok: true, rule: r })
    expect(parseShift(en)).toEqual({ ok: true, rule: r })
  })
})

describe('onDuty — shifts', () => {
  const weekdays = { shifts: [rule('周一至周五 08:00-20:00')] }
  const night = { shifts: [rule('周三 22:00-06:00')] }
  const sundayNight = { shifts: [rule('周日 22:00-06:00')] }
  const weekend = { shifts: [rule('周末 09:00-17:00')] }
  const toMidnight = { shifts: [rule('每天 20:00-24:00')] }
  const twoShifts = { shifts: [rule('周一 08:00-10:00'), rule('周一 14:00-16:00')] }

  it.each<[string, DutyState, string, boolean]>([
    ['start is inclusive', weekdays, '01 08:00', true],
    ['a minute before start', weekdays, '01 07:59', false],
    ['mid shift', weekdays, '03 12:00', true],
    ['a minute before end', weekdays, '05 19:59', true],
    ['end is exclusive', weekdays, '05 20:00', false],
    ['not on Saturday', weekdays, '06 12:00', false],
    ['not on Sunday', weekdays, '07 12:00', false],
    ['night shift starts Wed 22:00', night, '03 22:00', true],
    ['night shift covers Wed 23:59', night, '03 23:59', true],
    ['night shift covers Thu 00:00', night, '04 00:00', true],
    ['night shift covers Thu 03:00', night, '04 03:00', true],
    ['night shift ends Thu 06:00 (exclusive)', night, '04 06:00', false],
    ['night shift does not cover Wed 03:00', night, '03 03:00', false],
    ['night shift does not cover Thu 22:00', night, '04 22:00', false],
    ['night shift does not cover Wed 21:59', night, '03 21:59', false],
    ['Sunday night shift crosses into Monday', sundayNight, '08 03:00', true],
    ['Sunday night shift: Monday 1 Jan tail belongs to Sunday 31 Dec', sundayNight, '01 03:00', true],
    ['Sunday night shift does not cover Sunday morning', sundayNight, '07 03:00', false],
    ['Sunday night shift does not cover Tuesday morning', sundayNight, '02 03:00', false],
    ['weekend covers Sunday', weekend, '07 16:59', true],
    ['weekend does not cover Monday', weekend, '08 10:00', false],
    ['24:00 end covers 23:59', toMidnight, '01 23:59', true],
    ['24:00 end does not spill into the next day', toMidnight, '02 00:00', false],
    ['gap between two shifts', twoShifts, '01 12:00', false],
    ['second of two shifts', twoShifts, '01 15:00', true],
    ['no shifts', { shifts: [] }, '01 12:00', false],
  ])('%s', (_name, d, at, expected) => {
    expect(onDuty(d, sh(at), TZ)).toBe(expected)
  })

  it('uses the community time zone, not UTC', () => {
    const mondayEight = new Date('2024-01-01T00:00:00Z') // Monday 08:00 in Shanghai
    expect(onDuty(weekdays, mondayEight, 'Asia/Shanghai')).toBe(true)
    expect(onDuty(weekdays, mondayEight, 'UTC')).toBe(false) // Monday 00:00 in UTC
    // Sunday 31 Dec 23:30 UTC is Monday 07:30 in Shanghai: not yet
    expect(onDuty(weekdays, new Date('2023-12-31T23:30:00Z'), TZ)).toBe(false)
    // Friday 12:00 UTC is Friday 20:00 in Shanghai: just ended
    expect(onDuty(weekdays, new Date('2024-01-05T12:00:00Z'), TZ)).toBe(false)
    expect(onDuty(weekdays, new Date('2024-01-05T11:59:00Z'), TZ)).toBe(true)
    // New York: Monday 08:00 EST = 13:00 UTC
    expect(onDuty(weekdays, new Date('2024-01-01T13:00:00Z'), 'America/New_York')).toBe(true)
    expect(onDuty(weekdays, new Date('2024-01-01T12:59:00Z'), 'America/New_York')).toBe(false)
  })

  it('rejects an unknown time zone', () => {
    expect(() => onDuty(weekdays, sh('01 08:00'), 'Mars/Olympus')).toThrow(/time zone/)
  })
})

describe('onDuty — manual 值班 / 下班', () => {
  const shifts = [rule('周一至周五 08:00-20:00')]
  const until = sh('02 00:00') // end of Monday
  it.each<[string, DutyState, string, boolean]>([
    ['值班 outside shifts', { shifts, manualOnUntil: until }, '01 21:00', true],
    ['值班 with no shifts at all', { shifts: [], manualOnUntil: until }, '01 21:00', true],
    ['值班 runs out (exclusive)', { shifts: [], manualOnUntil: until }, '02 00:00', false],
    ['expired 值班 leaves the shifts in charge', { shifts, manualOnUntil: until }, '02 09:00', true],
    ['下班 during a shift', { shifts, manualOffUntil: until }, '01 12:00', false],
    ['下班 runs out; next day shift counts', { shifts, manualOffUntil: until }, '02 08:00', true],
    ['下班 beats 值班', { shifts, manualOnUntil: until, manualOffUntil: until }, '01 12:00', false],
    ['nulls mean no override', { shifts, manualOnUntil: null, manualOffUntil: null }, '01 12:00', true],
  ])('%s', (_name, d, at, expected) => {
    expect(onDuty(d, sh(at), TZ)).toBe(expected)
  })
})

describe('endOfLocalDay', () => {
  it('is the next local midnight', () => {
    expect(endOfLocalDay(sh('01 09:00'), TZ)).toEqual(sh('02 00:00'))
    expect(endOfLocalDay(sh('01 00:00'), TZ)).toEqual(sh('02 00:00'))
    expect(endOfLocalDay(sh('01 23:59'), TZ)).toEqual(sh('02 00:00'))
    // Sunday → Monday, and a month boundary
    expect(endOfLocalDay(new Date('2024-01-31T20:00:00+08:00'), TZ)).toEqual(new Date('2024-02-01T00:00:00+08:00'))
  })
  it('follows the time zone, not UTC: 2024-01-01T20:00Z is already 2 Jan in Shanghai', () => {
    expect(endOfLocalDay(new Date('2024-01-01T20:00:00Z'), TZ)).toEqual(sh('03 00:00'))
    expect(endOfLocalDay(new Date('2024-01-01T20:00:00Z'), 'UTC')).toEqual(new Date('2024-01-02T00:00:00Z'))
  })
  it('makes 值班 said at 21:00 last until midnight', () => {
    const d = { shifts: [], manualOnUntil: endOfLocalDay(sh('01 21:00'), TZ) }
    expect(onDuty(d, sh('01 23:59'), TZ)).toBe(true)
    expect(onDuty(d, sh('02 00:00'), TZ)).toBe(false)
  })
})

describe('nextShiftStart', () => {
  const weekdays: DutyState = { shifts: [rule('周一至周五 08:00-20:00')] }
  const weekend: DutyState = { shifts: [rule('周末 09:00-17:00')] }
  const night: DutyState = { shifts: [rule('周三 22:00-06:00')] }
  it.each<[string, DutyState[], string, string | undefined]>([
    ['later the same day', [weekdays], '01 06:00', '01 08:00'],
    ['the next morning', [weekdays], '01 21:00', '02 08:00'],
    ['Friday evening → Monday (week boundary)', [weekdays], '05 20:00', '08 08:00'],
    ['Saturday → Monday', [weekdays], '06 10:00', '08 08:00'],
    ['exactly at a start: strictly after', [weekdays], '01 08:00', '02 08:00'],
    ['earliest of several volunteers', [weekdays, weekend], '05 21:00', '06 09:00'],
    ['Sunday after the weekend shift → Monday', [weekdays, weekend], '07 18:00', '08 08:00'],
    ['midnight-crossing shift starts the night before', [night], '03 12:00', '03 22:00'],
    ['midnight-crossing shift, next week', [night], '04 03:00', '10 22:00'],
    ['nobody has shifts', [{ shifts: [] }], '01 12:00', undefined],
    ['no volunteers', [], '01 12:00', undefined],
  ])('%s', (_name, ds, at, expected) => {
    expect(nextShiftStart(ds, sh(at), TZ)).toEqual(expected === undefined ? undefined : sh(expected))
  })

  it('counts 下班 running out inside a shift as coming on duty', () => {
    const d: DutyState = { shifts: [rule('每天 00:00-24:00')], manualOffUntil: sh('02 00:00') }
    expect(nextShiftStart([d], sh('01 12:00'), TZ)).toEqual(sh('02 00:00'))
  })
  it('skips a shift start hidden by 下班', () => {
    const d: DutyState = { shifts: [rule('每天 14:00-16:00')], manualOffUntil: sh('02 00:00') }
    expect(nextShiftStart([d], sh('01 12:00'), TZ)).toEqual(sh('02 14:00'))
  })
  it('keeps local wall-clock times across a daylight-saving change', () => {
    // New York springs forward on Sunday 10 Mar 2024: Monday 08:00 EDT is 12:00Z, not 13:00Z
    expect(nextShiftStart([weekdays], new Date('2024-03-09T17:00:00Z'), 'America/New_York')).toEqual(
      new Date('2024-03-11T12:00:00Z'),
    )
    expect(onDuty(weekdays, new Date('2024-03-11T12:00:00Z'), 'America/New_York')).toBe(true)
    expect(onDuty(weekdays, new Date('2024-03-11T11:59:00Z'), 'America/New_York')).toBe(false)
  })
  it('works in the community time zone', () => {
    // Friday 23:00 UTC = Saturday 07:00 Shanghai; weekdays shift → Monday 08:00 Shanghai = Monday 00:00 UTC
    expect(nextShiftStart([weekdays], new Date('2024-01-05T23:00:00Z'), TZ)).toEqual(new Date('2024-01-08T00:00:00Z'))
  })
})

describe('placeCovers', () => {
  it.each<[string, string, boolean]>([
    ['锦绣新村', '锦绣新村', true],
    ['锦绣新村', '锦绣新村/9幢', true],
    ['锦绣新村', '锦绣新村/9幢/2单元', true],
    ['锦绣新村/9幢', '锦绣新村/9幢/2单元', true],
    ['锦绣新村/9幢', '锦绣新村/10幢', false],
    ['锦绣新村/9幢', '锦绣新村/9幢2单元', false],
    ['锦绣新村/1幢', '锦绣新村/10幢', false],
    ['锦绣新村', '锦绣新村二期/1幢', false],
    ['锦绣新村/9幢', '锦绣新村', false],
    ['锦绣新村/', '锦绣新村/9幢', true],
    [' 锦绣新村 / 9幢 ', '锦绣新村/9幢', true],
    ['', '锦绣新村/9幢', true],
  ])('%s covers %s: %s', (covering, place, expected) => {
    expect(placeCovers(covering, place)).toBe(expected)
  })
})

describe('pickVolunteers', () => {
  const day: DutyState = { shifts: [rule('每天 08:00-20:00')] }
  const never: DutyState = { shifts: [] }
  const v = (id: number, skills: string[], places: string[], o: Partial<Candidate> = {}): Candidate => ({
    id,
    skills,
    places,
    openCases: 0,
    maxOpen: 5,
    duty: day,
    ...o,
  })
  const noon = sh('01 12:00')
  const night = sh('01 22:00')
  const case9 = { category: '物业', place: '锦绣新村/9幢' }

  it.each<
    [
      string,
      Candidate[],
      { category: string; place: string },
      Date,
      Parameters<typeof pickVolunteers>[4],
      number[],
      string,
    ]
  >([
    [
      'skill + place match',
      [v(1, ['物业'], ['锦绣新村/9幢']), v(2, ['法律'], ['锦绣新村'])],
      case9,
      noon,
      {},
      [1],
      'match',
    ],
    [
      'an estate covers its buildings',
      [v(1, ['物业'], ['锦绣新村']), v(2, ['物业'], ['锦绣新村/10幢'])],
      case9,
      noon,
      {},
      [1],
      'match',
    ],
    ['no places = anywhere', [v(1, ['物业'], [])], case9, noon, {}, [1], 'match'],
    [
      'a case without a place matches on skill',
      [v(1, ['物业'], ['锦绣新村/10幢']), v(2, [], [])],
      { category: '物业', place: '' },
      noon,
      {},
      [1],
      'match',
    ],
    [
      'wrong place → every on-duty volunteer',
      [v(1, ['物业'], ['锦绣新村/10幢']), v(2, ['法律'], [])],
      case9,
      noon,
      {},
      [1, 2],
      'on_duty',
    ],
    [
      'wrong skill → every on-duty volunteer',
      [v(1, ['法律'], ['锦绣新村']), v(2, ['银龄'], [], { duty: never })],
      case9,
      noon,
      {},
      [1],
      'on_duty',
    ],
    [
      'a matching volunteer off duty is not picked',
      [v(1, ['物业'], [], { duty: never }), v(2, ['法律'], [])],
      case9,
      noon,
      {},
      [2],
      'on_duty',
    ],
    ['nobody on duty → none', [v(1, ['物业'], []), v(2, ['法律'], [])], case9, night, {}, [], 'none'],
    ['no volunteers → none', [], case9, noon, {}, [], 'none'],
    [
      'manual 值班 counts',
      [v(1, ['物业'], [], { duty: { shifts: [], manualOnUntil: sh('02 00:00') } })],
      case9,
      night,
      {},
      [1],
      'match',
    ],
    [
      'manual 下班 counts',
      [v(1, ['物业'], [], { duty: { ...day, manualOffUntil: sh('02 00:00') } }), v(2, ['法律'], [])],
      case9,
      noon,
      {},
      [2],
      'on_duty',
    ],
    [
      'skill match is case- and width-insensitive',
      [v(1, ['Legal'], [])],
      { category: 'legal', place: '' },
      noon,
      {},
      [1],
      'match',
    ],
    [
      'widen: every skilled volunteer, on duty or not, anywhere',
      [v(1, ['物业'], ['锦绣新村/10幢'], { duty: never }), v(2, ['物业'], ['锦绣新村/9幢']), v(3, ['法律'], [])],
      case9,
      night,
      { widen: 'skill' },
      [1, 2],
      'skill_all',
    ],
    [
      'widen with nobody skilled falls back to the default chain',
      [v(1, ['法律'], []), v(2, ['银龄'], [])],
      case9,
      noon,
      { widen: 'skill' },
      [1, 2],
      'on_duty',
    ],
    [
      'widen with nobody skilled and nobody on duty → none',
      [v(1, ['法律'], [])],
      case9,
      night,
      { widen: 'skill' },
      [],
      'none',
    ],
    [
      'widen skips whoever said 下班 today',
      [v(1, ['物业'], [], { duty: { ...day, manualOffUntil: sh('02 00:00') } }), v(2, ['物业'], [], { duty: never })],
      case9,
      night,
      { widen: 'skill' },
      [2],
      'skill_all',
    ],
    [
      'widen skips skilled volunteers at capacity',
      [v(1, ['物业'], [], { openCases: 2, maxOpen: 2 }), v(2, ['法律'], [])],
      case9,
      noon,
      { widen: 'skill' },
      [2],
      'on_duty',
    ],
    [
      'fewer open cases first, ties by id',
      [
        v(4, ['物业'], [], { openCases: 1 }),
        v(3, ['物业'], [], { openCases: 2 }),
        v(2, ['物业'], [], { openCases: 1 }),
        v(1, ['物业'], [], { openCases: 0 }),
      ],
      case9,
      noon,
      {},
      [1, 2, 4],
      'match',
    ],
    [
      'limit caps the count',
      [v(1, ['物业'], []), v(2, ['物业'], []), v(3, ['物业'], [])],
      case9,
      noon,
      { limit: 2 },
      [1, 2],
      'match',
    ],
    ['limit beyond the pool', [v(1, ['物业'], [])], case9, noon, { limit: 10 }, [1], 'match'],
    ['default limit is 3', [1, 2, 3, 4, 5].map((id) => v(id, ['物业'], [])), case9, noon, {}, [1, 2, 3], 'match'],
    [
      'at maxOpen is dropped',
      [v(1, ['物业'], [], { openCases: 5, maxOpen: 5 }), v(2, ['物业'], [], { openCases: 4 })],
      case9,
      noon,
      {},
      [2],
      'match',
    ],
    ['over maxOpen is dropped', [v(1, ['物业'], [], { openCases: 7, maxOpen: 5 })], case9, noon, {}, [], 'none'],
    [
      'all matches at capacity → other on-duty volunteers',
      [v(1, ['物业'], [], { openCases: 1, maxOpen: 1 }), v(2, ['法律'], [])],
      case9,
      noon,
      {},
      [2],
      'on_duty',
    ],
    [
      'exclude (e.g. the one who released it)',
      [v(1, ['物业'], []), v(2, ['物业'], [])],
      case9,
      noon,
      { exclude: [1] },
      [2],
      'match',
    ],
    ['exclude everyone → none', [v(1, ['物业'], [])], case9, noon, { exclude: [1] }, [], 'none'],
  ])('%s', (_name, cands, c, t, opts, ids, scope) => {
    expect(pickVolunteers(cands, c, t, TZ, opts)).toEqual({ ids, scope })
  })

  it('limit 0 picks nobody but keeps the scope', () => {
    expect(pickVolunteers([v(1, ['物业'], [])], case9, noon, TZ, { limit: 0 })).toEqual({ ids: [], scope: 'match' })
  })

  it('the least-loaded choice equals a full sort, for any pool and limit', () => {
    let seed = 7
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return Math.floor((seed / 2 ** 31) * n)
    }
    for (let round = 0; round < 200; round++) {
      const pool = Array.from({ length: rnd(60) }, (_, i) =>
        v(i + 1 + rnd(3) * 100, ['物业'], [], { openCases: rnd(4), maxOpen: 3 }),
      ).filter((x, i, xs) => xs.findIndex((y) => y.id === x.id) === i)
      const limit = rnd(40)
      const expected = pool
        .filter((x) => x.openCases < x.maxOpen)
        .sort((a, b) => a.openCases - b.openCases || a.id - b.id)
        .slice(0, limit)
        .map((x) => x.id)
      expect(pickVolunteers(pool, case9, noon, TZ, { limit }).ids).toEqual(expected)
    }
  })

  it('round-robins among equals as open cases change', () => {
    const pool = [v(1, ['物业'], []), v(2, ['物业'], []), v(3, ['物业'], [])]
    const got: number[] = []
    for (let i = 0; i < 6; i++) {
      const p = pickVolunteers(pool, case9, noon, TZ, { limit: 1 })
      const id = p.ids[0]!
      got.push(id)
      pool.find((x) => x.id === id)!.openCases++ // the pinged volunteer took the case
    }
    expect(got).toEqual([1, 2, 3, 1, 2, 3])
  })

  it('the demo community: 钱阿姨 for 物业 in 9幢, 万大姐 for 法律, both at 09:00 Monday', () => {
    const qian = v(1, ['物业'], ['锦绣新村/9幢', '锦绣新村/10幢'], {
      duty: { shifts: [rule('周一至周日 08:00-20:00')] },
    })
    const wan = v(2, ['法律', '银龄'], [], { duty: { shifts: [rule('每天 08:00-20:00')] } })
    const monday9 = new Date('2024-01-01T01:00:00Z') // 09:00 Shanghai
    expect(pickVolunteers([qian, wan], case9, monday9, TZ)).toEqual({ ids: [1], scope: 'match' })
    expect(pickVolunteers([qian, wan], { category: '法律', place: '锦绣新村/10幢' }, monday9, TZ)).toEqual({
      ids: [2],
      scope: 'match',
    })
    expect(pickVolunteers([qian, wan], { category: '其他', place: '锦绣新村/10幢' }, monday9, TZ)).toEqual({
      ids: [1, 2],
      scope: 'on_duty',
    })
  })
})

describe('the local wall clock a shift is compared with', () => {
  // localTime keeps a zone's offset for a quarter hour: every instant here, minute by minute around each
  // zone's offset changes of 2026 and at random through the year, reads as luxon reads it.
  const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu']
  const luxon = (ms: number, tz: string) => {
    const dt = DateTime.fromMillis(ms, { zone: tz })
    return { weekday: dt.weekday, minute: dt.hour * 60 + dt.minute }
  }
  const changes = (tz: string): number[] => {
    const out: number[] = []
    const start = Date.UTC(2026, 0, 1)
    for (let h = 1; h < 366 * 24; h++) {
      const a = start + (h - 1) * 3_600_000
      const b = a + 3_600_000
      if (DateTime.fromMillis(a, { zone: tz }).offset !== DateTime.fromMillis(b, { zone: tz }).offset) out.push(a)
    }
    return out
  }

  it.each(zones)('%s, around its offset changes and through the year', (tz) => {
    const around = changes(tz)
    if (tz !== 'Asia/Shanghai' && tz !== 'Asia/Kathmandu') expect(around.length).toBe(2)
    const instants: number[] = []
    for (const at of around) for (let m = 0; m <= 120; m++) instants.push(at + m * 60_000 + 999)
    let seed = 7
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 48271) % 2147483647
      instants.push(Date.UTC(2026, 0, 1) + (seed % (365 * 86_400)) * 1000)
    }
    for (const ms of instants) expect(localTime(new Date(ms), tz), new Date(ms).toISOString()).toEqual(luxon(ms, tz))
  })

  it('refuses a zone that does not exist', () => {
    expect(() => localTime(new Date(0), 'Mars/Olympus')).toThrow(RangeError)
  })
})
