// The one command table (DESIGN §5) and its grammar. Chinese aliases first; every alias is accepted.
import type { Who } from './roles.js'
import { defaultBotAliases, meToo, meTooAlone } from './phrasing.js'
import { isHowTo, onlyThanks, readPlain, readRing, ringsAtEnd, type RingRead } from './rings.js'
import { periodWords } from './periods.js'
import { figuresAskedBackwards, statsLeadWords } from './stats-query.js'
import { charSet, hasCjk, normalize, trimChars, trimSeparators, type Locale } from './text.js'

/** What follows the keyword. `case` takes a number (or the quoted bot message that names one). */
type Arg = 'none' | 'text' | 'case' | 'case+text' | 'case+text?' | 'option' | 'rest'

interface SpecData {
  zh: readonly string[]
  en: readonly string[]
  arg: Arg
  who: Who
  /** for arg 'option': accepted words → canonical value */
  options?: Record<string, string>
  /** the help section it is listed in, where that is not `who`'s */
  helpUnder?: Who
  /** words that may follow the keyword with no space between (统计上周); any other word needs one */
  glued?: readonly string[]
}

export const listOptions: Record<string, string> = {
  待受理: 'new',
  已转办: 'referred',
  转办: 'referred',
  未接单: 'open',
  待接单: 'open',
  处理中: 'claimed',
  已接单: 'claimed',
  待验收: 'resolved',
  已办结: 'closed',
  全部: 'all',
  open: 'open',
  claimed: 'claimed',
  resolved: 'resolved',
  closed: 'closed',
  all: 'all',
  new: 'new',
  referred: 'referred',
}

/** 合并 A B's second number: the case A joins (合并 13 12, 合并 #13 到 #12, /merge 13 into 12). */
export function readMergeTarget(text: string): number | undefined {
  const m = /^(?:[到入进]|并入|into|to)?\s*#?(\d{1,9})\s*$/iu.exec(text.trim())
  return m ? Number(m[1]) : undefined
}

/** What may follow 进度 / 我的铃 with no number: how is it going? (我的铃怎么样了) */
const howItGoes = ['怎么样了', '怎么样', '如何了', '如何', '到哪一步了', '到哪了', '呢', '有人管吗']

/** 列表's argument: which cases (default: those not yet finished) and which page (from 1). */
export function readList(text: string): { which: string; page: number } | { error: string } {
  let which: string | undefined
  let page: number | undefined
  for (const w of text.toLowerCase().split(/\s+/).filter(Boolean)) {
    const n = /^第?(\d{1,5})页?$/.exec(w)
    if (n && page === undefined) page = Number(n[1])
    else if (listOptions[w] && which === undefined) which = listOptions[w]
    else return { error: w }
  }
  return { which: which ?? 'active', page: Math.max(1, page ?? 1) }
}

/**
 * The one command table (DESIGN §5): each command's words, what follows them and who it is for. The app
 * gives every name a handler (src/app/registry.ts) and the catalogues a help line: both are typed by
 * `CommandName`, so a command missing either does not compile. Listed in the order help shows them.
 */
export const commands = {
  ring: { zh: ['#协商铃', '协商铃', '按铃'], en: ['/ring'], arg: 'text', who: 'anyone' },
  help: { zh: ['帮助', '说明'], en: ['/help', '/start'], arg: 'none', who: 'anyone' },
  status: { zh: ['进度', '查询', '查进度', '我的铃'], en: ['/status'], arg: 'case', who: 'anyone', glued: howItGoes },
  add: { zh: ['补充'], en: ['/add'], arg: 'case+text', who: 'reporter' },
  verify: { zh: ['满意', '不满意'], en: ['/verify'], arg: 'case+text?', who: 'reporter' },
  cancel: { zh: ['撤销', '取消'], en: ['/cancel'], arg: 'case', who: 'reporter' },
  same: { zh: ['同', '我也是', ...meToo], en: ['/same'], arg: 'case', who: 'anyone' },
  // A closed case's problem back again, after the window in which 不满意 reopens it: a new case linked to it.
  again: { zh: ['再按铃', '重新按铃', '再按'], en: ['/again'], arg: 'case+text?', who: 'reporter' },
  claim: { zh: ['接单', '接'], en: ['/claim'], arg: 'case', who: 'volunteer' },
  note: { zh: ['进展'], en: ['/note'], arg: 'case+text', who: 'volunteer' },
  done: { zh: ['完成'], en: ['/done'], arg: 'case+text?', who: 'volunteer' },
  release: { zh: ['放弃'], en: ['/release'], arg: 'case+text?', who: 'volunteer' },
  // Urgent rings (issue 11): the claimer is there; staff say a ring is not an emergency after all.
  arrive: { zh: ['到场', '到了'], en: ['/arrive'], arg: 'case', who: 'volunteer' },
  downgrade: { zh: ['不紧急'], en: ['/downgrade'], arg: 'case', who: 'staff' },
  onduty: { zh: ['值班'], en: ['/onduty'], arg: 'none', who: 'volunteer' },
  offduty: { zh: ['下班'], en: ['/offduty'], arg: 'none', who: 'volunteer' },
  mine: { zh: ['我的单'], en: ['/mine'], arg: 'none', who: 'volunteer' },
  myshifts: { zh: ['我的班'], en: ['/myshifts'], arg: 'none', who: 'volunteer' },
  assign: { zh: ['派单'], en: ['/assign'], arg: 'case+text', who: 'staff' },
  // 受理 (triage, issue 13): staff accept a ring, decline it with a reason, or hand it to an outside body.
  // Mass incidents (issue 12): take a wrongly joined ring out of a case (拆分 12 钱阿姨 / 拆分 12 水管), or
  // join case A into case B as the same incident (合并 13 12: A's ringers are counted on B).
  split: { zh: ['拆分'], en: ['/split'], arg: 'case+text?', who: 'staff' },
  merge: { zh: ['合并'], en: ['/merge'], arg: 'case+text?', who: 'staff' },
  accept: { zh: ['受理'], en: ['/accept'], arg: 'case', who: 'staff' },
  decline: { zh: ['不受理'], en: ['/decline'], arg: 'case+text', who: 'staff' },
  refer: { zh: ['转办'], en: ['/refer'], arg: 'case+text', who: 'staff' },
  referral: { zh: ['转办结果'], en: ['/referral'], arg: 'case+text', who: 'staff' },
  // 列表 [状态] [页]: the page number follows the status (列表 全部 2).
  list: { zh: ['列表'], en: ['/list'], arg: 'rest', who: 'committee', glued: Object.keys(listOptions) },
  // 统计 [period] [breakdown | building | category | volunteer] [图]: read by src/domain/stats-query.ts.
  stats: { zh: ['统计'], en: ['/stats'], arg: 'rest', who: 'committee', glued: [...periodWords, ...statsLeadWords] },
  report: { zh: ['周报', '本周复盘', '复盘'], en: ['/report'], arg: 'none', who: 'committee' },
  export: { zh: ['导出'], en: ['/export'], arg: 'rest', who: 'committee', glued: periodWords },
  history: { zh: ['记录'], en: ['/history'], arg: 'case', who: 'committee' },
  rota: { zh: ['排班'], en: ['/rota'], arg: 'rest', who: 'admin' },
  bind: { zh: ['绑定'], en: ['/bind'], arg: 'rest', who: 'admin' },
  // An admin asks for a code for a person (绑定码 钱阿姨); that person sends it to the bot (绑定码 123456).
  bindcode: { zh: ['绑定码'], en: ['/bindcode'], arg: 'rest', who: 'anyone', helpUnder: 'admin' },
  // Households, consultations and notices (issue 14). 投票, 登记, 公示 and 征询 are words neighbours use
  // too: their handlers stay quiet in a group unless the words are plainly meant for the bot.
  register: { zh: ['登记'], en: ['/register'], arg: 'rest', who: 'anyone' },
  vote: { zh: ['投票'], en: ['/vote'], arg: 'rest', who: 'anyone' },
  notice: { zh: ['公示', '通知'], en: ['/notice'], arg: 'rest', who: 'anyone' },
  // Who may see needs is the handler's to say (staff, volunteers), so a neighbour is never told "接单…".
  needs: { zh: ['帮扶'], en: ['/needs'], arg: 'rest', who: 'anyone', helpUnder: 'volunteer' },
  needslist: { zh: ['帮扶清单'], en: ['/needslist'], arg: 'rest', who: 'anyone', helpUnder: 'volunteer' },
  confirm: { zh: ['确认登记'], en: ['/confirm'], arg: 'rest', who: 'staff' },
  import: { zh: ['导入住户'], en: ['/import'], arg: 'rest', who: 'staff' },
  deliberate: { zh: ['议事'], en: ['/deliberate'], arg: 'case', who: 'staff' },
  consult: { zh: ['发起征询', '征询'], en: ['/consult'], arg: 'rest', who: 'anyone', helpUnder: 'committee' },
  poll: { zh: ['发起投票'], en: ['/poll'], arg: 'rest', who: 'committee' },
  close: { zh: ['结束'], en: ['/close'], arg: 'case', who: 'committee' },
  votes: { zh: ['征询名单', '投票名单'], en: ['/votes'], arg: 'case', who: 'committee' },
  // Read from the phrasing data (phrasing.ts), not from words of their own:
  // a question about how the bell works (怎么按铃？) gets a short how-to;
  howto: { zh: [], en: [], arg: 'none', who: 'anyone' },
  // free words said to the bot — in a direct message, or quoting its message — that the context gives a
  // meaning: the reason after a bare 不满意, a phone number left later, more detail, or a problem to ring.
  said: { zh: [], en: [], arg: 'text', who: 'anyone' },
  // words in a residents' group that name an emergency (煤气味, 电梯困人) with no ring word: the safety
  // advice and the hotline at once, and how to ring (src/app/hazard.ts) — found by the app, not the grammar.
  hazard: { zh: [], en: [], arg: 'text', who: 'anyone' },
} as const satisfies Record<string, SpecData>

export type CommandName = keyof typeof commands

export interface CommandSpec extends SpecData {
  name: CommandName
}

export const commandTable: CommandSpec[] = (Object.keys(commands) as CommandName[]).map((name) => ({
  name,
  ...commands[name],
}))

export const specOf = (name: CommandName): CommandSpec => ({ name, ...commands[name] })

export interface Command {
  name: CommandName
  /** the alias the person typed, e.g. 不满意 — it carries meaning for verify */
  alias: string
  caseNo?: number
  text: string
  option?: string
  locale: Locale
  /**
   * Plain words with no case number and no quote (满意, 完成了): the app finds the one case they can be
   * about — waiting for this person's verdict, or this volunteer's only claim — and stays quiet if none.
   */
  implicit?: true
  /** a ring marked private (私下按铃): only the volunteer who takes it learns what it is and who rang */
  private?: true
  /** a ring on a named neighbour's behalf (代王阿姨按铃): the app looks the name up */
  forName?: string
}

export type ParseError =
  /** a ring with no words yet; private or on a neighbour's behalf as the bell words said */
  | { error: 'empty_ring'; locale: Locale; private?: true; forName?: string }
  | { error: 'need_case'; name: CommandName; locale: Locale }
  | { error: 'need_text'; name: CommandName; locale: Locale }
  | { error: 'bad_option'; name: CommandName; word: string; locale: Locale }
  | { error: 'unknown_command'; word: string; locale: Locale }
  | { error: 'too_long'; max: number; locale: Locale }

export interface ParseInput {
  /** the message text with the bot's own mention removed */
  text: string
  /** the bot was @-mentioned: plain text then means a ring */
  addressed: boolean
  /** the message quotes a bot message, which can stand in for the case number */
  quoting: boolean
  /** the bot's username, so `/ring@ringbell_bot` is ours and `/ring@otherbot` is not */
  botUsername?: string
  /** a direct message: everything in it is said to the bot, so nothing goes unanswered */
  direct?: boolean
  /**
   * Names people type after @ for the bot when they do not pick it from the list (@机器人): the
   * community's own (settings.phrasing.botAliases); absent = phrasing.ts's defaults.
   */
  aliases?: readonly string[]
}

export type ParseResult = Command | ParseError | undefined

// The ring's words are read by rings.ts from the phrasing data; these are the other commands' words.
const zhAliases = commandTable
  .filter((spec) => spec.name !== 'ring')
  .flatMap((spec) => spec.zh.map((alias) => ({ alias, spec })))
  .sort((a, b) => b.alias.length - a.alias.length)
// A message made only of thanks, greetings and the like (in any combination, with emoji and punctuation).
// Not one pattern: as `^(?:谢谢你|你好|…)+$` "谢谢你好" splits two ways, so "谢谢你好" ×24 and a
// rejecting end made the engine try 2^24 splittings (minutes). Which positions a word can reach is
// one pass instead.
const courtesyWords = [
  ...['好的', '谢谢', '谢谢你', '谢谢您', '谢谢啦', '谢谢了', '多谢', '感谢', '谢了', '辛苦', '辛苦了', '辛苦啦'],
  ...['辛苦您了', '麻烦了', '麻烦您了', '收到', '你好', '您好', '在吗', '在不在', '早上好', '晚上好', '早安'],
  ...['晚安', '拜拜', '再见', '知道了', '明白了', 'ok', 'okay', 'thx', 'thank', 'thanks', 'thank you', 'hi'],
  ...['hello', 'bye'],
]
const courtesyByFirst = new Map<string, string[]>()
for (const w of courtesyWords) courtesyByFirst.set(w[0]!, [...(courtesyByFirst.get(w[0]!) ?? []), w])
const courtesyChar = /^[早好嗯哦哈\s,，。.!！~～?？呀啊\p{Extended_Pictographic}]$/u

function isCourtesy(text: string): boolean {
  const s = text.toLowerCase()
  // reach[i]: the first i characters are courtesy words and courtesy characters, one after another
  const reach = new Uint8Array(s.length + 1)
  reach[0] = 1
  for (let i = 0; i < s.length; i++) {
    if (!reach[i]) continue
    const cp = s.codePointAt(i)!
    if (courtesyChar.test(String.fromCodePoint(cp))) reach[i + (cp > 0xffff ? 2 : 1)] = 1
    for (const w of courtesyByFirst.get(s[i]!) ?? []) if (s.startsWith(w, i)) reach[i + w.length] = 1
  }
  return s.length > 0 && reach[s.length] === 1
}

const endMarks = charSet('。.!！~～?？', false)
const nothing: ReadonlySet<string> = new Set()

/**
 * The longest message the grammar reads. A ring is a few sentences (the demo's are 10–60 characters);
 * 2,000 is four phone screens, room for any problem told in full, and well under what WeChat lets
 * through (the console has no limit at all). Past it the bot reads no further, whatever the platform.
 */
export const MAX_TEXT = 2000
/** How much of a long message's end is read for a ring word said last ("……，按铃"). */
const TAIL = 40

/**
 * A message over MAX_TEXT is never scanned beyond it: only its head (and its last few characters, for
 * a closing 按铃) decide whether it was meant for the bot. If so, the sender is asked to say it in
 * shorter messages and nothing is filed half-read; ordinary chatter stays unanswered.
 */
function tooLong(input: ParseInput): ParseResult {
  const head = input.text.slice(0, MAX_TEXT)
  const said = readCommand({ ...input, text: head })
  const tail = normalize(input.text.slice(-TAIL))
  if (!said && !ringsAtEnd(tail) && !input.addressed && !input.direct) return undefined
  return { error: 'too_long', max: MAX_TEXT, locale: said?.locale ?? (hasCjk(head) ? 'zh-CN' : 'en') }
}

const isEnglish = (alias: string, rest: string): Locale => (alias.startsWith('/') && !hasCjk(rest) ? 'en' : 'zh-CN')

/** Text chatter is not a command: a keyword counts only when something that cannot be a word follows it. */
function boundaryAfter(rest: string, spec: CommandSpec): boolean {
  if (rest === '' || /^[\s\d#:：,，.。!！?？@]/.test(rest)) return true
  if (spec.glued?.some((w) => rest.startsWith(w))) return true
  return spec.arg === 'option' && Object.keys(spec.options ?? {}).some((o) => rest.startsWith(o))
}

/**
 * Turns a message into a command, a parse error to explain, or undefined for ordinary chatter the bot
 * must not answer. Pure: the router supplies the text and context.
 */
export const parseCommand = (input: ParseInput): ParseResult =>
  input.text.length > MAX_TEXT ? tooLong(input) : readCommand(input)

/** The grammar itself, at any length (linear in it): parseCommand is the entry, with the cap in front. */
export function readCommand(input: ParseInput): ParseResult {
  const typed = normalize(input.text)
  // @机器人 typed by hand (not picked from the list) names the bot as a real mention does.
  const { text, found } = withoutAliases(typed, input.aliases ?? defaultBotAliases)
  const addressed = input.addressed || (found && !input.direct)
  if (!text) return addressed ? { error: 'empty_ring', locale: 'zh-CN' } : undefined

  // One space at most after the word: normalize() made every run of whitespace one space.
  const slash = /^\/([A-Z_]+)(?:@(\S+))?(?:\s([\s\S]*))?$/i.exec(text)
  if (slash) {
    const [, word, target, rest = ''] = slash
    if (target && input.botUsername && target.toLowerCase() !== input.botUsername.toLowerCase()) return undefined
    const spec = commandTable.find((s) => s.en.includes(`/${word!.toLowerCase()}`))
    if (!spec) return { error: 'unknown_command', word: `/${word}`, locale: hasCjk(rest) ? 'zh-CN' : 'en' }
    return withArgs(spec, `/${word!.toLowerCase()}`, rest.trim(), isEnglish('/', rest), input.quoting)
  }

  const lead = numberFirst(trimSeparators(text))
  const toBot = addressed || input.direct === true
  if (isHowTo(lead, toBot)) return { name: 'howto', alias: '', text: '', locale: hasCjk(lead) ? 'zh-CN' : 'en' }

  const plain = plainAnswer(lead, input.quoting)
  if (plain) return plain

  const backwards = figuresAskedBackwards(lead)
  if (backwards) return { name: 'stats', alias: '统计', text: backwards, locale: 'zh-CN' }

  const hit = zhAliases.find(
    ({ alias, spec }) => lead.startsWith(alias) && boundaryAfter(lead.slice(alias.length), spec),
  )
  if (hit) {
    const r = withArgs(hit.spec, hit.alias, lead.slice(hit.alias.length).trim(), 'zh-CN', input.quoting)
    if (r) return r
    // Said to the bot directly, a bare or chatty command word still deserves an answer.
    if (input.direct)
      return hit.spec.arg === 'none'
        ? { name: hit.spec.name, alias: hit.alias, text: '', locale: 'zh-CN' }
        : { error: 'need_case', name: hit.spec.name, locale: 'zh-CN' }
    // "再按铃 楼道灯又坏了" has no case number: it may still ring; anything else is conversation.
    const ring = findRing(lead)
    return ring && ringCommand(ring)
  }

  // A bare six-digit code said to the bot privately is a 绑定码 being used (src/app/accounts.ts).
  if (input.direct && /^\d{6}$/.test(lead.replace(/[\s-]/g, '')))
    return { name: 'bindcode', alias: '绑定码', text: lead, locale: 'zh-CN' }

  const ring = findRing(lead)
  if (ring) return ringCommand(ring)
  // "@bot 谢谢", "@bot 在吗": courtesy, not a problem to file.
  if (toBot && isCourtesy(lead)) return undefined
  if (addressed) return { name: 'ring', alias: '@', text: lead, locale: hasCjk(lead) || !lead ? 'zh-CN' : 'en' }
  // Words said to the bot (privately, or quoting its message): the context gives them their meaning.
  if (input.direct || (input.quoting && !isCourtesy(lead)))
    return { name: 'said', alias: '', text: lead, locale: !hasCjk(lead) && /[a-z]/i.test(lead) ? 'en' : 'zh-CN' }
  return undefined
}

/** "按铃：9幢漏水了", "9幢漏水了，按铃", "楼道灯坏了 #协商铃 电话…" — but not "怎么按铃？" (rings.ts reads them) */
function findRing(text: string) {
  // Category tags may come first: "#法律 按铃 装修合同的问题".
  const tags = /^(?:#[^\s#]+\s+)*/.exec(text)![0]
  const first = tags ? readRing(text.slice(tags.length)) : undefined
  if (first) return { ...first, rest: `${tags} ${first.rest}` }
  return readRing(text)
}

function ringCommand(ring: RingRead): Command | ParseError {
  const body = trimSeparators(ring.rest.replace(/\s+/g, ' '))
  const shape = {
    ...(ring.private ? { private: true as const } : {}),
    ...(ring.forName ? { forName: ring.forName } : {}),
  }
  if (!body) return { error: 'empty_ring', locale: 'zh-CN', ...shape }
  return { name: 'ring', alias: ring.alias, text: body, locale: 'zh-CN', ...shape }
}

/** "@机器人 …": the bot's aliases removed wherever they are written, and whether there was one. */
function withoutAliases(text: string, aliases: readonly string[]): { text: string; found: boolean } {
  if (!text.includes('@')) return { text, found: false }
  const names = [...aliases].sort((a, b) => b.length - a.length)
  let out = ''
  let last = 0
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
    const name = names.find((a) => text.startsWith(a, i + 1) && aliasEnds(text[i + 1 + a.length]))
    if (!name) continue
    out += text.slice(last, i)
    last = i + 1 + name.length
  }
  return last === 0 ? { text, found: false } : { text: normalize(out + text.slice(last)), found: true }
}
const aliasEnd = charSet(',，。.!！:：;；、?？\u2005')
const aliasEnds = (c: string | undefined): boolean => c === undefined || aliasEnd.has(c)

/** "3 完成", "#12 满意", "5号 进度": the number said first, read as the command's own "完成 3". */
function numberFirst(text: string): string {
  const c = text.charCodeAt(0)
  if (c !== 35 && (c < 48 || c > 57)) return text
  const m = /^#?(\d{1,7})号?\s?/.exec(text)
  if (!m || m[0].length === text.length) return text
  const after = text.slice(m[0].length)
  const plain = readPlain(after)
  const word =
    plain?.words.words.find((w) => after.startsWith(w)) ??
    zhAliases.find(
      ({ alias, spec }) =>
        spec.arg.startsWith('case') && after.startsWith(alias) && boundaryAfter(after.slice(alias.length), spec),
    )?.alias
  return word ? `${word} ${m[1]} ${after.slice(word.length)}`.trim() : text
}

/**
 * 满意 / 不满意 灯还是不亮 / 修好了，谢谢 / 完成了 3 / 我来 (quoting the ping): the phrasing data's plain
 * answers. With a number or a quote, the command on that case; without, an `implicit` one the app
 * binds to the one case it can be about — or conversation, for words that need a quote.
 */
function plainAnswer(text: string, quoting: boolean): Command | undefined {
  const p = readPlain(text)
  if (!p) return undefined
  const spec = specOf(p.words.command)
  const { caseNo, body } = caseArg(p.rest)
  if (p.words.rest === 'thanks' && !onlyThanks(body)) return undefined
  if (p.words.rest === 'none' && trimChars(body, nothing, endMarks)) return undefined
  const base = {
    name: spec.name,
    alias: p.words.alias,
    text: p.words.saysWhy ? `${p.word}${body ? `，${body}` : ''}` : body,
    locale: 'zh-CN' as const,
    ...(p.words.orDone ? { option: 'orDone' } : {}),
  }
  if (caseNo !== undefined || quoting) return { ...base, caseNo }
  return p.words.bare === 'context' ? { ...base, implicit: true } : undefined
}

function withArgs(spec: CommandSpec, alias: string, rest: string, locale: Locale, quoting: boolean): ParseResult {
  const base = { name: spec.name, alias, locale }
  switch (spec.arg) {
    case 'none':
      // "下班 回家咯", "帮助 一下独居老人": words after a bare command make it conversation.
      return trimChars(trimSeparators(rest), nothing, endMarks) ? undefined : { ...base, text: '' }
    case 'text':
    case 'rest': {
      const body = trimSeparators(rest)
      if (spec.arg === 'text' && !body) return { error: 'empty_ring', locale }
      return { ...base, text: body }
    }
    case 'option': {
      const word = trimSeparators(rest)
      if (!word) return { ...base, text: '' }
      const key = Object.keys(spec.options ?? {}).find((o) => word.toLowerCase().startsWith(o))
      return key
        ? { ...base, text: word, option: spec.options![key] }
        : { error: 'bad_option', name: spec.name, word, locale }
    }
    default: {
      const { caseNo, body } = caseArg(rest)
      // 同 / 接 are everyday words ("same", "picked up"): only "同 12" or a bare quote makes them commands.
      if (alias.length === 1 && (body || (caseNo === undefined && !quoting))) return undefined
      // 我家也是 with no number and no quote: the app asks whether a neighbour's ring just now is meant.
      if (spec.name === 'same' && caseNo === undefined && !quoting && !body && meTooAlone.includes(alias))
        return { ...base, text: '', implicit: true }
      // 进度？ / 我的铃怎么样了 with no number: the asker's own rings (the app finds them, or says nothing).
      if (spec.name === 'status' && caseNo === undefined && !quoting && askingHowItGoes(body))
        return { ...base, text: '', implicit: true }
      // A volunteer's bare 接单 answers the ping she just read: the app claims the one case waiting, or asks which.
      if (spec.name === 'claim' && caseNo === undefined && !quoting && !body)
        return { ...base, text: '', implicit: true }
      // "满意", "我也是", "查询" alone are everyday talk.
      if (caseNo === undefined && !quoting)
        return spec.who === 'anyone' || spec.who === 'reporter'
          ? undefined
          : { error: 'need_case', name: spec.name, locale }
      if (spec.arg === 'case+text' && !body) return { error: 'need_text', name: spec.name, locale }
      return { ...base, caseNo, text: body }
    }
  }
}

/** Nothing after 进度 but a question of how it goes. */
const askingHowItGoes = (body: string): boolean => body === '' || howItGoes.includes(trimChars(body, nothing, endMarks))

/** A case number where one may stand ("12", "#12", "12号"), and the words after it. */
function caseArg(rest: string): { caseNo?: number; body: string } {
  // "9幢", "3楼", "302室" are places and "2点", "80%", "100分" amounts, not case numbers; "12号" is #12.
  const m =
    /^[\s:：,，]*(?:#\s*)?(\d{1,7})(?:号(?![楼门室院]))?(?![\d幢栋单楼层室户F点时分秒月日天周年岁个次人元块%/号]|[:：.．]\d)/.exec(
      rest,
    )
  return { caseNo: m ? Number(m[1]) : undefined, body: trimSeparators(m ? rest.slice(m[0].length) : rest).trim() }
}

/** The verify command's verdict and optional stars: 满意 12 ★★★★ / 不满意 12 还是不亮 / /verify 12 ok 5 */
export function readVerdict(cmd: Command): { ok: boolean | undefined; rating?: number; reason: string } {
  let text = cmd.text
  let ok: boolean | undefined = cmd.alias === '满意' ? true : cmd.alias === '不满意' ? false : undefined
  if (ok === undefined) {
    const m = /^(ok|yes|good|no|bad)\b\s*/i.exec(text)
    if (m) {
      ok = /^(?:ok|yes|good)$/i.test(m[1]!)
      text = text.slice(m[0].length)
    }
  }
  let rating: number | undefined
  // ★★★★★ or ⭐⭐⭐ (what phone keyboards offer), "5星", "五星", "给5分", or a bare 1–5 at the end.
  const stars = /([★⭐]{1,5})|给?([1-5一二三四五])\s*(?:颗星|星|分|stars?)|(?:^|\s)([1-5])\s*$/.exec(text)
  if (stars && (stars[1] || stars[2] || ok !== false)) {
    const n = stars[1]
      ? [...stars[1]].length
      : stars[2]
        ? '一二三四五'.indexOf(stars[2]) + 1 || Number(stars[2])
        : Number(stars[3])
    rating = n
    text = text.slice(0, stars.index) + text.slice(stars.index + stars[0].length)
  }
  return { ok, rating, reason: trimSeparators(text) }
}

/** 绑定 锦绣新村 9幢 业主 / /bind 锦绣新村/9幢 residents → place path and group role */
export function readBinding(
  text: string,
): { place: string; role: 'residents' | 'volunteers' | 'committee' } | undefined {
  const words = text.split(/[\s/]+/).filter(Boolean)
  const last = words.pop()
  const roles: Record<string, 'residents' | 'volunteers' | 'committee'> = {
    业主: 'residents',
    居民: 'residents',
    住户: 'residents',
    residents: 'residents',
    resident: 'residents',
    志愿者: 'volunteers',
    volunteers: 'volunteers',
    volunteer: 'volunteers',
    议事: 'committee',
    委员会: 'committee',
    两委: 'committee',
    居委: 'committee',
    committee: 'committee',
  }
  const role = last ? roles[last.toLowerCase()] : undefined
  if (!role) return undefined
  return { place: words.join('/'), role }
}

/** 绑定码's argument: nothing (how to use it), a six-digit code (redeem it), or a person's name (issue one). */
export function readBindCode(
  text: string,
): { kind: 'usage' } | { kind: 'redeem'; code: string } | { kind: 'issue'; name: string } {
  const arg = text.trim()
  if (!arg) return { kind: 'usage' }
  const digits = arg.replace(/[\s-]/g, '')
  if (/^\d{6}$/.test(digits)) return { kind: 'redeem', code: digits }
  return { kind: 'issue', name: arg.replace(/^@/, '').trim() }
}
