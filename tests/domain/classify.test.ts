import { describe, expect, it } from 'vitest'
import { categorize, locate, shortPlace, stripTags, OTHER } from '../../src/domain/classify.js'
import { findContacts, maskContacts, maskPhone } from '../../src/domain/contact.js'

const categories = { 物业: ['灯', '漏水', '电梯'], 法律: ['纠纷', '合同'], 银龄: ['老人', '买药'] }
const places = ['锦绣新村/9幢', '锦绣新村/10幢']

describe('category', () => {
  it.each([
    ['楼道灯坏了', '物业'],
    ['#法律 楼道灯的事要找谁', '法律'],
    ['＃银龄 帮忙', '银龄'],
    ['邻居纠纷，电梯也坏了', '法律'],
    ['独居老人需要买药', '银龄'],
    ['想问问社区活动', OTHER],
  ])('%s → %s', (text, cat) => expect(categorize(text, categories)).toBe(cat))

  it('drops only known tags from the text', () => {
    expect(stripTags('#物业 楼道灯坏了 #急', categories)).toBe('楼道灯坏了 #急')
  })
})

describe('place', () => {
  it.each([
    ['楼道灯坏了', ['锦绣新村/9幢'], '锦绣新村/9幢'],
    ['10幢电梯坏了', ['锦绣新村/9幢'], '锦绣新村/10幢'],
    ['9栋2单元漏水', [], '锦绣新村/9幢/2单元'],
    ['2单元漏水', ['锦绣新村/9幢'], '锦绣新村/9幢/2单元'],
    ['12幢漏水', ['锦绣新村/9幢'], '12幢'],
  ])('%s in %o → %s', (text, groupPlaces, place) => expect(locate(text, groupPlaces, places)).toBe(place))

  it('a street office has a 9幢 in every estate: the one in the group’s own estate first', () => {
    const office = ['阳光小区/9幢', '阳光小区/10幢', '锦绣新村/9幢', '锦绣新村/10幢', '锦绣新村/11号楼']
    expect(locate('9幢2单元漏水', ['锦绣新村/10幢'], office)).toBe('锦绣新村/9幢/2单元')
    expect(locate('9幢2单元漏水', ['阳光小区'], office)).toBe('阳光小区/9幢/2单元')
    expect(locate('11栋门禁坏了', ['阳光小区'], office)).toBe('锦绣新村/11号楼')
    expect(locate('9幢漏水', [], office)).toBe('阳光小区/9幢')
  })

  it('is said the short way', () => expect(shortPlace('锦绣新村/9幢/2单元')).toBe('9幢2单元'))
})

describe('contact privacy', () => {
  it.each([
    ['电话13812345678', ['13812345678'], '电话138****5678'],
    ['电话 138-1234-5678 王', ['13812345678'], '电话 138****5678 王'],
    ['+86 139 1234 5678', ['13912345678'], '139****5678'],
    ['座机0571-88886666', ['0571-88886666'], '座机0571-****6666'],
    ['9幢2单元 302室', [], '9幢2单元 302室'],
    ['电话0571 88888888', ['0571-88888888'], '电话0571-****8888'],
    ['(0571)88888888', ['0571-88888888'], '0571-****8888'],
    ['（0571）88888888', ['0571-88888888'], '0571-****8888'],
    ['021-6123 4567', ['021-61234567'], '021-****4567'],
    ['电话 6234 5678', ['62345678'], '电话 ****5678'],
    ['138.1234.5678', ['13812345678'], '138****5678'],
    ['1381 2345 678', ['13812345678'], '138****5678'],
    ['008613812345678', ['13812345678'], '138****5678'],
    ['１３８１２３４５６７８', ['13812345678'], '138****5678'],
    ['办公时间 0830-1130 1330-1700', [], '办公时间 0830-1130 1330-1700'],
    ['iPhone 1599 9999', [], 'iPhone 1599 9999'],
    ['３０２室 明天１５点', [], '３０２室 明天１５点'],
    ['2026-11-23 14:00 停水', [], '2026-11-23 14:00 停水'],
    ['#12 已于 9:30 处理', [], '#12 已于 9:30 处理'],
    ['编号 123456789012345', [], '编号 123456789012345'],
  ])('%s', (text, found, masked) => {
    expect(findContacts(text)).toEqual(found)
    expect(maskContacts(text)).toBe(masked)
  })
  it('masks a bare number', () => expect(maskPhone('13812345678')).toBe('138****5678'))
})

describe("masking keeps the resident's own punctuation", () => {
  it('only the number changes', () => {
    expect(maskContacts('楼道灯坏了（三楼）——电话：13812345678')).toBe('楼道灯坏了（三楼）——电话：138****5678')
  })
})
