import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Update } from 'telegraf/types'
import { decodeMigration, decodeUpdate } from '../../../adapters/telegram/decode.js'

const bot = { id: 7000000001, username: 'ringbell_bot' }
const fixture = (name: string): Update =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Update
const decode = (name: string) => decodeUpdate(fixture(name), bot)

describe('telegram decode', () => {
  it('a basic group: key includes the chat, sender by user id, sentAt from date', () => {
    const m = decode('group-ring')
    expect(m).toEqual({
      key: { platform: 'telegram', conversationId: '-4012345678', messageId: '101' },
      conversation: { kind: 'group', platform: 'telegram', id: '-4012345678', title: '9幢业主群' },
      sender: { platform: 'telegram', id: '5550001', name: '王阿姨', locale: 'zh-hans' },
      content: [{ type: 'text', text: '/ring 9幢2单元楼道灯坏了 13812345678' }],
      mentionsSelf: false,
      attachments: [],
      sentAt: new Date(1767574800 * 1000),
    })
  })

  it('a supergroup is a group; /ring@ourbot loses the suffix and counts as addressed to us', () => {
    const m = decode('supergroup-ring-botname')!
    expect(m.conversation).toMatchObject({ kind: 'group', id: '-1001111111111', title: '10幢业主群' })
    expect(m.content).toEqual([{ type: 'text', text: '/ring 楼道灯坏了' }])
    expect(m.mentionsSelf).toBe(true)
  })

  it('a command addressed to another bot is not ours', () => {
    expect(decode('supergroup-other-bot')).toBeUndefined()
  })

  it('a private chat is direct', () => {
    const m = decode('private')!
    expect(m.conversation).toEqual({ kind: 'direct', platform: 'telegram', id: '5550001' })
    expect(m.content).toEqual([{ type: 'text', text: '进度 12' }])
  })

  it('a photo keeps the largest file_id and the caption is the text', () => {
    const m = decode('photo-caption')!
    expect(m.attachments).toEqual([{ kind: 'image', ref: 'AgACAgUAAxkBAAIBZ2Wlarge' }])
    expect(m.content).toEqual([{ type: 'text', text: '按铃 #物业 9幢门口垃圾堆了三天 🗑️' }])
  })

  it('quoting the ping becomes replyTo with the ping key, its sender and a preview', () => {
    const m = decode('reply-claim')!
    expect(m.content).toEqual([{ type: 'text', text: '接' }])
    expect(m.replyTo).toEqual({
      key: { platform: 'telegram', conversationId: '-1001234567890', messageId: '3300' },
      senderId: '7000000001',
      preview: '🔔 #12 9幢2单元楼道灯坏了 @钱 阿姨 请接单',
    })
  })

  it('text_mention keeps the user id, @username only the name; offsets are UTF-16 (emoji before them)', () => {
    const m = decode('mentions')!
    expect(m.content).toEqual([
      { type: 'text', text: '🙏 派单 12 ' },
      { type: 'mention', userId: '5551', name: '钱 阿姨' },
      { type: 'text', text: ' 和 ' },
      { type: 'mention', name: 'wan_dajie' },
      { type: 'text', text: ' 看一下' },
    ])
    expect(m.mentionsSelf).toBe(false)
    expect(m.sender).toEqual({ platform: 'telegram', id: '5559', name: '赵专员' })
  })

  it('@ourbot + text: mentionsSelf and the mention leaves the content', () => {
    const m = decode('mention-self')!
    expect(m.mentionsSelf).toBe(true)
    expect(m.content).toEqual([{ type: 'text', text: '电梯又停了 😡 9幢' }])
  })

  it('a forum topic keeps its thread; the topic opener is not a reply', () => {
    const m = decode('forum-topic')!
    expect(m.conversation).toEqual({
      kind: 'group',
      platform: 'telegram',
      id: '-1009876543210',
      title: '锦绣社区',
      threadId: '41',
    })
    expect(m.replyTo).toBeUndefined()
  })

  it('a real reply inside a forum topic is a reply', () => {
    const m = decode('forum-topic-reply')!
    expect(m.conversation.threadId).toBe('41')
    expect(m.replyTo?.key).toEqual({ platform: 'telegram', conversationId: '-1009876543210', messageId: '59' })
  })

  it('edited messages are ignored on purpose', () => {
    expect(decode('edited')).toBeUndefined()
  })

  it('an anonymous admin speaks as the group', () => {
    const m = decode('anonymous-admin')!
    expect(m.sender).toEqual({ platform: 'telegram', id: '-1009990000001', name: '议事荟' })
    expect(m.content).toEqual([{ type: 'text', text: '统计 本月' }])
  })

  it('messages from bots, channel posts and service messages are not decoded', () => {
    const base = fixture('group-ring') as unknown as { message: Record<string, unknown> }
    const from = { id: 42, is_bot: true, first_name: 'other' }
    expect(decodeUpdate({ update_id: 1, message: { ...base.message, from } } as unknown as Update, bot)).toBeUndefined()
    expect(
      decodeUpdate(
        {
          update_id: 2,
          channel_post: { ...base.message, chat: { id: -100, type: 'channel', title: 'c' } },
        } as unknown as Update,
        bot,
      ),
    ).toBeUndefined()
    const joined = { ...base.message, text: undefined, entities: undefined, new_chat_members: [from] }
    expect(decodeUpdate({ update_id: 3, message: joined } as unknown as Update, bot)).toBeUndefined()
  })

  it('a group upgraded to a supergroup: both service messages name the move, and neither is a message', () => {
    for (const name of ['migrate-to', 'migrate-from']) {
      expect(decodeMigration(fixture(name)), name).toEqual({ from: '-4012345678', to: '-1002471352452' })
      expect(decode(name), name).toBeUndefined()
    }
    expect(decodeMigration(fixture('group-ring'))).toBeUndefined()
  })

  it("the sender's app language comes along (language_code), when Telegram says it", () => {
    expect(decode('private')!.sender.locale).toBe('zh-hans')
    expect(decode('anonymous-admin')!.sender.locale).toBeUndefined()
  })
})
