// An upgrade (or a first start) stopped inside its migration window — kill -9, SIGTERM to the process
// group — never leaves a file the next start cannot open: that start finds every migration applied and
// every case there. `npm run bench:migrate` runs a hundred of these.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { committed, contentOf, migrationIndex, oldFile } from '../store/old-files.js'
import { copyDb, finishedMigrations, runStart, windowOf } from './interrupt.js'

const names = committed.map((m) => m.name).sort()
let dir: string
let base: string
let windowMs: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ringbell-upgrade-'))
  base = join(dir, 'base.db')
  // A community a year on: the version before the Person table was redefined, 20k people, 2k cases.
  oldFile(base, migrationIndex('person_auto_registered'), { people: 20_000, cases: 2_000 })
  // One start left alone measures the window this machine takes.
  const calibration = join(dir, 'calibration.db')
  copyDb(base, calibration)
  const run = await runStart(calibration)
  expect(run.exit).toBe(0)
  windowMs = windowOf(run)!.ms
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const trials: [NodeJS.Signals, number][] = [
  ['SIGKILL', 0.15],
  ['SIGKILL', 0.5],
  ['SIGKILL', 0.85],
  ['SIGTERM', 0.2],
  ['SIGTERM', 0.6],
]

describe('an upgrade stopped inside its migration window', () => {
  it.each(trials)(
    '%s at %f of the window: the next start opens the file with every migration and every case',
    async (signal, at) => {
      const file = join(dir, `${signal}-${at}.db`)
      copyDb(base, file)
      const before = contentOf(file)
      const stopped = await runStart(file, { stop: { signal, afterMs: at * windowMs } })
      expect(stopped.signalledAt).toBeDefined()
      // SIGTERM: the bot itself lets the migration finish (or not begin), stops and says so — not killed.
      if (signal === 'SIGTERM') expect(stopped.stderr).toMatch(/"msg":"stopped"/)

      const again = await runStart(file)
      expect(again.stderr).not.toMatch(/readonly|P3009|MigrationError|start failed/)
      expect(again.exit).toBe(0)
      expect(finishedMigrations(file)).toEqual(names)
      expect(contentOf(file)).toEqual(before)
    },
    60_000,
  )
})

describe('a first start stopped inside its migration window', () => {
  it.each<[NodeJS.Signals]>([['SIGKILL'], ['SIGTERM']])(
    '%s: the next start creates every table and the demo runs',
    async (signal) => {
      const file = join(dir, `first-${signal}.db`)
      await runStart(file, { stop: { signal, afterMs: 5 } })
      const again = await runStart(file)
      expect(again.exit).toBe(0)
      expect(finishedMigrations(file)).toEqual(names)
      expect(contentOf(file)).toEqual({ people: 0, cases: 0, events: 0, outbox: 0 })
    },
    60_000,
  )
})
