// The committee's figures (issue 13), counted over the period's rows (the Case_period_idx range), never
// by loading the cases. The definitions are src/domain/figures.ts `tally` (applied here to the groups the
// database counted) and `durationsOf`; tests/store/figures.test.ts checks these reads against countCases.
//
// Where the time goes (issue 15, 统计 本月 on a street office: ~20k cases in the month): SQLite's own
// sorts and per-row expressions, not reading the rows (one pass of the month's rows is ~3 ms). Seventeen
// SUM(CASE …) a row, a window sort per duration and COUNT(DISTINCT) over a union cost ~90 ms; so:
//   - the counts: the cases grouped by what the definitions tell apart (status, closeReason) with six
//     plain COUNTs, a handful of rows the definitions are then applied to here;
//   - the people: their ids (one narrow column) into a Set, not a temp b-tree in the database;
//   - the durations: the values that are not null (one narrow column each) sorted here — a typed-array
//     sort of 10k numbers is ~1 ms, SQLite's window over them ~15 ms. A whole community unsplit (统计
//     全部) still reads its few ranks in the duration's index order instead (100k values stay put).
// Those narrow columns are in the period's index (Case_period_idx: communityId, createdAt, reporterId,
// claimMs, resolveMs, arriveMs), so a period's reads of them touch no table row.
// Run on the store's own statements (sql.ts): Prisma's $queryRaw would make an object per row.
//
// Portable SQL (SQLite, PostgreSQL): CASE, COUNT, GROUP BY position, unary plus. Durations are stored on
// the case (claimMs, resolveMs, arriveMs) when it changes, so no date arithmetic is asked of the database;
// how a timestamp is bound is sql.ts's.
import { noCounts, tally, type CaseKind, type FigureCounts, type OrderStats } from '../domain/figures.js'
import { PERCENTS, quantileRanks } from '../domain/figures.js'
import type { FigureRow, FigureScope, FigureSplit } from '../app/ports.js'
import type { Sql, Value } from './sql.js'

/** A piece of SQL and the values of its placeholders, in order. */
interface Part {
  text: string
  args: Value[]
}

const and = (parts: Part[]): Part => ({
  text: parts.map((p) => p.text).join(' AND '),
  args: parts.flatMap((p) => p.args),
})

/** The cases in scope, as a WHERE clause on `c`. */
function scopeWhere(s: FigureScope, wholeScan = false): Part {
  // Every case of the communities, grouped (统计 全部): the table read in its own order beats 100k rows
  // fetched one by one in an index's (`+` keeps the planner off the index; ~200 → ~50 ms).
  const community = wholeScan && !s.from && !s.to ? `+c."communityId"` : `c."communityId"`
  const parts: Part[] = [
    { text: `${community} IN (${s.communityIds.map(() => '?').join(', ')})`, args: s.communityIds },
  ]
  if (s.from) parts.push({ text: `c."createdAt" >= ?`, args: [s.from] })
  if (s.to) parts.push({ text: `c."createdAt" < ?`, args: [s.to] })
  if (s.filter?.building !== undefined) parts.push({ text: `c."building" = ?`, args: [s.filter.building] })
  if (s.filter?.category !== undefined) parts.push({ text: `c."category" = ?`, args: [s.filter.category] })
  if (s.filter?.claimantId !== undefined) parts.push({ text: `c."claimantId" = ?`, args: [s.filter.claimantId] })
  return and(parts)
}

/** The key rows are grouped by; undefined without a split. A new split is one more entry here. */
function keyOf(split: FigureSplit | undefined): Part | undefined {
  if (split === undefined) return undefined
  if (typeof split === 'object') {
    // Bucket i holds the cases rung in [edges[i], edges[i+1]).
    if (split.edges.length < 2) return { text: `0`, args: [] }
    const whens = split.edges.slice(1).map((_, i) => `WHEN c."createdAt" < ? THEN ${i}`)
    return { text: `CASE ${whens.join(' ')} ELSE ${split.edges.length - 1} END`, args: split.edges.slice(1) }
  }
  const columns: Record<typeof split, string> = {
    building: `c."building"`,
    category: `c."category"`,
    volunteer: `c."claimantId"`,
    community: `c."communityId"`,
    // urgent rings apart (issue 11): the class, '' for ordinary ones (and those downgraded)
    urgency: `COALESCE(c."urgency", '')`,
  }
  return { text: columns[split], args: [] }
}

const keyText = (k: unknown): string => (k === null || k === undefined ? '' : String(k))

/**
 * One value per case in scope (`select`, e.g. `c."reporterId"`), per key. Without a split, one narrow
 * column (no object per row); with one, the key beside it.
 */
function valuesByKey(sql: Sql, key: Part | undefined, select: string, from: Part): Map<string, number[]> {
  if (!key) return new Map([['', sql.column<number>(`SELECT ${select} ${from.text}`, ...from.args)]])
  const out = new Map<string, number[]>()
  for (const r of sql.all<{ k: unknown; v: number }>(
    `SELECT ${key.text} AS "k", ${select} AS "v" ${from.text}`,
    ...key.args,
    ...from.args,
  )) {
    const k = keyText(r.k)
    const list = out.get(k)
    if (list) list.push(r.v)
    else out.set(k, [r.v])
  }
  return out
}

function counts(sql: Sql, scope: FigureScope, key: Part | undefined): Map<string, FigureCounts> {
  const where = scopeWhere(scope, true)
  // Unsplit, no constant key to sort by: the GROUP BY's sort is most of this statement's time. closeReason
  // first: grouped by status first, a whole community's read would walk Case_status_idx and fetch its
  // 100k rows one by one in that order instead of reading the table in its own.
  const kinds = sql.all<CaseKind & { k?: unknown }>(
    `SELECT ${key ? `${key.text} AS "k", ` : ''}c."closeReason" AS "closeReason", c."status" AS "status", COUNT(*) AS "n",
      COUNT(c."acceptedAt") AS "accepted",
      COUNT(CASE WHEN c."acceptedAt" IS NOT NULL THEN c."claimedAt" END) AS "acceptedClaimed",
      COUNT(CASE WHEN c."closedById" = c."reporterId" THEN 1 END) AS "byReporter",
      COUNT(c."urgency") AS "urgent",
      COUNT(c."satisfied") AS "rated",
      COUNT(CASE WHEN c."satisfied" THEN 1 END) AS "satisfied"
    FROM "Case" c WHERE ${where.text} GROUP BY ${key ? '1, 2, 3' : '1, 2'}`,
    ...(key?.args ?? []),
    ...where.args,
  )
  const out = new Map<string, FigureCounts>()
  for (const g of kinds) {
    const id = keyText(g.k)
    const n = out.get(id) ?? { ...noCounts }
    tally(n, g)
    out.set(id, n)
  }
  // People who rang or said 同: distinct across both, per key.
  const where2 = scopeWhere(scope)
  const rang = valuesByKey(sql, key, `c."reporterId"`, {
    text: `FROM "Case" c WHERE ${where2.text}`,
    args: where2.args,
  })
  const said = valuesByKey(sql, key, `e."actorId"`, {
    text: `FROM "CaseEvent" e JOIN "Case" c ON c."id" = e."caseId" WHERE ${where2.text} AND e."kind" = 'supported' AND e."actorId" IS NOT NULL`,
    args: where2.args,
  })
  for (const [id, n] of out) {
    const people = new Set(rang.get(id))
    for (const p of said.get(id) ?? []) people.add(p)
    n.users = people.size
  }
  return out
}

const ranksOf = (n: number): number[] => [
  ...new Set(
    PERCENTS.flatMap((p) => {
      const { lo, hi } = quantileRanks(n, p)
      return [lo, hi]
    }),
  ),
]

/** The order statistics the median and p90 need, from the values themselves. */
function statsOf(values: number[]): OrderStats {
  const sorted = Float64Array.from(values).sort()
  return { n: sorted.length, at: new Map(ranksOf(sorted.length).map((r) => [r, sorted[r]!])) }
}

/** The order statistics per key: each key's values that are not null, sorted here. */
function orderStats(
  sql: Sql,
  scope: FigureScope,
  key: Part | undefined,
  column: 'claimMs' | 'resolveMs' | 'arriveMs',
): Map<string, OrderStats> {
  const where = scopeWhere(scope)
  // `+col`: the period's own index finds the rows; the duration's index would walk the whole community.
  // Not for arriveMs: few cases have one (urgent ones), and its index finds them where a whole
  // community's read (统计 全部) would otherwise fetch its 100k cases one by one (~120 ms).
  const has = column === 'arriveMs' ? `c."${column}" IS NOT NULL` : `+c."${column}" IS NOT NULL`
  const values = valuesByKey(sql, key, `c."${column}"`, {
    text: `FROM "Case" c WHERE ${where.text} AND ${has}`,
    args: where.args,
  })
  return new Map([...values].map(([k, v]) => [k, statsOf(v)]))
}

/**
 * A whole community, unsplit (统计 全部): the values at the ranks are read in the duration's index order
 * — a walk of the index, no sort and no 100k values brought out of the database.
 */
function orderStatsWhole(sql: Sql, communityId: number, column: 'claimMs' | 'resolveMs'): OrderStats {
  const col = `c."${column}"`
  const count =
    sql.get<{ n: number }>(
      `SELECT COUNT(*) AS "n" FROM "Case" c WHERE c."communityId" = ? AND ${col} IS NOT NULL`,
      communityId,
    )?.n ?? 0
  const at = new Map<number, number>()
  for (const rank of count ? ranksOf(count) : []) {
    const row = sql.get<{ ms: number }>(
      `SELECT ${col} AS "ms" FROM "Case" c WHERE c."communityId" = ? AND ${col} IS NOT NULL ORDER BY ${col} LIMIT 1 OFFSET ?`,
      communityId,
      rank,
    )
    at.set(rank, row!.ms)
  }
  return { n: count, at }
}

/** The figures of the cases in scope, one row per key of the split. Synchronous: the store's own statements. */
export function figureRows(sql: Sql, scope: FigureScope, split?: FigureSplit): FigureRow[] {
  if (!scope.communityIds.length) return []
  const key = keyOf(split)
  const n = counts(sql, scope, key)
  const whole = split === undefined && scope.communityIds.length === 1 && !scope.from && !scope.to && !scope.filter
  const none: OrderStats = { n: 0, at: new Map() }
  const stats = (column: 'claimMs' | 'resolveMs') =>
    whole ? new Map([['', orderStatsWhole(sql, scope.communityIds[0]!, column)]]) : orderStats(sql, scope, key, column)
  const [claim, resolve] = [stats('claimMs'), stats('resolveMs')]
  // Few cases have arrived (urgent ones): the period's values, whatever the scope.
  const arrive = orderStats(sql, scope, key, 'arriveMs')
  return [...n.entries()].map(([k, c]) => ({
    key: k,
    counts: c,
    durations: { claim: claim.get(k) ?? none, resolve: resolve.get(k) ?? none, arrive: arrive.get(k) ?? none },
  }))
}
