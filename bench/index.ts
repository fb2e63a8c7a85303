// `npm run bench`: figures and ratios measured in one run on this machine — not pass/fail.
import { cpus, totalmem } from 'node:os'
import { run as pipeline } from './pipeline.js'
import { run as rota } from './rota.js'
import { run as jobs } from './jobs.js'
import { run as patterns } from './patterns.js'
import { run as leaks } from './leaks.js'

console.log(
  `ringbell bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
)
for (const [name, fn] of [
  ['pipeline', pipeline],
  ['rota', rota],
  ['jobs', jobs],
  ['patterns: the worst input of each pattern, and mobile shapes past the mask', patterns],
  ['leaks: a seeded fuzz through the console, group messages carrying a full number', leaks],
] as const) {
  const t0 = Date.now()
  const figures = await fn()
  console.log(`\n## ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  console.table(figures)
}
