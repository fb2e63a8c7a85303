// The Prisma implementation of the app's Store port (src/app/ports.ts).
import type { MessageKey, Platform } from '../chat/types.js'
import type { CaseState, CloseReason, Status } from '../domain/case.js'
import type { GroupRole, Role } from '../domain/roles.js'
import { withDefaults, type CommunitySettings } from '../domain/settings.js'
import { statuses as allStatuses, unfinished } from '../domain/case.js'
import { buildingOf } from '../domain/places.js'
import type {
  PersonRow,
  BindCodeRow,
  CaseFilter,
  CaseRow,
  ChatRef,
  Directory,
  ExportCase,
  FigureScope,
  FigureSplit,
  TimelineEntry,
  HeldRing,
  HeldRow,
  IdentityRow,
  JobInsert,
  NewCase,
  OutboxInsert,
  Store,
  Tx,
} from '../app/ports.js'
import { Conflict } from '../app/ports.js'
import { Prisma, type Case, type HeldRing as HeldRecord } from '../generated/prisma/client.js'
import { serially, transaction, type Db } from './db.js'
import { fromJson, sqlDate, toJson } from './json.js'
import { cancelPending, insertJobs } from './job-store.js'
import { PrismaConsultReads, PrismaConsultTx } from './consult-store.js'
import { figureRows } from './figures.js'

type TxClient = Prisma.TransactionClient

const caseRow = (c: Case): CaseRow => ({
  ...c,
  status: c.status as Status,
  closeReason: c.closeReason as CloseReason | null,
})

/** How long from the ring to a moment, in whole milliseconds (the figures' durations). */
const msSince = (from: Date, at: Date | null): number | null => (at ? at.getTime() - from.getTime() : null)

const stateFields = (s: CaseState, createdAt: Date) => ({
  claimMs: msSince(createdAt, s.claimedAt),
  resolveMs: msSince(createdAt, s.resolvedAt),
  // urgent rings (issue 11): written where claimMs is, so the hot path carries them together
  arriveMs: msSince(createdAt, s.arrivedAt),
  urgency: s.urgency,
  arrivedAt: s.arrivedAt,
  status: s.status,
  reporterId: s.reporterId,
  claimantId: s.claimantId,
  reopenCount: s.reopenCount,
  supporters: s.supporters,
  escalationRung: s.escalationRung,
  closeReason: s.closeReason,
  satisfied: s.satisfied,
  rating: s.rating,
  claimedAt: s.claimedAt,
  progressAt: s.progressAt,
  resolvedAt: s.resolvedAt,
  closedAt: s.closedAt,
  acceptedAt: s.acceptedAt,
  referredTo: s.referredTo,
  closedById: s.closedById,
})

/** The roles column of a plain resident (the default): such people are not in the directory. */
const RESIDENT = toJson(['resident'])

// Permanent accounts first: a message or a mention goes to the account a name cannot take.
const personInclude = {
  identities: { orderBy: [{ byName: 'asc' as const }, { id: 'asc' as const }] },
  volunteer: { include: { shifts: true } },
} satisfies Prisma.PersonInclude
type PersonWithAll = Prisma.PersonGetPayload<{ include: typeof personInclude }>

const personRow = (p: PersonWithAll): PersonRow => ({
  id: p.id,
  name: p.name,
  roles: fromJson<Role[]>(p.roles, ['resident']),
  locale: p.locale === 'en' || p.locale === 'zh-CN' ? p.locale : null,
  lastPlatform: p.lastPlatform,
  identities: p.identities.map((i) => ({
    platform: i.platform,
    userId: i.userId,
    name: i.name,
    ...(i.byName ? { byName: true } : {}),
  })),
  volunteer: p.volunteer && {
    skills: fromJson(p.volunteer.skills, []),
    places: fromJson(p.volunteer.places, []),
    maxOpen: p.volunteer.maxOpen,
    manualOnUntil: p.volunteer.manualOnUntil,
    manualOffUntil: p.volunteer.manualOffUntil,
    shifts: p.volunteer.shifts.map((s) => ({ id: s.id, spec: s.spec })),
  },
})

const heldRow = (h: HeldRecord): HeldRow => ({
  ...h,
  attachments: fromJson<{ kind: string; ref: string }[]>(h.attachments, []),
})

const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002'

class PrismaTx implements Tx {
  readonly consult: PrismaConsultTx

  constructor(private readonly db: TxClient) {
    this.consult = new PrismaConsultTx(db)
  }

  /** Who is who changed: every process holding this community's directory reads it again. */
  private async directoryChanged(where: { communityId: number } | { personId: number }): Promise<void> {
    if ('communityId' in where)
      await this.db
        .$executeRaw`UPDATE "Community" SET "directoryVersion" = "directoryVersion" + 1 WHERE "id" = ${where.communityId}`
    else
      await this.db
        .$executeRaw`UPDATE "Community" SET "directoryVersion" = "directoryVersion" + 1 WHERE "id" = (SELECT "communityId" FROM "Person" WHERE "id" = ${where.personId})`
  }

  async recordInbound(key: MessageKey, at: Date): Promise<boolean> {
    // The insert is part of the transaction: if handling fails the key is rolled back and a redelivery retries.
    const r = await this.db
      .$executeRaw`INSERT OR IGNORE INTO "InboundMessage" ("platform", "chatId", "messageId", "receivedAt") VALUES (${key.platform}, ${key.conversationId}, ${key.messageId}, ${sqlDate(at)})`
    return r === 1
  }

  async createCase(communityId: number, data: NewCase): Promise<CaseRow> {
    // Bumping the counter in the same transaction means a number is never handed out twice or reused.
    const { nextCaseNo } = await this.db.community.update({
      where: { id: communityId },
      data: { nextCaseNo: { increment: 1 } },
      select: { nextCaseNo: true },
    })
    const { status = 'open', acceptedAt = status === 'open' ? data.createdAt : null, ...rest } = data
    const created = await this.db.case.create({
      data: {
        ...rest,
        communityId,
        number: nextCaseNo - 1,
        status,
        acceptedAt,
        building: buildingOf(data.place),
      },
    })
    return caseRow(created)
  }

  async setContact(caseId: number, contact: string): Promise<void> {
    await this.db.case.update({ where: { id: caseId }, data: { contact } })
  }

  async updateCase(c: CaseRow, next: CaseState): Promise<boolean> {
    const r = await this.db.case.updateMany({
      where: { id: c.id, version: c.version },
      data: { ...stateFields(next, c.createdAt), version: { increment: 1 } },
    })
    return r.count === 1
  }

  async addEvent(
    caseId: number,
    actorId: number | null,
    kind: string,
    payload: Record<string, unknown>,
    at: Date,
  ): Promise<void> {
    await this.db.caseEvent.create({ data: { caseId, actorId, kind, payload: toJson(payload), at } })
  }

  async addAttachments(caseId: number, platform: Platform, items: { kind: string; ref: string }[]): Promise<void> {
    if (items.length) await this.db.attachment.createMany({ data: items.map((i) => ({ caseId, platform, ...i })) })
  }

  async enqueue(rows: OutboxInsert[], at: Date): Promise<void> {
    // Due "at once" is the epoch: the relay runs on the wall clock even when the app runs on a simulated one.
    // One create per row: Prisma's createMany measured ~6 ms a row here against ~1.5 ms for create.
    for (const { file, ...r } of rows) {
      const row = await this.db.outbox.create({
        data: {
          ...r,
          content: toJson(r.content),
          askedIn: r.askedIn ? toJson(r.askedIn) : null,
          createdAt: at,
          nextAttemptAt: new Date(0),
          ...(file ? { fileName: file.name, fileMime: file.mime } : {}),
        },
        select: { id: true },
      })
      // The bytes apart: the relay's queue reads stay narrow, and load a file only to send it.
      if (file) await this.db.outboxFile.create({ data: { outboxId: row.id, data: Buffer.from(file.data) } })
    }
  }

  async schedule(jobs: JobInsert[], at: Date): Promise<void> {
    await insertJobs(this.db, jobs, at)
  }

  async cancelJobs(keyPrefix: string): Promise<void> {
    await cancelPending(this.db, keyPrefix)
  }

  async ensurePerson(communityId: number, identity: IdentityRow, roles: Role[] = ['resident']): Promise<number> {
    const known = await this.db.identity.findUnique({
      where: { platform_userId: { platform: identity.platform, userId: identity.userId } },
    })
    if (known) return known.personId
    // A new face: a resident. Never attach by display name — anyone can call themselves 徐书记; only the
    // config file or a one-time code links an account to a known person. A name clash gets a suffix.
    const taken = await this.db.person.count({ where: { communityId, name: identity.name } })
    const name = taken ? `${identity.name}·${identity.userId.slice(-4)}` : identity.name
    const person = await this.db.person.create({
      data: { communityId, name, roles: toJson(roles), autoRegistered: true, lastPlatform: identity.platform },
    })
    await this.db.identity.create({ data: { personId: person.id, ...identity } })
    if (toJson(roles) !== RESIDENT) await this.directoryChanged({ communityId })
    return person.id
  }

  async bindChat(
    communityId: number,
    chat: ChatRef & { title?: string },
    group: { name: string; role: GroupRole; places: string[] },
  ): Promise<void> {
    const g = await this.db.group.upsert({
      where: { communityId_name: { communityId, name: group.name } },
      create: { communityId, name: group.name, role: group.role, places: toJson(group.places) },
      update: { role: group.role, places: toJson(group.places) },
    })
    await this.db.groupChat.upsert({
      where: { platform_chatId: { platform: chat.platform, chatId: chat.chatId } },
      create: { groupId: g.id, platform: chat.platform, chatId: chat.chatId, title: chat.title },
      update: { groupId: g.id, title: chat.title },
    })
    await this.directoryChanged({ communityId })
  }

  async setManualDuty(personId: number, on: Date | null, off: Date | null): Promise<void> {
    await this.db.volunteer.update({ where: { personId }, data: { manualOnUntil: on, manualOffUntil: off } })
    await this.directoryChanged({ personId })
  }

  async setLastPlatform(personId: number, platform: Platform): Promise<void> {
    const p = await this.db.person.update({ where: { id: personId }, data: { lastPlatform: platform } })
    // Only members are held in the directory; a resident's row is read with each message anyway.
    if (p.roles !== RESIDENT) await this.directoryChanged({ personId })
  }

  async addShift(personId: number, spec: string): Promise<void> {
    await this.db.volunteer.upsert({ where: { personId }, create: { personId }, update: {} })
    await this.db.shift.create({ data: { volunteerId: personId, spec } })
    await this.directoryChanged({ personId })
  }

  async removeShift(shiftId: number): Promise<void> {
    const shift = await this.db.shift.findUnique({ where: { id: shiftId }, select: { volunteerId: true } })
    if (!shift) return
    await this.db.shift.delete({ where: { id: shiftId } })
    await this.directoryChanged({ personId: shift.volunteerId })
  }

  async prune(before: Date): Promise<void> {
    await this.db.inboundMessage.deleteMany({ where: { receivedAt: { lt: before } } })
    await this.db.job.deleteMany({ where: { doneAt: { lt: before } } })
  }

  async countRungBy(communityId: number, reporterId: number, since: Date): Promise<number> {
    return this.db.case.count({ where: { communityId, reporterId, createdAt: { gt: since } } })
  }

  async handlingRungBy(communityId: number, reporterId: number, since: Date, limit: number): Promise<CaseRow[]> {
    const rows = await this.db.case.findMany({
      where: {
        communityId,
        reporterId,
        createdAt: { gte: since },
        status: { in: ['new', 'open', 'claimed', 'referred'] },
      },
      orderBy: { createdAt: 'desc' },
      take: limit,
    })
    return rows.map(caseRow)
  }

  async heldRings(personId: number): Promise<HeldRow[]> {
    const rows = await this.db.heldRing.findMany({ where: { personId, caseId: null }, orderBy: { id: 'asc' } })
    return rows.map(heldRow)
  }

  async holdRing(ring: HeldRing): Promise<void> {
    await this.db.heldRing.create({ data: { ...ring, attachments: toJson(ring.attachments) } })
  }

  async releaseHeld(ids: number[], caseId: number): Promise<void> {
    await this.db.heldRing.updateMany({ where: { id: { in: ids }, caseId: null }, data: { caseId } })
  }

  async countMarks(key: string, since: Date): Promise<number> {
    return this.db.mark.count({ where: { key, at: { gt: since } } })
  }

  async addMark(key: string, at: Date, keepSince: Date): Promise<void> {
    await this.db.mark.deleteMany({ where: { key, at: { lte: keepSince } } })
    await this.db.mark.create({ data: { key, at } })
  }

  async issueBindCode(code: string, row: BindCodeRow, at: Date): Promise<void> {
    // Expired codes go whenever a new one is made: the table stays as small as the codes in use.
    await this.db.bindCode.deleteMany({ where: { expiresAt: { lte: at } } })
    await this.db.bindCode.create({ data: { code, ...row, createdAt: at } })
  }

  async takeBindCode(code: string, now: Date): Promise<BindCodeRow | undefined> {
    const row = await this.db.bindCode.findUnique({ where: { code } })
    if (!row) return undefined
    await this.db.bindCode.delete({ where: { code } })
    return row.expiresAt > now
      ? { personId: row.personId, issuedBy: row.issuedBy, expiresAt: row.expiresAt }
      : undefined
  }

  async linkIdentity(personId: number, identity: IdentityRow): Promise<void> {
    const byName = identity.byName ?? false
    // One permanent account per person and platform: binding a new phone retires the old account.
    if (!byName)
      await this.db.identity.deleteMany({
        where: { personId, platform: identity.platform, byName: false, userId: { not: identity.userId } },
      })
    await this.db.identity.upsert({
      where: { platform_userId: { platform: identity.platform, userId: identity.userId } },
      create: { personId, platform: identity.platform, userId: identity.userId, name: identity.name, byName },
      update: { personId, name: identity.name, byName },
    })
  }
}

export class PrismaStore implements Store {
  readonly consult: PrismaConsultReads

  constructor(readonly db: Db) {
    this.consult = new PrismaConsultReads(db)
  }

  /**
   * Every statement takes the connection's transaction mutex. The SQLite adapter has one connection: a
   * plain query issued while a message's transaction is open would run inside it — reading its
   * uncommitted rows, and undone with it if it rolls back.
   */
  private serially<T>(fn: (q: TxClient) => Promise<T>): Promise<T> {
    return serially(this.db, fn)
  }

  async findChat(chat: ChatRef) {
    return this.serially(async (q) => {
      const c = await q.groupChat.findUnique({
        where: { platform_chatId: { platform: chat.platform, chatId: chat.chatId } },
        select: {
          groupId: true,
          group: { select: { communityId: true, community: { select: { directoryVersion: true } } } },
        },
      })
      return c
        ? { communityId: c.group.communityId, groupId: c.groupId, directoryVersion: c.group.community.directoryVersion }
        : undefined
    })
  }

  async findIdentity(platform: Platform, userId: string) {
    return this.serially(async (q) => {
      const i = await q.identity.findUnique({
        where: { platform_userId: { platform, userId } },
        select: { person: { include: { ...personInclude, community: { select: { directoryVersion: true } } } } },
      })
      return i
        ? {
            communityId: i.person.communityId,
            person: personRow(i.person),
            directoryVersion: i.person.community.directoryVersion,
          }
        : undefined
    })
  }

  async personNamed(communityId: number, name: string) {
    return this.serially(async (q) => {
      const p = await q.person.findUnique({
        where: { communityId_name: { communityId, name } },
        include: personInclude,
      })
      return p ? personRow(p) : undefined
    })
  }

  async people(ids: number[]) {
    if (!ids.length) return []
    return this.serially(async (q) =>
      (await q.person.findMany({ where: { id: { in: ids } }, include: personInclude })).map(personRow),
    )
  }

  async defaultCommunityId() {
    return this.serially(async (q) => {
      return (await q.community.findFirst({ orderBy: { id: 'asc' }, select: { id: true } }))?.id
    })
  }

  async communityIds() {
    return this.serially(async (q) =>
      (await q.community.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id),
    )
  }

  async directory(communityId: number): Promise<Directory> {
    return this.serially(async (q) => {
      const [community, places, groups, people] = await Promise.all([
        q.community.findUniqueOrThrow({ where: { id: communityId } }),
        q.place.findMany({ where: { communityId }, orderBy: { id: 'asc' } }),
        q.group.findMany({ where: { communityId }, include: { chats: true }, orderBy: { id: 'asc' } }),
        // Members only: a plain resident has exactly the default roles.
        q.person.findMany({
          where: { communityId, NOT: { roles: RESIDENT } },
          include: personInclude,
          orderBy: { id: 'asc' },
        }),
      ])
      return {
        community: {
          id: community.id,
          name: community.name,
          timezone: community.timezone,
          locale: community.locale === 'en' ? 'en' : 'zh-CN',
          settings: withDefaults(fromJson<Partial<CommunitySettings>>(community.settings, {})),
        },
        places: places.map((p) => p.path),
        groups: groups.map((g) => ({
          id: g.id,
          name: g.name,
          role: g.role as GroupRole,
          places: fromJson(g.places, []),
          chats: g.chats.map((c) => ({ platform: c.platform, chatId: c.chatId })),
        })),
        people: people.map(personRow),
        version: community.directoryVersion,
      }
    })
  }

  async getCase(communityId: number, number: number) {
    return this.serially(async (q) => {
      const c = await q.case.findUnique({ where: { communityId_number: { communityId, number } } })
      return c ? caseRow(c) : undefined
    })
  }

  async getCaseById(id: number) {
    return this.serially(async (q) => {
      const c = await q.case.findUnique({ where: { id } })
      return c ? caseRow(c) : undefined
    })
  }

  async caseOfSentMessage(platform: Platform, chatId: string, messageId: string) {
    return this.serially(async (q) => {
      // Newest first: a platform may reuse message numbers (the console starts again at 1 each run).
      const o = await q.outbox.findFirst({
        where: { platform, chatId, sentMsgId: messageId, caseId: { not: null } },
        select: { caseId: true },
        orderBy: { id: 'desc' },
      })
      return o?.caseId ?? undefined
    })
  }

  async listCases(communityId: number, f: CaseFilter) {
    return this.serially(async (q) => {
      const rows = await q.case.findMany({
        where: {
          communityId,
          ...(f.statuses ? { status: { in: f.statuses } } : {}),
          ...(f.claimantId !== undefined ? { claimantId: f.claimantId } : {}),
          ...(f.since ? { createdAt: { gte: f.since } } : {}),
          ...(f.reporterId !== undefined ? { reporterId: f.reporterId } : {}),
          ...(f.category !== undefined ? { category: f.category } : {}),
          ...(f.placeUnder !== undefined
            ? { OR: [{ place: f.placeUnder }, { place: { startsWith: `${f.placeUnder}/` } }] }
            : {}),
        },
        orderBy: { number: 'asc' },
      })
      return rows.map(caseRow)
    })
  }

  async latestEvent(caseId: number, kinds: string[]) {
    return this.serially(async (q) => {
      const e = await q.caseEvent.findFirst({ where: { caseId, kind: { in: kinds } }, orderBy: { id: 'desc' } })
      return e
        ? { kind: e.kind, actorId: e.actorId, payload: fromJson<Record<string, unknown>>(e.payload, {}), at: e.at }
        : undefined
    })
  }

  async pageCases(
    communityId: number,
    statuses: Status[],
    page: { offset: number; limit: number; oldestFirst: boolean },
  ) {
    return this.serially(async (q) => {
      // Every status is no filter: the count and the page then read the (communityId, number) index alone.
      const where = statuses.length >= allStatuses.length ? { communityId } : { communityId, status: { in: statuses } }
      const [rows, total] = [
        await q.case.findMany({
          where,
          orderBy: { number: page.oldestFirst ? 'asc' : 'desc' },
          skip: page.offset,
          take: page.limit,
        }),
        await q.case.count({ where }),
      ]
      return { rows: rows.map(caseRow), total }
    })
  }

  async figures(scope: FigureScope, split?: FigureSplit) {
    return this.serially((q) => figureRows(q, scope, split))
  }

  async timeline(caseId: number): Promise<TimelineEntry[]> {
    return this.serially(async (q) => {
      const events = await q.caseEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } })
      const ids = [...new Set(events.flatMap((e) => (e.actorId === null ? [] : [e.actorId])))]
      const names = new Map(
        (await q.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [
          p.id,
          p.name,
        ]),
      )
      return events.map((e) => ({
        at: e.at,
        kind: e.kind,
        actorId: e.actorId,
        actor: e.actorId === null ? null : (names.get(e.actorId) ?? null),
        payload: fromJson<Record<string, unknown>>(e.payload, {}),
      }))
    })
  }

  async exportCases(communityId: number, from?: Date, to?: Date): Promise<ExportCase[]> {
    return this.serially(async (q) => {
      const createdAt = { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) }
      const cases = await q.case.findMany({ where: { communityId, createdAt }, orderBy: { number: 'asc' } })
      if (!cases.length) return []
      // The period's events and the names they need, in two statements (a month of a street office is
      // ~16k cases and ~60k events: an IN list of ids would pass SQLite's parameter limit).
      const period = Prisma.sql`c."communityId" = ${communityId}${from ? Prisma.sql` AND c."createdAt" >= ${sqlDate(from)}` : Prisma.empty}${to ? Prisma.sql` AND c."createdAt" < ${sqlDate(to)}` : Prisma.empty}`
      const events = await q.$queryRaw<
        { caseId: number; actorId: number | null; kind: string; payload: string; at: unknown }[]
      >`
        SELECT e."caseId", e."actorId", e."kind", e."payload", e."at" FROM "CaseEvent" e JOIN "Case" c ON c."id" = e."caseId"
        WHERE ${period} ORDER BY e."id"`
      const named = await q.$queryRaw<{ id: number; name: string }[]>`
        SELECT p."id", p."name" FROM "Person" p WHERE p."id" IN (
          SELECT c."reporterId" FROM "Case" c WHERE ${period}
          UNION SELECT c."claimantId" FROM "Case" c WHERE ${period}
          UNION SELECT e."actorId" FROM "CaseEvent" e JOIN "Case" c ON c."id" = e."caseId" WHERE ${period}
        )`
      const names = new Map(named.map((p) => [Number(p.id), p.name]))
      const byCase = new Map<number, TimelineEntry[]>()
      for (const e of events) {
        const caseId = Number(e.caseId)
        const actorId = e.actorId === null ? null : Number(e.actorId)
        const list = byCase.get(caseId) ?? []
        list.push({
          at: e.at instanceof Date ? e.at : new Date(String(e.at)),
          kind: e.kind,
          actorId,
          actor: actorId === null ? null : (names.get(actorId) ?? null),
          payload: fromJson<Record<string, unknown>>(e.payload, {}),
        })
        byCase.set(caseId, list)
      }
      return cases.map((c) => ({
        ...caseRow(c),
        reporter: names.get(c.reporterId) ?? '',
        claimant: c.claimantId === null ? null : (names.get(c.claimantId) ?? null),
        events: byCase.get(c.id) ?? [],
      }))
    })
  }

  async activity(communityId: number, from: Date, to: Date, overdueBefore: Date, oldest: number) {
    return this.serially(async (q) => {
      const events = await q.caseEvent.findMany({
        where: {
          at: { gte: from, lt: to },
          kind: { in: ['claimed', 'assigned', 'resolved', 'noted', 'verified', 'autoclosed'] },
          case: { communityId },
        },
        select: { kind: true, actorId: true, caseId: true, payload: true },
        orderBy: { id: 'asc' },
      })
      const open = await q.case.groupBy({
        by: ['status'],
        where: { communityId, status: { in: [...unfinished] } },
        _count: { _all: true },
      })
      const overdue = await q.case.count({
        where: { communityId, status: { in: [...unfinished] }, createdAt: { lt: overdueBefore } },
      })
      const longest = await q.case.findMany({
        where: { communityId, status: { in: [...unfinished] } },
        orderBy: { createdAt: 'asc' },
        take: oldest,
      })
      return {
        // An assignment is the assignee's claim.
        events: events.map((e) => ({
          kind: e.kind,
          caseId: e.caseId,
          actorId: e.kind === 'assigned' ? (fromJson<{ to?: number }>(e.payload, {}).to ?? e.actorId) : e.actorId,
        })),
        open: Object.fromEntries(open.map((o) => [o.status, o._count._all])),
        overdue,
        oldest: longest.map(caseRow),
      }
    })
  }

  async communityNames(ids: number[]) {
    return this.serially(async (q) => {
      const rows = await q.community.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
      return new Map(rows.map((r) => [r.id, r.name]))
    })
  }

  async hasEvent(caseId: number, actorId: number, kind: string) {
    return this.serially(async (q) => {
      return (await q.caseEvent.count({ where: { caseId, actorId, kind } })) > 0
    })
  }

  async openCaseCounts(communityId: number) {
    return this.serially(async (q) => {
      const rows = await q.case.groupBy({
        by: ['claimantId'],
        where: { communityId, status: 'claimed' },
        _count: { _all: true },
      })
      return new Map(rows.filter((r) => r.claimantId !== null).map((r) => [r.claimantId!, r._count._all]))
    })
  }

  async renameChat(platform: Platform, from: string, to: string) {
    if (from === to) return
    await transaction(this.db, async (q) => {
      // Already bound under the new id (an admin rebound it first): that binding stands, the old one goes.
      const taken = await q.groupChat.count({ where: { platform, chatId: to } })
      if (taken) await q.groupChat.deleteMany({ where: { platform, chatId: from } })
      else await q.groupChat.updateMany({ where: { platform, chatId: from }, data: { chatId: to } })
      await q.$executeRaw`UPDATE "Community" SET "directoryVersion" = "directoryVersion" + 1 WHERE "id" IN (SELECT g."communityId" FROM "GroupChat" c JOIN "Group" g ON g."id" = c."groupId" WHERE c."platform" = ${platform} AND c."chatId" = ${to})`
      // Cases rung there keep answering in the renamed chat.
      await q.case.updateMany({ where: { originPlatform: platform, originChatId: from }, data: { originChatId: to } })
      // Messages not sent yet go to the new id; sent ones keep the id they were sent under, where quotes find them.
      await q.outbox.updateMany({
        where: { platform, chatId: from, status: { in: ['pending', 'waiting'] } },
        data: { chatId: to },
      })
    })
  }

  async dueEscalations(rung: number, until: Date, limit: number) {
    return this.serially(async (q) => {
      const rows = await q.job.findMany({
        where: { kind: 'escalate', doneAt: null, dueAt: { lte: until }, key: { endsWith: `:${rung}` } },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: limit,
        select: { key: true, payload: true },
      })
      return rows.flatMap((r) => {
        const caseId = fromJson<{ caseId?: unknown }>(r.payload, {}).caseId
        return typeof caseId === 'number' ? [{ key: r.key, caseId }] : []
      })
    })
  }

  async findBindCode(code: string) {
    return this.serially(async (q) => {
      const row = await q.bindCode.findUnique({ where: { code } })
      return row ? { personId: row.personId, issuedBy: row.issuedBy, expiresAt: row.expiresAt } : undefined
    })
  }

  async kvGet(key: string) {
    return this.serially(async (q) => {
      return (await q.keyValue.findUnique({ where: { key } }))?.value
    })
  }

  async kvSet(key: string, value: string) {
    return this.serially(async (q) => {
      await q.keyValue.upsert({ where: { key }, create: { key, value }, update: { value } })
    })
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      // SQLite has one writer: wait for it rather than fail (DESIGN §8, P1008 under concurrency).
      return await transaction(this.db, (tx) => fn(new PrismaTx(tx)))
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict()
      throw e
    }
  }
}
