// Per-chat and per-account spacing (DESIGN §6): pure bookkeeping of when each chat may next be sent to.
// A group's budget per minute is spread evenly across the minute (issue 12): 20 a minute is one every
// 3 s, not 20 in the first 20 s and then 40 s of silence while a building waits for its answers. An
// attempt that failed (a 429, a 5xx) spaces the account but is not counted against the group's minute:
// the message is counted once, when it is delivered.
import type { Pacing } from '../chat/types.js'

/** The gap between two sends to a group allowed `perMinute` messages a minute. */
export const evenSpacing = (perMinute: number): number => Math.ceil(60_000 / perMinute)

export class Pacer {
  private lastChat = new Map<string, number>()
  private lastAccount = new Map<string, number>()
  private pausedUntil = new Map<string, number>()
  private window = new Map<string, number[]>()
  private lastDelivered = new Map<string, number>()

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
      // Evenly: one send every 60 s / budget, so the minute's budget lasts the minute.
      waits.push((this.lastDelivered.get(chatKey) ?? -Infinity) + evenSpacing(p.perGroupPerMinute) - now)
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
    this.lastDelivered.set(chatKey, now)
  }

  /** Whether a message was delivered to this chat since `t`: what waits for it now is being paced. */
  busySince(chatKey: string, t: number): boolean {
    return (this.lastDelivered.get(chatKey) ?? -Infinity) >= t
  }

  /**
   * An attempt that failed: the account and the chat are spaced as after a send (no hammering), but the
   * group's minute is not charged — the platform delivered nothing, and the retry is charged when it is.
   */
  failed(platform: string, chatKey: string, now: number): void {
    const p = this.pacingOf(platform)
    this.lastAccount.set(platform, now + (p.jitterMs ? Math.floor(this.random() * p.jitterMs) : 0))
    this.lastChat.set(chatKey, now)
  }

  /** Telegram's 429 retry_after: that chat waits, the others go on. */
  pause(chatKey: string, untilMs: number): void {
    this.pausedUntil.set(chatKey, Math.max(untilMs, this.pausedUntil.get(chatKey) ?? 0))
  }
}
