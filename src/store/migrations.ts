// Applies and creates Prisma migrations offline (DESIGN §8): the Prisma CLI wants to download a native
// schema engine, so we drive the schema engine's WebAssembly build through the SQLite driver adapter.
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import Database from 'better-sqlite3'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const schemaPath = join(root, 'prisma', 'schema.prisma')
export const migrationsDir = join(root, 'prisma', 'migrations')
const filters = { externalTables: [], externalEnums: [] }

function migrationsList() {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : []
  const lock = join(migrationsDir, 'migration_lock.toml')
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lock) ? readFileSync(lock, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((path) => ({
      path,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: readFileSync(join(migrationsDir, path, 'migration.sql'), 'utf8') },
      },
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
      const c = await factory.connect()
      opened.push(c)
      return c
    },
    connectToShadowDb: async () => {
      const c = await factory.connectToShadowDb()
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
 * The committed migrations this database has not finished. Read with a plain connection: the schema
 * engine takes the file in exclusive locking mode, which must not happen while another process has it open.
 */
export function pendingMigrations(file: string): string[] {
  const wanted = migrationsList().migrationDirectories.map((d) => d.path)
  if (!existsSync(file)) return wanted
  const db = new Database(file, { readonly: true, timeout: 10_000 })
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get()
    if (!has) return wanted
    const done = new Set(
      (
        db
          .prepare(
            'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
          .all() as { name: string }[]
      ).map((r) => r.name),
    )
    return wanted.filter((m) => !done.has(m))
  } finally {
    db.close()
  }
}

/** `migrate deploy`: applies the committed migrations that the database has not seen. Idempotent. */
export const applyMigrations = (url: string): Promise<string[]> =>
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
