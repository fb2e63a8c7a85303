// The Prisma side of households, consultations and notices (src/app/consult-ports.ts, issue 14).
// Reads go through the connection's queue (`serially`); writes run inside the caller's transaction.
import type {
  ConsultReads,
  ConsultWrites,
  ConsultationRow,
  HouseholdRow,
  NewConsultation,
  NewNotice,
  NoticeRow,
  NoticeUpdateRow,
  VoteListRow,
  VoteRow,
} from '../app/consult-ports.js'
import type { Kind, Tally, Threshold, Unit } from '../domain/consultation.js'
import type { Need } from '../domain/household.js'
import { Prisma } from '../generated/prisma/client.js'
import type { Consultation as ConsultationRecord, Notice, NoticeUpdate, Vote } from '../generated/prisma/client.js'
import { serially, withSql, type Db } from './db.js'
import { fromJson, toJson } from './json.js'
import type { Raw } from './rows.js'
import { dateOf, dateOrNull } from './sql.js'

type Q = Prisma.TransactionClient

/** 9幢 before 10幢, 2单元/301 before 2单元/1202: rooms in the order people walk them. */
const byPath = <T extends { path: string }>(rows: T[]): T[] =>
  rows.sort((a, b) => a.path.localeCompare(b.path, 'zh-CN', { numeric: true }))

/** Within any of the places ([] = everywhere): the place itself or anything under it. */
const pathWithin = (places: readonly string[]): Prisma.HouseholdWhereInput =>
  places.length ? { OR: places.flatMap((p) => [{ path: p }, { path: { startsWith: `${p}/` } }]) } : {}

export const consultationRow = (c: ConsultationRecord): ConsultationRow => ({
  id: c.id,
  communityId: c.communityId,
  number: c.number,
  kind: c.kind as Kind,
  title: c.title,
  detail: c.detail,
  options: fromJson<string[]>(c.options, []),
  places: fromJson<string[]>(c.places, []),
  unit: c.unit as Unit,
  threshold: fromJson<Threshold | null>(c.threshold, null),
  total: c.total,
  deadline: c.deadline,
  status: c.status === 'closed' ? 'closed' : 'open',
  caseId: c.caseId,
  createdBy: c.createdBy,
  createdAt: c.createdAt,
  closedAt: c.closedAt,
  result: fromJson<Tally | null>(c.result, null),
  progressAt: c.progressAt,
  progressVotes: c.progressVotes,
})

/** A consultation as the store's own statements read it (dates as SQLite keeps them). */
export const consultationOf = (c: Raw<ConsultationRecord>): ConsultationRow =>
  consultationRow({
    ...c,
    deadline: dateOf(c.deadline),
    createdAt: dateOf(c.createdAt),
    closedAt: dateOrNull(c.closedAt),
    progressAt: dateOrNull(c.progressAt),
  })

const voteRow = (v: Vote): VoteRow => ({
  voter: v.voter,
  householdId: v.householdId,
  personId: v.personId,
  option: v.option,
  firstAt: v.firstAt,
  at: v.at,
  changes: v.changes,
})

export const noticeRow = (n: Notice & { updates: NoticeUpdate[] }): NoticeRow => ({
  id: n.id,
  communityId: n.communityId,
  number: n.number,
  label: n.label,
  title: n.title,
  body: n.body,
  groups: fromJson<number[]>(n.groups, []),
  places: fromJson<string[]>(n.places, []),
  pinned: n.pinned,
  createdBy: n.createdBy,
  createdAt: n.createdAt,
  updates: n.updates.map((u) => ({ kind: u.kind, text: u.text, amount: u.amount, by: u.by, at: u.at })),
})

/**
 * The SQLite driver takes at most 999 parameters a statement, and Prisma's `include` and `in` lists put
 * one parameter per row: an estate of a few thousand households would not fit. Households and their
 * members are read in one JOIN instead, whatever their number.
 */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
const pathSql = (places: readonly string[]): Prisma.Sql =>
  places.length
    ? Prisma.sql`(${Prisma.join(
        places.map((p) => Prisma.sql`(h."path" = ${p} OR h."path" LIKE ${`${escapeLike(p)}/%`} ESCAPE '\\')`),
        ' OR ',
      )})`
    : Prisma.sql`1`

interface JoinedRow {
  id: number
  communityId: number
  path: string
  needs: string
  notes: string
  roster: string
  personId: number | null
  confirmed: number | boolean | null
  name: string | null
}

async function householdsWhere(q: Q, communityId: number, where: Prisma.Sql): Promise<HouseholdRow[]> {
  const rows = await q.$queryRaw<JoinedRow[]>`
    SELECT h."id", h."communityId", h."path", h."needs", h."notes", h."roster", m."personId", m."confirmed", p."name"
    FROM "Household" h
    LEFT JOIN "HouseholdMember" m ON m."householdId" = h."id"
    LEFT JOIN "Person" p ON p."id" = m."personId"
    WHERE h."communityId" = ${communityId} AND ${where}
    ORDER BY h."id", m."id"`
  return householdsOf(rows)
}

/** Households from their joined rows (a household's rows together, its members in order). */
function householdsOf(rows: JoinedRow[]): HouseholdRow[] {
  const byId = new Map<number, HouseholdRow>()
  for (const r of rows) {
    let h = byId.get(r.id)
    if (!h) {
      h = {
        id: r.id,
        communityId: r.communityId,
        path: r.path,
        needs: fromJson<Need[]>(r.needs, []),
        notes: r.notes,
        roster: fromJson<string[]>(r.roster, []),
        members: [],
      }
      byId.set(r.id, h)
    }
    if (r.personId !== null)
      h.members.push({ personId: r.personId, name: r.name ?? '?', confirmed: Boolean(r.confirmed) })
  }
  return byPath([...byId.values()])
}

async function counts(q: Q, consultationId: number, options: number): Promise<{ counts: number[]; pending: number }> {
  const rows = await q.vote.groupBy({
    by: ['option'],
    where: { consultationId, NOT: { voter: { startsWith: 'u:' } } },
    _count: { _all: true },
  })
  const out = Array.from({ length: options }, () => 0)
  for (const r of rows) if (r.option >= 0 && r.option < options) out[r.option] = r._count._all
  const pending = await q.vote.count({ where: { consultationId, voter: { startsWith: 'u:' } } })
  return { counts: out, pending }
}

const nextNumber = async (q: Q, table: 'consultation' | 'notice', communityId: number): Promise<number> => {
  const last =
    table === 'consultation'
      ? await q.consultation.findFirst({
          where: { communityId },
          orderBy: { number: 'desc' },
          select: { number: true },
        })
      : await q.notice.findFirst({ where: { communityId }, orderBy: { number: 'desc' }, select: { number: true } })
  return (last?.number ?? 0) + 1
}

export class PrismaConsultReads implements ConsultReads {
  constructor(private readonly db: Db) {}

  private serially<T>(fn: (q: Q) => Promise<T>): Promise<T> {
    return serially(this.db, fn)
  }

  /**
   * A person's household with its members: on the store's own statements, as an urgent ring reads it for
   * the household's special needs (issue 11) and an answer to a consultation for who votes (one statement).
   */
  householdOf(personId: number) {
    return withSql(this.db, (sql) => {
      const rows = sql.all<JoinedRow & { mine: number }>(
        `SELECT h."id", h."communityId", h."path", h."needs", h."notes", h."roster", m."personId", m."confirmed", p."name", me."confirmed" AS "mine" FROM "HouseholdMember" me JOIN "Household" h ON h."id" = me."householdId" LEFT JOIN "HouseholdMember" m ON m."householdId" = h."id" LEFT JOIN "Person" p ON p."id" = m."personId" WHERE me."personId" = ? ORDER BY m."id"`,
        personId,
      )
      const [household] = householdsOf(rows)
      return household && { household, confirmed: rows[0]!.mine !== 0 }
    })
  }

  household(communityId: number, path: string) {
    return this.serially(async (q) => (await householdsWhere(q, communityId, Prisma.sql`h."path" = ${path}`))[0])
  }

  households(communityId: number, places: readonly string[]) {
    return this.serially((q) => householdsWhere(q, communityId, pathSql(places)))
  }

  countCovered(communityId: number, places: readonly string[], unit: Unit) {
    return this.serially(async (q) =>
      unit === 'household'
        ? q.household.count({ where: { communityId, ...pathWithin(places) } })
        : q.householdMember.count({ where: { household: { communityId, ...pathWithin(places) } } }),
    )
  }

  pendingMembers(communityId: number) {
    return this.serially(async (q) => {
      const rows = await q.$queryRaw<{ personId: number; name: string | null; householdId: number; path: string }[]>`
        SELECT m."personId", p."name", m."householdId", h."path"
        FROM "HouseholdMember" m
        JOIN "Household" h ON h."id" = m."householdId"
        LEFT JOIN "Person" p ON p."id" = m."personId"
        WHERE m."confirmed" = 0 AND h."communityId" = ${communityId}
        ORDER BY m."at", m."id"`
      return rows.map((r) => ({ personId: r.personId, name: r.name ?? '?', householdId: r.householdId, path: r.path }))
    })
  }

  needsWithin(communityId: number, place: string) {
    return this.serially(async (q) => {
      const rows = await householdsWhere(
        q,
        communityId,
        Prisma.sql`${pathSql(place ? [place] : [])} AND (h."needs" <> '[]' OR h."notes" <> '')`,
      )
      return rows.map((h) => ({
        path: h.path,
        needs: h.needs,
        notes: h.notes,
        names: [...h.members.map((m) => m.name), ...h.roster.filter((r) => !h.members.some((m) => m.name === r))],
      }))
    })
  }

  // Read for every short line said in a residents' group (answers.ts: is 同意 an answer?): one statement.
  liveConsultations(communityId: number) {
    return withSql(this.db, (sql) =>
      sql
        .all<Raw<ConsultationRecord>>(
          `SELECT * FROM "Consultation" WHERE "communityId" = ? AND "status" = 'open' ORDER BY "number"`,
          communityId,
        )
        .map(consultationOf),
    )
  }

  consultation(communityId: number, number: number) {
    return this.serially(async (q) => {
      const c = await q.consultation.findUnique({ where: { communityId_number: { communityId, number } } })
      return c ? consultationRow(c) : undefined
    })
  }

  consultationById(id: number) {
    return this.serially(async (q) => {
      const c = await q.consultation.findUnique({ where: { id } })
      return c ? consultationRow(c) : undefined
    })
  }

  recentConsultations(communityId: number, limit: number) {
    return this.serially(async (q) =>
      (await q.consultation.findMany({ where: { communityId }, orderBy: { number: 'desc' }, take: limit })).map(
        consultationRow,
      ),
    )
  }

  voteCounts(consultationId: number, options: number) {
    return this.serially((q) => counts(q, consultationId, options))
  }

  vote(consultationId: number, voter: string) {
    return this.serially(async (q) => {
      const v = await q.vote.findUnique({ where: { consultationId_voter: { consultationId, voter } } })
      return v ? voteRow(v) : undefined
    })
  }

  voteList(consultationId: number) {
    return this.serially(async (q) => {
      const rows = await q.$queryRaw<
        (Omit<Vote, 'firstAt' | 'at'> & {
          firstAt: string | Date
          at: string | Date
          name: string | null
          path: string | null
        })[]
      >`
        SELECT v."voter", v."householdId", v."personId", v."option", v."firstAt", v."at", v."changes", p."name", h."path"
        FROM "Vote" v
        LEFT JOIN "Person" p ON p."id" = v."personId"
        LEFT JOIN "Household" h ON h."id" = v."householdId"
        WHERE v."consultationId" = ${consultationId}
        ORDER BY v."firstAt", v."id"`
      return rows.map((v): VoteListRow => ({
        voter: v.voter,
        householdId: v.householdId,
        personId: v.personId,
        option: Number(v.option),
        firstAt: new Date(v.firstAt),
        at: new Date(v.at),
        changes: Number(v.changes),
        name: v.name ?? '?',
        path: v.path,
        counted: !v.voter.startsWith('u:'),
      }))
    })
  }

  notice(communityId: number, number: number) {
    return this.serially(async (q) => {
      const n = await q.notice.findUnique({
        where: { communityId_number: { communityId, number } },
        include: { updates: { orderBy: { id: 'asc' } } },
      })
      return n ? noticeRow(n) : undefined
    })
  }

  recentNotices(communityId: number, limit: number) {
    return this.serially(async (q) =>
      (
        await q.notice.findMany({
          where: { communityId },
          orderBy: { number: 'desc' },
          take: limit,
          include: { updates: { orderBy: { id: 'asc' } } },
        })
      ).map(noticeRow),
    )
  }
}

export class PrismaConsultTx implements ConsultWrites {
  constructor(private readonly q: Q) {}

  async ensureHousehold(communityId: number, path: string, at: Date): Promise<number> {
    const h = await this.q.household.upsert({
      where: { communityId_path: { communityId, path } },
      create: { communityId, path, createdAt: at, updatedAt: at },
      update: {},
      select: { id: true },
    })
    return h.id
  }

  async setMember(personId: number, householdId: number, confirmed: boolean, at: Date): Promise<void> {
    await this.q.householdMember.upsert({
      where: { personId },
      create: { personId, householdId, confirmed, at },
      update: { householdId, confirmed, at },
    })
  }

  async confirmMembers(personIds: number[]): Promise<number[]> {
    const waiting = await this.q.householdMember.findMany({
      where: { personId: { in: personIds }, confirmed: false },
      select: { personId: true },
    })
    const ids = waiting.map((w) => w.personId)
    if (ids.length)
      await this.q.householdMember.updateMany({ where: { personId: { in: ids } }, data: { confirmed: true } })
    return ids
  }

  async setNeeds(householdId: number, needs: Need[], notes: string, at: Date): Promise<void> {
    await this.q.household.update({ where: { id: householdId }, data: { needs: toJson(needs), notes, updatedAt: at } })
  }

  async addRoster(householdId: number, names: string[], at: Date): Promise<void> {
    const h = await this.q.household.findUniqueOrThrow({ where: { id: householdId }, select: { roster: true } })
    const roster = [...new Set([...fromJson<string[]>(h.roster, []), ...names])]
    await this.q.household.update({ where: { id: householdId }, data: { roster: toJson(roster), updatedAt: at } })
  }

  async createConsultation(communityId: number, c: NewConsultation): Promise<ConsultationRow> {
    const created = await this.q.consultation.create({
      data: {
        communityId,
        number: await nextNumber(this.q, 'consultation', communityId),
        kind: c.kind,
        title: c.title,
        detail: c.detail,
        options: toJson(c.options),
        places: toJson(c.places),
        unit: c.unit,
        threshold: c.threshold ? toJson(c.threshold) : null,
        total: c.total,
        deadline: c.deadline,
        caseId: c.caseId,
        createdBy: c.createdBy,
        createdAt: c.createdAt,
      },
    })
    return consultationRow(created)
  }

  async closeConsultation(id: number, at: Date, result: Tally): Promise<boolean> {
    const r = await this.q.consultation.updateMany({
      where: { id, status: 'open' },
      data: { status: 'closed', closedAt: at, result: toJson(result) },
    })
    return r.count === 1
  }

  async castVote(
    consultationId: number,
    v: { voter: string; householdId: number | null; personId: number; option: number },
    at: Date,
  ): Promise<'new' | 'changed' | 'same' | 'closed'> {
    // Read with the write: an answer that arrives as the result is being counted is either in it or refused.
    if (!(await this.q.consultation.count({ where: { id: consultationId, status: 'open' } }))) return 'closed'
    const where = { consultationId_voter: { consultationId, voter: v.voter } }
    const had = await this.q.vote.findUnique({ where })
    if (!had) {
      await this.q.vote.create({ data: { consultationId, ...v, firstAt: at, at } })
      return 'new'
    }
    if (had.option === v.option) return 'same'
    await this.q.vote.update({
      where,
      data: { option: v.option, personId: v.personId, householdId: v.householdId, at, changes: { increment: 1 } },
    })
    return 'changed'
  }

  voteCounts(consultationId: number, options: number) {
    return counts(this.q, consultationId, options)
  }

  async adoptPendingVotes(personId: number, householdId: number): Promise<void> {
    const pending = await this.q.vote.findMany({
      where: { voter: `u:${personId}`, consultation: { status: 'open' } },
    })
    for (const p of pending) {
      const where = { consultationId_voter: { consultationId: p.consultationId, voter: `h:${householdId}` } }
      const had = await this.q.vote.findUnique({ where })
      if (!had) await this.q.vote.create({ data: { ...p, id: undefined, voter: `h:${householdId}`, householdId } })
      else if (had.at < p.at)
        await this.q.vote.update({
          where,
          data: { option: p.option, personId, at: p.at, changes: { increment: had.option === p.option ? 0 : 1 } },
        })
      await this.q.vote.delete({ where: { id: p.id } })
    }
  }

  async markProgress(consultationId: number, at: Date, votes: number): Promise<void> {
    await this.q.consultation.update({ where: { id: consultationId }, data: { progressAt: at, progressVotes: votes } })
  }

  async createNotice(communityId: number, n: NewNotice): Promise<NoticeRow> {
    const created = await this.q.notice.create({
      data: {
        communityId,
        number: await nextNumber(this.q, 'notice', communityId),
        label: n.label,
        title: n.title,
        body: n.body,
        groups: toJson(n.groups),
        places: toJson(n.places),
        pinned: n.pinned,
        createdBy: n.createdBy,
        createdAt: n.createdAt,
      },
      include: { updates: true },
    })
    return noticeRow(created)
  }

  async addNoticeUpdate(noticeId: number, u: NoticeUpdateRow): Promise<void> {
    await this.q.noticeUpdate.create({ data: { noticeId, ...u } })
  }

  async fundAmounts(noticeId: number): Promise<number[]> {
    const rows = await this.q.noticeUpdate.findMany({
      where: { noticeId, amount: { not: null } },
      orderBy: { id: 'asc' },
      select: { amount: true },
    })
    return rows.map((r) => r.amount!)
  }
}
