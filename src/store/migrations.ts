// Applies the committed Prisma migrations at start, all-or-nothing, and creates new ones offline (DESIGN §8).
//
// At start the migrations run in ONE SQLite transaction on a plain better-sqlite3 connection: every pending
// script and its `_prisma_migrations` row commit together or not at all, so a kill -9, a power cut or a
// Ctrl-C at any instant leaves the file exactly as it was before or exactly as it is after. (Prisma's own
// deploy runs each script statement by statement and records it in separate statements: a stop in between
// left files it then refused to open, issue 8.) The rows are the ones Prisma writes — same table, checksum,
// timestamps — so Prisma's tools read the history as their own.
//
// Creating migrations (`npm run db:migrate`) still drives Prisma's WebAssembly schema engine through the
// driver adapter: the Prisma CLI wants to download a native engine.
import { createHash, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import Database from 'better-sqlite3'

/** The checkout: the nearest directory above this module with the schema (src/store, or dist/ when built). */
function checkout(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return dir
    if (dirname(dir) === dir) throw new Error(`prisma/schema.prisma not found above ${from}`)
  }
}
const root = checkout(dirname(fileURLToPath(import.meta.url)))
export const schemaPath = join(root, 'prisma', 'schema.prisma')
export const migrationsDir = join(root, 'prisma', 'migrations')
const filters = { externalTables: [], externalEnums: [] }

export interface Migration {
  /** the directory name, `<timestamp>_<name>` */
  name: string
  script: string
}

/** The committed migrations, oldest first. */
export function committedMigrations(dir = migrationsDir): Migration[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, script: readFileSync(join(dir, name, 'migration.sql'), 'utf8') }))
}

/** A start that cannot migrate: the message says, in Chinese and English, what happened and what to do. */
export class MigrationError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh}\n${en}`)
    this.name = 'MigrationError'
  }
}

// Prisma's own table, word for word (sql-schema-connector, SQLite flavour), so the file reads as Prisma's.
const MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`
/** Prisma's checksum: SHA-256 of the script, lowercase hex. */
const checksum = (script: string) => createHash('sha256').update(script).digest('hex')
/** Prisma's timestamps on SQLite: `2026-11-30T15:10:50.406+00:00`. */
const stamp = () => new Date().toISOString().replace('Z', '+00:00')

interface Row {
  id: string
  migration_name: string
  finished_at: string | null
  rolled_back_at: string | null
}

function history(db: Database.Database): Row[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get()
  if (!has) return []
  return db
    .prepare('SELECT id, migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at')
    .all() as Row[]
}

/** What a start has to do: migrations never applied, and migrations a stopped run left unfinished. */
function plan(rows: Row[], migrations: Migration[]) {
  const done = new Set(
    rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name),
  )
  const failed = new Set(
    rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name),
  )
  const known = new Set(migrations.map((m) => m.name))
  return {
    todo: migrations.filter((m) => !done.has(m.name)),
    unfinished: migrations.filter((m) => failed.has(m.name) && !done.has(m.name)).map((m) => m.name),
    // Rows for migrations this code does not have: the file was used by a newer version.
    unknown: [...done].filter((n) => !known.has(n)),
  }
}

/**
 * Splits a migration script into statements: `;` ends one outside quotes, comments and a trigger's body.
 * Used to check a script is safe inside one transaction and to resume a script an old version left half-run.
 */
export function statements(script: string): string[] {
  const out: string[] = []
  let cur = ''
  let i = 0
  const n = script.length
  while (i < n) {
    const c = script[i]!
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c
      let j = i + 1
      while (j < n && !(script[j] === close && script[j + 1] !== close)) j += script[j] === close ? 2 : 1
      cur += script.slice(i, j + 1)
      i = j + 1
    } else if (c === '-' && script[i + 1] === '-') {
      const j = script.indexOf('\n', i)
      i = j < 0 ? n : j + 1
      cur += '\n'
    } else if (c === '/' && script[i + 1] === '*') {
      const j = script.indexOf('*/', i + 2)
      i = j < 0 ? n : j + 2
      cur += ' '
    } else if (c === ';' && !(isTrigger(cur) && !endsWithEnd(cur))) {
      if (cur.trim()) out.push(cur.trim())
      cur = ''
      i++
    } else {
      cur += c
      i++
    }
  }
  if (cur.trim()) out.push(cur.trim())
  return out
}
const isTrigger = (s: string) => /^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(s)
const endsWithEnd = (s: string) => /\bEND\s*$/i.test(s)

// A statement that would end, nest or escape the one transaction the migrations run in.
const TRANSACTION_CONTROL = /^(?:BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH|DETACH)\b/i

/** The schema a start compares: every table, index, view and trigger but SQLite's own and the history. */
function schemaOf(db: Database.Database): string {
  return JSON.stringify(
    db
      .prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_prisma_migrations' ORDER BY type, name",
      )
      .all(),
  )
}

/**
 * Finishes a migration that an earlier version (Prisma's statement-by-statement deploy) left half-run:
 * finds how many of its statements the file already shows, by replaying them on an empty in-memory
 * database, and runs the rest. Inside the caller's transaction; throws (and so changes nothing) unless
 * the file ends with exactly the schema the migration makes.
 */
function resume(db: Database.Database, file: string, before: Migration[], m: Migration): void {
  const steps = statements(m.script)
  const mem = new Database(':memory:')
  try {
    mem.pragma('foreign_keys = OFF')
    for (const b of before) mem.exec(b.script)
    const shapes = [schemaOf(mem)]
    for (const s of steps) {
      mem.exec(s)
      shapes.push(schemaOf(mem))
    }
    const now = schemaOf(db)
    const from = shapes.indexOf(now)
    if (from < 0) throw unrepairable(file, m.name)
    for (let k = from; k < steps.length; k++) {
      // Statements that change no schema leave no trace in it. Of those, only a copy into a table this
      // migration created (Prisma's table redefinition: `INSERT INTO "new_X" … SELECT`) must not run twice;
      // it ran whole or not at all, so rows in that table mean it ran.
      const copy = /^INSERT\s+INTO\s+"([^"]+)"/i.exec(steps[k]!)
      const ownTable = copy && steps.slice(0, k).some((s) => createsTable(s, copy[1]!))
      if (shapes[k] === now && ownTable && db.prepare(`SELECT 1 FROM "${copy[1]}" LIMIT 1`).get()) continue
      db.exec(steps[k]!)
    }
    if (schemaOf(db) !== shapes[steps.length]) throw unrepairable(file, m.name)
  } finally {
    mem.close()
  }
}

const createsTable = (statement: string, table: string) =>
  statement.replace(/\s+/g, ' ').toLowerCase().startsWith(`create table "${table.toLowerCase()}"`)

const unrepairable = (file: string, name: string) =>
  new MigrationError(
    `数据库 ${file} 上次升级（迁移 ${name}）停在半路，自动修复没有成功；文件没有被改动。请停掉所有协商铃进程，` +
      `先复制一份备份（cp ${file} ${file}.bak），再从升级前的备份恢复这个文件后重新启动；没有备份的话，请把备份文件交给维护的人。`,
    `The database ${file} was left half-way through migration ${name} by an earlier version, and it could not ` +
      `be finished automatically; the file is unchanged. Stop every ringbell process, copy the file ` +
      `(cp ${file} ${file}.bak), then restore it from a backup taken before the upgrade and start again; ` +
      `without a backup, hand the copy to whoever maintains the bot.`,
  )

export interface MigrateResult {
  /** migrations applied by this call */
  applied: string[]
  /** of those, migrations an earlier run had left half-done and that this call finished */
  resumed: string[]
  /** migrations recorded in the file that this code does not know (the file was used by a newer version) */
  unknown: string[]
}

/**
 * `migrate deploy`, all-or-nothing: applies the committed migrations the file has not finished, in one
 * transaction. Idempotent and safe beside other processes: it reads first (no lock when nothing is
 * pending), then takes SQLite's write lock and reads again, so of two starts racing only one applies.
 */
export function migrate(file: string, migrations: Migration[] = committedMigrations()): MigrateResult {
  for (const m of migrations) {
    const bad = statements(m.script).find((s) => TRANSACTION_CONTROL.test(s))
    if (bad)
      throw new MigrationError(
        `迁移 ${m.name} 里有「${bad.slice(0, 40)}」，不能放在一个事务里执行；请删掉这条语句。`,
        `Migration ${m.name} contains "${bad.slice(0, 40)}", which cannot run inside one transaction; remove it.`,
      )
  }
  // Read-write even to look: a file a killed writer left with a hot journal is rolled back on this open
  // (a read-only connection cannot, and failed with "attempt to write a readonly database").
  const db = new Database(file, { timeout: 10_000 })
  try {
    let p = plan(history(db), migrations)
    if (!p.todo.length) return { applied: [], resumed: [], unknown: p.unknown }
    // Off before the transaction (SQLite ignores it inside one), as Prisma's table redefinitions expect;
    // their own `PRAGMA foreign_keys` lines are then no-ops.
    db.pragma('foreign_keys = OFF')
    db.exec('BEGIN IMMEDIATE')
    p = plan(history(db), migrations)
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get())
      db.exec(MIGRATIONS_TABLE)
    const markRolledBack = db.prepare(
      'UPDATE _prisma_migrations SET rolled_back_at = ? WHERE migration_name = ? AND finished_at IS NULL AND rolled_back_at IS NULL',
    )
    const record = db.prepare(
      'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
    )
    const resumed: string[] = []
    for (const m of p.todo) {
      const startedAt = stamp()
      if (p.unfinished.includes(m.name)) {
        resume(db, file, migrations.slice(0, migrations.indexOf(m)), m)
        // What `prisma migrate resolve --rolled-back` does to the stopped attempt; the new row is the real one.
        markRolledBack.run(stamp(), m.name)
        resumed.push(m.name)
      } else {
        db.exec(m.script)
      }
      if (!db.inTransaction)
        throw new MigrationError(
          `迁移 ${m.name} 结束了事务，没法保证全做或全不做。`,
          `Migration ${m.name} ended the transaction; all-or-nothing cannot be kept.`,
        )
      record.run(randomUUID(), checksum(m.script), stamp(), m.name, startedAt)
    }
    db.exec('COMMIT')
    return { applied: p.todo.map((m) => m.name), resumed, unknown: p.unknown }
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK')
    db.close()
  }
}

/** The committed migrations this file has not finished (read-write, see `migrate`). */
export function pendingMigrations(file: string, migrations: Migration[] = committedMigrations()): string[] {
  if (!existsSync(file)) return migrations.map((m) => m.name)
  const db = new Database(file, { timeout: 10_000 })
  try {
    return plan(history(db), migrations).todo.map((m) => m.name)
  } finally {
    db.close()
  }
}

// ---- Prisma's schema engine (WebAssembly): creating migrations, and Prisma's own deploy for comparison ----

function migrationsList() {
  const lock = join(migrationsDir, 'migration_lock.toml')
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lock) ? readFileSync(lock, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: committedMigrations().map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: m.script } },
    })),
  }
}

// The package is built for bundlers (`import * as wasm from "….wasm"`), which Node cannot load:
// instantiate the module ourselves, the way the Prisma CLI does.
let loaded: Promise<typeof bg> | undefined
function engineModule(): Promise<typeof bg> {
  loaded ??= (async () => {
    const pkg = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const wasmFile = join(dirname(pkg), 'schema_engine_bg.wasm')
    // Node has WebAssembly; the ES lib typings (no DOM) do not declare it.
    const wasmApi = (
      globalThis as unknown as {
        WebAssembly: { instantiate(b: Buffer, i: object): Promise<{ instance: { exports: Record<string, unknown> } }> }
      }
    ).WebAssembly
    const { instance } = await wasmApi.instantiate(readFileSync(wasmFile), { './schema_engine_bg.js': bg })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bg
  })()
  return loaded
}

/**
 * The engine reads a partial index's definition with `… AND name = "Case_like_idx"`: a double-quoted string,
 * which SQLite takes as a string only when built to (better-sqlite3 is built without it: "no such column").
 * The connection it is given spells that one literal with single quotes.
 */
function singleQuoted<C extends { queryRaw(q: { sql: string }): Promise<unknown> }>(c: C): C {
  const query = c.queryRaw.bind(c)
  c.queryRaw = (q) =>
    query({
      ...q,
      sql: q.sql.replace(/^(SELECT sql FROM sqlite_master WHERE type = 'index' AND name = )"([^"']*)";$/, "$1'$2';"),
    })
  return c
}

async function withEngine<T>(
  url: string,
  fn: (e: SchemaEngine) => Promise<T>,
  log: (m: string) => void = () => {},
): Promise<T> {
  const schema = readFileSync(schemaPath, 'utf8')
  // The engine never closes the connections it opens; keep hold of them so the file is unlocked after.
  const factory = new PrismaBetterSqlite3({ url })
  const opened: { dispose(): Promise<void> }[] = []
  const tracked = Object.assign(Object.create(factory) as PrismaBetterSqlite3, {
    connect: async () => {
      const c = singleQuoted(await factory.connect())
      opened.push(c)
      return c
    },
    connectToShadowDb: async () => {
      const c = singleQuoted(await factory.connectToShadowDb())
      opened.push(c)
      return c
    },
  })
  const { SchemaEngine } = await engineModule()
  const engine: SchemaEngine = await SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (m: string) => log(m),
    bindMigrationAwareSqlAdapterFactory(tracked),
  )
  try {
    return await fn(engine)
  } finally {
    engine.free()
    await Promise.all(opened.map((c) => c.dispose()))
  }
}

/**
 * Prisma's own `migrate deploy` through the schema engine. Not used at start (it is not all-or-nothing);
 * kept so tests can show that Prisma reads the history `migrate` writes as complete and its own.
 */
export const prismaDeploy = (url: string): Promise<string[]> =>
  withEngine(
    url,
    async (e) => (await e.applyMigrations({ migrationsList: migrationsList(), filters })).appliedMigrationNames,
  )

/**
 * `migrate dev`: replays the committed migrations on a scratch database, diffs it against the schema and
 * writes prisma/migrations/<ts>_<name>/migration.sql. The engine's own createMigration needs a shadow
 * database, which the WebAssembly build cannot open; a scratch database replayed from history is the same thing.
 */
export async function createMigration(url: string, name: string, now = new Date()): Promise<string | undefined> {
  return withEngine(url, async (e) => {
    await e.applyMigrations({ migrationsList: migrationsList(), filters })
    const files = [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }]
    const diff = await e.diff({
      from: { tag: 'schemaDatasource', files, configDir: dirname(schemaPath) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters,
    })
    const script = diff.stdout ?? ''
    if (!script.trim() || /^-- This is an empty migration/.test(script.trim())) return undefined
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14)
    const made = `${stamp}_${name.replace(/\W+/g, '_')}`
    mkdirSync(join(migrationsDir, made), { recursive: true })
    writeFileSync(join(migrationsDir, made, 'migration.sql'), script)
    const lock = join(migrationsDir, 'migration_lock.toml')
    if (!existsSync(lock)) writeFileSync(lock, '# Please do not edit this file manually\nprovider = "sqlite"\n')
    await e.applyMigrations({ migrationsList: migrationsList(), filters })
    return made
  })
}
