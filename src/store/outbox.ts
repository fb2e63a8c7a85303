// Prisma side of the relay's OutboxStore.
import type { MessageKey, Segment } from '../chat/types.js'
import type { OutboxRow, OutboxStore } from '../delivery/relay.js'
import { serially, type Db } from './db.js'
import { fromJson } from './json.js'

export class PrismaOutbox implements OutboxStore {
  constructor(private readonly db: Db) {}

  async pending(platforms: string[], limit: number, owner: string, now: Date): Promise<OutboxRow[]> {
    return serially(this.db, async (q) => {
      // Per platform, so a long queue on one (WeChat after a logout, at 1/s) does not starve the others.
      const rows = (
        await Promise.all(
          platforms.map((platform) =>
            q.outbox.findMany({ where: { status: 'pending', platform }, orderBy: { id: 'asc' }, take: limit }),
          ),
        )
      )
        .flat()
        .sort((x, y) => x.id - y.id)
      return rows.map((r) => ({
        ...r,
        chatKind: r.chatKind === 'direct' ? 'direct' : 'group',
        content: fromJson<Segment[]>(r.content, []),
        heldElsewhere: r.leaseOwner !== null && r.leaseOwner !== owner && r.leaseUntil !== null && r.leaseUntil > now,
      }))
    })
  }

  async claim(ids: number[], owner: string, until: Date, now: Date): Promise<number[]> {
    return serially(this.db, async (q) => {
      // One conditional UPDATE: SQLite checks each row under its write lock, so two relays never both win a row.
      const won = await q.outbox.updateManyAndReturn({
        where: {
          id: { in: ids },
          status: 'pending',
          OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
        },
        data: { leaseOwner: owner, leaseUntil: until },
        select: { id: true },
      })
      return won.map((r) => r.id)
    })
  }

  async markSent(id: number, key: MessageKey, at: Date): Promise<void> {
    return serially(this.db, async (q) => {
      await q.outbox.update({
        where: { id },
        data: { status: 'sent', sentAt: at, sentMsgId: key.messageId, attempts: { increment: 1 }, leaseUntil: null },
      })
    })
  }

  async markRetry(id: number, error: string, next: Date): Promise<void> {
    return serially(this.db, async (q) => {
      await q.outbox.update({
        where: { id },
        data: {
          attempts: { increment: 1 },
          lastError: error.slice(0, 2000),
          nextAttemptAt: next,
          leaseOwner: null,
          leaseUntil: null,
        },
      })
    })
  }

  async markFailed(id: number, error: string): Promise<void> {
    return serially(this.db, async (q) => {
      await q.outbox.update({
        where: { id },
        data: { status: 'failed', attempts: { increment: 1 }, lastError: error.slice(0, 2000), leaseUntil: null },
      })
    })
  }
}
