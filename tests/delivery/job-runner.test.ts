import { describe, expect, it, vi } from 'vitest'
import {
  defaultBackoff,
  JobRunner,
  MemoryJobStore,
  type JobHandler,
  type JobRow,
  type JobStore,
} from '../../src/delivery/job-runner.js'
import { SimClock } from '../../src/domain/clock.js'

const T0 = new Date('2024-01-01T01:00:00Z')
const MIN = 60_000

function setup(
  handlers: Record<string, JobHandler>,
  o: { batch?: number; backoff?: (n: number) => number; timeoutMs?: number; store?: JobStore } = {},
) {
  const clock = new SimClock(T0)
  const store = (o.store ?? new MemoryJobStore()) as MemoryJobStore
  const runner = new JobRunner({ store, clock, handlers, owner: 'test', leaseMs: 60_000, ...o })
  return { clock, store, runner }
}

describe('JobRunner', () => {
  it('runs due jobs once, oldest first, and leaves future ones', async () => {
    const fired: string[] = []
    const { clock, store, runner } = setup({
      ping: async (j) => {
        fired.push(j.key)
      },
    })
    await store.schedule({ kind: 'ping', key: 'b', payload: {}, dueAt: new Date(T0.getTime() - 1000) })
    await store.schedule({ kind: 'ping', key: 'a', payload: {}, dueAt: new Date(T0.getTime() - 2000) })
    await store.schedule({ kind: 'ping', key: 'now', payload: {}, dueAt: T0 })
    await store.schedule({ kind: 'ping', key: 'later', payload: {}, dueAt: new Date(T0.getTime() + 15 * MIN) })
    expect(await runner.runDue()).toBe(3)
    expect(fired).toEqual(['a', 'b', 'now'])
    expect(await store.pendingCount()).toBe(1)
    expect(await runner.runDue()).toBe(0)
    clock.advance(15 * MIN - 1)
    expect(await runner.runDue()).toBe(0)
    clock.advance(1)
    expect(await runner.runDue()).toBe(1)
    expect(fired).toEqual(['a', 'b', 'now', 'later'])
    expect(await store.pendingCount()).toBe(0)
  })

  it('hands the handler the payload, the row and the time', async () => {
    const seen: { job: JobRow; now: Date }[] = []
    const { store, runner } = setup({
      escalate: async (job, now) => {
        seen.push({ job, now })
      },
    })
    await store.schedule({
      kind: 'escalate',
      key: 'escalate:c12:r1',
      payload: { caseId: 12, rung: 1, to: ['钱阿姨'] },
      dueAt: T0,
    })
    await runner.runDue()
    expect(seen).toHaveLength(1)
    expect(seen[0]!.job).toMatchObject({
      kind: 'escalate',
      key: 'escalate:c12:r1',
      payload: { caseId: 12, rung: 1, to: ['钱阿姨'] },
      dueAt: T0,
      attempts: 0,
    })
    expect(seen[0]!.now).toEqual(T0)
  })

  it('same key twice is one job; cancel drops pending jobs by key prefix', async () => {
    const fired: string[] = []
    const { store, runner } = setup({
      k: async (j) => {
        fired.push(j.key)
      },
    })
    await store.schedule({ kind: 'k', key: 'case:1:a', payload: 1, dueAt: T0 })
    await store.schedule({ kind: 'k', key: 'case:1:a', payload: 2, dueAt: T0 })
    await store.schedule({ kind: 'k', key: 'case:1:b', payload: 1, dueAt: T0 })
    await store.schedule({ kind: 'k', key: 'case:10:a', payload: 1, dueAt: T0 })
    await store.schedule({ kind: 'k', key: 'case:2:a', payload: 1, dueAt: T0 })
    expect(await store.pendingCount()).toBe(4)
    expect(await store.cancel('case:1:')).toBe(2)
    await expect(store.cancel('')).rejects.toThrow(/prefix/)
    expect(await runner.runDue()).toBe(2)
    expect(fired.sort()).toEqual(['case:10:a', 'case:2:a'])
    // a done key stays taken
    await store.schedule({ kind: 'k', key: 'case:2:a', payload: 1, dueAt: T0 })
    expect(await store.pendingCount()).toBe(0)
    expect(await store.cancel('case:2:')).toBe(0)
  })

  it('retries a failing job with exponential, capped backoff and never blocks the others', async () => {
    let failuresLeft = 3
    const fired: string[] = []
    const backoff = (n: number) => Math.min(4 * MIN, MIN * 2 ** (n - 1)) // 1, 2, 4, 4 min
    const { clock, store, runner } = setup(
      {
        flaky: async () => {
          if (failuresLeft-- > 0) throw new Error('chat API down')
          fired.push('flaky')
        },
        ok: async (j) => {
          fired.push(j.key)
        },
      },
      { backoff },
    )
    await store.schedule({ kind: 'flaky', key: 'flaky', payload: null, dueAt: T0 })
    await store.schedule({ kind: 'ok', key: 'ok1', payload: null, dueAt: T0 })
    await store.schedule({ kind: 'ok', key: 'ok2', payload: null, dueAt: T0 })

    expect(await runner.runDue()).toBe(3)
    expect(fired).toEqual(['ok1', 'ok2'])
    const row = () => store.dump().find((r) => r.key === 'flaky')!
    expect(row()).toMatchObject({ attempts: 1, doneAt: null, leaseOwner: null, dueAt: new Date(T0.getTime() + MIN) })
    expect(row().lastError).toMatch(/chat API down/)

    // not before its retry time
    clock.advance(MIN - 1)
    expect(await runner.runDue()).toBe(0)
    clock.advance(1)
    expect(await runner.runDue()).toBe(1)
    expect(row()).toMatchObject({ attempts: 2, dueAt: new Date(clock.now().getTime() + 2 * MIN) })
    clock.advance(2 * MIN)
    expect(await runner.runDue()).toBe(1)
    expect(row()).toMatchObject({ attempts: 3, dueAt: new Date(clock.now().getTime() + 4 * MIN) })
    clock.advance(4 * MIN)
    expect(await runner.runDue()).toBe(1)
    expect(row().doneAt).toEqual(clock.now())
    expect(fired).toEqual(['ok1', 'ok2', 'flaky'])
    expect(await store.pendingCount()).toBe(0)
  })

  it('fails a job of unknown kind with a clear error, and keeps it for a runner that knows it', async () => {
    const { store, runner } = setup({ ping: async () => {} })
    await store.schedule({ kind: 'mystery', key: 'm1', payload: null, dueAt: T0 })
    await store.schedule({ kind: 'ping', key: 'p1', payload: null, dueAt: T0 })
    expect(await runner.runDue()).toBe(2)
    const m = store.dump().find((r) => r.key === 'm1')!
    expect(m.lastError).toMatch(/unknown job kind "mystery"/)
    expect(m).toMatchObject({ attempts: 1, doneAt: null })
    expect(m.dueAt.getTime()).toBe(T0.getTime() + defaultBackoff(1))
    expect(store.dump().find((r) => r.key === 'p1')!.doneAt).toEqual(T0)
    // a prototype property is not a handler
    await store.schedule({ kind: 'toString', key: 'ts', payload: null, dueAt: T0 })
    await runner.runDue()
    expect(store.dump().find((r) => r.key === 'ts')!.lastError).toMatch(/unknown job kind "toString"/)
  })

  it('default backoff doubles from 15 s and is capped at 30 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map(defaultBackoff)).toEqual([
      15_000, 30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000,
    ])
  })

  it('a hung handler times out, is retried later and does not hold up the batch', async () => {
    const fired: string[] = []
    const { store, runner } = setup(
      {
        hang: () => new Promise<void>(() => {}),
        ok: async (j) => {
          fired.push(j.key)
        },
      },
      { timeoutMs: 50 },
    )
    await store.schedule({ kind: 'hang', key: 'h', payload: null, dueAt: T0 })
    await store.schedule({ kind: 'ok', key: 'o', payload: null, dueAt: T0 })
    const started = Date.now()
    expect(await runner.runDue()).toBe(2)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(fired).toEqual(['o'])
    const h = store.dump().find((r) => r.key === 'h')!
    expect(h).toMatchObject({ attempts: 1, doneAt: null, leaseOwner: null })
    expect(h.lastError).toMatch(/timed out after 50 ms/)
  })

  it('runs every due job in batches within one runDue', async () => {
    const fired = new Set<string>()
    let calls = 0
    const { store, runner } = setup(
      {
        k: async (j) => {
          calls++
          fired.add(j.key)
        },
      },
      { batch: 10 },
    )
    for (let i = 0; i < 45; i++) await store.schedule({ kind: 'k', key: `k${i}`, payload: i, dueAt: T0 })
    expect(await runner.runDue()).toBe(45)
    expect(fired.size).toBe(45)
    expect(calls).toBe(45)
  })

  it('a job that fails with zero backoff does not spin runDue', async () => {
    let calls = 0
    const { store, runner } = setup(
      {
        bad: async () => {
          calls++
          throw new Error('no')
        },
      },
      { batch: 1, backoff: () => 0 },
    )
    await store.schedule({ kind: 'bad', key: 'b', payload: null, dueAt: T0 })
    expect(await runner.runDue()).toBe(2) // the first attempt, then the batch of only seen jobs ends the loop
    expect(calls).toBe(2)
    expect(store.dump()[0]).toMatchObject({ attempts: 2, doneAt: null })
  })

  it('concurrent runDue calls on one runner are serialised, each job runs once', async () => {
    let calls = 0
    const { store, runner } = setup(
      {
        k: async () => {
          calls++
          await new Promise((r) => setTimeout(r, 5))
        },
      },
      { batch: 3 },
    )
    for (let i = 0; i < 10; i++) await store.schedule({ kind: 'k', key: `k${i}`, payload: i, dueAt: T0 })
    const counts = await Promise.all([runner.runDue(), runner.runDue(), runner.runDue()])
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10)
    expect(calls).toBe(10)
  })

  it('start polls, survives a store error, and stop waits for the job in hand', async () => {
    const store = new MemoryJobStore()
    let failNextClaim = true
    const flakyStore: JobStore = {
      schedule: (j) => store.schedule(j),
      cancel: (p) => store.cancel(p),
      claimDue: (...a) => {
        if (failNextClaim) {
          failNextClaim = false
          return Promise.reject(new Error('SQLITE_BUSY'))
        }
        return store.claimDue(...a)
      },
      complete: (...a) => store.complete(...a),
      fail: (...a) => store.fail(...a),
      pendingCount: () => store.pendingCount(),
    }
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const fired: string[] = []
    const { runner } = setup(
      {
        slow: async (j) => {
          await gate
          fired.push(j.key)
        },
      },
      { store: flakyStore },
    )
    await store.schedule({ kind: 'slow', key: 's1', payload: null, dueAt: T0 })
    runner.start(5)
    runner.start(5) // a second start is a no-op
    await vi.waitFor(
      () => {
        expect(store.dump()[0]!.leaseOwner).toBe('test')
      },
      { timeout: 2000, interval: 5 },
    )
    let stopped = false
    const stopping = runner.stop().then(() => {
      stopped = true
    })
    await new Promise((r) => setTimeout(r, 20))
    expect(stopped).toBe(false) // still waiting for the handler
    release()
    await stopping
    expect(fired).toEqual(['s1'])
    expect(await store.pendingCount()).toBe(0)
    // after stop, nothing runs
    await store.schedule({ kind: 'slow', key: 's2', payload: null, dueAt: T0 })
    await new Promise((r) => setTimeout(r, 30))
    expect(fired).toEqual(['s1'])
    expect(await store.pendingCount()).toBe(1)
  })

  it("a lease that runs out lets another runner take over a crashed owner's job", async () => {
    const store = new MemoryJobStore()
    const clock = new SimClock(T0)
    await store.schedule({ kind: 'k', key: 'k', payload: null, dueAt: T0 })
    const crashed = await store.claimDue(clock.now(), 'crashed', 60_000, 10) // claimed, then the process died
    expect(crashed).toHaveLength(1)
    const fired: string[] = []
    const b = new JobRunner({
      store,
      clock,
      handlers: {
        k: async () => {
          fired.push('b')
        },
      },
      owner: 'b',
      leaseMs: 60_000,
    })
    expect(await b.runDue()).toBe(0)
    clock.advance(60_000 - 1)
    expect(await b.runDue()).toBe(0)
    clock.advance(1)
    expect(await b.runDue()).toBe(1)
    expect(fired).toEqual(['b'])
    // the crashed owner's late complete or fail changes nothing
    await store.fail(crashed[0]!.id, 'crashed', 'late', new Date(T0.getTime() + 1))
    await store.complete(crashed[0]!.id, 'crashed', new Date(T0.getTime() + 999_999))
    expect(store.dump()[0]).toMatchObject({ leaseOwner: 'b', doneAt: clock.now(), attempts: 0 })
  })
})
