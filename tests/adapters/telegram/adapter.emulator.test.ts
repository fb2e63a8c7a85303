// The real telegraf client against the telegram-test-api emulator (and a fault proxy) on 127.0.0.1.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DeliveryError, type ChatAdapter, type IncomingMessage } from '../../../src/chat/types.js'
import { createTelegramAdapter } from '../../../adapters/telegram/index.js'
import { encode } from '../../../adapters/telegram/encode.js'
import {
  EMULATED_BOT,
  HOST,
  botSent,
  freePort,
  quoted,
  say,
  startEmulator,
  startFaultProxy,
  until,
  type Emulator,
  type FaultProxy,
  type TgChat,
  type TgUser,
} from './emulator.js'

const wang: TgUser = { id: 5550001, first_name: '王阿姨' }
const qian: TgUser = { id: 5551, first_name: '钱阿姨' }
const building9: TgChat = { id: -4012345678, type: 'group', title: '9幢业主群' }
const volunteers: TgChat = { id: -1001234567890, type: 'supergroup', title: '好大姐志愿者群' }

let emu: Emulator
let tokenSeq = 0
const nextToken = () => `${1000 + ++tokenSeq}:TEST-token-${tokenSeq}`
const cleanups: (() => Promise<unknown>)[] = []
const later = <T extends { stop?: () => Promise<void>; close?: () => Promise<void> }>(x: T): T => {
  cleanups.push(() => (x.stop ? x.stop() : x.close!()))
  return x
}

beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(async () => {
  await emu.stop()
})
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function webhookAdapter(token: string, apiRoot = emu.config.apiURL, secretToken?: string) {
  const port = await freePort()
  const adapter = later(
    createTelegramAdapter({
      token,
      apiRoot,
      webhook: {
        domain: `http://${HOST}:${port}`,
        path: '/tg/7b1f-secret',
        port,
        host: HOST,
        ...(secretToken ? { secretToken } : {}),
      },
    }),
  )
  return { adapter, port }
}

const collect = () => {
  const got: IncomingMessage[] = []
  return {
    got,
    onMessage: async (m: IncomingMessage) => {
      got.push(m)
    },
  }
}

describe('telegram adapter over the emulator (webhook mode)', () => {
  it('decodes what users send and learns its own name from getMe', async () => {
    const token = nextToken()
    const { adapter } = await webhookAdapter(token)
    const { got, onMessage } = collect()
    const events: string[] = []
    await adapter.start(onMessage, async (e) => {
      events.push(e.type)
    })
    expect(adapter.isReady()).toBe(true)
    expect(events).toEqual(['online'])
    expect(adapter.self).toEqual({ platform: 'telegram', id: String(EMULATED_BOT.id), name: EMULATED_BOT.username })

    const text = `/ring@${EMULATED_BOT.username} 9幢楼道灯坏了`
    await say(emu, token, wang, building9, {
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.indexOf(' ') }],
    })
    await say(emu, token, wang, building9, { caption: '门口垃圾', photo: [{ file_id: 'small' }, { file_id: 'large' }] })
    await say(emu, token, wang, { id: wang.id, type: 'private' }, '进度 12')

    expect(got).toHaveLength(3)
    expect(got[0]).toMatchObject({
      conversation: { kind: 'group', id: String(building9.id), title: '9幢业主群' },
      sender: { id: String(wang.id), name: '王阿姨' },
      content: [{ type: 'text', text: '/ring 9幢楼道灯坏了' }],
      mentionsSelf: true,
    })
    expect(got[0]!.key).toEqual({
      platform: 'telegram',
      conversationId: String(building9.id),
      messageId: expect.stringMatching(/^\d+$/),
    })
    expect(got[1]).toMatchObject({
      attachments: [{ kind: 'image', ref: 'large' }],
      content: [{ type: 'text', text: '门口垃圾' }],
    })
    expect(got[2]!.conversation).toEqual({ kind: 'direct', platform: 'telegram', id: String(wang.id) })
  })

  it('sends real mentions, a quote-reply and the forum thread; no parse_mode; the key is the sent message', async () => {
    const token = nextToken()
    const { adapter } = await webhookAdapter(token)
    const { got, onMessage } = collect()
    await adapter.start(onMessage)
    await say(emu, token, wang, volunteers, '有人吗')
    const asked = got[0]!

    const key = await adapter.send({
      conversation: { ...asked.conversation, threadId: '41' },
      content: [
        { type: 'text', text: '🔔 #12 9幢楼道灯坏了 👉 ' },
        { type: 'mention', userId: String(qian.id), name: '钱阿姨' },
        { type: 'text', text: ' *别*当成格式' },
      ],
      replyTo: asked.key,
    })
    const [sent] = botSent(emu, token)
    expect(sent).toBeDefined()
    expect(key).toEqual({
      platform: 'telegram',
      conversationId: String(volunteers.id),
      messageId: String(sent!.messageId),
    })
    expect(sent!.text).toBe('🔔 #12 9幢楼道灯坏了 👉 @钱阿姨 *别*当成格式')
    expect(sent!.entities).toEqual([
      { type: 'text_mention', offset: 18, length: 4, user: { id: qian.id, is_bot: false, first_name: '钱阿姨' } },
    ])
    expect(sent!.reply_parameters).toEqual({
      message_id: Number(asked.key.messageId),
      allow_sending_without_reply: true,
    })
    expect(sent!.message_thread_id).toBe(41)
    expect(sent!.parse_mode).toBeUndefined()

    // Quoting that ping comes back as replyTo with the ping's key: that is how 接 claims.
    await say(emu, token, qian, volunteers, { text: '接', reply_to_message: quoted(sent!, volunteers) })
    expect(got[1]!.replyTo).toEqual({ key, senderId: String(EMULATED_BOT.id), preview: sent!.text })
  })

  it('a long text goes out in parts, each under the limit', async () => {
    const token = nextToken()
    const { adapter } = await webhookAdapter(token)
    await adapter.start(async () => {})
    const lines = Array.from({ length: 300 }, (_, i) => `#${i} 9幢2单元楼道灯坏了，已联系物业 🔧`)
    const key = await adapter.send({
      conversation: { kind: 'group', platform: 'telegram', id: String(volunteers.id) },
      content: [{ type: 'text', text: lines.join('\n') }],
    })
    const sent = botSent(emu, token)
    expect(sent.length).toBeGreaterThan(1)
    expect(key.messageId).toBe(String(sent[0]!.messageId))
    for (const s of sent) expect(s.text.length).toBeLessThanOrEqual(4096)
    expect(sent.map((s) => s.text).join('\n')).toBe(lines.join('\n'))
  })

  it('one failing handler does not stop the next update', async () => {
    const token = nextToken()
    const { adapter } = await webhookAdapter(token)
    const seen: string[] = []
    await adapter.start(async (m) => {
      const t = m.content[0]?.type === 'text' ? m.content[0].text : ''
      seen.push(t)
      if (t === 'boom') throw new Error('handler bug')
    })
    await say(emu, token, wang, building9, 'boom')
    await say(emu, token, wang, building9, 'still here')
    expect(seen).toEqual(['boom', 'still here'])
    expect(adapter.isReady()).toBe(true)
  })

  it('with a secret token, requests without the header are refused', async () => {
    const token = nextToken()
    const { adapter, port } = await webhookAdapter(token, emu.config.apiURL, 'S3cret_token-1')
    const { got, onMessage } = collect()
    await adapter.start(onMessage)
    const update = {
      update_id: 1,
      message: { message_id: 1, date: 1, chat: building9, from: { ...wang, is_bot: false }, text: 'hi' },
    }
    const post = (headers: Record<string, string>) =>
      fetch(`http://${HOST}:${port}/tg/7b1f-secret`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      })
    expect((await post({})).status).toBe(403)
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(403)
    expect(got).toHaveLength(0)
    expect((await post({ 'x-telegram-bot-api-secret-token': 'S3cret_token-1' })).status).toBe(200)
    expect(got).toHaveLength(1)
  })

  it('stop() closes the webhook server and is idempotent', async () => {
    const token = nextToken()
    const { adapter, port } = await webhookAdapter(token)
    await adapter.start(async () => {})
    await adapter.stop()
    expect(adapter.isReady()).toBe(false)
    await adapter.stop()
    await expect(fetch(`http://${HOST}:${port}/tg/7b1f-secret`, { method: 'POST', body: '{}' })).rejects.toThrow()
  })
})

describe('telegram adapter start failures', () => {
  it('start() rejects when the Bot API cannot be reached, and stop() is still safe', async () => {
    const dead = `http://${HOST}:${await freePort()}`
    const adapter = createTelegramAdapter({ token: nextToken(), apiRoot: dead })
    await expect(adapter.start(async () => {})).rejects.toThrow()
    expect(adapter.isReady()).toBe(false)
    await adapter.stop()
  })
})

describe('telegram delivery errors through a fault proxy', () => {
  let proxy: FaultProxy
  let adapter: ChatAdapter
  let token: string
  const faults = [
    { kind: '429', retryAfter: 3 },
    { kind: '500' },
    { kind: 'drop' },
    { kind: 'api', code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' },
    { kind: 'api', code: 400, description: 'Bad Request: chat not found' },
  ] as const

  beforeAll(async () => {
    token = nextToken()
    proxy = await startFaultProxy(emu.config.apiURL, (n) => faults[n])
    adapter = createTelegramAdapter({ token, apiRoot: proxy.url })
  })
  afterAll(async () => {
    await adapter.stop()
    await proxy.close()
  })

  const ping = () =>
    adapter.send({
      conversation: { kind: 'group', platform: 'telegram', id: String(volunteers.id) },
      content: [{ type: 'text', text: '🔔 #12' }],
    })
  const failure = async () => {
    const err = await ping().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(DeliveryError)
    return err as DeliveryError
  }

  it('translates each failure, one attempt each, then delivers', async () => {
    const tooMany = await failure()
    expect(tooMany).toMatchObject({ retryAfterMs: 3000, permanent: false })
    const serverError = await failure()
    expect(serverError).toMatchObject({ retryAfterMs: undefined, permanent: false })
    expect(serverError.message).toContain('500')
    const dropped = await failure()
    expect(dropped).toMatchObject({ retryAfterMs: undefined, permanent: false })
    expect(dropped.message).toMatch(/network/)
    expect(dropped.message).not.toContain(token.split(':')[1]!)
    expect(await failure()).toMatchObject({ permanent: true })
    expect(await failure()).toMatchObject({ permanent: true })

    const key = await ping()
    expect(proxy.log.filter((e) => e.method === 'sendMessage').map((e) => e.outcome)).toEqual([
      '429',
      '500',
      'drop',
      'api',
      'api',
      'forwarded',
    ])
    const sent = botSent(emu, token)
    expect(sent).toHaveLength(1)
    expect(key.messageId).toBe(String(sent[0]!.messageId))
  })

  it('a long message that fails half way resumes at the failed part on the retry', async () => {
    const p2 = await startFaultProxy(emu.config.apiURL, (n) => (n === 1 ? { kind: '500' } : undefined))
    const t2 = nextToken()
    const a2 = later(createTelegramAdapter({ token: t2, apiRoot: p2.url }))
    later(p2)
    const text = Array.from({ length: 1500 }, (_, i) => `第${i}行`).join('\n')
    const m = {
      conversation: { kind: 'group' as const, platform: 'telegram', id: String(volunteers.id) },
      content: [{ type: 'text' as const, text }],
    }
    const parts = encode(m).length
    expect(parts).toBeGreaterThan(1)
    await expect(a2.send(m)).rejects.toBeInstanceOf(DeliveryError)
    const key = await a2.send(m)
    const sent = botSent(emu, t2)
    expect(sent.map((s) => s.text).join('\n')).toBe(text)
    expect(sent).toHaveLength(parts)
    expect(key.messageId).toBe(String(sent[0]!.messageId))
    expect(p2.log.filter((e) => e.method === 'sendMessage').map((e) => e.outcome)).toEqual([
      'forwarded',
      '500',
      ...Array(parts - 1).fill('forwarded'),
    ])
  })
})

describe('telegram adapter in long-polling mode', () => {
  it('replays what was said while it was down, in order and one at a time; a failing handler does not stop polling', async () => {
    const token = nextToken()
    // No webhook for this token: the emulator queues these for getUpdates, as Telegram does while we are down.
    for (const text of ['一', 'boom', '三']) {
      await fetch(`${emu.config.apiURL}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          botToken: token,
          date: Math.floor(Date.now() / 1000),
          from: { ...wang, is_bot: false },
          chat: building9,
          text,
        }),
      })
    }
    const adapter = createTelegramAdapter({ token, apiRoot: emu.config.apiURL })
    const order: string[] = []
    let inFlight = 0
    let maxInFlight = 0
    await adapter.start(async (m) => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      const t = m.content[0]?.type === 'text' ? m.content[0].text : ''
      // The first one is slow: a concurrent batch would let the others overtake it.
      await new Promise((r) => setTimeout(r, t === '一' ? 150 : 5))
      order.push(t)
      inFlight--
      if (t === 'boom') throw new Error('handler bug')
    })
    try {
      await until('the replayed messages', () => order.length === 3)
      expect(order).toEqual(['一', 'boom', '三'])
      expect(maxInFlight).toBe(1)
      await say(emu, token, wang, building9, '四')
      await until('a message after the failure', () => order.length === 4)
      expect(order[3]).toBe('四')
    } finally {
      await adapter.stop()
    }
    expect(adapter.isReady()).toBe(false)
  })
})

describe('stop() during long polling', () => {
  // The emulator ignores getUpdates offsets, so this uses a few lines of fake Bot API that honour them.
  it('finishes the batch in hand and never confirms an update it did not handle', async () => {
    const pending = [
      { update_id: 10, text: 'a' },
      { update_id: 11, text: 'b' },
    ]
    const offsets: number[] = []
    let served = false
    const api: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { offset?: number; timeout?: number }
      const method = req.url!.split('/').pop()
      const reply = (result: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }))
      if (method === 'getMe') return reply({ id: 777, is_bot: true, first_name: 'bell', username: 'ringbell_bot' })
      if (method === 'deleteWebhook') return reply(true)
      if (method !== 'getUpdates') return reply(true)
      offsets.push(body.offset ?? 0)
      if (!served) {
        served = true
        return reply(
          pending.map((u) => ({
            update_id: u.update_id,
            message: {
              message_id: u.update_id,
              date: 1,
              chat: building9,
              from: { ...wang, is_bot: false },
              text: u.text,
            },
          })),
        )
      }
      // A long poll: hold the request until the client gives up (telegraf aborts it on stop).
      if ((body.timeout ?? 0) > 0) {
        req.on('close', () => res.destroy())
        return
      }
      reply([])
    })
    await new Promise<void>((r) => api.listen(0, HOST, r))
    const apiRoot = `http://${HOST}:${(api.address() as AddressInfo).port}`
    const adapter = createTelegramAdapter({ token: '777:fake', apiRoot })
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const handled: string[] = []
    let entered!: () => void
    const inHandler = new Promise<void>((r) => {
      entered = r
    })
    await adapter.start(async (m) => {
      const t = m.content[0]?.type === 'text' ? m.content[0].text : ''
      if (t === 'b') {
        entered()
        await gate
      }
      handled.push(t)
    })
    try {
      await inHandler
      let stopped = false
      const stopping = adapter.stop().then(() => {
        stopped = true
      })
      await new Promise((r) => setTimeout(r, 100))
      expect(stopped).toBe(false) // waits for the handler in progress
      release()
      await stopping
      expect(handled).toEqual(['a', 'b'])
      // The batch is confirmed only after both were handled, and nothing beyond it.
      expect(Math.max(...offsets)).toBeLessThanOrEqual(12)
      expect(offsets[0]).toBe(0)
    } finally {
      release()
      await new Promise((r) => {
        api.close(r)
        api.closeAllConnections()
      })
    }
  })
})
