// Category and place of a ring, from its text and the group it was rung in.

export type Categories = Record<string, string[]>
export const OTHER = '其他'

/**
 * `#物业` wins; otherwise the category with the most of its keywords in the text (邻居噪音纠纷: 噪音 is
 * 物业's, 纠纷 法律's); a tie goes to the more specific category — the one with fewer keywords, a
 * narrower kind of problem (法律 over 物业) — and then to the one listed first; no keyword: 其他.
 * Each keyword is looked for once, so the cost is the text's length times the number of keywords.
 */
export function categorize(text: string, categories: Categories): string {
  for (const m of text.matchAll(/[#＃]\s*([^\s#＃,，。:：]+)/g)) {
    const tag = m[1]!
    const hit = Object.keys(categories).find((c) => tag.startsWith(c))
    if (hit) return hit
  }
  const lower = text.toLowerCase()
  let best: { cat: string; score: number; size: number } | undefined
  for (const [cat, words] of Object.entries(categories)) {
    const score = new Set(words.filter((w) => w && lower.includes(w.toLowerCase()))).size
    if (score === 0) continue
    if (!best || score > best.score || (score === best.score && words.length < best.size))
      best = { cat, score, size: words.length }
  }
  return best?.cat ?? OTHER
}

/** Removes the category tags so the case text reads as the resident wrote it. */
export const stripTags = (text: string, categories: Categories): string =>
  text
    .replace(/[#＃]\s*([^\s#＃,，。:：]+)/g, (all, tag: string) =>
      Object.keys(categories).some((c) => tag.startsWith(c)) ? '' : all,
    )
    .replace(/\s+/g, ' ')
    .trim()

// Only where a number starts: unanchored, `(\d+)` retried from every digit of a long run (quadratic).
const building = /(?<!\d)(\d+)\s*(?:幢|栋|号楼|#楼)/
const unit = /(?<!\d)(\d+)\s*单元/

/** The estate a place is in: its first part. */
const estateOf = (place: string): string => place.split('/')[0] ?? ''

/** The places whose last part is one name (9幢): the first of them, and the first in each estate. */
interface Named {
  first: string
  inEstate: Map<string, string>
}

// The community's places by their last part, once per list: a street office has 10k places, and a 9幢 in
// each of its hundred estates — each ring that names a building looked through them all, then split each.
const byLastPart = new WeakMap<readonly string[], Map<string, Named>>()

function indexOf(known: readonly string[]): Map<string, Named> {
  let index = byLastPart.get(known)
  if (!index) {
    index = new Map()
    for (const p of known) {
      const last = p.split('/').pop() ?? ''
      let named = index.get(last)
      if (!named) index.set(last, (named = { first: p, inEstate: new Map() }))
      const estate = estateOf(p)
      if (!named.inEstate.has(estate)) named.inEstate.set(estate, p)
    }
    byLastPart.set(known, index)
  }
  return index
}

/** Building n as the community knows it: in `estate` if it has one there, else the first anywhere. */
function namedBuilding(known: readonly string[], n: string, estate: string): string | undefined {
  const index = indexOf(known)
  const named = [`${n}幢`, `${n}栋`, `${n}号楼`].map((name) => index.get(name))
  for (const x of named) {
    const here = estate ? x?.inEstate.get(estate) : undefined
    if (here) return here
  }
  return named.find((x) => x)?.first
}

/**
 * The case's place: the building named in the text if the community has it — in the group's own estate
 * first, as a street office has a 9幢 in every estate — else the group's own place; a unit (2单元) is
 * appended because volunteers need it at the door.
 */
export function locate(text: string, groupPlaces: string[], knownPlaces: string[]): string {
  const b = building.exec(text)
  let place = groupPlaces[0] ?? ''
  if (b) place = namedBuilding(knownPlaces, b[1]!, place && estateOf(place)) ?? `${b[1]}幢`
  const u = unit.exec(text)
  return u ? `${place}${place ? '/' : ''}${u[1]}单元` : place
}

/** The short form people say: 锦绣新村/9幢/2单元 → 9幢2单元 */
export const shortPlace = (place: string): string => {
  const parts = place.split('/').filter(Boolean)
  return parts.length > 1 ? parts.slice(1).join('') : (parts[0] ?? '')
}
