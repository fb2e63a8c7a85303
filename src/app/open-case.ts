// A new case: written with its audit event and its ladder, and what to say about it. Shared by a ring
// and by a resident's held rings going out together (timers/held.ts).
import type { MessageKey } from '../chat/types.js'
import { shortPlace } from '../domain/classify.js'
import { formatWhen } from '../domain/time.js'
import { t } from '../i18n/index.js'
import { dispatch, toOrigin } from './dispatch.js'
import type { CaseRow, Directory, NewCase, PersonRow, Tx } from './ports.js'
import { mention, type Part, type Post } from './posts.js'
import { escalationJobs } from './timers/ladder.js'
import { openForTriage } from './triage-open.js'
import { urgentJobs } from './timers/urgent.js'
import { openUrgent } from './urgent.js'

/**
 * Writes a new case with its audit event and timers, and returns what to say: the ack to the group that
 * rang (quoting `replyTo`), the pings. Used by a ring and by held rings going out together.
 */
export async function openCase(
  tx: Tx,
  o: {
    dir: Directory
    now: Date
    counts: ReadonlyMap<number, number>
    /** who rang: named on the ack's line when the relay folds acks together (issue 12) */
    reporter?: Pick<PersonRow, 'id' | 'name'>
    /** the household's special needs, named to those who go to an urgent ring (issue 11) */
    needs?: string[]
  },
  data: NewCase,
  attachments: { kind: string; ref: string }[],
  replyTo: MessageKey,
  more: Part[] = [],
): Promise<{ c: CaseRow; posts: Post[] }> {
  const { dir, now, counts } = o
  // triage: staff — the case waits for staff to accept it; volunteers hear after that (issue 13).
  // An urgent ring is never left waiting for triage (issue 11).
  if (dir.community.settings.triage.mode === 'staff' && !data.urgency)
    return openForTriage(tx, o, data, attachments, replyTo, more)
  const groupT = t(dir.community.locale)
  const c = await tx.createCase(dir.community.id, data)
  await tx.addEvent(c.id, data.reporterId, 'rung', { text: c.text, category: c.category, place: c.place }, now)
  await tx.addAttachments(c.id, data.originPlatform, attachments)
  // Urgent (issue 11): advice and hotlines first, everyone who can go, staff and the committee, at any hour.
  if (c.urgency !== null) {
    const u = openUrgent(dir, c, now, more, o.needs)
    await tx.schedule(urgentJobs(c, dir, now), now)
    return { c, posts: [...u.ack.map((p) => ({ ...p, replyTo })), ...u.posts] }
  }
  const d = dispatch({ dir, now, counts, c })
  // A case followed in the resident's direct messages (rung privately) says so: news comes there.
  const line = { no: c.number, category: c.category, place: shortPlace(c.place), privately: c.originGroupId === null }
  const ack = d.nobody
    ? groupT.ringAckNobody({
        ...line,
        staff: d.staff.map((s) => s.name).join('、') || undefined,
        next: d.nextShift && formatWhen(d.nextShift, now, dir.community.timezone, dir.community.locale),
      })
    : groupT.ringAck(line)
  // Nobody on duty: the staff already know; the ladder starts when the next shift does, so nobody is
  // woken at 3 a.m. for what the resident was told waits until morning.
  await tx.schedule(escalationJobs(c, dir, d.nobody && d.nextShift ? d.nextShift : now, d.nobody), now)
  const fold: Part[] | undefined =
    o.reporter && !d.nobody ? [mention(o.reporter), ' ', groupT.ackLine(line)] : undefined
  return {
    c,
    posts: [
      ...toOrigin(c, [ack, ...more], 'ack').map((p) => ({ ...p, replyTo, ...(fold ? { fold } : {}) })),
      ...d.posts,
    ],
  }
}
