// Preloaded (NODE_OPTIONS=--import) into the bot under test: reports on stderr when each better-sqlite3
// `exec` starts and ends, so a test can aim a kill into the migration window. Only the migrations call
// `exec` (Prisma's client prepares its statements), in this version and in the earlier ones.
import { createRequire } from 'node:module'
import { writeSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

// The bot's process, not npm's: `npm start` ran src/main.ts under tsx before issue 15, and runs the
// build (scripts/start.mjs → dist/main.js) since.
if (/(?:src[/\\]main\.ts|scripts[/\\]start\.mjs|dist[/\\]main\.js)$/.test(process.argv[1] ?? '')) {
  const Database = createRequire(process.env.RINGBELL_ROOT + '/package.json')('better-sqlite3')
  const exec = Database.prototype.exec
  const mark = (what, sql) =>
    writeSync(
      2,
      `@@exec ${what} ${performance.timeOrigin + performance.now()} ${sql.trim().slice(0, 24).replace(/\s+/g, ' ')}\n`,
    )
  Database.prototype.exec = function (sql) {
    mark('start', sql)
    try {
      return exec.call(this, sql)
    } finally {
      mark('end', sql)
    }
  }
}
