// Long polling, ours rather than telegraf's launch(): every wait can be cut short, so stop() returns as
// soon as the update in hand is handled. (telegraf's loop sleeps 5 s after a network error and then
// confirms the offset with no timeout: a stop while the network is down could hang for minutes.)
import { setTimeout as sleep } from 'node:timers/promises'
import type { Telegram } from 'telegraf'
import type { Update } from 'telegraf/types'
import type { Logger } from '../../src/log.js'

export interface PollOptions {
  allowedUpdates: string[]
  /** aborted by stop(): the request in flight is cancelled and the loop ends after the update in hand */
  signal: AbortSignal
  log: Logger
  /** handles one update; updates are handed over one at a time, in order */
  onUpdate: (u: Update) => Promise<void>
  /** seconds Telegram may hold a getUpdates open (50, as telegraf) */
  timeoutS?: number
}

type CallOptions = NonNullable<Parameters<Telegram['callApi']>[2]>

/** telegraf types its signal as the abort-controller polyfill's; node-fetch takes the built-in one alike. */
export const withSignal = (signal: AbortSignal): CallOptions => ({ signal: signal as unknown as CallOptions['signal'] })

interface ApiError {
  code?: number
  parameters?: { retry_after?: number }
}

/** 401: the token was revoked; 409: another process polls with this token, or a webhook is set. */
const fatal = (err: unknown) => [401, 409].includes((err as ApiError)?.code ?? 0)

/** Resolves when stopped; rejects when Telegram refuses us for good (fatal above). */
export async function poll(telegram: Telegram, o: PollOptions): Promise<void> {
  let offset = 0
  let failures = 0
  try {
    while (!o.signal.aborted) {
      let updates: Update[]
      try {
        updates = await telegram.callApi(
          'getUpdates',
          { timeout: o.timeoutS ?? 50, offset, allowed_updates: o.allowedUpdates as never },
          withSignal(o.signal),
        )
        failures = 0
      } catch (err) {
        if (o.signal.aborted) break
        if (fatal(err)) throw err
        const retryAfter = (err as ApiError)?.parameters?.retry_after
        const waitMs = retryAfter !== undefined ? retryAfter * 1000 : Math.min(30_000, 500 * 2 ** failures++)
        o.log.warn({ err, retryInMs: waitMs }, 'telegram getUpdates failed; retrying')
        await sleep(waitMs, undefined, { signal: o.signal }).catch(() => undefined)
        continue
      }
      for (const u of updates) {
        // What is not handled yet stays unconfirmed: Telegram gives it to the next start.
        if (o.signal.aborted) break
        await o.onUpdate(u)
        offset = u.update_id + 1
      }
    }
  } finally {
    // Confirm what was handled, briefly. If this fails, Telegram sends those updates again at the next
    // start and their message keys make that harmless.
    if (offset)
      await telegram
        .callApi('getUpdates', { offset, limit: 1, timeout: 0 }, withSignal(AbortSignal.timeout(2000)))
        .catch(() => undefined)
  }
}
