// Migrations at start are all-or-nothing, and a file an earlier version left half-migrated is finished.
import { execFile, spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/db.js'
import {
  MigrationError,
  migrate,
  pendingMigrations,
  prismaDeploy,
  statements,
  type Migration,
} from '../../src/store/migrations.js'
import { tempDbFile, tempDir } from '../helpers/index.js'
import { committed, contentOf, migrationIndex, oldFile, schemaOf, stoppedHalfWay } from './old-files.js'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const names = committed.map((m) => m.name)

function history(file: string) {
  const db = new Database(file, { readonly: true })
  try {
    return db
      .prepare('SELECT migration_name AS name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at')
      .all() as { name: string; finished_at: string | null; rolled_back_at: string | null }[]
  } finally {
    db.close()
  }
}

describe('migrations at start', () => {
  it('a new file gets every migration; a second start applies nothing', () => {
    const file = tempDbFile()
    expect(names[0]).toMatch(/_init$/)
    expect(migrate(file).applied).toEqual(names)
    expect(migrate(file).applied).toEqual([])
    expect(pendingMigrations(file)).toEqual([])
  })

  it('writes the history Prisma writes: Prisma finds nothing to apply, and the schema is the one Prisma makes', async () => {
    const ours = tempDbFile()
    const prismas = tempDbFile()
    migrate(ours)
    expect(await prismaDeploy(`file:${prismas}`)).toEqual(names)
    expect(await prismaDeploy(`file:${ours}`)).toEqual([])
    expect(schemaOf(ours)).toEqual(schemaOf(prismas))
    // …and the other way round: a file Prisma migrated is complete for us.
    expect(migrate(prismas).applied).toEqual([])
  })

  it('an upgrade keeps every case', () => {
    const file = tempDbFile()
    const from = migrationIndex('person_last_platform') + 1
    oldFile(file, from, { people: 50, cases: 200 })
    const before = contentOf(file)
    expect(migrate(file).applied).toEqual(names.slice(from))
    expect(contentOf(file)).toEqual(before)
    expect(before).toEqual({ people: 50, cases: 200, events: 200, outbox: 400 })
  })

  it("an upgrade from a file that has later migrations than one it lacks: the missing one is applied, the schema is a new file's", async () => {
    // The urgency columns (issue 11) were made on a branch before main's indexes of the same afternoon: a
    // file main's version left has every migration up to figures_people but that one.
    const urgency = committed[migrationIndex('case_urgency')]!
    const mains = committed.slice(0, migrationIndex('figures_people') + 1).filter((m) => m !== urgency)
    expect(mains.at(-1)!.name > urgency.name).toBe(true)
    const file = tempDbFile()
    oldFile(file, mains, { people: 20, cases: 50 })
    const before = contentOf(file)
    const applied = migrate(file).applied
    expect(applied[0]).toBe(urgency.name)
    expect(applied).toEqual(names.filter((n) => !mains.some((m) => m.name === n)))
    expect(contentOf(file)).toEqual(before)
    const fresh = tempDbFile()
    migrate(fresh)
    expect(schemaOf(file)).toEqual(schemaOf(fresh))
    expect(await prismaDeploy(`file:${file}`)).toEqual([])
  })

  it('a migration that fails half-way leaves the file exactly as it was, history and all', () => {
    const file = tempDbFile()
    oldFile(file, committed.length, { people: 3, cases: 5 })
    const schema = schemaOf(file)
    const broken: Migration = {
      name: '29991231000000_half_good',
      script:
        'ALTER TABLE "Case" ADD COLUMN "x" TEXT;\nCREATE TABLE "Extra" ("id" INTEGER);\nINSERT INTO "Nowhere" VALUES (1);\n',
    }
    expect(() => migrate(file, [...committed, broken])).toThrow(/no such table: Nowhere/)
    expect(schemaOf(file)).toEqual(schema)
    expect(history(file).map((r) => r.name)).toEqual(names)
    expect(contentOf(file).cases).toBe(5)
  })

  it('refuses a migration that would end the transaction, before touching the file', () => {
    const file = tempDbFile()
    const sneaky: Migration = { name: '29991231000000_commit', script: 'CREATE TABLE "A" ("id" INTEGER);\nCOMMIT;\n' }
    expect(() => migrate(file, [...committed, sneaky])).toThrow(
      /不能放在一个事务里[\s\S]*cannot run inside one transaction/,
    )
    expect(existsSync(file)).toBe(false)
  })

  it('splits scripts the way SQLite reads them', () => {
    expect(
      statements(`-- CreateTable; not a statement
CREATE TABLE "a;b" ("x" TEXT DEFAULT 'it''s; fine', [y;] INTEGER); /* c; */ INSERT INTO "a;b" VALUES ('--;');
CREATE TRIGGER t AFTER INSERT ON "a;b" BEGIN UPDATE "a;b" SET x = 1; DELETE FROM "a;b" WHERE 0; END;
PRAGMA foreign_keys=ON`),
    ).toEqual([
      `CREATE TABLE "a;b" ("x" TEXT DEFAULT 'it''s; fine', [y;] INTEGER)`,
      `INSERT INTO "a;b" VALUES ('--;')`,
      'CREATE TRIGGER t AFTER INSERT ON "a;b" BEGIN UPDATE "a;b" SET x = 1; DELETE FROM "a;b" WHERE 0; END',
      'PRAGMA foreign_keys=ON',
    ])
  })
})

describe('a file an earlier version left half-way through a migration', () => {
  // Every place Prisma's deploy could have been killed: inside each migration, after each statement.
  const stops = committed.flatMap((m, i) =>
    Array.from({ length: statements(m.script).length + 1 }, (_, done) => ({ i, m, done })),
  )

  it.each(stops.map((s) => [s.m.name.replace(/^\d+_/, ''), s.done, s] as const))(
    'stopped in %s after %i statements: the next start finishes it and keeps every case',
    async (_name, _done, { i, m, done }) => {
      const file = tempDbFile()
      oldFile(file, i, { people: 4, cases: i > 0 ? 6 : 0 })
      const before = i > 0 ? contentOf(file) : undefined
      stoppedHalfWay(file, m, done)

      const result = migrate(file)
      expect(result.applied).toEqual(names.slice(i))
      expect(result.resumed).toEqual([m.name])
      expect(pendingMigrations(file)).toEqual([])
      expect(schemaOf(file)).toEqual(schemaOf(freshFile()))
      if (before) expect(contentOf(file)).toEqual(before)
      // The stopped attempt is marked rolled back, as `prisma migrate resolve --rolled-back` would.
      expect(history(file).filter((r) => r.name === m.name)).toEqual([
        { name: m.name, finished_at: null, rolled_back_at: expect.any(String) },
        { name: m.name, finished_at: expect.any(String), rolled_back_at: null },
      ])
    },
  )

  it('Prisma agrees the repaired file is complete', async () => {
    const file = tempDbFile()
    const m = committed[migrationIndex('person_auto_registered')]!
    oldFile(file, committed.indexOf(m), { people: 4, cases: 2 })
    stoppedHalfWay(file, m, 4)
    migrate(file)
    expect(await prismaDeploy(`file:${file}`)).toEqual([])
  })

  it('one it cannot finish stops the start, says what to do in Chinese and English, and changes nothing', () => {
    const file = tempDbFile()
    const last = committed.length - 1
    oldFile(file, last, { people: 2, cases: 3 })
    stoppedHalfWay(file, committed[last]!, 0)
    new Database(file).exec('CREATE TABLE "Stray" ("id" INTEGER)')
    const schema = schemaOf(file)
    const rows = history(file)
    let error: unknown
    try {
      migrate(file)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(MigrationError)
    expect((error as Error).message).toMatch(/停在半路[\s\S]*请停掉所有协商铃进程[\s\S]*备份/)
    expect((error as Error).message).toMatch(
      new RegExp(`half-way through migration .*${committed[last]!.name}[\\s\\S]*Stop every ringbell process`),
    )
    expect(schemaOf(file)).toEqual(schema)
    expect(history(file)).toEqual(rows)
  })

  it('a hot journal a killed writer left is rolled back, not a "readonly database"', async () => {
    const file = tempDbFile()
    oldFile(file, committed.length, { people: 2, cases: 50 })
    const db = new Database(file)
    db.pragma('journal_mode = DELETE')
    db.close()
    // A writer killed mid-transaction, after its cache spilled changed pages into the file.
    const writer = `
      const Database = require('better-sqlite3')
      const db = new Database(${JSON.stringify(file)})
      db.pragma('cache_size = 1')
      db.exec('BEGIN')
      db.exec("UPDATE \\"Case\\" SET text = text || '${'x'.repeat(2000)}'")
      process.kill(process.pid, 'SIGKILL')`
    const child = spawn(process.execPath, ['-e', writer], { cwd: root, stdio: 'inherit' })
    expect(await new Promise((r) => child.on('exit', (_c, s) => r(s)))).toBe('SIGKILL')
    expect(existsSync(`${file}-journal`)).toBe(true)

    expect(migrate(file).applied).toEqual([])
    expect(existsSync(`${file}-journal`)).toBe(false)
    const prisma = await openDatabase(file)
    expect((await prisma.case.findFirstOrThrow()).text).not.toMatch(/x{2000}/)
    await prisma.$disconnect()
  })
})

describe('migrations beside other processes', () => {
  it('starts racing on a new file: one applies every migration, the others find nothing to do', async () => {
    const file = join(tempDir(), 'race.db')
    const script = join(tempDir(), 'race.mts')
    writeFileSync(
      script,
      `import { migrate } from ${JSON.stringify(join(root, 'src/store/migrations.ts'))}
       console.log(JSON.stringify(migrate(${JSON.stringify(file)}).applied))`,
    )
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: root }).then(
          (r) => JSON.parse(r.stdout) as string[],
        ),
      ),
    )
    expect(runs.filter((r) => r.length === names.length)).toHaveLength(1)
    expect(runs.filter((r) => r.length === 0)).toHaveLength(3)
    expect(history(file).map((r) => r.name)).toEqual(names)
  })

  it('an upgrade runs while another process has the file open', () => {
    const file = tempDbFile()
    oldFile(file, committed.length - 1, { people: 2, cases: 4 })
    const other = new Database(file)
    try {
      expect(other.prepare('SELECT count(*) AS n FROM "Case"').get()).toEqual({ n: 4 })
      expect(migrate(file).applied).toEqual(names.slice(-1))
      expect(other.prepare('SELECT "originThreadId" FROM "Case" LIMIT 1').get()).toEqual({ originThreadId: null })
    } finally {
      other.close()
    }
  })
})

let fresh: string | undefined
/** A file migrated from nothing, the schema every upgrade must end with. */
function freshFile(): string {
  if (!fresh || !existsSync(fresh)) {
    fresh = tempDbFile()
    migrate(fresh)
  }
  return fresh
}
