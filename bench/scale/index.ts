// `npm run bench:scale`: issue 15's table, measured on a synthesized street-office database.
//   1. the app creates and migrates a database in a temp dir and loads config/demo.yaml into it
//   2. bench/scale/synthesize.ts adds six months of a street office to that community (~1 min)
//   3. bench/scale/probe.ts runs ringbell on it in fresh processes — a few cold starts, then one long run
//   4. each row is printed with its goal from the issue and whether the median meets it
// Environment: BENCH_SCALE_FACTOR (default 1: 100k cases; 0.1 for a quick look), BENCH_SCALE_COLD (cold
// starts, 3), BENCH_REPEATS (3), BENCH_SCALE_QUIET (rings per repeat, 100), BENCH_SCALE_IDLE (rings after
// idle, and as many after a directory change, 30 each in all), BENCH_RINGS / BENCH_HAND_RINGS (per pair, 300 / 1000),
// BENCH_SCALE_PAIRS (pipeline / by-hand pairs, 5),
// BENCH_SCALE_KEEP=1 keeps the database and prints where.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SimClock } from '../../src/domain/clock.js'
import { startBench } from '../lib/bell.js'
import { cpuMs, envInt, fmt, median, percentile, table } from '../lib/measure.js'
import type { ProbeArgs, ProbeResult, Rings } from './probe.js'
import { streetOffice, synthesize } from './synthesize.js'
import { build } from '../../scripts/build.mjs'
import { checkout as root } from '../lib/checkout.js'

/** A Thursday, late in the month, with the demo's volunteers on duty: `统计 本月` covers four weeks. */
const NOW = new Date('2026-10-29T10:00:00+08:00')
const factor = Number(process.env.BENCH_SCALE_FACTOR ?? 1) || 1
const sizes = {
  groups: Math.round(streetOffice.groups * factor),
  residents: Math.round(streetOffice.residents * factor),
  volunteers: Math.max(10, Math.round(streetOffice.volunteers * factor)),
  cases: Math.round(streetOffice.cases * factor),
  days: streetOffice.days,
}
const repeats = envInt('BENCH_REPEATS', 3)
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const began = Date.now()

console.log(
  `ringbell bench:scale — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${load()}`,
)
const dir = mkdtempSync(join(tmpdir(), 'ringbell-scale-'))
const dbFile = join(dir, 'street-office.db')
const args: Omit<ProbeArgs, 'mode' | 'out'> = {
  dbFile,
  now: NOW.toISOString(),
  repeats,
  quiet: envInt('BENCH_SCALE_QUIET', 100),
  idle: envInt('BENCH_SCALE_IDLE', 30),
  idleMs: 3000,
  // Each side's sample about a third of a second (300 rings ≈ 1,000 by hand), so both meet the WAL's
  // checkpoints alike: with 100 rings one checkpoint stall moved a pipeline sample by a third.
  rings: envInt('BENCH_RINGS', 300),
  handRings: envInt('BENCH_HAND_RINGS', 1000),
  pairs: envInt('BENCH_SCALE_PAIRS', 5),
}
try {
  let t0 = Date.now()
  const c0 = cpuMs()
  // The app's own start creates the file, migrates it and loads the demo community.
  await (await startBench({ dbFile, clock: new SimClock(NOW), background: false, session: 'create' })).stop()
  const made = synthesize(dbFile, { community: '锦绣社区', now: NOW, sizes })
  const mb = (statSync(dbFile).size / 2 ** 20).toFixed(0)
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(' · ')
  console.log(
    `\nsynthesized in ${secs(Date.now() - t0)} (CPU ${secs(cpuMs() - c0)}): ${mb} MB, now = ${NOW.toISOString()} (Thursday 10:00 in Shanghai)`,
  )
  console.log(`rows: ${list(made.rows)}`)
  console.log(`cases: ${list(made.cases)}; jobs pending ${made.pendingJobs.toLocaleString('en')}`)

  // The probe compiled as `npm run build` compiles the bot (scripts/build.mjs), inside the checkout so it
  // finds prisma/ as dist/ does.
  const probeDir = join(root, 'node_modules', '.cache', 'ringbell', `bench-probe-${process.pid}`)
  await build([fileURLToPath(new URL('probe.ts', import.meta.url))], probeDir)
  const probeJs = join(probeDir, 'probe.js')
  let probes = 0
  const probe = async (mode: ProbeArgs['mode']): Promise<ProbeResult> => {
    // Each probe a minute after the one before on the simulated clock: its rings are new problems, not
    // repeats of the cases the previous probe left open (a probe's rings span seconds; no ladder rung is due).
    const now = new Date(NOW.getTime() + probes++ * 60_000).toISOString()
    const a: ProbeArgs = { ...args, mode, now, out: join(dir, `probe-${mode}-${Date.now()}.json`) }
    const t = Date.now()
    // As `npm start` runs the bot: compiled, no TypeScript loader in the process; a fresh process each.
    const child = spawn(process.execPath, [probeJs, JSON.stringify(a)], { stdio: ['ignore', 'ignore', 'inherit'] })
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    if (code !== 0) throw new Error(`probe ${mode} exited with ${code}`)
    console.log(`probe ${mode}: ${secs(Date.now() - t)}, load ${load()}`)
    return JSON.parse(readFileSync(a.out, 'utf8')) as ProbeResult
  }
  console.log('')
  t0 = Date.now()
  const cold: ProbeResult[] = []
  for (let i = 0; i < envInt('BENCH_SCALE_COLD', 3); i++) cold.push(await probe('cold'))
  const full = await probe('full')
  const measuredMs = Date.now() - t0

  // ---- the table ----
  const rows: string[][] = []
  /** a figure's min / median over its samples, the median CPU where measured; met = the median meets the goal */
  const add = (
    what: string,
    xs: number[],
    unit: string,
    n: string,
    o: { cpu?: number[]; goal?: { le?: number; ge?: number; text: string } } = {},
  ) => {
    const m = median(xs)
    const g = o.goal
    const met = !g ? '' : (g.le !== undefined ? m <= g.le : m >= g.ge!) ? 'yes' : 'NO'
    const cpu = o.cpu ? `${fmt(median(o.cpu))} ms` : ''
    rows.push([what, `${fmt(Math.min(...xs))} / ${fmt(m)}${unit ? ` ${unit}` : ''}`, cpu, n, g?.text ?? '', met])
  }
  const all = [...cold, full]
  const starts = `${all.length} starts`
  const asked = full.asked!
  const ms = (text: string) => asked[text]!.map((a) => a.ms)
  const cpu = (text: string) => asked[text]!.map((a) => a.cpuMs)
  const n = (text: string) => `${asked[text]!.length}`
  const peaks = [...asked['统计 全部']!, ...asked['列表 全部']!].map((a) => a.peakMb)
  const p = (r: Rings, q: number) => r.ms.map((x) => percentile(x, q))
  const shape = (r: Rings) => `${r.ms.length} × ${r.ms[0]!.length}`
  const idle = full.idle!
  const changed = full.changed!
  const qu = full.quiet!
  const cmp = full.pipeline!
  const first = all.map((r) => r.firstMonth)
  add(
    'start, process → ready',
    all.map((r) => r.startMs),
    'ms',
    starts,
  )
  add(
    'RSS after start, all adapters',
    all.map((r) => r.rssAfterStartMb),
    'MB',
    starts,
  )
  add(
    'RSS idle after a ring, all adapters',
    all.map((r) => r.rssIdleRingMb),
    'MB',
    starts,
    { goal: { le: 200, text: '≤ 200 MB' } },
  )
  add(
    'RSS idle after 统计 本月 and a ring',
    all.map((r) => r.rssIdleMb),
    'MB',
    starts,
    { goal: { le: 200, text: '≤ 200 MB' } },
  )
  add('RSS peak (统计 全部 / 列表 全部)', peaks, 'MB', `${peaks.length} asks`, { goal: { le: 300, text: '≤ 300 MB' } })
  const ms100 = { le: 100, text: '≤ 100 ms' }
  add(
    '统计 本月, first',
    first.map((a) => a.ms),
    'ms',
    starts,
    { cpu: first.map((a) => a.cpuMs), goal: ms100 },
  )
  add('统计 本月, warm', ms('统计 本月'), 'ms', n('统计 本月'), { cpu: cpu('统计 本月'), goal: ms100 })
  add('统计 全部', ms('统计 全部'), 'ms', n('统计 全部'), {
    cpu: cpu('统计 全部'),
    goal: { le: 500, text: '≤ 500 ms' },
  })
  const paged = { le: 50, text: '≤ 50 ms, paged' }
  add('列表', ms('列表'), 'ms', n('列表'), { cpu: cpu('列表'), goal: paged })
  add('列表 全部', ms('列表 全部'), 'ms', n('列表 全部'), { cpu: cpu('列表 全部'), goal: paged })
  const p99 = { le: 20, text: 'p99 ≤ 20 ms' }
  add('ring after idle, p50', p(idle, 50), 'ms', shape(idle), { cpu: idle.cpu.flat() })
  add('ring after idle, p99', p(idle, 99), 'ms', shape(idle), { goal: p99 })
  add('ring after a directory change, p50', p(changed, 50), 'ms', shape(changed), { cpu: changed.cpu.flat() })
  add('ring after a directory change, p99', p(changed, 99), 'ms', shape(changed), { goal: p99 })
  const rings = `${cmp.pipeline.length} × ${args.rings}`
  add('ring pipeline, back to back, per ring', cmp.pipeline, 'ms', rings, { cpu: cmp.pipelineCpu })
  add('  its median ring', cmp.pipelineMedian, 'ms', rings)
  add('the same ring by hand, per ring', cmp.hand, 'ms', `${cmp.hand.length} × ${args.handRings}`, { cpu: cmp.handCpu })
  add('ring pipeline / by hand (rings/s)', cmp.ratio, '', `${cmp.ratio.length} pairs`, {
    goal: { ge: 0.3, text: '≥ 0.3' },
  })
  add('  in CPU per ring', cmp.ratioCpu, '', `${cmp.ratioCpu.length} pairs`)
  add('SQL statements per ring', [cmp.census.statements], '', '50 rings')
  add('promises per ring', [cmp.census.promises], '', '50 rings')
  add('ring → ping, one at a time, p50', p(qu, 50), 'ms', shape(qu), { cpu: qu.cpu.flat() })
  add('ring → ping, one at a time, p99', p(qu, 99), 'ms', shape(qu), { goal: { le: 5, text: 'p99 ≤ 5 ms' } })

  console.log(`\n## issue 15 on this machine: min / median of the samples; met = the median meets the goal\n`)
  console.log(table(['', 'min / median', 'CPU median', 'samples', 'goal', 'met'], rows))
  console.log(`
- RSS idle: after start and a ring, then 3 s quiet; and again after the first 统计 本月 and another ring
  (as the issue measured it: what the figures leave behind). Each start is a fresh process, compiled as
  npm start runs it, with the telegram and wechat adapter modules imported (not started) and the console.
- RSS peak: the process's peak resident memory while the command ran (reset before each).
- CPU median: CPU time the process used (all threads) in the median sample: what the figure costs
  when the machine is shared and wall time is not the app's alone.
- 统计 / 列表: from typing the line in 议事荟 as 徐书记 until the answer is printed. first = the first
  message after start but a ring; warm = right after another message (the app's directory fresh).
- ring after idle: ring → ping after ${secs(args.idleMs)} with nothing happening. After a directory change:
  ring → ping right after a volunteer's 值班 (a change to who is who: the app reads its directory again).
- ring pipeline vs by hand: rings back to back through startRingbell + the console adapter (relay not in
  the background; whatever the app does meanwhile, directory reloads included), against the same ring's
  3 lookups + 9 writes on raw better-sqlite3 in one prepared transaction (bench/lib/by-hand.ts),
  alternating, on this database. Its median ring shows the hot path without the slow ones.
- ring → ping, one at a time: each ring waits for its ping in 好大姐志愿者群; the relay runs in the background.`)
  console.log('\nwhat the chair was answered (first line; 列表 should say how to see the next page):')
  for (const [text, answers] of Object.entries(asked)) console.log(`  ${text} → ${answers[0]!.reply}`)
  if (!full.peakResetWorks) console.log('  (no /proc/self/clear_refs here: RSS peaks are the process peak since start)')
  console.log(
    `\nbench:scale took ${secs(Date.now() - began)}: synthesis + ${secs(measuredMs)} of probes (${cold.length} cold starts, 1 full run), load ${load()}`,
  )
  if (process.env.BENCH_SCALE_KEEP) console.log(`database kept: ${dbFile}`)
} finally {
  if (!process.env.BENCH_SCALE_KEEP) rmSync(dir, { recursive: true, force: true })
  rmSync(join(root, 'node_modules', '.cache', 'ringbell', `bench-probe-${process.pid}`), {
    recursive: true,
    force: true,
  })
}
