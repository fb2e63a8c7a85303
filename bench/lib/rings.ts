// Ring measurements shared by `npm run bench` and `npm run bench:scale`.
import { performance } from 'node:perf_hooks'
import { parseDuration } from '../../src/domain/duration.js'
import type { CommunityConfig } from '../../src/config/schema.js'
import { demo, RING_GAP_MS, ringLine, type BenchBell } from './bell.js'
import { RingByHand } from './by-hand.js'
import { census, type Census } from './census.js'
import { cpuMs, median, since, sleep } from './measure.js'

/** Ring numbers keep counting across phases, so every message is new to the bot. */
export const counter = (from = 0) => {
  let k = from
  return () => k++
}

export interface PipelineVsHand {
  /** wall ms per ring over a repeat's rings back to back: throughput, whatever the app does meanwhile */
  pipeline: number[]
  /** the median ring of each repeat: the hot path, without the occasional slow ring */
  pipelineMedian: number[]
  /** CPU ms per ring */
  pipelineCpu: number[]
  hand: number[]
  handCpu: number[]
  /** pipeline rings/s ÷ by-hand rings/s, paired by repeat */
  ratio: number[]
  /** the same in CPU time: steadier than wall time on a shared machine */
  ratioCpu: number[]
  /** SQL statements and promises per ring through the pipeline (relay sends not included) */
  census: Census
}

/**
 * The ring pipeline against the same ring's writes by hand, in alternating repeats on one machine state.
 * `pipe` must not run the relay in the background: its sends are not part of a ring and are drained
 * after each timed stretch. One sample per repeat.
 */
export async function pipelineVsHand(o: {
  pipe: BenchBell
  handFile: string
  config: CommunityConfig
  repeats: number
  rings: number
  handRings: number
  next: () => number
}): Promise<PipelineVsHand> {
  const hand = new RingByHand(o.handFile, {
    volunteersChat: demo.volunteers,
    mention: { userId: '钱阿姨', name: '钱阿姨' },
    escalation: o.config.escalation.map((r) => ({ afterMs: parseDuration(r.after), to: r.to })),
  })
  const session = `hand-${process.pid}-${Date.now().toString(36)}`
  let h = 0
  const handRing = () => {
    o.pipe.clock.advance(RING_GAP_MS)
    const i = h++
    const r = ringLine(i)
    const text = r.text.replace(/^按铃 /, '').replace(/(1\d{2})\d{4}(\d{4})/, '$1****$2')
    const no = hand.run({
      platform: 'console',
      chatId: r.chat,
      senderId: r.sender,
      messageId: `${session}-${i}`,
      text,
      category: '物业',
      place: `锦绣新村/${demo.residents[i % 2]!.building}幢/${(i % 6) + 1}单元`,
      contact: /1\d{10}/.exec(r.text)?.[0] ?? null,
      at: o.pipe.clock.now(),
    })
    if (!no) throw new Error('by hand: the message key was already there')
  }
  const cases = async () => (await o.pipe.rb.db.case.count()) as number
  const pipeRing = async () => {
    o.pipe.clock.advance(RING_GAP_MS)
    const r = ringLine(o.next())
    await o.pipe.say(r.chat, r.sender, r.text)
  }
  try {
    // Warm both up: compiled code paths, prepared statements, the app's caches.
    for (let i = 0; i < 20; i++) await pipeRing()
    await o.pipe.rb.drain()
    for (let i = 0; i < 200; i++) handRing()
    const r: PipelineVsHand = {
      pipeline: [],
      pipelineMedian: [],
      pipelineCpu: [],
      hand: [],
      handCpu: [],
      ratio: [],
      ratioCpu: [],
      census: { statements: NaN, promises: NaN },
    }
    for (let rep = 0; rep < o.repeats; rep++) {
      const each: number[] = []
      const before = await cases()
      let c0 = cpuMs()
      let t0 = performance.now()
      for (let i = 0; i < o.rings; i++) {
        const t = performance.now()
        await pipeRing()
        each.push(since(t))
      }
      r.pipeline.push(since(t0) / o.rings)
      r.pipelineCpu.push((cpuMs() - c0) / o.rings)
      r.pipelineMedian.push(median(each))
      // Honest figures: every ring opened a case (none was a repeat, none was held).
      const opened = (await cases()) - before
      if (opened !== o.rings) throw new Error(`${o.rings} rings opened ${opened} cases: some were not new problems`)
      await o.pipe.rb.drain()
      c0 = cpuMs()
      t0 = performance.now()
      for (let i = 0; i < o.handRings; i++) handRing()
      r.hand.push(since(t0) / o.handRings)
      r.handCpu.push((cpuMs() - c0) / o.handRings)
      r.ratio.push(r.hand.at(-1)! / r.pipeline.at(-1)!)
      r.ratioCpu.push(r.handCpu.at(-1)! / r.pipelineCpu.at(-1)!)
      // The by-hand rows are real rings on the same database: let the relay send them too, untimed.
      await o.pipe.rb.drain()
    }
    // Untimed: what a ring costs in round trips.
    r.census = await census(50, pipeRing)
    await o.pipe.rb.drain()
    return r
  } finally {
    hand.close()
  }
}

/**
 * A ring, then wait for its ping in the volunteers' group, then the next: the latency a resident sees
 * on an ordinary day, and the CPU the process spent meanwhile (background loops included). `before`
 * runs untimed before each ring (e.g. waiting for a cache to expire).
 */
export async function ringToPing(
  bell: BenchBell,
  n: number,
  next: () => number,
  before?: () => Promise<void>,
): Promise<{ ms: number[]; cpu: number[] }> {
  const out = { ms: [] as number[], cpu: [] as number[] }
  for (let i = 0; i < n; i++) {
    if (before) await before()
    bell.clock.advance(RING_GAP_MS)
    const r = ringLine(next())
    const ping = bell.next(demo.volunteers, /#\d+/)
    const c0 = cpuMs()
    const t0 = performance.now()
    await bell.say(r.chat, r.sender, r.text)
    out.ms.push((await ping).at - t0)
    out.cpu.push(cpuMs() - c0)
  }
  return out
}

/** `n` rings back to back; each one's ping latency, paired by case number (numbers follow ring order). */
export async function burst(bell: BenchBell, n: number, next: () => number): Promise<number[]> {
  bell.pings.clear()
  const starts: number[] = []
  for (let i = 0; i < n; i++) {
    bell.clock.advance(RING_GAP_MS)
    const r = ringLine(next())
    starts.push(performance.now())
    await bell.say(r.chat, r.sender, r.text)
  }
  const deadline = performance.now() + 120_000
  while (bell.pings.size < n) {
    if (performance.now() > deadline) throw new Error(`only ${bell.pings.size} of ${n} pings arrived`)
    await sleep(2)
  }
  const numbers = [...bell.pings.keys()].sort((a, b) => a - b)
  return numbers.slice(0, n).map((no, i) => bell.pings.get(no)! - starts[i]!)
}
