// Per-chat and per-account spacing (DESIGN §6): pure bookkeeping of when each chat may next be sent to.
import type { Pacing } from '../chat/types.js'

export class Pacer {
  private lastChat = new Map<string, number>()
  private lastAccount = new Map<string, number>()
  private pausedUntil = new Map<string, number>()
  private window = new Map<string, number[]>()

  constructor(
    private readonly pacingOf: (platform: string) => Pacing,
    private readonly random: () => number = Math.random,
  ) {}

  /** ms to wait before this chat may be sent to (0 = now). */
  waitFor(platform: string, chatKey: string, group: boolean, now: number): number {
    const p = this.pacingOf(platform)
    const waits = [
      (this.pausedUntil.get(chatKey) ?? 0) - now,
      (this.lastChat.get(chatKey) ?? -Infinity) + p.perChatMs - now,
      (this.lastAccount.get(platform) ?? -Infinity) + p.perAccountMs - now,
    ]
    if (group && p.perGroupPerMinute) {
      const recent = (this.window.get(chatKey) ?? []).filter((t) => t > now - 60_000)
      this.window.set(chatKey, recent)
      if (recent.length >= p.perGroupPerMinute) waits.push(recent[0]! + 60_000 - now)
    }
    return Math.max(0, ...waits)
  }

  sent(platform: string, chatKey: string, now: number): void {
    const p = this.pacingOf(platform)
    // Jitter lands on the account, so a burst to several groups does not leave in lockstep.
    this.lastAccount.set(platform, now + (p.jitterMs ? Math.floor(this.random() * p.jitterMs) : 0))
    this.lastChat.set(chatKey, now)
    const w = this.window.get(chatKey) ?? []
    w.push(now)
    this.window.set(chatKey, w)
  }

  /** Telegram's 429 retry_after: that chat waits, the others go on. */
  pause(chatKey: string, untilMs: number): void {
    this.pausedUntil.set(chatKey, Math.max(untilMs, this.pausedUntil.get(chatKey) ?? 0))
  }
}
