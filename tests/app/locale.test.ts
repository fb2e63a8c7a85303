// Which language a reply is in: the person's setting, else their words, else their app, else the command's.
import { describe, expect, it } from 'vitest'
import { appLocale, replyLocale, spokenLocale } from '../../src/app/locale.js'

const said = (text: string, locale?: string) => ({
  content: [{ type: 'text' as const, text }],
  sender: { platform: 'telegram', id: '1', name: 'x', ...(locale ? { locale } : {}) },
})

describe('reply locale', () => {
  it('a bare slash command decides nothing: the phone set to Chinese gets Chinese', () => {
    for (const text of ['/start', '/help', '/claim 12', '/status 12', '/mine'])
      expect(replyLocale(undefined, { locale: 'en' }, said(text, 'zh-hans')), text).toBe('zh-CN')
  })

  it('words decide over the phone, and a setting in the community file over both', () => {
    expect(replyLocale(undefined, { locale: 'en' }, said('/ring the stair light is out', 'zh-hans'))).toBe('en')
    expect(replyLocale(undefined, { locale: 'zh-CN' }, said('/ring 楼道灯坏了', 'en'))).toBe('zh-CN')
    expect(replyLocale({ locale: 'en' }, { locale: 'zh-CN' }, said('接单 12', 'zh-hans'))).toBe('en')
  })

  it('with nothing to go on, the command decides as before', () => {
    expect(replyLocale(undefined, { locale: 'en' }, said('/start'))).toBe('en')
    expect(replyLocale(undefined, { locale: 'en' }, said('/start', 'ru'))).toBe('en')
    expect(replyLocale({ locale: null }, { locale: 'zh-CN' }, said('12'))).toBe('zh-CN')
  })

  it('reads language tags as Telegram sends them', () => {
    expect(['zh-hans', 'zh-hant', 'zh', 'ZH_CN', 'en', 'en-GB', 'ru', undefined].map(appLocale)).toEqual([
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'en',
      'en',
      undefined,
      undefined,
    ])
    expect(spokenLocale(said('/claim 12'))).toBeUndefined()
    expect(spokenLocale(said('/verify 12 ok'))).toBe('en')
  })
})
