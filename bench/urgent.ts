// Urgent rings (issue 11) with 1k volunteers on file: how long from the ring to the first ping in the
// volunteers' group — at night (21:00: only skills call off-shift volunteers, a few hundred @-mentions)
// and by day — beside an ordinary ring by day; and one fast-ladder step (every volunteer again) fired
// through the job runner. Through startRingbell and the console adapter, the relay in the background.
// npx tsx bench/urgent.ts    (BENCH_REPEATS, BENCH_URGENT_RINGS, BENCH_VOLUNTEERS)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { platformNames } from '../adapters/platforms.js'
import { parseConfig } from '../src/config/load.js'
import type { CommunityConfig } from '../src/config/schema.js'
import { DEMO_START, SimClock } from '../src/domain/clock.js'
import { demo, demoConfig, startBench, type BenchBell } from './lib/bell.js'
import { cpuMs, envInt, median, type Row, rowsTable } from './lib/measure.js'

const REPEATS = envInt('BENCH_REPEATS', 5)
const RINGS = envInt('BENCH_URGENT_RINGS', 20)
// The directory reads its members on the store's own statements by community (issue 15), so 1k is no
// longer held under SQLite's 999 bound values.
const VOLUNTEERS = envInt('BENCH_VOLUNTEERS', 1000)
const NIGHT = 12 * 3600_000

/** The demo community with `n` more volunteers: day shifts, a few skills each, every building. */
function withVolunteers(n: number): CommunityConfig {
  const base = demoConfig()
  const skills = ['物业', '法律', '银龄', '绿化', '安全']
  const people = Array.from({ length: n }, (_, i) => ({
    name: `志愿者${i + 1}`,
    roles: ['volunteer'],
    skills: [skills[i % skills.length], skills[(i * 7) % skills.length]],
    places: ['锦绣新村/9幢', '锦绣新村/10幢'],
    shifts: [i % 3 === 0 ? '周一至周五 08:00-20:00' : '每天 09:00-17:00'],
  }))
  // JSON is YAML: the file a community would write, validated as one.
  const parsed = parseConfig(JSON.stringify({ community: base.community, places: base.places }), platformNames)
  return {
    ...base,
    people: [...base.people, ...parseConfig(JSON.stringify({ ...parsed, people }), platformNames).people],
  }
}

/** `n` rings, one at a time: ms from typing each to its first line in the volunteers' group. */
async function ringToFirstPing(bell: BenchBell, n: number, text: (i: number) => string, seq: () => number) {
  const out = { ms: [] as number[], cpu: [] as number[] }
  for (let i = 0; i < n; i++) {
    const k = seq()
    const ping = bell.next(demo.volunteers, /#\d+/)
    const c0 = cpuMs()
    const t0 = performance.now()
    // A different neighbour each time, so no ring is a repeat of the last.
    await bell.say('9幢业主群', `居民${k}`, text(k))
    out.ms.push((await ping).at - t0)
    out.cpu.push(cpuMs() - c0)
  }
  return out
}

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-urgent-'))
  const config = withVolunteers(VOLUNTEERS)
  let k = 0
  const seq = () => ++k
  try {
    const night = await startBench({
      dbFile: join(dir, 'urgent.db'),
      clock: new SimClock(new Date(DEMO_START.getTime() + NIGHT)),
      background: true,
      session: 'u',
      config,
    })
    const gas = (i: number) => `按铃 ${(i % 6) + 1}单元闻到很重的煤气味 第${i}次`
    const lamp = (i: number) => `按铃 ${(i % 6) + 1}单元楼道灯坏了 第${i}次`
    await ringToFirstPing(night, 3, gas, seq) // warm-up
    const atNight: number[] = []
    const atNightCpu: number[] = []
    for (let r = 0; r < REPEATS; r++) {
      const m = await ringToFirstPing(night, RINGS, gas, seq)
      atNight.push(median(m.ms))
      atNightCpu.push(median(m.cpu))
    }
    // One fast-ladder step: every volunteer again, three minutes on (the job runner, then the relay).
    const step: number[] = []
    for (let r = 0; r < REPEATS; r++) {
      await ringToFirstPing(night, 1, gas, seq)
      night.clock.advance(3 * 60_000)
      const again = night.next(demo.volunteers, /3分钟了还没人接/)
      const t0 = performance.now()
      await night.rb.runDueJobs()
      step.push((await again).at - t0)
    }
    await night.stop()

    const day = await startBench({
      dbFile: join(dir, 'day.db'),
      clock: new SimClock(DEMO_START),
      background: true,
      session: 'd',
      config,
    })
    await ringToFirstPing(day, 3, lamp, seq)
    const byDay: number[] = []
    const ordinary: number[] = []
    for (let r = 0; r < REPEATS; r++) {
      byDay.push(median((await ringToFirstPing(day, RINGS, gas, seq)).ms))
      ordinary.push(median((await ringToFirstPing(day, RINGS, lamp, seq)).ms))
    }
    await day.stop()
    const each = `median of ${RINGS} rings`
    return [
      {
        figure: `urgent ring → first ping, 21:00, ${VOLUNTEERS} volunteers on file`,
        unit: 'ms',
        samples: atNight,
        each,
      },
      { figure: '  its CPU', unit: 'ms', samples: atNightCpu, each },
      { figure: 'urgent ring → first ping, 09:00 (everyone on duty called)', unit: 'ms', samples: byDay, each },
      { figure: 'ordinary ring → first ping, 09:00 (three picked)', unit: 'ms', samples: ordinary, each },
      { figure: 'fast-ladder step (every volunteer again) → its ping', unit: 'ms', samples: step, each: 'one step' },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(rowsTable(await run()))
