// The Job table behind the runner's JobStore port (src/delivery/jobs.ts). Every write is one statement —
// SQLite serialises writers, and a conditional UPDATE's WHERE is checked under the write lock, so "count 1"
// means this process won the row. No interactive transactions (they time out under contention, DESIGN §8).
import type { PrismaClient } from '../generated/prisma/client.js'
import type { JobRow, JobStore } from '../delivery/jobs.js'

const parsePayload = (s: string): unknown => {
  try { return JSON.parse(s) as unknown } catch { return s }
}

const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002'

export class PrismaJobStore implements JobStore {
  constructor(private readonly db: PrismaClient) {}

  async schedule(job: { kind: string; key: string; payload: unknown; dueAt: Date }): Promise<void> {
    try {
      await this.db.job.create({
        data: {
          kind: job.kind, key: job.key, payload: JSON.stringify(job.payload ?? null),
          dueAt: job.dueAt, createdAt: new Date(),
        },
      })
    } catch (e) {
      if (isUniqueViolation(e)) return // the same key again: already scheduled (or already done)
      throw e
    }
  }

  async cancel(keyPrefix: string): Promise<number> {
    if (!keyPrefix) throw new Error('cancel needs a non-empty key prefix')
    const r = await this.db.job.deleteMany({ where: { key: { startsWith: keyPrefix }, doneAt: null } })
    return r.count
  }

  async claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<JobRow[]> {
    if (limit <= 0) return []
    const free = { doneAt: null, dueAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] }
    // Read a few more than we want: another runner may win some of them between the read and our claim.
    const candidates = await this.db.job.findMany({
      where: free,
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: limit * 2,
      select: { id: true, kind: true, key: true, payload: true, dueAt: true, attempts: true },
    })
    const leaseUntil = new Date(now.getTime() + leaseMs)
    const claimed: JobRow[] = []
    for (const c of candidates) {
      if (claimed.length >= limit) break
      // attempts in the condition: the row is still exactly what we read (fail() bumps it and moves dueAt)
      const r = await this.db.job.updateMany({
        where: { id: c.id, attempts: c.attempts, ...free },
        data: { leaseOwner: owner, leaseUntil },
      })
      if (r.count === 1) {
        claimed.push({ id: c.id, kind: c.kind, key: c.key, payload: parsePayload(c.payload), dueAt: c.dueAt, attempts: c.attempts })
      }
    }
    return claimed
  }

  async complete(id: number, owner: string, now: Date): Promise<void> {
    // Only while we hold it: if the lease ran out and someone else took the job, they complete it.
    await this.db.job.updateMany({
      where: { id, leaseOwner: owner, doneAt: null },
      data: { doneAt: now, leaseUntil: null },
    })
  }

  async fail(id: number, owner: string, error: string, retryAt: Date): Promise<void> {
    await this.db.job.updateMany({
      where: { id, leaseOwner: owner, doneAt: null },
      data: { attempts: { increment: 1 }, lastError: error, dueAt: retryAt, leaseOwner: null, leaseUntil: null },
    })
  }

  async pendingCount(): Promise<number> {
    return this.db.job.count({ where: { doneAt: null } })
  }
}
