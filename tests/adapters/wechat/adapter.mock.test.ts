// The adapter driven through the real wechaty API with wechaty-puppet-mock: rooms, people, mentions,
// quoted replies, images, a rename, a re-login that changes every id, an offline gap, and sends
// with real mentions, observed at the puppet (what WeChat would be asked to deliver).
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { types } from 'wechaty'
import {
  DeliveryError,
  type AdapterEvent,
  type ChatAdapter,
  type IncomingMessage,
  type OutgoingMessage,
} from '../../../src/chat/types.js'
import { silentLogger } from '../../../src/log.js'
import { createWechatAdapter } from '../../../adapters/wechat/index.js'
import { MESSAGE_TYPE } from '../../../adapters/wechat/incoming.js'
import { AT_SEP } from '../../../adapters/wechat/decode.js'
import { MockWorld, waitFor } from './mock-world.js'

const SEP = '- - - - - - - - - - - - - - -'
const RES = '9幢业主群'
const VOL = '好大姐志愿者群'

const spec = {
  bot: 'ringbell',
  rooms: { [RES]: ['王阿姨', '严大伯'], [VOL]: ['钱阿姨', '万大姐'] },
  aliases: { [VOL]: { 万大姐: '万姐(法律)', ringbell: '协商铃' } },
}

interface Harness {
  world: MockWorld
  adapter: ChatAdapter
  got: IncomingMessage[]
  events: AdapterEvent[]
}
let running: ChatAdapter[] = []

async function boot(
  opts: { login?: boolean; maxTextLength?: number; logLines?: string[]; terminal?: (t: string) => void } = {},
): Promise<Harness> {
  const world = new MockWorld(spec)
  const lines = opts.logLines
  const log = lines
    ? pino(
        { level: 'info' },
        {
          write: (l: string) => {
            lines.push(l)
          },
        },
      )
    : silentLogger()
  const adapter = createWechatAdapter({
    puppet: world.puppet,
    name: null,
    log,
    chunkGapMs: 0,
    terminal: opts.terminal ?? (() => undefined),
    ...(opts.maxTextLength ? { maxTextLength: opts.maxTextLength } : {}),
  })
  running.push(adapter)
  const got: IncomingMessage[] = []
  const events: AdapterEvent[] = []
  await adapter.start(
    async (m) => {
      got.push(m)
    },
    async (e) => {
      events.push(e)
    },
  )
  if (opts.login !== false) {
    world.login()
    await waitFor(() => adapter.isReady(), 'login')
  }
  return { world, adapter, got, events }
}

afterEach(async () => {
  await Promise.all(running.map((a) => a.stop()))
  running = []
})

const group = (id: string) => ({ kind: 'group' as const, platform: 'wechat', id })
const nth = async (h: Harness, n: number) => waitFor(() => h.got[n - 1], `message ${n}`)

describe('wechat adapter on wechaty-puppet-mock', () => {
  it('uses the message type numbers wechaty uses', () => {
    expect(MESSAGE_TYPE).toEqual({ Image: types.Message.Image, Text: types.Message.Text })
  })

  it('keys groups by topic and unbound people by name; reads mentions of the bot and of others; ignores its own and other types', async () => {
    const h = await boot()
    expect(h.events).toEqual([{ type: 'online', at: expect.any(Date) }])
    expect(h.adapter.self).toMatchObject({ platform: 'wechat', id: 'ringbell', name: 'ringbell' })

    h.world.say('王阿姨', `@ringbell${AT_SEP}9幢2单元楼道灯坏了`, RES, ['ringbell'])
    const ring = await nth(h, 1)
    expect(ring).toMatchObject({
      conversation: { kind: 'group', platform: 'wechat', id: RES, title: RES },
      sender: { platform: 'wechat', id: '王阿姨', name: '王阿姨' },
      content: [{ type: 'text', text: '9幢2单元楼道灯坏了' }],
      mentionsSelf: true,
      attachments: [],
    })
    expect(ring.key).toEqual({ platform: 'wechat', conversationId: RES, messageId: expect.any(String) })
    expect(ring.sentAt).toBeInstanceOf(Date)

    // The bot has an alias in the volunteers' room; 万大姐 too (she is known by it there).
    h.world.say('钱阿姨', `@协商铃${AT_SEP}派单 1 @万姐(法律)${AT_SEP}`, VOL, ['ringbell', '万大姐'])
    const assign = await nth(h, 2)
    expect(assign.mentionsSelf).toBe(true)
    expect(assign.content).toEqual([
      { type: 'text', text: '派单 1 ' },
      { type: 'mention', userId: '万姐(法律)', name: '万姐(法律)' },
    ])
    h.world.say('万大姐', '收到', VOL)
    // Not bound by the bot's remark: only a name, which anyone can take (a resident's rights at most).
    expect((await nth(h, 3)).sender).toEqual({ platform: 'wechat', id: '万姐(法律)', name: '万姐(法律)', byName: true })

    // Not for the app: a voice message, and what the bot itself says.
    h.world.voice('严大伯', RES)
    await h.adapter.send({ conversation: group(RES), content: [{ type: 'text', text: '收到' }] })
    h.world.direct('严大伯', '帮助')
    const dm = await nth(h, 4)
    expect(dm).toMatchObject({
      conversation: { kind: 'direct', id: '严大伯' },
      sender: { id: '严大伯' },
      content: [{ type: 'text', text: '帮助' }],
      mentionsSelf: false,
    })
    expect(h.got).toHaveLength(4)
  })

  it('keeps images as attachments referenced by message id', async () => {
    const h = await boot()
    const id = h.world.image('王阿姨', RES)
    const img = await nth(h, 1)
    expect(img).toMatchObject({ content: [], attachments: [{ kind: 'image', ref: id }], key: { messageId: id } })
  })

  it('sends with real mentions inline (wechaty writes @alias-or-name, passes the ids) and degrades replies to @name「preview」', async () => {
    const h = await boot()
    const ping: OutgoingMessage = {
      conversation: group(VOL),
      content: [
        { type: 'mention', name: '钱阿姨' },
        { type: 'text', text: ' ' },
        { type: 'mention', name: '万姐(法律)' },
        { type: 'text', text: ' 🔔 #1 新单：9幢2单元楼道灯坏了，引用本条回复「接」即可接单' },
      ],
    }
    const key = await h.adapter.send(ping)
    expect(key).toEqual({ platform: 'wechat', conversationId: VOL, messageId: expect.any(String) })
    const [sent] = h.world.sentTo(VOL)
    expect(sent?.text).toBe(
      `@钱阿姨${AT_SEP}@万姐(法律)${AT_SEP}🔔 #1 新单：9幢2单元楼道灯坏了，引用本条回复「接」即可接单`,
    )
    expect(sent?.mentionIdList).toEqual([h.world.person('钱阿姨').id, h.world.person('万大姐').id])

    // Someone not in the room stays plain text; the message still goes.
    await h.adapter.send({
      conversation: group(VOL),
      content: [
        { type: 'text', text: '#1 由 ' },
        { type: 'mention', name: '赵专员' },
        { type: 'text', text: ' 跟进' },
      ],
    })
    expect(h.world.sentTo(VOL)[1]).toMatchObject({ text: `#1 由 @赵专员${AT_SEP}跟进`, mentionIdList: [] })

    // A reply to the resident's ring: @王阿姨「…」 then the text; our own @ and the phone number are not repeated.
    h.world.say('王阿姨', `@ringbell${AT_SEP}9幢楼道灯坏了 13812345678`, RES, ['ringbell'])
    const ring = await nth(h, 1)
    await h.adapter.send({
      conversation: group(RES),
      content: [{ type: 'text', text: '🔔 #1 已受理' }],
      replyTo: ring.key,
    })
    expect(h.world.sentTo(RES)[0]).toMatchObject({
      text: `@王阿姨${AT_SEP}「9幢楼道灯坏了 138****5678」\n🔔 #1 已受理`,
      mentionIdList: [h.world.person('王阿姨').id],
    })
    // A quote of the ring (as WeChat shows it, with the @) still finds it.
    h.world.say('严大伯', `「王阿姨：@ringbell${AT_SEP}9幢楼道灯坏了 13812345678」\n${SEP}\n同`, RES)
    expect((await nth(h, 2)).replyTo).toMatchObject({ key: ring.key, senderId: '王阿姨' })
    // An unknown key (e.g. from before a restart) degrades to nothing.
    await h.adapter.send({
      conversation: group(RES),
      content: [{ type: 'text', text: '🔔 #1 已完成' }],
      replyTo: { ...ring.key, messageId: 'gone' },
    })
    expect(h.world.sentTo(RES)[1]?.text).toBe('🔔 #1 已完成')
  })

  it('turns a quoted reply to its own ping into replyTo with the real key, the quoted name and the preview', async () => {
    const h = await boot()
    const pingText = '🔔 #1 新单\n9幢2单元楼道灯坏了'
    const key = await h.adapter.send({
      conversation: group(VOL),
      content: [
        { type: 'mention', name: '钱阿姨' },
        { type: 'text', text: ` ${pingText}` },
      ],
    })
    // WeChat shows the bot by its alias in this room (协商铃); the quote carries that name.
    h.world.say('钱阿姨', `「协商铃：@钱阿姨${AT_SEP}${pingText}」\n${SEP}\n接`, VOL)
    const claim = await nth(h, 1)
    expect(claim.content).toEqual([{ type: 'text', text: '接' }])
    expect(claim.mentionsSelf).toBe(false)
    expect(claim.replyTo).toEqual({ key, senderId: 'ringbell', preview: `@钱阿姨${AT_SEP}${pingText}` })

    // Part of it quoted (its first line, as a volunteer picks one case of a folded ping): the part goes along.
    h.world.say('钱阿姨', `「协商铃：@钱阿姨${AT_SEP}🔔 #1 新单」\n${SEP}\n接`, VOL)
    expect((await nth(h, 2)).replyTo).toEqual({
      key,
      senderId: 'ringbell',
      preview: `@钱阿姨${AT_SEP}🔔 #1 新单`,
      quote: `@钱阿姨${AT_SEP}🔔 #1 新单`,
    })

    // A quote of something the adapter never saw: the preview is all the app gets.
    h.world.say('钱阿姨', `「ringbell：🔔 #7 新单」\n${SEP}\n接`, VOL)
    expect((await nth(h, 3)).replyTo).toEqual({
      key: { platform: 'wechat', conversationId: VOL, messageId: '' },
      senderId: 'ringbell',
      preview: '🔔 #7 新单',
    })
  })

  it('follows a group rename: chatRenamed, new messages under the new topic, queued sends still arrive', async () => {
    const h = await boot()
    h.world.rename(RES, '锦绣新村9幢业主群', '严大伯')
    await waitFor(() => h.events.find((e) => e.type === 'chatRenamed'), 'chatRenamed')
    expect(h.events).toContainEqual({ type: 'chatRenamed', from: RES, to: '锦绣新村9幢业主群' })
    h.world.say('王阿姨', '满意 1', '锦绣新村9幢业主群')
    expect((await nth(h, 1)).conversation.id).toBe('锦绣新村9幢业主群')
    const key = await h.adapter.send({ conversation: group(RES), content: [{ type: 'text', text: '#1 已结单' }] })
    expect(key.conversationId).toBe(RES)
    expect(h.world.sentTo('锦绣新村9幢业主群').map((s) => s.text)).toEqual(['#1 已结单'])
  })

  it('survives a re-login that changes every id: offline/online reported, isReady false between, topics still work', async () => {
    const h = await boot()
    await h.adapter.send({ conversation: group(VOL), content: [{ type: 'text', text: '第一次登录' }] })
    const before = h.world.sentTo(VOL)[0]!.conversationId

    await h.world.logout('web session expired')
    await waitFor(() => h.events.find((e) => e.type === 'offline'), 'offline')
    expect(h.adapter.isReady()).toBe(false)
    expect(h.events.at(-1)).toEqual({ type: 'offline', at: expect.any(Date), reason: 'web session expired' })
    await expect(
      h.adapter.send({ conversation: group(VOL), content: [{ type: 'text', text: 'x' }] }),
    ).rejects.toBeInstanceOf(DeliveryError)

    const { oldRoomIds, newRoomIds } = h.world.loginWithNewIds()
    expect(newRoomIds.some((id) => oldRoomIds.includes(id))).toBe(false)
    await waitFor(() => h.adapter.isReady(), 'login again')
    expect(h.events.map((e) => e.type)).toEqual(['online', 'offline', 'online'])

    await h.adapter.send({
      conversation: group(VOL),
      content: [
        { type: 'mention', name: '钱阿姨' },
        { type: 'text', text: ' 第二次登录' },
      ],
    })
    const after = h.world.sentTo(VOL)[1]!
    expect(after.conversationId).not.toBe(before)
    expect(after.conversationId).toBe(h.world.room(VOL).id)
    expect(after.mentionIdList).toEqual([h.world.person('钱阿姨').id])

    h.world.say('钱阿姨', '接单 1', VOL)
    expect(await nth(h, 1)).toMatchObject({ conversation: { id: VOL }, sender: { id: '钱阿姨' } })
  })

  it('sends direct messages by name, also to someone known only by their alias in a room', async () => {
    const h = await boot()
    const direct = (id: string) => ({ kind: 'direct' as const, platform: 'wechat', id })
    const key = await h.adapter.send({
      conversation: direct('严大伯'),
      content: [{ type: 'text', text: '#1 联系人：王阿姨 138****5678' }],
    })
    expect(key).toEqual({ platform: 'wechat', conversationId: '严大伯', messageId: expect.any(String) })
    await h.adapter.send({ conversation: direct('万姐(法律)'), content: [{ type: 'text', text: '#2 请看' }] })
    expect(h.world.puppet.sent.map((s) => [s.conversationId, s.text])).toEqual([
      [h.world.person('严大伯').id, '#1 联系人：王阿姨 138****5678'],
      [h.world.person('万大姐').id, '#2 请看'],
    ])
    await expect(
      h.adapter.send({ conversation: direct('陌生人'), content: [{ type: 'text', text: 'x' }] }),
    ).rejects.toBeInstanceOf(DeliveryError)
  })

  it('splits a long message into several sends; a quote of any part finds the key send() returned', async () => {
    const h = await boot({ maxTextLength: 60 })
    const lines = ['📋 未接单 3 件：', ...[1, 2, 3].map((n) => `#${n} 9幢${n}单元楼道灯坏了，已等 ${n * 15} 分钟`)]
    const key = await h.adapter.send({
      conversation: group(VOL),
      content: [
        { type: 'mention', name: '钱阿姨' },
        { type: 'text', text: ` ${lines.join('\n')}` },
      ],
    })
    const sent = h.world.sentTo(VOL)
    expect(sent.length).toBeGreaterThan(1)
    expect(sent.every((s) => s.text.length <= 60)).toBe(true)
    expect(sent.map((s) => s.mentionIdList.length)).toEqual([1, ...sent.slice(1).map(() => 0)])
    expect(sent.map((s) => s.text).join('\n')).toBe(`@钱阿姨${AT_SEP}${lines.join('\n')}`)
    h.world.say('钱阿姨', `「ringbell：${sent.at(-1)!.text}」\n${SEP}\n接`, VOL)
    expect((await nth(h, 1)).replyTo?.key).toEqual(key)
  })

  it('fails a send with a DeliveryError (one attempt) and sends the next one normally', async () => {
    const h = await boot()
    h.world.puppet.failNext = 1
    await expect(
      h.adapter.send({ conversation: group(VOL), content: [{ type: 'text', text: 'a' }] }),
    ).rejects.toMatchObject({ name: 'DeliveryError', permanent: false })
    await expect(
      h.adapter.send({ conversation: group('没有这个群'), content: [{ type: 'text', text: 'b' }] }),
    ).rejects.toBeInstanceOf(DeliveryError)
    await h.adapter.send({ conversation: group(VOL), content: [{ type: 'text', text: 'c' }] })
    expect(h.world.sentTo(VOL).map((s) => s.text)).toEqual(['c'])
  })

  it('logs the QR request, login, logout and the new scan request so an operator can follow', async () => {
    const lines: string[] = []
    let screen = ''
    const h = await boot({
      login: false,
      logLines: lines,
      terminal: (t) => {
        screen += t
      },
    })
    const said = () =>
      lines.map((l) => JSON.parse(l) as { level: number; msg: string }).map((l) => `${l.level} ${l.msg}`)
    h.world.mocker.scan('https://login.weixin.qq.com/l/first', 2)
    h.world.login()
    await waitFor(() => h.adapter.isReady(), 'login')
    await h.world.logout('web session expired')
    h.world.mocker.scan('https://login.weixin.qq.com/l/second', 2)
    await waitFor(() => said().filter((l) => l.includes('scan the QR code to log in')).length === 2, 'two QR prompts')
    expect(said().filter((l) => !l.includes('started'))).toEqual([
      '40 wechat: no saved login (or it expired): scan the QR code with the bot account',
      '30 wechat: scan the QR code to log in',
      expect.stringMatching(/^30 wechat: logged in/),
      '40 wechat: logged out — messages wait in the outbox until the next login',
      '40 wechat: WeChat asks for a new scan (the login expired or was ended on the phone)',
      '30 wechat: scan the QR code to log in',
    ])
    // The terminal shows the same story at any log level (main.ts logs at warn).
    expect(screen).toContain('✅ 微信已登录：ringbell')
    expect(screen).toContain('⚠️ 微信已退出登录（web session expired）')
    expect(screen.split('扫码登录').length - 1).toBe(2)
  })

  it('is not ready before the first login and reports nothing while stopping', async () => {
    const h = await boot({ login: false })
    expect(h.adapter.isReady()).toBe(false)
    h.world.login()
    await waitFor(() => h.adapter.isReady(), 'login')
    await h.adapter.stop()
    expect(h.adapter.isReady()).toBe(false)
    expect(h.events.map((e) => e.type)).toEqual(['online'])
  })
})
