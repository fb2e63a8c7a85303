// The ring pipeline on the demo community: rings through startRingbell and the console adapter against
// the same ring's own lookups and writes done by hand on raw better-sqlite3 (bench/lib/by-hand.ts), in
// alternating repeats of the same run; and ring → ping latency, one ring at a time and under a burst.
// npx tsx bench/pipeline.ts    (BENCH_REPEATS, BENCH_RINGS, BENCH_HAND_RINGS, BENCH_QUIET_RINGS, BENCH_BURST_RINGS)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DEMO_START, SimClock } from '../src/domain/clock.js'
import { demoConfig, startBench } from './lib/bell.js'
import { envInt, median, percentile, rowsTable, type Row } from './lib/measure.js'
import { burst, counter, pipelineVsHand, ringToPing } from './lib/rings.js'

const REPEATS = envInt('BENCH_REPEATS', 5)
const RINGS = envInt('BENCH_RINGS', 300)
const HAND = envInt('BENCH_HAND_RINGS', 3000)
const QUIET = envInt('BENCH_QUIET_RINGS', 100)
const BURST = envInt('BENCH_BURST_RINGS', 200)

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-'))
  const config = demoConfig()
  const next = counter()
  try {
    // Two databases created and migrated by the app itself: one the pipeline rings into, one written
    // by hand — so both grow alike and neither pays for the other's rows.
    const handFile = join(dir, 'hand.db')
    await (
      await startBench({ dbFile: handFile, clock: new SimClock(DEMO_START), background: false, session: 'h' })
    ).stop()
    const pipe = await startBench({
      dbFile: join(dir, 'pipeline.db'),
      clock: new SimClock(DEMO_START),
      background: false,
      session: 'p',
    })
    const cmp = await pipelineVsHand({ pipe, handFile, config, repeats: REPEATS, rings: RINGS, handRings: HAND, next })
    await pipe.stop()

    // Latency with the relay in the background, as in production: its own database.
    const bell = await startBench({
      dbFile: join(dir, 'latency.db'),
      clock: new SimClock(DEMO_START),
      background: true,
      session: 'l',
    })
    await ringToPing(bell, 20, next) // warm-up
    const quiet: number[][] = []
    const quietCpu: number[] = []
    const burstRuns: number[][] = []
    for (let rep = 0; rep < REPEATS; rep++) {
      const q = await ringToPing(bell, QUIET, next)
      quiet.push(q.ms)
      quietCpu.push(median(q.cpu))
      burstRuns.push(await burst(bell, BURST, next))
    }
    await bell.stop()
    const p = (runs: number[][], q: number) => runs.map((r) => percentile(r, q))
    const row = (figure: string, unit: string, samples: number[], each?: string): Row => ({
      figure,
      unit,
      samples,
      each,
    })
    return [
      row('ring through the pipeline, back to back', 'ms/ring', cmp.pipeline, `${RINGS} rings`),
      row('  its median ring', 'ms', cmp.pipelineMedian, `${RINGS} rings`),
      row('  its CPU', 'ms/ring', cmp.pipelineCpu, `${RINGS} rings`),
      row('the same ring by hand (3 lookups + 9 writes)', 'ms/ring', cmp.hand, `${HAND} rings`),
      row('  its CPU', 'ms/ring', cmp.handCpu, `${HAND} rings`),
      row(
        'pipeline rings/s',
        'rings/s',
        cmp.pipeline.map((ms) => 1000 / ms),
      ),
      row(
        'by hand rings/s',
        'rings/s',
        cmp.hand.map((ms) => 1000 / ms),
      ),
      row('pipeline / by hand (rings/s)', 'ratio', cmp.ratio, 'paired'),
      row('pipeline / by hand (CPU per ring)', 'ratio', cmp.ratioCpu, 'paired'),
      row('SQL statements per ring', 'count', [cmp.census.statements], '50 rings'),
      row('promises per ring', 'count', [cmp.census.promises], '50 rings'),
      row('ring → ping p50, one at a time', 'ms', p(quiet, 50), `${QUIET} rings`),
      row('ring → ping p99, one at a time', 'ms', p(quiet, 99), `${QUIET} rings`),
      row('  CPU per ring, median', 'ms', quietCpu, `${QUIET} rings`),
      row(`ring → ping p50, ${BURST} back to back`, 'ms', p(burstRuns, 50), `${BURST} rings`),
      row(`ring → ping p99, ${BURST} back to back`, 'ms', p(burstRuns, 99), `${BURST} rings`),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(rowsTable(await run()))
