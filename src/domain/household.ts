// Households (户, issue 14): a place down to the room, as residents say it — 9幢2单元301, 9栋2单元301室,
// 9号楼301, 9-2-301 — and the needs a household can carry (帮扶). Pure; every reader is one pass.
import { normalize, trimSeparators } from './text.js'

/** What a household may need help with. Private: staff, and a volunteer on a case there, see it. */
export const needKinds = ['高龄', '独居', '行动不便', '孕妇', '病患'] as const
export type Need = (typeof needKinds)[number]

/** The words people use for each need (the kind itself first). */
const needWords: Record<Need, readonly string[]> = {
  高龄: ['高龄', '老人', '高龄老人', '八十多', '九十多', 'elderly', 'aged'],
  独居: ['独居', '空巢', '一个人住', '独自居住', 'alone'],
  行动不便: [
    '行动不便',
    '腿脚不便',
    '腿脚不好',
    '轮椅',
    '卧床',
    '瘫痪',
    '残疾',
    '残障',
    'mobility',
    'wheelchair',
    'bedridden',
  ],
  孕妇: ['孕妇', '怀孕', '孕期', 'pregnant'],
  病患: ['病患', '病人', '生病', '慢性病', '重病', '透析', '患病', 'ill', 'sick', 'patient'],
}

const wordToNeed = new Map<string, Need>()
for (const k of needKinds) for (const w of needWords[k]) wordToNeed.set(w.toLowerCase(), k)
// Longest first, so 高龄老人 is found before 老人 and 行动不便 before nothing shorter.
const allNeedWords = [...wordToNeed.keys()].sort((a, b) => b.length - a.length)

/**
 * Needs and notes from what staff or a volunteer wrote: "独居 高龄 腿脚不便住4楼" → 独居, 高龄, 行动不便,
 * with "腿脚不便住4楼" kept as a note. A word said on its own is only a need; anything longer stays as a note too.
 */
export function readNeeds(text: string): { needs: Need[]; notes: string } {
  const found = new Set<Need>()
  const notes: string[] = []
  for (const raw of normalize(text).split(/[\s,，、;；]+/)) {
    const token = trimSeparators(raw.replace(/^(?:备注|说明|notes?)[:：]?/i, ''))
    if (!token) continue
    const exact = wordToNeed.get(token.toLowerCase())
    if (exact) {
      found.add(exact)
      continue
    }
    const lower = token.toLowerCase()
    for (const w of allNeedWords) if (lower.includes(w)) found.add(wordToNeed.get(w)!)
    notes.push(token)
  }
  return { needs: needKinds.filter((k) => found.has(k)), notes: notes.join(' ') }
}

/** A room as typed: building, maybe unit, room, and whatever follows it. */
export interface RoomWords {
  building: string
  unit?: string
  room: string
  /** the words after the address (a name, needs) */
  rest: string
}

// 9幢2单元301室 · 9栋301 · 9号楼2单元301 · 9#2单元301 · 锦绣新村9幢… (estate stripped before)
const spoken = /^(\d{1,3}) ?(?:[幢栋]|号楼|#楼|[#号]) ?(?:(\d{1,2}) ?(?:单元|门) ?)?(?:[-－—] ?)?(\d{2,5}) ?[室号房]?/
// 9-2-301 · 9－2－301 · 9-301
const dashed = /^(\d{1,3}) ?[-－—] ?(?:(\d{1,2}) ?[-－—] ?)?(\d{2,5})(?![\d\-－—])/

/** Reads the household's address at the start of the text (an estate name may come first). */
export function readRoom(text: string, estates: readonly string[] = []): (RoomWords & { estate?: string }) | undefined {
  let s = normalize(text)
  const estate = estates.find((e) => e && s.startsWith(e))
  if (estate) s = s.slice(estate.length).trimStart()
  const m = spoken.exec(s) ?? dashed.exec(s)
  if (!m) return undefined
  return {
    ...(estate ? { estate } : {}),
    building: m[1]!,
    ...(m[2] ? { unit: String(Number(m[2])) } : {}),
    room: m[3]!,
    rest: trimSeparators(s.slice(m[0].length).trim()),
  }
}

export type RoomError = { error: 'unknown_building'; building: string } | { error: 'ambiguous'; estates: string[] }

/** The known building (锦绣新村/9幢) that 9幢, 9栋 or 9号楼 names; several estates with a 9幢 need the estate. */
export function findBuilding(
  building: string,
  estate: string | undefined,
  known: readonly string[],
): string | RoomError {
  const names = [`${building}幢`, `${building}栋`, `${building}号楼`]
  const hits = known.filter((p) => {
    const parts = p.split('/')
    return names.includes(parts[parts.length - 1] ?? '') && (!estate || parts[0] === estate)
  })
  const unique = [...new Set(hits)]
  if (!unique.length) return { error: 'unknown_building', building: `${building}幢` }
  if (unique.length > 1) return { error: 'ambiguous', estates: unique.map((p) => p.split('/')[0]!) }
  return unique[0]!
}

/** The household's path under a known building: 锦绣新村/9幢 + unit 2 + room 301 → 锦绣新村/9幢/2单元/301. */
export function roomPath(r: RoomWords & { estate?: string }, known: readonly string[]): string | RoomError {
  const b = findBuilding(r.building, r.estate, known)
  return typeof b === 'string' ? `${b}/${r.unit ? `${r.unit}单元/` : ''}${r.room}` : b
}

/** Whether a household (or any place) lies within a place; '' is the whole community. */
export const within = (path: string, place: string): boolean =>
  place === '' || path === place || path.startsWith(`${place}/`)

/** Within any of the places; none listed means the whole community. */
export const withinAny = (path: string, places: readonly string[]): boolean =>
  places.length === 0 || places.some((p) => within(path, p))

/** Two sets of places share some ground (one contains the other); none listed is everywhere. */
export const overlaps = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === 0 || b.length === 0 || a.some((x) => b.some((y) => within(x, y) || within(y, x)))

/** The building a household is in: 锦绣新村/9幢/2单元/301 → 锦绣新村/9幢 (the known place it lies in, longest). */
export const buildingOf = (path: string, known: readonly string[]): string =>
  known.filter((p) => within(path, p)).sort((a, b) => b.length - a.length)[0] ?? path.split('/').slice(0, 2).join('/')
