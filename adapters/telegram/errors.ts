// A failed Bot API call → DeliveryError, which steers the relay in src/delivery.
// telegraf throws TelegramError for an `ok: false` answer and for any HTTP 5xx (error_code = status);
// network trouble surfaces as node-fetch's FetchError (refused, reset, timeout, a non-JSON body).
import { DeliveryError } from '../../src/chat/types.js'

interface ApiFailure {
  error_code: number
  description?: string
  parameters?: { retry_after?: number; migrate_to_chat_id?: number }
}

function apiFailure(err: unknown): ApiFailure | undefined {
  const response = (err as { response?: unknown } | null)?.response
  if (response && typeof response === 'object' && typeof (response as ApiFailure).error_code === 'number')
    return response as ApiFailure
  return undefined
}

/** `kind`: the chat sent to; a 403 in a private chat means the person has to write to the bot first. */
export function toDeliveryError(err: unknown, kind?: 'group' | 'direct'): DeliveryError {
  if (err instanceof DeliveryError) return err
  const api = apiFailure(err)
  if (!api) {
    const msg = err instanceof Error ? err.message : String(err)
    return new DeliveryError(`telegram: network: ${msg}`, { cause: err })
  }
  const what = `telegram ${api.error_code}: ${api.description ?? ''}`.trim()
  if (api.error_code === 429) {
    // Telegram always says how long; if it ever does not, a short pause still beats hammering.
    const seconds = api.parameters?.retry_after ?? 1
    return new DeliveryError(what, { retryAfterMs: seconds * 1000, cause: err })
  }
  // 403 in a private chat: they never pressed Start, or blocked the bot. Telegram lets a bot write only
  // to people who wrote to it first; once they do, the message can go.
  if (api.error_code === 403 && kind === 'direct') return new DeliveryError(what, { awaitsRecipient: true, cause: err })
  // 400 with migrate_to_chat_id: the group became a supergroup under a new id; send there instead.
  const moved = api.parameters?.migrate_to_chat_id
  if (moved !== undefined)
    return new DeliveryError(`${what} (now chat ${moved})`, { permanent: true, movedTo: String(moved), cause: err })
  // 403: kicked from the group. 400: chat not found, bad entities — the same request can never succeed.
  if (api.error_code === 403 || api.error_code === 400) return new DeliveryError(what, { permanent: true, cause: err })
  // 5xx, and 401/404 (token revoked or wrong API root) too: an operator can fix those, and the
  // message should still be waiting when they do.
  return new DeliveryError(what, { cause: err })
}
