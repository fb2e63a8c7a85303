// How the committee writes a consultation, how a neighbour's plain answer is read (and when plain words
// are not an answer), and the tally against its threshold in whole numbers (issue 14).
import { describe, expect, it } from 'vitest'
import {
  nextProgressAt,
  outsideQuiet,
  quotedConsultation,
  readAnswer,
  readConsultation,
  readDeadline,
  readThreshold,
  readVote,
  reminderAt,
  tally,
  type ReadContext,
} from '../../src/domain/consultation.js'

const TZ = 'Asia/Shanghai'
// Monday 2026-11-02 09:00 in Shanghai
const now = new Date('2026-11-02T01:00:00Z')
const local = (iso: string) => new Date(`${iso}+08:00`)
const ctx: ReadContext = {
  kind: 'consult',
  now,
  tz: TZ,
  known: ['锦绣新村/9幢', '锦绣新村/10幢'],
  defaultPlaces: [],
  defaultOptions: ['同意', '反对'],
  defaultDeadlineMs: 7 * 86_400_000,
}

describe('the committee writes a consultation', () => {
  it('the 入户征询 of the seed: one line, every field', () => {
    expect(readConsultation('拆除9幢北侧围墙 范围 9幢 门槛 全体77% 截止 11月10日18:00 共44户 #12', ctx)).toEqual({
      kind: 'consult',
      title: '拆除9幢北侧围墙',
      detail: '',
      options: ['同意', '反对'],
      places: ['锦绣新村/9幢'],
      unit: 'household',
      threshold: { basis: 'covered', num: 77, den: 100, strict: false },
      deadline: local('2026-11-10T18:00'),
      total: 44,
      caseNo: 12,
    })
  })

  it('on several lines, with colons, the lines under the title kept as its detail', () => {
    const r = readConsultation(
      '每户按0.15元/平方米分摊电梯维修费\n理由：电梯已使用20年\n范围：9幢2单元\n门槛：答复的2/3\n截止：3天',
      ctx,
    )
    expect(r).toMatchObject({
      title: '每户按0.15元/平方米分摊电梯维修费',
      detail: '理由：电梯已使用20年',
      places: ['锦绣新村/9幢/2单元'],
      threshold: { basis: 'answers', num: 2, den: 3 },
      deadline: new Date(now.getTime() + 3 * 86_400_000),
    })
  })

  it('a poll by person between two options, over the whole community, closing in a week by default', () => {
    const r = readConsultation('墙绘还是道路铺装 选项 1.墙绘 2.道路铺装 每人一票', { ...ctx, kind: 'poll' })
    expect(r).toMatchObject({
      kind: 'poll',
      title: '墙绘还是道路铺装',
      options: ['墙绘', '道路铺装'],
      places: [],
      unit: 'person',
      threshold: null,
      deadline: new Date(now.getTime() + 7 * 86_400_000),
    })
  })

  it('opened in a residents group, it covers that group unless told otherwise', () => {
    expect(readConsultation('加装电梯', { ...ctx, defaultPlaces: ['锦绣新村/10幢'] })).toMatchObject({
      places: ['锦绣新村/10幢'],
    })
    expect(readConsultation('加装电梯 范围 全小区', { ...ctx, defaultPlaces: ['锦绣新村/10幢'] })).toMatchObject({
      places: [],
    })
  })

  it.each<[string, Partial<ReadContext>, object]>([
    ['范围 9幢', {}, { error: 'no_title' }],
    ['选哪个牌子', { kind: 'poll' }, { error: 'need_options' }],
    ['选 选项 A、A', { kind: 'poll' }, { error: 'same_options' }],
    ['选 选项 1、2、3、4、5、6、7、8、9、10', { kind: 'poll' }, { error: 'need_options' }],
    ['选 选项 a b c d e f g h i j', { kind: 'poll' }, { error: 'too_many_options', max: 9 }],
    ['拆围墙 范围 11幢', {}, { error: 'unknown_place', place: '11幢' }],
    ['拆围墙 门槛 大家都同意', {}, { error: 'bad_threshold', text: '大家都同意' }],
    ['拆围墙 截止 过几天', {}, { error: 'bad_deadline', text: '过几天' }],
    ['拆围墙 截止 5分钟', {}, { error: 'deadline_past' }],
    ['拆围墙 截止 100天', {}, { error: 'deadline_far', days: 90 }],
  ])('%s → %j', (text, o, want) => {
    expect(readConsultation(text, { ...ctx, ...o })).toEqual(want)
  })
})

describe('thresholds', () => {
  it.each<[string, object]>([
    ['77%', { basis: 'covered', num: 77, den: 100, strict: false }],
    ['77%以上', { basis: 'covered', num: 77, den: 100, strict: false }],
    ['全体77%', { basis: 'covered', num: 77, den: 100 }],
    ['66.7%', { num: 667, den: 1000 }],
    ['百分之80', { num: 80, den: 100 }],
    ['2/3', { num: 2, den: 3 }],
    ['三分之二', { num: 2, den: 3 }],
    ['答复的三分之二', { basis: 'answers', num: 2, den: 3 }],
    ['过半', { num: 1, den: 2, strict: true }],
    ['超过60%', { num: 60, den: 100, strict: true }],
    ['30户', { basis: 'count', num: 30, den: 1 }],
  ])('%s', (text, want) => {
    expect(readThreshold(text, 'covered')).toMatchObject(want)
  })
  it.each(['150%', '0%', '3/2', '大家都同意'])('%s is no threshold', (text) => {
    expect(readThreshold(text, 'covered')).toBeUndefined()
  })
})

describe('deadlines, in the community time zone', () => {
  it.each<[string, Date]>([
    ['3天', new Date(now.getTime() + 3 * 86_400_000)],
    ['48小时', new Date(now.getTime() + 48 * 3_600_000)],
    ['2h', new Date(now.getTime() + 2 * 3_600_000)],
    ['明天18:00', local('2026-11-03T18:00')],
    ['明天下午6点', local('2026-11-03T18:00')],
    ['明晚8点', local('2026-11-03T20:00')],
    ['后天', local('2026-11-04T18:00')],
    ['周五 18:00', local('2026-11-06T18:00')],
    ['周一 8:00', local('2026-11-09T08:00')],
    ['11月10日', local('2026-11-10T18:00')],
    ['11月10日 20:30', local('2026-11-10T20:30')],
    ['2026-11-10 18:00', local('2026-11-10T18:00')],
    ['11-10', local('2026-11-10T18:00')],
    ['1月5日', local('2027-01-05T18:00')],
    ['20:00', local('2026-11-02T20:00')],
    ['8:00', local('2026-11-03T08:00')],
  ])('%s', (text, want) => {
    expect(readDeadline(text, now, TZ)).toEqual(want)
  })
})

describe('a plain answer', () => {
  const yesNo = ['同意', '反对']
  const poll = ['墙绘', '道路铺装']
  it.each<[string, readonly string[], number]>([
    ['同意', yesNo, 0],
    ['同意！', yesNo, 0],
    ['同意👍', yesNo, 0],
    ['我家同意', yesNo, 0],
    ['赞成', yesNo, 0],
    ['反对', yesNo, 1],
    ['不同意', yesNo, 1],
    ['1', yesNo, 0],
    ['２', yesNo, 1],
    ['选2', yesNo, 1],
    ['第二个', yesNo, 1],
    ['②', yesNo, 1],
    ['墙绘', poll, 0],
    ['道路铺装。', poll, 1],
    ['2', poll, 1],
    ['yes', ['yes', 'no'], 0],
    ['No', ['yes', 'no'], 1],
    ['agree', yesNo, 0],
  ])('%s', (text, options, want) => {
    expect(readAnswer(text, options)).toBe(want)
  })

  // Everyday words: an answer only when they are nothing but the answer.
  it.each<[string, readonly string[]]>([
    ['同意这个说法', yesNo],
    ['我也同意你说的', yesNo],
    ['3', yesNo],
    ['0', yesNo],
    ['好', yesNo],
    ['可以', yesNo],
    ['墙绘好看', poll],
    ['赞成', poll],
    ['谢谢', yesNo],
    ['同意'.repeat(20), yesNo],
  ])('%s is conversation', (text, options) => {
    expect(readAnswer(text, options)).toBeUndefined()
  })

  it('a quote of the announcement names the consultation; a case message does not', () => {
    expect(quotedConsultation('📋【征询 3】拆除9幢北侧围墙\n请每户回答一次')).toBe(3)
    expect(quotedConsultation('🗳【投票 12】墙绘还是道路铺装')).toBe(12)
    expect(quotedConsultation('🔔 #3 已受理：物业·9幢。')).toBeUndefined()
    expect(quotedConsultation('📌【公示 3】停电')).toBeUndefined()
  })

  it('投票 3 同意 names the consultation; 投票 同意 does not', () => {
    expect(readVote('3 同意')).toEqual({ no: 3, answer: '同意' })
    expect(readVote('同意')).toEqual({ answer: '同意' })
  })
})

describe('the tally, in whole numbers', () => {
  const pct = (n: number, strict = false, basis: 'covered' | 'answers' = 'covered') => ({
    basis,
    num: n,
    den: 100,
    strict,
  })
  it.each<[string, Parameters<typeof tally>, object]>([
    [
      '77% of 44 households needs 34 (33.88 up): 34 agree → met',
      [{ kind: 'consult', threshold: pct(77) }, [34, 6], 44],
      { answered: 40, covered: 44, target: 0, needed: 34, met: true },
    ],
    ['33 agree → missed by one', [{ kind: 'consult', threshold: pct(77) }, [33, 10], 44], { needed: 34, met: false }],
    [
      'the seed: 434 households at 77% needs 335',
      [{ kind: 'consult', threshold: pct(77) }, [335, 20], 434],
      { needed: 335, met: true },
    ],
    [
      '2/3 of 9 answers needs 6',
      [{ kind: 'consult', threshold: { basis: 'answers', num: 2, den: 3, strict: false } }, [6, 3], undefined],
      { needed: 6, met: true },
    ],
    [
      '过半 of 40 answers needs 21: 20 is not more than half',
      [{ kind: 'consult', threshold: { basis: 'answers', num: 1, den: 2, strict: true } }, [20, 20], 50],
      { needed: 21, met: false },
    ],
    [
      'a count: at least 30',
      [{ kind: 'consult', threshold: { basis: 'count', num: 30, den: 1, strict: false } }, [30, 0], undefined],
      { needed: 30, met: true },
    ],
    [
      'a share of all, with nobody known: not met, nothing needed',
      [{ kind: 'consult', threshold: pct(77) }, [3, 0], undefined],
      { met: false },
    ],
    [
      'a poll: the leader is what the threshold is about',
      [{ kind: 'poll', threshold: pct(50, true, 'answers') }, [7, 12, 1], undefined],
      { target: 1, tie: false, needed: 11, met: true },
    ],
    [
      'a poll tied at the top: no winner, not met',
      [{ kind: 'poll', threshold: pct(50, true, 'answers') }, [5, 5], undefined],
      { tie: true, met: false },
    ],
    ['no threshold: counts only', [{ kind: 'consult', threshold: null }, [2, 1], 10], { answered: 3, covered: 10 }],
    ['nobody answered', [{ kind: 'consult', threshold: pct(77) }, [0, 0], 44], { answered: 0, met: false }],
  ])('%s', (_name, args, want) => {
    expect(tally(...args)).toMatchObject(want)
  })
  it('no threshold: nothing met or missed', () => {
    expect(tally({ kind: 'consult', threshold: null }, [2, 1], 10).met).toBeUndefined()
  })
})

describe('when to speak', () => {
  const quiet = { from: '21:00', to: '08:00' }
  it('never in quiet hours: a post due at night waits for 08:00', () => {
    expect(outsideQuiet(local('2026-11-02T22:30'), TZ, quiet)).toEqual(local('2026-11-03T08:00'))
    expect(outsideQuiet(local('2026-11-03T03:00'), TZ, quiet)).toEqual(local('2026-11-03T08:00'))
    expect(outsideQuiet(local('2026-11-03T10:00'), TZ, quiet)).toEqual(local('2026-11-03T10:00'))
    expect(outsideQuiet(local('2026-11-03T03:00'), TZ, undefined)).toEqual(local('2026-11-03T03:00'))
  })
  it('progress on a grid from the opening: every answer in one period schedules the same moment', () => {
    const opened = local('2026-11-02T09:00')
    const every = 2 * 3_600_000
    expect(nextProgressAt(opened, local('2026-11-02T09:05'), every)).toEqual(local('2026-11-02T11:00'))
    expect(nextProgressAt(opened, local('2026-11-02T10:59'), every)).toEqual(local('2026-11-02T11:00'))
    expect(nextProgressAt(opened, local('2026-11-02T11:00'), every)).toEqual(local('2026-11-02T13:00'))
  })
  it('a reminder a day before the deadline, if it runs long enough', () => {
    const day = 86_400_000
    expect(reminderAt(local('2026-11-02T09:00'), local('2026-11-09T18:00'), day)).toEqual(local('2026-11-08T18:00'))
    expect(reminderAt(local('2026-11-02T09:00'), local('2026-11-03T08:00'), day)).toBeUndefined()
  })
})
