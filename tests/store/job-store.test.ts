import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { JobRunner, type JobHandler } from '../../src/delivery/job-runner.js'
import { SimClock } from '../../src/domain/clock.js'
import { PrismaClient } from '../../src/generated/prisma/client.js'
import { openDatabase, type Db } from '../../src/store/db.js'
import { PrismaJobStore } from '../../src/store/job-store.js'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const T0 = new Date('2024-01-01T01:00:00Z')
const MIN = 60_000

let dir: string
let file: string
const opened: Db[] = []

/**
 * The first client on a file goes through openDatabase (creates + migrates); later ones connect directly,
 * like a second process would once the schema is in place.
 */
async function open(): Promise<{ db: Db; store: PrismaJobStore }> {
  const db = existsSync(file) ? connect(file) : await openDatabase(file)
  opened.push(db)
  return { db, store: new PrismaJobStore(db) }
}
const connect = (f: string): Db =>
  new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${f}`, timeout: 10_000 }) })

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringbell-jobs-'))
  file = join(dir, 'test.db')
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.$disconnect()))
  rmSync(dir, { recursive: true, force: true })
})

/** Counts how often each key fired. */
function recorder() {
  const fired = new Map<string, number>()
  const handler: JobHandler = async (j) => {
    fired.set(j.key, (fired.get(j.key) ?? 0) + 1)
  }
  return { fired, handler }
}

describe('PrismaJobStore', () => {
  it('schedules once per key, keeps the payload, cancels pending jobs by prefix', async () => {
    const { db, store } = await open()
    await store.schedule({ kind: 'escalate', key: 'esc:c1:r1', payload: { caseId: 1, names: ['钱阿姨'] }, dueAt: T0 })
    await store.schedule({ kind: 'escalate', key: 'esc:c1:r1', payload: { caseId: 999 }, dueAt: new Date(0) })
    await store.schedule({ kind: 'escalate', key: 'esc:c1:r2', payload: null, dueAt: T0 })
    await store.schedule({ kind: 'escalate', key: 'esc:c10:r1', payload: 'x', dueAt: T0 })
    await store.schedule({ kind: 'remind', key: 'remind:c1', payload: undefined, dueAt: T0 })
    expect(await store.pendingCount()).toBe(4)

    const claimed = await store.claimDue(T0, 'me', MIN, 10)
    expect(claimed.map((j) => [j.key, j.payload])).toEqual([
      ['esc:c1:r1', { caseId: 1, names: ['钱阿姨'] }],
      ['esc:c1:r2', null],
      ['esc:c10:r1', 'x'],
      ['remind:c1', null],
    ])
    expect(claimed[0]).toMatchObject({ kind: 'escalate', dueAt: T0, attempts: 0 })
    await store.complete(claimed[3]!.id, 'me', T0)

    expect(await store.cancel('esc:c1:')).toBe(2) // pending (even leased) jobs go; esc:c10 stays
    expect(await store.cancel('remind:')).toBe(0) // done jobs stay as the record
    await expect(store.cancel('')).rejects.toThrow(/prefix/)
    expect(await store.pendingCount()).toBe(1)
    expect((await db.job.findMany({ orderBy: { id: 'asc' } })).map((r) => r.key)).toEqual(['esc:c10:r1', 'remind:c1'])
    // a done key stays taken
    await store.schedule({ kind: 'remind', key: 'remind:c1', payload: null, dueAt: T0 })
    expect(await db.job.count()).toBe(2)
  })

  it('claims due jobs oldest first under a lease; a second claimer gets the rest', async () => {
    const { store } = await open()
    for (let i = 0; i < 5; i++)
      await store.schedule({ kind: 'k', key: `k${i}`, payload: i, dueAt: new Date(T0.getTime() - i * 1000) })
    await store.schedule({ kind: 'k', key: 'future', payload: null, dueAt: new Date(T0.getTime() + 1) })
    const a = await store.claimDue(T0, 'a', MIN, 3)
    expect(a.map((j) => j.key)).toEqual(['k4', 'k3', 'k2'])
    const b = await store.claimDue(T0, 'b', MIN, 10)
    expect(b.map((j) => j.key)).toEqual(['k1', 'k0'])
    expect(await store.claimDue(T0, 'c', MIN, 10)).toEqual([])
    expect(await store.claimDue(T0, 'c', MIN, 0)).toEqual([])
  })

  it('complete and fail only count for the lease holder', async () => {
    const { db, store } = await open()
    await store.schedule({ kind: 'k', key: 'k', payload: null, dueAt: T0 })
    const [job] = await store.claimDue(T0, 'a', MIN, 1)
    await store.complete(job!.id, 'intruder', T0)
    await store.fail(job!.id, 'intruder', 'no', T0)
    expect(await db.job.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({
      doneAt: null,
      attempts: 0,
      leaseOwner: 'a',
    })
    await store.fail(job!.id, 'a', 'boom', new Date(T0.getTime() + MIN))
    expect(await db.job.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({
      doneAt: null,
      attempts: 1,
      leaseOwner: null,
      leaseUntil: null,
      lastError: 'boom',
      dueAt: new Date(T0.getTime() + MIN),
    })
  })
})

describe('JobRunner on SQLite', () => {
  it('restart: jobs pending when the process stopped each fire once after it starts again', async () => {
    const clock = new SimClock(T0)
    const first = await open()
    const r1 = recorder()
    const runner1 = new JobRunner({ store: first.store, clock, handlers: { esc: r1.handler }, owner: 'p1' })
    for (let i = 0; i < 10; i++) {
      await first.store.schedule({
        kind: 'esc',
        key: `esc:${i}`,
        payload: { i },
        dueAt: new Date(T0.getTime() + (i < 5 ? 15 : 30) * MIN),
      })
    }
    runner1.start(5)
    await new Promise((r) => setTimeout(r, 50)) // it polls; nothing is due yet
    await runner1.stop()
    await first.db.$disconnect() // the process goes away with 10 jobs pending
    expect(r1.fired.size).toBe(0)

    clock.advance(60 * MIN) // down for an hour: every job is now overdue
    const second = await open()
    expect(await second.store.pendingCount()).toBe(10)
    const r2 = recorder()
    const runner2 = new JobRunner({ store: second.store, clock, handlers: { esc: r2.handler }, owner: 'p2' })
    runner2.start(5)
    await vi.waitFor(
      async () => {
        expect(await second.store.pendingCount()).toBe(0)
      },
      { timeout: 10_000, interval: 10 },
    )
    await runner2.stop()
    expect([...r2.fired.values()]).toEqual(Array(10).fill(1))
    expect(await runner2.runDue()).toBe(0)

    // and a third start fires nothing again
    const third = await open()
    const r3 = recorder()
    expect(
      await new JobRunner({ store: third.store, clock, handlers: { esc: r3.handler }, owner: 'p3' }).runDue(),
    ).toBe(0)
    expect(r3.fired.size).toBe(0)
  })

  it('two runners with their own clients on one file: every job fires exactly once', async () => {
    const clock = new SimClock(T0)
    const a = await open()
    const b = await open()
    const N = 300
    for (let i = 0; i < N; i++)
      await a.store.schedule({ kind: 'k', key: `k${i}`, payload: i, dueAt: new Date(T0.getTime() - (i % 7) * 1000) })
    const fired = new Map<string, string[]>()
    const handler =
      (who: string): JobHandler =>
      async (j) => {
        fired.set(j.key, [...(fired.get(j.key) ?? []), who])
        await new Promise((r) => setTimeout(r, Math.random() * 3))
      }
    const ra = new JobRunner({ store: a.store, clock, handlers: { k: handler('a') }, owner: 'a', batch: 10 })
    const rb = new JobRunner({ store: b.store, clock, handlers: { k: handler('b') }, owner: 'b', batch: 10 })
    const drain = async (r: JobRunner) => {
      let n = 0
      for (let i = 0; i < 100; i++) n += await r.runDue()
      return n
    }
    const [na, nb] = await Promise.all([drain(ra), drain(rb)])
    expect(na + nb).toBe(N)
    expect(fired.size).toBe(N)
    const doubles = [...fired].filter(([, who]) => who.length !== 1)
    expect(doubles).toEqual([])
    expect(na).toBeGreaterThan(0) // both really took part
    expect(nb).toBeGreaterThan(0)
    expect(await a.store.pendingCount()).toBe(0)
  })

  it('two processes on one file: every job fires exactly once', async () => {
    const { store } = await open()
    const N = 400
    for (let i = 0; i < N; i++) await store.schedule({ kind: 'k', key: `k${i}`, payload: i, dueAt: T0 })
    const worker = join(dir, 'worker.mts')
    const src = (p: string) => JSON.stringify(pathToFileURL(join(root, p)).href)
    writeFileSync(
      worker,
      `
      import { appendFileSync, existsSync, writeFileSync } from 'node:fs'
      import { PrismaBetterSqlite3 } from ${JSON.stringify(pathToFileURL(createRequire(join(root, 'package.json')).resolve('@prisma/adapter-better-sqlite3')).href)}
      import { JobRunner } from ${src('src/delivery/job-runner.ts')}
      import { PrismaClient } from ${src('src/generated/prisma/client.ts')}
      import { PrismaJobStore } from ${src('src/store/job-store.ts')}
      const [file, owner, out, go] = process.argv.slice(2)
      const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: 'file:' + file, timeout: 10_000 }) })
      const store = new PrismaJobStore(db)
      const runner = new JobRunner({ store, owner, batch: 10, clock: { now: () => new Date(${JSON.stringify(T0.toISOString())}) },
        handlers: { k: async (j) => { appendFileSync(out, j.key + '\\n'); await new Promise((r) => setTimeout(r, Math.random() * 2)) } } })
      writeFileSync(out + '.ready', '')
      while (!existsSync(go)) await new Promise((r) => setTimeout(r, 5))
      let n = 0
      for (let i = 0; i < 200 && (await store.pendingCount()) > 0; i++) n += await runner.runDue()
      await db.$disconnect()
      console.log(n)
    `,
    )
    const go = join(dir, 'go')
    const outs = ['p1', 'p2'].map((p) => join(dir, `${p}.out`))
    const run = promisify(execFile)
    const procs = outs.map((out, i) =>
      run(process.execPath, ['--import', 'tsx', worker, file, `p${i + 1}`, out, go], { cwd: root, timeout: 60_000 }),
    )
    let failed: unknown
    procs.forEach((p) =>
      p.catch((e: unknown) => {
        failed = e
      }),
    )
    for (const until = Date.now() + 45_000; !outs.every((o) => existsSync(o + '.ready'));) {
      if (failed) throw failed
      if (Date.now() > until) throw new Error('workers did not start')
      await new Promise((r) => setTimeout(r, 20))
    }
    writeFileSync(go, '')
    const results = await Promise.all(procs)
    const counts = results.map((r) => Number(r.stdout.trim()))
    const keys = outs.flatMap((o) => (existsSync(o) ? readFileSync(o, 'utf8').split('\n').filter(Boolean) : []))
    expect(keys.length).toBe(N)
    expect(new Set(keys).size).toBe(N)
    expect(counts[0]! + counts[1]!).toBe(N)
    expect(Math.min(...counts)).toBeGreaterThan(0) // both processes really took part
    expect(await store.pendingCount()).toBe(0)
  }, 90_000)

  it('a failing job backs off (capped) in the database and does not block the others', async () => {
    const clock = new SimClock(T0)
    const { db, store } = await open()
    let failuresLeft = 4
    const { fired, handler } = recorder()
    const runner = new JobRunner({
      store,
      clock,
      owner: 'r',
      backoff: (n) => Math.min(5 * MIN, MIN * 2 ** (n - 1)), // 1, 2, 4, 5 min
      handlers: {
        ok: handler,
        flaky: async (j, now) => {
          if (failuresLeft-- > 0) throw new Error(`send failed at ${now.toISOString()}`)
          await handler(j, now)
        },
      },
    })
    await store.schedule({ kind: 'flaky', key: 'flaky', payload: null, dueAt: T0 })
    for (let i = 0; i < 3; i++) await store.schedule({ kind: 'ok', key: `ok${i}`, payload: null, dueAt: T0 })
    await store.schedule({ kind: 'nope', key: 'unknown', payload: null, dueAt: T0 })

    expect(await runner.runDue()).toBe(5)
    expect([...fired.keys()].sort()).toEqual(['ok0', 'ok1', 'ok2'])
    const row = (key: string) => db.job.findUniqueOrThrow({ where: { key } })
    expect(await row('unknown')).toMatchObject({ attempts: 1, doneAt: null })
    expect((await row('unknown')).lastError).toMatch(/unknown job kind "nope"/)

    for (const [attempts, wait] of [
      [1, 1],
      [2, 2],
      [3, 4],
      [4, 5],
    ] as const) {
      const r = await row('flaky')
      expect(r).toMatchObject({ attempts, doneAt: null, leaseOwner: null })
      expect(r.lastError).toMatch(/send failed/)
      expect(r.dueAt).toEqual(new Date(clock.now().getTime() + wait * MIN))
      clock.advance(wait * MIN - 1000)
      await runner.runDue()
      expect((await row('flaky')).attempts).toBe(attempts) // not yet
      clock.advance(1000)
      await runner.runDue()
    }
    expect((await row('flaky')).doneAt).toEqual(clock.now())
    expect(fired.get('flaky')).toBe(1)
    expect(await store.pendingCount()).toBe(1) // only the unknown kind is left, waiting for a runner that knows it
  })

  it("lease expiry: a crashed owner's job is taken over once the lease runs out", async () => {
    const clock = new SimClock(T0)
    const crashed = await open()
    await crashed.store.schedule({ kind: 'k', key: 'k', payload: null, dueAt: T0 })
    await crashed.store.schedule({ kind: 'k', key: 'k2', payload: null, dueAt: new Date(T0.getTime() + 10_000) })
    const [held] = await crashed.store.claimDue(clock.now(), 'crashed', MIN, 10)
    expect(held?.key).toBe('k')
    await crashed.db.$disconnect() // dies holding the lease

    const survivor = await open()
    const { fired, handler } = recorder()
    const runner = new JobRunner({
      store: survivor.store,
      clock,
      handlers: { k: handler },
      owner: 'survivor',
      leaseMs: MIN,
    })
    clock.advance(10_000)
    expect(await runner.runDue()).toBe(1) // k2 only: k is still leased
    expect([...fired.keys()]).toEqual(['k2'])
    clock.advance(MIN - 10_000 - 1)
    expect(await runner.runDue()).toBe(0)
    clock.advance(1)
    expect(await runner.runDue()).toBe(1)
    expect(fired.get('k')).toBe(1)
    const row = await survivor.db.job.findUniqueOrThrow({ where: { key: 'k' } })
    expect(row).toMatchObject({ leaseOwner: 'survivor', doneAt: clock.now(), attempts: 0 })
    // the old owner, back from the dead, cannot complete or fail it
    const ghost = await open()
    await ghost.store.fail(row.id, 'crashed', 'late', T0)
    await ghost.store.complete(row.id, 'crashed', T0)
    expect(await survivor.db.job.findUniqueOrThrow({ where: { key: 'k' } })).toMatchObject({
      leaseOwner: 'survivor',
      doneAt: clock.now(),
      attempts: 0,
    })
    expect(await runner.runDue()).toBe(0)
  })
})
