// Every place typed text meets a pattern, and the inputs that make a pattern work hardest: long runs of
// each character class the patterns care about, with and without a rejecting end, and seeded random
// mixtures. Shared by the fuzz test (tests/domain/patterns.test.ts) and the bench (bench/patterns.ts),
// so a failure in one reproduces in the other. No vitest here: the bench imports it too.
import { parseCommand, readBinding, readCommand, readVerdict } from '../../src/domain/commands.js'
import { categorize, locate, stripTags } from '../../src/domain/classify.js'
import { buildingOf, likeCase } from '../../src/domain/duplicates.js'
import { isHowTo, onlyThanks, readPlain, readRing } from '../../src/domain/rings.js'
import { findContacts, maskContacts } from '../../src/domain/contact.js'
import { normalize, trimSeparators } from '../../src/domain/text.js'
import { defaultUrgency, markedUrgent, urgencyOf } from '../../src/domain/urgency.js'
import { parseShift } from '../../src/domain/rota.js'
import { parseInputOf } from '../../src/chat/router.js'
import type { IncomingMessage } from '../../src/chat/types.js'
import { parseLine } from '../../adapters/console/transcript.js'
import { parseQuote, segmentsOf } from '../../adapters/wechat/decode.js'
import { decodeMessage as decodeTelegram } from '../../adapters/telegram/decode.js'

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * What the patterns look for, one character (or a short unit) at a time: laughter and courtesy, digits
 * in both widths, every separator a phone number or a command may carry, keywords, brackets, quotes.
 */
export const units = [
  '哈',
  '嗯',
  '好',
  '谢谢',
  '谢谢你好',
  '谢谢您好',
  '辛苦了',
  'ok',
  '1',
  '１',
  '13',
  '，',
  ',',
  '-',
  '—',
  '–',
  '−',
  '_',
  '/',
  ' ',
  '\u3000',
  '\t',
  '.',
  '。',
  '、',
  '·',
  '~',
  '!',
  '？',
  '#',
  '＃',
  '@',
  ':',
  '：',
  '|',
  '^',
  '「',
  '」',
  '(',
  '）',
  '\u200b',
  '\u2005',
  '★',
  '⭐',
  'a',
  '按铃',
  '协商铃',
  '幢',
  '单元',
  '+86',
  '0',
  '1 ',
  '1-',
  '- ',
  '#a ',
  '@a ',
  '12 ',
  '138 ',
  '周一 ',
  'to ',
  '08:00-20:00 ',
  '\n',
  '- - - - - - \n',
  // what the phrasing data looks for (src/domain/phrasing.ts): bell words spaced out, brackets, lead-ins,
  // aliases after @, plain answers, a neighbour's name before the verb
  '按',
  '铃',
  '按 ',
  '【',
  '[',
  '@机器人 ',
  '满意',
  '修好了',
  '代',
  '私下',
  '怎么',
  '+1',
]

/** Put before a run so the patterns that only start after a keyword get to see it. */
export const leads = [
  '按铃 ',
  '/ring ',
  '接单 ',
  '进展 12 ',
  '满意 12 ',
  '列表 ',
  '下班',
  '#物业 ',
  '电话',
  '9幢',
  '「钱阿姨：',
  '【按铃】',
  '我要按铃，',
  '@机器人 ',
  '代王阿姨按铃 ',
  '满意 ',
  '怎么',
]
/** A rejecting end makes a backtracking pattern try every split before it gives up. */
export const ends = ['', 'x', '？', '」\n- - - - - - - -\n接']

export interface Input {
  label: string
  text: string
}

const input = (lead: string, unit: string, size: number, end: string): Input => ({
  label: `${JSON.stringify(lead)} + ${JSON.stringify(unit)}×${size} + ${JSON.stringify(end)}`,
  text: lead + unit.repeat(Math.ceil(size / unit.length)).slice(0, size) + end,
})

/**
 * Runs of every unit, `size` characters long, before each of `ends`, and after each lead before each of
 * `leadEnds`; made one at a time, as 100k-character strings add up.
 */
export function* worstInputs(size: number, o: { ends?: string[]; leadEnds?: string[] } = {}): Generator<Input> {
  for (const unit of units) {
    for (const end of o.ends ?? ends) yield input('', unit, size, end)
    for (const end of o.leadEnds ?? []) for (const lead of leads) yield input(lead, unit, size, end)
  }
}

/** Random concatenations of the units (and of the leads), reproducible from the seed. */
export function mixedInputs(size: number, seeds: number[]): Input[] {
  return seeds.map((seed) => {
    const rnd = prng(seed)
    const pool = [...units, ...leads]
    let s = ''
    while (s.length < size) s += pool[Math.floor(rnd() * pool.length)]
    return { label: `mixed seed ${seed} ×${size}`, text: s.slice(0, size) }
  })
}

const categories = {
  物业: ['灯', '漏水', '电梯', '垃圾', '门禁'],
  法律: ['纠纷', '赔偿', '合同'],
  银龄: ['老人', '买药', '独居'],
}
const places = ['锦绣新村/9幢', '锦绣新村/10幢']
const self = { platform: 'console', id: 'ringbell', name: 'ringbell' }

const message = (text: string, kind: 'group' | 'direct'): IncomingMessage => ({
  key: { platform: 'console', conversationId: 'g', messageId: '1' },
  conversation: { kind, platform: 'console', id: 'g' },
  sender: { platform: 'console', id: 'w', name: 'w' },
  content: [
    { type: 'mention', userId: 'ringbell', name: 'ringbell' },
    { type: 'text', text },
  ],
  mentionsSelf: true,
  attachments: [],
  sentAt: new Date(0),
})

/** Each function that reads typed text, as one call on a string. */
export interface Subject {
  name: string
  run: (text: string) => unknown
  /** reads what follows a command word: try it after each lead as well */
  leads?: boolean
}

export const subjects: Subject[] = [
  // The grammar at full length, as if there were no cap: every pattern in it must be linear on its own.
  { name: 'grammar (group)', leads: true, run: (text) => readCommand({ text, addressed: false, quoting: false }) },
  { name: 'grammar (@bot)', run: (text) => readCommand({ text, addressed: true, quoting: false }) },
  { name: 'grammar (direct)', run: (text) => readCommand({ text, addressed: false, quoting: true, direct: true }) },
  // What the app calls: the message model through the router into the grammar, the cap in front.
  {
    name: 'router + parse',
    run: (text) => [
      parseCommand(parseInputOf(message(text, 'group'), self)),
      parseCommand(parseInputOf(message(text.slice(0, 1999), 'direct'), self)),
    ],
  },
  // The phrasing data's readers on their own (src/domain/rings.ts), and the duplicate judgement.
  { name: 'readRing', leads: true, run: (text) => readRing(text) },
  { name: 'isHowTo', leads: true, run: (text) => [isHowTo(text, false), isHowTo(text, true)] },
  { name: 'readPlain + onlyThanks', leads: true, run: (text) => [readPlain(text), onlyThanks(text)] },
  // What makes a ring urgent (issue 11): each class's words, what undoes them, the resident's mark.
  {
    name: 'urgencyOf + markedUrgent',
    run: (text) => [urgencyOf(text, defaultUrgency), markedUrgent(text, defaultUrgency.marks)],
  },
  {
    name: 'likeCase + buildingOf',
    run: (text) => [
      likeCase(
        { text, category: '物业', place: '锦绣新村/9幢' },
        { text: '楼道灯坏了', category: '物业', place: '锦绣新村/9幢' },
      ),
      buildingOf(text),
    ],
  },
  {
    name: 'grammar (aliases, quoting)',
    run: (text) =>
      readCommand({ text, addressed: false, quoting: true, aliases: ['机器人', '协商铃', text.slice(0, 8)] }),
  },
  { name: 'normalize', run: (text) => normalize(text) },
  { name: 'trimSeparators', run: (text) => trimSeparators(text) },
  { name: 'categorize', run: (text) => categorize(text, categories) },
  { name: 'stripTags', run: (text) => stripTags(text, categories) },
  { name: 'locate', run: (text) => locate(text, ['锦绣新村/9幢'], places) },
  { name: 'findContacts', run: (text) => findContacts(text) },
  { name: 'maskContacts', run: (text) => maskContacts(text) },
  {
    name: 'readVerdict',
    run: (text) => [
      readVerdict({ name: 'verify', alias: '满意', text, locale: 'zh-CN' }),
      readVerdict({ name: 'verify', alias: '/verify', text, locale: 'en' }),
    ],
  },
  { name: 'readBinding', run: (text) => readBinding(text) },
  { name: 'parseShift', run: (text) => parseShift(text) },
  { name: 'transcript', run: (text) => [parseLine(text), parseLine(`@${text}`), parseLine(`g|${text}`)] },
  { name: 'wechat parseQuote', run: (text) => [parseQuote(text), parseQuote(`「钱阿姨：${text}`)] },
  {
    name: 'wechat segmentsOf',
    run: (text) =>
      segmentsOf(
        text,
        [
          { name: '钱阿姨', id: '钱阿姨' },
          { name: 'a', id: 'a' },
        ],
        ['ringbell'],
      ),
  },
  {
    name: 'telegram decode',
    run: (text) =>
      decodeTelegram(
        {
          message_id: 1,
          date: 0,
          chat: { id: -1, type: 'group', title: 'g' },
          from: { id: 7, is_bot: false, first_name: 'w' },
          text,
          entities: [{ type: 'mention', offset: 0, length: Math.min(4, text.length) }],
        },
        { id: 1, username: 'ringbell_bot' },
      ),
  },
]
