// The app's Tx port (src/app/ports.ts) on the store's own statements (sql.ts), inside one transaction
// (PrismaStore.transaction). A ring's writes are here, so each is one prepared statement, run at once.
// A new write: one method, its SQL in the dialect SQLite and PostgreSQL share (see sql.ts), and — if it
// changes who is who — `directoryChanged` in the same transaction.
import type { MessageKey, Platform } from '../chat/types.js'
import type { CaseState, Status } from '../domain/case.js'
import type { GroupRole, Role } from '../domain/roles.js'
import type {
  BindCodeRow,
  CaseRow,
  ChatRef,
  HazardWords,
  HazardWordsRow,
  HeldRing,
  HeldRow,
  IdentityRow,
  JobInsert,
  NewCase,
  OutboxInsert,
  RecentRing,
  Tx,
} from '../app/ports.js'
import type { BindCode, Case, HeldRing as HeldRecord } from '../generated/prisma/client.js'
import { buildingOf } from '../domain/places.js'
import { toJson } from './json.js'
import { insertJobs, cancelPending } from './job-store.js'
import { SqlConsultTx } from './consult-tx.js'
import { caseOf, heldOf, RESIDENT, type Raw } from './rows.js'
import { dateOf, type Sql, type Value } from './sql.js'

/** Due "at once": the relay runs on the wall clock even when the app runs on a simulated one. */
const AT_ONCE = new Date(0)

/** How long from the ring to a moment, in whole milliseconds (the figures' durations: claimMs, resolveMs, arriveMs). */
const msSince = (from: Date, at: Date | null): number | null => (at ? at.getTime() - from.getTime() : null)

export class SqlTx implements Tx {
  /** households, consultations and notices (issue 14), on the same statements and transaction */
  readonly consult: SqlConsultTx

  constructor(
    private readonly sql: Sql,
    /** a case's state changed (claimed, released, closed …): what the store keeps about cases is stale */
    private readonly caseChanged: () => void = () => undefined,
  ) {
    this.consult = new SqlConsultTx(sql)
  }

  /**
   * Who is who changed: every process holding this community's directory reads it again — its groups
   * too after a binding (`groups`); after a change to a person, only the people stamped since its read.
   */
  private directoryChanged(where: { communityId: number; groups: true } | { personId: number }): void {
    if ('communityId' in where) {
      this.sql.run(
        `UPDATE "Community" SET "directoryVersion" = "directoryVersion" + 1, "groupsVersion" = "groupsVersion" + 1 WHERE "id" = ?`,
        where.communityId,
      )
      return
    }
    const bumped = this.sql.get<{ directoryVersion: number }>(
      `UPDATE "Community" SET "directoryVersion" = "directoryVersion" + 1 WHERE "id" = (SELECT "communityId" FROM "Person" WHERE "id" = ?) RETURNING "directoryVersion"`,
      where.personId,
    )
    if (bumped)
      this.sql.run(`UPDATE "Person" SET "directoryVersion" = ? WHERE "id" = ?`, bumped.directoryVersion, where.personId)
  }

  async recordInbound(key: MessageKey, at: Date): Promise<boolean> {
    // The insert is part of the transaction: if handling fails the key is rolled back and a redelivery retries.
    const changed = this.sql.run(
      `INSERT INTO "InboundMessage" ("platform", "chatId", "messageId", "receivedAt") VALUES (?, ?, ?, ?) ON CONFLICT ("platform", "chatId", "messageId") DO NOTHING`,
      key.platform,
      key.conversationId,
      key.messageId,
      at,
    )
    return changed === 1
  }

  async createCase(communityId: number, data: NewCase): Promise<CaseRow> {
    // Bumping the counter in the same transaction means a number is never handed out twice or reused.
    const bumped = this.sql.get<{ nextCaseNo: number }>(
      `UPDATE "Community" SET "nextCaseNo" = "nextCaseNo" + 1 WHERE "id" = ? RETURNING "nextCaseNo"`,
      communityId,
    )
    if (!bumped) throw new Error(`no community ${communityId}`)
    // Open and accepted at once, unless triage holds it as 'new' for staff to accept (issue 13).
    const status = data.status ?? 'open'
    const acceptedAt = data.acceptedAt !== undefined ? data.acceptedAt : status === 'open' ? data.createdAt : null
    const id = this.sql.insert(
      `INSERT INTO "Case" ("communityId", "number", "text", "category", "place", "building", "contact", "reporterId", "originGroupId", "originPlatform", "originChatId", "originMsgId", "originThreadId", "status", "acceptedAt", "urgency", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      communityId,
      bumped.nextCaseNo - 1,
      data.text,
      data.category,
      data.place,
      buildingOf(data.place),
      data.contact,
      data.reporterId,
      data.originGroupId,
      data.originPlatform,
      data.originChatId,
      data.originMsgId,
      data.originThreadId,
      status,
      acceptedAt,
      // an urgent ring's class (issue 11); null for an ordinary one
      data.urgency ?? null,
      data.createdAt,
    )
    // Read back by id (the columns' defaults are the schema's): cheaper than RETURNING * here (sql.ts insert).
    return caseOf(this.sql.get<Raw<Case>>(`SELECT * FROM "Case" WHERE "id" = ?`, id)!)
  }

  async updateCase(c: CaseRow, s: CaseState): Promise<boolean> {
    const changed = this.sql.run(
      `UPDATE "Case" SET "status" = ?, "reporterId" = ?, "claimantId" = ?, "reopenCount" = ?, "supporters" = ?, "escalationRung" = ?, "closeReason" = ?, "satisfied" = ?, "rating" = ?, "claimedAt" = ?, "progressAt" = ?, "resolvedAt" = ?, "closedAt" = ?, "acceptedAt" = ?, "referredTo" = ?, "closedById" = ?, "claimMs" = ?, "resolveMs" = ?, "urgency" = ?, "arrivedAt" = ?, "arriveMs" = ?, "version" = "version" + 1 WHERE "id" = ? AND "version" = ?`,
      s.status,
      s.reporterId,
      s.claimantId,
      s.reopenCount,
      s.supporters,
      s.escalationRung,
      s.closeReason,
      s.satisfied,
      s.rating,
      s.claimedAt,
      s.progressAt,
      s.resolvedAt,
      s.closedAt,
      s.acceptedAt,
      s.referredTo,
      s.closedById,
      msSince(c.createdAt, s.claimedAt),
      msSince(c.createdAt, s.resolvedAt),
      // urgent rings (issue 11): the class (null once downgraded), 到场 and its time from the ring for the figures
      s.urgency,
      s.arrivedAt,
      msSince(c.createdAt, s.arrivedAt),
      c.id,
      c.version,
    )
    this.caseChanged()
    return changed === 1
  }

  async setContact(caseId: number, contact: string): Promise<void> {
    this.sql.run(`UPDATE "Case" SET "contact" = ? WHERE "id" = ?`, contact, caseId)
  }

  async addEvent(
    caseId: number,
    actorId: number | null,
    kind: string,
    payload: Record<string, unknown>,
    at: Date,
  ): Promise<void> {
    this.sql.run(
      `INSERT INTO "CaseEvent" ("caseId", "actorId", "kind", "payload", "at") VALUES (?, ?, ?, ?, ?)`,
      caseId,
      actorId,
      kind,
      toJson(payload),
      at,
    )
  }

  async addAttachments(caseId: number, platform: Platform, items: { kind: string; ref: string }[]): Promise<void> {
    for (const i of items)
      this.sql.run(
        `INSERT INTO "Attachment" ("caseId", "platform", "kind", "ref") VALUES (?, ?, ?, ?)`,
        caseId,
        platform,
        i.kind,
        i.ref,
      )
  }

  async enqueue(rows: OutboxInsert[], at: Date): Promise<void> {
    // Plain rows go in together, in the order written (the relay sends a chat's rows in id order): those
    // before a row with a file are written before it.
    const plain: Value[][] = []
    const flush = () => {
      this.sql.insertRows(
        `INSERT INTO "Outbox" ("platform", "chatKind", "chatId", "threadId", "content", "replyToMsgId", "caseId", "purpose", "askedIn", "fold", "nextAttemptAt", "createdAt") VALUES`,
        '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        plain.splice(0),
      )
    }
    for (const { file, ...r } of rows) {
      const values = [
        r.platform,
        r.chatKind,
        r.chatId,
        r.threadId,
        toJson(r.content),
        r.replyToMsgId,
        r.caseId,
        r.purpose,
        r.askedIn ? toJson(r.askedIn) : null,
        // the line it becomes when the relay folds it with others for the same chat (issue 12)
        r.fold ? toJson(r.fold) : null,
        AT_ONCE,
        at,
      ]
      if (!file) {
        plain.push(values)
        continue
      }
      flush()
      const row = this.sql.get<{ id: number }>(
        `INSERT INTO "Outbox" ("platform", "chatKind", "chatId", "threadId", "content", "replyToMsgId", "caseId", "purpose", "askedIn", "fold", "nextAttemptAt", "createdAt", "fileName", "fileMime") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
        ...values,
        file.name,
        file.mime,
      )!
      // The bytes apart: the relay's queue reads stay narrow, and load a file only to send it.
      this.sql.run(`INSERT INTO "OutboxFile" ("outboxId", "data") VALUES (?, ?)`, row.id, file.data)
    }
    flush()
  }

  async schedule(jobs: JobInsert[], at: Date): Promise<void> {
    insertJobs(this.sql, jobs, at)
  }

  async cancelJobs(keyPrefix: string): Promise<void> {
    cancelPending(this.sql, keyPrefix)
  }

  async ensurePerson(communityId: number, identity: IdentityRow, roles: Role[] = ['resident']): Promise<number> {
    const known = this.sql.get<{ personId: number }>(
      `SELECT "personId" FROM "Identity" WHERE "platform" = ? AND "userId" = ?`,
      identity.platform,
      identity.userId,
    )
    if (known) return known.personId
    // A new face: a resident. Never attach by display name — anyone can call themselves 徐书记; only the
    // config file or a one-time code links an account to a known person. A name clash gets a suffix: the
    // account's last four digits where it has an id of its own, else (a WeChat name is its id) a number.
    const free = (name: string) =>
      !this.sql.get(`SELECT 1 FROM "Person" WHERE "communityId" = ? AND "name" = ?`, communityId, name)
    let name = identity.name
    if (!free(name)) {
      const tail = identity.byName ? undefined : `${identity.name}·${identity.userId.slice(-4)}`
      name = tail && free(tail) ? tail : `${identity.name}·2`
      for (let n = 3; !free(name); n++) name = `${identity.name}·${n}`
    }
    const person = this.sql.get<{ id: number }>(
      `INSERT INTO "Person" ("communityId", "name", "roles", "autoRegistered", "lastPlatform") VALUES (?, ?, ?, ?, ?) RETURNING "id"`,
      communityId,
      name,
      toJson(roles),
      true,
      identity.platform,
    )!
    this.sql.run(
      `INSERT INTO "Identity" ("personId", "platform", "userId", "name", "byName") VALUES (?, ?, ?, ?, ?)`,
      person.id,
      identity.platform,
      identity.userId,
      identity.name,
      identity.byName ?? false,
    )
    if (toJson(roles) !== RESIDENT) this.directoryChanged({ personId: person.id })
    return person.id
  }

  async bindChat(
    communityId: number,
    chat: ChatRef & { title?: string },
    group: { name: string; role: GroupRole; places: string[] },
  ): Promise<void> {
    const g = this.sql.get<{ id: number }>(
      `INSERT INTO "Group" ("communityId", "name", "role", "places") VALUES (?, ?, ?, ?) ON CONFLICT ("communityId", "name") DO UPDATE SET "role" = excluded."role", "places" = excluded."places" RETURNING "id"`,
      communityId,
      group.name,
      group.role,
      toJson(group.places),
    )!
    // No title given: the one the chat had stays.
    this.sql.run(
      `INSERT INTO "GroupChat" ("groupId", "platform", "chatId", "title") VALUES (?, ?, ?, ?) ON CONFLICT ("platform", "chatId") DO UPDATE SET "groupId" = excluded."groupId", "title" = COALESCE(excluded."title", "GroupChat"."title")`,
      g.id,
      chat.platform,
      chat.chatId,
      chat.title,
    )
    this.directoryChanged({ communityId, groups: true })
  }

  async setManualDuty(personId: number, on: Date | null, off: Date | null): Promise<void> {
    const changed = this.sql.run(
      `UPDATE "Volunteer" SET "manualOnUntil" = ?, "manualOffUntil" = ? WHERE "personId" = ?`,
      on,
      off,
      personId,
    )
    if (!changed) throw new Error(`person ${personId} has no volunteer record`)
    this.directoryChanged({ personId })
  }

  async setLastPlatform(personId: number, platform: Platform): Promise<void> {
    const p = this.sql.get<{ roles: string }>(
      `UPDATE "Person" SET "lastPlatform" = ? WHERE "id" = ? RETURNING "roles"`,
      platform,
      personId,
    )
    if (!p) throw new Error(`no person ${personId}`)
    // Only members are held in the directory; a resident's row is read with each message anyway.
    if (p.roles !== RESIDENT) this.directoryChanged({ personId })
  }

  async addShift(personId: number, spec: string): Promise<void> {
    this.sql.run(`INSERT INTO "Volunteer" ("personId") VALUES (?) ON CONFLICT ("personId") DO NOTHING`, personId)
    this.sql.run(`INSERT INTO "Shift" ("volunteerId", "spec") VALUES (?, ?)`, personId, spec)
    this.directoryChanged({ personId })
  }

  async removeShift(shiftId: number): Promise<void> {
    const shift = this.sql.get<{ volunteerId: number }>(`SELECT "volunteerId" FROM "Shift" WHERE "id" = ?`, shiftId)
    if (!shift) return
    this.sql.run(`DELETE FROM "Shift" WHERE "id" = ?`, shiftId)
    this.directoryChanged({ personId: shift.volunteerId })
  }

  async prune(before: Date): Promise<void> {
    this.sql.run(`DELETE FROM "InboundMessage" WHERE "receivedAt" < ?`, before)
    this.sql.run(`DELETE FROM "Job" WHERE "doneAt" < ?`, before)
    this.sql.run(`DELETE FROM "HazardWords" WHERE "at" < ?`, before)
  }

  // A person's recent rings, on the (reporterId, createdAt) index. `+` keeps the planner off (communityId,
  // createdAt), which it prefers without statistics: that walks every case the community had in the window,
  // 0.1–0.2 ms a ring when a building rings together, where the person's own few are microseconds.
  async countRungBy(communityId: number, reporterId: number, since: Date): Promise<number> {
    return this.sql.get<{ n: number }>(
      `SELECT count(*) AS "n" FROM "Case" WHERE +"communityId" = ? AND "reporterId" = ? AND "createdAt" > ?`,
      communityId,
      reporterId,
      since,
    )!.n
  }

  async handlingRungBy(communityId: number, reporterId: number, since: Date, limit: number): Promise<RecentRing[]> {
    // The columns a repeat is judged by: a whole Case row costs three times as much to read, on every ring.
    return this.sql
      .all<Pick<Raw<Case>, 'id' | 'number' | 'text' | 'category' | 'place' | 'status' | 'createdAt'>>(
        `SELECT "id", "number", "text", "category", "place", "status", "createdAt" FROM "Case" WHERE +"communityId" = ? AND "reporterId" = ? AND "createdAt" >= ? AND "status" IN ('new', 'open', 'claimed', 'referred') ORDER BY "createdAt" DESC LIMIT ?`,
        communityId,
        reporterId,
        since,
        limit,
      )
      .map((c) => ({ ...c, status: c.status as Status, createdAt: dateOf(c.createdAt) }))
  }

  async heldRings(personId: number): Promise<HeldRow[]> {
    return this.sql
      .all<Raw<HeldRecord>>(
        `SELECT * FROM "HeldRing" WHERE "personId" = ? AND "caseId" IS NULL ORDER BY "id"`,
        personId,
      )
      .map(heldOf)
  }

  async holdRing(r: HeldRing): Promise<void> {
    this.sql.run(
      `INSERT INTO "HeldRing" ("communityId", "personId", "groupId", "platform", "chatId", "msgId", "threadId", "text", "category", "place", "contact", "attachments", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.communityId,
      r.personId,
      r.groupId,
      r.platform,
      r.chatId,
      r.msgId,
      r.threadId,
      r.text,
      r.category,
      r.place,
      r.contact,
      toJson(r.attachments),
      r.at,
    )
  }

  async releaseHeld(ids: number[], caseId: number): Promise<void> {
    for (const id of ids)
      this.sql.run(`UPDATE "HeldRing" SET "caseId" = ? WHERE "id" = ? AND "caseId" IS NULL`, caseId, id)
  }

  async keepHazardWords(w: HazardWords, keepSince: Date): Promise<void> {
    // Words past the window are of no use to anyone: the table holds the last few minutes' only.
    this.sql.run(`DELETE FROM "HazardWords" WHERE "at" < ?`, keepSince)
    this.sql.run(
      `INSERT INTO "HazardWords" ("personId", "platform", "chatId", "text", "at") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("personId", "platform", "chatId") DO UPDATE SET "text" = excluded."text", "at" = excluded."at"`,
      w.personId,
      w.platform,
      w.chatId,
      w.text,
      w.at,
    )
  }

  async useHazardWords(w: HazardWordsRow): Promise<boolean> {
    // The words as they were read: replaced since (newer words, same row) they are not the ones rung.
    return this.sql.run(`DELETE FROM "HazardWords" WHERE "id" = ? AND "at" = ?`, w.id, w.at) === 1
  }

  async countMarks(key: string, since: Date): Promise<number> {
    return this.sql.get<{ n: number }>(`SELECT count(*) AS "n" FROM "Mark" WHERE "key" = ? AND "at" > ?`, key, since)!.n
  }

  async addMark(key: string, at: Date, keepSince: Date): Promise<void> {
    this.sql.run(`DELETE FROM "Mark" WHERE "key" = ? AND "at" <= ?`, key, keepSince)
    this.sql.run(`INSERT INTO "Mark" ("key", "at") VALUES (?, ?)`, key, at)
  }

  async issueBindCode(code: string, row: BindCodeRow, at: Date): Promise<void> {
    // Expired codes go whenever a new one is made: the table stays as small as the codes in use.
    this.sql.run(`DELETE FROM "BindCode" WHERE "expiresAt" <= ?`, at)
    this.sql.run(
      `INSERT INTO "BindCode" ("code", "personId", "issuedBy", "expiresAt", "createdAt") VALUES (?, ?, ?, ?, ?)`,
      code,
      row.personId,
      row.issuedBy,
      row.expiresAt,
      at,
    )
  }

  async takeBindCode(code: string, now: Date): Promise<BindCodeRow | undefined> {
    const row = this.sql.get<Raw<BindCode>>(`SELECT * FROM "BindCode" WHERE "code" = ?`, code)
    if (!row) return undefined
    this.sql.run(`DELETE FROM "BindCode" WHERE "code" = ?`, code)
    const expiresAt = dateOf(row.expiresAt)
    return expiresAt > now ? { personId: row.personId, issuedBy: row.issuedBy, expiresAt } : undefined
  }

  async linkIdentity(personId: number, identity: IdentityRow): Promise<void> {
    const byName = identity.byName ?? false
    const person = this.sql.get<{ roles: string }>(`SELECT "roles" FROM "Person" WHERE "id" = ?`, personId)
    if (!person) throw new Error(`no person ${personId}`)
    // The account may have been someone else's: they lose it.
    const before = this.sql.get<{ personId: number; roles: string }>(
      `SELECT i."personId", p."roles" FROM "Identity" i JOIN "Person" p ON p."id" = i."personId" WHERE i."platform" = ? AND i."userId" = ?`,
      identity.platform,
      identity.userId,
    )
    // One permanent account per person and platform: binding a new phone retires the old account.
    if (!byName)
      this.sql.run(
        `DELETE FROM "Identity" WHERE "personId" = ? AND "platform" = ? AND "byName" = ? AND "userId" <> ?`,
        personId,
        identity.platform,
        false,
        identity.userId,
      )
    this.sql.run(
      `INSERT INTO "Identity" ("personId", "platform", "userId", "name", "byName") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("platform", "userId") DO UPDATE SET "personId" = excluded."personId", "name" = excluded."name", "byName" = excluded."byName"`,
      personId,
      identity.platform,
      identity.userId,
      identity.name,
      byName,
    )
    // A member's accounts are held in every process's directory (where their messages and mentions go).
    if (person.roles !== RESIDENT) this.directoryChanged({ personId })
    if (before && before.personId !== personId && before.roles !== RESIDENT)
      this.directoryChanged({ personId: before.personId })
  }
}
