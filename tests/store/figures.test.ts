// The store counts the figures in SQL (issue 13). Here its answers are checked against the domain's
// definitions (src/domain/figures.ts) on a seeded history of every kind of case — whole, by period, by
// each split, in weekly buckets — so the two can never drift apart.
import { describe, expect, it, vi } from 'vitest'
import Database from 'better-sqlite3'
import { openDatabase, withSql } from '../../src/store/db.js'
import { PrismaStore } from '../../src/store/prisma-store.js'
import { applyConfig } from '../../src/store/seed.js'
import { figures, figuresOf, type CaseFacts } from '../../src/domain/figures.js'
import { buildingOf } from '../../src/domain/places.js'
import { periodRange, weeksOf } from '../../src/domain/periods.js'
import { demoConfig, tempDbFile } from '../helpers/index.js'
import type { FigureScope } from '../../src/app/ports.js'

const DAY = 86_400_000
const SH = 'Asia/Shanghai'

/** mulberry32: the same history every run. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

interface Seeded extends CaseFacts {
  communityId: number
  category: string
  place: string
  claimantId: number | null
}

/** A history across a month boundary in Shanghai, with every outcome a case can have. */
async function seeded(n = 400) {
  const file = tempDbFile()
  const db = await openDatabase(file)
  const communityId = await applyConfig(db, demoConfig())
  const other = (await db.community.create({ data: { name: '和平社区', settings: '{}' } })).id
  const rnd = prng(13)
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const people = await Promise.all(
    Array.from({ length: 12 }, (_, i) => db.person.create({ data: { communityId, name: `居民${i}` } })),
  )
  const volunteers = [101, 102, 103]
  const start = new Date('2026-10-20T00:00:00+08:00').getTime()
  const kinds = ['new', 'open', 'claimed', 'resolved', 'verified', 'unhappy', 'unverified', 'withdrawn', 'staffCancel']
  const more = ['declined', 'referred', 'answered', 'duplicate', 'acceptedThenDeclined']
  const facts: Seeded[] = []
  for (let i = 0; i < n; i++) {
    const createdAt = new Date(start + Math.floor(rnd() * 30 * DAY))
    const kind = pick([...kinds, ...kinds, ...more])
    const reporterId = pick(people).id
    const claimant = ['claimed', 'resolved', 'verified', 'unhappy', 'unverified'].includes(kind)
      ? pick(volunteers)
      : null
    const later = (min: number) => new Date(createdAt.getTime() + Math.floor(rnd() * min) * 60_000)
    const claimedAt = claimant ? later(600) : kind === 'staffCancel' && rnd() < 0.5 ? later(60) : null
    const resolvedAt = ['resolved', 'verified', 'unhappy', 'unverified'].includes(kind)
      ? new Date((claimedAt ?? createdAt).getTime() + Math.floor(rnd() * 5000) * 60_000)
      : null
    // Some rings urgent (issue 11); of those claimed, most said 到场 a little after the claim.
    const urgency = rnd() < 0.25 ? pick(['gas', 'lift', 'fire', 'urgent']) : null
    const arrivedAt =
      urgency && claimedAt && rnd() < 0.8 ? new Date(claimedAt.getTime() + Math.floor(rnd() * 40) * 60_000) : null
    const f: Seeded = {
      urgency,
      arrivedAt,
      communityId: i % 10 === 0 ? other : communityId,
      category: pick(['物业', '法律', '银龄']),
      place: pick(['锦绣新村/9幢', '锦绣新村/9幢/2单元', '锦绣新村/10幢', '锦绣社区']),
      claimantId: claimant,
      status:
        (
          { new: 'new', open: 'open', claimed: 'claimed', resolved: 'resolved', referred: 'referred' } as Record<
            string,
            string
          >
        )[kind] ?? 'closed',
      closeReason:
        (
          {
            verified: 'verified',
            unhappy: 'verified',
            unverified: 'unverified',
            withdrawn: 'cancelled',
            staffCancel: 'cancelled',
            declined: 'declined',
            acceptedThenDeclined: 'declined',
            answered: 'referred',
            duplicate: 'duplicate',
          } as Record<string, string>
        )[kind] ?? null,
      reporterId,
      closedById: kind === 'withdrawn' ? reporterId : kind === 'staffCancel' ? 999 : null,
      createdAt,
      acceptedAt: ['new', 'declined', 'referred', 'answered'].includes(kind) ? null : later(30),
      claimedAt,
      resolvedAt,
      satisfied: kind === 'verified' ? true : kind === 'unhappy' ? rnd() < 0.5 : null,
      supporterIds: rnd() < 0.2 ? [pick(people).id, pick(people).id] : [],
    }
    facts.push(f)
    const row = await db.case.create({
      data: {
        communityId: f.communityId,
        number: i + 1,
        text: '问题',
        category: f.category,
        place: f.place,
        building: buildingOf(f.place),
        reporterId,
        originPlatform: 'console',
        originChatId: 'x',
        originMsgId: String(i),
        status: f.status,
        closeReason: f.closeReason,
        claimantId: f.claimantId,
        closedById: f.closedById,
        createdAt,
        acceptedAt: f.acceptedAt,
        claimedAt,
        resolvedAt,
        claimMs: claimedAt && claimedAt.getTime() - createdAt.getTime(),
        resolveMs: resolvedAt && resolvedAt.getTime() - createdAt.getTime(),
        satisfied: f.satisfied,
        urgency,
        arrivedAt,
        arriveMs: arrivedAt && arrivedAt.getTime() - createdAt.getTime(),
      },
    })
    for (const s of new Set(f.supporterIds))
      await db.caseEvent.create({ data: { caseId: row.id, actorId: s, kind: 'supported', at: createdAt } })
    f.supporterIds = [...new Set(f.supporterIds)]
  }
  return { file, db, communityId, other, facts, store: new PrismaStore(db) }
}

/** Figures from the store, as the domain completes them. */
async function fromStore(store: PrismaStore, ...args: Parameters<PrismaStore['figures']>) {
  const rows = await store.figures(...args)
  return new Map(rows.map((r) => [r.key, figuresOf(r.counts, r.durations)]))
}

const close = (a: object | undefined, b: object) => {
  // Rates and times are computed the same way on both sides, but the store's milliseconds went through SQL.
  expect(a).toBeDefined()
  for (const [k, v] of Object.entries(b))
    if (typeof v === 'number') expect((a as Record<string, number>)[k], k).toBeCloseTo(v, 6)
    else expect((a as Record<string, unknown>)[k], k).toEqual(v)
}

describe('the figures the store counts are the domain’s definitions', async () => {
  const h = await seeded()
  const mine = h.facts.filter((f) => f.communityId === h.communityId)

  it('every case of the community', async () => {
    const got = await fromStore(h.store, { communityIds: [h.communityId] })
    expect([...got.keys()]).toEqual([''])
    close(got.get(''), figures(mine))
    // The seeded history has urgent cases with arrivals: the split below is about something.
    expect(got.get('')!.urgent).toBeGreaterThan(0)
    expect(got.get('')!.arriveMedian).toBeGreaterThan(0)
  })

  it('a month in the community’s time zone, across the boundary', async () => {
    const p = periodRange({ kind: 'monthOf', year: 2026, month: 11 }, new Date('2026-11-20T00:00:00Z'), SH)
    const inMonth = mine.filter((f) => f.createdAt >= p.from! && f.createdAt < p.to!)
    // The seeded history really straddles Shanghai's midnight of 1 November.
    expect(inMonth.length).toBeGreaterThan(0)
    expect(inMonth.length).toBeLessThan(mine.length)
    close(
      (await fromStore(h.store, { communityIds: [h.communityId], from: p.from, to: p.to })).get(''),
      figures(inMonth),
    )
  })

  it.each(['building', 'category', 'volunteer', 'urgency'] as const)('split by %s', async (by) => {
    const got = await fromStore(h.store, { communityIds: [h.communityId] }, by)
    const keyOf = (f: Seeded) =>
      by === 'building'
        ? buildingOf(f.place)
        : by === 'category'
          ? f.category
          : by === 'urgency'
            ? (f.urgency ?? '')
            : String(f.claimantId ?? '')
    const keys = [...new Set(mine.map(keyOf))].sort()
    expect([...got.keys()].sort()).toEqual(keys)
    for (const k of keys) close(got.get(k), figures(mine.filter((f) => keyOf(f) === k)))
  })

  it('a street office: across communities', async () => {
    const got = await fromStore(h.store, { communityIds: [h.communityId, h.other] }, 'community')
    for (const id of [h.communityId, h.other])
      close(got.get(String(id)), figures(h.facts.filter((f) => f.communityId === id)))
  })

  it('narrowed to a building, a category, a volunteer', async () => {
    const scope = { communityIds: [h.communityId] }
    close(
      (await fromStore(h.store, { ...scope, filter: { building: '锦绣新村/9幢' } })).get(''),
      figures(mine.filter((f) => buildingOf(f.place) === '锦绣新村/9幢')),
    )
    close(
      (await fromStore(h.store, { ...scope, filter: { category: '法律' } })).get(''),
      figures(mine.filter((f) => f.category === '法律')),
    )
    close(
      (await fromStore(h.store, { ...scope, filter: { claimantId: 102 } })).get(''),
      figures(mine.filter((f) => f.claimantId === 102)),
    )
  })

  it('weekly buckets (the chart)', async () => {
    const from = new Date('2026-10-20T00:00:00+08:00')
    const to = new Date('2026-11-19T00:00:00+08:00')
    const edges = weeksOf(from, to, SH)
    edges[0] = from
    const got = await fromStore(h.store, { communityIds: [h.communityId], from, to }, { edges })
    edges.forEach((e, i) => {
      const end = edges[i + 1] ?? to
      const inWeek = mine.filter((f) => f.createdAt >= e && f.createdAt < end)
      if (inWeek.length) close(got.get(String(i)), figures(inWeek))
      else expect(got.has(String(i))).toBe(false)
    })
  })

  /** The statements the figures of `scope` run, each with its query plan, on a connection of its own. */
  async function plans(scope: FigureScope) {
    const db = await openDatabase(h.file)
    const prepared = vi.spyOn(Database.prototype, 'prepare')
    await new PrismaStore(db).figures(scope)
    const statements = prepared.mock.calls.map(([sql]) => sql)
    prepared.mockRestore()
    await db.$disconnect()
    const planned = new Map<string, string>()
    for (const sql of statements) {
      const nulls = sql
        .split('?')
        .slice(1)
        .map(() => null)
      planned.set(sql, (await withSql(h.db, (q) => q.plan(sql, ...nulls))).join('\n'))
    }
    const of = (part: string) => {
      const found = [...planned].find(([sql]) => sql.includes(part))
      expect(found, part).toBeDefined()
      return found![1]
    }
    return { planned, of }
  }

  it('统计 全部 on a street office: people counted on covering indexes, the cases grouped in one pass of the table, the few arrivals on their own index', async () => {
    const { of } = await plans({ communityIds: [h.communityId] })
    expect(of('SELECT c."reporterId" FROM')).toContain('COVERING INDEX Case_communityId_reporterId_idx')
    expect(of("'supported'")).toContain('CaseEvent_kind_caseId_idx')
    expect(of('COUNT(c."acceptedAt")')).toMatch(/^SCAN c$/m)
    // Only urgent cases have a time to arrive: found as a range of their index, not among every case.
    expect(of('SELECT c."arriveMs" FROM')).toContain('Case_arrive_ms_idx (communityId=? AND arriveMs>?)')
  })

  it('统计 本月 on a street office (20k cases a month): the month’s cases grouped once, who rang and how long each took read from the period’s index alone, no sort or distinct in the database', async () => {
    const p = periodRange({ kind: 'monthOf', year: 2026, month: 11 }, new Date('2026-11-20T00:00:00Z'), SH)
    const { planned, of } = await plans({ communityIds: [h.communityId], from: p.from, to: p.to })
    expect(of('COUNT(c."acceptedAt")')).toContain(
      'USING INDEX Case_period_idx (communityId=? AND createdAt>? AND createdAt<?)',
    )
    for (const column of ['reporterId', 'claimMs', 'resolveMs', 'arriveMs'])
      expect(of(`SELECT c."${column}" FROM`), column).toContain(
        'USING COVERING INDEX Case_period_idx (communityId=? AND createdAt>? AND createdAt<?)',
      )
    expect(of("'supported'")).toContain('COVERING INDEX Case_period_idx')
    // A window over 10k durations, or COUNT(DISTINCT) over 20k people, cost SQLite ~15 ms each.
    for (const [sql, plan] of planned) {
      expect(sql).not.toMatch(/\bOVER\s*\(|COUNT\(DISTINCT/)
      expect(plan, sql).not.toMatch(/TEMP B-TREE FOR (ORDER BY|DISTINCT|count\(DISTINCT\))/)
    }
  })

  it('nothing in scope: no rows', async () => {
    expect(await h.store.figures({ communityIds: [h.communityId], from: new Date(0), to: new Date(1) })).toEqual([])
  })
})
