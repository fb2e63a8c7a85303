// The outbox relay: sends what the app committed, in order per chat, paced below each platform's limits,
// retrying failures with backoff. Nothing is dropped: a row leaves 'pending' only when sent, or when the
// platform says it can never be delivered (the bot was removed from the chat).
import type { ChatAdapter } from '../chat/types.js'
import { DeliveryError } from '../chat/types.js'
import type { Logger } from '../log.js'
import { Pacer } from './pacing.js'
import { coalesce, joined } from './coalesce.js'
import type { OutboxRow, OutboxStore } from './outbox.js'

export type { OutboxRow, OutboxStore }

export const retryBackoff = (attempts: number): number => Math.min(5 * 60_000, 1000 * 2 ** Math.min(attempts, 12))

export interface RelayOptions {
  store: OutboxStore
  adapters: ChatAdapter[]
  log: Logger
  /** how long the loop sleeps when nothing is due (new rows also wake it) */
  pollMs?: number
  backoff?: (attempts: number) => number
  /** wall clock: pacing is about real seconds even when the app runs on a simulated clock */
  now?: () => number
  /** this relay's name in row leases; unique per process */
  owner?: string
  /** how long a row stays ours while we send it; a relay that dies mid-send frees it after this */
  leaseMs?: number
}

export class Relay {
  private readonly pacer: Pacer
  private readonly byPlatform: Map<string, ChatAdapter>
  private running = false
  private wake?: () => void
  private loop?: Promise<void>
  private readonly now: () => number
  private readonly owner: string
  private passing: Promise<unknown> = Promise.resolve()

  constructor(private readonly o: RelayOptions) {
    this.byPlatform = new Map(o.adapters.map((a) => [a.platform, a]))
    this.pacer = new Pacer((p) => this.byPlatform.get(p)?.pacing ?? { perChatMs: 0, perAccountMs: 0 })
    this.now = o.now ?? Date.now
    this.owner = o.owner ?? `relay:${process.pid}:${Math.random().toString(36).slice(2, 10)}`
  }

  /**
   * One pass: send the head of every chat that may be sent to now. Returns ms until the next send is
   * possible. Passes never overlap (the background loop and a drain() would both send a row otherwise).
   */
  pump(): Promise<{ sent: number; pending: number; waitMs: number }> {
    const run = this.passing.then(() => this.pass())
    this.passing = run.catch(() => undefined)
    return run
  }

  private async pass(): Promise<{ sent: number; pending: number; waitMs: number }> {
    const ready = [...this.byPlatform.values()].filter((a) => a.isReady()).map((a) => a.platform)
    if (!ready.length) return { sent: 0, pending: 0, waitMs: Infinity }
    const rows = await this.o.store.pending(ready, 500, this.owner, new Date(this.now()))
    // In id order, skipping every later row of a chat that has to wait: each chat keeps its order, and
    // where nothing paces (the console) the whole outbox leaves in the order it was written.
    const blocked = new Set<string>()
    const done = new Set<number>()
    const foreign = new Set<string>()
    let sent = 0
    let waitMs = Infinity
    for (const [i, row] of rows.entries()) {
      const chatKey = `${row.platform}:${row.chatId}`
      if (blocked.has(chatKey) || done.has(row.id)) continue
      // Another process is sending this chat's head: sending what follows would overtake it. Those
      // rows are that relay's to finish (or, once its lease runs out, ours): not counted as ours now.
      if (row.heldElsewhere) {
        blocked.add(chatKey)
        foreign.add(chatKey)
        continue
      }
      const now = this.now()
      const wait = Math.max(
        row.nextAttemptAt.getTime() - now,
        this.pacer.waitFor(row.platform, chatKey, row.chatKind === 'group', now),
      )
      const adapter = this.byPlatform.get(row.platform)!
      // Only where sends are paced is there a queue worth folding; the console stays line for line.
      const wanted =
        wait > 0 || adapter.pacing.perChatMs === 0
          ? [row]
          : coalesce(
              row,
              rows
                .slice(i + 1)
                .filter((r) => r.platform === row.platform && r.chatId === row.chatId && !r.heldElsewhere),
              now,
              adapter.capabilities.maxTextLength,
            )
      // Another process's relay may be sending the same rows: only what we hold a lease on is ours.
      const held =
        wait > 0
          ? []
          : await this.o.store.claim(
              wanted.map((r) => r.id),
              this.owner,
              new Date(now + (this.o.leaseMs ?? 60_000)),
              new Date(now),
            )
      const firstLost = wanted.findIndex((r) => !held.includes(r.id))
      const batch = firstLost === -1 ? wanted : wanted.slice(0, firstLost)
      if (wait > 0 || !batch.length || !(await this.sendOne(batch, chatKey))) {
        blocked.add(chatKey)
        waitMs = Math.min(waitMs, Math.max(wait, 1))
        continue
      }
      for (const r of batch) done.add(r.id)
      sent += batch.length
    }
    const pending = rows.filter((r) => !done.has(r.id) && !foreign.has(`${r.platform}:${r.chatId}`)).length
    return { sent, pending, waitMs: pending ? waitMs : Infinity }
  }

  /** Sends one message (one row, or several folded into one); every row shares the outcome. */
  private async sendOne(batch: OutboxRow[], chatKey: string): Promise<boolean> {
    const row = batch[0]!
    const adapter = this.byPlatform.get(row.platform)!
    const conversation = {
      kind: row.chatKind,
      platform: row.platform,
      id: row.chatId,
      ...(row.threadId ? { threadId: row.threadId } : {}),
    }
    const now = this.now()
    try {
      const key = await adapter.send({
        conversation,
        content: joined(batch),
        ...(row.replyToMsgId
          ? { replyTo: { platform: row.platform, conversationId: row.chatId, messageId: row.replyToMsgId } }
          : {}),
      })
      // Spacing counts from when the send finished: a slow request must not let the next one in early
      // at the platform's end, which is where the limit is counted.
      this.pacer.sent(row.platform, chatKey, this.now())
      for (const r of batch) await this.o.store.markSent(r.id, key, new Date(now))
      return true
    } catch (e) {
      const err = e instanceof DeliveryError ? e : new DeliveryError(String((e as Error)?.message ?? e), { cause: e })
      this.pacer.sent(row.platform, chatKey, this.now())
      if (err.permanent) {
        this.o.log.error(
          { ids: batch.map((r) => r.id), chat: chatKey, err: err.message },
          'message can never be delivered',
        )
        for (const r of batch) await this.o.store.markFailed(r.id, err.message)
        return false
      }
      const delay = err.retryAfterMs ?? (this.o.backoff ?? retryBackoff)(row.attempts)
      if (err.retryAfterMs) this.pacer.pause(chatKey, now + err.retryAfterMs)
      this.o.log.warn(
        { ids: batch.map((r) => r.id), chat: chatKey, attempt: row.attempts + 1, retryInMs: delay, err: err.message },
        'send failed; will retry',
      )
      for (const r of batch) await this.o.store.markRetry(r.id, err.message, new Date(now + delay))
      return false
    }
  }

  /** New rows were committed: don't wait for the next poll. */
  poke(): void {
    this.wake?.()
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.loop = (async () => {
      while (this.running) {
        let waitMs = this.o.pollMs ?? 1000
        try {
          waitMs = Math.min(waitMs, (await this.pump()).waitMs)
        } catch (e) {
          this.o.log.error({ err: e }, 'relay pass failed')
        }
        if (!this.running) break
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(5, waitMs))
          this.wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        this.wake = undefined
      }
    })()
  }

  async stop(): Promise<void> {
    this.running = false
    this.wake?.()
    await this.loop
  }

  /** Sends until nothing pending is left for the running adapters (tests, `--script`, shutdown). */
  async drain(timeoutMs = 60_000): Promise<void> {
    const deadline = this.now() + timeoutMs
    for (;;) {
      const r = await this.pump()
      if (r.pending === 0 && r.sent === 0) return
      if (this.now() > deadline) throw new Error(`outbox not drained after ${timeoutMs} ms (${r.pending} pending)`)
      if (r.sent === 0) await new Promise((res) => setTimeout(res, Math.min(Math.max(5, r.waitMs), 1000)))
    }
  }
}
