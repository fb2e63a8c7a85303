// Flood control for rings (issue 8, findings 3 and 6): one person's many rings must not become many
// cases, many pings and many ladders. Pure policy: windows, limits, and when two rings are one problem.
import type { Status } from './case.js'

export interface FloodLimits {
  /** new cases one person may open per window; more are held */
  rings: number
  windowMs: number
  /** the same person ringing the same problem within this is a repeat, not a new case */
  repeatWithinMs: number
  /** held rings go out at the latest this long after the first of them */
  holdMaxMs: number
}

/** What a ring is about, for comparing two rings. */
export interface RingGist {
  text: string
  category: string
  place: string
}

/** One of the person's own recent cases. */
export interface PriorCase extends RingGist {
  number: number
  status: Status
  createdAt: Date
}

export interface HeldGist extends RingGist {
  at: Date
}

export type Verdict =
  | { kind: 'ring' }
  /** the same problem as their case `number`, still being handled: no new case */
  | { kind: 'repeat'; number: number }
  /** over the rate (or already holding): recorded and held until `releaseAt` */
  | { kind: 'hold'; releaseAt: Date }

/** Little words that change no problem: 电梯坏了 = 电梯又坏了 = 电梯也坏了啊. */
const FILLERS = /[了又也还再的地得啊呀吧呢嘛哦呗啦]/g
/** Building, unit, floor and room numbers, with their words: the place is compared on its own. */
const PLACE_NUMBERS = /(?<!\d)\d+(?:号楼|单元|[幢栋楼层室号])/g

/**
 * The text two rings are compared on: letters only, lower case, full-width folded, without the little
 * words and place names above. Numbers, spaces, punctuation and emoji say nothing about the problem —
 * a resident who leaves their phone number in every ring must not make two problems look alike.
 */
export function gistText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(PLACE_NUMBERS, '')
    .replace(/\P{L}+/gu, '')
    .replace(FILLERS, '')
}

const bigrams = (s: string): Set<string> => {
  const chars = [...s]
  if (chars.length < 2) return new Set(chars)
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!)
  return out
}

// A ring is compared with each open case of its building (像是 #N, incidents): its pieces are worked out
// once, not once per case. Bounded like any cache of what people type.
const pieces = new Map<string, ReadonlySet<string>>()
const PIECES_HELD = 1000

function piecesOf(text: string): ReadonlySet<string> {
  let p = pieces.get(text)
  if (!p) {
    if (pieces.size >= PIECES_HELD) pieces.clear()
    p = bigrams(gistText(text))
    pieces.set(text, p)
  }
  return p
}

/**
 * How alike two texts are, 0–1: the share of two-character pieces they have in common (Dice's
 * coefficient over character pairs). "楼道灯坏了" and "楼道灯又坏了！！" score 1; "楼道灯不亮" 0.5;
 * "楼道门坏了" 0.33; "电梯坏了" 0. Linear in the texts' length.
 *
 * `of: 'shorter'` counts the shared pieces against the shorter text only: how much of what one said
 * the other says too. Neighbours describing one outage each add their own details (停电了 / 我家也停电了，
 * 冰箱都不转了), which Dice's coefficient counts against them; an incident is judged this way.
 */
export function similarity(a: string, b: string, of: 'both' | 'shorter' = 'both'): number {
  const x = piecesOf(a)
  const y = piecesOf(b)
  if (x.size === 0 && y.size === 0) return 1
  if (x.size === 0 || y.size === 0) return 0
  let common = 0
  for (const g of x) if (y.has(g)) common++
  return of === 'shorter' ? common / Math.min(x.size, y.size) : (2 * common) / (x.size + y.size)
}

export const SAME_TEXT = 0.6

/** One problem: the same kind, at the same place, in mostly the same words. */
export const sameProblem = (a: RingGist, b: RingGist): boolean =>
  a.category === b.category && a.place === b.place && similarity(a.text, b.text) >= SAME_TEXT

/** Statuses in which a case is still being handled: ringing it again adds nothing. */
const handling: Status[] = ['open', 'claimed']

/** When a person's held rings go out: one window after the last, and never later than holdMax after the first. */
export function releaseAt(held: Date[], limits: FloodLimits): Date {
  const first = Math.min(...held.map((d) => d.getTime()))
  const last = Math.max(...held.map((d) => d.getTime()))
  return new Date(Math.min(last + limits.windowMs, first + limits.holdMaxMs))
}

/**
 * What to do with a person's new ring, given their own cases still being handled (newest first), how
 * many cases they rang in the last window, and their rings still held. A repeat of a case still being
 * handled collapses into it. Once anything is held, later rings are held too, so what they said stays in
 * order; otherwise a ring over the rate is held.
 */
export function screen(
  ring: RingGist,
  now: Date,
  handlingCases: PriorCase[],
  rungInWindow: number,
  held: HeldGist[],
  limits: FloodLimits,
): Verdict {
  const t = now.getTime()
  const same = handlingCases
    .filter(
      (c) => handling.includes(c.status) && t - c.createdAt.getTime() <= limits.repeatWithinMs && sameProblem(c, ring),
    )
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]
  if (same) return { kind: 'repeat', number: same.number }
  if (held.length === 0 && rungInWindow < limits.rings) return { kind: 'ring' }
  return { kind: 'hold', releaseAt: releaseAt([...held.map((h) => h.at), now], limits) }
}

/** The rings one bundle carries, each problem once (the first wording of it), in the order said. */
export function distinctProblems<T extends RingGist>(rings: T[]): T[] {
  const out: T[] = []
  for (const r of rings) if (!out.some((o) => sameProblem(o, r))) out.push(r)
  return out
}

/** The most common value (the first said wins a tie): a bundle's category and place. */
export function mostCommon(values: string[]): string {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  let best = values[0] ?? ''
  for (const v of values) if (counts.get(v)! > counts.get(best)!) best = v
  return best
}

/**
 * One line for several held rings, each problem once, cut at `maxChars` with the count of what did not
 * fit (every ring stays in the database).
 */
export function bundleText(texts: string[], maxChars: number, sep: string, more: (n: number) => string): string {
  const kept: string[] = []
  let used = 0
  for (const [i, text] of texts.entries()) {
    if (kept.length && used + sep.length + text.length > maxChars) return kept.join(sep) + more(texts.length - i)
    kept.push(text)
    used += (kept.length > 1 ? sep.length : 0) + text.length
  }
  return kept.join(sep)
}
