// Starting while the Bot API cannot be reached: retried with backoff until it can; given up (process
// exit) only when nothing else runs. The API root points at a closed 127.0.0.1 port, then the emulator
// comes up on that very port.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { ConsoleAdapter } from '../../../adapters/console/index.js'
import { createTelegramAdapter } from '../../../adapters/telegram/index.js'
import { SimClock } from '../../../src/domain/clock.js'
import { startRingbell, type RingbellOptions } from '../../../src/ringbell.js'
import type { ChatAdapter } from '../../../src/chat/types.js'
import { demoWith, tempDbFile, tempDir } from '../../helpers/index.js'
import {
  HOST,
  botSent,
  fakeBotApi,
  freePort,
  say,
  startEmulator,
  until,
  type Emulator,
  type TgChat,
  type TgUser,
} from './emulator.js'

const residents9: TgChat = { id: -4012345678, type: 'group', title: '9幢业主群' }
const wang: TgUser = { id: 5550001, first_name: '王阿姨' }
const config = demoWith('telegram', {
  groups: { '9幢业主群': String(residents9.id) },
  people: { 王阿姨: String(wang.id) },
})
const MONDAY_9AM = new Date('2026-01-05T01:00:00Z')

/** A logger that keeps what it would have printed. */
function recordingLog() {
  const lines: { level: number; msg: string; platform?: string; attempt?: number }[] = []
  const log = pino({ level: 'info' }, { write: (s: string) => lines.push(JSON.parse(s) as (typeof lines)[number]) })
  return { log, lines }
}

const open: { stop(): Promise<void> }[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.stop()
})

let tokens = 0
async function telegramAt(apiRoot: string) {
  const port = await freePort()
  const token = `${7100 + ++tokens}:START-${tokens}`
  const path = `/tg/start-${tokens}`
  const adapter = createTelegramAdapter({
    token,
    apiRoot,
    webhook: { domain: `http://${HOST}:${port}`, path, port, host: HOST },
  })
  return { adapter, token }
}

async function bell(adapters: ChatAdapter[], extra: Partial<RingbellOptions>) {
  const rb = await startRingbell({
    dbFile: tempDbFile(),
    config,
    adapters,
    clock: new SimClock(MONDAY_9AM),
    background: false,
    ...extra,
  })
  open.push(rb)
  return rb
}

describe('Telegram unreachable at start', () => {
  it('is tried again with backoff, every attempt logged, and runs once the Bot API is there', async () => {
    const apiPort = await freePort()
    const { adapter, token } = await telegramAt(`http://${HOST}:${apiPort}`)
    const { log, lines } = recordingLog()
    const fatal: Error[] = []
    const rb = await bell([adapter], {
      log,
      startRetry: { firstDelayMs: 50, maxDelayMs: 200, limitMs: 30_000 },
      onFatal: (e) => fatal.push(e),
    })
    expect(adapter.isReady()).toBe(false)
    await until(
      'a few attempts',
      () => lines.filter((l) => l.msg === 'adapter failed to start; will retry').length >= 3,
    )

    let emu: Emulator | undefined
    try {
      emu = await startEmulator(apiPort)
      await until('telegram started', () => adapter.isReady(), 10_000)
      const attempts = lines.filter((l) => l.msg === 'adapter failed to start; will retry')
      expect(attempts.map((l) => l.attempt)).toEqual(attempts.map((_, i) => i + 1))
      expect(lines.some((l) => l.msg === 'adapter started' && l.platform === 'telegram')).toBe(true)

      await say(emu, token, wang, residents9, '按铃 9幢2单元楼道灯坏了')
      await rb.drain()
      expect(botSent(emu, token).map((s) => s.text)).toContainEqual(expect.stringMatching(/🔔 #1 已受理/))
      expect(fatal).toEqual([])
    } finally {
      await rb.stop()
      await emu?.stop()
    }
  })

  it('the only platform, never reachable: given up after the limit (the process exits)', async () => {
    const { adapter } = await telegramAt(`http://${HOST}:${await freePort()}`)
    const fatal: Error[] = []
    await bell([adapter], {
      log: recordingLog().log,
      startRetry: { firstDelayMs: 20, maxDelayMs: 50, limitMs: 300 },
      onFatal: (e) => fatal.push(e),
    })
    await until('given up', () => fatal.length > 0, 5_000)
    expect(fatal[0]!.message).toMatch(/^telegram did not start in \d+ s: /)
    expect(adapter.isReady()).toBe(false)
  })

  it('beside a running platform, never reachable: the other keeps serving and telegram keeps being tried', async () => {
    const { adapter } = await telegramAt(`http://${HOST}:${await freePort()}`)
    const out: string[] = []
    const consoleAdapter = new ConsoleAdapter({ write: (l) => out.push(l) })
    const { log, lines } = recordingLog()
    const fatal: Error[] = []
    const rb = await bell([consoleAdapter, adapter], {
      log,
      startRetry: { firstDelayMs: 20, maxDelayMs: 50, limitMs: 300 },
      onFatal: (e) => fatal.push(e),
    })
    await until('the limit passed', () => lines.find((l) => l.msg.startsWith('adapter still not started')), 5_000)
    const tries = lines.filter((l) => l.msg === 'adapter failed to start; will retry').length
    await until(
      'tried again after the limit',
      () => lines.filter((l) => l.msg === 'adapter failed to start; will retry').length > tries,
    )
    expect(fatal).toEqual([])
    await rb.app.handle(
      {
        key: { platform: 'console', conversationId: '9幢业主群', messageId: 'c1' },
        conversation: { kind: 'group', platform: 'console', id: '9幢业主群' },
        sender: { platform: 'console', id: '王阿姨', name: '王阿姨' },
        content: [{ type: 'text', text: '按铃 楼道灯坏了' }],
        mentionsSelf: false,
        attachments: [],
        sentAt: new Date(),
      },
      consoleAdapter.self,
    )
    await rb.drain()
    expect(out.join('\n')).toMatch(/🔔 #1 已受理/)
  })
})

describe('the whole process', () => {
  it('with Telegram its only platform and the Bot API never reachable, exits non-zero for the supervisor', async () => {
    const dir = tempDir()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(import.meta.dirname, '../../..'),
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: '7199:NEVER',
        TELEGRAM_API_ROOT: `http://${HOST}:${await freePort()}`,
        RINGBELL_DB: join(dir, 'ringbell.db'),
        RINGBELL_START_TIMEOUT: '3s',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(1)
    expect(stderr).toContain('adapter failed to start; will retry')
    expect(stderr).toContain('no platform could start')
  }, 60_000)

  it('SIGTERM while the Bot API has gone away mid-polling: a clean stop, exit 0, at once', async () => {
    let up = true
    let refused = 0
    const api = await fakeBotApi((method, _body, req, res) => {
      if (method !== 'getUpdates') return true
      if (!up) {
        refused++
        req.socket.destroy()
        return undefined
      }
      // A short long poll: nothing new, ask again.
      setTimeout(() => {
        if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":[]}')
      }, 100)
      return undefined
    })
    open.push({ stop: api.close })
    const dir = tempDir()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(import.meta.dirname, '../../..'),
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: '777:fake',
        TELEGRAM_API_ROOT: api.url,
        RINGBELL_DB: join(dir, 'ringbell.db'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    try {
      await until('polling', () => stderr.includes('telegram long polling'), 30_000)
      up = false // the network goes: getUpdates fails and the poller backs off
      await until('polling in trouble', () => refused >= 2, 10_000)
      const t = Date.now()
      child.kill('SIGTERM')
      const [code, signal] = await exited
      expect({ code, signal }).toEqual({ code: 0, signal: null })
      expect(Date.now() - t).toBeLessThan(2000)
      expect(stderr).toContain('telegram polling stopped')
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  }, 60_000)
})
