// The incident rule (issue 12), on its own: which case a ring joins, and why not.
import { describe, expect, it } from 'vitest'
import { incidentFor, ringToSplit, type IncidentRule } from '../../src/domain/incident.js'

const at = (min: number) => new Date(Date.UTC(2026, 10, 2, 1, min))
const rule: IncidentRule = { windowMs: 30 * 60_000, similarity: 0.6, scope: 'building' }
const outage = {
  number: 1,
  reporterId: 1,
  text: '9幢停电了',
  category: '其他',
  place: '锦绣新村/9幢',
  createdAt: at(0),
}
const ring = (text: string, place = '锦绣新村/9幢/2单元', reporterId = 2) => ({
  text,
  category: '其他',
  place,
  reporterId,
})

describe('incidentFor', () => {
  it('joins a neighbour’s case of the same kind, in the same building, within the window, in alike words', () => {
    expect(incidentFor(ring('9幢2单元也停电了！'), [outage], at(5), rule)).toEqual({
      number: 1,
      score: 1,
      afterMs: 5 * 60_000,
    })
  })

  it('a neighbour who adds their own details still joins: alike is judged against the shorter of the two', () => {
    expect(incidentFor(ring('我家也停电了，冰箱都不转了'), [outage], at(5), rule)?.number).toBe(1)
    expect(incidentFor(ring('停电'), [outage], at(5), rule)?.number).toBe(1)
    expect(incidentFor(ring('9幢停水了'), [outage], at(5), rule)).toBeUndefined()
  })

  it('not their own case, not another building, not after the window, not other words', () => {
    expect(incidentFor(ring('停电了', '锦绣新村/9幢', 1), [outage], at(5), rule)).toBeUndefined()
    expect(incidentFor(ring('10幢停电了', '锦绣新村/10幢'), [outage], at(5), rule)).toBeUndefined()
    expect(incidentFor(ring('9幢停电了'), [outage], at(30), rule)).toBeUndefined()
    expect(incidentFor(ring('9幢电梯停了'), [outage], at(5), rule)).toBeUndefined()
    expect(incidentFor({ ...ring('9幢停电了'), category: '物业' }, [outage], at(5), rule)).toBeUndefined()
  })

  it('the compound scope reaches every building; the most alike case wins, then the oldest', () => {
    expect(
      incidentFor(ring('10幢停电了', '锦绣新村/10幢'), [outage], at(5), { ...rule, scope: 'compound' })?.number,
    ).toBe(1)
    const later = { ...outage, number: 2, text: '9幢停电了，整栋楼都黑了', createdAt: at(2) }
    const same = { ...outage, number: 3, createdAt: at(3) }
    expect(incidentFor(ring('停电了'), [same, later, outage], at(5), rule)?.number).toBe(1)
    expect(incidentFor(ring('整栋楼都黑了'), [outage, later], at(5), { ...rule, similarity: 0.3 })?.number).toBe(2)
  })
})

describe('ringToSplit', () => {
  const joined = [
    { personId: 2, name: '严大伯', text: '9幢停电了', at: at(1) },
    { personId: 3, name: '毛大姐', text: '9幢2单元302停电了', at: at(2) },
  ]
  it('by the ringer’s name, by words they said, or by the most alike words', () => {
    expect(ringToSplit(joined, '严大伯', 0.6)?.personId).toBe(2)
    expect(ringToSplit(joined, '302', 0.6)?.personId).toBe(3)
    expect(ringToSplit(joined, '停电', 0.6)?.personId).toBe(3)
    expect(ringToSplit(joined, '燃气', 0.6)).toBeUndefined()
    expect(ringToSplit(joined, '  ', 0.6)).toBeUndefined()
  })
})
