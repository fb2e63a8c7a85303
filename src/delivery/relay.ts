// The outbox relay: sends what the app committed, in order per chat, paced below each platform's limits,
// retrying failures with backoff. Nothing is dropped: a row leaves 'pending' only when sent, when the
// platform says it can never be delivered (the bot was removed from the chat), or to wait for its
// recipient to open a private chat with the bot (and it is due again when they do).
import type { ChatAdapter } from '../chat/types.js'
import { DeliveryError, PIN_PURPOSE } from '../chat/types.js'
import type { Logger } from '../log.js'
import { Pacer } from './pacing.js'
import { coalesce, foldKind, folded } from './coalesce.js'
import type { OutboxRow, OutboxStore } from './outbox.js'
import { ownerGone, ownerName, type Liveness } from './owners.js'

export type { OutboxRow, OutboxStore }

/** A chat sent to within this is busy: what waits for it folds (issue 12). */
export const BUSY_MS = 10_000

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
  /** this relay's name in row leases and heartbeats; unique per relay (default host:pid:random) */
  owner?: string
  /** how long a row stays ours while we send it; the backstop when nobody can tell we are gone */
  leaseMs?: number
  /** how often this relay says it is alive (default 2 s) */
  heartbeatMs?: number
  /** when another relay counts as gone: silent this long (default 10 s), or its process has ended */
  liveness?: Partial<Liveness>
  /** A chat's id changed (a Telegram group became a supergroup): move it, then its rows are sent there. */
  onChatMoved?: (platform: string, from: string, to: string) => Promise<void>
  /** These direct messages wait for their recipient to open a private chat with the bot. */
  onWaiting?: (rows: OutboxRow[]) => Promise<void>
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
  private beating?: ReturnType<typeof setInterval>
  private lastBeat = -Infinity
  private readonly liveness: Liveness
  private readonly takenOver = new Set<string>()

  constructor(private readonly o: RelayOptions) {
    this.byPlatform = new Map(o.adapters.map((a) => [a.platform, a]))
    this.pacer = new Pacer((p) => this.byPlatform.get(p)?.pacing ?? { perChatMs: 0, perAccountMs: 0 })
    this.now = o.now ?? Date.now
    this.owner = o.owner ?? ownerName()
    this.liveness = { staleMs: 10_000, ...o.liveness }
  }

  private get heartbeatMs(): number {
    return this.o.heartbeatMs ?? 2000
  }

  /** Says we are alive: before the first lease, then on a timer that keeps going through slow sends. */
  private async beat(): Promise<void> {
    const now = this.now()
    this.lastBeat = now
    await this.o.store.beat(this.owner, new Date(now))
  }

  private keepBeating(): void {
    if (this.beating) return
    this.beating = setInterval(() => {
      this.beat().catch((err: unknown) => this.o.log.warn({ err }, 'relay heartbeat failed'))
    }, this.heartbeatMs)
    this.beating.unref()
  }

  /** Of the relays holding leases on these rows, those that are gone: their leases are free now. */
  private async goneHolders(rows: OutboxRow[], now: number): Promise<Set<string>> {
    const holders = [...new Set(rows.flatMap((r) => (r.heldBy ? [r.heldBy] : [])))]
    if (!holders.length) return new Set()
    const beats = await this.o.store.beats(holders)
    const gone = new Set(holders.filter((h) => ownerGone(h, beats.get(h), now, this.liveness)))
    for (const h of gone)
      if (!this.takenOver.has(h)) {
        this.takenOver.add(h)
        this.o.log.warn({ owner: h, by: this.owner }, 'a relay holding messages is gone; sending them instead')
      }
    return gone
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
    // Alive before holding anything: a lease with no heartbeat behind it counts as abandoned.
    if (this.now() - this.lastBeat >= this.heartbeatMs) await this.beat()
    this.keepBeating()
    const rows = this.urgentFirst(await this.o.store.pending(ready, 500, this.owner, new Date(this.now())))
    const gone = await this.goneHolders(rows, this.now())
    const heldElsewhere = (r: OutboxRow) => r.heldBy !== undefined && !gone.has(r.heldBy)
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
      // Another live relay is sending this chat's head: sending what follows would overtake it. Those
      // rows are that relay's to finish (or ours once it is gone): not counted as ours now.
      if (heldElsewhere(row)) {
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
                .filter((r) => r.platform === row.platform && r.chatId === row.chatId && !heldElsewhere(r)),
              now,
              {
                maxLength: adapter.capabilities.maxTextLength,
                maxMentions: adapter.capabilities.maxMentions,
                busy: this.pacer.busySince(chatKey, now - BUSY_MS),
              },
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
              [...gone],
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

  /**
   * Where sends are paced, an urgent case's messages take the next turn of their chat and of the account
   * (issue 11 × 12): a gas smell's safety advice is not held behind a building's acks, nor its ping behind
   * them on WeChat's one message a second. Rows that rank alike keep their order, so each case keeps its
   * own; where nothing paces (the console) everything leaves in the order it was written.
   */
  private urgentFirst(rows: OutboxRow[]): OutboxRow[] {
    const rank = (r: OutboxRow) => {
      const p = this.byPlatform.get(r.platform)?.pacing
      return p && (p.perChatMs > 0 || p.perAccountMs > 0) ? (r.urgency ?? 0) : 0
    }
    return rows
      .map((r, i) => ({ r, i, rank: rank(r) }))
      .sort((a, b) => b.rank - a.rank || a.i - b.i)
      .map((x) => x.r)
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
      const file = await this.fileOf(row, adapter)
      // Folded acks or pings answer many messages: none of them is quoted; each line names its own.
      const fold = batch.length > 1 && foldKind(row) !== undefined
      const key = await adapter.send({
        conversation,
        content: folded(batch, { maxMentions: adapter.capabilities.maxMentions }),
        ...(row.replyToMsgId && !fold
          ? { replyTo: { platform: row.platform, conversationId: row.chatId, messageId: row.replyToMsgId } }
          : {}),
        ...(row.purpose === PIN_PURPOSE && row.chatKind === 'group' ? { pin: true } : {}),
        ...(file ? { file } : {}),
      })
      // Spacing counts from when the send finished: a slow request must not let the next one in early
      // at the platform's end, which is where the limit is counted.
      this.pacer.sent(row.platform, chatKey, this.now())
      for (const r of batch) await this.o.store.markSent(r.id, key, new Date(now))
      return true
    } catch (e) {
      const err = e instanceof DeliveryError ? e : new DeliveryError(String((e as Error)?.message ?? e), { cause: e })
      // Not delivered: spaced, but not charged against the group's minute (the retry is, once).
      this.pacer.failed(row.platform, chatKey, this.now())
      const ids = batch.map((r) => r.id)
      if (err.movedTo !== undefined && this.o.onChatMoved) {
        this.o.log.info({ ids, platform: row.platform, from: row.chatId, to: err.movedTo }, 'chat moved; following it')
        // The move takes every unsent row of the chat along, these included: due again at once, there.
        await this.o.onChatMoved(row.platform, row.chatId, err.movedTo)
        for (const r of batch) await this.o.store.markRetry(r.id, err.message, new Date(0))
        return false
      }
      if (err.awaitsRecipient) {
        this.o.log.warn(
          { ids, chat: chatKey, err: err.message },
          'recipient has no private chat with the bot yet; waiting',
        )
        for (const r of batch) await this.o.store.markWaiting(r.id, err.message)
        await this.o.onWaiting?.(batch).catch((e2: unknown) => this.o.log.error({ err: e2, ids }, 'onWaiting failed'))
        return false
      }
      if (err.permanent) {
        this.o.log.error({ ids, chat: chatKey, err: err.message }, 'message can never be delivered')
        for (const r of batch) await this.o.store.markFailed(r.id, err.message)
        return false
      }
      const delay = err.retryAfterMs ?? (this.o.backoff ?? retryBackoff)(row.attempts)
      if (err.retryAfterMs) this.pacer.pause(chatKey, now + err.retryAfterMs)
      this.o.log.warn(
        { ids, chat: chatKey, attempt: row.attempts + 1, retryInMs: delay, err: err.message },
        'send failed; will retry',
      )
      for (const r of batch) await this.o.store.markRetry(r.id, err.message, new Date(now + delay))
      return false
    }
  }

  /** The file a row carries, where the platform can send files (elsewhere its caption goes alone). */
  private async fileOf(row: OutboxRow, adapter: ChatAdapter) {
    if (!row.fileName || !adapter.capabilities.files || !this.o.store.fileData) return undefined
    const data = await this.o.store.fileData(row.id)
    return data && { name: row.fileName, mime: row.fileMime ?? 'application/octet-stream', data }
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
    await this.passing
    clearInterval(this.beating)
    this.beating = undefined
    // Whatever we held but did not send is free for the next relay at once, not in a minute.
    await this.o.store.release(this.owner)
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
