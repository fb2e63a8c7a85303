// How 统计 reads its words against what the community has (src/app/figures.ts): a street office has
// 10k places, and a period alone (统计 本月) names none of them.
import { describe, expect, it } from 'vitest'
import { readQuery } from '../../src/app/figures.js'
import type { Directory } from '../../src/app/ports.js'
import { withDefaults } from '../../src/domain/settings.js'

/** A street office's directory that counts how often its places are gone through. */
function streetOffice() {
  const places = Array.from({ length: 10_000 }, (_, i) => `新村${Math.floor(i / 50)}/${(i % 50) + 1}幢`)
  places.push('锦绣新村/9幢/2单元')
  const read = { places: 0 }
  const dir: Directory = {
    community: {
      id: 1,
      name: '锦绣社区',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
      settings: withDefaults({ categories: { 物业: { keywords: ['灯'] } } as never }),
    },
    get places() {
      read.places++
      return places
    },
    groups: [],
    people: [],
    version: 1,
  }
  return { dir, read }
}

describe('统计 reads its words', () => {
  it('统计 本月 and 统计 上周 按楼栋 name no building: the 10k places are not gone through', () => {
    const { dir, read } = streetOffice()
    expect(readQuery('本月', dir)).toEqual({ chart: false, period: { kind: 'month' } })
    expect(readQuery('上周 按楼栋', dir)).toMatchObject({ split: 'building' })
    expect(read.places).toBe(0)
  })

  it('统计 锦绣新村9幢 finds the building among them, going through them once', () => {
    const { dir, read } = streetOffice()
    expect(readQuery('锦绣新村9幢', dir)).toMatchObject({ filter: { building: '锦绣新村/9幢' } })
    expect(read.places).toBe(1)
    // Any word that is not a period or a breakdown may be one: a category is looked for after them.
    expect(readQuery('物业', dir)).toMatchObject({ filter: { category: '物业' } })
    expect(readQuery('后年', dir)).toEqual({ error: '后年' })
  })
})
