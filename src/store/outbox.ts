// The store side of the relay's OutboxStore, on the store's own statements (sql.ts): the relay runs
// between every ring and its ping. Heartbeats are KeyValue rows `relay:<owner>` → ISO time.
import type { AskedIn, MessageKey, Segment } from '../chat/types.js'
import type { OutboxRow, OutboxStore } from '../delivery/relay.js'
import type { Outbox } from '../generated/prisma/client.js'
import { withSql, type Db } from './db.js'
import { fromJson } from './json.js'
import { prefixRange } from './job-store.js'
import type { Raw } from './rows.js'
import { dateOf, dateOrNull } from './sql.js'

const beatKey = (owner: string) => `relay:${owner}`
/** heartbeats of relays that died without stopping are swept after this long */
const FORGET_BEATS_MS = 24 * 3600_000
const AT_ONCE = new Date(0)
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ')

type Row = Raw<Outbox> & { caseUrgency: string | null }

export class PrismaOutbox implements OutboxStore {
  private swept = false

  constructor(private readonly db: Db) {}

  async pending(platforms: string[], limit: number, owner: string, now: Date): Promise<OutboxRow[]> {
    return withSql(this.db, (sql) =>
      // Per platform, so a long queue on one (WeChat after a logout, at 1/s) does not starve the others.
      platforms
        .flatMap((platform) => {
          // The case's urgency rides along: folded pings go out most urgent first (issue 11 × 12).
          const head = sql.all<Row>(
            `SELECT o.*, c."urgency" AS "caseUrgency" FROM "Outbox" o LEFT JOIN "Case" c ON c."id" = o."caseId" WHERE o."status" = 'pending' AND o."platform" = ? ORDER BY o."id" LIMIT ?`,
            platform,
            limit,
          )
          if (head.length < limit) return head
          // A queue longer than one read (WeChat after a logout, at one message a second): an urgent case's
          // messages further back are read too, so they take the next turns (relay.ts) instead of waiting
          // for the queue ahead of them to drain.
          const urgent = sql.all<Row>(
            `SELECT o.*, c."urgency" AS "caseUrgency" FROM "Outbox" o JOIN "Case" c ON c."id" = o."caseId" WHERE o."status" = 'pending' AND o."platform" = ? AND o."id" > ? AND c."urgency" IS NOT NULL ORDER BY o."id" LIMIT ?`,
            platform,
            head.at(-1)!.id,
            limit,
          )
          return [...head, ...urgent]
        })
        .sort((x, y) => x.id - y.id)
        .map(({ leaseOwner, leaseUntil, caseUrgency, ...r }) => {
          const until = dateOrNull(leaseUntil)
          return {
            id: r.id,
            platform: r.platform,
            chatKind: r.chatKind === 'direct' ? 'direct' : 'group',
            chatId: r.chatId,
            threadId: r.threadId,
            content: fromJson<Segment[]>(r.content, []),
            replyToMsgId: r.replyToMsgId,
            attempts: r.attempts,
            nextAttemptAt: dateOf(r.nextAttemptAt),
            caseId: r.caseId,
            purpose: r.purpose,
            askedIn: fromJson<AskedIn | null>(r.askedIn, null),
            fold: r.fold === null ? null : fromJson<Segment[] | null>(r.fold, null),
            fileName: r.fileName,
            fileMime: r.fileMime,
            ...(caseUrgency ? { urgency: 1 } : {}),
            ...(leaseOwner !== null && leaseOwner !== owner && until !== null && until > now
              ? { heldBy: leaseOwner }
              : {}),
          }
        }),
    )
  }

  async claim(ids: number[], owner: string, until: Date, now: Date, takeOver: string[] = []): Promise<number[]> {
    return withSql(this.db, (sql) => {
      // One conditional UPDATE per row: SQLite checks its condition under the write lock, so two relays
      // never both win a row — also when both found its owner gone: the first changes the owner, the
      // second then misses.
      const gone = takeOver.length ? ` OR "leaseOwner" IN (${placeholders(takeOver.length)})` : ''
      return ids.filter(
        (id) =>
          sql.run(
            `UPDATE "Outbox" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "id" = ? AND "status" = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" < ? OR "leaseOwner" = ?${gone})`,
            owner,
            until,
            id,
            now,
            owner,
            ...takeOver,
          ) === 1,
      )
    })
  }

  async markSent(id: number, key: MessageKey, at: Date): Promise<void> {
    return withSql(this.db, (sql) => {
      sql.run(
        `UPDATE "Outbox" SET "status" = 'sent', "sentAt" = ?, "sentMsgId" = ?, "attempts" = "attempts" + 1, "leaseUntil" = NULL WHERE "id" = ?`,
        at,
        key.messageId,
        id,
      )
    })
  }

  async markRetry(id: number, error: string, next: Date): Promise<void> {
    return withSql(this.db, (sql) => {
      sql.run(
        `UPDATE "Outbox" SET "attempts" = "attempts" + 1, "lastError" = ?, "nextAttemptAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ?`,
        error.slice(0, 2000),
        next,
        id,
      )
    })
  }

  async markFailed(id: number, error: string): Promise<void> {
    return withSql(this.db, (sql) => {
      sql.run(
        `UPDATE "Outbox" SET "status" = 'failed', "attempts" = "attempts" + 1, "lastError" = ?, "leaseUntil" = NULL WHERE "id" = ?`,
        error.slice(0, 2000),
        id,
      )
    })
  }

  async markWaiting(id: number, error: string): Promise<void> {
    return withSql(this.db, (sql) => {
      sql.run(
        `UPDATE "Outbox" SET "status" = 'waiting', "attempts" = "attempts" + 1, "lastError" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ?`,
        error.slice(0, 2000),
        id,
      )
    })
  }

  async wake(platform: string, chatId: string): Promise<number> {
    return withSql(this.db, (sql) =>
      sql.run(
        `UPDATE "Outbox" SET "status" = 'pending', "nextAttemptAt" = ? WHERE "status" = 'waiting' AND "platform" = ? AND "chatKind" = 'direct' AND "chatId" = ?`,
        AT_ONCE,
        platform,
        chatId,
      ),
    )
  }

  async beat(owner: string, at: Date): Promise<void> {
    return withSql(this.db, (sql) => {
      sql.run(
        `INSERT INTO "KeyValue" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
        beatKey(owner),
        at.toISOString(),
      )
      if (this.swept) return
      this.swept = true
      // ISO times in one format sort as text.
      const old = new Date(at.getTime() - FORGET_BEATS_MS).toISOString()
      const [from, to] = prefixRange('relay:')
      sql.run(`DELETE FROM "KeyValue" WHERE "key" >= ? AND "key" < ? AND "value" < ?`, from, to, old)
    })
  }

  async beats(owners: string[]): Promise<Map<string, Date>> {
    return withSql(this.db, (sql) => {
      const out = new Map<string, Date>()
      for (const owner of owners) {
        const row = sql.get<{ value: string }>(`SELECT "value" FROM "KeyValue" WHERE "key" = ?`, beatKey(owner))
        if (row) out.set(owner, new Date(row.value))
      }
      return out
    })
  }

  async fileData(id: number): Promise<Uint8Array | undefined> {
    return withSql(this.db, (sql) => {
      const f = sql.get<{ data: Uint8Array }>(`SELECT "data" FROM "OutboxFile" WHERE "outboxId" = ?`, id)
      return f ? new Uint8Array(f.data) : undefined
    })
  }

  async release(owner: string): Promise<void> {
    return withSql(this.db, (sql) => {
      sql.run(
        `UPDATE "Outbox" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "status" = 'pending' AND "leaseOwner" = ?`,
        owner,
      )
      sql.run(`DELETE FROM "KeyValue" WHERE "key" = ?`, beatKey(owner))
    })
  }
}
