// The job runner's due-job scan with 100k pending jobs in SQLite. Figures, not assertions.
// npx tsx bench/jobs.ts
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { JobRunner } from '../src/delivery/job-runner.js'
import { openDatabase } from '../src/store/db.js'
import { PrismaJobStore } from '../src/store/job-store.js'

const PENDING = 100_000
const DONE = 100_000
const SINGLE = 2_000
const DUE = 2_000
const SAMPLE = 5_000

const ms = (t0: number): number => Math.round((performance.now() - t0) * 100) / 100

async function timeEach(n: number, f: (i: number) => Promise<unknown>): Promise<number> {
  await f(-1) // warm up
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await f(i)
  return Math.round(((performance.now() - t0) / n) * 1000) / 1000
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-jobs-'))
  const db = await openDatabase(join(dir, 'bench.db'))
  try {
    const store = new PrismaJobStore(db)
    const now = new Date('2024-01-01T01:00:00Z')
    const future = (i: number): Date => new Date(now.getTime() + 60_000 + (i % 10_000) * 60_000)
    const payload = JSON.stringify({ caseId: 12, rung: 1, groupId: 3 })

    // one schedule() per job: what the app does, a row per timer
    let t0 = performance.now()
    for (let i = 0; i < SINGLE; i++)
      await store.schedule({ kind: 'escalate', key: `single:${i}`, payload: { caseId: i, rung: 1 }, dueAt: future(i) })
    const singleMs = ms(t0)

    const pendingRows = (from: number, n: number) =>
      Array.from({ length: n }, (_, k) => ({
        kind: 'escalate',
        key: `bulk:${from + k}`,
        payload,
        dueAt: future(from + k),
        createdAt: now,
      }))
    // createMany alone: Prisma splits it into ~166-row INSERTs, each its own commit
    t0 = performance.now()
    await db.job.createMany({ data: pendingRows(SINGLE, SAMPLE) })
    const createManyRate = Math.round(SAMPLE / (ms(t0) / 1000))
    // createMany inside a batch $transaction: one commit per call
    t0 = performance.now()
    await db.$transaction([db.job.createMany({ data: pendingRows(SINGLE + SAMPLE, SAMPLE) })])
    const createManyTxRate = Math.round(SAMPLE / (ms(t0) / 1000))

    // The rest: through Prisma with BENCH_FULL=1 (~30 s here), else one INSERT … SELECT (well under a second).
    // Dates are written the way Prisma writes them (ISO 8601 text, milliseconds, Z).
    const from = SINGLE + 2 * SAMPLE
    t0 = performance.now()
    if (process.env.BENCH_FULL) {
      for (let i = from; i < PENDING; i += 5000) {
        await db.$transaction([db.job.createMany({ data: pendingRows(i, Math.min(5000, PENDING - i)) })])
      }
    } else {
      await db.$executeRawUnsafe(
        `WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < CAST(? AS INTEGER))
         INSERT INTO Job (kind, key, payload, dueAt, attempts, createdAt)
         SELECT 'escalate', 'bulk:' || i, ?, strftime('%Y-%m-%dT%H:%M:%fZ', ?, '+' || (1 + i % 10000) || ' minutes'), 0, ? FROM n`,
        from,
        PENDING,
        payload,
        now.toISOString(),
        now.toISOString(),
      )
    }
    const bulkMs = ms(t0)
    // history: done jobs stay in the table
    await db.$executeRawUnsafe(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < CAST(? AS INTEGER))
       INSERT INTO Job (kind, key, payload, dueAt, attempts, doneAt, createdAt)
       SELECT 'remind', 'done:' || i, ?, ?, 1, ?, ? FROM n`,
      DONE,
      payload,
      new Date(now.getTime() - 86_400_000).toISOString(),
      new Date(now.getTime() - 3_600_000).toISOString(),
      now.toISOString(),
    )

    const pending = await store.pendingCount()
    // the raw rows must look like Prisma's own: a seeded job reads back with its due time
    const probe = await db.job.findUniqueOrThrow({ where: { key: `bulk:${from}` } })
    if (probe.dueAt.getTime() !== future(from).getTime())
      throw new Error(`seeded dueAt ${probe.dueAt.toISOString()} != ${future(from).toISOString()}`)
    const countMs = await timeEach(50, () => store.pendingCount())

    // the poll when nothing is due: 100k pending in the future, 100k done
    const idleScanMs = await timeEach(500, () => store.claimDue(now, 'bench', 60_000, 20))

    // DUE jobs become due: each scan claims a batch of 20
    await db.job.updateMany({
      where: { key: { startsWith: 'single:' } },
      data: { dueAt: new Date(now.getTime() - 1000) },
    })
    let claimed = 0
    let scans = 0
    t0 = performance.now()
    while (claimed < DUE / 2) {
      const got = await store.claimDue(now, 'bench', 60_000, 20)
      if (got.length === 0) break
      claimed += got.length
      scans++
    }
    const claimScanMs = Math.round((ms(t0) / scans) * 1000) / 1000

    // the scan with the rest of the due jobs leased by another runner (its lease not yet run out)
    await db.job.updateMany({
      where: { key: { startsWith: 'single:' }, leaseOwner: null },
      data: { leaseOwner: 'other', leaseUntil: new Date(now.getTime() + 60_000) },
    })
    const leasedScanMs = await timeEach(200, () => store.claimDue(now, 'bench', 60_000, 20))

    // the whole runner on DUE fresh due jobs, no-op handler: claim + complete per job
    await db.job.updateMany({
      where: { key: { startsWith: 'single:' } },
      data: { leaseOwner: null, leaseUntil: null, doneAt: null },
    })
    const runner = new JobRunner({
      store,
      clock: { now: () => now },
      handlers: { escalate: async () => {} },
      owner: 'bench',
      batch: 20,
    })
    t0 = performance.now()
    const ran = await runner.runDue()
    const runMs = ms(t0)

    return {
      'pending jobs': pending,
      'done jobs': DONE,
      'schedule() one row at a time (rows/s)': Math.round(SINGLE / (singleMs / 1000)),
      'createMany, no transaction (rows/s)': createManyRate,
      'createMany in a $transaction (rows/s)': createManyTxRate,
      [`insert the other ${PENDING - from} pending (ms, ${process.env.BENCH_FULL ? 'Prisma createMany' : 'raw INSERT … SELECT'})`]:
        Math.round(bulkMs),
      'pendingCount at 100k (ms)': countMs,
      'claimDue, nothing due, 100k pending (ms/scan)': idleScanMs,
      'claimDue, claiming 20 due (ms/scan)': claimScanMs,
      'claimDue, due jobs leased elsewhere (ms/scan)': leasedScanMs,
      'runDue, no-op handler (jobs/s)': Math.round(ran / (runMs / 1000)),
      'runDue jobs run': ran,
    }
  } finally {
    await db.$disconnect()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run()
  for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`)
}
