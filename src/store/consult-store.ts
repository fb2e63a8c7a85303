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
import type { Prisma } from '../generated/prisma/client.js'
import type {
  Consultation as ConsultationRecord,
  Household,
  Notice,
  NoticeUpdate,
  Vote,
} from '../generated/prisma/client.js'
import { serially, type Db } from './db.js'
import { fromJson, toJson } from './json.js'

type Q = Prisma.TransactionClient

/** 9幢 before 10幢, 2单元/301 before 2单元/1202: rooms in the order people walk them. */
const byPath = <T extends { path: string }>(rows: T[]): T[] =>
  rows.sort((a, b) => a.path.localeCompare(b.path, 'zh-CN', { numeric: true }))

/** Within any of the places ([] = everywhere): the place itself or anything under it. */
const pathWithin = (places: readonly string[]): Prisma.HouseholdWhereInput =>
  places.length ? { OR: places.flatMap((p) => [{ path: p }, { path: { startsWith: `${p}/` } }]) } : {}

const consultationRow = (c: ConsultationRecord): ConsultationRow => ({
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

const voteRow = (v: Vote): VoteRow => ({
  voter: v.voter,
  householdId: v.householdId,
  personId: v.personId,
  option: v.option,
  firstAt: v.firstAt,
  at: v.at,
  changes: v.changes,
})

const noticeRow = (n: Notice & { updates: NoticeUpdate[] }): NoticeRow => ({
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

type HouseholdWithMembers = Household & { members: { personId: number; confirmed: boolean }[] }

async function householdRows(q: Q, rows: HouseholdWithMembers[]): Promise<HouseholdRow[]> {
  const ids = [...new Set(rows.flatMap((h) => h.members.map((m) => m.personId)))]
  const names = new Map(
    (ids.length ? await q.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : []).map(
      (p) => [p.id, p.name],
    ),
  )
  return rows.map((h) => ({
    id: h.id,
    communityId: h.communityId,
    path: h.path,
    needs: fromJson<Need[]>(h.needs, []),
    notes: h.notes,
    roster: fromJson<string[]>(h.roster, []),
    members: h.members.map((m) => ({
      personId: m.personId,
      name: names.get(m.personId) ?? '?',
      confirmed: m.confirmed,
    })),
  }))
}

const members = { members: { orderBy: { id: 'asc' as const }, select: { personId: true, confirmed: true } } }

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

  householdOf(personId: number) {
    return this.serially(async (q) => {
      const m = await q.householdMember.findUnique({
        where: { personId },
        include: { household: { include: members } },
      })
      if (!m) return undefined
      const [household] = await householdRows(q, [m.household])
      return { household: household!, confirmed: m.confirmed }
    })
  }

  household(communityId: number, path: string) {
    return this.serially(async (q) => {
      const h = await q.household.findUnique({ where: { communityId_path: { communityId, path } }, include: members })
      return h ? (await householdRows(q, [h]))[0] : undefined
    })
  }

  households(communityId: number, places: readonly string[]) {
    return this.serially(async (q) =>
      byPath(
        await householdRows(
          q,
          await q.household.findMany({ where: { communityId, ...pathWithin(places) }, include: members }),
        ),
      ),
    )
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
      const rows = await q.householdMember.findMany({
        where: { confirmed: false, household: { communityId } },
        include: { household: { select: { path: true } } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      })
      const names = new Map(
        (
          await q.person.findMany({
            where: { id: { in: rows.map((r) => r.personId) } },
            select: { id: true, name: true },
          })
        ).map((p) => [p.id, p.name]),
      )
      return rows.map((r) => ({
        personId: r.personId,
        name: names.get(r.personId) ?? '?',
        householdId: r.householdId,
        path: r.household.path,
      }))
    })
  }

  needsWithin(communityId: number, place: string) {
    return this.serially(async (q) => {
      const rows = await q.household.findMany({
        where: {
          communityId,
          AND: [pathWithin(place ? [place] : []), { OR: [{ needs: { not: '[]' } }, { notes: { not: '' } }] }],
        },
        include: members,
        orderBy: { path: 'asc' },
      })
      return byPath(await householdRows(q, rows)).map((h) => ({
        path: h.path,
        needs: h.needs,
        notes: h.notes,
        names: [...h.members.map((m) => m.name), ...h.roster.filter((r) => !h.members.some((m) => m.name === r))],
      }))
    })
  }

  liveConsultations(communityId: number) {
    return this.serially(async (q) =>
      (await q.consultation.findMany({ where: { communityId, status: 'open' }, orderBy: { number: 'asc' } })).map(
        consultationRow,
      ),
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
      const votes = await q.vote.findMany({ where: { consultationId }, orderBy: [{ firstAt: 'asc' }, { id: 'asc' }] })
      const people = new Map(
        (
          await q.person.findMany({
            where: { id: { in: [...new Set(votes.map((v) => v.personId))] } },
            select: { id: true, name: true },
          })
        ).map((p) => [p.id, p.name]),
      )
      const households = new Map(
        (
          await q.household.findMany({
            where: { id: { in: [...new Set(votes.flatMap((v) => (v.householdId === null ? [] : [v.householdId])))] } },
            select: { id: true, path: true },
          })
        ).map((h) => [h.id, h.path]),
      )
      return votes.map((v): VoteListRow => ({
        ...voteRow(v),
        name: people.get(v.personId) ?? '?',
        path: v.householdId === null ? null : (households.get(v.householdId) ?? null),
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
