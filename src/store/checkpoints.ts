// WAL checkpoints off the bot's thread (issue 15). SQLite copies its write-ahead log back into the database
// file every 1,000 pages, inside whichever COMMIT crosses the mark — on a street office about one ring in a
// hundred, stalled 10–30 ms by the copy and its fsync, which is the ring → ping p99. While the bot runs, a
// worker thread with its own connection checkpoints every tenth of a second instead (PASSIVE: it never
// blocks a writer or a reader), and the bot's connection keeps SQLite's own checkpoint only as a backstop.
// Every second was too seldom under a burst: back-to-back rings write ~50 pages each, and the log then
// reached the backstop, whose copy a COMMIT on the bot's thread paid for (the stalls of the slowest rings
// a third smaller at a tenth of a second). A checkpoint with nothing to copy costs microseconds.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Db } from './db.js'
import { withSql } from './db.js'

/** The bot's own checkpoint, if the worker ever falls behind: 10,000 pages (40 MB of log). */
const BACKSTOP_PAGES = 10_000

const worker = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file, { timeout: 10000 })
const beat = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
}, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(beat)
  db.close()
  parentPort.close()
})
`

export interface Checkpoints {
  stop(): Promise<void>
}

/** Starts checkpointing `db`'s file every `everyMs` in a worker thread; stop() ends it. */
export async function startCheckpoints(db: Db, everyMs = 100): Promise<Checkpoints> {
  const file = await withSql(db, (sql) => {
    sql.conn.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`)
    return sql.conn.name
  })
  const t = new Worker(worker, {
    eval: true,
    workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), file, everyMs },
    // A small thread: it holds one connection and a timer.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
  })
  t.unref()
  const exited = new Promise<void>((done) => t.once('exit', () => done()))
  t.on('error', () => undefined) // the backstop keeps the log in check
  return {
    async stop() {
      // Held while it closes its connection: a stop must not leave the process with nothing to wait on.
      t.ref()
      t.postMessage('stop')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))])
      await t.terminate()
    },
  }
}
