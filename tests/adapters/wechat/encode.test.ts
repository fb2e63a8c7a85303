// OutgoingMessage → room.say chunks: inline mentions, the degraded quote, long texts.
import { describe, expect, it } from 'vitest'
import type { Conversation, OutgoingMessage, Segment } from '../../../src/chat/types.js'
import { AT_SEP } from '../../../adapters/wechat/decode.js'
import { encode, preview } from '../../../adapters/wechat/encode.js'
import { coalesce, folded } from '../../../src/delivery/coalesce.js'
import type { OutboxRow } from '../../../src/delivery/outbox.js'

const group: Conversation = { kind: 'group', platform: 'wechat', id: '好大姐志愿者群' }
const direct: Conversation = { kind: 'direct', platform: 'wechat', id: '钱阿姨' }
const msg = (content: Segment[], conversation = group): OutgoingMessage => ({ conversation, content })
const t = (text: string): Segment => ({ type: 'text', text })
const at = (name: string): Segment => ({ type: 'mention', name })

describe('encode', () => {
  it('keeps mentions where the app put them, each followed by U+2005', () => {
    const [c, ...rest] = encode(msg([at('钱阿姨'), t(' '), at('万大姐'), t(' 🔔 #12 新单：楼道灯坏了')]))
    expect(rest).toEqual([])
    expect(c).toEqual({
      parts: ['', `${AT_SEP}`, `${AT_SEP}🔔 #12 新单：楼道灯坏了`],
      mentions: [
        { key: '钱阿姨', name: '钱阿姨' },
        { key: '万大姐', name: '万大姐' },
      ],
      text: `@钱阿姨${AT_SEP}@万大姐${AT_SEP}🔔 #12 新单：楼道灯坏了`,
    })
    const [inline] = encode(msg([t('#12 由 '), at('钱阿姨'), t('接单')]))
    expect(inline?.text).toBe(`#12 由 @钱阿姨${AT_SEP}接单`)
    expect(inline?.parts).toEqual(['#12 由 ', `${AT_SEP}接单`])
  })

  it('finds the member by the user id (a bound id, or their name in the room) and shows the name', () => {
    const [c] = encode(msg([{ type: 'mention', userId: '万姐(法律)', name: '万大姐' }, t(' 请看 #3')]))
    expect(c?.mentions).toEqual([{ key: '万姐(法律)', name: '万大姐' }])
    const [bound] = encode(msg([{ type: 'mention', userId: '=K3F9Q2', name: '钱阿姨' }, t(' 请看 #3')]))
    expect(bound?.mentions).toEqual([{ key: '=K3F9Q2', name: '钱阿姨' }])
    expect(bound?.text).toBe(`@钱阿姨${AT_SEP}请看 #3`)
  })

  it('writes mentions as plain text in a direct chat', () => {
    const [c] = encode(msg([t('#12 由 '), at('钱阿姨'), t(' 接单')], direct))
    expect(c).toEqual({ text: '#12 由 @钱阿姨 接单', parts: ['#12 由 @钱阿姨 接单'], mentions: [] })
  })

  it('degrades a reply to @name「preview」 on the first line, without mentioning twice or mentioning us', () => {
    const reply = {
      senderName: '王阿姨',
      text: `@ringbell${AT_SEP}9幢2单元楼道灯坏了好几天了，晚上很黑`,
      fromSelf: false,
    }
    const [c] = encode(msg([t('🔔 #12 已受理')]), { reply })
    expect(c?.text).toBe(`@王阿姨${AT_SEP}「@ringbell 9幢2单元楼道灯坏了…」\n🔔 #12 已受理`)
    expect(c?.mentions).toEqual([{ key: '王阿姨', name: '王阿姨' }])
    const [again] = encode(msg([at('王阿姨'), t(' 🔔 #12 已受理')]), { reply })
    expect(again?.mentions).toEqual([{ key: '王阿姨', name: '王阿姨' }])
    expect(again?.text.startsWith('「')).toBe(true)
    const [own] = encode(msg([t('已撤销')]), { reply: { senderName: 'ringbell', text: '🔔 #12', fromSelf: true } })
    expect(own).toEqual({ text: '「🔔 #12」\n已撤销', parts: ['「🔔 #12」\n已撤销'], mentions: [] })
    // A bound sender is @-ed by their id, so the member found is them and not a namesake.
    const [bound] = encode(msg([t('🔔 #12 已受理')]), { reply: { ...reply, senderId: '=K3F9Q2' } })
    expect(bound?.mentions).toEqual([{ key: '=K3F9Q2', name: '王阿姨' }])
  })

  it("never prints a phone number carried in the quoted person's nickname", () => {
    const reply = { senderName: '王阿姨13812345678', text: '按铃 楼道灯坏了', fromSelf: false }
    const [c] = encode(msg([t('🔔 #12 已受理')]), { reply })
    expect(c?.text).toBe('@王阿姨138****5678 「按铃 楼道灯坏了」\n🔔 #12 已受理')
    expect(c?.mentions).toEqual([])
  })

  it('splits long texts at line ends, every chunk within the limit, nothing lost', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `#${i} ${'楼道灯坏了'.repeat(5)}`)
    const chunks = encode(msg([at('钱阿姨'), t(` 今日未接单：\n${lines.join('\n')}`)]), { maxLength: 200 })
    expect(chunks.length).toBeGreaterThan(3)
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(200)
    expect(chunks[0]?.mentions.map((m) => m.name)).toEqual(['钱阿姨'])
    expect(chunks.slice(1).every((c) => c.mentions.length === 0)).toBe(true)
    const all = chunks.map((c) => c.text).join('\n')
    expect(all).toBe(`@钱阿姨${AT_SEP}今日未接单：\n${lines.join('\n')}`)
  })

  it('cuts an over-long line inside the text, never inside a mention or a surrogate pair', () => {
    const long = '😀'.repeat(150) // 300 UTF-16 units
    const chunks = encode(msg([t(long), at('钱阿姨')]), { maxLength: 101 })
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(101)
      expect(c.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    }
    expect(chunks.map((c) => c.parts.join('')).join('')).toBe(long + AT_SEP)
    expect(chunks.at(-1)?.mentions.map((m) => m.name)).toEqual(['钱阿姨'])
  })

  it('counts a mention and the space after it as WeChat writes them: a message at the limit is one message', () => {
    const lines = ['严大伯', '毛大姐', '邻居1'].map((n, i) => [at(n), t(` 已记入 #1（共 ${i + 2} 户）`)])
    const content = lines.flatMap((l, i) => (i ? [t('\n'), ...l] : l))
    const text = `@严大伯${AT_SEP}已记入 #1（共 2 户）\n@毛大姐${AT_SEP}已记入 #1（共 3 户）\n@邻居1${AT_SEP}已记入 #1（共 4 户）`
    expect(encode(msg(content), { maxLength: text.length }).map((c) => c.text)).toEqual([text])
  })

  it('sends a fold the relay made as one message at any limit: acks, and pings with the people to call (issue 12)', () => {
    const row = (id: number, purpose: string, content: Segment[], fold?: Segment[]): OutboxRow => ({
      id,
      platform: 'wechat',
      chatKind: 'group',
      chatId: '9幢业主群',
      threadId: null,
      content,
      replyToMsgId: null,
      attempts: 0,
      nextAttemptAt: new Date(0),
      caseId: id,
      purpose,
      ...(fold ? { fold } : {}),
    })
    const names = ['严大伯', '毛大姐', '邻居1', '邻居2', '邻居3', '邻居4']
    const acks = names.map((n, i) => row(i + 1, 'ack', [t('…')], [at(n), t(` 已记入 #1（共 ${i + 2} 户）`)]))
    const pings = names.map((n, i) =>
      row(i + 1, 'ping', [t(`🔔 #${i + 1} 物业·9幢：${n}家灯坏了\n请回复「接单 ${i + 1}」接单 `), at('钱阿姨')]),
    )
    for (const rows of [acks, pings])
      for (let max = 40; max <= 200; max++) {
        const batch = coalesce(rows[0]!, rows.slice(1), 0, { maxLength: max, busy: true })
        expect(encode(msg(folded(batch)), { maxLength: max }), `${rows[0]!.purpose}s at ${max}`).toHaveLength(1)
      }
  })

  it('sends nothing for empty content', () => {
    expect(encode(msg([t('  \n ')]))).toEqual([])
  })
})

describe('preview', () => {
  it('flattens whitespace and shortens with an ellipsis', () => {
    expect(preview('一\n二\u2005三')).toBe('一 二 三')
    expect(preview('x'.repeat(30), 10)).toBe('xxxxxxxxxx…')
  })

  it('never repeats a phone number: the bot does not post contact data to a group', () => {
    expect(preview('灯坏了 13812345678')).toBe('灯坏了 138****5678')
  })
})
