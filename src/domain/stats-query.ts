// What follows 统计: a period, a breakdown, a part of the community, a chart — in any order.
//   统计 上周 · 统计 11月 按楼栋 · 统计 9幢 · 统计 物业 本月 · 统计 钱阿姨 · 统计 各社区 · 统计 图 本月
import { readPeriod, type PeriodSpec } from './periods.js'
import { charSet, trimChars } from './text.js'
import type { SplitBy } from './figures.js'

export interface StatsQuery {
  period?: PeriodSpec
  split?: SplitBy
  filter?: { building: string } | { category: string } | { volunteer: string }
  chart: boolean
}

/** What this community has names for: a word that is none of these (and no period) is not understood. */
export interface StatsVocabulary {
  /** building paths, 锦绣新村/9幢 */
  buildings: string[]
  categories: string[]
  volunteers: string[]
}

const splitWords: Record<string, SplitBy> = {
  按楼栋: 'building',
  分楼栋: 'building',
  各楼栋: 'building',
  按楼: 'building',
  各楼: 'building',
  楼栋: 'building',
  按类别: 'category',
  分类别: 'category',
  各类别: 'category',
  按分类: 'category',
  分类: 'category',
  类别: 'category',
  按志愿者: 'volunteer',
  各志愿者: 'volunteer',
  志愿者: 'volunteer',
  按社区: 'community',
  各社区: 'community',
  全街道: 'community',
  街道: 'community',
  'by-building': 'building',
  buildings: 'building',
  'by-category': 'category',
  categories: 'category',
  'by-volunteer': 'volunteer',
  volunteers: 'volunteer',
  'by-community': 'community',
  communities: 'community',
  // urgent rings apart, with time to claim and to be there (issue 11)
  紧急: 'urgency',
  按紧急: 'urgency',
  紧急情况: 'urgency',
  'by-urgency': 'urgency',
  urgent: 'urgency',
}
const chartWords = new Set(['图', '图表', '画图', 'chart'])

/** Words that may follow 统计 with no space (统计上周, 统计图): the grammar's boundary (commands.ts). */
export const statsLeadWords: readonly string[] = [...Object.keys(splitWords), ...chartWords]

const figuresWords = ['统计', '数据', '报表']
const askEnd = charSet('？?。！!～~')
const askWords = ['看看', '看一下', '查查', '查一下', '我想看', '请问']

/**
 * The figures asked for the way a committee member says it, the period first: 上周统计, 本月数据,
 * 看看这个月的数据？ → the words to read after 统计 ("上周"). Only a period and a figures word: anything
 * else is conversation.
 */
export function figuresAskedBackwards(text: string): string | undefined {
  let rest = trimChars(text, new Set(), askEnd)
  const ask = askWords.find((w) => rest.startsWith(w))
  if (ask) rest = rest.slice(ask.length).trim()
  const word = figuresWords.find((w) => rest.endsWith(w))
  if (!word) return undefined
  rest = rest.slice(0, -word.length).trim()
  if (rest.endsWith('的')) rest = rest.slice(0, -1).trim()
  return rest && readPeriod(rest) ? rest : undefined
}

/** "9幢", "9栋", "9号楼", "锦绣新村/9幢", "锦绣新村9幢" → the building path it names, if the community has it. */
function readBuilding(word: string, buildings: string[]): string | undefined {
  const w = word.replace(/\//g, '')
  const n = /^(\d+)(?:幢|栋|号楼)$/.exec(word)?.[1]
  return buildings.find((b) => {
    const parts = b.split('/')
    const last = parts[parts.length - 1]!
    if (b.replace(/\//g, '') === w || last === word) return true
    return n !== undefined && new RegExp(`^${n}(?:幢|栋|号楼)$`).test(last)
  })
}

/** The query, or the first word that could not be read. English multi-word periods are joined first. */
export function readStatsQuery(text: string, vocab: StatsVocabulary): StatsQuery | { error: string } {
  const q: StatsQuery = { chart: false }
  const words = text
    .toLowerCase()
    .replace(/\b(this|last)\s+(week|month|year)\b/g, '$1 $2')
    .replace(/\bby\s+(building|category|volunteer|community)\b/g, 'by-$1')
    .split(/\s+/)
    .filter(Boolean)
  // "last week" / "this month" arrive as two words: read a pair first.
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const pair = i + 1 < words.length ? readPeriod(`${w} ${words[i + 1]}`) : undefined
    if (pair && !q.period) {
      q.period = pair
      i++
      continue
    }
    const period = readPeriod(w)
    if (period && !q.period) q.period = period
    else if (splitWords[w] && !q.split) q.split = splitWords[w]
    else if (chartWords.has(w)) q.chart = true
    else if (!q.filter && readBuilding(w, vocab.buildings)) q.filter = { building: readBuilding(w, vocab.buildings)! }
    else if (!q.filter && vocab.categories.includes(w.replace(/^#/, ''))) q.filter = { category: w.replace(/^#/, '') }
    else if (!q.filter && vocab.volunteers.includes(w.replace(/^@/, ''))) q.filter = { volunteer: w.replace(/^@/, '') }
    else return { error: words[i]! }
  }
  return q
}
