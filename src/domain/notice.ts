// Notices (公示 / 通知), issue 14: what the committee writes, and the updates appended to a notice —
// 施工动态, 资金流向 with amounts. Amounts are kept in fen (分) and written back with their 元, so no
// amount ever reads as a phone number to the masker (src/domain/contact.ts).
import { readPlaces } from './consultation.js'
import { normalize, trimSeparators } from './text.js'

export interface NoticeSpec {
  /** place paths of the residents' groups it goes to; [] = every residents' group */
  places: string[]
  pin: boolean
  title: string
  body: string
}

export type NoticeError = { error: 'no_title' }

const pinWords = new Set(['置顶', 'pin', 'pinned'])

/**
 * 公示 9幢 置顶 电梯更换工程\n11月3日起… — leading words on the first line choose the groups (9幢, 10幢,
 * 全部) and pinning (置顶, also last on the line); the rest of the first line is the title, the lines
 * after it the body.
 */
export function readNotice(text: string, known: readonly string[]): NoticeSpec | NoticeError {
  const [first = '', ...more] = text.replace(/\r\n?/g, '\n').split('\n')
  const words = normalize(first).split(' ').filter(Boolean)
  let pin = false
  let whole = false
  const places: string[] = []
  let i = 0
  for (; i < words.length; i++) {
    const w = trimSeparators(words[i]!)
    if (pinWords.has(w.toLowerCase())) {
      pin = true
      continue
    }
    const p = readPlaces(w, known)
    if ('error' in p) break
    if (p.length) places.push(...p)
    else whole = true
  }
  const rest = words.slice(i)
  if (rest.length > 1 && pinWords.has(rest[rest.length - 1]!.toLowerCase())) {
    pin = true
    rest.pop()
  }
  let title = trimSeparators(rest.join(' '))
  let body = more.join('\n').trim()
  // Only a body: its first line is the title.
  if (!title && body) {
    const [t = '', ...b] = body.split('\n')
    title = trimSeparators(t.trim())
    body = b.join('\n').trim()
  }
  if (!title) return { error: 'no_title' }
  return { places: whole ? [] : [...new Set(places)], pin, title, body }
}

export const updateKinds = ['施工动态', '资金流向', '更新'] as const
export type UpdateKind = (typeof updateKinds)[number]

const kindWords: Record<string, UpdateKind> = {
  施工动态: '施工动态',
  施工: '施工动态',
  进度: '施工动态',
  工程进度: '施工动态',
  资金流向: '资金流向',
  资金: '资金流向',
  收支: '资金流向',
  账目: '资金流向',
  更新: '更新',
  进展: '更新',
  补充: '更新',
  works: '施工动态',
  funds: '资金流向',
  money: '资金流向',
  update: '更新',
}

export interface NoticeUpdateSpec {
  kind: UpdateKind
  text: string
  /** 资金流向: fen, positive in, negative out */
  amount?: number
}

// 12,800元 · 12800.50元 · 1.5万元 · ¥3,500 · 3500块 — one amount, the first one written. The comma
// groups are bounded, so a long run of "1,111,111…" is read in one pass.
const money =
  /[¥￥]\s*(\d{1,3}(?:,\d{3}){1,4}|\d{1,12})(?:\.(\d{1,2}))?|(\d{1,3}(?:,\d{3}){1,4}|\d{1,12})(?:\.(\d{1,2}))?\s*(万元|[万元块])/
const incoming = /收入|收到|到账|拨付|拨款|划拨|捐款|捐赠|捐|补贴|退回|income|received|grant/i

/** 资金流向 支出 12,800元 更换9幢电梯按钮 · 施工动态 今天完成旧围墙拆除 · anything else is an 更新. */
export function readNoticeUpdate(text: string): NoticeUpdateSpec | undefined {
  const s = text.trim()
  if (!s) return undefined
  const firstWord = /^(\S+?)(?:[\s:：,，]|$)/.exec(s)
  const kind = firstWord ? kindWords[firstWord[1]!.toLowerCase()] : undefined
  const body = trimSeparators((kind ? s.slice(firstWord![0].length) : s).trim())
  if (!body) return undefined
  const k = kind ?? '更新'
  if (k !== '资金流向') return { kind: k, text: body }
  const m = money.exec(body)
  if (!m) return { kind: k, text: body }
  const whole = Number((m[1] ?? m[3]!).replace(/,/g, ''))
  const cents = Number(((m[2] ?? m[4] ?? '') + '00').slice(0, 2))
  const wan = m[5] === '万元' || m[5] === '万'
  // 1.5万元 = 15000.00 元: the decimals are of the 万.
  const fen = wan ? Math.round((whole + cents / 100) * 10_000 * 100) : whole * 100 + cents
  const sign = incoming.test(body.slice(0, m.index)) ? 1 : -1
  return { kind: k, text: body, amount: sign * fen }
}

/** Fen as money with its unit attached: 1280000 → "12,800.00元". The 元 ends the digits for the masker. */
export function formatMoney(fen: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  const digits = String(yuan)
  let grouped = ''
  for (let i = 0; i < digits.length; i++) grouped += (i && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i]
  const sign = fen < 0 ? '-' : ''
  return locale === 'en' ? `${sign}¥${grouped}.${cents}` : `${sign}${grouped}.${cents}元`
}

/** The running account of a notice's 资金流向: in, out and what is left. */
export function fundTotals(amounts: readonly number[]): { income: number; spent: number; balance: number } {
  let income = 0
  let spent = 0
  for (const a of amounts) {
    if (a > 0) income += a
    else spent -= a
  }
  return { income, spent, balance: income - spent }
}

/** Notices that concern the households who find outages hardest: staff hear how many are affected. */
export const disruptive =
  /停电|断电|停水|断水|停气|燃气|电梯停|电梯维修|电梯更换|电梯改造|施工|封路|台风|暴雨|高温|寒潮|降温|outage|no water|no power/i
