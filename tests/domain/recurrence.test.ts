import { describe, expect, it } from 'vitest'
import { nextOccurrence, occurrenceLabel } from '../../src/domain/recurrence.js'

const SH = 'Asia/Shanghai'
const at = (iso: string) => new Date(iso)

describe('nextOccurrence', () => {
  it.each([
    ['daily, later today', { at: '20:00' }, '2026-11-02T09:00:00+08:00', '2026-11-02T20:00:00+08:00'],
    ['daily, already past today', { at: '04:00' }, '2026-11-02T09:00:00+08:00', '2026-11-03T04:00:00+08:00'],
    ['daily, exactly now is the next day', { at: '09:00' }, '2026-11-02T09:00:00+08:00', '2026-11-03T09:00:00+08:00'],
    [
      'weekly, Monday morning from a Monday noon',
      { at: '09:00', weekday: 1 },
      '2026-11-02T12:00:00+08:00',
      '2026-11-09T09:00:00+08:00',
    ],
    [
      'weekly, Friday from a Monday',
      { at: '18:30', weekday: 5 },
      '2026-11-02T12:00:00+08:00',
      '2026-11-06T18:30:00+08:00',
    ],
    [
      'weekly, Sunday night from Saturday',
      { at: '21:00', weekday: 7 },
      '2026-11-07T22:00:00+08:00',
      '2026-11-08T21:00:00+08:00',
    ],
  ])('%s', (_name, r, from, want) => {
    expect(nextOccurrence(r, at(from), SH).toISOString()).toBe(at(want).toISOString())
  })

  it('keeps the local time across a daylight-saving change', () => {
    const next = nextOccurrence({ at: '20:00' }, at('2026-03-28T21:00:00+00:00'), 'Europe/London')
    expect(next.toISOString()).toBe('2026-03-29T19:00:00.000Z') // 20:00 BST
  })

  it('labels an occurrence by its local date and time', () => {
    expect(occurrenceLabel(at('2026-11-02T20:00:00+08:00'), SH)).toBe('2026-11-02T20:00')
  })
})
