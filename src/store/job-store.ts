// The Job table behind the runner's JobStore port (src/delivery/job-runner.ts), on the store's own
// statements (sql.ts). Every write is one statement — SQLite serialises writers, and a conditional
// UPDATE's WHERE is checked under the write lock, so a row it changed is a row this process won. No long
// transactions (they time out under contention, DESIGN §8).
import type { JobRow, JobStore } from '../delivery/job-runner.js'
import type { Job } from '../generated/prisma/client.js'
import { withSql, type Db } from './db.js'
import { toJson } from './json.js'
import type { Raw } from './rows.js'
import { dateOf, type Sql } from './sql.js'

/**
 * Schedules jobs; a key already present (pending or done) is left as it is — also inside a transaction,
 * where a failed insert would otherwise end it.
 */
export function insertJobs(
  sql: Sql,
  jobs: { kind: string; key: string; payload: unknown; dueAt: Date }[],
  at: Date,
): void {
  sql.insertRows(
    `INSERT INTO "Job" ("kind", "key", "payload", "dueAt", "attempts", "createdAt") VALUES`,
    '(?, ?, ?, ?, 0, ?)',
    jobs.map((j) => [j.kind, j.key, toJson(j.payload), j.dueAt, at]),
    `ON CONFLICT ("key") DO NOTHING`,
  )
}

/**
 * The keys that start with `prefix`, as a range the unique index on "key" answers (a LIKE would scan the
 * table): from the prefix up to the prefix with its last character one higher.
 */
export function prefixRange(prefix: string): [string, string] {
  const last = prefix.charCodeAt(prefix.length - 1)
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(last + 1)]
}

/** Removes the pending jobs whose key starts with the prefix; done ones stay as history. */
export function cancelPending(sql: Sql, keyPrefix: string): number {
  if (!keyPrefix) throw new Error('cancel needs a non-empty key prefix')
  const [from, to] = prefixRange(keyPrefix)
  return sql.run(`DELETE FROM "Job" WHERE "key" >= ? AND "key" < ? AND "doneAt" IS NULL`, from, to)
}

const parsePayload = (s: string): unknown => {
  try {
    return JSON.parse(s) as unknown
  } catch {
    return s
  }
}

export class PrismaJobStore implements JobStore {
  constructor(private readonly db: Db) {}

  async schedule(job: { kind: string; key: string; payload: unknown; dueAt: Date }): Promise<void> {
    return withSql(this.db, (sql) => insertJobs(sql, [job], new Date()))
  }

  async cancel(keyPrefix: string): Promise<number> {
    return withSql(this.db, (sql) => cancelPending(sql, keyPrefix))
  }

  async claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<JobRow[]> {
    return withSql(this.db, (sql) => {
      // One UPDATE … RETURNING over the oldest free rows: the statement holds the write lock from its
      // first read to its last write, so each row is leased by exactly one claimer, and RETURNING lists
      // exactly the rows that are ours.
      const free = `"doneAt" IS NULL AND "dueAt" <= ? AND ("leaseUntil" IS NULL OR "leaseUntil" <= ?)`
      const won = sql.all<Pick<Raw<Job>, 'id' | 'kind' | 'key' | 'payload' | 'dueAt' | 'attempts'>>(
        `UPDATE "Job" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "id" IN (SELECT "id" FROM "Job" WHERE ${free} ORDER BY "dueAt", "id" LIMIT ?) AND ${free} RETURNING "id", "kind", "key", "payload", "dueAt", "attempts"`,
        owner,
        new Date(now.getTime() + leaseMs),
        now,
        now,
        limit,
        now,
        now,
      )
      return won
        .map((r) => ({ ...r, payload: parsePayload(r.payload), dueAt: dateOf(r.dueAt) }))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)
    })
  }

  async complete(id: number, owner: string, now: Date): Promise<void> {
    return withSql(this.db, (sql) => {
      // Only while we hold it: if the lease ran out and someone else took the job, they complete it.
      sql.run(
        `UPDATE "Job" SET "doneAt" = ?, "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ? AND "doneAt" IS NULL`,
        now,
        id,
        owner,
      )
    })
  }

  async fail(id: number, owner: string, error: string, retryAt: Date): Promise<void> {
    return withSql(this.db, (sql) => {
      sql.run(
        `UPDATE "Job" SET "attempts" = "attempts" + 1, "lastError" = ?, "dueAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ? AND "doneAt" IS NULL`,
        error,
        retryAt,
        id,
        owner,
      )
    })
  }

  async pendingCount(): Promise<number> {
    return withSql(
      this.db,
      (sql) => sql.get<{ n: number }>(`SELECT count(*) AS "n" FROM "Job" WHERE "doneAt" IS NULL`)!.n,
    )
  }
}
