// Urgent cases in the committee's digests (issue 11 in issue 13's daily note and 周周碰): named first and
// marked 🚨 — those rung in the period and those rung before it and still not finished — with their own
// figures: how many urgent rings the period had, and the median time to claim and to arrive. The figures'
// definitions are the domain's (figures(), durationsOf), over the period's urgent rings as a cohort, the way
// 统计 紧急 counts them.
import { shortPlace } from '../domain/classify.js'
import { unfinished } from '../domain/case.js'
import { figures } from '../domain/figures.js'
import { short } from '../domain/text.js'
import { t } from '../i18n/index.js'
import type { CaseRow, Directory, Store } from './ports.js'
import { urgencyName } from './urgent.js'
import { memberById } from './directory.js'

/** At most this many named: a digest stays a phone screen; 列表 has them all. */
const NAMED = 8
/** A ring's words in a digest line: enough to know which one it is. */
const TEXT = 30

export interface UrgentReview {
  /** urgent cases rung in [from, to) or rung before and not finished at `now`, oldest first */
  named: CaseRow[]
  /** the urgent rings of [from, to), with the median time to claim and to arrive */
  rung: number
  claimMedian?: number
  arriveMedian?: number
}

/** The urgent cases a digest of [from, to) names, and their figures (two narrow reads: urgent ones are few). */
export async function urgentReview(store: Store, communityId: number, from: Date, to: Date): Promise<UrgentReview> {
  const since = await store.listCases(communityId, { urgent: true, since: from })
  const open = await store.listCases(communityId, { urgent: true, statuses: [...unfinished] })
  const inPeriod = since.filter((c) => c.createdAt < to)
  const byId = new Map([...open, ...inPeriod].map((c) => [c.id, c]))
  const named = [...byId.values()].filter((c) => c.createdAt < to).sort((a, b) => a.number - b.number)
  const f = figures(inPeriod.map((c) => ({ ...c, supporterIds: [] })))
  return { named, rung: inPeriod.length, claimMedian: f.claimMedian, arriveMedian: f.arriveMedian }
}

/** The named cases as digest lines (🚨 first, in the community's language), and the figures' line. */
export function urgentDigestLines(dir: Directory, r: UrgentReview, now: Date): { lines: string[]; figures?: string } {
  const msg = t(dir.community.locale)
  const u = dir.community.settings.urgency
  const shown = r.named.slice(0, NAMED)
  const lines = shown.map((c) => {
    const done = !unfinished.includes(c.status)
    return msg.digestUrgentLine({
      no: c.number,
      name: urgencyName(msg, u, c.urgency ?? ''),
      place: shortPlace(c.place),
      text: short(c.text, TEXT),
      status: msg.statusName(c.status, c.closeReason),
      claimant: memberById(dir, c.claimantId)?.name,
      arrivedAfter: c.arrivedAt ? c.arrivedAt.getTime() - c.createdAt.getTime() : undefined,
      waited: !done && c.claimantId === null ? now.getTime() - c.createdAt.getTime() : undefined,
      notArrived: !done && c.claimantId !== null && !c.arrivedAt,
    })
  })
  if (r.named.length > shown.length) lines.push(msg.andMore({ count: r.named.length - shown.length }))
  return {
    lines,
    figures: r.rung
      ? msg.digestUrgentFigures({ count: r.rung, claimMedian: r.claimMedian, arriveMedian: r.arriveMedian })
      : undefined,
  }
}
