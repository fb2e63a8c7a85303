// The Job table behind the runner's JobStore port (src/delivery/job-runner.ts). Every write is one statement —
// SQLite serialises writers, and a conditional UPDATE's WHERE is checked under the write lock, so a row it
// changed is a row this process won. No interactive transactions (they time out under contention, DESIGN §8).
import type { PrismaClient, Prisma } from '../generated/prisma/client.js'
import type { JobRow, JobStore } from '../delivery/job-runner.js'
import { sqlDate, toJson } from './json.js'
import { serially } from './db.js'

type Client = PrismaClient | Prisma.TransactionClient

/**
 * Schedules jobs; a key already present (pending or done) is left as it is. INSERT OR IGNORE rather
 * than catching a unique violation, so it is also safe inside a transaction.
 */
export async function insertJobs(
  db: Client,
  jobs: { kind: string; key: string; payload: unknown; dueAt: Date }[],
  at: Date,
): Promise<void> {
  for (const j of jobs) {
    await db.$executeRaw`INSERT OR IGNORE INTO "Job" ("kind", "key", "payload", "dueAt", "attempts", "createdAt") VALUES (${j.kind}, ${j.key}, ${toJson(j.payload)}, ${sqlDate(j.dueAt)}, 0, ${sqlDate(at)})`
  }
}

/** Removes the pending jobs whose key starts with the prefix; done ones stay as history. */
export async function cancelPending(db: Client, keyPrefix: string): Promise<number> {
  if (!keyPrefix) throw new Error('cancel needs a non-empty key prefix')
  return (await db.job.deleteMany({ where: { key: { startsWith: keyPrefix }, doneAt: null } })).count
}

const parsePayload = (s: string): unknown => {
  try {
    return JSON.parse(s) as unknown
  } catch {
    return s
  }
}

export class PrismaJobStore implements JobStore {
  constructor(private readonly db: PrismaClient) {}

  async schedule(job: { kind: string; key: string; payload: unknown; dueAt: Date }): Promise<void> {
    return serially(this.db, async (q) => {
      await insertJobs(q, [job], new Date())
    })
  }

  async cancel(keyPrefix: string): Promise<number> {
    return serially(this.db, async (q) => {
      return cancelPending(q, keyPrefix)
    })
  }

  async claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<JobRow[]> {
    return serially(this.db, async (q) => {
      const free = { doneAt: null, dueAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] }
      const leaseUntil = new Date(now.getTime() + leaseMs)
      const claimed: JobRow[] = []
      // A few rounds: another runner may win some of the rows we read before our update reaches them.
      for (let round = 0; round < 3 && claimed.length < limit; round++) {
        const want = limit - claimed.length
        const ids = (
          await q.job.findMany({
            where: free,
            orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
            take: want,
            select: { id: true },
          })
        ).map((r) => r.id)
        if (ids.length === 0) break
        // One conditional UPDATE … RETURNING: SQLite checks every row's condition under the write lock, so
        // each row is leased by exactly one claimer, and RETURNING lists exactly the rows that are ours.
        const won = await q.job.updateManyAndReturn({
          where: { id: { in: ids }, ...free },
          data: { leaseOwner: owner, leaseUntil },
          select: { id: true, kind: true, key: true, payload: true, dueAt: true, attempts: true },
        })
        for (const r of won)
          claimed.push({
            id: r.id,
            kind: r.kind,
            key: r.key,
            payload: parsePayload(r.payload),
            dueAt: r.dueAt,
            attempts: r.attempts,
          })
        if (ids.length < want) break // that was everything due
      }
      return claimed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)
    })
  }

  async complete(id: number, owner: string, now: Date): Promise<void> {
    return serially(this.db, async (q) => {
      // Only while we hold it: if the lease ran out and someone else took the job, they complete it.
      await q.job.updateMany({
        where: { id, leaseOwner: owner, doneAt: null },
        data: { doneAt: now, leaseUntil: null },
      })
    })
  }

  async fail(id: number, owner: string, error: string, retryAt: Date): Promise<void> {
    return serially(this.db, async (q) => {
      await q.job.updateMany({
        where: { id, leaseOwner: owner, doneAt: null },
        data: { attempts: { increment: 1 }, lastError: error, dueAt: retryAt, leaseOwner: null, leaseUntil: null },
      })
    })
  }

  async pendingCount(): Promise<number> {
    return serially(this.db, async (q) => {
      return q.job.count({ where: { doneAt: null } })
    })
  }
}
