// The committee's desk at a street office's scale (issue 13): `统计 本月` and `导出 本月` (and their
// neighbours) on a community with 100k cases, message in → reply printed, through startRingbell and the
// console adapter. The database is bench/scale's synthesized street office (six months, 100k cases with
// their events); the synthesizer fills the desk's columns (acceptedAt, building, claimMs, resolveMs,
// closedById) as the store writes them, and runs no ANALYZE the bot itself would not run.
// Goals (issue 15's table): 统计 本月 ≤ 100 ms, 统计 全部 ≤ 500 ms, a list page ≤ 50 ms.
// npx tsx bench/desk.ts    (BENCH_REPEATS, default 5; BENCH_SCALE_FACTOR, default 1 = 100k cases;
// BENCH_DESK_KEEP=1 keeps the database and prints where)
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SimClock } from '../src/domain/clock.js'
import { periodRange } from '../src/domain/periods.js'
import { startBench } from './lib/bell.js'
import { cpuMs, envInt, rowsTable, since, type Row } from './lib/measure.js'
import { streetOffice, synthesize } from './scale/synthesize.js'

/** As bench:scale: a Thursday late in October, so 本月 covers four weeks (~16k cases). */
const NOW = new Date('2026-10-29T10:00:00+08:00')
const REPEATS = envInt('BENCH_REPEATS', 5)
const factor = Number(process.env.BENCH_SCALE_FACTOR ?? 1) || 1

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-desk-'))
  const dbFile = join(dir, 'street-office.db')
  try {
    const clock = new SimClock(NOW)
    await (await startBench({ dbFile, clock, background: false, session: 'create' })).stop()
    const sizes = {
      ...streetOffice,
      groups: Math.round(streetOffice.groups * factor),
      residents: Math.round(streetOffice.residents * factor),
      volunteers: Math.max(10, Math.round(streetOffice.volunteers * factor)),
      cases: Math.round(streetOffice.cases * factor),
    }
    synthesize(dbFile, { community: '锦绣社区', now: NOW, sizes })
    const bell = await startBench({ dbFile, clock, background: false, session: 'desk', filesDir: join(dir, 'files') })
    const COM = '议事荟'
    /** One question in the committee group: from the message to the reply printed. */
    const ask = async (text: string, match: RegExp): Promise<{ ms: number; cpu: number; text: string }> => {
      const reply = bell.next(COM, match)
      const t0 = performance.now()
      const c0 = cpuMs()
      await bell.say(COM, '徐书记', text)
      await bell.rb.drain()
      const printed = await reply
      return { ms: since(t0), cpu: cpuMs() - c0, text: printed.text }
    }
    const rows: Row[] = []
    const measure = async (figure: string, text: string, match: RegExp, each: string) => {
      await ask(text, match) // warm: the directory, prepared statements, the chart libraries
      const samples: number[] = []
      const cpu: number[] = []
      for (let i = 0; i < REPEATS; i++) {
        const r = await ask(text, match)
        samples.push(r.ms)
        cpu.push(r.cpu)
      }
      rows.push({ figure, unit: 'ms', samples, each })
      // CPU beside wall time: on a shared machine the steadier of the two.
      rows.push({ figure: '  CPU', unit: 'ms', samples: cpu, each })
    }
    const month = periodRange({ kind: 'month' }, NOW, 'Asia/Shanghai')
    const store = bell.rb.store
    const community = (await store.communityIds())[0]!
    const inMonth = (await store.figures({ communityIds: [community], from: month.from, to: month.to }))[0]!.counts
      .rings
    const total = (await store.figures({ communityIds: [community] }))[0]!.counts.rings
    await measure('统计 本月 (goal ≤ 100)', '统计 本月', /📊/, `${inMonth} of ${total} cases`)
    await measure('统计 全部 (goal ≤ 500)', '统计 全部', /📊/, `${total} cases`)
    await measure('统计 本月 按楼栋', '统计 本月 按楼栋', /📊/, `${inMonth} cases`)
    await measure('列表 全部, a page (goal ≤ 50)', '列表 全部', /📋/, '20 of all')
    await measure('导出 本月 (message → file written)', '导出 本月', /📎/, `${inMonth} cases + events`)
    await measure('统计 图 本月 (message → PNG written)', '统计 图 本月', /📈/, '5 weeks')
    // The figures alone, in the store: what the SQL costs without the message around it.
    const figures: number[] = []
    for (let i = 0; i < REPEATS; i++) {
      const t0 = performance.now()
      await store.figures({ communityIds: [community], from: month.from, to: month.to })
      figures.push(since(t0))
    }
    rows.push({ figure: '  store.figures(本月) alone', unit: 'ms', samples: figures, each: `${inMonth} cases` })
    const { text } = await ask('导出 本月', /📎/)
    const path = /📎 (\/\S+\.csv)/.exec(text)?.[1]
    if (path) rows.push({ figure: '  导出 本月 file size', unit: 'MB', samples: [statSync(path).size / 2 ** 20] })
    await bell.stop()
    return rows
  } finally {
    if (process.env.BENCH_DESK_KEEP) console.log(`kept ${dbFile}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(rowsTable(await run()))
