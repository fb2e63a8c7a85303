// The one command table (DESIGN §5) and its grammar. Chinese aliases first; every alias is accepted.
import type { Who } from './roles.js'
import { periodWords } from './periods.js'
import { statsLeadWords } from './stats-query.js'
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
  status: { zh: ['进度', '查询'], en: ['/status'], arg: 'case', who: 'anyone' },
  add: { zh: ['补充'], en: ['/add'], arg: 'case+text', who: 'reporter' },
  verify: { zh: ['满意', '不满意'], en: ['/verify'], arg: 'case+text?', who: 'reporter' },
  cancel: { zh: ['撤销', '取消'], en: ['/cancel'], arg: 'case', who: 'reporter' },
  same: { zh: ['同', '我也是'], en: ['/same'], arg: 'case', who: 'anyone' },
  claim: { zh: ['接单', '接'], en: ['/claim'], arg: 'case', who: 'volunteer' },
  note: { zh: ['进展'], en: ['/note'], arg: 'case+text', who: 'volunteer' },
  done: { zh: ['完成'], en: ['/done'], arg: 'case+text?', who: 'volunteer' },
  release: { zh: ['放弃'], en: ['/release'], arg: 'case+text?', who: 'volunteer' },
  onduty: { zh: ['值班'], en: ['/onduty'], arg: 'none', who: 'volunteer' },
  offduty: { zh: ['下班'], en: ['/offduty'], arg: 'none', who: 'volunteer' },
  mine: { zh: ['我的单'], en: ['/mine'], arg: 'none', who: 'volunteer' },
  myshifts: { zh: ['我的班'], en: ['/myshifts'], arg: 'none', who: 'volunteer' },
  assign: { zh: ['派单'], en: ['/assign'], arg: 'case+text', who: 'staff' },
  // 受理 (triage, issue 13): staff accept a ring, decline it with a reason, or hand it to an outside body.
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
}

export type ParseError =
  | { error: 'empty_ring'; locale: Locale }
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
}

export type ParseResult = Command | ParseError | undefined

const zhAliases = commandTable
  .flatMap((spec) => spec.zh.filter((a) => !a.startsWith('#')).map((alias) => ({ alias, spec })))
  .sort((a, b) => b.alias.length - a.alias.length)
// The hashtag may sit anywhere ("楼道灯坏了 #协商铃 电话…"); the bare words only open or close the message,
// so "我昨天按铃了" or "怎么按铃？" stay conversation.
const ringTag = /#(?:协商铃|按铃)/
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

// 按铃 is a verb ("按铃楼道灯坏了" is a ring); 协商铃 is a noun ("协商铃真好用" is praise) and needs a pause after it.
const ringLead = /^(?:按铃(?![了吗呢啊吧的过么?？怎]|如何|什么|多久|之后|有用|没用)|协商铃(?=$|[\s,，。.!！:：;；、]))/
const ringTail = /(?:^|[\s,，。.!！:：;；、])(协商铃|按铃)[\s,，。.!！]*$/
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
  const rings = ringTag.test(tail) || (!/[?？]\s*$/.test(tail) && ringTail.test(tail))
  if (!said && !rings && !input.addressed && !input.direct) return undefined
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
  const text = normalize(input.text)
  if (!text) return input.addressed ? { error: 'empty_ring', locale: 'zh-CN' } : undefined

  // One space at most after the word: normalize() made every run of whitespace one space.
  const slash = /^\/([A-Z_]+)(?:@(\S+))?(?:\s([\s\S]*))?$/i.exec(text)
  if (slash) {
    const [, word, target, rest = ''] = slash
    if (target && input.botUsername && target.toLowerCase() !== input.botUsername.toLowerCase()) return undefined
    const spec = commandTable.find((s) => s.en.includes(`/${word!.toLowerCase()}`))
    if (!spec) return { error: 'unknown_command', word: `/${word}`, locale: hasCjk(rest) ? 'zh-CN' : 'en' }
    return withArgs(spec, `/${word!.toLowerCase()}`, rest.trim(), isEnglish('/', rest), input.quoting)
  }

  const lead = trimSeparators(text)
  const hit = zhAliases.find(
    ({ alias, spec }) => lead.startsWith(alias) && boundaryAfter(lead.slice(alias.length), spec),
  )
  if (hit && hit.spec.name !== 'ring') {
    const r = withArgs(hit.spec, hit.alias, lead.slice(hit.alias.length).trim(), 'zh-CN', input.quoting)
    if (r || !input.direct) return r
    // Said to the bot directly, a bare or chatty command word still deserves an answer.
    return hit.spec.arg === 'none'
      ? { name: hit.spec.name, alias: hit.alias, text: '', locale: 'zh-CN' }
      : { error: 'need_case', name: hit.spec.name, locale: 'zh-CN' }
  }

  // A bare six-digit code said to the bot privately is a 绑定码 being used (src/app/accounts.ts).
  if (input.direct && /^\d{6}$/.test(lead.replace(/[\s-]/g, '')))
    return { name: 'bindcode', alias: '绑定码', text: lead, locale: 'zh-CN' }

  const ring = findRing(lead)
  if (ring) {
    const body = trimSeparators(ring.rest.replace(/\s+/g, ' '))
    return body
      ? { name: 'ring', alias: ring.alias, text: body, locale: 'zh-CN' }
      : { error: 'empty_ring', locale: 'zh-CN' }
  }
  // "@bot 谢谢", "@bot 在吗": courtesy, not a problem to file.
  if ((input.addressed || input.direct) && isCourtesy(lead)) return undefined
  if (input.addressed) return { name: 'ring', alias: '@', text: lead, locale: hasCjk(lead) || !lead ? 'zh-CN' : 'en' }
  if (input.direct)
    return {
      error: 'unknown_command',
      word: lead.length > 12 ? `${lead.slice(0, 12)}…` : lead,
      locale: hasCjk(lead) ? 'zh-CN' : 'en',
    }
  return undefined
}

/** "按铃：9幢漏水了", "9幢漏水了，按铃", "楼道灯坏了 #协商铃 电话…" — but not "怎么按铃？" */
function findRing(text: string): { alias: string; rest: string } | undefined {
  // Category tags may come first: "#法律 按铃 装修合同的问题".
  const tags = /^(?:#[^\s#]+\s+)*/.exec(text)![0]
  const lead = ringLead.exec(text.slice(tags.length))
  if (lead) return { alias: lead[0], rest: `${tags} ${text.slice(tags.length + lead[0].length)}` }
  const m = ringTag.exec(text) ?? (/[?？]\s*$/.test(text) ? null : ringTail.exec(text))
  if (!m) return undefined
  return {
    alias: m[1] ?? m[0],
    rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`,
  }
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
      // "9幢", "3楼", "302室" are places and "2点", "80%", "100分" amounts, not case numbers; "12号" is #12.
      const m =
        /^#?\s*(\d{1,7})(?:号(?![楼门室院]))?(?![\d幢栋单楼层室户F点时分秒月日天周年岁个次人元块%/号]|[:：.．]\d)/.exec(
          rest,
        )
      const caseNo = m ? Number(m[1]) : undefined
      const body = trimSeparators(m ? rest.slice(m[0].length) : rest)
      // 同 / 接 are everyday words ("same", "picked up"): only "同 12" or a bare quote makes them commands.
      if (alias.length === 1 && (body || (caseNo === undefined && !quoting))) return undefined
      // "满意", "我也是", "查询" alone are everyday talk; a volunteer's bare "接单" gets a nudge for the number.
      if (caseNo === undefined && !quoting)
        return spec.who === 'anyone' || spec.who === 'reporter'
          ? undefined
          : { error: 'need_case', name: spec.name, locale }
      if (spec.arg === 'case+text' && !body) return { error: 'need_text', name: spec.name, locale }
      return { ...base, caseNo, text: body }
    }
  }
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
