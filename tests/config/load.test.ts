import { describe, expect, it } from 'vitest'
import { platformNames } from '../../adapters/platforms.js'
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.js'
import { parseDuration } from '../../src/domain/duration.js'
import { urgencyOf } from '../../src/domain/urgency.js'

const problems = (text: string): string[] => {
  try {
    parseConfig(text, platformNames, 'c.yaml')
  } catch (e) {
    if (e instanceof ConfigError) return e.problems
    throw e
  }
  throw new Error('expected the config to be rejected')
}

describe('community file', () => {
  it('the demo file loads', () => {
    const c = loadConfig('config/demo.yaml', platformNames)
    expect(c.community).toBe('锦绣社区')
    expect(c.groups.map((g) => g.name)).toEqual(['9幢业主群', '10幢业主群', '好大姐志愿者群', '议事荟'])
    expect(c.people.find((p) => p.name === '钱阿姨')).toMatchObject({
      roles: ['volunteer'],
      skills: ['物业'],
      shifts: ['周一至周日 08:00-20:00'],
    })
  })

  it('an error names the file, the line and the field', () => {
    expect(problems('community: 测试\nplaces: [a/b]\ngroups:\n  - { name: 群, role: owners }\n')).toEqual([
      expect.stringMatching(/^c\.yaml:4 groups\.0\.role: /),
    ])
    expect(problems('community: 测试\nplaces: [a/b]\nescalation:\n  - after: soon\n    to: staff\n')[0]).toMatch(
      /^c\.yaml:4 escalation\.0\.after: .*15m/,
    )
    expect(problems('community: 测试\nplaces: [a/b]\npeople:\n  - name: 钱阿姨\n    skils: [物业]\n')[0]).toMatch(
      /^c\.yaml:4 people\.0: .*skils/,
    )
  })

  it('ids on every platform the deployment knows are read; a misspelt platform is an error at its line', () => {
    const c = parseConfig(
      'community: 测试\nplaces: [a/b]\ngroups:\n  - { name: 群, role: residents, telegram: -1001, wechat: 九幢群 }\n',
      platformNames,
    )
    expect(c.groups[0]).toEqual({
      name: '群',
      role: 'residents',
      places: [],
      ids: { telegram: '-1001', wechat: '九幢群' },
    })
    expect(problems('community: 测试\nplaces: [a/b]\npeople:\n  - name: 钱阿姨\n    telgram: 5551\n')[0]).toMatch(
      /^c\.yaml:4 people\.0: .*telgram/,
    )
  })

  it('flood limits have defaults, and a wrong one is named with its line', () => {
    expect(parseConfig('community: 测试\nplaces: [a/b]\n', platformNames, 'c.yaml').flood).toEqual({
      rings: 3,
      window: '10m',
      repeatWithin: '24h',
      holdMax: '1h',
      replies: 5,
      batchEscalations: '5m',
    })
    expect(
      parseConfig('community: 测试\nplaces: [a/b]\nflood: { rings: 5 }\n', platformNames, 'c.yaml').flood,
    ).toMatchObject({
      rings: 5,
      window: '10m',
    })
    expect(problems('community: 测试\nplaces: [a/b]\nflood:\n  rings: 0\n')[0]).toMatch(/^c\.yaml:4 flood\.rings: /)
    expect(problems('community: 测试\nplaces: [a/b]\nflood:\n  window: soon\n')[0]).toMatch(
      /^c\.yaml:4 flood\.window: .*15m/,
    )
  })

  it('a missing field is reported at the object that lacks it', () => {
    expect(problems('places: [a/b]\n')[0]).toMatch(/^c\.yaml:1 community: /)
  })

  it('broken YAML is reported with its line', () => {
    expect(problems('community: 测试\nplaces: [a/b\n')[0]).toMatch(/^c\.yaml:\d+ /)
  })

  it.each([
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['3d', 259_200_000],
    ['90s', 90_000],
  ])('duration %s', (s, ms) => {
    expect(parseDuration(s)).toBe(ms)
  })
})

describe('urgency (issue 11)', () => {
  it('left out, every default class and hotline is there', () => {
    const c = parseConfig('community: 测试\nplaces: [a/b]\n', platformNames, 'c.yaml')
    expect(c.urgency.classes.map((k) => k.key)).toEqual(['gas', 'lift', 'fire', 'person', 'electric', 'water'])
    expect(c.urgency.hotlines).toMatchObject({
      fire: '119',
      police: '110',
      ambulance: '120',
      gas: '96777',
      lift: '96333',
    })
    expect(c.urgency.ladder).toEqual({ repingEvery: '3m', until: '30m', staffAt: ['5m', '10m'] })
  })

  it('a community sets its own numbers, changes a built-in class by key, adds one, and tunes the ladder', () => {
    const c = parseConfig(
      [
        'community: 测试',
        'places: [a/b]',
        'urgency:',
        '  hotlines: { gas: "0571-96777", lift: "400-820-1234", guard: "87001234" }',
        '  classes:',
        '    - { key: lift, advice: [别扒门，等救援] }',
        '    - { key: water, words: [] }',
        '    - { key: person, words: [] }',
        '    - { key: fire, together: [[车库], [烟]] }',
        '    - { key: dog, name: 恶犬, words: [恶犬, 狗咬人], hotlines: [guard, police] }',
        '  ladder: { repingEvery: 2m, staffAt: [4m] }',
        '  stillWaitingEvery: 12h',
      ].join('\n'),
      platformNames,
      'c.yaml',
    )
    const u = c.urgency
    expect(u.hotlines).toMatchObject({ gas: '0571-96777', lift: '400-820-1234', guard: '87001234', fire: '119' })
    expect(u.classes.find((k) => k.key === 'lift')).toMatchObject({
      advice: ['别扒门，等救援'],
      words: expect.arrayContaining(['电梯困人']),
    })
    expect(u.classes.find((k) => k.key === 'water')?.words).toEqual([])
    // words: [] turns a class off, its words said together too: 摔了一跤起不来 is no longer urgent here.
    expect(urgencyOf('我妈摔了一跤，起不来了', u)).toBeNull()
    expect(urgencyOf('车库那边有烟', u)).toBe('fire')
    expect(u.classes.at(-1)).toEqual({
      key: 'dog',
      name: '恶犬',
      words: ['恶犬', '狗咬人'],
      skills: [],
      hotlines: ['guard', 'police'],
    })
    expect(u.ladder).toEqual({ repingEvery: '2m', until: '30m', staffAt: ['4m'] })
    expect(parseDuration(u.stillWaitingEvery)).toBe(12 * 3600_000)
  })

  it('a wrong duration is named with its line', () => {
    expect(problems('community: 测试\nplaces: [a/b]\nurgency:\n  ladder: { repingEvery: soon }\n')).toEqual([
      expect.stringMatching(/^c\.yaml:4 urgency\.ladder\.repingEvery: /),
    ])
  })
})
