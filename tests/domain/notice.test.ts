// Notices and their updates (issue 14): groups and pinning from the first line, 资金流向 amounts in fen
// with a running account — and amounts are money to the phone-number masker, not mobiles.
import { describe, expect, it } from 'vitest'
import { maskContacts } from '../../src/domain/contact.js'
import { disruptive, formatMoney, fundTotals, readNotice, readNoticeUpdate } from '../../src/domain/notice.js'

const known = ['锦绣新村/9幢', '锦绣新村/10幢']

describe('a notice', () => {
  it.each<[string, object]>([
    [
      '9幢 置顶 电梯更换工程\n11月3日起停运两周',
      { places: ['锦绣新村/9幢'], pin: true, title: '电梯更换工程', body: '11月3日起停运两周' },
    ],
    ['电梯更换工程 置顶', { places: [], pin: true, title: '电梯更换工程', body: '' }],
    ['9幢 10幢 停水通知', { places: ['锦绣新村/9幢', '锦绣新村/10幢'], pin: false, title: '停水通知' }],
    ['全部 停水通知', { places: [], title: '停水通知' }],
    ['9幢电梯更换', { places: [], title: '9幢电梯更换' }],
    ['9幢\n停电通知\n明天8点到12点', { places: ['锦绣新村/9幢'], title: '停电通知', body: '明天8点到12点' }],
  ])('%j', (text, want) => {
    expect(readNotice(text, known)).toMatchObject(want)
  })
  it('a notice needs a title', () => {
    expect(readNotice('9幢 置顶', known)).toEqual({ error: 'no_title' })
  })
  it('an outage, works or a storm concerns the households with needs', () => {
    expect(disruptive.test('9幢明天停电')).toBe(true)
    expect(disruptive.test('电梯更换工程')).toBe(true)
    expect(disruptive.test('垃圾分类宣传周')).toBe(false)
  })
})

describe('updates', () => {
  it.each<[string, object]>([
    ['施工动态 今天完成旧围墙拆除', { kind: '施工动态', text: '今天完成旧围墙拆除' }],
    [
      '资金流向 支出 12,800元 更换电梯按钮',
      { kind: '资金流向', text: '支出 12,800元 更换电梯按钮', amount: -1_280_000 },
    ],
    ['资金流向：收到维修基金拨款 150,000.50元', { kind: '资金流向', amount: 15_000_050 }],
    ['资金 支出 1.5万元 材料费', { kind: '资金流向', amount: -1_500_000 }],
    ['资金流向 材料费 ¥3,500', { kind: '资金流向', amount: -350_000 }],
    ['资金流向 每户按0.15元/平方米分摊', { kind: '资金流向', amount: -15 }],
    ['资金流向 下周公布', { kind: '资金流向', text: '下周公布' }],
    ['围墙下周开工', { kind: '更新', text: '围墙下周开工' }],
  ])('%s', (text, want) => {
    expect(readNoticeUpdate(text)).toMatchObject(want)
  })
  it('no amount, no amount field', () => {
    expect(readNoticeUpdate('资金流向 下周公布')).not.toHaveProperty('amount')
  })
  it('the running account: in, out, what is left', () => {
    expect(fundTotals([15_000_000, -1_280_000, -350_000])).toEqual({
      income: 15_000_000,
      spent: 1_630_000,
      balance: 13_370_000,
    })
  })
})

describe('amounts are money, never a phone number', () => {
  it.each<[number, string]>([
    [1_280_000, '12,800.00元'],
    [13_800_000_000, '138,000,000.00元'],
    [15, '0.15元'],
    [0, '0.00元'],
    [-13_785_000_000, '-137,850,000.00元'],
  ])('%d fen is %s', (fen, text) => {
    expect(formatMoney(fen)).toBe(text)
  })

  // What a 资金流向 update prints, and what staff type: the masker leaves every amount as written.
  it.each([
    '支出 138,000,000.00元',
    '累计：收入 150,000.00元 · 支出 138,000,000.00元 · 结余 -137,850,000.00元',
    '合计 13,912,345.67元',
    '余额 1,385,000.00 元',
    '收入 13900、15800、13600',
    '每户 0.15元/平方米',
  ])('%s', (text) => {
    expect(maskContacts(text)).toBe(text)
  })

  it('a mobile written beside an amount is still masked', () => {
    expect(maskContacts('支出 12,800.00元，联系 13812345678')).toBe('支出 12,800.00元，联系 138****5678')
    expect(maskContacts('138 0000 0000')).toBe('138****0000')
  })
})
