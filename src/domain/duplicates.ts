// Neighbours reporting one problem (issue 10): a new ring like an open case in the same building and of
// the same kind is told "像是 #N". The text is compared with flood control's judgement (flood.ts), so a
// person's repeat, a neighbour's "me too" and (issue 12) a burst of rings are one idea of "the same problem".
import { SAME_TEXT, similarity, type RingGist } from './flood.js'

// A ring is compared with up to twenty cases, each asking for both buildings: the few places of a
// building's cases are worked out once, not split and searched on every comparison.
const buildings = new Map<string, string>()

/** 锦绣新村/9幢/2单元 → 锦绣新村/9幢: the building a place is in (a place without units is its own). */
export function buildingOf(place: string): string {
  let b = buildings.get(place)
  if (b === undefined) {
    const parts = place.split('/')
    const at = parts.findIndex((p) => /(?:幢|栋|号楼)$/.test(p))
    b = at >= 0 ? parts.slice(0, at + 1).join('/') : place
    if (buildings.size >= 1024) buildings.clear()
    buildings.set(place, b)
  }
  return b
}

/** How alike the words of two rings of one kind in one building are, 0–1; 0 for another kind or building. */
const likeness = (a: RingGist, b: RingGist): number =>
  a.category === b.category && buildingOf(a.place) === buildingOf(b.place) ? similarity(a.text, b.text) : 0

/** The same problem in the same building: the kind, the building, and mostly the same words. */
export const likeCase = (a: RingGist, b: RingGist): boolean => likeness(a, b) >= SAME_TEXT

export interface OpenCase extends RingGist {
  number: number
  reporterId: number
  createdAt: Date
}

/**
 * The open case a new ring looks like, rung by someone else longer ago than the incident window (rings
 * closer together are one incident: issue 12 joins those), the most similar first, then the oldest.
 */
export function looksLike(
  ring: RingGist & { reporterId: number },
  open: OpenCase[],
  now: Date,
  incidentWindowMs: number,
): OpenCase | undefined {
  let best: { c: OpenCase; score: number } | undefined
  for (const c of open) {
    if (c.reporterId === ring.reporterId || now.getTime() - c.createdAt.getTime() < incidentWindowMs) continue
    const score = likeness(c, ring)
    if (score < SAME_TEXT) continue
    if (!best || score > best.score || (score === best.score && c.number < best.c.number)) best = { c, score }
  }
  return best?.c
}
