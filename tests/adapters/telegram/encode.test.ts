import { describe, expect, it } from 'vitest'
import type { OutgoingMessage } from '../../../src/chat/types.js'
import { encode } from '../../../adapters/telegram/encode.js'

const volunteers = { kind: 'group' as const, platform: 'telegram', id: '-1001234567890' }
const msg = (content: OutgoingMessage['content'], extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  conversation: volunteers,
  content,
  ...extra,
})

describe('telegram encode', () => {
  it('a mention with a user id is a text_mention at UTF-16 offsets after CJK and emoji', () => {
    const [p, more] = encode(
      msg([
        { type: 'text', text: '🔔 #12 9幢楼道灯坏了 👉 ' },
        { type: 'mention', userId: '5551', name: '钱阿姨' },
        { type: 'text', text: ' 和 ' },
        { type: 'mention', userId: '5552', name: '万大姐' },
        { type: 'text', text: ' 请接单' },
      ]),
    )
    expect(more).toBeUndefined()
    expect(p!.text).toBe('🔔 #12 9幢楼道灯坏了 👉 @钱阿姨 和 @万大姐 请接单')
    const [a, b] = p!.entities
    // 🔔 and 👉 are two UTF-16 units each: 2+1+3+1+7+1+2+1 = 18
    expect(a).toMatchObject({ type: 'text_mention', offset: 18, length: 4, user: { id: 5551 } })
    expect(b).toMatchObject({ type: 'text_mention', offset: 25, length: 4, user: { id: 5552 } })
    expect(p!.text.slice(a!.offset, a!.offset + a!.length)).toBe('@钱阿姨')
    expect(p!.text.slice(b!.offset, b!.offset + b!.length)).toBe('@万大姐')
  })

  it('a mention without an id is plain @name text', () => {
    const [p] = encode(
      msg([
        { type: 'text', text: '派给 ' },
        { type: 'mention', name: 'wan_dajie' },
      ]),
    )
    expect(p).toEqual({ chat_id: -1001234567890, text: '派给 @wan_dajie', entities: [] })
  })

  it('user text is never formatting: no parse_mode, markup characters stay literal', () => {
    const text = '<b>楼道</b> *灯* _坏了_ [x](http://e.com) `rm`'
    const [p] = encode(msg([{ type: 'text', text }]))
    expect(p!.text).toBe(text)
    expect(p!.entities).toEqual([])
    expect(p).not.toHaveProperty('parse_mode')
  })

  it('replies with reply_parameters (allow_sending_without_reply) only in the same chat', () => {
    const replyTo = { platform: 'telegram', conversationId: volunteers.id, messageId: '3301' }
    const [p] = encode(msg([{ type: 'text', text: '#12 由 钱阿姨 接单' }], { replyTo }))
    expect(p!.reply_parameters).toEqual({ message_id: 3301, allow_sending_without_reply: true })
    const [q] = encode(msg([{ type: 'text', text: 'x' }], { replyTo: { ...replyTo, conversationId: '-4012345678' } }))
    expect(q).not.toHaveProperty('reply_parameters')
    const [r] = encode(msg([{ type: 'text', text: 'x' }], { replyTo: { ...replyTo, platform: 'wechat' } }))
    expect(r).not.toHaveProperty('reply_parameters')
  })

  it('a forum topic thread goes out as message_thread_id', () => {
    const [p] = encode(msg([{ type: 'text', text: '已受理' }], { conversation: { ...volunteers, threadId: '41' } }))
    expect(p!.message_thread_id).toBe(41)
  })

  it('long texts split on line boundaries under the limit; entities re-based; reply only on the first part', () => {
    const line = (i: number) => `${i}. 🔔 第${i}号铃 9幢楼道灯坏了`
    const content: OutgoingMessage['content'] = []
    for (let i = 0; i < 400; i++) {
      content.push(
        { type: 'text', text: `${line(i)} ` },
        { type: 'mention', userId: String(5000 + i), name: `志愿者${i}` },
        { type: 'text', text: '\n' },
      )
    }
    const replyTo = { platform: 'telegram', conversationId: volunteers.id, messageId: '9' }
    const parts = encode(msg(content, { replyTo }))
    expect(parts.length).toBeGreaterThan(2)
    const lines: string[] = []
    parts.forEach((p, i) => {
      expect(p.text.length).toBeLessThanOrEqual(4096)
      expect(p.text.startsWith(`${lines.length}. `)).toBe(true) // cut between lines, never inside one
      expect(Boolean(p.reply_parameters)).toBe(i === 0)
      for (const e of p.entities) {
        const who = p.text.slice(e.offset, e.offset + e.length)
        expect(e.type === 'text_mention' && `@志愿者${e.user.id - 5000}`).toBe(who)
      }
      lines.push(...p.text.split('\n'))
    })
    expect(lines).toHaveLength(400)
    expect(parts.flatMap((p) => p.entities)).toHaveLength(400)
  })

  it('a single overlong line is cut without splitting a surrogate pair or a mention', () => {
    const text = '😀'.repeat(3000)
    const parts = encode(
      msg([
        { type: 'text', text },
        { type: 'mention', userId: '1', name: '钱阿姨' },
      ]),
      4096,
    )
    expect(parts.map((p) => p.text).join('')).toBe(`${text}@钱阿姨`)
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(4096)
      expect(p.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/)
    }
    const last = parts[parts.length - 1]!
    expect(last.entities).toEqual([expect.objectContaining({ type: 'text_mention', length: 4 })])
    expect(last.text.slice(last.entities[0]!.offset)).toBe('@钱阿姨')
  })

  it('whitespace Telegram would trim is trimmed first so offsets stay true; empty content yields nothing', () => {
    const [p] = encode(
      msg([
        { type: 'text', text: '\n  ' },
        { type: 'mention', userId: '7', name: 'a' },
        { type: 'text', text: ' \n' },
      ]),
    )
    expect(p).toMatchObject({ text: '@a', entities: [{ offset: 0, length: 2 }] })
    expect(encode(msg([{ type: 'text', text: '  \n' }]))).toEqual([])
  })
})
