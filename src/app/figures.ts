// The committee's figures for a period, asked of the store (which counts them in SQL) and made whole by
// the domain's definitions: used by 统计, the chart, the digests and the weekly review.
import { figuresOf, noCounts, type FigureFilter, type Figures, type SplitBy } from '../domain/figures.js'
import { buildingOf } from '../domain/places.js'
import { periodRange, readPeriod, type Period, type PeriodSpec } from '../domain/periods.js'
import { readStatsQuery, type StatsQuery } from '../domain/stats-query.js'
import { t } from '../i18n/index.js'
import type { Directory, FigureScope, FigureSplit, Store } from './ports.js'
import { urgencyName } from './urgent.js'

export async function figuresFor(
  store: Store,
  scope: FigureScope,
  split?: FigureSplit,
): Promise<{ key: string; f: Figures }[]> {
  const rows = await store.figures(scope, split)
  return rows.map((r) => ({ key: r.key, f: figuresOf(r.counts, r.durations) }))
}

/** The whole period in one row (no split): zeros when nothing was rung. */
export async function totalFigures(store: Store, scope: FigureScope): Promise<Figures> {
  return (await figuresFor(store, scope))[0]?.f ?? figuresOf(noCounts)
}

/** What 统计 may name in this community: its buildings, categories and volunteers. */
export function vocabulary(dir: Directory) {
  let buildings: string[] | undefined
  return {
    // Worked out only when a word may name one: a street office's 10k places took 5–10 ms of every 统计,
    // 统计 本月 included, which names no building (issue 15).
    get buildings() {
      return (buildings ??= [...new Set(dir.places.map(buildingOf))])
    },
    categories: Object.keys(dir.community.settings.categories),
    volunteers: dir.people.filter((p) => p.roles.includes('volunteer')).map((p) => p.name),
  }
}

export function readQuery(text: string, dir: Directory): StatsQuery | { error: string } {
  return readStatsQuery(text, vocabulary(dir))
}

export function resolvePeriod(spec: PeriodSpec | undefined, now: Date, dir: Directory, dflt: PeriodSpec): Period {
  return periodRange(spec ?? dflt, now, dir.community.timezone)
}

/** 导出's argument: a period, nothing else. */
export function readExportPeriod(text: string): PeriodSpec | { error: string } | undefined {
  const t = text.trim()
  if (!t) return undefined
  return readPeriod(t) ?? { error: t }
}

export function filterOf(q: StatsQuery, dir: Directory): FigureFilter | undefined {
  const f = q.filter
  if (!f) return undefined
  if ('building' in f) return { building: f.building }
  if ('category' in f) return { category: f.category }
  const v = dir.people.find((p) => p.name === f.volunteer)
  return v ? { claimantId: v.id } : undefined
}

/** How a split key reads: a building's short name, a volunteer's name, a community's name. */
export async function keyNames(
  store: Store,
  dir: Directory,
  by: SplitBy,
  keys: string[],
  nobody: string,
): Promise<Map<string, string>> {
  if (by === 'volunteer') {
    const people = await store.people(keys.filter(Boolean).map(Number))
    const all = [...dir.people, ...people]
    return new Map(keys.map((k) => [k, k ? (all.find((p) => p.id === Number(k))?.name ?? `#${k}`) : nobody]))
  }
  if (by === 'community') {
    const names = await store.communityNames(keys.map(Number))
    return new Map(keys.map((k) => [k, names.get(Number(k)) ?? k]))
  }
  if (by === 'urgency')
    return new Map(
      keys.map((k) => [k, k ? urgencyName(t(dir.community.locale), dir.community.settings.urgency, k) : nobody]),
    )
  if (by === 'building') return new Map(keys.map((k) => [k, k.split('/').slice(1).join('') || k]))
  return new Map(keys.map((k) => [k, k]))
}
