// The app's Store port (src/app/ports.ts). Prisma owns the schema, its migrations and its types; the hot
// path — a message's lookups, its transaction (sql-tx.ts), the directory — runs on the store's own prepared
// statements on Prisma's connection (sql.ts), because there Prisma itself was the cost (issue 15: 24
// statements and ~900 promises per ring, most of its time in the client runtime).
import type { Platform } from '../chat/types.js'
import type { GroupRole } from '../domain/roles.js'
import { withDefaults, type CommunitySettings } from '../domain/settings.js'
import { statuses as allStatuses, unfinished, type Status } from '../domain/case.js'
import type { OpenCase } from '../domain/duplicates.js'
import type {
  CaseFilter,
  CaseRow,
  ChatRef,
  Directory,
  EventRow,
  ExportCase,
  FigureScope,
  FigureSplit,
  GroupRow,
  PersonRow,
  Store,
  TimelineEntry,
  Tx,
} from '../app/ports.js'
import { Conflict } from '../app/ports.js'
import { Prisma, type Case, type CaseEvent, type Community, type Job } from '../generated/prisma/client.js'
import { serially, sqlTransaction, withSql, type Db } from './db.js'
import { fromJson, sqlDate, toJson } from './json.js'
import { PrismaConsultReads } from './consult-store.js'
import { figureRows } from './figures.js'
import {
  caseOf,
  identityOf,
  peopleOf,
  PERSON_COLUMNS,
  PERSON_ORDER,
  readPeople,
  RESIDENT,
  withShifts,
  type PersonJoin,
  type Raw,
} from './rows.js'
import { dateOf, isUniqueViolation, type Sql } from './sql.js'
import { SqlTx } from './sql-tx.js'

const caseRow = (c: Case): CaseRow => ({
  ...c,
  status: c.status as CaseRow['status'],
  closeReason: c.closeReason as CaseRow['closeReason'],
})

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k)
    if (list) list.push(r)
    else out.set(k, [r])
  }
  return out
}

/**
 * The community's members (everyone with a role beyond resident): a plain resident has exactly the
 * default roles. Two ranges of the index on ("communityId", "roles") either side of them, spelled out:
 * SQLite's planner would otherwise walk all 31k people of a street office.
 */
const MEMBERS = `WITH "m" AS (SELECT "id" FROM "Person" WHERE "communityId" = ? AND "roles" < ? UNION ALL SELECT "id" FROM "Person" WHERE "communityId" = ? AND "roles" > ?)`

/**
 * A building's newest open cases of one kind, by someone else, rung before a time: one walk of the
 * like-index (Case_like_idx: only the open and claimed cases, a few thousand of a street office's 100k)
 * backwards from that time, stopping after `limit`; the ringer is in the index, so a table row is read only
 * for a case returned. The index's own condition is spelled as it is in the schema, so SQLite uses it.
 */
const OPEN_CASES_LIKE = `SELECT "number", "text", "category", "place", "reporterId", "createdAt" FROM "Case" WHERE "communityId" = ? AND "building" = ? AND "category" = ? AND "status" IN ('open', 'claimed') AND "createdAt" < ? AND "reporterId" <> ? ORDER BY "createdAt" DESC LIMIT ?`

/** A community's groups (with their chats) and places: read again only when its groupsVersion moves. */
interface GroupsPart {
  version: number
  places: string[]
  groups: GroupRow[]
}

function readGroups(sql: Sql, communityId: number, version: number): GroupsPart {
  const places = sql.all<{ path: string }>(
    `SELECT "path" FROM "Place" WHERE "communityId" = ? ORDER BY "id"`,
    communityId,
  )
  const groups = sql.all<{ id: number; name: string; role: string; places: string }>(
    `SELECT "id", "name", "role", "places" FROM "Group" WHERE "communityId" = ? ORDER BY "id"`,
    communityId,
  )
  const chats = groupBy(
    sql.all<{ groupId: number; platform: string; chatId: string }>(
      `SELECT c."groupId", c."platform", c."chatId" FROM "Group" g JOIN "GroupChat" c ON c."groupId" = g."id" WHERE g."communityId" = ? ORDER BY c."id"`,
      communityId,
    ),
    (c) => c.groupId,
  )
  return {
    version,
    places: places.map((p) => p.path),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      role: g.role as GroupRole,
      places: fromJson(g.places, []),
      chats: (chats.get(g.id) ?? []).map((c) => ({ platform: c.platform, chatId: c.chatId })),
    })),
  }
}

/** The members with their accounts and shifts: each table once, by community, not once per member. */
function readMembers(sql: Sql, communityId: number): PersonRow[] {
  const members = [communityId, RESIDENT, communityId, RESIDENT] as const
  const rows = sql.all<PersonJoin>(
    `${MEMBERS} SELECT p."id", p."name", p."roles", p."locale", p."lastPlatform", v."personId" AS "vPersonId", v."skills", v."places", v."maxOpen", v."manualOnUntil", v."manualOffUntil", NULL AS "iPlatform", NULL AS "iUserId", NULL AS "iName", NULL AS "iByName" FROM "m" JOIN "Person" p ON p."id" = "m"."id" LEFT JOIN "Volunteer" v ON v."personId" = p."id" ORDER BY p."id"`,
    ...members,
  )
  const accounts = groupBy(
    sql.all<{ personId: number; platform: string; userId: string; name: string; byName: number }>(
      `${MEMBERS} SELECT a."personId", a."platform", a."userId", a."name", a."byName" FROM "m" JOIN "Identity" a ON a."personId" = "m"."id" ORDER BY a."byName", a."id"`,
      ...members,
    ),
    (a) => a.personId,
  )
  const shifts = groupBy(
    sql.all<{ id: number; volunteerId: number; spec: string }>(
      `${MEMBERS} SELECT s."id", s."volunteerId", s."spec" FROM "m" JOIN "Shift" s ON s."volunteerId" = "m"."id" ORDER BY s."id"`,
      ...members,
    ),
    (s) => s.volunteerId,
  )
  const people = peopleOf(
    rows,
    new Map([...shifts].map(([id, list]) => [id, list.map((s) => ({ id: s.id, spec: s.spec }))])),
  )
  for (const p of people) p.identities = (accounts.get(p.id) ?? []).map(identityOf)
  return people
}

export class PrismaStore implements Store {
  /** Each community's groups and places as last read, by groupsVersion: a change to people keeps them. */
  private readonly groupsHeld = new Map<number, GroupsPart>()
  /** Each community's open-case counts as last read (openCaseCounts), and this store's case updates so far. */
  private readonly countsHeld = new Map<
    number,
    { dataVersion: number; caseWrites: number; counts: ReadonlyMap<number, number> }
  >()
  private caseWrites = 0
  /** Each community's members as last read: after a change to people, only those stamped since are read. */
  private readonly membersHeld = new Map<number, { version: number; groupsVersion: number; people: PersonRow[] }>()

  /** The members at the community's version: those held, with the people changed since read again. */
  private members(sql: Sql, c: Pick<Raw<Community>, 'id' | 'directoryVersion' | 'groupsVersion'>): PersonRow[] {
    const held = this.membersHeld.get(c.id)
    let people: PersonRow[] | undefined
    if (held?.groupsVersion === c.groupsVersion && held.version === c.directoryVersion) people = held.people
    else if (held?.groupsVersion === c.groupsVersion) {
      const changed = sql.column<number>(
        `SELECT "id" FROM "Person" WHERE "communityId" = ? AND "directoryVersion" > ?`,
        c.id,
        held.version,
      )
      // A version moved with nobody stamped (the community file was loaded, say): everyone is read again.
      if (changed.length) {
        const gone = new Set(changed)
        const fresh = changed
          .flatMap((id) => readPeople(sql, `FROM "Person" p`, `p."id" = ?`, id))
          .filter((p) => toJson(p.roles) !== RESIDENT)
        people = [...held.people.filter((p) => !gone.has(p.id)), ...fresh].sort((a, b) => a.id - b.id)
      }
    }
    people ??= readMembers(sql, c.id)
    this.membersHeld.set(c.id, { version: c.directoryVersion, groupsVersion: c.groupsVersion, people })
    return people
  }

  readonly consult: PrismaConsultReads

  constructor(readonly db: Db) {
    this.consult = new PrismaConsultReads(db)
  }

  /** Prisma for the cold reads (the desk's figures, lists, export), in turn on the same connection. */
  private serially<T>(fn: (q: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return serially(this.db, fn)
  }

  /**
   * Every access waits its turn on the one connection (db.ts `serially`): a statement issued while a
   * message's transaction is open would run inside it — reading its uncommitted rows, and undone with
   * it if it rolls back.
   */
  private read<T>(fn: (sql: Sql) => T): Promise<T> {
    return withSql(this.db, fn)
  }

  async findChat(chat: ChatRef) {
    return this.read((sql) =>
      sql.get<{ communityId: number; groupId: number; directoryVersion: number }>(
        `SELECT g."communityId", c."groupId", m."directoryVersion" FROM "GroupChat" c JOIN "Group" g ON g."id" = c."groupId" JOIN "Community" m ON m."id" = g."communityId" WHERE c."platform" = ? AND c."chatId" = ?`,
        chat.platform,
        chat.chatId,
      ),
    )
  }

  async findIdentity(platform: Platform, userId: string) {
    return this.read((sql) => {
      // One statement: the account, its person with all their accounts, the community's version.
      const rows = sql.all<PersonJoin & { communityId: number; directoryVersion: number }>(
        `SELECT ${PERSON_COLUMNS}, p."communityId", m."directoryVersion" FROM "Identity" i JOIN "Person" p ON p."id" = i."personId" JOIN "Community" m ON m."id" = p."communityId" LEFT JOIN "Volunteer" v ON v."personId" = p."id" LEFT JOIN "Identity" a ON a."personId" = p."id" WHERE i."platform" = ? AND i."userId" = ? ORDER BY ${PERSON_ORDER}`,
        platform,
        userId,
      )
      const first = rows[0]
      if (!first) return undefined
      const person = withShifts(sql, rows)[0]!
      return { communityId: first.communityId, person, directoryVersion: first.directoryVersion }
    })
  }

  async personNamed(communityId: number, name: string) {
    return this.read(
      (sql) => readPeople(sql, `FROM "Person" p`, `p."communityId" = ? AND p."name" = ?`, communityId, name)[0],
    )
  }

  async people(ids: number[]): Promise<PersonRow[]> {
    if (!ids.length) return []
    // One statement per person (a case's reporter and claimant, a mention): each prepared once.
    return this.read((sql) => ids.flatMap((id) => readPeople(sql, `FROM "Person" p`, `p."id" = ?`, id)))
  }

  async defaultCommunityId() {
    return this.read((sql) => sql.get<{ id: number }>(`SELECT "id" FROM "Community" ORDER BY "id" LIMIT 1`)?.id)
  }

  async communityIds() {
    return this.read((sql) => sql.all<{ id: number }>(`SELECT "id" FROM "Community" ORDER BY "id"`).map((c) => c.id))
  }

  async directory(communityId: number): Promise<Directory> {
    return this.read((sql) => {
      // One read transaction: the versions and what they version come from the same snapshot.
      sql.run('BEGIN')
      try {
        const community = sql.get<Raw<Community>>(`SELECT * FROM "Community" WHERE "id" = ?`, communityId)
        if (!community) throw new Error(`no community ${communityId}`)
        let part = this.groupsHeld.get(communityId)
        if (part?.version !== community.groupsVersion) {
          part = readGroups(sql, communityId, community.groupsVersion)
          this.groupsHeld.set(communityId, part)
        }
        return {
          community: {
            id: community.id,
            name: community.name,
            timezone: community.timezone,
            locale: community.locale === 'en' ? 'en' : 'zh-CN',
            settings: withDefaults(fromJson<Partial<CommunitySettings>>(community.settings, {})),
          },
          places: part.places,
          groups: part.groups,
          people: this.members(sql, community),
          version: community.directoryVersion,
        }
      } finally {
        sql.run('COMMIT')
      }
    })
  }

  async getCase(communityId: number, number: number) {
    return this.read((sql) => {
      const c = sql.get<Raw<Case>>(`SELECT * FROM "Case" WHERE "communityId" = ? AND "number" = ?`, communityId, number)
      return c ? caseOf(c) : undefined
    })
  }

  async getCaseById(id: number) {
    return this.read((sql) => {
      const c = sql.get<Raw<Case>>(`SELECT * FROM "Case" WHERE "id" = ?`, id)
      return c ? caseOf(c) : undefined
    })
  }

  async casesOfSentMessage(platform: Platform, chatId: string, messageId: string) {
    return this.read((sql) => {
      // Newest first: a platform may reuse message numbers (the console starts again at 1 each run), so
      // only the rows sent as the newest message of that number (at one moment: one folded send) count.
      const rows = sql.all<{ caseId: number; sentAt: string | null }>(
        `SELECT "caseId", "sentAt" FROM "Outbox" WHERE "platform" = ? AND "chatId" = ? AND "sentMsgId" = ? AND "caseId" IS NOT NULL ORDER BY "id" DESC LIMIT 200`,
        platform,
        chatId,
        messageId,
      )
      const at = rows[0]?.sentAt
      const ids = rows.filter((r) => r.sentAt === at).map((r) => r.caseId)
      return [...new Set(ids)].reverse()
    })
  }

  async listCases(communityId: number, f: CaseFilter) {
    // On the hot path (a ring looks for a neighbour's open case like it; a plain answer finds its case):
    // one prepared statement per combination of filters.
    const where: string[] = []
    const args: (string | number | Date)[] = []
    const and = (clause: string, ...values: (string | number | Date)[]) => {
      where.push(clause)
      args.push(...values)
    }
    and('"communityId" = ?', communityId)
    if (f.statuses) and(`"status" IN (${f.statuses.map(() => '?').join(', ')})`, ...f.statuses)
    if (f.claimantId !== undefined) and('"claimantId" = ?', f.claimantId)
    if (f.since) and('"createdAt" >= ?', f.since)
    if (f.reporterId !== undefined) and('"reporterId" = ?', f.reporterId)
    if (f.category !== undefined) and('"category" = ?', f.category)
    if (f.urgent) and('"urgency" IS NOT NULL')
    // A building (two parts of a path) is a column of its own, indexed with the status: a ring asks for
    // the open cases of its building, and a street office has ~3k open cases in ~10k buildings.
    if (f.placeUnder !== undefined && f.placeUnder.split('/').length === 2) and('"building" = ?', f.placeUnder)
    else if (f.placeUnder !== undefined)
      and(`("place" = ? OR "place" LIKE ? ESCAPE '\\')`, f.placeUnder, `${escapeLike(f.placeUnder)}/%`)
    return this.read((sql) =>
      sql.all<Raw<Case>>(`SELECT * FROM "Case" WHERE ${where.join(' AND ')} ORDER BY +"number"`, ...args).map(caseOf),
    )
  }

  async openCasesLike(
    communityId: number,
    q: { category: string; building: string; before: Date; notReporterId: number; limit: number },
  ): Promise<OpenCase[]> {
    return this.read((sql) =>
      sql
        .all<Pick<Raw<Case>, 'number' | 'text' | 'category' | 'place' | 'reporterId' | 'createdAt'>>(
          OPEN_CASES_LIKE,
          communityId,
          q.building,
          q.category,
          q.before,
          q.notReporterId,
          q.limit,
        )
        .map((c) => ({ ...c, createdAt: dateOf(c.createdAt) })),
    )
  }

  async latestEvent(caseId: number, kinds: string[]): Promise<EventRow | undefined> {
    return this.read((sql) => {
      const e = sql.get<Pick<Raw<CaseEvent>, 'kind' | 'actorId' | 'payload' | 'at'>>(
        `SELECT "kind", "actorId", "payload", "at" FROM "CaseEvent" WHERE "caseId" = ? AND "kind" IN (${kinds.map(() => '?').join(', ')}) ORDER BY "id" DESC LIMIT 1`,
        caseId,
        ...kinds,
      )
      return e
        ? {
            kind: e.kind,
            actorId: e.actorId,
            payload: fromJson<Record<string, unknown>>(e.payload, {}),
            at: dateOf(e.at),
          }
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
    return this.read((sql) => figureRows(sql, scope, split))
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
    return this.read(
      (sql) =>
        sql.get(
          `SELECT 1 FROM "CaseEvent" WHERE "caseId" = ? AND "actorId" = ? AND "kind" = ? LIMIT 1`,
          caseId,
          actorId,
          kind,
        ) !== undefined,
    )
  }

  async householdOnCase(caseId: number, personId: number) {
    // Read with every ring that joins an incident (a burst: 200 in a minute), so one statement: the
    // person's own join, or a housemate (HouseholdMember, either way round) who rang the case or joined it.
    return this.read(
      (sql) =>
        sql.get(
          `SELECT 1 FROM "Case" c WHERE c."id" = ? AND (EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c."id" AND e."actorId" = ? AND e."kind" = 'supported') OR EXISTS (SELECT 1 FROM "HouseholdMember" me JOIN "HouseholdMember" m ON m."householdId" = me."householdId" AND m."personId" <> me."personId" WHERE me."personId" = ? AND (m."personId" = c."reporterId" OR EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c."id" AND e."actorId" = m."personId" AND e."kind" = 'supported'))))`,
          caseId,
          personId,
          personId,
        ) !== undefined,
    )
  }

  async openCaseCounts(communityId: number) {
    return this.read((sql) => {
      // Read with every ring, and the same until someone claims, releases or closes a case: kept while no
      // other connection has committed (SQLite's data_version) and no transaction here changed a case.
      const dataVersion = sql.get<{ data_version: number }>(`PRAGMA data_version`)!.data_version
      const held = this.countsHeld.get(communityId)
      // Read-only to its callers (the type says so): the same map, not a copy of a thousand entries a ring.
      if (held?.dataVersion === dataVersion && held.caseWrites === this.caseWrites) return held.counts
      // One covering-index range, counted here (SQLite's GROUP BY cost three times as much for a street
      // office's 1,600 claimed cases).
      const counts = new Map<number, number>()
      for (const id of sql.column<number>(
        `SELECT "claimantId" FROM "Case" WHERE "communityId" = ? AND "status" = 'claimed' AND "claimantId" IS NOT NULL`,
        communityId,
      ))
        counts.set(id, (counts.get(id) ?? 0) + 1)
      this.countsHeld.set(communityId, { dataVersion, caseWrites: this.caseWrites, counts })
      return counts as ReadonlyMap<number, number>
    })
  }

  async renameChat(platform: Platform, from: string, to: string) {
    if (from === to) return
    await sqlTransaction(this.db, async (sql) => {
      // Already bound under the new id (an admin rebound it first): that binding stands, the old one goes.
      const taken = sql.get(`SELECT 1 FROM "GroupChat" WHERE "platform" = ? AND "chatId" = ?`, platform, to)
      if (taken) sql.run(`DELETE FROM "GroupChat" WHERE "platform" = ? AND "chatId" = ?`, platform, from)
      else sql.run(`UPDATE "GroupChat" SET "chatId" = ? WHERE "platform" = ? AND "chatId" = ?`, to, platform, from)
      sql.run(
        `UPDATE "Community" SET "directoryVersion" = "directoryVersion" + 1, "groupsVersion" = "groupsVersion" + 1 WHERE "id" IN (SELECT g."communityId" FROM "GroupChat" c JOIN "Group" g ON g."id" = c."groupId" WHERE c."platform" = ? AND c."chatId" = ?)`,
        platform,
        to,
      )
      // Cases rung there keep answering in the renamed chat.
      sql.run(
        `UPDATE "Case" SET "originChatId" = ? WHERE "originPlatform" = ? AND "originChatId" = ?`,
        to,
        platform,
        from,
      )
      // Messages not sent yet go to the new id; sent ones keep the id they were sent under, where quotes find them.
      sql.run(
        `UPDATE "Outbox" SET "chatId" = ? WHERE "platform" = ? AND "chatId" = ? AND "status" IN ('pending', 'waiting')`,
        to,
        platform,
        from,
      )
    })
  }

  async dueEscalations(rung: number, until: Date, limit: number) {
    return this.read((sql) => {
      const suffix = `:${rung}`
      const rows = sql.all<Pick<Raw<Job>, 'key' | 'payload'>>(
        `SELECT "key", "payload" FROM "Job" WHERE "kind" = 'escalate' AND "doneAt" IS NULL AND "dueAt" <= ? AND substr("key", length("key") - ? + 1) = ? ORDER BY "dueAt", "id" LIMIT ?`,
        until,
        suffix.length,
        suffix,
        limit,
      )
      return rows.flatMap((r) => {
        const caseId = fromJson<{ caseId?: unknown }>(r.payload, {}).caseId
        return typeof caseId === 'number' ? [{ key: r.key, caseId }] : []
      })
    })
  }

  async hazardWords(personId: number, chat: ChatRef, since: Date) {
    return this.read((sql) => {
      const row = sql.get<{ id: number; text: string; at: string }>(
        `SELECT "id", "text", "at" FROM "HazardWords" WHERE "personId" = ? AND "platform" = ? AND "chatId" = ? AND "at" >= ?`,
        personId,
        chat.platform,
        chat.chatId,
        since,
      )
      return row && { id: row.id, personId, ...chat, text: row.text, at: dateOf(row.at) }
    })
  }

  async findBindCode(code: string) {
    return this.read((sql) => {
      const row = sql.get<{ personId: number; issuedBy: number | null; expiresAt: string }>(
        `SELECT "personId", "issuedBy", "expiresAt" FROM "BindCode" WHERE "code" = ?`,
        code,
      )
      return row ? { personId: row.personId, issuedBy: row.issuedBy, expiresAt: new Date(row.expiresAt) } : undefined
    })
  }

  async kvGet(key: string) {
    return this.read((sql) => sql.get<{ value: string }>(`SELECT "value" FROM "KeyValue" WHERE "key" = ?`, key)?.value)
  }

  async kvSet(key: string, value: string) {
    return this.read((sql) => {
      sql.run(
        `INSERT INTO "KeyValue" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
        key,
        value,
      )
    })
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await sqlTransaction(this.db, (sql) => fn(new SqlTx(sql, () => this.caseWrites++)))
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict()
      throw e
    }
  }
}
