// Phone numbers are private (DESIGN §6): stored on the case, masked everywhere except the claimer's DM.
// People write them every way a keyboard allows: full-width digits, spaces, dots, dashes, brackets.

/** Full-width digits as ASCII, one character for one, so positions in the folded text are positions in the original. */
const fold = (s: string): string => s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

const sep = '[\\s.\\-－—]?'
/** Mainland mobiles, with +86 / 0086 / 86 and any grouping: 138 1234 5678, 1381 2345 678, 138.1234.5678 */
const mobile = new RegExp(`(?<!\\d)(?:(?:\\+|00)?\\s?86${sep})?1[3-9](?:${sep}\\d){9}(?!\\d)`, 'g')
/**
 * Landlines with an area code: 0571-88888888, (0571)88888888, 021-6123 4567. Not a range that goes on
 * ("办公时间 0830-1130 1330-1700"): the number must not be followed by another dash and digits.
 */
const landline = new RegExp(
  `(?<![\\d\\-])[(（]?0\\d{2,3}[)）]?${sep}\\d{3,4}${sep}\\d{4}(?!\\d|\\s?[-－—]\\s?\\d)`,
  'g',
)
/** Local numbers said to be phone numbers: 电话 6234 5678 (not "iPhone 1599 9999") */
const local = /((?:电话|座机|手机|联系|(?<![a-z])(?:tel|phone))\s*(?:[:：]\s*)?)(\d{3,4}[\s-]?\d{4})(?!\d)/gi

const digits = (s: string): string => s.replace(/\D/g, '')
const areaOf = (m: string): string => /^[(（]?(0\d{2,3})/.exec(m.trim())![1]!

/** Replaces matches found in the folded text, keeping every other character of the original as typed. */
function replaceFolded(text: string, re: RegExp, fn: (m: RegExpMatchArray) => string): string {
  let out = ''
  let last = 0
  for (const m of fold(text).matchAll(re)) {
    out += text.slice(last, m.index) + fn(m)
    last = m.index! + m[0].length
  }
  return out + text.slice(last)
}

export function findContacts(text: string): string[] {
  const found: string[] = []
  let rest = fold(text)
  for (const m of rest.matchAll(mobile)) found.push(digits(m[0]).slice(-11))
  rest = rest.replace(mobile, ' ')
  for (const m of rest.matchAll(landline)) found.push(`${areaOf(m[0])}-${digits(m[0]).slice(areaOf(m[0]).length)}`)
  rest = rest.replace(landline, ' ')
  for (const m of rest.matchAll(local)) found.push(digits(m[2]!))
  return found
}

export const maskPhone = (phone: string): string => {
  const d = digits(phone)
  return d.length <= 7 ? `****${d.slice(-4)}` : `${d.slice(0, 3)}****${d.slice(-4)}`
}

/** The text with every phone number masked; everything else stays exactly as the person wrote it. */
export function maskContacts(text: string): string {
  let t = replaceFolded(text, mobile, (m) => {
    const d = digits(m[0]).slice(-11)
    return `${d.slice(0, 3)}****${d.slice(-4)}`
  })
  t = replaceFolded(t, landline, (m) => `${areaOf(m[0])}-****${digits(m[0]).slice(-4)}`)
  return replaceFolded(t, local, (m) => `${m[1]}****${digits(m[2]!).slice(-4)}`)
}
