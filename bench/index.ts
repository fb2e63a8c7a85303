// `npm run bench`: figures measured in one run on this machine, each repeated (min / median / max) —
// not pass/fail. BENCH_REPEATS (default 5) sets the repeats; see each file for its sample sizes.
import { cpus, loadavg, totalmem } from 'node:os'
import { rowsTable, table, type Row } from './lib/measure.js'
import { run as pipeline } from './pipeline.js'
import { run as rota } from './rota.js'
import { run as jobs } from './jobs.js'
import { run as patterns } from './patterns.js'
import { run as leaks } from './leaks.js'
import { run as consult } from './consult.js'
import { run as phrasing } from './phrasing.js'
import { run as desk } from './desk.js'
import { run as urgent } from './urgent.js'

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
console.log(
  `ringbell bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${load()}`,
)
/** Repeated figures as min / median / max; rows of another shape (the patterns' worst inputs) as they are. */
function printed(rows: Row[] | Record<string, unknown>[]): string {
  if (rows.every((r) => Array.isArray(r.samples))) return rowsTable(rows as Row[])
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  return table(
    header,
    rows.map((r) => header.map((h) => String((r as Record<string, unknown>)[h] ?? ''))),
  )
}

for (const [name, fn] of [
  ['pipeline: ring through startRingbell + console adapter vs the same writes by hand', pipeline],
  ['rota: 1k volunteers', rota],
  ['jobs: the timer table at 100k pending', jobs],
  ['patterns: the worst input of each pattern, and mobile shapes past the mask', patterns],
  ['leaks: a seeded fuzz through the console, group messages carrying a full number', leaks],
  ['consult: a 入户征询 of 5k households — the tally, 征询 N, an answer, 结束 N, 征询名单 N', consult],
  ['phrasing: conversation read and let pass, the grammar alone and through the app', phrasing],
  ['desk: 统计 and 导出 on a street office of 100k cases (issue 13)', desk],
  ['urgent: ring → first ping for an urgent ring with 1k volunteers on file (issue 11)', urgent],
] as [string, () => Promise<Row[] | Record<string, unknown>[]>][]) {
  const t0 = Date.now()
  const rows = await fn()
  console.log(`\n## ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s, load ${load()})\n`)
  console.log(printed(rows))
}
