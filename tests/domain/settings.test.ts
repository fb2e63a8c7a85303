// The weekly review's morning as a committee writes it in the file (digest.weekly), read with the rota's day names.
import { describe, expect, it } from 'vitest'
import { readWeekly } from '../../src/domain/settings.js'

describe('readWeekly', () => {
  it.each<[string, { weekday: number; at: string } | undefined]>([
    ['周一 08:30', { weekday: 1, at: '08:30' }],
    ['星期五 8:00', { weekday: 5, at: '08:00' }],
    ['礼拜天 19:30', { weekday: 7, at: '19:30' }],
    ['周日08:30', { weekday: 7, at: '08:30' }],
    ['一 08:30', { weekday: 1, at: '08:30' }],
    ['Mon 08:30', { weekday: 1, at: '08:30' }],
    ['monday 9:15', { weekday: 1, at: '09:15' }],
    ['周八 08:30', undefined],
    ['周一 25:00', undefined],
    ['周一', undefined],
    ['08:30', undefined],
    ['每天 08:30', undefined],
  ])('%s', (text, want) => expect(readWeekly(text)).toEqual(want))
})
