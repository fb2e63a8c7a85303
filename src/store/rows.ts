// Rows as the store's own statements read them (sql.ts), turned into the app's rows. The column types come
// from Prisma's generated models — the one source of the schema — as SQLite returns them: a DateTime is the
// adapter's ISO text, a Boolean 0 or 1.
import type { Platform } from '../chat/types.js'
import type { CloseReason, Status } from '../domain/case.js'
import type { Role } from '../domain/roles.js'
import type { CaseRow, HeldRow, PersonRow } from '../app/ports.js'
import type { Case, HeldRing, Identity, Person, Volunteer } from '../generated/prisma/client.js'
import { fromJson, toJson } from './json.js'
import { dateOf, dateOrNull, type Sql, type Value } from './sql.js'

/** A model's row as SQLite hands it over. */
export type Raw<T> = {
  [K in keyof T]: T[K] extends Date
    ? string
    : T[K] extends boolean
      ? number
      : T[K] extends Date | null
        ? string | null
        : T[K] extends boolean | null
          ? number | null
          : T[K]
}

/** The roles column of a plain resident (the default): such people are not in the directory. */
export const RESIDENT = toJson(['resident'])

export const caseOf = (c: Raw<Case>): CaseRow => ({
  ...c,
  status: c.status as Status,
  closeReason: c.closeReason as CloseReason | null,
  satisfied: c.satisfied === null ? null : c.satisfied !== 0,
  createdAt: dateOf(c.createdAt),
  claimedAt: dateOrNull(c.claimedAt),
  progressAt: dateOrNull(c.progressAt),
  resolvedAt: dateOrNull(c.resolvedAt),
  closedAt: dateOrNull(c.closedAt),
  acceptedAt: dateOrNull(c.acceptedAt),
  arrivedAt: dateOrNull(c.arrivedAt),
})

export const heldOf = (h: Raw<HeldRing>): HeldRow => ({
  ...h,
  attachments: fromJson<{ kind: string; ref: string }[]>(h.attachments, []),
  at: dateOf(h.at),
})

/** A person with their volunteer record (null columns when they have none), one row per account. */
export type PersonJoin = Raw<Pick<Person, 'id' | 'name' | 'roles' | 'locale' | 'lastPlatform'>> & {
  vPersonId: number | null
} & Raw<Pick<Volunteer, 'skills' | 'places' | 'maxOpen'>> & {
    manualOnUntil: string | null
    manualOffUntil: string | null
    iPlatform: string | null
    iUserId: string | null
    iName: string | null
    iByName: number | null
  }

/** The columns of PersonJoin, for `FROM "Person" p LEFT JOIN "Volunteer" v … LEFT JOIN "Identity" a …`. */
export const PERSON_COLUMNS = `p."id", p."name", p."roles", p."locale", p."lastPlatform", v."personId" AS "vPersonId", v."skills", v."places", v."maxOpen", v."manualOnUntil", v."manualOffUntil", a."platform" AS "iPlatform", a."userId" AS "iUserId", a."name" AS "iName", a."byName" AS "iByName"`
/** Permanent accounts first: a message or a mention goes to the account a name cannot take. */
export const PERSON_ORDER = `a."byName", a."id"`

export const identityOf = (i: Raw<Pick<Identity, 'platform' | 'userId' | 'name' | 'byName'>>) => ({
  platform: i.platform,
  userId: i.userId,
  name: i.name,
  ...(i.byName ? { byName: true } : {}),
})

/**
 * People from PersonJoin rows (one per account, a person's rows together), with their shifts:
 * `shifts(ids)` reads the shifts of the volunteers among them.
 */
export function peopleOf(rows: PersonJoin[], shifts: Map<number, { id: number; spec: string }[]>): PersonRow[] {
  const out: PersonRow[] = []
  let last: PersonRow | undefined
  for (const r of rows) {
    if (last?.id !== r.id) {
      last = {
        id: r.id,
        name: r.name,
        roles: fromJson<Role[]>(r.roles, ['resident']),
        locale: r.locale === 'en' || r.locale === 'zh-CN' ? r.locale : null,
        lastPlatform: r.lastPlatform as Platform | null,
        identities: [],
        volunteer:
          r.vPersonId === null
            ? null
            : {
                skills: fromJson(r.skills, []),
                places: fromJson(r.places, []),
                maxOpen: r.maxOpen,
                manualOnUntil: dateOrNull(r.manualOnUntil),
                manualOffUntil: dateOrNull(r.manualOffUntil),
                shifts: shifts.get(r.id) ?? [],
              },
      }
      out.push(last)
    }
    if (r.iPlatform !== null)
      last.identities.push(
        identityOf({ platform: r.iPlatform, userId: r.iUserId!, name: r.iName!, byName: r.iByName ?? 0 }),
      )
  }
  return out
}

/** People from their PersonJoin rows, with the shifts of the volunteers among them (one statement each). */
export function withShifts(sql: Sql, rows: PersonJoin[]): PersonRow[] {
  const shifts = new Map<number, { id: number; spec: string }[]>()
  for (const r of rows)
    if (r.vPersonId !== null && !shifts.has(r.id))
      shifts.set(
        r.id,
        sql.all<{ id: number; spec: string }>(
          `SELECT "id", "spec" FROM "Shift" WHERE "volunteerId" = ? ORDER BY "id"`,
          r.id,
        ),
      )
  return peopleOf(rows, shifts)
}

/** The people read by `where` (a condition on p., a, v. and their arguments), each with accounts and shifts. */
export function readPeople(sql: Sql, from: string, where: string, ...args: Value[]): PersonRow[] {
  return withShifts(
    sql,
    sql.all<PersonJoin>(
      `SELECT ${PERSON_COLUMNS} ${from} LEFT JOIN "Volunteer" v ON v."personId" = p."id" LEFT JOIN "Identity" a ON a."personId" = p."id" WHERE ${where} ORDER BY p."id", ${PERSON_ORDER}`,
      ...args,
    ),
  )
}
