// Interrupted starts, from outside: the real entry point (`npm start`) as a child process in its own process
// group, stopped with a signal at a chosen moment of its migration window, then started again. Shared by
// tests/main/upgrade.test.ts (a few trials) and bench/migrate.ts (a hundred).
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const marks = join(root, 'tests/main/exec-marks.mjs')

export interface Run {
  /** npm's exit code, or the signal that ended it */
  exit: number | NodeJS.Signals | null
  stderr: string
  /** every `exec` the bot ran, with when it started and ended (ms since the epoch) */
  execs: { sql: string; start: number; end?: number }[]
  /** when the child was spawned and when it was signalled */
  spawnedAt: number
  signalledAt?: number
}

/**
 * Runs `npm start -- --db FILE` (in `cwd`, the checkout under test) with stdin closed, so a start that is
 * not stopped migrates, loads the config, finds no transcript and exits. With `stop`, the process group
 * gets `stop.signal` `stop.afterMs` after the first `exec` (the migration window opens), or after the
 * spawn if nothing is executed by then. Resolves when every process that wrote to stdout/stderr is gone.
 */
export function runStart(
  dbFile: string,
  o: { cwd?: string; stop?: { signal: NodeJS.Signals; afterMs: number }; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  const cwd = o.cwd ?? root
  const child = spawn('npm', ['start', '--silent', '--', '--db', dbFile], {
    cwd,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${marks}`.trim(),
      RINGBELL_ROOT: cwd,
      ...o.env,
    },
  })
  const run: Run = { exit: null, stderr: '', execs: [], spawnedAt: Date.now() }
  let timer: NodeJS.Timeout | undefined
  const signal = () => {
    if (run.signalledAt || !o.stop) return
    run.signalledAt = Date.now()
    try {
      process.kill(-child.pid!, o.stop.signal)
    } catch {
      // already gone
    }
  }
  let pending = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (d: string) => {
    run.stderr += d
    pending += d
    const lines = pending.split('\n')
    pending = lines.pop()!
    for (const l of lines) {
      if (!l.startsWith('@@exec ')) continue
      const [, what, at, ...sql] = l.split(' ')
      if (what === 'start') run.execs.push({ sql: sql.join(' '), start: Number(at) })
      else run.execs.findLast((e) => e.end === undefined)!.end = Number(at)
      if (o.stop && !timer && run.execs.length === 1) timer = setTimeout(signal, o.stop.afterMs)
    }
  })
  return new Promise((done) => {
    child.on('exit', (code, sig) => (run.exit = code ?? sig))
    // `close`: the bot itself (not only npm) has exited and closed stderr.
    child.on('close', () => {
      clearTimeout(timer)
      done(run)
    })
  })
}

/** The migration window of a run: from the first `exec` to the end of the last. */
export function windowOf(run: Run): { start: number; ms: number } | undefined {
  const first = run.execs[0]
  const last = run.execs.at(-1)
  if (!first || !last?.end) return undefined
  return { start: first.start, ms: last.end - first.start }
}

/** Copies a database file with whatever journal sits beside it. */
export function copyDb(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix)
}

/** Opens the file read-only (as a check, after a start): the migrations recorded as finished. */
export function finishedMigrations(file: string): string[] {
  const db = new Database(file, { readonly: true })
  try {
    return (
      db
        .prepare(
          'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
        )
        .all() as { name: string }[]
    ).map((r) => r.name)
  } finally {
    db.close()
  }
}
