// The readers of the phrasing data (phrasing.ts): where a message rings the bell, asks how it works, or
// answers in plain words. Each looks at a few known positions (the start, the end, each bracket or #)
// and compares the data's words there, so reading is linear in the message (tests/domain/patterns.test.ts).
import { bell, howTo, onBehalf, plainWords, privately, thanks, type PlainWords } from './phrasing.js'
import { charSet, trimChars } from './text.js'

const longestFirst = (words: readonly string[]): string[] => [...new Set(words)].sort((a, b) => b.length - a.length)

/** Words by their first character, longest first: at a position only the words that can start there are tried. */
function byFirst(words: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>()
  for (const w of longestFirst(words)) m.set(w[0]!, [...(m.get(w[0]!) ?? []), w])
  return m
}

const verbs = byFirst(bell.verbs)
const nouns = byFirst(bell.nouns)
const bellWords = byFirst([...bell.verbs, ...bell.nouns])
const leadIns = byFirst(bell.leadIns)
const marks = byFirst(privately.marks)
const about = byFirst(bell.about)
const closers = new Map<string, string>(bell.brackets.map(([open, close]) => [open, close]))
const bellEnds = new Set([...bell.verbs, ...bell.nouns].map((w) => w[w.length - 1]!))
/** Every bell word has its own last character: a message with none of them rings nowhere. */
const bellChar = new RegExp(`[${[...bellEnds].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`)
/** Where a tag or a bracket may start: the scan below looks only from the first of them. */
const tagStart = /[#(<[「〔〖【（《]/
const closing = new Set<string>(bell.brackets.map(([, close]) => close))

/** Punctuation that ends a phrase: after 协商铃 it makes the noun a ring (协商铃：…). */
const PAUSE = new Set([...' ,，。.!！:：;；、~～-—'])
const END_MARKS = new Set([...' 。.!！~～'])

/**
 * Where `word` ends if it is written at `i` — one space allowed between its characters (按 铃) — or -1.
 * Latin letters are compared without case.
 */
export function wordAt(text: string, i: number, word: string, spaced = true): number {
  let j = i
  for (let k = 0; k < word.length; k++) {
    if (spaced && k > 0 && text[j] === ' ') j++
    const c = text[j]
    if (c === undefined || (c !== word[k] && c.toLowerCase() !== word[k])) return -1
    j++
  }
  return j
}

const NONE = { word: '', end: -1 } as const

/** The longest of these words written at `i`: its end, or -1. Most positions start no word at all. */
function oneOf(text: string, i: number, words: Map<string, string[]>, spaced = false): { word: string; end: number } {
  const c = text[i]
  if (c === undefined) return NONE
  const list = words.get(c) ?? (c >= 'A' && c <= 'Z' ? words.get(c.toLowerCase()) : undefined)
  if (!list) return NONE
  for (const w of list) {
    const end = wordAt(text, i, w, spaced)
    if (end >= 0) return { word: w, end }
  }
  return NONE
}

const skipSpaces = (text: string, i: number): number => (text[i] === ' ' ? i + 1 : i)

interface BellAt {
  end: number
  /** the words as typed, e.g. 我要按铃 */
  alias: string
  noun: boolean
  private: boolean
}

/** [private mark] [lead-in] verb | noun at `i`. */
function bellAt(text: string, i: number): BellAt | undefined {
  let at = i
  let priv = false
  const mark = oneOf(text, at, marks)
  if (mark.end >= 0) {
    priv = true
    at = skipSpaces(text, mark.end)
  }
  const direct = verbOrNoun(text, i, at, priv)
  if (direct) return direct
  const lead = oneOf(text, at, leadIns)
  return lead.end >= 0 ? verbOrNoun(text, i, skipSpaces(text, lead.end), priv) : undefined
}

function verbOrNoun(text: string, start: number, at: number, priv: boolean): BellAt | undefined {
  const verb = oneOf(text, at, verbs, true)
  if (verb.end >= 0) return { end: verb.end, alias: text.slice(start, verb.end), noun: false, private: priv }
  const noun = oneOf(text, at, nouns, true)
  if (noun.end >= 0) return { end: noun.end, alias: text.slice(start, noun.end), noun: true, private: priv }
  return undefined
}

/** After the verb, words that make the message about the bell (按铃了吗, 按铃这个功能挺好用的). */
const talksAbout = (text: string, end: number): boolean => oneOf(text, skipSpaces(text, end), about).end >= 0

/** 按铃 私下：… / 按铃（私下）…: a private mark as the first word after the bell. */
function markAfter(text: string, end: number): number {
  let i = end
  while (i < text.length && i < end + 3 && (PAUSE.has(text[i]!) || closers.has(text[i]!))) i++
  const m = oneOf(text, i, marks)
  if (m.end < 0) return -1
  const j = m.end
  if (closing.has(text[j] ?? '')) return j + 1
  return j >= text.length || PAUSE.has(text[j]!) ? j : -1
}

export interface RingRead {
  /** the bell words as typed */
  alias: string
  /** what the resident said, without the bell words */
  rest: string
  private?: true
  /** rung on this named neighbour's behalf */
  forName?: string
}

function finish(text: string, b: BellAt, from: number, to: number, extra: Partial<RingRead> = {}): RingRead {
  const after = markAfter(text, b.end)
  const priv = b.private || after >= 0
  return {
    alias: b.alias,
    rest: `${text.slice(from, to)} ${text.slice(after >= 0 ? after : b.end)}`.trim(),
    ...(priv ? { private: true as const } : {}),
    ...extra,
  }
}

/** A bell word said first: 按铃：…, 我要按铃，…, 按一下铃 …, 【按铃】…, 私下按铃 …, 代王阿姨按铃 …. */
function ringFirst(text: string): RingRead | undefined {
  const open = closers.get(text[0] ?? '')
  if (open) {
    const b = bellAt(text, skipSpaces(text, 1))
    if (b) {
      const end = skipSpaces(text, b.end)
      if (text[end] === open) return finish(text, { ...b, end: end + 1, alias: text.slice(0, end + 1) }, 0, 0)
    }
  }
  const proxy = onBehalfAt(text)
  if (proxy) return proxy
  const b = bellAt(text, 0)
  if (!b) return undefined
  if (b.noun ? !(b.end >= text.length || PAUSE.has(text[b.end]!)) : talksAbout(text, b.end)) return undefined
  return finish(text, b, 0, 0)
}

const selfWords = new Set(onBehalf.notNames)
const nameChar = /^[\p{L}\p{N}·]$/u
const questionChar = new Set([...'么什谁哪吗啥怎何'])

/** A neighbour's name: letters only, short, no question word; `self` for 我 / 忙 / 大家 (the speaker rings). */
function asName(s: string): string | 'self' | undefined {
  const name = s.trim().replace(/^@/, '').trim()
  if (selfWords.has(name)) return 'self'
  if (!name || name.length > onBehalf.maxName) return undefined
  for (const c of name) if (!nameChar.test(c) || questionChar.has(c)) return undefined
  return name
}

/** 帮王阿姨按铃：… / 代 @严大伯 按铃 … / 代按铃 王阿姨：…. */
function onBehalfAt(text: string): RingRead | undefined {
  for (const p of onBehalf.proxies) {
    if (!text.startsWith(p)) continue
    // [proxy][name][verb]: the verb within a name's length
    for (let j = p.length + 1; j <= p.length + onBehalf.maxName + 3 && j < text.length; j++) {
      const v = oneOf(text, j, verbs, true)
      if (v.end < 0) continue
      const name = asName(text.slice(p.length, j))
      if (!name || talksAbout(text, v.end)) return undefined
      const b = { end: v.end, alias: text.slice(0, v.end), noun: false, private: false }
      return finish(text, b, 0, 0, name === 'self' ? {} : { forName: name })
    }
    // [proxy][verb] name：…
    const v = oneOf(text, p.length, verbs, true)
    if (v.end < 0) continue
    let i = skipSpaces(text, v.end)
    const from = i
    while (i < text.length && i - from <= onBehalf.maxName + 1 && !PAUSE.has(text[i]!)) i++
    const name = asName(text.slice(from, i))
    if (!name || name === 'self' || i >= text.length) return undefined
    return { alias: text.slice(0, v.end), rest: text.slice(i).trim(), forName: name }
  }
  return undefined
}

const endsWithQuestion = (text: string): boolean => /[?？]\s*$/.test(text)

/** A bell word said last: 楼道灯坏了，按铃 / 楼道灯坏了 协商铃！ — after a pause, before nothing but end marks. */
function ringLast(text: string): RingRead | undefined {
  let end = text.length
  while (end > 0 && END_MARKS.has(text[end - 1]!)) end--
  // Most messages end in no bell word's last character: nothing more to look at.
  if (!bellEnds.has(text[end - 1] ?? '')) return undefined
  for (const words of bellWords.values())
    for (const w of words) {
      const at = end - w.length
      if (at < 0 || !text.startsWith(w, at)) continue
      if (at > 0 && !PAUSE.has(text[at - 1]!)) continue
      return { alias: w, rest: text.slice(0, Math.max(0, at - 1)).trim() }
    }
  return undefined
}

/** 【按铃】 or #按铃 anywhere in the message: 楼道灯坏了 #协商铃 电话… / 9幢电梯停了【按铃】. */
function ringTagged(text: string): RingRead | undefined {
  const first = text.search(tagStart)
  if (first < 0) return undefined
  for (let i = first; i < text.length; i++) {
    const c = text[i]!
    if (c === '#') {
      const w = oneOf(text, i + 1, bellWords)
      if (w.end >= 0) return { alias: text.slice(i, w.end), rest: `${text.slice(0, i)} ${text.slice(w.end)}`.trim() }
      continue
    }
    const close = closers.get(c)
    if (!close) continue
    const b = bellAt(text, skipSpaces(text, i + 1))
    if (!b) continue
    const end = skipSpaces(text, b.end)
    if (text[end] !== close) continue
    const rest = `${text.slice(0, i)} ${text.slice(end + 1)}`.trim()
    return { alias: text.slice(i, end + 1), rest, ...(b.private ? { private: true as const } : {}) }
  }
  return undefined
}

/**
 * Where a message rings the bell, and what it says besides. `text` is normalized and starts after any
 * category tags. Undefined: it does not ring (怎么按铃？ 按铃这个功能挺好用的 我昨天按铃了).
 */
export function readRing(text: string): RingRead | undefined {
  // Every bell word has one of these characters: conversation without them is done at once.
  if (!bellChar.test(text)) return undefined
  return ringFirst(text) ?? ringTagged(text) ?? (endsWithQuestion(text) ? undefined : ringLast(text))
}

const none: ReadonlySet<string> = new Set()
const questionEnd = charSet('?？!！.。')
const thanksEnd = charSet(',，。.!！~～')

const HOWTO_MAX = 40
const howBefore = byFirst(howTo.before)
const asks = byFirst(howTo.asks)
const uses = byFirst(howTo.uses)
const subjects = byFirst(howTo.subjects)
const howAfter = new Set(howTo.after.join(''))

/** How the bell works, asked (怎么按铃？ 这个机器人怎么用): `said` to the bot means the subject may be left out. */
export function isHowTo(text: string, saidToBot: boolean): boolean {
  // A how-to asks how: most messages have no such word and are done here.
  if (text.length > HOWTO_MAX || !askWord.test(text)) return false
  const lower = trimChars(text.toLowerCase(), none, questionEnd)
  if (howTo.english.some((e) => lower === e || (lower.startsWith(`${e} `) && /\b(?:ring|bell|bot)\b/.test(lower))))
    return saidToBot || /\b(?:ring|bell|bot)\b/.test(lower)
  const s = text.replace(/ /g, '')
  let i = 0
  for (let b = oneOf(s, i, howBefore); b.end >= 0; b = oneOf(s, i, howBefore)) i = skipPunct(s, b.end)
  const ends = (j: number) => endsHere(s, j)
  const opt = (j: number, words: Map<string, string[]>) => optional(s, j, words)
  // ask [use] [这个] subject, or ask use (said to the bot)
  const ask = oneOf(s, i, asks)
  if (ask.end >= 0) {
    const afterUse = opt(ask.end, uses)
    const subject = oneOf(s, opt(afterUse, this_), subjects)
    if (subject.end >= 0 && ends(subject.end)) return true
    if (saidToBot && afterUse > ask.end && ends(afterUse)) return true
    return false
  }
  // [这个] subject [要] ask use
  const subject = oneOf(s, opt(i, this_), subjects)
  if (subject.end < 0) return false
  const ask2 = oneOf(s, opt(subject.end, should), asks)
  if (ask2.end < 0) return false
  const use = oneOf(s, ask2.end, uses)
  return use.end >= 0 && ends(use.end)
}
const askWord = /[怎如咋]|how/i
function endsHere(s: string, j: number): boolean {
  while (j < s.length && howAfter.has(s[j]!)) j++
  return j === s.length
}
function optional(s: string, j: number, words: Map<string, string[]>): number {
  const w = oneOf(s, j, words)
  return w.end >= 0 ? w.end : j
}
const this_ = byFirst(['这个', '这'])
const should = byFirst(['要', '该', '应该', '得'])
const skipPunct = (s: string, i: number) => (i < s.length && PAUSE.has(s[i]!) ? i + 1 : i)

/** What plain words answer (满意，谢谢钱阿姨 / 完成了 / 我来), and what follows them. */
export interface PlainRead {
  words: PlainWords
  /** the words as matched */
  word: string
  /** what follows the words: a case number, a reason, thanks */
  rest: string
}

const plainIndex = byFirst(plainWords.flatMap((p) => p.words))
const plainOf = new Map<string, PlainWords>()
for (const p of plainWords) for (const w of p.words) if (!plainOf.has(w)) plainOf.set(w, p)
const thanksWords = byFirst(thanks)
/** What may follow plain words directly: a pause, a case number, a thanks word. */
const plainBoundary = /^(?:$|[\s,，。.!！~～:：;；、#＃\d★⭐谢]|感谢|多谢|辛苦)/

/** Plain words said first (满意 / 不满意 灯还是不亮 / 修好了，谢谢 / 完成了 3), or undefined. Not questions. */
export function readPlain(text: string): PlainRead | undefined {
  if (endsWithQuestion(text)) return undefined
  const w = oneOf(text, 0, plainIndex)
  if (w.end < 0) return undefined
  const rest = text.slice(w.end)
  if (!plainBoundary.test(rest)) return undefined
  return { words: plainOf.get(w.word)!, word: w.word, rest }
}

/** 谢谢 / 谢谢钱阿姨！ / 辛苦了：all that may follow 修好了. */
export function onlyThanks(text: string): boolean {
  let i = 0
  while (i < text.length && PAUSE.has(text[i]!)) i++
  if (i === text.length) return true
  const t = oneOf(text, i, thanksWords)
  if (t.end < 0) return false
  let j = t.end
  while (j < text.length && PAUSE.has(text[j]!)) j++
  const name = trimChars(text.slice(j), none, thanksEnd)
  return name === '' || asName(name) !== undefined
}

/** Whether the last words of a message ring (a long message's tail: its head is read by the grammar). */
export const ringsAtEnd = (tail: string): boolean =>
  ringTagged(tail) !== undefined || (!endsWithQuestion(tail) && ringLast(tail) !== undefined)
