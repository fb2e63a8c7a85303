// Category and place of a ring, from its text and the group it was rung in.

export type Categories = Record<string, string[]>
export const OTHER = '其他'

/** `#物业` wins; otherwise the first category with a keyword in the text; otherwise 其他. */
export function categorize(text: string, categories: Categories): string {
  for (const m of text.matchAll(/[#＃]\s*([^\s#＃,，。:：]+)/g)) {
    const tag = m[1]!
    const hit = Object.keys(categories).find((c) => tag.startsWith(c))
    if (hit) return hit
  }
  let best: { cat: string; at: number } | undefined
  for (const [cat, words] of Object.entries(categories)) {
    for (const w of words) {
      // Only as far as it could still come first: a keyword found early shortens every later search.
      const at = (best ? text.slice(0, best.at + w.length - 1) : text).indexOf(w)
      if (at >= 0 && (!best || at < best.at)) best = { cat, at }
    }
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

/**
 * The case's place: the building named in the text if the community has it, else the group's own
 * place; a unit (2单元) is appended because volunteers need it at the door.
 */
export function locate(text: string, groupPlaces: string[], knownPlaces: string[]): string {
  const b = building.exec(text)
  let place = groupPlaces[0] ?? ''
  if (b) {
    const named = knownPlaces.find((p) => {
      const last = p.split('/').pop() ?? ''
      return last === `${b[1]}幢` || last === `${b[1]}栋` || last === `${b[1]}号楼`
    })
    place = named ?? `${b[1]}幢`
  }
  const u = unit.exec(text)
  return u ? `${place}${place ? '/' : ''}${u[1]}单元` : place
}

/** The short form people say: 锦绣新村/9幢/2单元 → 9幢2单元 */
export const shortPlace = (place: string): string => {
  const parts = place.split('/').filter(Boolean)
  return parts.length > 1 ? parts.slice(1).join('') : (parts[0] ?? '')
}
