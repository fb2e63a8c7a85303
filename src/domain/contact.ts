// Phone numbers are private (DESIGN §6): stored on the case, masked everywhere except the claimer's DM.
// People write them every way a keyboard allows: full-width digits, spaces of every width, dots, dashes
// of every length, slashes, underscores, brackets, commas, 、 and ·, a zero-width space pasted in,
// digits spaced one by one, +86 / 0086 / 86 in front.
//
// One pass finds them. Digits joined by short runs of separators make a chain (138 - 0001_9247 is one
// chain of three groups); inside a chain, a mobile is consecutive whole groups holding 11 digits that
// start 1[3-9] (13 with 86, 15 with 0086 in front), so "302 13800019247" finds the phone and leaves the
// room. What is not a phone stays as typed: a colon, a letter or a Chinese character ends a chain, so
// dates, times (08:00-20:00), case numbers (#12) and rooms (9幢2单元301) never add up to a mobile.
import { WHITESPACE } from './text.js'

/** Full-width digits as ASCII, one character for one, so positions in the folded text are positions in the original. */
const fold = (s: string): string => s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

/** What each UTF-16 unit is to a number: a digit, a separator people put inside one, an invisible one, or neither. */
const DIGIT = 1
const VISIBLE = 2
const INVISIBLE = 3
const kind = new Uint8Array(0x10000)
for (let c = 0x30; c <= 0x39; c++) kind[c] = DIGIT
for (const c of '-－‐‑‒–—―−﹣_＿/／\\.．。,，、·・•∙~～〜()（）[]【】' + WHITESPACE) kind[c.charCodeAt(0)] = VISIBLE
// Typed by nobody, pasted by many: zero-width spaces and joiners, the word joiner, a stray BOM, a soft hyphen.
for (const c of '\u200b\u200c\u200d\u2060\ufeff\u00ad') kind[c.charCodeAt(0)] = INVISIBLE
/** "138 - 0001": three separators at most between two digits, and a few invisible ones on top. */
const MAX_VISIBLE = 3
const MAX_INVISIBLE = 3
const OPEN = new Set(['(', '（', '[', '【'])
const CLOSE = /[)）\]】]/

const isDigit = (t: string, i: number): boolean => kind[t.charCodeAt(i)] === DIGIT

interface Group {
  start: number
  end: number
}

export interface Contact {
  kind: 'mobile' | 'landline' | 'local'
  /** where it is in the text, the brackets and +86 around it included */
  start: number
  end: number
  /** mobile: the 11 digits; landline: area-number; local: the digits */
  number: string
}

/**
 * The digit chains of the (folded) text, in order, each with its count of digits. Every character is
 * looked at a bounded number of times: a gap is given up after a few separators.
 */
function chains(t: string, each: (groups: Group[], digits: number) => void): void {
  let i = 0
  let chain: Group[] = []
  let digits = 0
  while (i < t.length) {
    if (!isDigit(t, i)) {
      i++
      continue
    }
    const start = i
    while (isDigit(t, i)) i++
    chain.push({ start, end: i })
    digits += i - start
    let k = i
    let visible = 0
    let invisible = 0
    for (; k < t.length; k++) {
      const c = kind[t.charCodeAt(k)]
      if (c === VISIBLE) visible++
      else if (c === INVISIBLE) invisible++
      else break
      if (visible > MAX_VISIBLE || invisible > MAX_INVISIBLE) break
    }
    if (k > i && isDigit(t, k)) {
      i = k
      continue
    }
    each(chain, digits)
    chain = []
    digits = 0
    i = Math.max(i, k)
  }
  if (chain.length) each(chain, digits)
}

/** 1[3-9] and nine more, after 86 or 0086 or nothing: the digits a mobile of n digits starts with. */
const mobileAt = (d: string, i: number, n: number): boolean => {
  const p = n === 15 ? '0086' : n === 13 ? '86' : ''
  return d.startsWith(p, i) && d[i + p.length] === '1' && d[i + p.length + 1]! >= '3' && d[i + p.length + 1]! <= '9'
}

/**
 * 13,800,123,456 is money: groups of three after commas — and 138,000,000.00 too: the cents after a
 * point, once at least one comma group stands before them (a 资金流向 update in a notice).
 */
function looksLikeAmount(t: string, groups: Group[], a: number, b: number): boolean {
  const first = groups[a]!.end - groups[a]!.start
  if (first > 3) return false
  for (let g = a + 1; g < b; g++) {
    const gap = t.slice(groups[g - 1]!.end, groups[g]!.start).replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    const size = groups[g]!.end - groups[g]!.start
    const cents = g === b - 1 && g > a + 1 && (gap === '.' || gap === '．') && size <= 2
    if (!cents && ((gap !== ',' && gap !== '，') || size !== 3)) return false
  }
  return true
}

/** Beijing, Tianjin (01x) and the 02x cities have three-digit area codes; everywhere else four. */
const areaLength = (d: string): number => (/^0[12]/.test(d) ? 3 : 4)
/** A dash or a tilde between two numbers makes a range ("0830-1130 1330-1700"), not a phone number. */
const RANGE = /[-－‐‑‒–—―−﹣~～〜]/

/** Mobiles and landlines in one chain, left to right. */
function inChain(t: string, groups: Group[], out: Contact[]): void {
  const at = new Int32Array(groups.length + 1) // at[g]: how many digits come before group g
  let all = ''
  for (let g = 0; g < groups.length; g++) {
    const x = groups[g]!
    all += t.slice(x.start, x.end)
    at[g + 1] = at[g]! + x.end - x.start
  }
  const starts = new Int32Array(all.length + 1).fill(-1) // starts[d]: the group that starts at digit d
  for (let g = 0; g <= groups.length; g++) starts[at[g]!] = g
  const groupAt = (d: number): number | undefined => (d <= all.length && starts[d]! >= 0 ? starts[d] : undefined)
  const gap = (g: number) => (g <= 0 || g >= groups.length ? '' : t.slice(groups[g - 1]!.end, groups[g]!.start))
  const span = (a: number, b: number) => {
    let start = groups[a]!.start
    const end = groups[b - 1]!.end
    if (t[start - 1] === '+' || t[start - 1] === '＋') start--
    // "(138)0001 9247": the opening bracket goes with the number it opens; "（13800019247）" keeps both.
    if (OPEN.has(t[start - 1]!) && CLOSE.test(t.slice(start, end))) start--
    return { start, end }
  }
  /** The group after the last of a mobile starting at group g, if one does. */
  const mobile = (g: number): number | undefined => {
    for (const n of [15, 13, 11]) {
      const b = groupAt(at[g]! + n)
      if (b !== undefined && mobileAt(all, at[g]!, n) && !(b - g > 1 && looksLikeAmount(t, groups, g, b))) return b
    }
    return undefined
  }
  /** A landline: an area code (0 and two or three digits, alone or the start of one group), 10–12 digits in all. */
  const landline = (g: number): number | undefined => {
    const first = groups[g]!.end - groups[g]!.start
    if (all[at[g]!] !== '0' || RANGE.test(gap(g))) return undefined
    for (const n of [12, 11, 10]) {
      const b = groupAt(at[g]! + n)
      if (b === undefined || (b - g > 1 && (first < 3 || first > 4)) || RANGE.test(gap(b))) continue
      return b
    }
    return undefined
  }
  let g = 0
  while (g < groups.length) {
    let b = mobile(g)
    if (b !== undefined) {
      out.push({ kind: 'mobile', ...span(g, b), number: all.slice(at[g], at[b]).slice(-11) })
    } else if ((b = landline(g)) !== undefined) {
      const d = all.slice(at[g], at[b])
      const area = d.slice(0, areaLength(d))
      out.push({ kind: 'landline', ...span(g, b), number: `${area}-${d.slice(area.length)}` })
    }
    g = b ?? g + 1
  }
}

/** Local numbers said to be phone numbers: 电话 6234 5678 (not "iPhone 1599 9999") */
const local =
  /((?:电话|座机|手机|联系|(?<![a-z])(?:tel|phone))\s*(?:[:：]\s*)?)(\d{3,4}[\s\-－‐‑–—−_.．]?\d{4})(?!\d)/gi

// A ring's words are scanned twice in a row (masked for the case, searched for its contact): the last
// answer is kept. Contacts are frozen, so a caller cannot change what the next one reads.
let last: { text: string; found: readonly Contact[] } | undefined

/** Every phone number in the text, in order, with where it is. */
export function scanContacts(text: string): readonly Contact[] {
  if (last?.text === text) return last.found
  const found = Object.freeze(scan(text).map((c) => Object.freeze(c)))
  last = { text, found }
  return found
}

/** The fewest digits any phone number has: a local number (6234 5678 after 电话) has seven or eight. */
const FEWEST_DIGITS = 7

/** Whether the text has that many digits, ASCII or full-width (counting stops there). */
function digitsEnough(text: string): boolean {
  let n = 0
  for (let i = 0; i < text.length && n < FEWEST_DIGITS; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) n++
  }
  return n >= FEWEST_DIGITS
}

function scan(text: string): Contact[] {
  // Most texts that leave (an ack, a case number, a time) have a few digits: no number to find in them.
  if (!digitsEnough(text)) return []
  const t = fold(text)
  const found: Contact[] = []
  // Fewer than ten digits are never a mobile or a landline.
  chains(t, (groups, digits) => digits >= 10 && inChain(t, groups, found))
  // A local number is short enough to be anything: only after a word that says it is a phone.
  let blanked = ''
  let last = 0
  for (const c of found) {
    blanked += t.slice(last, c.start) + ' '.repeat(c.end - c.start)
    last = c.end
  }
  blanked += t.slice(last)
  for (const m of blanked.matchAll(local)) {
    const start = m.index! + m[1]!.length
    found.push({ kind: 'local', start, end: start + m[2]!.length, number: m[2]!.replace(/\D/g, '') })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The numbers to keep as a case's private contact: mobiles first, then landlines, then local numbers. */
export function findContacts(text: string): string[] {
  const found = scanContacts(text)
  return (['mobile', 'landline', 'local'] as const).flatMap((k) =>
    found.filter((c) => c.kind === k).map((c) => c.number),
  )
}

export const maskPhone = (phone: string): string => {
  const d = phone.replace(/\D/g, '')
  return d.length <= 7 ? `****${d.slice(-4)}` : `${d.slice(0, 3)}****${d.slice(-4)}`
}

const masked = (c: Contact): string =>
  c.kind === 'mobile'
    ? `${c.number.slice(0, 3)}****${c.number.slice(-4)}`
    : c.kind === 'landline'
      ? `${c.number.split('-')[0]}-****${c.number.slice(-4)}`
      : `****${c.number.slice(-4)}`

/** The text with every phone number masked; everything else stays exactly as the person wrote it. */
export function maskContacts(text: string): string {
  let out = ''
  let last = 0
  for (const c of scanContacts(text)) {
    out += text.slice(last, c.start) + masked(c)
    last = c.end
  }
  return last === 0 ? text : out + text.slice(last)
}

/** Whether the text carries a phone number that masking would hide. */
export const hasContact = (text: string): boolean => scanContacts(text).length > 0
