// The store's own statements (src/store/sql.ts) on a plain better-sqlite3 connection.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { Sql } from '../../src/store/sql.js'

const table = () => {
  const conn = new Database(':memory:')
  conn.exec(`CREATE TABLE "T" ("id" INTEGER PRIMARY KEY, "k" TEXT UNIQUE, "n" INTEGER, "at" TEXT)`)
  return new Sql(conn)
}

describe('rows as objects', () => {
  it('a row comes back as an object of its columns, integers as numbers, absent as undefined', () => {
    const sql = table()
    sql.run(`INSERT INTO "T" ("k", "n", "at") VALUES (?, ?, ?)`, 'a', 1, new Date(Date.UTC(2026, 10, 30)))
    expect(sql.get(`SELECT * FROM "T"`)).toEqual({ id: 1, k: 'a', n: 1, at: '2026-11-30T00:00:00.000+00:00' })
    expect(sql.all(`SELECT "k", "n" AS "m" FROM "T"`)).toEqual([{ k: 'a', m: 1 }])
    expect(sql.get(`SELECT * FROM "T" WHERE "k" = ?`, 'none')).toBeUndefined()
    expect(sql.column(`SELECT "k" FROM "T"`)).toEqual(['a'])
  })
})

describe('several rows to a statement', () => {
  it('writes them in the order given, 16 at a time, and says how many it wrote', () => {
    const sql = table()
    const rows = Array.from({ length: 40 }, (_, i) => [`k${i}`, i])
    expect(sql.insertRows(`INSERT INTO "T" ("k", "n") VALUES`, '(?, ?)', rows)).toBe(40)
    expect(sql.all(`SELECT "id", "k" FROM "T" ORDER BY "id"`)).toEqual(rows.map(([k], i) => ({ id: i + 1, k })))
    // What follows VALUES applies to every row: a key already there is passed over, the rest written.
    const again = [
      ['k3', 0],
      ['new', 0],
      ['k39', 0],
    ]
    expect(sql.insertRows(`INSERT INTO "T" ("k", "n") VALUES`, '(?, ?)', again, 'ON CONFLICT ("k") DO NOTHING')).toBe(1)
    expect(sql.insertRows(`INSERT INTO "T" ("k", "n") VALUES`, '(?, ?)', [])).toBe(0)
  })
})

describe('a bound LIMIT', () => {
  it('is prepared as +? — the same rows, a statement SQLite does not prepare again on every run', () => {
    const sql = table()
    sql.insertRows(`INSERT INTO "T" ("k", "n") VALUES`, '(?, ?)', [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ])
    const prepared: string[] = []
    const prepare = sql.conn.prepare.bind(sql.conn)
    sql.conn.prepare = ((text: string) => (prepared.push(text), prepare(text))) as typeof sql.conn.prepare
    const page = (n: number, skip: number) =>
      sql.column<string>(`SELECT "k" FROM "T" ORDER BY "n" LIMIT ? OFFSET ?`, n, skip)
    expect(page(2, 1)).toEqual(['b', 'c'])
    expect(page(3, 2)).toEqual(['c', 'd'])
    expect(page(0, 0)).toEqual([])
    // Prepared once, with the planner kept off the values (STAT4 would have it prepare again on each bind).
    expect(prepared).toEqual([`SELECT "k" FROM "T" ORDER BY "n" LIMIT +? OFFSET +?`])
  })
})

describe('a new row', () => {
  it("comes back as its id, the connection's own, without RETURNING", () => {
    const sql = table()
    expect(sql.insert(`INSERT INTO "T" ("k", "n") VALUES (?, ?)`, 'a', 1)).toBe(1)
    expect(sql.insert(`INSERT INTO "T" ("k", "n") VALUES (?, ?)`, 'b', 2)).toBe(2)
    expect(sql.get(`SELECT "k" FROM "T" WHERE "id" = ?`, 2)).toEqual({ k: 'b' })
  })
})
