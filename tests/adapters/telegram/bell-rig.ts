// ringbell whole on the Telegram Bot API emulator: the real telegraf client in webhook mode behind the
// fault proxy, a simulated clock, and the relay driven by the test (drain), so nothing races what a test
// checks. One rig for every emulator test that runs the bot; each file keeps its own cast and checks.
import { join } from 'node:path'
import { createTelegramAdapter } from '../../../adapters/telegram/index.js'
import type { CommunityConfig } from '../../../src/config/schema.js'
import { SimClock } from '../../../src/domain/clock.js'
import { silentLogger } from '../../../src/log.js'
import { startRingbell, type Ringbell } from '../../../src/ringbell.js'
import {
  HOST,
  botSent,
  freePort,
  say,
  startFaultProxy,
  type BotSent,
  type Emulator,
  type Fault,
  type FaultProxy,
  type Said,
  type TgChat,
  type TgUser,
} from './emulator.js'

export interface TelegramBell {
  rb: Ringbell
  token: string
  proxy: FaultProxy
  /** where Telegram posts this bot's updates (to deliver one again) */
  hookUrl: string
  /** what the bot sent to a chat */
  sent(chat: TgChat): BotSent[]
  /** the same, as texts */
  inChat(chat: TgChat): string[]
  /** a user writes; the bot has handled it when this returns, and sent nothing yet (see drain) */
  write(from: TgUser, chat: TgChat, said: Said | string): Promise<void>
  /** a user writes; returns once the bot has handled it and sent what it had to */
  said(from: TgUser, chat: TgChat, said: Said | string): Promise<void>
  drain(): Promise<void>
}

export interface BellOptions {
  emu: Emulator
  /** a temp folder for the run's database */
  dir: string
  /** names the run's token, webhook path and database file */
  name: string
  config: CommunityConfig
  /** the simulated clock's start */
  at: Date
  /** a fault for the proxy to answer a sendMessage with (numbered from 0), else it is forwarded */
  fault?: (n: number, body: Record<string, unknown>) => Fault | undefined
}

let runs = 0

/** Starts a bot on its own token, database and webhook port; stops all of it after `body`, passing or not. */
export async function withTelegramBell<T>(o: BellOptions, body: (bell: TelegramBell) => Promise<T>): Promise<T> {
  const run = ++runs
  const token = `${4000 + run}:${o.name.toUpperCase()}-${run}`
  const proxy = await startFaultProxy(o.emu.config.apiURL, o.fault ?? (() => undefined))
  const port = await freePort()
  const path = `/tg/${o.name}-${run}`
  const adapter = createTelegramAdapter({
    token,
    apiRoot: proxy.url,
    webhook: { domain: `http://${HOST}:${port}`, path, port, host: HOST },
  })
  const rb = await startRingbell({
    dbFile: join(o.dir, `${o.name}-${run}.db`),
    config: o.config,
    adapters: [adapter],
    clock: new SimClock(o.at),
    log: silentLogger(),
    background: false,
  })
  const sent = (chat: TgChat) => botSent(o.emu, token).filter((s) => s.chatId === String(chat.id))
  const write = (from: TgUser, chat: TgChat, said: Said | string) => say(o.emu, token, from, chat, said)
  try {
    return await body({
      rb,
      token,
      proxy,
      hookUrl: `http://${HOST}:${port}${path}`,
      sent,
      inChat: (chat) => sent(chat).map((s) => s.text),
      write,
      said: async (from, chat, said) => {
        await write(from, chat, said)
        await rb.drain()
      },
      drain: () => rb.drain(),
    })
  } finally {
    await rb.stop()
    await adapter.stop()
    await proxy.close()
  }
}
