// One ringbell process on the synthesized street-office database, as production runs it: every adapter
// module loaded (src/main.ts imports them all), only the console adapter started, so nothing reaches the
// network. Started by bench/scale/index.ts in a fresh process, so its memory is its own.
//   cold: start, memory after start, the first `统计 本月`, one ring, memory when idle again
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
  expired: number
  rings: number
  handRings: number
  /** how long the app keeps its directory (src/app: ~2 s); the expired-cache ring waits past it */
  cacheMs: number
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
  rssAfterStartMb: number
  firstMonth: Asked
  rssIdleMb: number
  asked?: Record<string, Asked[]>
  expired?: Rings
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
const result: ProbeResult = {
  mode: args.mode,
  rssAfterStartMb: memory.rss(),
  firstMonth: await ask('统计 本月'),
  rssIdleMb: NaN,
  peakResetWorks: memory.resetPeak(),
}
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

  // Rings one at a time, each waiting for its ping; then rings each after the directory has expired.
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
  step(`rings after the directory expired, ${args.expired}`)
  result.expired = await repeated(Math.ceil(args.expired / args.repeats), () => sleep(args.cacheMs))

  // The pipeline against the same writes by hand, on this database: the relay not in the background.
  step(`pipeline vs by hand, ${args.repeats} × (${args.rings} + ${args.handRings} rings)`)
  await bell.stop()
  bell = await startBench({ dbFile: args.dbFile, clock, background: false, session: `${session}-p` })
  result.pipeline = await pipelineVsHand({
    pipe: bell,
    handFile: args.dbFile,
    config: demoConfig(),
    repeats: args.repeats,
    rings: args.rings,
    handRings: args.handRings,
    next,
  })
}
await bell.stop()
writeFileSync(args.out, JSON.stringify(result))
