// The job runner's due-job scan with 100k pending jobs in SQLite. Figures, not assertions: each measured
// BENCH_REPEATS times (default 5).
// npx tsx bench/jobs.ts
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { JobRunner } from '../src/delivery/job-runner.js'
import { openDatabase } from '../src/store/db.js'
import { PrismaJobStore } from '../src/store/job-store.js'
import { envInt, perCall, rowsTable, since, type Row } from './lib/measure.js'

const PENDING = 100_000
const DONE = 100_000
const REPEATS = envInt('BENCH_REPEATS', 5)
const SINGLE = 400 // per repeat
const MANY = 2_000 // per repeat
const DUE = 2_000

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-jobs-'))
  const db = await openDatabase(join(dir, 'bench.db'))
  try {
    const store = new PrismaJobStore(db)
    const now = new Date('2024-01-01T01:00:00Z')
    const future = (i: number): Date => new Date(now.getTime() + 60_000 + (i % 10_000) * 60_000)
    const payload = JSON.stringify({ caseId: 12, rung: 1, groupId: 3 })
    const reps = async (f: () => Promise<number>): Promise<number[]> => {
      const out: number[] = []
      for (let rep = 0; rep < REPEATS; rep++) out.push(await f())
      return out
    }

    // one schedule() per job: what the app does, a row per timer
    let key = 0
    const single = await reps(async () => {
      const t0 = performance.now()
      for (let i = 0; i < SINGLE; i++, key++)
        await store.schedule({
          kind: 'escalate',
          key: `single:${key}`,
          payload: { caseId: key, rung: 1 },
          dueAt: future(key),
        })
      return SINGLE / (since(t0) / 1000)
    })

    let bulk = 0
    const pendingRows = (n: number) =>
      Array.from({ length: n }, () => {
        const i = bulk++
        return { kind: 'escalate', key: `bulk:${i}`, payload, dueAt: future(i), createdAt: now }
      })
    // createMany alone: Prisma splits it into ~166-row INSERTs, each its own commit
    const createMany = await reps(async () => {
      const data = pendingRows(MANY)
      const t0 = performance.now()
      await db.job.createMany({ data })
      return MANY / (since(t0) / 1000)
    })
    // createMany inside a batch $transaction: one commit per call
    const createManyTx = await reps(async () => {
      const data = pendingRows(MANY)
      const t0 = performance.now()
      await db.$transaction([db.job.createMany({ data })])
      return MANY / (since(t0) / 1000)
    })

    // The rest up to 100k pending: through Prisma with BENCH_FULL=1 (~30 s here), else one INSERT … SELECT.
    // Dates are written the way Prisma writes them (ISO 8601 text, milliseconds, Z).
    const from = bulk
    const t0 = performance.now()
    if (process.env.BENCH_FULL) {
      while (bulk < PENDING - key)
        await db.$transaction([db.job.createMany({ data: pendingRows(Math.min(5000, PENDING - key - bulk)) })])
    } else {
      await db.$executeRawUnsafe(
        `WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < CAST(? AS INTEGER))
         INSERT INTO Job (kind, key, payload, dueAt, attempts, createdAt)
         SELECT 'escalate', 'bulk:' || i, ?, strftime('%Y-%m-%dT%H:%M:%fZ', ?, '+' || (1 + i % 10000) || ' minutes'), 0, ? FROM n`,
        from,
        PENDING - key,
        payload,
        now.toISOString(),
        now.toISOString(),
      )
    }
    const bulkMs = since(t0)
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
    if (pending !== PENDING) throw new Error(`seeded ${pending} pending jobs, not ${PENDING}`)
    // the raw rows must look like Prisma's own: a seeded job reads back with its due time
    const probe = await db.job.findUniqueOrThrow({ where: { key: `bulk:${from}` } })
    if (probe.dueAt.getTime() !== future(from).getTime())
      throw new Error(`seeded dueAt ${probe.dueAt.toISOString()} != ${future(from).toISOString()}`)
    const count = await reps(() => perCall(20, () => store.pendingCount()))

    // the poll when nothing is due: 100k pending in the future, 100k done
    const idleScan = await reps(() => perCall(200, () => store.claimDue(now, 'bench', 60_000, 20)))

    // DUE jobs become due: each scan claims a batch of 20, a tenth of them per repeat
    await db.job.updateMany({
      where: { key: { startsWith: 'single:' } },
      data: { dueAt: new Date(now.getTime() - 1000) },
    })
    const claimScan = await reps(async () => {
      let claimed = 0
      let scans = 0
      const t0 = performance.now()
      while (claimed < DUE / 10) {
        const got = await store.claimDue(now, 'bench', 60_000, 20)
        if (got.length === 0) throw new Error(`only ${claimed} due jobs left to claim`)
        claimed += got.length
        scans++
      }
      return since(t0) / scans
    })

    // the scan with the rest of the due jobs leased by another runner (its lease not yet run out)
    await db.job.updateMany({
      where: { key: { startsWith: 'single:' }, leaseOwner: null },
      data: { leaseOwner: 'other', leaseUntil: new Date(now.getTime() + 60_000) },
    })
    const leasedScan = await reps(() => perCall(100, () => store.claimDue(now, 'bench', 60_000, 20)))

    // the whole runner on DUE fresh due jobs, no-op handler: claim + complete per job
    const runner = new JobRunner({
      store,
      clock: { now: () => now },
      handlers: { escalate: async () => {} },
      owner: 'bench',
      batch: 20,
    })
    let ran = 0
    const runDue = await reps(async () => {
      await db.job.updateMany({
        where: { key: { startsWith: 'single:' } },
        data: { leaseOwner: null, leaseUntil: null, doneAt: null },
      })
      const t0 = performance.now()
      const n = await runner.runDue()
      ran = n
      return n / (since(t0) / 1000)
    })

    return [
      { figure: 'schedule() one row at a time', unit: 'rows/s', samples: single, each: `${SINGLE} rows` },
      { figure: 'createMany, no transaction', unit: 'rows/s', samples: createMany, each: `${MANY} rows` },
      { figure: 'createMany in a $transaction', unit: 'rows/s', samples: createManyTx, each: `${MANY} rows` },
      {
        figure: `insert the other ${PENDING - key - from} pending (${process.env.BENCH_FULL ? 'Prisma createMany' : 'raw INSERT … SELECT'})`,
        unit: 'ms',
        samples: [bulkMs],
      },
      {
        figure: `pendingCount, ${PENDING / 1000}k pending + ${DONE / 1000}k done`,
        unit: 'ms',
        samples: count,
        each: '20 calls',
      },
      { figure: 'claimDue, nothing due', unit: 'ms/scan', samples: idleScan, each: '200 scans' },
      { figure: 'claimDue, claiming 20 due', unit: 'ms/scan', samples: claimScan, each: `${DUE / 10} jobs` },
      { figure: 'claimDue, due jobs leased elsewhere', unit: 'ms/scan', samples: leasedScan, each: '100 scans' },
      { figure: 'runDue, no-op handler', unit: 'jobs/s', samples: runDue, each: `${ran} jobs` },
    ]
  } finally {
    await db.$disconnect()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(rowsTable(await run()))
