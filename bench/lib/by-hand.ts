// What the ring pipeline is compared with: the same ring's own lookups and writes done by hand on raw
// better-sqlite3, prepared once, in one transaction per ring — the floor any implementation on this
// schema and this SQLite stands on. It mirrors what a ring writes today (src/app/cases.ts `ring` through
// src/store/sql-tx.ts), on the database the app itself created and migrated:
//   lookups  1 the chat (GroupChat ⋈ Group)      2 the sender (Identity ⋈ Person)   3 the case counter
//   writes   1 the inbound message key            2 the counter bump                 3 the case
//            4 its 'rung' event                   5–6 outbox: the ack and the ping   7–9 three escalation jobs
// Not included (the app's own work, or reads it makes that a hand-written version could avoid): the
// directory, who is on duty, the open-case counts, flood control's three reads of the person's recent
// rings, parsing and wording. The pipeline runs 17 statements per ring to these 12.
import Database from 'better-sqlite3'

/** DateTime as the Prisma SQLite adapter writes it: ISO 8601 with milliseconds and +00:00. */
export const sqlDate = (d: Date | number): string => new Date(d).toISOString().replace('Z', '+00:00')

export interface HandRing {
  platform: string
  chatId: string
  senderId: string
  messageId: string
  text: string
  category: string
  place: string
  contact: string | null
  at: Date
}

export class RingByHand {
  private readonly db: Database.Database
  private readonly ring: (r: HandRing) => number
  private readonly pingChat: string

  constructor(
    file: string,
    o: {
      /** the chat the volunteers are pinged in, and who is mentioned (the app reads both from its directory) */
      volunteersChat: string
      mention: { userId: string; name: string }
      escalation: { afterMs: number; to: string }[]
    },
  ) {
    this.pingChat = o.volunteersChat
    // The same settings as the app's connection (src/store/db.ts and the Prisma adapter's defaults).
    this.db = new Database(file, { timeout: 10_000 })
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    const q = {
      chat: this.db.prepare(
        `SELECT g."communityId" AS communityId, c."groupId" AS groupId FROM "GroupChat" c JOIN "Group" g ON g."id" = c."groupId" WHERE c."platform" = ? AND c."chatId" = ?`,
      ),
      sender: this.db.prepare(
        `SELECT p."communityId" AS communityId, i."personId" AS personId FROM "Identity" i JOIN "Person" p ON p."id" = i."personId" WHERE i."platform" = ? AND i."userId" = ?`,
      ),
      counter: this.db.prepare(`SELECT "nextCaseNo" FROM "Community" WHERE "id" = ?`).pluck(),
      inbound: this.db.prepare(
        `INSERT OR IGNORE INTO "InboundMessage" ("platform", "chatId", "messageId", "receivedAt") VALUES (?, ?, ?, ?)`,
      ),
      bump: this.db.prepare(`UPDATE "Community" SET "nextCaseNo" = "nextCaseNo" + 1 WHERE "id" = ?`),
      kase: this.db.prepare(
        `INSERT INTO "Case" ("communityId", "number", "text", "category", "place", "contact", "reporterId", "originGroupId", "originPlatform", "originChatId", "originMsgId", "originThreadId", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'open', ?)`,
      ),
      event: this.db.prepare(
        `INSERT INTO "CaseEvent" ("caseId", "actorId", "kind", "payload", "at") VALUES (?, ?, 'rung', ?, ?)`,
      ),
      outbox: this.db.prepare(
        `INSERT INTO "Outbox" ("platform", "chatKind", "chatId", "content", "replyToMsgId", "caseId", "purpose", "status", "attempts", "nextAttemptAt", "createdAt") VALUES (?, 'group', ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      ),
      job: this.db.prepare(
        `INSERT OR IGNORE INTO "Job" ("kind", "key", "payload", "dueAt", "attempts", "createdAt") VALUES ('escalate', ?, ?, ?, 0, ?)`,
      ),
    }
    const epoch = sqlDate(0)
    this.ring = this.db.transaction((r: HandRing): number => {
      const chat = q.chat.get(r.platform, r.chatId) as { communityId: number; groupId: number } | undefined
      const who = q.sender.get(r.platform, r.senderId) as { communityId: number; personId: number } | undefined
      if (!chat || !who) throw new Error(`by hand: ${r.chatId} or ${r.senderId} is not in the database`)
      const no = q.counter.get(chat.communityId) as number
      const at = sqlDate(r.at)
      if (q.inbound.run(r.platform, r.chatId, r.messageId, at).changes !== 1) return 0
      q.bump.run(chat.communityId)
      const caseId = Number(
        q.kase.run(
          chat.communityId,
          no,
          r.text,
          r.category,
          r.place,
          r.contact,
          who.personId,
          chat.groupId,
          r.platform,
          r.chatId,
          r.messageId,
          at,
        ).lastInsertRowid,
      )
      q.event.run(caseId, who.personId, JSON.stringify({ text: r.text, category: r.category, place: r.place }), at)
      const ack = [{ type: 'text', text: `🔔 #${no} 已受理：${r.category}。正在通知志愿者，有人接单会在群里告诉您。` }]
      const ping = [
        { type: 'text', text: `🔔 #${no} ${r.category}：${r.text}\n请回复「接单 ${no}」接单` },
        { type: 'text', text: ' ' },
        { type: 'mention', ...o.mention },
      ]
      q.outbox.run(r.platform, r.chatId, JSON.stringify(ack), r.messageId, caseId, 'ack', epoch, at)
      q.outbox.run(r.platform, this.pingChat, JSON.stringify(ping), null, caseId, 'ping', epoch, at)
      o.escalation.forEach((rung, i) =>
        q.job.run(
          `escalate:${caseId}:${r.at.getTime()}:${i + 1}`,
          JSON.stringify({ caseId, rung: i + 1, to: rung.to }),
          sqlDate(r.at.getTime() + rung.afterMs),
          at,
        ),
      )
      return no
    })
  }

  /** One ring; returns its case number. */
  run(r: HandRing): number {
    return this.ring(r)
  }

  close(): void {
    this.db.close()
  }
}
