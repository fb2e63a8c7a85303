// The committee's figures as aggregate queries (issue 13): counted by the database over the period's rows
// (the Case_period_idx range), never by loading the cases. The definitions are src/domain/figures.ts
// `countCases` and `durationsOf`; tests/store/figures.test.ts checks these queries against them.
//
// Portable SQL (SQLite ≥ 3.25, PostgreSQL): CASE, COUNT, window functions, integer division, unary plus.
// Durations are stored on the case (claimMs, resolveMs) when it changes, so no date arithmetic is asked of
// the database; what still differs per database — how a timestamp is bound — is `dialect`.
import { Prisma } from '../generated/prisma/client.js'
import { noCounts, type FigureCounts, type OrderStats } from '../domain/figures.js'
import { PERCENTS, quantileRanks } from '../domain/figures.js'
import type { FigureRow, FigureScope, FigureSplit } from '../app/ports.js'
import { sqlDate } from './json.js'

type Q = Prisma.TransactionClient

/** SQLite's spelling of what SQL databases spell differently. */
export const dialect = {
  /** a timestamp as the column stores it (PostgreSQL: the Date itself) */
  date: (d: Date) => sqlDate(d),
}

/** The cases in scope, as a WHERE clause on `c`. */
function scopeWhere(s: FigureScope, wholeScan = false): Prisma.Sql {
  // Every case of the communities, every column summed (统计 全部): the table read in its own order beats
  // 100k rows fetched one by one in an index's (`+` keeps the planner off the index; ~200 → ~50 ms).
  const community = wholeScan && !s.from && !s.to ? Prisma.sql`+c."communityId"` : Prisma.sql`c."communityId"`
  const parts = [Prisma.sql`${community} IN (${Prisma.join(s.communityIds)})`]
  if (s.from) parts.push(Prisma.sql`c."createdAt" >= ${dialect.date(s.from)}`)
  if (s.to) parts.push(Prisma.sql`c."createdAt" < ${dialect.date(s.to)}`)
  if (s.filter?.building !== undefined) parts.push(Prisma.sql`c."building" = ${s.filter.building}`)
  if (s.filter?.category !== undefined) parts.push(Prisma.sql`c."category" = ${s.filter.category}`)
  if (s.filter?.claimantId !== undefined) parts.push(Prisma.sql`c."claimantId" = ${s.filter.claimantId}`)
  return Prisma.join(parts, ' AND ')
}

/** The key rows are grouped by. A new split (urgency, issue 11) is one more entry here. */
function keyOf(split: FigureSplit | undefined): Prisma.Sql {
  if (split === undefined) return Prisma.sql`''`
  if (typeof split === 'object') {
    // Bucket i holds the cases rung in [edges[i], edges[i+1]).
    if (split.edges.length < 2) return Prisma.sql`0`
    const whens = split.edges.slice(1).map((e, i) => Prisma.sql`WHEN c."createdAt" < ${dialect.date(e)} THEN ${i}`)
    return Prisma.sql`CASE ${Prisma.join(whens, ' ')} ELSE ${split.edges.length - 1} END`
  }
  const columns: Record<typeof split, Prisma.Sql> = {
    building: Prisma.sql`c."building"`,
    category: Prisma.sql`c."category"`,
    volunteer: Prisma.sql`c."claimantId"`,
    community: Prisma.sql`c."communityId"`,
    // urgent rings apart (issue 11): the class, '' for ordinary ones (and those downgraded)
    urgency: Prisma.sql`COALESCE(c."urgency", '')`,
  }
  return columns[split]
}

// countCases, clause by clause.
const accepted = Prisma.sql`(c."acceptedAt" IS NOT NULL AND c."status" <> 'referred' AND (c."closeReason" IS NULL OR c."closeReason" NOT IN ('declined', 'referred', 'duplicate')))`
const counted: [keyof FigureCounts, Prisma.Sql][] = [
  ['pending', Prisma.sql`c."status" = 'new'`],
  ['declined', Prisma.sql`c."closeReason" = 'declined'`],
  ['referred', Prisma.sql`(c."status" = 'referred' OR c."closeReason" = 'referred')`],
  ['referralsAnswered', Prisma.sql`c."closeReason" = 'referred'`],
  ['merged', Prisma.sql`c."closeReason" = 'duplicate'`],
  ['accepted', accepted],
  ['claimed', Prisma.sql`${accepted} AND c."claimedAt" IS NOT NULL`],
  ['inProgress', Prisma.sql`${accepted} AND c."status" IN ('open', 'claimed')`],
  ['awaitingCheck', Prisma.sql`c."status" = 'resolved'`],
  ['verified', Prisma.sql`c."closeReason" = 'verified'`],
  ['unverified', Prisma.sql`c."closeReason" = 'unverified'`],
  ['withdrawn', Prisma.sql`c."closeReason" = 'cancelled' AND c."closedById" = c."reporterId"`],
  [
    'closedByStaff',
    Prisma.sql`c."closeReason" = 'cancelled' AND (c."closedById" IS NULL OR c."closedById" <> c."reporterId")`,
  ],
  ['rated', Prisma.sql`c."satisfied" IS NOT NULL`],
  ['satisfied', Prisma.sql`c."satisfied" IS NOT NULL AND c."satisfied"`],
  ['urgent', Prisma.sql`c."urgency" IS NOT NULL`],
]

const keyText = (k: unknown): string => (k === null || k === undefined ? '' : String(k))

async function counts(q: Q, scope: FigureScope, key: Prisma.Sql): Promise<Map<string, FigureCounts>> {
  const sums = counted.map(
    ([name, cond]) => Prisma.sql`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"${name}"`)}`,
  )
  const rows = await q.$queryRaw<Record<string, unknown>[]>`
    SELECT ${key} AS "k", COUNT(*) AS "rings", ${Prisma.join(sums)}
    FROM "Case" c WHERE ${scopeWhere(scope, true)} GROUP BY 1`
  const out = new Map<string, FigureCounts>()
  for (const r of rows) {
    const n: FigureCounts = { ...noCounts, rings: Number(r.rings) }
    for (const [name] of counted) n[name] = Number(r[name] ?? 0)
    out.set(keyText(r.k), n)
  }
  // People who rang or said 同: distinct across both, per key.
  const users = await q.$queryRaw<{ k: unknown; users: unknown }[]>`
    SELECT "k", COUNT(DISTINCT "p") AS "users" FROM (
      SELECT ${key} AS "k", c."reporterId" AS "p" FROM "Case" c WHERE ${scopeWhere(scope)}
      UNION ALL
      SELECT ${key} AS "k", e."actorId" AS "p" FROM "CaseEvent" e JOIN "Case" c ON c."id" = e."caseId"
      WHERE ${scopeWhere(scope)} AND e."kind" = 'supported' AND e."actorId" IS NOT NULL
    ) u GROUP BY "k"`
  for (const r of users) {
    const n = out.get(keyText(r.k))
    if (n) n.users = Number(r.users)
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

/** The order statistics the median and p90 need, per key: at most four values per key leave the database. */
async function orderStats(
  q: Q,
  scope: FigureScope,
  key: Prisma.Sql,
  column: 'claimMs' | 'resolveMs' | 'arriveMs',
): Promise<Map<string, OrderStats>> {
  const col = Prisma.raw(`c."${column}"`)
  const ranks = PERCENTS.flatMap((p) => [
    Prisma.sql`("n" - 1) * ${Prisma.raw(String(p))} / 100`,
    Prisma.sql`("n" - 1) * ${Prisma.raw(String(p))} / 100 + 1`,
  ])
  // `+col`: the period's own index finds the rows; the duration's index would walk the whole community.
  // Not for arriveMs: few cases have one (urgent ones), and its index finds them where a whole
  // community's read (统计 全部) would otherwise fetch its 100k cases one by one (~120 ms).
  const has = column === 'arriveMs' ? Prisma.sql`${col} IS NOT NULL` : Prisma.sql`+${col} IS NOT NULL`
  const rows = await q.$queryRaw<{ k: unknown; n: unknown; i: unknown; ms: unknown }[]>`
    WITH d AS (
      SELECT ${key} AS "k", ${col} AS "ms" FROM "Case" c WHERE ${scopeWhere(scope)} AND ${has}
    ), r AS (
      SELECT "k", "ms", ROW_NUMBER() OVER (PARTITION BY "k" ORDER BY "ms") - 1 AS "i", COUNT(*) OVER (PARTITION BY "k") AS "n" FROM d
    )
    SELECT "k", "n", "i", "ms" FROM r WHERE "i" IN (${Prisma.join(ranks)})`
  const out = new Map<string, { n: number; at: Map<number, number> }>()
  for (const r of rows) {
    const k = keyText(r.k)
    const s = out.get(k) ?? { n: Number(r.n), at: new Map<number, number>() }
    s.at.set(Number(r.i), Number(r.ms))
    out.set(k, s)
  }
  return out
}

/**
 * A whole community, unsplit (统计 全部): the values at the ranks are read in the duration's index order
 * — a walk of the index, no sort of every case.
 */
async function orderStatsWhole(q: Q, communityId: number, column: 'claimMs' | 'resolveMs'): Promise<OrderStats> {
  const col = Prisma.raw(`c."${column}"`)
  const [counted] = await q.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS "n" FROM "Case" c WHERE c."communityId" = ${communityId} AND ${col} IS NOT NULL`
  const count = Number(counted?.n ?? 0)
  const at = new Map<number, number>()
  for (const rank of count ? ranksOf(count) : []) {
    const [row] = await q.$queryRaw<{ ms: unknown }[]>`
      SELECT ${col} AS "ms" FROM "Case" c WHERE c."communityId" = ${communityId} AND ${col} IS NOT NULL
      ORDER BY ${col} LIMIT 1 OFFSET ${rank}`
    at.set(rank, Number(row!.ms))
  }
  return { n: count, at }
}

export async function figureRows(q: Q, scope: FigureScope, split?: FigureSplit): Promise<FigureRow[]> {
  if (!scope.communityIds.length) return []
  const key = keyOf(split)
  const n = await counts(q, scope, key)
  const whole = split === undefined && scope.communityIds.length === 1 && !scope.from && !scope.to && !scope.filter
  const none: OrderStats = { n: 0, at: new Map() }
  const stats = async (column: 'claimMs' | 'resolveMs') =>
    whole
      ? new Map([['', await orderStatsWhole(q, scope.communityIds[0]!, column)]])
      : orderStats(q, scope, key, column)
  const [claim, resolve] = [await stats('claimMs'), await stats('resolveMs')]
  // Few cases have arrived (urgent ones): the period's rows, windowed, whatever the scope.
  const arrive = await orderStats(q, scope, key, 'arriveMs')
  // The ranks asked for are the domain's: check the database picked what quantileRanks expects.
  for (const s of [...claim.values(), ...resolve.values(), ...arrive.values()])
    for (const rank of s.n ? ranksOf(s.n) : [])
      if (!s.at.has(rank)) throw new Error(`figures: rank ${rank} of ${s.n} not returned`)
  return [...n.entries()].map(([k, c]) => ({
    key: k,
    counts: c,
    durations: { claim: claim.get(k) ?? none, resolve: resolve.get(k) ?? none, arrive: arrive.get(k) ?? none },
  }))
}
