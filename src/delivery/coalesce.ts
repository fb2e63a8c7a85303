// Several messages to one chat, waiting behind the pacing, leave as one (DESIGN §6): fewer pings on
// residents' phones, less pressure on the platform's limits.
// - Updates about one case fold into one message (one case, several lines).
// - Acks fold (issue 12): a building ringing at once gets one message every few seconds naming each
//   ringer with their number ("@王阿姨 🔔 #1 已受理 / @严大伯 已记入 #1（共 2 户）"), so nobody waits
//   minutes behind the group's 20 a minute for their number.
// - Pings fold (issue 12): distinct cases waiting for the volunteers' group go as one message, one line
//   per case with its number (接单 N claims it), the people to call once at the end, the most urgent
//   first. The relay records every case a sent message is about (each row keeps its case and the sent
//   message's id), so a quote of a folded ping is read by the case it quotes (see app/cases.ts).
import type { Segment } from '../chat/types.js'
import type { OutboxRow } from './outbox.js'

export interface FoldLimits {
  maxLength: number
  /**
   * The chat is busy (sent to moments ago): acks and pings waiting fold. A quiet chat's first ack goes
   * alone, quoting the ring it answers.
   */
  busy?: boolean
  /** mentions one message may carry as real mentions (Telegram honours 100 entities); more are written as names */
  maxMentions?: number
}

/** A file goes alone. */
const plain = (r: OutboxRow): boolean => !r.fileName

type Kind = 'ack' | 'ping'

/** The rows that fold with others of their kind: acks that carry their line, and pings of a case. */
export const foldKind = (r: OutboxRow): Kind | undefined => {
  if (!plain(r)) return undefined
  if (r.purpose === 'ack' && r.fold) return 'ack'
  if (r.purpose === 'ping' && r.caseId !== null) return 'ping'
  return undefined
}

/**
 * The length as a platform writes it: a mention is `@name`, and where no space follows it, one more for
 * the separator WeChat puts there (U+2005; it takes the place of a space that does follow). Counted short,
 * a fold at the limit left the adapter to cut it in two — and a failed second half re-sent the first.
 */
const length = (content: Segment[]): number =>
  content.reduce((n, s, i) => {
    if (s.type === 'text') return n + s.text.length
    const next = content[i + 1]
    return n + s.name.length + (next?.type === 'text' && next.text.startsWith(' ') ? 1 : 2)
  }, 0)

const due = (r: OutboxRow, now: number) => r.nextAttemptAt.getTime() <= now

/**
 * The rows to send together with `head`: waiting acks with acks, waiting pings with pings (anywhere in
 * the chat's queue: they are all due and each is about itself); else the rows right after it about the
 * same case. Always under the platform's length.
 */
export function coalesce(head: OutboxRow, sameChatAfter: OutboxRow[], now: number, limits: FoldLimits): OutboxRow[] {
  const kind = foldKind(head)
  if (kind && limits.busy) {
    const batch = [head]
    for (const r of sameChatAfter) {
      if (foldKind(r) !== kind || r.threadId !== head.threadId || !due(r, now)) continue
      if (length(folded([...batch, r], limits)) > limits.maxLength) break
      batch.push(r)
    }
    return batch
  }
  const batch = [head]
  // Pings are never merged as updates: each names its case. A reply quotes one message.
  if (!plain(head) || head.purpose === 'ping' || head.caseId === null) return batch
  let total = length(head.content)
  for (const r of sameChatAfter) {
    if (
      !plain(r) ||
      r.purpose === 'ping' ||
      r.caseId !== head.caseId ||
      r.threadId !== head.threadId ||
      r.replyToMsgId !== null ||
      !due(r, now)
    )
      break
    total += 1 + length(r.content)
    if (total > limits.maxLength) break
    batch.push(r)
  }
  return batch
}

const mentionKey = (s: Extract<Segment, { type: 'mention' }>) => s.userId ?? `@${s.name}`

/** Beyond the platform's count, mentions are written as names: the message still goes, whole. */
function capMentions(content: Segment[], max: number | undefined): Segment[] {
  let n = 0
  const out: Segment[] = []
  for (const s of content) {
    const seg: Segment =
      s.type === 'mention' && max !== undefined && ++n > max ? { type: 'text', text: `@${s.name}` } : s
    const last = out[out.length - 1]
    // Adjacent texts are one text, as the app writes them.
    if (seg.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + seg.text }
    else out.push(seg)
  }
  return out
}

/** The most urgent first (an urgent ring's ping, issue 11), the order they were written otherwise (a stable sort). */
export const mostUrgentFirst = (rows: OutboxRow[]): OutboxRow[] =>
  rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.urgency ?? 0) - (a.r.urgency ?? 0) || a.i - b.i)
    .map((x) => x.r)

const trimEnd = (segs: Segment[]): Segment[] => {
  const out = [...segs]
  while (out.length) {
    const last = out[out.length - 1]!
    if (last.type !== 'text') break
    const text = last.text.trimEnd()
    if (text) {
      out[out.length - 1] = { type: 'text', text }
      break
    }
    out.pop()
  }
  return out
}

/**
 * One message for a folded batch. Acks: each row's line, one a line. Pings: each case's line without
 * its mentions, most urgent first, then everyone to call, once each. One row alone is its own content.
 */
export function folded(rows: OutboxRow[], limits: Pick<FoldLimits, 'maxMentions'> = {}): Segment[] {
  const kind = rows.length > 1 ? foldKind(rows[0]!) : undefined
  if (!kind) return capMentions(joined(rows), limits.maxMentions)
  const nl: Segment = { type: 'text', text: '\n' }
  if (kind === 'ack') {
    const lines = rows.map((r) => r.fold ?? r.content)
    return capMentions(
      lines.flatMap((l, i) => (i ? [nl, ...l] : l)),
      limits.maxMentions,
    )
  }
  const people = new Map<string, Segment>()
  const lines = mostUrgentFirst(rows).map((r) =>
    trimEnd(
      r.content.filter((s) => {
        if (s.type !== 'mention') return true
        people.set(mentionKey(s), s)
        return false
      }),
    ),
  )
  const call = [...people.values()].flatMap((s, i) => (i ? [{ type: 'text' as const, text: ' ' }, s] : [s]))
  return capMentions(
    [...lines.flatMap((l, i) => (i ? [nl, ...l] : l)), ...(call.length ? [nl, ...call] : [])],
    limits.maxMentions,
  )
}

export const joined = (rows: OutboxRow[]): Segment[] =>
  rows.flatMap((r, i) => (i ? [{ type: 'text' as const, text: '\n' }, ...r.content] : r.content))
