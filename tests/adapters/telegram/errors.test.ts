import { describe, expect, it } from 'vitest'
import { TelegramError } from 'telegraf'
import { DeliveryError } from '../../../src/chat/types.js'
import { toDeliveryError } from '../../../adapters/telegram/errors.js'
import { defaultSecretToken, defaultWebhookPath, telegramOptionsFromEnv } from '../../../adapters/telegram/env.js'

describe('telegram errors → DeliveryError', () => {
  it('429 carries retry_after in ms and is not permanent', () => {
    const e = toDeliveryError(
      new TelegramError({
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      }),
    )
    expect(e).toBeInstanceOf(DeliveryError)
    expect(e.retryAfterMs).toBe(7000)
    expect(e.permanent).toBe(false)
  })

  it('403 (kicked) and 400 chat not found are permanent', () => {
    for (const [code, description] of [
      [403, 'Forbidden: bot was kicked from the group chat'],
      [400, 'Bad Request: chat not found'],
    ] as const) {
      const e = toDeliveryError(new TelegramError({ error_code: code, description }))
      expect(e.permanent).toBe(true)
      expect(e.retryAfterMs).toBeUndefined()
      expect(e.message).toContain(description)
    }
  })

  it('a group upgraded to a supergroup names the new chat to send to instead', () => {
    const e = toDeliveryError(
      new TelegramError({
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -1001234 },
      }),
      'group',
    )
    expect(e.movedTo).toBe('-1001234')
    expect(e.message).toContain('-1001234')
  })

  it('403 in a private chat waits for the person to write first; in a group it is permanent', () => {
    const never = new TelegramError({
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    })
    expect(toDeliveryError(never, 'direct')).toMatchObject({ awaitsRecipient: true, permanent: false })
    const blocked = new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    expect(toDeliveryError(blocked, 'direct')).toMatchObject({ awaitsRecipient: true, permanent: false })
    const kicked = new TelegramError({ error_code: 403, description: 'Forbidden: bot was kicked from the group chat' })
    expect(toDeliveryError(kicked, 'group')).toMatchObject({ awaitsRecipient: false, permanent: true })
  })

  it('5xx, 401 and network errors are plain (retryable)', () => {
    const fetchError = Object.assign(
      new Error('request to http://127.0.0.1:1/bot[REDACTED]/sendMessage failed, reason: socket hang up'),
      { name: 'FetchError', type: 'system', code: 'ECONNRESET' },
    )
    for (const err of [
      new TelegramError({ error_code: 502, description: 'Bad Gateway' }),
      new TelegramError({ error_code: 401, description: 'Unauthorized' }),
      fetchError,
      'weird',
    ]) {
      const e = toDeliveryError(err)
      expect(e.permanent).toBe(false)
      expect(e.retryAfterMs).toBeUndefined()
      expect(e.cause).toBe(err)
    }
  })
})

describe('telegram options from env', () => {
  it('no token: Telegram is off', () => {
    expect(telegramOptionsFromEnv({})).toBeUndefined()
    expect(telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '  ' })).toBeUndefined()
  })

  it('token (+ api root) alone means long polling', () => {
    expect(
      telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' }),
    ).toEqual({ token: '123:abc', apiRoot: 'http://127.0.0.1:8081' })
  })

  it('a webhook domain turns on webhook mode with a secret path and secret token derived from the token', () => {
    const o = telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_DOMAIN: 'bell.example.org' })!
    expect(o.webhook).toEqual({
      domain: 'bell.example.org',
      path: defaultWebhookPath('123:abc'),
      port: 8443,
      secretToken: defaultSecretToken('123:abc'),
    })
    expect(o.webhook!.path).toMatch(/^\/telegram\/[0-9a-f]{32}$/)
    expect(o.webhook!.path).not.toContain('abc')
    expect(defaultWebhookPath('123:abd')).not.toBe(o.webhook!.path)
    expect(o.webhook!.secretToken).toMatch(/^[\w-]{43}$/)
  })

  it('explicit path, port and secret win; bad ones are named', () => {
    const o = telegramOptionsFromEnv({
      TELEGRAM_BOT_TOKEN: '1:a',
      TELEGRAM_WEBHOOK_DOMAIN: 'd',
      TELEGRAM_WEBHOOK_PATH: '/hook/x',
      TELEGRAM_WEBHOOK_PORT: '9000',
      TELEGRAM_WEBHOOK_SECRET: 's_1',
    })!
    expect(o.webhook).toMatchObject({ path: '/hook/x', port: 9000, secretToken: 's_1' })
    expect(() =>
      telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_DOMAIN: 'd', TELEGRAM_WEBHOOK_PORT: 'x' }),
    ).toThrow(/TELEGRAM_WEBHOOK_PORT/)
    expect(() =>
      telegramOptionsFromEnv({
        TELEGRAM_BOT_TOKEN: '1:a',
        TELEGRAM_WEBHOOK_DOMAIN: 'd',
        TELEGRAM_WEBHOOK_SECRET: 'no spaces',
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET/)
  })
})
