// WeChat text → message-model pieces. Pure (no wechaty here), so the fixtures test exactly the text
// WeChat hands us. The adapter only extracts; what a quote or a mention means is the app's business.
import type { Segment } from '../../src/chat/types.js'

/** What a WeChat client writes after `@name` when a member is picked from the @ list (U+2005). */
export const AT_SEP = '\u2005'

/**
 * The line WeChat puts between a quoted message and the reply. wechat4u writes exactly fifteen
 * `- ` pairs; clients copy it with varying spaces, so any line of six or more dashes counts.
 */
const SEPARATOR_LINE = /^[ \t\u2005]*-(?:[ \t\u2005]*-){5,}[ \t\u2005]*$/

export interface Quote {
  /** Display name of the quoted message's sender, as WeChat wrote it. */
  name: string
  /** The quoted text (may be several lines; WeChat may have shortened it). */
  text: string
  /** The reply typed under the separator. */
  body: string
}

/**
 * WeChat's quoted-reply text form (web protocol; wechat4u renders a `refermsg` the same way):
 *
 *   「钱阿姨：🔔 #12 新单
 *   9幢2单元楼道灯坏了」
 *   - - - - - - - - - - - - - - -
 *   接
 *
 * The quoted part starts the message with 「 and its last line ends with 」; the first separator line
 * after such a line ends it. The name is cut at the first full-width colon (WeChat's own), falling
 * back to an ASCII one. Anything else is not a quote and stays plain text.
 */
export function parseQuote(raw: string): Quote | undefined {
  const text = raw.replace(/\r\n?/g, '\n')
  if (!text.trimStart().startsWith('「')) return undefined
  const lines = text.split('\n')
  // Whether the lines so far end with 」, kept line by line: joining them again at every separator
  // line made a message of many separator lines quadratic.
  let closed = false
  for (let i = 1; i < lines.length; i++) {
    const before = lines[i - 1]!.trimEnd()
    if (before) closed = before.endsWith('」')
    if (!closed || !SEPARATOR_LINE.test(lines[i] ?? '')) continue
    const quoted = lines.slice(0, i).join('\n').trim()
    if (!quoted.endsWith('」')) continue
    const inner = quoted.slice(1, -1)
    let colon = inner.indexOf('：')
    if (colon < 0) colon = inner.indexOf(':')
    if (colon <= 0) return undefined
    return {
      name: inner.slice(0, colon).trim(),
      text: inner.slice(colon + 1).trim(),
      body: lines
        .slice(i + 1)
        .join('\n')
        .trim(),
    }
  }
  return undefined
}

/** A name that may follow `@` in this chat, and the id we report for it (alias-in-room || name). */
export interface KnownName {
  name: string
  id: string
}

export interface Decoded {
  content: Segment[]
  mentionsSelf: boolean
}

const isSep = (c: string | undefined) => c === undefined || c === AT_SEP || /\s/.test(c)

/** An `@name` a WeChat client wrote for someone we could not resolve: the U+2005 marks the end. */
const UNKNOWN_MENTION = /^@([^\s@]{1,40})\u2005/

/**
 * Text → segments. `@name` is a mention when the name is known (a resolved member, longest name
 * first so `@钱阿姨` is not read as `@钱`) and is followed by a separator or the end, or when any
 * name is closed by U+2005 (then it has no id). Our own name is dropped from the content and
 * reported as mentionsSelf, as the Telegram adapter does, so `@ringbell 楼道灯坏了` reads as the text.
 * U+2005 becomes a plain space: commands and the console see ordinary text.
 */
export function segmentsOf(body: string, known: KnownName[], selfNames: string[]): Decoded {
  const names = [
    ...selfNames.filter(Boolean).map((name) => ({ name, id: '', self: true })),
    ...known.filter((k) => k.name).map((k) => ({ ...k, self: false })),
  ].sort((a, b) => b.name.length - a.name.length)
  const out: Segment[] = []
  let mentionsSelf = false
  let pending = ''
  const flush = () => {
    if (pending) out.push({ type: 'text', text: pending })
    pending = ''
  }
  let i = 0
  while (i < body.length) {
    if (body[i] !== '@') {
      pending += body[i]
      i++
      continue
    }
    const rest = body.slice(i + 1)
    const hit = names.find((n) => rest.startsWith(n.name) && isSep(rest[n.name.length]))
    if (hit) {
      i += 1 + hit.name.length
      if (hit.self) {
        mentionsSelf = true
        if (body[i] === AT_SEP || body[i] === ' ') i++ // the separator belonged to the mention
        continue
      }
      flush()
      out.push({ type: 'mention', userId: hit.id, name: hit.name })
      continue
    }
    const unknown = UNKNOWN_MENTION.exec(body.slice(i))
    if (unknown?.[1]) {
      flush()
      out.push({ type: 'mention', name: unknown[1] })
      i += 1 + unknown[1].length // the U+2005 stays and becomes a space below
      continue
    }
    pending += '@'
    i++
  }
  flush()
  return { content: tidy(out), mentionsSelf }
}

/** U+2005 → space; trim the ends (commands must start the text); drop empty text. */
function tidy(content: Segment[]): Segment[] {
  const last = content.length - 1
  return content
    .map((s, i): Segment => {
      if (s.type !== 'text') return s
      let t = s.text.replaceAll(AT_SEP, ' ')
      if (i === 0) t = t.trimStart()
      if (i === last) t = t.trimEnd()
      return { type: 'text', text: t }
    })
    .filter((s) => s.type !== 'text' || s.text !== '')
}

/** Whitespace-insensitive form for matching a quoted text against a message we saw or sent. */
export const normalizeForMatch = (s: string): string => s.replaceAll(AT_SEP, ' ').replace(/\s+/g, ' ').trim()
