// Fixtures: the text WeChat (and wechat4u's refermsg parser) hands us, and what the app must see.
import { describe, expect, it } from 'vitest'
import { AT_SEP, parseQuote, segmentsOf } from '../../../adapters/wechat/decode.js'

const SEP = '- - - - - - - - - - - - - - -' // exactly what wechat4u writes

describe('parseQuote', () => {
  it('reads wechat4u’s refermsg form: full-width colon, separator line, reply', () => {
    const text = `「钱阿姨：🔔 #12 新单 9幢2单元楼道灯坏了」\n${SEP}\n接`
    expect(parseQuote(text)).toEqual({ name: '钱阿姨', text: '🔔 #12 新单 9幢2单元楼道灯坏了', body: '接' })
  })

  it('keeps a multi-line quoted text whole and a multi-line reply whole', () => {
    const text = `「ringbell：🔔 #12 新单\n地点：9幢2单元\n内容：楼道灯坏了」\n${SEP}\n接单\n马上去`
    expect(parseQuote(text)).toEqual({
      name: 'ringbell',
      text: '🔔 #12 新单\n地点：9幢2单元\n内容：楼道灯坏了', // the colon inside the text is not the name's
      body: '接单\n马上去',
    })
  })

  it('accepts the separator with other spacing, CRLF line ends and an ASCII colon', () => {
    expect(parseQuote('「王阿姨: 灯坏了」\r\n------------\r\n同')).toEqual({
      name: '王阿姨',
      text: '灯坏了',
      body: '同',
    })
    expect(parseQuote(`「王阿姨：灯坏了」\n -  -  -  -  -  - \n同`)?.body).toBe('同')
  })

  it('takes the first separator that closes a 「…」, even when the quote has dashes of its own', () => {
    const text = `「毛大姐：第一行\n${SEP}\n还是引用」\n${SEP}\n满意 12`
    expect(parseQuote(text)).toEqual({ name: '毛大姐', text: `第一行\n${SEP}\n还是引用`, body: '满意 12' })
  })

  it('is not fooled by ordinary text', () => {
    expect(parseQuote('接单 12')).toBeUndefined()
    expect(parseQuote('「好」的')).toBeUndefined()
    expect(parseQuote(`「没有名字」\n${SEP}\n接`)).toBeUndefined()
    expect(parseQuote(`「王阿姨：没有分隔线」\n接`)).toBeUndefined()
  })
})

describe('segmentsOf', () => {
  const known = [
    { name: '钱阿姨', id: '钱阿姨' },
    { name: '钱', id: '钱' },
  ]

  it('drops our own @name + U+2005 and reports mentionsSelf', () => {
    expect(segmentsOf(`@ringbell${AT_SEP}9幢楼道灯坏了`, [], ['ringbell'])).toEqual({
      content: [{ type: 'text', text: '9幢楼道灯坏了' }],
      mentionsSelf: true,
    })
  })

  it('finds our name in the room (alias) as well as our WeChat name, mid-text too', () => {
    const r = segmentsOf(`麻烦${AT_SEP}@协商铃小助手${AT_SEP}看看`, [], ['ringbell', '协商铃小助手'])
    expect(r).toEqual({ content: [{ type: 'text', text: '麻烦 看看' }], mentionsSelf: true })
  })

  it('turns mentions of others into mention segments, longest known name first', () => {
    const r = segmentsOf(`派单 12 @钱阿姨${AT_SEP}辛苦`, known, ['ringbell'])
    expect(r.mentionsSelf).toBe(false)
    expect(r.content).toEqual([
      { type: 'text', text: '派单 12 ' },
      { type: 'mention', userId: '钱阿姨', name: '钱阿姨' },
      { type: 'text', text: ' 辛苦' },
    ])
  })

  it('reads a name closed by U+2005 as a mention without an id when we could not resolve it', () => {
    expect(segmentsOf(`@万大姐${AT_SEP}@钱阿姨${AT_SEP}`, known, []).content).toEqual([
      { type: 'mention', name: '万大姐' },
      { type: 'text', text: ' ' },
      { type: 'mention', userId: '钱阿姨', name: '钱阿姨' },
    ])
  })

  it('accepts a typed @name followed by a plain space or the end, but not a name running into text', () => {
    expect(segmentsOf('@钱阿姨 你好', known, []).content[0]).toEqual({
      type: 'mention',
      userId: '钱阿姨',
      name: '钱阿姨',
    })
    expect(segmentsOf('谢谢@钱阿姨', known, []).content[1]).toEqual({
      type: 'mention',
      userId: '钱阿姨',
      name: '钱阿姨',
    })
    expect(segmentsOf('邮件 a@b.com 收到', known, []).content).toEqual([{ type: 'text', text: '邮件 a@b.com 收到' }])
    expect(segmentsOf('@钱阿姨家的灯', known, []).content).toEqual([{ type: 'text', text: '@钱阿姨家的灯' }])
  })

  it('leaves plain text alone and turns stray U+2005 into spaces', () => {
    expect(segmentsOf(`按铃${AT_SEP}楼道灯坏了  `, [], ['ringbell'])).toEqual({
      content: [{ type: 'text', text: '按铃 楼道灯坏了' }],
      mentionsSelf: false,
    })
  })
})
