// A ring in a community with `triage: staff` (issue 13): the case waits as 待受理, the resident is told it
// was received (not yet 已受理), staff are asked to accept it, and reminders climb until one of them does.
import type { MessageKey } from '../chat/types.js'
import { shortPlace } from '../domain/classify.js'
import { t } from '../i18n/index.js'
import { caseLine, staffOf, toGroupsWithRole, toOrigin } from './dispatch.js'
import type { CaseRow, Directory, NewCase, Tx } from './ports.js'
import type { Part, Post } from './posts.js'
import { triageJobs } from './timers/triage.js'

/** Staff hear directly; a community without staff asks its committee group. */
export function toTriage(dir: Directory, c: CaseRow, parts: Part[], purpose: string): Post[] {
  const staff = staffOf(dir)
  return staff.length
    ? staff.map((s): Post => ({ to: { personId: s.id }, parts, caseId: c.id, purpose }))
    : toGroupsWithRole(dir, 'committee', c, parts, purpose)
}

export async function openForTriage(
  tx: Tx,
  o: { dir: Directory; now: Date },
  data: NewCase,
  attachments: { kind: string; ref: string }[],
  replyTo: MessageKey,
  more: Part[],
): Promise<{ c: CaseRow; posts: Post[] }> {
  const { dir, now } = o
  const msg = t(dir.community.locale)
  const c = await tx.createCase(dir.community.id, { ...data, status: 'new', acceptedAt: null })
  await tx.addEvent(c.id, data.reporterId, 'rung', { text: c.text, category: c.category, place: c.place }, now)
  await tx.addAttachments(c.id, data.originPlatform, attachments)
  await tx.schedule(triageJobs(c, dir, now), now)
  const ack = msg.ringAckTriage({ no: c.number, category: c.category, place: shortPlace(c.place) })
  return {
    c,
    posts: [
      ...toOrigin(c, [ack, ...more], 'ack').map((p) => ({ ...p, replyTo })),
      ...toTriage(dir, c, [msg.triageForStaff(caseLine(c))], 'triage'),
    ],
  }
}
