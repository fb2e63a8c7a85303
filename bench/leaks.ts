// A seeded fuzz through the console app: neighbours write phone numbers into rings, notes, reasons,
// options, names and places, in every shape; how many group messages carry a full number?
// BENCH_FUZZ=10000 npx tsx bench/leaks.ts (default 10,000 messages; about 20 ms each here)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConsoleAdapter } from '../adapters/console/index.js'
import { ConsoleSession } from '../adapters/console/session.js'
import { platformNames } from '../adapters/platforms.js'
import { loadConfig } from '../src/config/load.js'
import { DEMO_START, SimClock } from '../src/domain/clock.js'
import { silentLogger } from '../src/log.js'
import { startRingbell } from '../src/ringbell.js'
import { fuzzLines, leaks } from '../tests/helpers/fuzz.js'

const N = Number(process.env.BENCH_FUZZ ?? 10_000)
const SEED = 8

export async function run(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-leaks-'))
  const out: string[] = []
  const clock = new SimClock(DEMO_START)
  const adapter = new ConsoleAdapter({ write: (l) => out.push(...l.split('\n')), now: () => clock.now() })
  const rb = await startRingbell({
    dbFile: join(dir, 'fuzz.db'),
    config: loadConfig(join(import.meta.dirname, '../config/demo.yaml'), platformNames),
    adapters: [adapter],
    clock,
    log: silentLogger(),
    background: false,
  })
  try {
    const session = new ConsoleSession(rb, adapter, clock, (l) => out.push(l))
    const { lines, numbers } = fuzzLines(N, SEED)
    const t0 = performance.now()
    for (const l of lines) await session.line(l)
    const seconds = (performance.now() - t0) / 1000
    const found = leaks(out, numbers)
    return [
      {
        'messages typed': N,
        seed: SEED,
        'numbers typed': numbers.size,
        'group messages': found.messages,
        'carrying a full number': found.group,
        'of which in an @name': found.mentions,
        'ms / message': Math.round((seconds * 1000) / N),
      },
    ]
  } finally {
    await rb.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) console.table(await run())
