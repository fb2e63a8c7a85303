// What makes a ring urgent (issue 11): the classes' words, the resident's own mark, and what undoes it.
import { describe, expect, it } from 'vitest'
import { defaultUrgency, hotlinesOf, markedUrgent, urgencyOf } from '../../src/domain/urgency.js'

const u = defaultUrgency

describe('urgencyOf: the class a ring belongs to', () => {
  it.each([
    ['闻到很重的煤气味，楼道里都是', 'gas'],
    ['厨房燃气漏气了', 'gas'],
    ['好像有天然气的味道', 'gas'],
    ['电梯困人了！我妈在里面', 'lift'],
    ['我被关在电梯里了', 'lift'],
    ['孩子在电梯里出不来', 'lift'],
    ['3楼着火了', 'fire'],
    ['车库在冒烟', 'fire'],
    ['楼道里有烧焦味', 'fire'],
    ['老人摔倒了起不来', 'person'],
    ['邻居晕倒了', 'person'],
    ['敲门叫不应，怕是昏迷了', 'person'],
    ['插座漏电', 'electric'],
    ['电箱冒火花', 'electric'],
    ['有人触电了', 'electric'],
    ['楼上爆管了', 'water'],
    ['水漫进屋里了', 'water'],
    ['There is a gas leak on floor 3', 'gas'],
    ['my dad is STUCK IN THE LIFT', 'lift'],
    // As people say it, in their own order (tried as a resident): the words said together.
    ['电梯里有人被困住了！！', 'lift'],
    ['电梯里困了人，好困难出来', 'lift'],
    ['10幢电梯坏了，我妈被困在里面', 'lift'],
    ['电梯停在两层中间，孩子关在里面出不来', 'lift'],
    ['the elevator stopped and my son is trapped', 'lift'],
    ['我妈在家摔了一跤，起不来了', 'person'],
    ['老伴跌在卫生间，流血了', 'person'],
    ['爸爸突然抽搐，叫他也不应', 'person'],
    ['楼道里好大的浓烟', 'fire'],
    ['家里水管裂了，到处淹水', 'water'],
    ['我爸晕过去了', 'person'],
    ['隔壁阿婆好几天没开门了', 'person'],
    ['电梯门夹到小孩了', 'lift'],
    ['闻到焦糊味', 'fire'],
    ['卫生间的水一直往外冒，淹到客厅了', 'water'],
    ['水管破了，水喷出来', 'water'],
  ])('%s → %s', (text, key) => expect(urgencyOf(text, u)).toBe(key))

  it.each([
    '楼道灯坏了',
    '电梯坏了，停在3楼',
    '燃气费怎么交',
    '想问燃气表什么时候抄',
    '燃气灶打不着火了？',
    '水管有点滴水',
    // Said together, but not a person inside: a bother, a difficulty.
    '电梯老是坏，困扰大家很久了',
    '电梯维修费用有困难',
    '电梯坏了，老人上下楼很困难',
    '孩子摔了一下，没事',
    '这道菜烧起来很香',
    '电梯里有人抽烟',
    '今天好困啊，电梯又坏了',
  ])('%s → not urgent', (text) => expect(urgencyOf(text, u)).toBeNull())

  it('the first class listed wins when a ring says two: gas before fire', () => {
    expect(urgencyOf('煤气味很重，好像还冒烟', u)).toBe('gas')
  })

  it('a community can add a class and its words', () => {
    const mine = {
      ...u,
      classes: [...u.classes, { key: 'dog', words: ['恶犬咬人'], skills: [], hotlines: ['police'] }],
    }
    expect(urgencyOf('小区里恶犬咬人了', mine)).toBe('dog')
    expect(urgencyOf('小区里恶犬咬人了', u)).toBeNull()
  })
})

describe('markedUrgent: the resident’s own mark', () => {
  it.each([
    ['紧急！3单元门口有人吵架', true],
    ['急！！楼下有人吵架', true],
    ['【急】门口躺着一个人', true],
    ['#紧急 车库门口有人', true],
    ['3单元门口有人，情况很紧急', true],
    ['救命 有人在楼下喊', true],
    ['urgent: someone is shouting downstairs', true],
    ['不紧急，楼道灯坏了', false],
    ['不急，有空来看看', false],
    ['我很着急，灯一直不亮', false],
    ['楼道灯坏了，没那么急', false],
  ])('%s → %s', (text, marked) => expect(markedUrgent(text, u.marks)).toBe(marked))

  it('a marked ring that names no class is the generic one, with police, fire and ambulance', () => {
    expect(urgencyOf('急！楼下有人要打起来了', u)).toBe('urgent')
    expect(hotlinesOf(u, 'urgent').map((h) => h.number)).toEqual(['110', '119', '120'])
  })
})

describe('hotlinesOf', () => {
  it('the class’s lines with the community’s numbers; one with no number is left out', () => {
    expect(hotlinesOf(u, 'gas')).toEqual([
      { key: 'gas', number: '96777' },
      { key: 'fire', number: '119' },
    ])
    expect(hotlinesOf(u, 'water')).toEqual([{ key: 'fire', number: '119' }])
    const local = { ...u, hotlines: { ...u.hotlines, property: '87001234' } }
    expect(hotlinesOf(local, 'water').map((h) => h.number)).toEqual(['87001234', '119'])
  })
})
