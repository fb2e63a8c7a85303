// Prisma side of the relay's OutboxStore.
import type { MessageKey, Segment } from '../chat/types.js'
import type { OutboxRow, OutboxStore } from '../delivery/relay.js'
import type { Db } from './db.js'
import { fromJson } from './json.js'

export class PrismaOutbox implements OutboxStore {
  constructor(private readonly db: Db) {}

  async pending(platforms: string[], limit: number): Promise<OutboxRow[]> {
    const rows = await this.db.outbox.findMany({ where: { status: 'pending', platform: { in: platforms } }, orderBy: { id: 'asc' }, take: limit })
    return rows.map((r) => ({ ...r, chatKind: r.chatKind === 'direct' ? 'direct' : 'group', content: fromJson<Segment[]>(r.content, []) }))
  }

  async markSent(id: number, key: MessageKey, at: Date): Promise<void> {
    await this.db.outbox.update({ where: { id }, data: { status: 'sent', sentAt: at, sentMsgId: key.messageId, attempts: { increment: 1 } } })
  }

  async markRetry(id: number, error: string, next: Date): Promise<void> {
    await this.db.outbox.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: error.slice(0, 2000), nextAttemptAt: next } })
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.db.outbox.update({ where: { id }, data: { status: 'failed', attempts: { increment: 1 }, lastError: error.slice(0, 2000) } })
  }
}
