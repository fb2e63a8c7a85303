// A stop however it is signalled (Ctrl-C, SIGTERM to the process group, SIGHUP) at any moment — while the
// config loads, the database migrates, the console starts, or a line is being handled — lets the step
// under way finish, starts nothing more, and ends in exit 0 with the database closed.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/index.js'
import { committed } from '../store/old-files.js'
import { finishedMigrations, root } from './interrupt.js'

interface Bot {
  exit: number | NodeJS.Signals | null
  stderr: string
  /** ms since spawn of each log message */
  at: Record<string, number>
}

/**
 * The entry point as `npm start` runs it (`node --import tsx src/main.ts`), in its own process group,
 * stdin open so it waits for a transcript. `drive` decides when to signal; resolves when it has exited.
 */
function bot(db: string, drive: (b: Bot, signal: (s: NodeJS.Signals) => void, write: (l: string) => void) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--db', db], {
    cwd: root,
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'debug' },
  })
  const t0 = Date.now()
  const b: Bot = { exit: null, stderr: '', at: {} }
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (d: string) => {
    b.stderr += d
    for (const m of d.matchAll(/"msg":"([^"]+)"/g)) b.at[m[1]!] ??= Date.now() - t0
  })
  drive(
    b,
    (s) => process.kill(-child.pid!, s),
    (l) => child.stdin.write(`${l}\n`),
  )
  return new Promise<Bot>((done) =>
    child.on('close', (code, signal) => {
      b.exit = code ?? signal
      done(b)
    }),
  )
}

const when = (b: Bot, msg: string, ms = 60_000) =>
  new Promise<void>((resolve, reject) => {
    const until = Date.now() + ms
    const poll = () => (msg in b.at ? resolve() : Date.now() > until ? reject(new Error(msg)) : setTimeout(poll, 5))
    poll()
  })

let startMs: number
beforeAll(async () => {
  // How long this machine takes from the logger's first line to a started bot.
  const b = await bot(join(tempDir(), 'calibration.db'), async (b, signal) => {
    await when(b, 'ringbell started')
    signal('SIGTERM')
  })
  startMs = b.at['ringbell started']! - b.at.starting!
}, 120_000)

describe('a stop during the start', () => {
  it.each<[NodeJS.Signals, number]>([
    ['SIGTERM', 0],
    ['SIGINT', 0.3],
    ['SIGTERM', 0.6],
    ['SIGHUP', 0.9],
  ])(
    '%s at %f of the start: the step under way ends, nothing more starts, exit 0',
    async (sig, at) => {
      const db = join(tempDir(), 'start.db')
      const b = await bot(db, async (b, signal) => {
        await when(b, 'starting')
        setTimeout(() => signal(sig), at * startMs)
      })
      expect(b.exit).toBe(0)
      expect(b.at.stopping).toBeDefined()
      expect(b.at.stopped).toBeDefined()
      // Nothing started after the stop was asked for.
      if (b.at['ringbell started'] !== undefined) expect(b.at['ringbell started']).toBeLessThanOrEqual(b.at.stopping!)
      // The file is as a migration leaves it: not there, or with every migration.
      if (existsSync(db)) expect(finishedMigrations(db)).toEqual(committed.map((m) => m.name).sort())
    },
    60_000,
  )
})

describe('a stop while running', () => {
  it('SIGTERM to the process group while lines arrive: exit 0, the database closed cleanly', async () => {
    const db = join(tempDir(), 'running.db')
    const b = await bot(db, async (b, signal, write) => {
      await when(b, 'ringbell started')
      write('9幢业主群|王阿姨: 按铃 9幢2单元楼道灯坏了')
      write('@王阿姨: 我的单')
      signal('SIGTERM')
    })
    expect(b.exit).toBe(0)
    expect(b.at.stopped).toBeDefined()
    // The last connection closed cleanly: SQLite folded the write-ahead log back and removed it.
    expect(existsSync(`${db}-wal`)).toBe(false)
  }, 60_000)
})
