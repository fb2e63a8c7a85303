// Opens (and on first use creates and migrates) the SQLite database. The only file that builds a PrismaClient.
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient, type Prisma } from '../generated/prisma/client.js'
import { migrate } from './migrations.js'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { sharedConnection, type Sql } from './sql.js'

export type Db = PrismaClient

/** Each client's connection, as its adapter opened it (again after a $disconnect). */
const connections = new WeakMap<Db, Sql>()

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
  const inner = new PrismaBetterSqlite3({ url, timeout: 10_000 })
  // errorFormat minimal: no stack captured on every query to point an error message at its call site.
  const db: Db = new PrismaClient({
    adapter: sharedConnection(inner, (sql) => connections.set(db, sql)),
    errorFormat: 'minimal',
  })
  made.add(db)
  // WAL lets readers run beside the writer; measured ~30× faster single-row inserts here (DESIGN §8).
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  return db
}

const queues = new WeakMap<Db, Promise<unknown>>()
/** Accesses queued or running on each client: with none, the next one starts at once. */
const inFlight = new WeakMap<Db, number>()

/**
 * Runs `fn` alone on this process's connection. Prisma and the store's own statements share one
 * connection, and a transaction spans awaits: a statement issued meanwhile would run inside the open
 * transaction — reading its uncommitted rows, and undone with it if it rolls back. So every access
 * (plain statements and whole transactions) waits its turn here. Outside a transaction the statements
 * stay autocommit, so another process's connection never waits on a lock held across our awaits.
 * Inside `fn`, use only the client it is given: calling `serially` again would wait on itself.
 */
export function serially<T>(db: Db, fn: (q: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const ahead = inFlight.get(db) ?? 0
  inFlight.set(db, ahead + 1)
  // Nothing running or waiting: started now rather than a turn of the queue later (a ring makes a dozen
  // accesses, most of them with the connection idle).
  const run: Promise<T> = ahead === 0 ? now(() => fn(db)) : queues.get(db)!.then(() => fn(db))
  const left = () => void inFlight.set(db, inFlight.get(db)! - 1)
  queues.set(db, run.then(left, left))
  return run
}

/** `f()` as a promise, a throw as a rejection. */
function now<T>(f: () => Promise<T>): Promise<T> {
  try {
    return f()
  } catch (e) {
    return Promise.reject(e)
  }
}

/** The connection's own statements (sql.ts); opens it again if a $disconnect closed it. */
async function connection(db: Db): Promise<Sql> {
  const held = connections.get(db)
  if (held?.conn.open) return held
  if (made.has(db)) {
    await db.$connect()
    const sql = connections.get(db)
    if (sql?.conn.open) return sql
  }
  // A client made without openDatabase (a test's second client on a file): a connection of our own from
  // the client's adapter factory, as a second process would have.
  const factory = (db as unknown as { _engineConfig?: { adapter?: SqlMigrationAwareDriverAdapterFactory } })
    ._engineConfig?.adapter
  if (!factory) throw new Error('no database connection: open the database with openDatabase()')
  let own: Sql | undefined
  await sharedConnection(factory, (sql) => (own = sql)).connect()
  own!.conn.pragma('synchronous = NORMAL')
  connections.set(db, own!)
  return own!
}
/** Clients openDatabase made: their adapter reports its connection. */
const made = new WeakSet<Db>()

/** `fn` on the store's own statements, in turn with everything else on this connection (see `serially`). */
export function withSql<T>(db: Db, fn: (sql: Sql) => T | Promise<T>): Promise<T> {
  return serially(db, () => {
    const held = connections.get(db)
    // The connection open, as it nearly always is: no wait for it.
    return held?.conn.open ? Promise.resolve(fn(held)) : connection(db).then(fn)
  })
}

/** One transaction of the store's own statements, in turn with everything else on this connection. */
export function sqlTransaction<T>(db: Db, fn: (sql: Sql) => Promise<T>): Promise<T> {
  return withSql(db, (sql) => sql.transaction(() => fn(sql)))
}
