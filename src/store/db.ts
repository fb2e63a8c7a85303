// Opens (and on first use creates and migrates) the SQLite database. The only file that builds a PrismaClient.
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient, type Prisma } from '../generated/prisma/client.js'
import { migrate } from './migrations.js'

export type Db = PrismaClient

/**
 * Opens the file, first bringing its schema up to date. The migrations commit all together or not at all
 * and run synchronously, so a signal that arrives meanwhile is handled once they are done, and a kill
 * leaves the file as it was before (see migrations.ts). Other processes may have the file open meanwhile.
 */
export async function openDatabase(file: string): Promise<Db> {
  const path = resolve(file)
  mkdirSync(dirname(path), { recursive: true })
  const url = `file:${path}`
  migrate(path)
  // busy timeout: a second process (or the relay's writes) waits instead of failing with SQLITE_BUSY.
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) })
  // WAL lets readers run beside the writer; measured ~30× faster single-row inserts here (DESIGN §8).
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  return db
}

const queues = new WeakMap<Db, Promise<unknown>>()

/**
 * Runs `fn` alone on this process's connection. The SQLite adapter has a single connection, and its
 * interactive transactions span awaits: a statement issued meanwhile would run inside the open
 * transaction — reading its uncommitted rows, and undone with it if it rolls back. So every access
 * (plain statements and whole transactions) waits its turn here. The statements themselves stay
 * autocommit, so another process's connection never waits on a lock held across our awaits.
 * Inside `fn`, use only the client it is given: calling `serially` again would wait on itself.
 */
export function serially<T>(db: Db, fn: (q: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).catch(() => undefined).then(() => fn(db))
  queues.set(
    db,
    run.catch(() => undefined),
  )
  return run
}

/** One interactive transaction, in turn with everything else on this connection (see `serially`). */
export const transaction = <T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> =>
  serially(db, () => db.$transaction(fn, { maxWait: 30_000, timeout: 30_000 }))
