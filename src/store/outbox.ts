// Prisma side of the relay's OutboxStore. Heartbeats are KeyValue rows `relay:<owner>` → ISO time.
import type { AskedIn, MessageKey, Segment } from '../chat/types.js'
import type { OutboxRow, OutboxStore } from '../delivery/relay.js'
import { serially, type Db } from './db.js'
import { fromJson } from './json.js'

const beatKey = (owner: string) => `relay:${owner}`
/** heartbeats of relays that died without stopping are swept after this long */
const FORGET_BEATS_MS = 24 * 3600_000

export class PrismaOutbox implements OutboxStore {
  private swept = false

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
      return rows.map(({ leaseOwner, leaseUntil, ...r }) => ({
        ...r,
        chatKind: r.chatKind === 'direct' ? 'direct' : 'group',
        content: fromJson<Segment[]>(r.content, []),
        askedIn: fromJson<AskedIn | null>(r.askedIn, null),
        fold: r.fold === null ? null : fromJson<Segment[] | null>(r.fold, null),
        ...(leaseOwner !== null && leaseOwner !== owner && leaseUntil !== null && leaseUntil > now
          ? { heldBy: leaseOwner }
          : {}),
      }))
    })
  }

  async claim(ids: number[], owner: string, until: Date, now: Date, takeOver: string[] = []): Promise<number[]> {
    return serially(this.db, async (q) => {
      // One conditional UPDATE: SQLite checks each row under its write lock, so two relays never both win
      // a row — also when both found its owner gone: the first changes the owner, the second then misses.
      const won = await q.outbox.updateManyAndReturn({
        where: {
          id: { in: ids },
          status: 'pending',
          OR: [
            { leaseUntil: null },
            { leaseUntil: { lt: now } },
            { leaseOwner: owner },
            ...(takeOver.length ? [{ leaseOwner: { in: takeOver } }] : []),
          ],
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

  async markWaiting(id: number, error: string): Promise<void> {
    return serially(this.db, async (q) => {
      await q.outbox.update({
        where: { id },
        data: {
          status: 'waiting',
          attempts: { increment: 1 },
          lastError: error.slice(0, 2000),
          leaseOwner: null,
          leaseUntil: null,
        },
      })
    })
  }

  async wake(platform: string, chatId: string): Promise<number> {
    return serially(this.db, async (q) => {
      const { count } = await q.outbox.updateMany({
        where: { status: 'waiting', platform, chatKind: 'direct', chatId },
        data: { status: 'pending', nextAttemptAt: new Date(0) },
      })
      return count
    })
  }

  async beat(owner: string, at: Date): Promise<void> {
    return serially(this.db, async (q) => {
      const key = beatKey(owner)
      const value = at.toISOString()
      await q.keyValue.upsert({ where: { key }, create: { key, value }, update: { value } })
      if (this.swept) return
      this.swept = true
      // ISO times in one format sort as text.
      const old = new Date(at.getTime() - FORGET_BEATS_MS).toISOString()
      await q.keyValue.deleteMany({ where: { key: { startsWith: 'relay:' }, value: { lt: old } } })
    })
  }

  async beats(owners: string[]): Promise<Map<string, Date>> {
    return serially(this.db, async (q) => {
      const rows = await q.keyValue.findMany({ where: { key: { in: owners.map(beatKey) } } })
      return new Map(rows.map((r) => [r.key.slice('relay:'.length), new Date(r.value)]))
    })
  }

  async fileData(id: number): Promise<Uint8Array | undefined> {
    return serially(this.db, async (q) => {
      const f = await q.outboxFile.findUnique({ where: { outboxId: id } })
      return f ? new Uint8Array(f.data) : undefined
    })
  }

  async release(owner: string): Promise<void> {
    return serially(this.db, async (q) => {
      await q.outbox.updateMany({
        where: { leaseOwner: owner, status: 'pending' },
        data: { leaseOwner: null, leaseUntil: null },
      })
      await q.keyValue.deleteMany({ where: { key: beatKey(owner) } })
    })
  }
}
