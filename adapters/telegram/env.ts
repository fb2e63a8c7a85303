// Environment → adapter options. A missing token means "Telegram is off", not an error.
import { createHash } from 'node:crypto'
import type { WebhookOptions } from './webhook.js'

export interface TelegramEnvOptions {
  token: string
  apiRoot?: string
  webhook?: WebhookOptions
}

const digest = (label: string, token: string) => createHash('sha256').update(`ringbell:${label}:${token}`)

/** Stable across restarts (Telegram keeps the URL) yet unguessable without the token. */
export const defaultWebhookPath = (token: string) => `/telegram/${digest('path', token).digest('hex').slice(0, 32)}`
export const defaultSecretToken = (token: string) => digest('secret', token).digest('base64url').slice(0, 43)

function port(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`TELEGRAM_WEBHOOK_PORT: not a port number: ${value}`)
  return n
}

export function telegramOptionsFromEnv(env: NodeJS.ProcessEnv): TelegramEnvOptions | undefined {
  const token = env.TELEGRAM_BOT_TOKEN?.trim()
  if (!token) return undefined
  const apiRoot = env.TELEGRAM_API_ROOT?.trim() || undefined
  const domain = env.TELEGRAM_WEBHOOK_DOMAIN?.trim()
  if (!domain) return { token, ...(apiRoot ? { apiRoot } : {}) }
  const secretToken = env.TELEGRAM_WEBHOOK_SECRET?.trim() || defaultSecretToken(token)
  if (!/^[\w-]{1,256}$/.test(secretToken)) {
    throw new Error('TELEGRAM_WEBHOOK_SECRET: 1–256 characters of A-Z a-z 0-9 _ - (a Telegram rule)')
  }
  const host = env.TELEGRAM_WEBHOOK_HOST?.trim() || undefined
  return {
    token,
    ...(apiRoot ? { apiRoot } : {}),
    webhook: {
      domain,
      path: env.TELEGRAM_WEBHOOK_PATH?.trim() || defaultWebhookPath(token),
      port: port(env.TELEGRAM_WEBHOOK_PORT, 8443),
      ...(host ? { host } : {}),
      secretToken,
    },
  }
}
