// Urgent rings (issue 11): a gas smell, someone trapped in a lift, a fire never wait for the next shift.
// What makes a ring urgent is data, like the ring words (phrasing.ts): each class's words, the volunteer
// skills that fit it, its hotlines; a community changes them in its file (settings.urgency). The reader
// looks each word up once and each mark at a few known positions, so it is linear in the message
// (tests/domain/patterns.test.ts).

/** One kind of emergency. `advice` absent: the catalogue's lines for a built-in key (zh-CN and en). */
export interface UrgencyClass {
  key: string
  /** what it is called in messages; absent: the catalogue's name for a built-in key, else the key */
  name?: string
  /** any of these in a ring makes it this class (compared without case) */
  words: string[]
  /**
   * Words said together: a ring with one word of every group is this class too. People do not say 电梯困人;
   * they say 电梯里有人被困住了, 我妈被关在电梯里: 电梯 and 困 (or 关在, 出不来 …) in one message.
   */
  together?: string[][]
  /** words that say it is not this class, read out before `words` are looked for: 燃气费 is not a leak */
  unless?: string[]
  /** volunteers with any of these skills are called at once, on shift or not (besides the case's kind) */
  skills: string[]
  /** the first thing the group reads: what to do right now */
  advice?: string[]
  /** keys of `hotlines` to call, the most useful first */
  hotlines: string[]
  /**
   * One hazard the whole building shares (a gas leak, a trapped lift, smoke, a burst main): a neighbour's
   * ring of this class joins the first as one incident whatever words they use. Not for a person down:
   * two neighbours who fell are two people to help.
   */
  shared?: boolean
}

/** The fast ladder of an urgent case, until someone claims it. */
export interface UrgentLadder {
  /** every volunteer is pinged again this often … */
  repingEvery: string
  /** … until this long after the ring; then the ordinary slow reminder takes over */
  until: string
  /** staff are told again at each of these (since the ring) */
  staffAt: string[]
}

export interface UrgencySettings {
  classes: UrgencyClass[]
  /** a resident's own mark: 按铃 紧急 …, 【急】…, #急 */
  marks: string[]
  /** hotline key → number. The numbers a community should check: gas and lift are local. */
  hotlines: Record<string, string>
  /** hotlines of a ring marked urgent that matches no class */
  markedHotlines: string[]
  ladder: UrgentLadder
  /** an ordinary case still unclaimed after the last rung: staff and the committee hear this often */
  stillWaitingEvery: string
}

/** The key of a ring marked 紧急 that names no class. */
export const MARKED = 'urgent'

export const defaultUrgencyClasses: UrgencyClass[] = [
  {
    key: 'gas',
    shared: true,
    words: ['煤气', '燃气', '漏气', '煤气味', '天然气', '液化气', 'gas leak', 'smell gas', 'smell of gas'],
    unless: [
      ...['燃气费', '煤气费', '燃气表', '煤气表', '燃气卡', '煤气卡', '燃气灶', '煤气灶', '燃气公司', '煤气公司'],
      ...['燃气改造', '燃气缴费', '燃气充值', '天然气费', 'gas bill', 'gas meter'],
    ],
    skills: ['物业'],
    hotlines: ['gas', 'fire'],
  },
  {
    key: 'lift',
    shared: true,
    words: [
      '电梯困人',
      '困电梯',
      '困在电梯',
      '关在电梯',
      '电梯里出不来',
      '卡在电梯',
      'stuck in the lift',
      'trapped in the lift',
      'stuck in lift',
      'trapped in lift',
    ],
    together: [
      ['电梯', '轿厢', 'lift', 'elevator'],
      ['困', '关在', '关人', '被关', '出不来', '夹到', '夹住', 'stuck', 'trapped'],
    ],
    // 困扰, 困难: a lift that is a bother is not a lift with someone in it; 好困, 犯困: nor is a sleepy neighbour.
    unless: ['困扰', '困难', '困惑', '好困', '犯困', '困死', '困意', 'stuck on'],
    skills: ['物业'],
    hotlines: ['lift', 'fire'],
  },
  {
    key: 'fire',
    shared: true,
    words: ['着火', '起火', '失火', '冒烟', '浓烟', '烧焦味', '焦糊味', '火灾', 'on fire', 'smoke', 'burning smell'],
    unless: ['打不着火', '点不着火', '不着火', '灶打不着'],
    skills: ['物业'],
    hotlines: ['fire'],
  },
  {
    key: 'person',
    words: [
      '摔倒',
      '跌倒',
      '晕倒',
      '昏倒',
      '昏迷',
      '叫不应',
      '叫不醒',
      '没反应',
      'fell down',
      'fainted',
      'unconscious',
      'collapsed',
      '不省人事',
      '晕过去',
      '昏过去',
      '倒在地上',
      '心脏病发',
      '心梗',
      '脑梗',
      '跳楼',
      '好几天没开门',
      '没有呼吸',
      '没呼吸',
      '喘不上气',
      '抽搐',
      '中风',
    ],
    // 我妈摔了一跤起不来: a fall and not getting up.
    together: [
      ['摔', '跌', '倒在地'],
      ['起不来', '爬不起', '站不起', '动不了', '流血', '出血'],
    ],
    skills: ['银龄'],
    hotlines: ['ambulance'],
  },
  {
    key: 'electric',
    shared: true,
    words: ['漏电', '冒火花', '触电', '电线冒火', 'electric shock', 'sparks', 'sparking'],
    skills: ['物业'],
    hotlines: ['power', 'fire'],
  },
  {
    key: 'water',
    shared: true,
    words: [
      '爆管',
      '水管爆',
      '水管裂',
      '水管破',
      '水喷',
      '水漫',
      '水淹',
      '淹水',
      '淹到',
      '倒灌',
      '发大水',
      'burst pipe',
      'flooding',
    ],
    skills: ['物业'],
    hotlines: ['property', 'fire'],
  },
]

export const defaultUrgency: UrgencySettings = {
  classes: defaultUrgencyClasses,
  marks: ['紧急', '急', '急急', '救命', 'urgent', 'emergency', 'sos'],
  // 96777 and 96333 are the numbers of many Chinese cities, not all: a community sets its own.
  hotlines: { fire: '119', police: '110', ambulance: '120', gas: '96777', lift: '96333', power: '95598', property: '' },
  markedHotlines: ['police', 'fire', 'ambulance'],
  ladder: { repingEvery: '3m', until: '30m', staffAt: ['5m', '10m'] },
  stillWaitingEvery: '1d',
}

/** Lower case for comparing; most rings have no capital letter, and lowering Chinese text is slow. */
const lowered = (text: string): string => (/[A-Z]/.test(text) ? text.toLowerCase() : text)

/** Words that undo a mark written right before it: 不紧急, 不急, 没那么急. */
const NEGATIONS = new Set([...'不没非别无'])
/** Where a mark may stand: the start, after # or an opening bracket, with these skipped before it. */
const OPENERS = new Set([...'#＃【[〔「(（<《'])
const SKIP = new Set([...' ,，。.!！:：;；、~～-—'])

function markAt(lower: string, i: number, marks: readonly string[]): boolean {
  let j = i
  while (j < lower.length && j < i + 3 && (SKIP.has(lower[j]!) || OPENERS.has(lower[j]!))) j++
  return marks.some((m) => m && lower.startsWith(m, j))
}

/**
 * Whether the resident marked the ring urgent: a mark at the start (急！…, 【紧急】…, #急), or a mark of
 * two characters or more anywhere not undone by a negation (…很紧急, but not 不紧急).
 */
export function markedUrgent(text: string, marks: readonly string[]): boolean {
  const lower = lowered(text)
  const ms = marks.map((m) => m.toLowerCase())
  if (markAt(lower, 0, ms)) return true
  // Each opener looked for natively, not every character in a loop: a long ring costs little.
  for (const o of OPENERS)
    for (let at = lower.indexOf(o); at >= 0; at = lower.indexOf(o, at + 1)) if (markAt(lower, at + 1, ms)) return true
  for (const m of ms) {
    if (m.length < 2) continue
    for (let at = lower.indexOf(m); at >= 0; at = lower.indexOf(m, at + m.length))
      if (at === 0 || !NEGATIONS.has(lower[at - 1]!)) return true
  }
  return false
}

/** The text with each of these words blanked out (one pass per word). */
const without = (lower: string, words: readonly string[]): string =>
  words.reduce((t, w) => (w ? t.split(w.toLowerCase()).join(' ') : t), lower)

const says = (text: string, words: readonly string[]) => words.some((w) => w && text.includes(w.toLowerCase()))

/** One of its words, or one word of each of its groups said together. */
const names = (text: string, c: UrgencyClass): boolean =>
  says(text, c.words) || (!!c.together?.length && c.together.every((group) => says(text, group)))

/** The class a ring belongs to (the first listed it names), MARKED if only marked, or null. */
export function urgencyOf(text: string, u: Pick<UrgencySettings, 'classes' | 'marks'>): string | null {
  const lower = lowered(text)
  // `unless` is read out only when a word is there at all: most rings name no emergency.
  for (const c of u.classes)
    if (names(lower, c) && (!c.unless?.length || names(without(lower, c.unless), c))) return c.key
  return markedUrgent(text, u.marks) ? MARKED : null
}

export const classOf = (u: UrgencySettings, key: string | null): UrgencyClass | undefined =>
  key === null ? undefined : u.classes.find((c) => c.key === key)

/** The hotlines of a class (or of a marked ring) with their numbers; a hotline with no number is left out. */
export function hotlinesOf(u: UrgencySettings, key: string): { key: string; number: string }[] {
  const keys = classOf(u, key)?.hotlines ?? u.markedHotlines
  return keys.flatMap((k) => (u.hotlines[k] ? [{ key: k, number: u.hotlines[k] }] : []))
}

/** Whether rings of this class in one building are one hazard (UrgencyClass.shared). */
export const sharedHazard = (u: UrgencySettings, key: string | null): boolean =>
  key !== null && u.classes.some((c) => c.key === key && c.shared === true)
