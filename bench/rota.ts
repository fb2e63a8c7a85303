// Who is on duty, and who gets pinged, for a community of 1k volunteers. Figures, not assertions: each
// measured BENCH_REPEATS times (default 5) for at least 200 ms.
// npx tsx bench/rota.ts
import { pathToFileURL } from 'node:url'
import {
  nextShiftStart,
  onDuty,
  parseShift,
  pickVolunteers,
  type Candidate,
  type ShiftRule,
} from '../src/domain/rota.js'
import { envInt, rowsTable, type Row } from './lib/measure.js'

const TZ = 'Asia/Shanghai'
const N = 1000
const REPEATS = envInt('BENCH_REPEATS', 5)

/** A deterministic pseudo-random community: shifts, skills, places, load. */
function community(n: number): Candidate[] {
  let seed = 42
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const specs = [
    '周一至周五 08:00-20:00',
    '每天 08:00-20:00',
    '周末 09:00-17:00',
    '周三 22:00-06:00',
    '周一、周三、周五 18:00-22:00',
    '工作日 07:30-12:00',
    '周日 20:00-08:00',
    'Mon-Sat 13:00-18:00',
  ]
  const rules = specs.map((s) => {
    const p = parseShift(s)
    if (!p.ok) throw new Error(`bad spec ${s}`)
    return p.rule
  })
  const skills = ['物业', '法律', '银龄', '绿化', '安全']
  const buildings = Array.from({ length: 40 }, (_, i) => `锦绣新村/${i + 1}幢`)
  return Array.from({ length: n }, (_, i): Candidate => {
    const shifts: ShiftRule[] = [pick(rules)]
    if (rnd() < 0.3) shifts.push(pick(rules))
    return {
      id: i + 1,
      skills: rnd() < 0.3 ? [pick(skills), pick(skills)] : [pick(skills)],
      places: rnd() < 0.2 ? ['锦绣新村'] : [pick(buildings), pick(buildings)],
      openCases: Math.floor(rnd() * 6),
      maxOpen: 5,
      duty: { shifts, manualOnUntil: rnd() < 0.05 ? new Date('2024-01-01T16:00:00Z') : null },
    }
  })
}

/** µs per call of `fn`, over at least `minMs` after a warm-up; one sample. */
function usPerOp(fn: (i: number) => void, minMs: number): number {
  for (let i = 0; i < 50; i++) fn(i) // warm up
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < minMs) {
    for (let k = 0; k < 20; k++) fn(n++)
    elapsed = performance.now() - start
  }
  return (elapsed / n) * 1000
}

const repeat = (fn: (i: number) => void, minMs = 200): number[] =>
  Array.from({ length: REPEATS }, () => usPerOp(fn, minMs))

export async function run(): Promise<Row[]> {
  const cands = community(N)
  // a week of instants, one every 7 minutes, so every shift edge and weekday is visited
  const base = new Date('2024-01-01T00:00:00Z').getTime()
  const at = (i: number): Date => new Date(base + (i % 1440) * 7 * 60_000)
  const cases = [
    { category: '物业', place: '锦绣新村/9幢' },
    { category: '法律', place: '锦绣新村/31幢' },
    { category: '银龄', place: '' },
    { category: '其他', place: '锦绣新村/2幢' },
  ]
  let _onCount = 0
  const whoIsOn = repeat((i) => {
    const t = at(i)
    _onCount = 0
    for (const c of cands) if (onDuty(c.duty, t, TZ)) _onCount++
  })
  const pick = repeat((i) => {
    pickVolunteers(cands, cases[i % cases.length]!, at(i), TZ)
  })
  const widen = repeat((i) => {
    pickVolunteers(cands, cases[i % cases.length]!, at(i), TZ, { widen: 'skill' })
  })
  const duties = cands.map((c) => c.duty)
  const next = repeat((i) => {
    nextShiftStart(duties, at(i), TZ)
  })
  const parse = repeat((i) => {
    parseShift(i % 2 ? '周一至周五 ０８：００－２０：００' : 'Sat,Sun 9:00-17:00')
  }, 100)
  const scope = pickVolunteers(cands, cases[0]!, new Date('2024-01-01T02:00:00Z'), TZ)
  const onAt = cands.filter((c) => onDuty(c.duty, new Date('2024-01-01T02:00:00Z'), TZ)).length
  return [
    { figure: `who is on duty, ${N} volunteers`, unit: 'µs/scan', samples: whoIsOn, each: '≥ 200 ms' },
    { figure: 'onDuty, one volunteer', unit: 'ns', samples: whoIsOn.map((us) => (us * 1000) / N) },
    { figure: `pickVolunteers, ${N} volunteers`, unit: 'µs/pick', samples: pick, each: '≥ 200 ms' },
    { figure: 'pickVolunteers widen=skill', unit: 'µs/pick', samples: widen, each: '≥ 200 ms' },
    { figure: `nextShiftStart, ${N} volunteers`, unit: 'µs/call', samples: next, each: '≥ 200 ms' },
    { figure: 'parseShift', unit: 'µs/parse', samples: parse, each: '≥ 100 ms' },
    // what the figures were measured on: the same every run (a deterministic community)
    {
      figure: `on duty Mon 10:00 CST; picked for 物业 9幢: ${scope.scope} ${scope.ids.join(',')}`,
      unit: 'volunteers',
      samples: [onAt],
    },
  ]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(rowsTable(await run()))
