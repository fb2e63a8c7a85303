// A 入户征询 of 5,000 households (issue 14): the tally, where it stands (征询 N), one more answer, the
// result (结束 N) and the committee's CSV (征询名单 N), through startRingbell and the console adapter on
// a database holding 5k households, 5k residents and 5k answers per consultation. Figures, not
// assertions: each measured BENCH_REPEATS times (default 5), one fresh consultation per repeat.
// npx tsx bench/consult.ts   (BENCH_HOUSEHOLDS=5000)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tally } from '../src/domain/consultation.js'
import { DEMO_START, SimClock } from '../src/domain/clock.js'
import { coveredCount } from '../src/app/consult-result.js'
import { startBench } from './lib/bell.js'
import { cpuMs, envInt, rowsTable, since, type Row } from './lib/measure.js'

const HOUSEHOLDS = envInt('BENCH_HOUSEHOLDS', 5_000)
const REPEATS = envInt('BENCH_REPEATS', 5)

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-consult-'))
  const clock = new SimClock(DEMO_START)
  const bell = await startBench({ dbFile: join(dir, 'bench.db'), clock, background: true, session: 'consult' })
  const db = bell.rb.db
  try {
    const { id: communityId } = await db.community.findFirstOrThrow()
    const at = DEMO_START.toISOString()
    // 5k households in 9幢 (10 units), each with one confirmed resident the console knows as r<i>.
    await db.$executeRawUnsafe(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO Household (communityId, path, createdAt, updatedAt)
       SELECT ?, '锦绣新村/9幢/' || (1 + i % 10) || '单元/' || (101 + i / 10), ?, ? FROM n`,
      HOUSEHOLDS,
      communityId,
      at,
      at,
    )
    await db.$executeRawUnsafe(
      `INSERT INTO Person (communityId, name, autoRegistered) SELECT ?, 'r' || id, true FROM Household`,
      communityId,
    )
    await db.$executeRawUnsafe(
      `INSERT INTO Identity (personId, platform, userId, name, byName) SELECT id, 'console', name, name, false FROM Person WHERE name LIKE 'r%'`,
    )
    await db.$executeRawUnsafe(
      `INSERT INTO HouseholdMember (householdId, personId, confirmed, at)
       SELECT h.id, p.id, true, ? FROM Household h JOIN Person p ON p.name = 'r' || h.id`,
      at,
    )

    const samples = { tally: [] as number[], tallyCpu: [] as number[], status: [] as number[] }
    const more = { answer: [] as number[], close: [] as number[], csv: [] as number[] }
    for (let rep = 0; rep < REPEATS; rep++) {
      const opened = bell.next('议事荟', /已发到/)
      await bell.say('议事荟', '徐书记', `征询 第${rep + 1}次入户征询 范围 9幢 门槛 全体77% 截止 3天`)
      await opened
      const c = (await bell.rb.store.consult.liveConsultations(communityId)).at(-1)!
      // Every household answers: four in five 同意.
      await db.$executeRawUnsafe(
        `INSERT INTO Vote (consultationId, voter, householdId, personId, option, firstAt, at, changes)
         SELECT ?, 'h:' || m.householdId, m.householdId, m.personId, CASE WHEN m.householdId % 5 = 0 THEN 1 ELSE 0 END, ?, ?, 0
         FROM HouseholdMember m`,
        c.id,
        at,
        at,
      )

      // The tally itself, as the deadline and 结束 read it: counts per option, the households covered, the threshold.
      let t0 = performance.now()
      const cpu0 = cpuMs()
      const { counts } = await bell.rb.store.consult.voteCounts(c.id, c.options.length)
      const r = tally(c, counts, await coveredCount(bell.rb.store, c))
      samples.tally.push(since(t0))
      samples.tallyCpu.push(cpuMs() - cpu0)
      if (r.answered !== HOUSEHOLDS || !r.met) throw new Error(`tally: ${JSON.stringify(r)}`)

      t0 = performance.now()
      const status = bell.next('议事荟', /进度/)
      await bell.say('议事荟', '徐书记', `征询 ${c.number}`)
      await status
      samples.status.push(since(t0))

      // One household changes its answer with 5k in: the answer through the pipeline to its private confirmation.
      t0 = performance.now()
      const confirmed = bell.next('@r1', /已改好|收到|回答过/)
      await bell.say('9幢业主群', 'r1', rep % 2 ? '同意' : '反对')
      await confirmed
      more.answer.push(since(t0))

      t0 = performance.now()
      const result = bell.next('9幢业主群', /结果/)
      await bell.say('议事荟', '徐书记', `结束 ${c.number}`)
      await result
      more.close.push(since(t0))

      t0 = performance.now()
      const csv = bell.next('@徐书记', /已答复/)
      await bell.say('议事荟', '徐书记', `征询名单 ${c.number}`)
      const printed = await csv
      more.csv.push(since(t0))
      if (printed.text.split('\n').length < HOUSEHOLDS) throw new Error('the CSV is short')
    }
    const each = `${HOUSEHOLDS} households`
    return [
      { figure: 'tally: counts per option + households covered + threshold', unit: 'ms', samples: samples.tally, each },
      { figure: 'tally, CPU time', unit: 'ms', samples: samples.tallyCpu, each },
      { figure: '征询 N (where it stands) → reply printed', unit: 'ms', samples: samples.status, each },
      { figure: 'one answer changed → private confirmation printed', unit: 'ms', samples: more.answer, each },
      { figure: '结束 N → result printed in the residents group', unit: 'ms', samples: more.close, each },
      { figure: '征询名单 N → the CSV printed privately', unit: 'ms', samples: more.csv, each },
    ]
  } finally {
    await bell.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) console.log(rowsTable(await run()))
