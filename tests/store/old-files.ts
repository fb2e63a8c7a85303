// Databases as earlier versions left them: at an older migration, full of cases, or half-way through a
// migration the way Prisma's statement-by-statement deploy stopped when the process was killed.
import Database from 'better-sqlite3'
import { committedMigrations, migrate, statements, type Migration } from '../../src/store/migrations.js'

export const committed = committedMigrations()

/** The index of the first migration whose name ends with `suffix`. */
export const migrationIndex = (suffix: string): number => {
  const i = committed.findIndex((m) => m.name.endsWith(suffix))
  if (i < 0) throw new Error(`no migration *${suffix}`)
  return i
}

/** What an older file holds, in columns every migration since the first has kept. */
export interface OldContent {
  people: number
  cases: number
}

/**
 * A file as the version with only the first `upTo` migrations left it (or exactly the migrations given: a
 * branch's migration can fall between the ones another version already had), in WAL mode like every file a
 * start opened, holding the demo community with `people` residents and `cases` cases (each with its event
 * and its two messages sent).
 */
export function oldFile(file: string, upTo: number | Migration[], content: OldContent = { people: 0, cases: 0 }): void {
  const had = typeof upTo === 'number' ? committed.slice(0, upTo) : upTo
  migrate(file, had)
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    if (had.length > 0) fill(db, content)
  } finally {
    db.close()
  }
}

function fill(db: Database.Database, { people, cases }: OldContent) {
  const at = '2026-11-02T01:00:00.000+00:00'
  db.transaction(() => {
    const community = Number(
      db.prepare("INSERT INTO Community (name, nextCaseNo) VALUES ('锦绣社区', ?)").run(cases + 1).lastInsertRowid,
    )
    const person = db.prepare('INSERT INTO Person (communityId, name) VALUES (?, ?)')
    const ids: number[] = []
    for (let i = 0; i < Math.max(people, 1); i++)
      ids.push(Number(person.run(community, `居民${String(i + 1).padStart(5, '0')}`).lastInsertRowid))
    const kase = db.prepare(
      `INSERT INTO "Case" (communityId, number, text, category, place, contact, reporterId, originPlatform, originChatId, originMsgId, createdAt)
       VALUES (?, ?, ?, '物业', '锦绣新村/9幢', '13812345678', ?, 'console', '9幢业主群', ?, ?)`,
    )
    const event = db.prepare(
      "INSERT INTO CaseEvent (caseId, actorId, kind, payload, at) VALUES (?, ?, 'rung', '{}', ?)",
    )
    const outbox = db.prepare(
      `INSERT INTO Outbox (platform, chatKind, chatId, content, caseId, status, nextAttemptAt, createdAt, sentAt)
       VALUES ('console', 'group', ?, ?, ?, 'sent', ?, ?, ?)`,
    )
    for (let n = 1; n <= cases; n++) {
      const reporter = ids[n % ids.length]!
      const text = `9幢${(n % 6) + 1}单元楼道灯坏了（第 ${n} 次）`
      const caseId = Number(kase.run(community, n, text, reporter, `old-${n}`, at).lastInsertRowid)
      event.run(caseId, reporter, at)
      for (const chat of ['9幢业主群', '好大姐志愿者群'])
        outbox.run(chat, JSON.stringify([{ type: 'text', text: `🔔 #${n} ${text}` }]), caseId, at, at, at)
    }
  })()
}

/** Row counts that must survive any upgrade (people: the residents `oldFile` wrote; a start adds the config's). */
export function contentOf(file: string): { people: number; cases: number; events: number; outbox: number } {
  const db = new Database(file, { readonly: true })
  try {
    const count = (from: string) => (db.prepare(`SELECT count(*) AS n FROM ${from}`).get() as { n: number }).n
    return {
      people: count(`Person WHERE name LIKE '居民%'`),
      cases: count('"Case"'),
      events: count('CaseEvent'),
      outbox: count('Outbox'),
    }
  } finally {
    db.close()
  }
}

/**
 * What Prisma's deploy (the start of every version before this one) left when killed half-way through
 * `m`: its history row written with no finished_at, and the first `done` statements of the script run,
 * each on its own (SQLite made each one atomic, nothing made the script atomic).
 */
export function stoppedHalfWay(file: string, m: Migration, done: number): void {
  const db = new Database(file)
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`)
    db.prepare("INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES (?, 'x', ?, '')").run(
      `stopped-${m.name}`,
      m.name,
    )
    for (const s of statements(m.script).slice(0, done)) db.exec(s)
  } finally {
    db.close()
  }
}

/** Every table, index and trigger with its SQL: what two files must share to have the same schema. */
export function schemaOf(file: string): unknown[] {
  const db = new Database(file, { readonly: true })
  try {
    return db
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY type, name",
      )
      .all()
  } finally {
    db.close()
  }
}
