// The flood policy on its own: when two rings are one problem, when a ring is held, when held rings go out.
import { describe, expect, it } from 'vitest'
import {
  bundleText,
  distinctProblems,
  gistText,
  mostCommon,
  releaseAt,
  sameProblem,
  screen,
  similarity,
  type FloodLimits,
  type PriorCase,
} from '../../src/domain/flood.js'

const min = 60_000
const limits: FloodLimits = { rings: 3, windowMs: 10 * min, repeatWithinMs: 24 * 60 * min, holdMaxMs: 60 * min }
const t0 = new Date('2026-11-02T01:00:00Z')
const at = (minutes: number) => new Date(t0.getTime() + minutes * min)
const ring = (text: string, category = '物业', place = '锦绣新村/9幢') => ({ text, category, place })
let n = 0
const prior = (text: string, minutesAgo: number, status: PriorCase['status'] = 'open'): PriorCase => ({
  ...ring(text),
  number: ++n,
  status,
  createdAt: at(-minutesAgo),
})

describe('two rings are one problem', () => {
  it('numbers, spaces, punctuation, emoji, full-width letters, little words and places do not count', () => {
    expect(gistText('9幢 楼道灯又坏了！！😡 138****5678')).toBe('楼道灯坏')
    expect(gistText('ＬＩＧＨＴ, broken')).toBe('lightbroken')
    expect(similarity('楼道灯坏了', '楼道灯坏了！！！')).toBe(1)
  })

  it.each([
    ['楼道灯坏了', '楼道灯又坏了', true],
    ['电梯坏了', '电梯也坏了啊', true],
    ['9幢2单元楼道灯坏了', '9幢2单元楼道的灯坏了', true],
    ['楼道灯坏了', '电梯坏了', false],
    ['9幢楼道灯坏了', '9幢楼道门坏了', false],
    ['楼道灯坏了 138****5678', '电梯坏了 138****5678', false],
    ['楼道灯坏了', '楼下垃圾没人收', false],
  ])('%s / %s → %s', (a, b, same) => {
    expect(sameProblem(ring(a), ring(b))).toBe(same)
  })

  it('the same words about another place or another kind of problem are another problem', () => {
    expect(sameProblem(ring('灯坏了', '物业', '锦绣新村/9幢'), ring('灯坏了', '物业', '锦绣新村/10幢'))).toBe(false)
    expect(sameProblem(ring('灯坏了', '物业'), ring('灯坏了', '银龄'))).toBe(false)
  })

  it('is linear: 100k-character rings (words, digits, punctuation) compare in well under a second', () => {
    const long = '楼道灯坏了'.repeat(20_000)
    const started = performance.now()
    expect(similarity(long, `${long}！`)).toBe(1)
    expect(similarity(`灯${'1'.repeat(100_000)}坏`, '灯坏')).toBe(1)
    expect(similarity('，'.repeat(100_000), '。'.repeat(100_000))).toBe(1)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('screen: ring, repeat or hold', () => {
  it('a first ring is a ring', () => {
    expect(screen(ring('楼道灯坏了'), t0, [], 0, [], limits)).toEqual({ kind: 'ring' })
  })

  it('the same problem as their own case still being handled is a repeat of it, the newest first', () => {
    const older = prior('楼道灯坏了', 600)
    const newer = prior('楼道灯又坏了', 5)
    expect(screen(ring('楼道灯坏了！'), t0, [newer, older], 1, [], limits)).toEqual({
      kind: 'repeat',
      number: newer.number,
    })
  })

  it('a case already done, or rung longer ago than repeatWithin, does not swallow a new ring', () => {
    expect(screen(ring('楼道灯坏了'), t0, [prior('楼道灯坏了', 30, 'resolved')], 0, [], limits).kind).toBe('ring')
    expect(screen(ring('楼道灯坏了'), t0, [prior('楼道灯坏了', 30, 'closed')], 0, [], limits).kind).toBe('ring')
    expect(screen(ring('楼道灯坏了'), t0, [prior('楼道灯坏了', 25 * 60)], 0, [], limits).kind).toBe('ring')
  })

  it('past 3 cases rung in the window a new problem is held until a window after it; a repeat still collapses', () => {
    const three = [prior('电梯坏了', 1), prior('垃圾没人收', 2), prior('门禁坏了', 3)]
    expect(screen(ring('楼道灯坏了'), t0, three, 3, [], limits)).toEqual({ kind: 'hold', releaseAt: at(10) })
    expect(screen(ring('楼道灯坏了'), t0, three, 2, [], limits).kind).toBe('ring')
    expect(screen(ring('电梯又坏了'), t0, three, 3, [], limits)).toEqual({ kind: 'repeat', number: three[0]!.number })
  })

  it('once something is held, everything after is held too, and the release moves with the last ring', () => {
    const held = [{ ...ring('水管漏了'), at: at(-4) }]
    expect(screen(ring('楼道灯坏了'), t0, [], 0, held, limits)).toEqual({ kind: 'hold', releaseAt: at(10) })
  })

  it('held rings go out at the latest holdMax after the first, however long the flood goes on', () => {
    expect(releaseAt([at(0), at(30), at(55)], limits)).toEqual(at(60))
    expect(releaseAt([at(0), at(3)], limits)).toEqual(at(13))
  })
})

describe('a bundle of held rings', () => {
  it('says each problem once, in the order said, and cuts a long list with the count left', () => {
    const rings = [ring('电梯坏了'), ring('电梯又坏了'), ring('垃圾没人收'), ring('电梯坏了！')]
    expect(distinctProblems(rings).map((r) => r.text)).toEqual(['电梯坏了', '垃圾没人收'])
    const more = (k: number) => `（还有 ${k} 条）`
    expect(bundleText(['电梯坏了', '垃圾没人收'], 100, '；', more)).toBe('电梯坏了；垃圾没人收')
    expect(bundleText(['电梯坏了', '垃圾没人收', '门禁坏了'], 12, '；', more)).toBe('电梯坏了；垃圾没人收（还有 1 条）')
    expect(bundleText(['一条很长很长的话'], 3, '；', more)).toBe('一条很长很长的话')
  })

  it('takes the most common category and place; the first said wins a tie', () => {
    expect(mostCommon(['银龄', '物业', '物业'])).toBe('物业')
    expect(mostCommon(['银龄', '物业'])).toBe('银龄')
  })
})
