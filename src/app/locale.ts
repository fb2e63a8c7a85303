// The language to answer a person in: the one set for them in the community file; else the one their
// words are in; else the one their app is set to (Telegram's language_code); else the command's.
// "/start" or "/claim 12" say nothing about a language, and a Chinese phone should not get English.
import type { IncomingMessage } from '../chat/types.js'
import { hasCjk, type Locale } from '../domain/text.js'

/** Any Chinese decides Chinese; English words beyond the leading /command decide English. */
export function spokenLocale(m: Pick<IncomingMessage, 'content'>): Locale | undefined {
  const text = m.content.map((s) => (s.type === 'text' ? s.text : '')).join(' ')
  if (hasCjk(text)) return 'zh-CN'
  return /[a-z]{2}/i.test(text.replace(/^\s*\/\w+/, '')) ? 'en' : undefined
}

/** A platform's language tag ('zh-hans', 'zh-TW', 'en-GB') as one of ours; others decide nothing. */
export function appLocale(tag: string | undefined): Locale | undefined {
  const primary = tag?.toLowerCase().split(/[-_]/)[0]
  return primary === 'zh' ? 'zh-CN' : primary === 'en' ? 'en' : undefined
}

export const replyLocale = (
  me: { locale: Locale | null } | undefined,
  parsed: { locale: Locale },
  m: Pick<IncomingMessage, 'content' | 'sender'>,
): Locale => me?.locale ?? spokenLocale(m) ?? appLocale(m.sender.locale) ?? parsed.locale
