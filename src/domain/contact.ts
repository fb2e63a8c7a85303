// Phone numbers are private (DESIGN §6): stored on the case, masked everywhere except the claimer's DM.
// People write them every way a keyboard allows: full-width digits, spaces, dots, dashes, brackets.

// Full-width digits are folded; the resident's own punctuation (（）—) is left as written.
const fold = (s: string): string => s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

const sep = '[\\s\\u3000.\\-－—]?'
/** Mainland mobiles, with +86 / 0086 / 86 and any grouping: 138 1234 5678, 1381 2345 678, 138.1234.5678 */
const mobile = new RegExp(`(?<!\\d)(?:(?:\\+|00)?\\s?86${sep})?1[3-9](?:${sep}\\d){9}(?!\\d)`, 'g')
/** Landlines with an area code: 0571-88888888, (0571)88888888, 021-6123 4567 */
const landline = new RegExp(`(?<!\\d)[(（]?0\\d{2,3}[)）]?${sep}\\d{3,4}${sep}\\d{4}(?!\\d)`, 'g')
/** Local numbers said to be phone numbers: 电话 6234 5678 */
const local = /((?:电话|座机|手机|联系|tel|phone)\s*[:：]?\s*)(\d{3,4}[\s-]?\d{4})(?!\d)/gi

const digits = (s: string): string => s.replace(/\D/g, '')

export function findContacts(text: string): string[] {
  const t = fold(text)
  const found: string[] = []
  for (const m of t.matchAll(mobile)) found.push(digits(m[0]).slice(-11))
  for (const m of t.replace(mobile, ' ').matchAll(landline)) {
    const d = digits(m[0])
    const area = /^[(（]?(0\d{2,3})/.exec(m[0].trim())![1]!
    found.push(`${area}-${d.slice(area.length)}`)
  }
  for (const m of t.replace(mobile, ' ').replace(landline, ' ').matchAll(local)) found.push(digits(m[2]!))
  return found
}

export const maskPhone = (phone: string): string => {
  const d = digits(phone)
  return d.length <= 7 ? `****${d.slice(-4)}` : `${d.slice(0, 3)}****${d.slice(-4)}`
}

/** The text with every phone number masked; full-width digits are folded so they cannot slip through. */
export const maskContacts = (text: string): string =>
  fold(text)
    .replace(mobile, (m) => { const d = digits(m).slice(-11); return `${d.slice(0, 3)}****${d.slice(-4)}` })
    .replace(landline, (m) => { const area = /^[(（]?(0\d{2,3})/.exec(m)![1]!; return `${area}-****${digits(m).slice(-4)}` })
    .replace(local, (_m, lead: string, n: string) => `${lead}****${digits(n).slice(-4)}`)
