// Several updates about one case to one chat, waiting behind the pacing, leave as one message
// (DESIGN §6): fewer pings on residents' phones, less pressure on the platform's limits.
import type { Segment } from '../chat/types.js'
import type { OutboxRow } from './outbox.js'

/** Pings are never merged: each is what a volunteer quotes to claim, and must name one case. A file goes alone. */
const mergeable = (r: OutboxRow): boolean => r.purpose !== 'ping' && !r.fileName

const length = (content: Segment[]): number =>
  content.reduce((n, s) => n + (s.type === 'text' ? s.text.length : s.name.length + 1), 0)

/**
 * The rows to send together with `head`: the rows right after it in the same chat, due now, about the
 * same case, not replies, while the text stays under the platform's limit.
 */
export function coalesce(head: OutboxRow, sameChatAfter: OutboxRow[], now: number, maxLength: number): OutboxRow[] {
  const batch = [head]
  if (!mergeable(head) || head.caseId === null) return batch
  let total = length(head.content)
  for (const r of sameChatAfter) {
    if (
      !mergeable(r) ||
      r.caseId !== head.caseId ||
      r.threadId !== head.threadId ||
      r.replyToMsgId !== null ||
      r.nextAttemptAt.getTime() > now
    )
      break
    total += 1 + length(r.content)
    if (total > maxLength) break
    batch.push(r)
  }
  return batch
}

export const joined = (rows: OutboxRow[]): Segment[] =>
  rows.flatMap((r, i) => (i ? [{ type: 'text' as const, text: '\n' }, ...r.content] : r.content))
