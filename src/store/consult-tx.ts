// Households, consultations and notices written inside a message's transaction (issue 14), on the store's
// own statements (sql.ts): the transaction is the store's BEGIN IMMEDIATE on Prisma's connection, where a
// Prisma write that wants a transaction of its own (an upsert, a create with an include) would fail. The
// reads outside a transaction stay on Prisma (consult-store.ts); the rows are turned into the same types.
import type { ConsultWrites, ConsultationRow, NewConsultation, NewNotice, NoticeRow } from '../app/consult-ports.js'
import type { NoticeUpdateRow } from '../app/consult-ports.js'
import type { Tally } from '../domain/consultation.js'
import type { Need } from '../domain/household.js'
import type { Consultation, Notice, Vote } from '../generated/prisma/client.js'
import { consultationOf, noticeRow } from './consult-store.js'
import { fromJson, toJson } from './json.js'
import type { Raw } from './rows.js'
import { dateOf, type Sql } from './sql.js'

export class SqlConsultTx implements ConsultWrites {
  constructor(private readonly sql: Sql) {}

  private nextNumber(table: 'Consultation' | 'Notice', communityId: number): number {
    const last = this.sql.get<{ n: number | null }>(
      `SELECT max("number") AS "n" FROM "${table}" WHERE "communityId" = ?`,
      communityId,
    )
    return (last?.n ?? 0) + 1
  }

  async ensureHousehold(communityId: number, path: string, at: Date): Promise<number> {
    this.sql.run(
      `INSERT INTO "Household" ("communityId", "path", "createdAt", "updatedAt") VALUES (?, ?, ?, ?) ON CONFLICT ("communityId", "path") DO NOTHING`,
      communityId,
      path,
      at,
      at,
    )
    return this.sql.get<{ id: number }>(
      `SELECT "id" FROM "Household" WHERE "communityId" = ? AND "path" = ?`,
      communityId,
      path,
    )!.id
  }

  async setMember(personId: number, householdId: number, confirmed: boolean, at: Date): Promise<void> {
    this.sql.run(
      `INSERT INTO "HouseholdMember" ("personId", "householdId", "confirmed", "at") VALUES (?, ?, ?, ?) ON CONFLICT ("personId") DO UPDATE SET "householdId" = excluded."householdId", "confirmed" = excluded."confirmed", "at" = excluded."at"`,
      personId,
      householdId,
      confirmed,
      at,
    )
  }

  async confirmMembers(personIds: number[]): Promise<number[]> {
    const confirmed: number[] = []
    for (const id of personIds)
      if (
        this.sql.run(
          `UPDATE "HouseholdMember" SET "confirmed" = ? WHERE "personId" = ? AND "confirmed" = ?`,
          true,
          id,
          false,
        )
      )
        confirmed.push(id)
    return confirmed
  }

  async setNeeds(householdId: number, needs: Need[], notes: string, at: Date): Promise<void> {
    this.sql.run(
      `UPDATE "Household" SET "needs" = ?, "notes" = ?, "updatedAt" = ? WHERE "id" = ?`,
      toJson(needs),
      notes,
      at,
      householdId,
    )
  }

  async addRoster(householdId: number, names: string[], at: Date): Promise<void> {
    const h = this.sql.get<{ roster: string }>(`SELECT "roster" FROM "Household" WHERE "id" = ?`, householdId)
    if (!h) throw new Error(`no household ${householdId}`)
    const roster = [...new Set([...fromJson<string[]>(h.roster, []), ...names])]
    this.sql.run(`UPDATE "Household" SET "roster" = ?, "updatedAt" = ? WHERE "id" = ?`, toJson(roster), at, householdId)
  }

  async createConsultation(communityId: number, c: NewConsultation): Promise<ConsultationRow> {
    const created = this.sql.get<Raw<Consultation>>(
      `INSERT INTO "Consultation" ("communityId", "number", "kind", "title", "detail", "options", "places", "unit", "threshold", "total", "deadline", "caseId", "createdBy", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      communityId,
      this.nextNumber('Consultation', communityId),
      c.kind,
      c.title,
      c.detail,
      toJson(c.options),
      toJson(c.places),
      c.unit,
      c.threshold ? toJson(c.threshold) : null,
      c.total,
      c.deadline,
      c.caseId,
      c.createdBy,
      c.createdAt,
    )!
    return consultationOf(created)
  }

  async closeConsultation(id: number, at: Date, result: Tally): Promise<boolean> {
    return (
      this.sql.run(
        `UPDATE "Consultation" SET "status" = 'closed', "closedAt" = ?, "result" = ? WHERE "id" = ? AND "status" = 'open'`,
        at,
        toJson(result),
        id,
      ) === 1
    )
  }

  async castVote(
    consultationId: number,
    v: { voter: string; householdId: number | null; personId: number; option: number },
    at: Date,
  ): Promise<'new' | 'changed' | 'same' | 'closed'> {
    // Read with the write: an answer that arrives as the result is being counted is either in it or refused.
    if (!this.sql.get(`SELECT 1 FROM "Consultation" WHERE "id" = ? AND "status" = 'open'`, consultationId))
      return 'closed'
    const had = this.sql.get<{ option: number }>(
      `SELECT "option" FROM "Vote" WHERE "consultationId" = ? AND "voter" = ?`,
      consultationId,
      v.voter,
    )
    if (!had) {
      this.sql.run(
        `INSERT INTO "Vote" ("consultationId", "voter", "householdId", "personId", "option", "firstAt", "at") VALUES (?, ?, ?, ?, ?, ?, ?)`,
        consultationId,
        v.voter,
        v.householdId,
        v.personId,
        v.option,
        at,
        at,
      )
      return 'new'
    }
    if (had.option === v.option) return 'same'
    this.sql.run(
      `UPDATE "Vote" SET "option" = ?, "personId" = ?, "householdId" = ?, "at" = ?, "changes" = "changes" + 1 WHERE "consultationId" = ? AND "voter" = ?`,
      v.option,
      v.personId,
      v.householdId,
      at,
      consultationId,
      v.voter,
    )
    return 'changed'
  }

  async voteCounts(consultationId: number, options: number): Promise<{ counts: number[]; pending: number }> {
    // Answers of people whose household is not confirmed yet ('u:' voters) wait apart.
    const rows = this.sql.all<{ option: number; n: number }>(
      `SELECT "option", count(*) AS "n" FROM "Vote" WHERE "consultationId" = ? AND "voter" NOT LIKE 'u:%' GROUP BY "option"`,
      consultationId,
    )
    const counts = Array.from({ length: options }, () => 0)
    for (const r of rows) if (r.option >= 0 && r.option < options) counts[r.option] = r.n
    const pending = this.sql.get<{ n: number }>(
      `SELECT count(*) AS "n" FROM "Vote" WHERE "consultationId" = ? AND "voter" LIKE 'u:%'`,
      consultationId,
    )!.n
    return { counts, pending }
  }

  async adoptPendingVotes(personId: number, householdId: number): Promise<void> {
    const pending = this.sql.all<Raw<Vote>>(
      `SELECT v.* FROM "Vote" v JOIN "Consultation" c ON c."id" = v."consultationId" WHERE v."voter" = ? AND c."status" = 'open' ORDER BY v."id"`,
      `u:${personId}`,
    )
    const voter = `h:${householdId}`
    for (const p of pending) {
      const had = this.sql.get<{ option: number; at: string }>(
        `SELECT "option", "at" FROM "Vote" WHERE "consultationId" = ? AND "voter" = ?`,
        p.consultationId,
        voter,
      )
      if (!had)
        this.sql.run(
          `INSERT INTO "Vote" ("consultationId", "voter", "householdId", "personId", "option", "firstAt", "at", "changes") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          p.consultationId,
          voter,
          householdId,
          p.personId,
          p.option,
          dateOf(p.firstAt),
          dateOf(p.at),
          p.changes,
        )
      else if (dateOf(had.at) < dateOf(p.at))
        this.sql.run(
          `UPDATE "Vote" SET "option" = ?, "personId" = ?, "at" = ?, "changes" = "changes" + ? WHERE "consultationId" = ? AND "voter" = ?`,
          p.option,
          personId,
          dateOf(p.at),
          had.option === p.option ? 0 : 1,
          p.consultationId,
          voter,
        )
      this.sql.run(`DELETE FROM "Vote" WHERE "id" = ?`, p.id)
    }
  }

  async markProgress(consultationId: number, at: Date, votes: number): Promise<void> {
    this.sql.run(
      `UPDATE "Consultation" SET "progressAt" = ?, "progressVotes" = ? WHERE "id" = ?`,
      at,
      votes,
      consultationId,
    )
  }

  async createNotice(communityId: number, n: NewNotice): Promise<NoticeRow> {
    const created = this.sql.get<Raw<Notice>>(
      `INSERT INTO "Notice" ("communityId", "number", "label", "title", "body", "groups", "places", "pinned", "createdBy", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      communityId,
      this.nextNumber('Notice', communityId),
      n.label,
      n.title,
      n.body,
      toJson(n.groups),
      toJson(n.places),
      n.pinned,
      n.createdBy,
      n.createdAt,
    )!
    return noticeRow({ ...created, pinned: created.pinned !== 0, createdAt: dateOf(created.createdAt), updates: [] })
  }

  async addNoticeUpdate(noticeId: number, u: NoticeUpdateRow): Promise<void> {
    this.sql.run(
      `INSERT INTO "NoticeUpdate" ("noticeId", "kind", "text", "amount", "by", "at") VALUES (?, ?, ?, ?, ?, ?)`,
      noticeId,
      u.kind,
      u.text,
      u.amount,
      u.by,
      u.at,
    )
  }

  async fundAmounts(noticeId: number): Promise<number[]> {
    return this.sql.column<number>(
      `SELECT "amount" FROM "NoticeUpdate" WHERE "noticeId" = ? AND "amount" IS NOT NULL ORDER BY "id"`,
      noticeId,
    )
  }
}
