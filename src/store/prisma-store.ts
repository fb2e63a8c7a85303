// The Prisma implementation of the app's Store port (src/app/ports.ts).
import type { MessageKey, Platform } from '../chat/types.js'
import type { CaseState, CloseReason, Status } from '../domain/case.js'
import type { GroupRole, Role } from '../config/schema.js'
import type {
  BindCodeRow,
  CaseFilter,
  CaseRow,
  ChatRef,
  Directory,
  IdentityRow,
  JobInsert,
  NewCase,
  OutboxInsert,
  Store,
  Tx,
} from '../app/ports.js'
import { Conflict } from '../app/ports.js'
import { Prisma, type Case } from '../generated/prisma/client.js'
import { serially, transaction, type Db } from './db.js'
import { fromJson, sqlDate, toJson } from './json.js'
import { cancelPending, insertJobs } from './jobs.js'

type TxClient = Prisma.TransactionClient

const caseRow = (c: Case): CaseRow => ({
  ...c,
  status: c.status as Status,
  closeReason: c.closeReason as CloseReason | null,
})

const stateFields = (s: CaseState) => ({
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
})

const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002'

class PrismaTx implements Tx {
  constructor(private readonly db: TxClient) {}

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
    const created = await this.db.case.create({
      data: { ...data, communityId, number: nextCaseNo - 1, status: 'open' },
    })
    return caseRow(created)
  }

  async updateCase(c: CaseRow, next: CaseState): Promise<boolean> {
    const r = await this.db.case.updateMany({
      where: { id: c.id, version: c.version },
      data: { ...stateFields(next), version: { increment: 1 } },
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
    for (const r of rows) await this.db.outbox.create({ data: { ...r, createdAt: at, nextAttemptAt: new Date(0) } })
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
      data: { communityId, name, roles: toJson(roles), autoRegistered: true },
    })
    await this.db.identity.create({ data: { personId: person.id, ...identity } })
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
  }

  async setManualDuty(personId: number, on: Date | null, off: Date | null): Promise<void> {
    await this.db.volunteer.update({ where: { personId }, data: { manualOnUntil: on, manualOffUntil: off } })
  }

  async setLastPlatform(personId: number, platform: Platform): Promise<void> {
    await this.db.person.update({ where: { id: personId }, data: { lastPlatform: platform } })
  }

  async addShift(personId: number, spec: string): Promise<void> {
    await this.db.volunteer.upsert({ where: { personId }, create: { personId }, update: {} })
    await this.db.shift.create({ data: { volunteerId: personId, spec } })
  }

  async removeShift(shiftId: number): Promise<void> {
    await this.db.shift.deleteMany({ where: { id: shiftId } })
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
  constructor(readonly db: Db) {}

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
        include: { group: true },
      })
      return c ? { communityId: c.group.communityId, groupId: c.groupId } : undefined
    })
  }

  async findIdentity(platform: Platform, userId: string) {
    return this.serially(async (q) => {
      const i = await q.identity.findUnique({
        where: { platform_userId: { platform, userId } },
        include: { person: true },
      })
      return i ? { communityId: i.person.communityId, personId: i.personId } : undefined
    })
  }

  async defaultCommunityId() {
    return this.serially(async (q) => {
      return (await q.community.findFirst({ orderBy: { id: 'asc' }, select: { id: true } }))?.id
    })
  }

  async directory(communityId: number): Promise<Directory> {
    return this.serially(async (q) => {
      const [community, places, groups, people] = await Promise.all([
        q.community.findUniqueOrThrow({ where: { id: communityId } }),
        q.place.findMany({ where: { communityId }, orderBy: { id: 'asc' } }),
        q.group.findMany({ where: { communityId }, include: { chats: true }, orderBy: { id: 'asc' } }),
        q.person.findMany({
          where: { communityId },
          // Permanent accounts first: a message or a mention goes to the account a name cannot take.
          include: {
            identities: { orderBy: [{ byName: 'asc' }, { id: 'asc' }] },
            volunteer: { include: { shifts: true } },
          },
          orderBy: { id: 'asc' },
        }),
      ])
      return {
        community: {
          id: community.id,
          name: community.name,
          timezone: community.timezone,
          locale: community.locale === 'en' ? 'en' : 'zh-CN',
          settings: fromJson(community.settings, {
            categories: {},
            escalation: [],
            timers: {
              remindClaimerAfter: '24h',
              tellStaffAfter: '48h',
              remindVerifyAfter: '72h',
              autoCloseAfter: '96h',
            },
          }),
        },
        places: places.map((p) => p.path),
        groups: groups.map((g) => ({
          id: g.id,
          name: g.name,
          role: g.role as GroupRole,
          places: fromJson(g.places, []),
          chats: g.chats.map((c) => ({ platform: c.platform, chatId: c.chatId })),
        })),
        people: people.map((p) => ({
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
        })),
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
        },
        orderBy: { number: 'asc' },
      })
      return rows.map(caseRow)
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
    return this.serially(async (q) => {
      await q.groupChat.updateMany({ where: { platform, chatId: from }, data: { chatId: to } })
      // Cases rung there keep answering in the renamed chat.
      await q.case.updateMany({ where: { originPlatform: platform, originChatId: from }, data: { originChatId: to } })
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
