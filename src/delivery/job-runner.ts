// Timers as rows (DESIGN §4, §6; issue 5). Escalations, reminders and auto-closes are Job rows with a due
// time, claimed under a lease, so they survive restarts and fire once even with two processes on one
// database. The runner gives at-least-once; the lease makes it once in practice; handlers are idempotent.
// No Prisma here: the store behind the JobStore port lives in src/store/job-store.ts.
import { silentLogger, type Logger } from '../log.js'

export interface JobRow {
  id: number
  kind: string
  key: string
  payload: unknown
  dueAt: Date
  attempts: number
}

export interface JobStore {
  /**
   * Adds a job. The key names one occurrence of a timer (e.g. `escalate:c12:r1:g0`): scheduling a key that
   * already exists is a no-op, whether that job is pending or done — put a generation (reopen count,
   * claim number) in the key when the same timer can legitimately recur. The payload is stored as JSON.
   */
  schedule(job: { kind: string; key: string; payload: unknown; dueAt: Date }): Promise<void>
  /** Drops the pending (not yet done) jobs whose key starts with keyPrefix; returns how many. */
  cancel(keyPrefix: string): Promise<number>
  /**
   * Leases up to `limit` due jobs (not done, dueAt <= now, lease free or expired) to `owner` until
   * now + leaseMs, oldest due first. Each row is claimed by one conditional update: only one claimer wins.
   */
  claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<JobRow[]>
  /** Marks the job done, if `owner` still holds it. */
  complete(id: number, owner: string, now: Date): Promise<void>
  /** Releases owner's lease, bumps attempts, records the error and moves dueAt to retryAt. */
  fail(id: number, owner: string, error: string, retryAt: Date): Promise<void>
  /** Jobs not yet done. */
  pendingCount(): Promise<number>
}

/** Handlers must be idempotent: a job can run twice if its runner dies between the work and complete(). */
export type JobHandler = (job: JobRow, now: Date) => Promise<void>

/** 1st failure → 15 s, then doubling: 30 s, 1 min, 2 min … capped at 30 min. Never gives up. */
export const defaultBackoff = (attempts: number): number =>
  Math.min(30 * 60_000, 15_000 * 2 ** Math.max(0, Math.min(attempts - 1, 20)))

export const MAX_ERROR_LENGTH = 2000

const errorText = (e: unknown): string => {
  const s = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)
  return s.length > MAX_ERROR_LENGTH ? s.slice(0, MAX_ERROR_LENGTH) : s
}

class HandlerTimeout extends Error {
  constructor(ms: number) {
    super(`handler timed out after ${ms} ms`)
    this.name = 'HandlerTimeout'
  }
}

export interface JobRunnerOptions {
  store: JobStore
  clock: { now(): Date }
  handlers: Record<string, JobHandler>
  /** unique per process, e.g. `${hostname}:${pid}:${random}` */
  owner: string
  /** how long a claim holds; another runner takes the job over after that. Default 60 s. */
  leaseMs?: number
  /** jobs claimed per round. Default 20. */
  batch?: number
  /** ms until the next attempt, given the number of failures so far (1 after the first). */
  backoff?: (attempts: number) => number
  /**
   * A handler still running after this long counts as failed (and is retried later), so a hung handler
   * never blocks the others and never outlives its lease. Wall-clock time. Default 80% of leaseMs.
   */
  timeoutMs?: number
  log?: Logger
}

export class JobRunner {
  private readonly store: JobStore
  private readonly clock: { now(): Date }
  private readonly handlers: Record<string, JobHandler>
  private readonly owner: string
  private readonly leaseMs: number
  private readonly batch: number
  private readonly backoff: (attempts: number) => number
  private readonly timeoutMs: number
  private readonly log: Logger
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> | undefined
  private stopped = true

  constructor(o: JobRunnerOptions) {
    this.store = o.store
    this.clock = o.clock
    this.handlers = o.handlers
    this.owner = o.owner
    this.leaseMs = o.leaseMs ?? 60_000
    this.batch = Math.max(1, o.batch ?? 20)
    this.backoff = o.backoff ?? defaultBackoff
    this.timeoutMs = o.timeoutMs ?? Math.max(1, Math.floor(this.leaseMs * 0.8))
    this.log = o.log ?? silentLogger()
  }

  /**
   * Runs every job due now, a batch at a time, until a batch comes back short (or holds only jobs already
   * run in this call, e.g. failures retried with zero backoff). Returns how many jobs were run, whether
   * they succeeded or failed. Safe to call concurrently with other runners; not reentrant per runner
   * (concurrent calls are serialised).
   */
  runDue(): Promise<number> {
    const prev = this.running ?? Promise.resolve()
    const run = prev.catch(() => {}).then(() => this.runDueNow())
    this.running = run.catch(() => {})
    return run
  }

  private async runDueNow(): Promise<number> {
    const seen = new Set<number>()
    let ran = 0
    for (;;) {
      const jobs = await this.store.claimDue(this.clock.now(), this.owner, this.leaseMs, this.batch)
      if (jobs.length === 0) break
      const fresh = jobs.filter((j) => !seen.has(j.id)).length
      jobs.forEach((j) => seen.add(j.id))
      // the whole batch at once: each job's lease started now, so none may wait behind a slow sibling
      await Promise.all(jobs.map((j) => this.runOne(j)))
      ran += jobs.length
      if (jobs.length < this.batch || fresh === 0) break
    }
    return ran
  }

  private async runOne(job: JobRow): Promise<void> {
    const handler = Object.hasOwn(this.handlers, job.kind) ? this.handlers[job.kind] : undefined
    let error: unknown
    if (!handler) {
      error = new Error(
        `unknown job kind "${job.kind}" (key ${job.key}); known: ${Object.keys(this.handlers).join(', ') || 'none'}`,
      )
    } else {
      try {
        await this.withTimeout(handler(job, this.clock.now()))
      } catch (e) {
        error = e ?? new Error('handler rejected without a reason')
      }
    }
    try {
      if (error === undefined) {
        await this.store.complete(job.id, this.owner, this.clock.now())
        this.log.debug({ job: job.id, kind: job.kind, key: job.key }, 'job done')
      } else {
        const attempts = job.attempts + 1
        const delay = Math.max(0, this.backoff(attempts))
        const retryAt = new Date(this.clock.now().getTime() + delay)
        await this.store.fail(job.id, this.owner, errorText(error), retryAt)
        this.log.warn(
          { job: job.id, kind: job.kind, key: job.key, attempts, retryAt, err: error },
          'job failed; will retry',
        )
      }
    } catch (e) {
      // the lease runs out and the job is run again elsewhere (at-least-once)
      this.log.error({ job: job.id, kind: job.kind, key: job.key, err: e }, 'could not record the job outcome')
    }
  }

  private withTimeout(p: Promise<void>): Promise<void> {
    let t: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new HandlerTimeout(this.timeoutMs)), this.timeoutMs)
    })
    return Promise.race([p, timeout]).finally(() => clearTimeout(t))
  }

  /** Polls every pollMs until stop(). Errors (e.g. the database busy) are logged and the next poll retries. */
  start(pollMs: number): void {
    if (!this.stopped) return
    this.stopped = false
    const tick = async (): Promise<void> => {
      this.timer = undefined
      if (this.stopped) return
      try {
        await this.runDue()
      } catch (e) {
        this.log.error({ err: e }, 'job runner poll failed')
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), pollMs)
    }
    this.timer = setTimeout(() => void tick(), 0)
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.running
  }
}

/** An in-memory JobStore with the same semantics as the SQLite one: for tests and the console demo. */
export class MemoryJobStore implements JobStore {
  private rows: {
    id: number
    kind: string
    key: string
    payload: string
    dueAt: Date
    attempts: number
    leaseOwner: string | null
    leaseUntil: Date | null
    doneAt: Date | null
    lastError: string | null
  }[] = []
  private nextId = 1

  async schedule(job: { kind: string; key: string; payload: unknown; dueAt: Date }): Promise<void> {
    if (this.rows.some((r) => r.key === job.key)) return
    this.rows.push({
      id: this.nextId++,
      kind: job.kind,
      key: job.key,
      payload: JSON.stringify(job.payload ?? null),
      dueAt: new Date(job.dueAt),
      attempts: 0,
      leaseOwner: null,
      leaseUntil: null,
      doneAt: null,
      lastError: null,
    })
  }

  async cancel(keyPrefix: string): Promise<number> {
    if (!keyPrefix) throw new Error('cancel needs a non-empty key prefix')
    const before = this.rows.length
    this.rows = this.rows.filter((r) => r.doneAt !== null || !r.key.startsWith(keyPrefix))
    return before - this.rows.length
  }

  async claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<JobRow[]> {
    const n = now.getTime()
    const due = this.rows
      .filter(
        (r) => r.doneAt === null && r.dueAt.getTime() <= n && (r.leaseUntil === null || r.leaseUntil.getTime() <= n),
      )
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)
      .slice(0, Math.max(0, limit))
    for (const r of due) {
      r.leaseOwner = owner
      r.leaseUntil = new Date(n + leaseMs)
    }
    return due.map((r) => ({
      id: r.id,
      kind: r.kind,
      key: r.key,
      payload: JSON.parse(r.payload) as unknown,
      dueAt: new Date(r.dueAt),
      attempts: r.attempts,
    }))
  }

  async complete(id: number, owner: string, now: Date): Promise<void> {
    const r = this.rows.find((x) => x.id === id && x.leaseOwner === owner && x.doneAt === null)
    if (r) {
      r.doneAt = new Date(now)
      r.leaseUntil = null
    } // leaseOwner stays: who ran it
  }

  async fail(id: number, owner: string, error: string, retryAt: Date): Promise<void> {
    const r = this.rows.find((x) => x.id === id && x.leaseOwner === owner && x.doneAt === null)
    if (r) {
      r.attempts++
      r.lastError = error
      r.dueAt = new Date(retryAt)
      r.leaseOwner = null
      r.leaseUntil = null
    }
  }

  async pendingCount(): Promise<number> {
    return this.rows.filter((r) => r.doneAt === null).length
  }

  /** For tests: a copy of every row. */
  dump(): {
    id: number
    kind: string
    key: string
    payload: unknown
    dueAt: Date
    attempts: number
    leaseOwner: string | null
    doneAt: Date | null
    lastError: string | null
  }[] {
    return this.rows.map((r) => ({
      ...r,
      payload: JSON.parse(r.payload) as unknown,
      dueAt: new Date(r.dueAt),
      doneAt: r.doneAt && new Date(r.doneAt),
    }))
  }
}
