// Rooms as residents say them, and the needs a household can carry (issue 14).
import { describe, expect, it } from 'vitest'
import { buildingOf, overlaps, readNeeds, readRoom, roomPath, withinAny } from '../../src/domain/household.js'

const known = ['锦绣新村/9幢', '锦绣新村/10幢']

describe('a room, however it is written', () => {
  it.each<[string, string | object]>([
    ['9幢2单元301', '锦绣新村/9幢/2单元/301'],
    ['9栋2单元301室', '锦绣新村/9幢/2单元/301'],
    ['9号楼2单元301', '锦绣新村/9幢/2单元/301'],
    ['９幢２单元３０１', '锦绣新村/9幢/2单元/301'],
    ['9 幢 2 单元 301', '锦绣新村/9幢/2单元/301'],
    ['9-2-301', '锦绣新村/9幢/2单元/301'],
    ['9－2－301', '锦绣新村/9幢/2单元/301'],
    ['9幢301', '锦绣新村/9幢/301'],
    ['9-301', '锦绣新村/9幢/301'],
    ['锦绣新村9幢2单元301', '锦绣新村/9幢/2单元/301'],
    ['10幢1单元1202', '锦绣新村/10幢/1单元/1202'],
    ['11幢1单元101', { error: 'unknown_building', building: '11幢' }],
  ])('%s', (text, want) => {
    const r = readRoom(text, ['锦绣新村'])
    expect(r).toBeDefined()
    expect(roomPath(r!, known)).toEqual(want)
  })

  it('keeps what follows the address: names and needs', () => {
    expect(readRoom('9幢2单元301 王阿姨 独居', [])).toMatchObject({
      building: '9',
      unit: '2',
      room: '301',
      rest: '王阿姨 独居',
    })
  })

  it.each(['9幢', '9幢2单元', '二单元301', '我家住九楼', '', '301'])('%s is no room', (text) => {
    expect(readRoom(text, [])).toBeUndefined()
  })

  it('two estates with a 9幢: the estate decides', () => {
    const two = ['锦绣新村/9幢', '阳光苑/9幢']
    expect(roomPath(readRoom('9幢301', [])!, two)).toEqual({ error: 'ambiguous', estates: ['锦绣新村', '阳光苑'] })
    expect(roomPath(readRoom('阳光苑9幢301', ['锦绣新村', '阳光苑'])!, two)).toBe('阳光苑/9幢/301')
  })
})

describe('needs', () => {
  it.each<[string, string[], string]>([
    ['独居 高龄', ['高龄', '独居'], ''],
    ['独居、高龄，腿脚不便住4楼', ['高龄', '独居', '行动不便'], '腿脚不便住4楼'],
    ['轮椅 每周透析', ['行动不便', '病患'], '每周透析'],
    ['怀孕7个月', ['孕妇'], '怀孕7个月'],
    ['备注：晚上家里没人', [], '晚上家里没人'],
    ['alone, wheelchair', ['独居', '行动不便'], ''],
  ])('%s', (text, needs, notes) => {
    expect(readNeeds(text)).toEqual({ needs, notes })
  })
})

describe('places within places', () => {
  it('a household lies within its building, its estate, the whole community', () => {
    const h = '锦绣新村/9幢/2单元/301'
    expect(withinAny(h, ['锦绣新村/9幢'])).toBe(true)
    expect(withinAny(h, ['锦绣新村'])).toBe(true)
    expect(withinAny(h, [])).toBe(true)
    expect(withinAny(h, ['锦绣新村/10幢'])).toBe(false)
    // 9幢 is not 90幢's prefix
    expect(withinAny('锦绣新村/90幢/301', ['锦绣新村/9幢'])).toBe(false)
  })
  it("a group for the estate overlaps a building's consultation, and the other way round", () => {
    expect(overlaps(['锦绣新村/9幢'], ['锦绣新村'])).toBe(true)
    expect(overlaps(['锦绣新村'], ['锦绣新村/9幢/2单元'])).toBe(true)
    expect(overlaps(['锦绣新村/9幢'], ['锦绣新村/10幢'])).toBe(false)
  })
  it('the building of a household is the known place it lies in', () => {
    expect(buildingOf('锦绣新村/9幢/2单元/301', known)).toBe('锦绣新村/9幢')
  })
})
