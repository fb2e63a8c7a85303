// What one ring costs in round trips: the SQL statements it runs and the promises it creates. Counted in
// a phase of its own (an async hook slows every promise), never while anything is timed.
//   statements: every execution on a better-sqlite3 connection in this process — Prisma's (its adapter
//     prepares and runs each one on better-sqlite3), the store's own, BEGIN and COMMIT alike.
//   promises: every promise created meanwhile (async_hooks type PROMISE), the app's and its libraries'.
import { createHook } from 'node:async_hooks'
import Database from 'better-sqlite3'

let statements = 0
let wrapped = false

/** Counts executions of every better-sqlite3 statement from now on (once per process; cheap). */
function countStatements(): void {
  if (wrapped) return
  wrapped = true
  const probe = new Database(':memory:')
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>
  probe.close()
  for (const name of ['run', 'get', 'all', 'iterate'] as const) {
    const original = proto[name] as (...args: unknown[]) => unknown
    proto[name] = function (this: unknown, ...args: unknown[]) {
      statements++
      return original.apply(this, args)
    }
  }
  // Database.exec (a script: BEGIN/COMMIT in some drivers) counts as one.
  const dbProto = Database.prototype as unknown as Record<string, unknown>
  const exec = dbProto.exec as (...args: unknown[]) => unknown
  dbProto.exec = function (this: unknown, ...args: unknown[]) {
    statements++
    return exec.apply(this, args)
  }
}

export interface Census {
  statements: number
  promises: number
}

/** Statements and promises per call of `f`, over `n` calls. */
export async function census(n: number, f: () => Promise<void>): Promise<Census> {
  countStatements()
  let promises = 0
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') promises++
    },
  })
  const s0 = statements
  hook.enable()
  try {
    for (let i = 0; i < n; i++) await f()
  } finally {
    hook.disable()
  }
  return { statements: (statements - s0) / n, promises: promises / n }
}
