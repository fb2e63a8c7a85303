// Who is pinged (src/app/dispatch.ts): picked first among the volunteers who fit the case, kept per directory
// read — the same people, every time, as picking among the whole list (src/domain/rota.ts pickVolunteers).
import { describe, expect, it } from 'vitest'
import { dispatch, dutyOf } from '../../src/app/dispatch.js'
import type { CaseRow, Directory, PersonRow } from '../../src/app/ports.js'
import { pickVolunteers, type Candidate } from '../../src/domain/rota.js'
import { withDefaults } from '../../src/domain/settings.js'

const TZ = 'Asia/Shanghai'
const skills = ['物业', '法律', '银龄']
const places = ['锦绣新村', '锦绣新村/9幢', '锦绣新村/10幢', '锦绣新村/9幢/2单元']
const shifts = ['周一至周五 09:00-17:00', '周末 08:00-12:00', '每天 18:00-22:00', '周一 00:00-23:59']

/** A street office's volunteers in miniature, from a seed: skills, places, shifts, limits and 下班 vary. */
function directory(seed: number): { dir: Directory; counts: Map<number, number> } {
  let s = seed
  const next = (n: number) => (s = (s * 48271) % 2147483647) % n
  const counts = new Map<number, number>()
  const people: PersonRow[] = Array.from({ length: 80 }, (_, i) => {
    const id = i + 1
    counts.set(id, next(4))
    return {
      id,
      name: `志愿者${id}`,
      roles: ['volunteer'],
      locale: null,
      lastPlatform: null,
      identities: [],
      volunteer: {
        skills: skills.filter(() => next(2) === 0),
        places: places.filter(() => next(3) === 0),
        maxOpen: 1 + next(4),
        manualOnUntil: next(10) === 0 ? new Date('2026-11-02T12:00:00Z') : null,
        manualOffUntil: next(10) === 0 ? new Date('2026-11-02T12:00:00Z') : null,
        shifts: shifts.filter(() => next(3) === 0).map((spec, k) => ({ id: id * 10 + k, spec })),
      },
    }
  })
  const dir: Directory = {
    community: { id: 1, name: '锦绣社区', timezone: TZ, locale: 'zh-CN', settings: withDefaults({}) },
    places,
    groups: [],
    people,
    version: 1,
  }
  return { dir, counts }
}

/** The reference: every volunteer a candidate, as dispatch built them before it kept who fits. */
const everyone = (dir: Directory, counts: Map<number, number>): Candidate[] =>
  dir.people.map((p) => ({
    id: p.id,
    skills: p.volunteer!.skills,
    places: p.volunteer!.places,
    maxOpen: p.volunteer!.maxOpen,
    openCases: counts.get(p.id) ?? 0,
    duty: dutyOf(p),
  }))

describe('who is pinged for a case', () => {
  it('is who the whole list would pick, for every kind, place, hour, limit and exclusion — read once or again', () => {
    let compared = 0
    const scopes = new Set<string>()
    for (const seed of [1, 2, 3, 4, 5]) {
      const { dir, counts } = directory(seed)
      for (const hour of [1, 9, 13, 19, 23])
        for (const category of [...skills, '其他'])
          for (const place of [...places, '锦绣新村/11幢'])
            for (const exclude of [undefined, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]])
              for (const widen of [undefined, 'skill' as const]) {
                const now = new Date(Date.UTC(2026, 10, 2, hour - 8 < 0 ? hour + 16 : hour - 8, 30))
                const c = { id: 1, number: 1, category, place, text: '楼道灯坏了' } as CaseRow
                const reference = pickVolunteers(everyone(dir, counts), c, now, TZ, { widen, exclude })
                const want = reference.ids
                scopes.add(reference.scope)
                for (let again = 0; again < 2; again++) {
                  const got = dispatch({ dir, now, counts, c, widen, exclude })
                  expect(got.pinged.map((p) => p.id)).toEqual(want)
                }
                compared++
              }
    }
    expect(compared).toBe(5 * 5 * 4 * 5 * 2 * 2)
    // Every way a pick can go was compared: a fit on duty, anyone on duty, the widened skill, nobody.
    expect(scopes).toEqual(new Set(['match', 'on_duty', 'skill_all', 'none']))
  })

  it('goes to whoever is on duty when those who fit are all off: the fit are asked first, not only', () => {
    const { dir, counts } = directory(1)
    const volunteer = (id: number, skill: string, spec: string): PersonRow => ({
      ...dir.people[0]!,
      id,
      name: `志愿者${id}`,
      volunteer: {
        skills: [skill],
        places: [],
        maxOpen: 5,
        manualOnUntil: null,
        manualOffUntil: null,
        shifts: [{ id, spec }],
      },
    })
    const small: Directory = {
      ...dir,
      people: [volunteer(1, '物业', '每天 08:00-12:00'), volunteer(2, '法律', '每天 18:00-22:00')],
    }
    const c = { id: 1, number: 1, category: '物业', place: '锦绣新村/9幢', text: '楼道灯坏了' } as CaseRow
    const at = (h: number) => new Date(Date.UTC(2026, 10, 2, h - 8))
    expect(dispatch({ dir: small, now: at(10), counts, c }).pinged.map((p) => p.id)).toEqual([1])
    expect(dispatch({ dir: small, now: at(20), counts, c }).pinged.map((p) => p.id)).toEqual([2])
    expect(dispatch({ dir: small, now: at(23), counts, c })).toMatchObject({ pinged: [], nobody: true })
  })
})
