// One ringbell process on the synthesized street-office database, as production runs it: every adapter
// module loaded (src/main.ts imports them all), only the console adapter started, so nothing reaches the
// network. Started by bench/scale/index.ts in a fresh process, so its memory is its own.
//   cold: start, memory after start, a ring, memory when idle, the first `统计 本月`, a ring, memory idle again
//   full: the rest of issue 15's table, warm
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { SimClock } from '../../src/domain/clock.js'
import { demo, demoConfig, startBench, type BenchBell } from '../lib/bell.js'
import { cpuMs, memory, sleep } from '../lib/measure.js'
import { counter, pipelineVsHand, ringToPing, type PipelineVsHand } from '../lib/rings.js'

export interface ProbeArgs {
  mode: 'cold' | 'full'
  dbFile: string
  now: string
  out: string
  repeats: number
  quiet: number
  /** rings after idle, and rings after a change to who is who, in all (spread over the repeats) */
  idle: number
  /** how long the bell is left alone before each "after idle" ring */
  idleMs: number
  rings: number
  handRings: number
  /** pipeline / by-hand pairs */
  pairs: number
}

export interface Asked {
  ms: number
  cpuMs: number
  peakMb: number
  reply: string
}

/** Per repeat: each ring's ring → ping ms, and its CPU ms. */
export interface Rings {
  ms: number[][]
  cpu: number[][]
}

export interface ProbeResult {
  mode: ProbeArgs['mode']
  /** from the process's start until the bell has started (modules loaded, database opened, config applied) */
  startMs: number
  rssAfterStartMb: number
  /** idle after a ring, before any 统计 */
  rssIdleRingMb: number
  firstMonth: Asked
  /** idle after the first 统计 本月 and a ring */
  rssIdleMb: number
  asked?: Record<string, Asked[]>
  idle?: Rings
  changed?: Rings
  quiet?: Rings
  pipeline?: PipelineVsHand
  peakResetWorks: boolean
}

const args = JSON.parse(process.argv[2] ?? '{}') as ProbeArgs
const began = performance.now()
/** Progress on stderr: the full run takes minutes. */
const step = (what: string) =>
  process.stderr.write(
    `  probe ${args.mode} ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s: ${what}\n`,
  )

await import('../../adapters/telegram/index.js')
await import('../../adapters/wechat/index.js')

const clock = new SimClock(new Date(args.now))
const session = `probe-${args.mode}-${process.pid}`
let bell: BenchBell = await startBench({ dbFile: args.dbFile, clock, background: true, session })
const startMs = performance.now()
const next = counter()

/** The chair asks in the committee's group; the time until the answer is printed, and the memory peak. */
async function ask(text: string): Promise<Asked> {
  const reset = memory.resetPeak()
  const reply = bell.next(demo.committee, undefined, 120_000)
  const c0 = cpuMs()
  const t0 = performance.now()
  await bell.say(demo.committee, demo.chair, text)
  const p = await reply
  const ms = p.at - t0
  const cpu = cpuMs() - c0
  if (/抱歉|出了点问题/.test(p.text)) throw new Error(`${text} failed: ${p.text}`)
  return { ms, cpuMs: cpu, peakMb: reset ? memory.peak() : NaN, reply: p.text.split('\n')[0]!.slice(0, 100) }
}

await sleep(1000)
const rssAfterStartMb = memory.rss()
// Idle after the bot's own work (a ring, its ping), before any figures are asked for …
await ringToPing(bell, 1, next)
await sleep(3000)
const rssIdleRingMb = memory.rss()
const result: ProbeResult = {
  mode: args.mode,
  startMs,
  rssAfterStartMb,
  rssIdleRingMb,
  firstMonth: await ask('统计 本月'),
  rssIdleMb: NaN,
  peakResetWorks: memory.resetPeak(),
}
// … and after the first 统计 本月 and another ring, as issue 15 measured it.
await ringToPing(bell, 1, next)
await sleep(3000)
result.rssIdleMb = memory.rss()

if (args.mode === 'full') {
  // Warm: right after another message, so the directory the app keeps is fresh and the figure is the
  // command's own.
  const asked: Record<string, Asked[]> = {}
  const warm = async (text: string, times: number) => {
    for (let i = 0; i < times; i++) {
      await ask('帮助')
      ;(asked[text] ??= []).push(await ask(text))
    }
  }
  step('统计 and 列表, warm')
  await warm('统计 本月', args.repeats + 2)
  await warm('统计 全部', args.repeats)
  await warm('列表', args.repeats + 2)
  await warm('列表 全部', args.repeats)
  result.asked = asked

  // Rings one at a time, each waiting for its ping; then rings after idle and after a directory change.
  step(`rings one at a time, ${args.repeats} × ${args.quiet}`)
  await ringToPing(bell, 10, next)
  const repeated = async (n: number, before?: () => Promise<void>): Promise<Rings> => {
    const r: Rings = { ms: [], cpu: [] }
    for (let rep = 0; rep < args.repeats; rep++) {
      const got = await ringToPing(bell, n, next, before)
      r.ms.push(got.ms)
      r.cpu.push(got.cpu)
    }
    return r
  }
  result.quiet = await repeated(args.quiet)
  step(`rings after ${args.idleMs} ms idle, ${args.idle}`)
  result.idle = await repeated(Math.ceil(args.idle / args.repeats), () => sleep(args.idleMs))
  // Who is who changed (a volunteer said 值班, which bumps the directory's version): the next ring
  // reads the directory again — 10k groups, 11k chats, 10k places, a thousand members.
  step(`rings after a directory change, ${args.idle}`)
  result.changed = await repeated(Math.ceil(args.idle / args.repeats), async () => {
    const told = bell.next(`@${demo.volunteer}`, undefined, 120_000)
    await bell.dm(demo.volunteer, '值班')
    await told
  })

  // The pipeline against the same writes by hand, on this database: the relay not in the background.
  step(`pipeline vs by hand, ${args.pairs} × (${args.rings} + ${args.handRings} rings)`)
  await bell.stop()
  bell = await startBench({ dbFile: args.dbFile, clock, background: false, session: `${session}-p` })
  result.pipeline = await pipelineVsHand({
    pipe: bell,
    handFile: args.dbFile,
    config: demoConfig(),
    repeats: args.pairs,
    rings: args.rings,
    handRings: args.handRings,
    next,
  })
}
await bell.stop()
writeFileSync(args.out, JSON.stringify(result))
