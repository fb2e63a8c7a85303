// Mass incidents (issue 12): a power cut, a burst main or a stuck lift makes a whole building ring at
// once. Rings close together in time, from one building (or the whole compound), about the same thing
// are one incident: the first ring opens the case, the rest join it as households affected. The rule is
// the judgement flood control and the duplicates use (flood.ts `similarity`), with its window, its
// threshold and its reach in the settings, so it can be said in one sentence and tuned.
import { buildingOf } from './duplicates.js'
import { SAME_TEXT, similarity, type RingGist } from './flood.js'

/** How far an incident reaches: one building (锦绣新村/9幢), or the whole compound (锦绣新村). */
export const incidentScopes = ['building', 'compound'] as const
export type IncidentScope = (typeof incidentScopes)[number]

export interface IncidentRule {
  /** a ring joins a case rung less than this long before it */
  windowMs: number
  /** and as alike as this (0–1, flood.ts `similarity`); 1 = only the same words */
  similarity: number
  scope: IncidentScope
  /** the kind (category) need not match: an urgent class already says what the hazard is */
  anyKind?: boolean
}

export const defaultIncidentSimilarity = SAME_TEXT

/** 锦绣新村/9幢/2单元 → 锦绣新村: the compound a place is in. */
export const compoundOf = (place: string): string => place.split('/')[0] ?? place

/** The area an incident covers, for the scope: the building, or the compound. */
export const areaOf = (place: string, scope: IncidentScope): string =>
  scope === 'compound' ? compoundOf(place) : buildingOf(place)

export interface IncidentCandidate extends RingGist {
  number: number
  reporterId: number
  createdAt: Date
}

/** Why a ring joins a case, in words a committee member can check against the settings. */
export interface Join {
  number: number
  /** how alike the words were (0–1) */
  score: number
  /** ms between the case's ring and this one */
  afterMs: number
}

/**
 * The incident a new ring joins, if any: a case of the same kind in the same area (building or
 * compound), rung by someone else less than the window ago, in words at least `similarity` alike. The
 * most alike wins, then the oldest (the incident's first case).
 */
export function incidentFor(
  ring: RingGist & { reporterId: number },
  open: IncidentCandidate[],
  now: Date,
  rule: IncidentRule,
): Join | undefined {
  let best: Join | undefined
  for (const c of open) {
    const afterMs = now.getTime() - c.createdAt.getTime()
    if (c.reporterId === ring.reporterId || afterMs < 0 || afterMs >= rule.windowMs) continue
    if (
      (!rule.anyKind && c.category !== ring.category) ||
      areaOf(c.place, rule.scope) !== areaOf(ring.place, rule.scope)
    )
      continue
    const score = similarity(c.text, ring.text, 'shorter')
    if (score < rule.similarity) continue
    if (!best || score > best.score || (score === best.score && c.number < best.number))
      best = { number: c.number, score, afterMs }
  }
  return best
}

/** A ring that joined an incident, as its audit event keeps it: enough to open it as its own case again. */
export interface JoinedRing {
  personId: number
  name: string
  text: string
  at: Date
}

/**
 * The joined ring `拆分 N 内容` means: the one whose ringer is named 内容, else the one whose words
 * contain it, else the one most alike it (at least the incident threshold). Undefined: none fits.
 */
export function ringToSplit<T extends JoinedRing>(joined: T[], said: string, threshold: number): T | undefined {
  const words = said.trim()
  if (!words) return undefined
  const named = joined.filter((j) => j.name === words)
  if (named.length) return named[named.length - 1]
  const containing = joined.filter((j) => j.text.includes(words))
  if (containing.length) return containing[containing.length - 1]
  let best: { j: T; score: number } | undefined
  for (const j of joined) {
    const score = similarity(j.text, words)
    if (score >= threshold && (!best || score > best.score)) best = { j, score }
  }
  return best?.j
}

/** Milestones at which the volunteers' group hears an incident's count again (not on every ring). */
export const countMilestones = [5, 10, 20, 50, 100, 200, 500, 1000]

/** True when the count just reached a milestone. */
export const atMilestone = (households: number): boolean => countMilestones.includes(households)
