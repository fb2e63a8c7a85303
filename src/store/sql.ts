// The store's own statements, on the very connection Prisma's SQLite adapter opened (issue 15). Prisma stays
// the one source of the schema, its migrations and its types; where Prisma itself is the cost — the hot
// path of a ring, the relay, the timers — the store runs hand-written SQL here instead: each statement
// prepared once per connection and run synchronously, one statement per round trip, no query compiler.
//
// Portability (a later step runs several processes on PostgreSQL): the SQL is the dialect both databases
// share — quoted identifiers, `ON CONFLICT … DO NOTHING / DO UPDATE`, `RETURNING`, no SQLite-only
// functions. What is SQLite's own is kept here: the `?` placeholders, how values are bound (a Date as the
// adapter's ISO text, a boolean as 0/1), `BEGIN IMMEDIATE`, the error codes, a bound LIMIT's `+`, and a
// new row's id from the connection rather than from `RETURNING`.
import Database from 'better-sqlite3'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { sqlDate } from './json.js'

export type Value = string | number | bigint | boolean | Date | Uint8Array | null | undefined

const bind = (args: Value[]): unknown[] =>
  args.map((a) => (a instanceof Date ? sqlDate(a) : typeof a === 'boolean' ? (a ? 1 : 0) : (a ?? null)))

/** A DateTime column as the adapter wrote it (ISO text; milliseconds if ever written as a number). */
export const dateOf = (v: unknown): Date => new Date(v as string | number)
export const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : dateOf(v))

interface Prepared {
  s: Database.Statement
  /** a reader's column names, in order: its rows come back as arrays and are made objects here */
  columns?: string[]
}

/** An array row as an object. better-sqlite3 builds row objects a property at a time from C++, ~0.3 µs a
 * column: a Case row (36 columns) costs twice what it does as an array turned into an object here. */
function objectOf(columns: string[], row: unknown[]): unknown {
  const o: Record<string, unknown> = {}
  for (let i = 0; i < columns.length; i++) o[columns[i]!] = row[i]
  return o
}

const ROWS_AT_ONCE = 16

/**
 * `LIMIT ?` and `OFFSET ?` as `+?`: the same number to the query. SQLite (built with STAT4, as better-sqlite3
 * is) lets its planner read a bound LIMIT's value, and so prepares the statement again every time it is
 * bound — ~20 µs on each run of a ring's look-alike and flood reads, the relay's and the timers' batches.
 * The planner does not read `+?`, so the statement prepared once is run as it is.
 */
const unplanned = (sql: string): string => sql.replace(/\b(LIMIT|OFFSET) \?/g, '$1 +?')

/** One connection's statements, each prepared on first use and kept. */
export class Sql {
  private readonly statements = new Map<string, Prepared>()

  constructor(readonly conn: Database.Database) {}

  private prepare(sql: string, pluck = false): Prepared {
    const key = pluck ? `pluck:${sql}` : sql
    let p = this.statements.get(key)
    if (!p) {
      const s = this.conn.prepare(unplanned(sql))
      p = { s }
      if (s.reader) {
        // The adapter reads every integer as a BigInt; ours are ids, counts and versions.
        s.safeIntegers(false)
        if (pluck) s.pluck()
        else {
          s.raw(true)
          p.columns = s.columns().map((c) => c.name)
        }
      }
      this.statements.set(key, p)
    }
    return p
  }

  /** The first column of every row: no object per row (a thousand rows cost a third as much). */
  column<T>(sql: string, ...args: Value[]): T[] {
    return this.prepare(sql, true).s.all(...bind(args)) as T[]
  }

  get<T>(sql: string, ...args: Value[]): T | undefined {
    const p = this.prepare(sql)
    const row = p.s.get(...bind(args)) as unknown[] | undefined
    return (row && p.columns ? objectOf(p.columns, row) : row) as T | undefined
  }

  all<T>(sql: string, ...args: Value[]): T[] {
    const p = this.prepare(sql)
    const rows = p.s.all(...bind(args)) as unknown[][]
    const columns = p.columns
    return (columns ? rows.map((r) => objectOf(columns, r)) : rows) as T[]
  }

  /**
   * Rows into one table, several to a statement (`head` up to VALUES, `row` one row's placeholders, `tail`
   * what follows, e.g. ON CONFLICT): a statement per row costs a round of its own. The statements are
   * kept per number of rows, up to ROWS_AT_ONCE.
   */
  insertRows(head: string, row: string, rows: Value[][], tail = ''): number {
    let changes = 0
    for (let i = 0; i < rows.length; i += ROWS_AT_ONCE) {
      const chunk = rows.slice(i, i + ROWS_AT_ONCE)
      changes += this.run(this.manyRows(head, row, chunk.length, tail), ...chunk.flat())
    }
    return changes
  }

  private readonly many = new Map<string, string[]>()

  /** The text of an insert of n rows, made once per shape and count rather than joined again every time. */
  private manyRows(head: string, row: string, n: number, tail: string): string {
    const key = `${head}\u0000${row}\u0000${tail}`
    let texts = this.many.get(key)
    if (!texts) this.many.set(key, (texts = []))
    return (texts[n] ??= `${head} ${Array.from({ length: n }, () => row).join(', ')}${tail ? ` ${tail}` : ''}`)
  }

  /** How SQLite runs a statement as prepared here (EXPLAIN QUERY PLAN), one line per step: for the tests. */
  plan(sql: string, ...args: Value[]): string[] {
    const steps = this.conn.prepare(`EXPLAIN QUERY PLAN ${unplanned(sql)}`).all(...bind(args))
    return (steps as { detail: string }[]).map((p) => p.detail)
  }

  /**
   * Runs an INSERT of one row and returns its id. SQLite's own last rowid is free where `RETURNING` is
   * not: a Case row written with `RETURNING *` cost twice the write (~20 µs), the row read back by id
   * afterwards a few. (PostgreSQL has no last rowid: there this is `RETURNING "id"`.)
   */
  insert(sql: string, ...args: Value[]): number {
    return Number(this.prepare(sql).s.run(...bind(args)).lastInsertRowid)
  }

  /** Runs a write; `changes` is how many rows it touched. */
  run(sql: string, ...args: Value[]): number {
    return this.prepare(sql).s.run(...bind(args)).changes
  }

  /**
   * `fn` as one transaction. The write lock is taken at BEGIN (IMMEDIATE), so another process's writer
   * is waited for (busy timeout) before anything is read, never found in the middle. Callers hold the
   * connection alone meanwhile (db.ts `serially`).
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    this.run('BEGIN IMMEDIATE')
    try {
      const result = await fn()
      this.run('COMMIT')
      return result
    } catch (e) {
      if (this.conn.inTransaction) this.run('ROLLBACK')
      throw e
    }
  }
}

/** A unique constraint refused the write: in the app's terms, someone else got there first. */
export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Database.SqliteError &&
  (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')

/**
 * The adapter factory Prisma is given, reporting the better-sqlite3 connection it opens: the store's own
 * statements run on that connection, so they share its transactions and never contend with it.
 */
export function sharedConnection(
  inner: SqlMigrationAwareDriverAdapterFactory,
  opened: (sql: Sql) => void,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect()
      // @prisma/adapter-better-sqlite3 (pinned) keeps its connection as `client`.
      const conn = (adapter as unknown as { client?: unknown }).client
      if (!(conn instanceof Database))
        throw new Error('@prisma/adapter-better-sqlite3 no longer exposes its connection: see src/store/sql.ts')
      opened(new Sql(conn))
      return adapter
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  }
}
