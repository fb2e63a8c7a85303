// `npm run bench:migrate [-- --trials 100] [--root DIR]`: files broken per 100 starts stopped inside their
// migration window. The real entry point (`npm start` in DIR, default this checkout — point it at an
// older checkout to measure that) is stopped with kill -9 or SIGTERM to its process group at moments
// spread across the window, then started again; a file is broken when that start fails, misses a
// migration or lost a case. Two files: an upgrade of a community full of cases, and a first start.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { copyDb, finishedMigrations, runStart, windowOf } from '../tests/main/interrupt.js'
import { committed, contentOf, migrationIndex, oldFile } from '../tests/store/old-files.js'

const { values } = parseArgs({ options: { trials: { type: 'string' }, root: { type: 'string' } } })
const trials = Number(values.trials ?? 100)
const cwd = resolve(values.root ?? '.')
const names = committed.map((m) => m.name).sort()

interface Figures {
  trials: number
  'window (ms, median)': number
  'stopped inside the window': number
  'broken files': number
  'broken per 100 stopped inside': number
  'SIGTERM stops that ended in the bot’s own clean stop': string
}

async function scenario(name: string, make: (file: string) => void): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-migrate-'))
  try {
    const base = join(dir, 'base.db')
    make(base)
    const before = existsSync(base) ? contentOf(base) : { people: 0, cases: 0, events: 0, outbox: 0 }
    const windows: number[] = []
    for (let i = 0; i < 3; i++) {
      const f = join(dir, `calibration-${i}.db`)
      copyDb(base, f)
      const w = windowOf(await runStart(f, { cwd }))
      if (w) windows.push(w.ms)
    }
    const windowMs = windows.sort((a, b) => a - b)[1] ?? windows[0] ?? 0
    let inside = 0
    let broken = 0
    let terms = 0
    let clean = 0
    for (let i = 0; i < trials; i++) {
      // Alternate the signal; spread the moments evenly over the window (golden-ratio steps).
      const signal: NodeJS.Signals = i % 2 ? 'SIGTERM' : 'SIGKILL'
      const afterMs = ((i * 0.618_034) % 1) * windowMs
      const file = join(dir, `t${i}.db`)
      copyDb(base, file)
      const stopped = await runStart(file, { cwd, stop: { signal, afterMs } })
      const opened = windowOf(stopped)?.start ?? stopped.execs[0]?.start
      if (opened !== undefined && stopped.signalledAt !== undefined && stopped.signalledAt - opened <= windowMs)
        inside++
      if (signal === 'SIGTERM') {
        terms++
        if (/"msg":"stopped"/.test(stopped.stderr)) clean++
      }
      const again = await runStart(file, { cwd })
      let ok = again.exit === 0
      try {
        ok &&= JSON.stringify(finishedMigrations(file)) === JSON.stringify(names)
        ok &&= JSON.stringify(contentOf(file)) === JSON.stringify(before)
      } catch {
        ok = false
      }
      if (!ok) {
        broken++
        const why =
          again.stderr.match(/P3009|readonly database|MigrationError|"msg":"[^"]*"/)?.[0] ?? `exit ${again.exit}`
        console.log(`  ${name} #${i} ${signal} +${afterMs.toFixed(0)} ms: broken (${why})`)
      }
      rmSync(file, { force: true })
    }
    return {
      trials,
      'window (ms, median)': Math.round(windowMs),
      'stopped inside the window': inside,
      'broken files': broken,
      'broken per 100 stopped inside': inside ? Math.round((broken / inside) * 1000) / 10 : 0,
      'SIGTERM stops that ended in the bot’s own clean stop': `${clean} of ${terms}`,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<Record<string, Figures>> {
  return {
    'upgrade, 20k people, 2k cases': await scenario('upgrade', (f) =>
      oldFile(f, migrationIndex('person_auto_registered'), { people: 20_000, cases: 2_000 }),
    ),
    'first start': await scenario('first start', () => {}),
  }
}

console.log(`ringbell bench:migrate — ${trials} stopped starts per file, entry point in ${cwd}`)
console.table(await run())
