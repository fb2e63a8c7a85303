// Rings per second through the whole pipeline (parse → case → duty lookup → outbox) against raw
// better-sqlite3 single-row inserts on the same machine, and ring → ping latency through the relay.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import type { IncomingMessage } from '../src/chat/types.js'
import { ConsoleAdapter } from '../adapters/console/index.js'
import { platformNames } from '../adapters/platforms.js'
import { loadConfig } from '../src/config/load.js'
import { DEMO_START, SimClock } from '../src/domain/clock.js'
import { percentile } from '../src/domain/figures.js'
import { silentLogger } from '../src/log.js'
import { startRingbell } from '../src/ringbell.js'

const N = Number(process.env.BENCH_RINGS ?? 500)

function rawInserts(dir: string): number {
  const db = new Database(join(dir, 'raw.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(
    'CREATE TABLE c (id INTEGER PRIMARY KEY, number INTEGER, text TEXT, category TEXT, place TEXT, createdAt INTEGER)',
  )
  const insert = db.prepare('INSERT INTO c (number, text, category, place, createdAt) VALUES (?, ?, ?, ?, ?)')
  const t0 = performance.now()
  for (let i = 0; i < N; i++) insert.run(i, '楼道灯坏了', '物业', '锦绣新村/9幢', Date.now())
  const s = (performance.now() - t0) / 1000
  db.close()
  return N / s
}

/** The console adapter, listening only for when each case's ping is printed. */
const recorder = (onPing: (no: number, at: number) => void) =>
  new ConsoleAdapter({
    write: (line) => {
      const ping = /^\[\d+\] 好大姐志愿者群\|ringbell: 🔔 #(\d+) /.exec(line)
      if (ping && line.includes('请回复')) onPing(Number(ping[1]), performance.now())
    },
  })

/** Six characters no other ring has: each ring is a new problem, not a repeat that flood control collapses. */
const distinct = (i: number) =>
  Array.from({ length: 6 }, (_, k) => String.fromCharCode(0x4e00 + (((6 * (i + 1) + k) * 7919) % 20000))).join('')

const ring = (i: number): IncomingMessage => ({
  key: { platform: 'console', conversationId: i % 2 ? '9幢业主群' : '10幢业主群', messageId: `bench-${i}` },
  conversation: { kind: 'group', platform: 'console', id: i % 2 ? '9幢业主群' : '10幢业主群' },
  sender: { platform: 'console', id: '王阿姨', name: '王阿姨' },
  content: [{ type: 'text', text: `按铃 ${i % 2 ? 9 : 10}幢2单元楼道灯坏了 ${distinct(i)} 13812345678` }],
  mentionsSelf: false,
  attachments: [],
  sentAt: new Date(),
})

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-'))
  try {
    const raw = rawInserts(dir)
    const started = new Map<number, number>()
    const latencies: number[] = []
    const adapter = recorder((no, at) => {
      const t = started.get(no)
      if (t !== undefined) latencies.push(at - t)
    })
    const demo = loadConfig('config/demo.yaml', platformNames)
    const rb = await startRingbell({
      dbFile: join(dir, 'bench.db'),
      // One resident ringing back to back: the per-person flood limit is lifted to measure the pipeline.
      config: { ...demo, flood: { ...demo.flood, rings: 1_000_000 } },
      adapters: [adapter],
      clock: new SimClock(DEMO_START),
      log: silentLogger(),
      background: true,
      relayPollMs: 50,
    })
    // Warm-up: the first message compiles code paths and fills the directory cache.
    await rb.app.handle(ring(-1), adapter.self)
    await rb.drain()
    const t0 = performance.now()
    for (let i = 0; i < N; i++) {
      started.set(i + 2, performance.now())
      await rb.app.handle(ring(i), adapter.self)
    }
    const pipeline = N / ((performance.now() - t0) / 1000)
    await rb.drain()
    // One ring at a time, each waiting for its ping: the latency a resident sees on an ordinary day.
    const burst = latencies.splice(0)
    const quietRuns = 50
    for (let i = 0; i < quietRuns; i++) {
      const no = N + 2 + i
      started.set(no, performance.now())
      await rb.app.handle(ring(N + i), adapter.self)
      while (latencies.length <= i) await new Promise((r) => setTimeout(r, 1))
    }
    const quiet = latencies.splice(0)
    await rb.stop()
    return {
      rings: N,
      'pipeline rings/s': Math.round(pipeline),
      'raw better-sqlite3 inserts/s': Math.round(raw),
      'pipeline / raw': Number((pipeline / raw).toFixed(4)),
      'ring→ping p50 ms, one at a time': Number(percentile(quiet, 50)!.toFixed(1)),
      'ring→ping p99 ms, one at a time': Number(percentile(quiet, 99)!.toFixed(1)),
      [`ring→ping p50 ms, ${N} back to back`]: Number(percentile(burst, 50)!.toFixed(1)),
      [`ring→ping p99 ms, ${N} back to back`]: Number(percentile(burst, 99)!.toFixed(1)),
      'pings measured': burst.length + quiet.length,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run())
