// Residents type on phones with Chinese input methods: full-width digits, letters, ＃ and ／ are normal.
// Those are folded so the grammar sees one shape; Chinese punctuation (，。：) is the resident's own
// writing and is kept as typed.
// Everything here runs on whatever a neighbour types, so every function is one pass over the text.
const fold = /[\uff10-\uff19\uff21-\uff3a\uff03\uff0f\uff20]/gi
export const normalize = (s: string): string =>
  s
    .replace(fold, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim()

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/
export const hasCjk = (s: string): boolean => cjk.test(s)

/** What `\s` matches in a JavaScript pattern, as a set of characters. */
export const WHITESPACE =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'

/** A set of characters, whitespace included unless told otherwise. */
export const charSet = (chars: string, whitespace = true): ReadonlySet<string> =>
  new Set([...chars, ...(whitespace ? WHITESPACE : '')])

/**
 * The text without the given characters at its start and its end. A loop rather than `/^[…]+|[…]+$/`:
 * that pattern tries the end run at every position, so a long run of commas took seconds.
 */
export function trimChars(s: string, lead: ReadonlySet<string>, tail: ReadonlySet<string> = lead): string {
  let a = 0
  let b = s.length
  while (a < b && lead.has(s[a]!)) a++
  while (b > a && tail.has(s[b - 1]!)) b--
  return a === 0 && b === s.length ? s : s.slice(a, b)
}

const sepLead = charSet(':：,，.。、;；!！~～-—')
const sepTail = charSet(':：,，、;；-—')
/** Punctuation people put between a keyword and the text: 按铃：楼道灯坏了 / 按铃, 楼道灯坏了 */
export const trimSeparators = (s: string): string => trimChars(s, sepLead, sepTail)

export type Locale = 'zh-CN' | 'en'

/** A text cut to `max` characters (not UTF-16 units) with an ellipsis, whitespace runs made one space. */
export const short = (text: string, max = 20): string => {
  const chars = [...text.replace(/\s+/g, ' ')]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('')
}
