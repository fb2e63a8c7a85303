// Ring recognition on conversation (issue 10): how many ordinary group messages per second the bell reads
// and lets pass without answering — the grammar alone (parseCommand, what every message meets first) and
// through the app (the console adapter, app.handle, the message's path). Most of what a residents' group
// says is conversation, so this is the rate a busy street office's groups are read at. Each figure is
// measured BENCH_REPEATS times (default 5). Also: how many of the corpus's phrasings the grammar reads as
// the corpus says (tests/domain/phrasing.corpus.txt).
// npx tsx bench/phrasing.ts    (BENCH_CHATTER: messages per repeat through the app, default 20000)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { parseCommand } from '../src/domain/commands.js'
import { DEMO_START, SimClock } from '../src/domain/clock.js'
import { startBench, demo } from './lib/bell.js'
import { cpuMs, envInt, rowsTable, type Row } from './lib/measure.js'

const REPEATS = envInt('BENCH_REPEATS', 5)
const THROUGH_APP = envInt('BENCH_CHATTER', 20_000)
const PURE = 200_000

/** What a residents' group says all day: greetings, news, questions, talk about the bell — no ring. */
export const chatter = [
  '大家早上好',
  '今天天气不错，出去走走',
  '谁家的快递放错了？在2单元门口',
  '收到，谢谢',
  '好的好的',
  '👍👍👍',
  '明天上午9点停水，大家提前接点水',
  '楼下的桂花开了，好香',
  '有没有人一起去菜场',
  '我昨天按铃了，还没人来',
  '按铃这个功能挺好用的',
  '协商铃真好用',
  '按铃之后多久有人来',
  '物业的电话是多少？',
  '小区门口新开了一家超市，东西挺便宜的',
  '哈哈哈哈哈',
  '晚上广场舞几点开始',
  '同意',
  '接到通知了',
  '满意度调查填了吗',
  '@王阿姨 您家孙子放学了吗',
  '疫苗接种点在社区服务中心二楼，带好身份证和医保卡，上午八点半到十一点半，下午一点半到四点半',
  '老年大学报名开始了，书法班和合唱班还有名额，想报名的在群里接龙',
  '谢谢钱阿姨上次帮忙，灯亮了以后晚上回家方便多了',
]

/** The phrasing corpus: how many lines the grammar reads as the corpus says (the test asserts all). */
function corpusScore(): { read: number; of: number } {
  const lines = readFileSync(new URL('../tests/domain/phrasing.corpus.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
  let read = 0
  for (const l of lines) {
    const [want, where, ...rest] = l.split(' | ')
    const text = rest.join(' | ')
    const r = parseCommand({
      text,
      addressed: where === '@bot',
      quoting: where === 'quote',
      direct: where === 'dm',
    })
    // The bench counts the two directions that matter most: chat stays chat, a ring is a ring.
    const got = r === undefined ? 'chat' : 'name' in r ? r.name : 'error'
    const w = want!.trim()
    if (
      (w === 'chat' && got === 'chat') ||
      (w.startsWith('ring') && got === 'ring') ||
      (!/^(?:chat|ring)/.test(w) && got !== 'chat')
    )
      read++
  }
  return { read, of: lines.length }
}

export async function run(): Promise<Row[]> {
  const pure: number[] = []
  const pureCpu: number[] = []
  for (let rep = 0; rep < REPEATS; rep++) {
    const c0 = cpuMs()
    const t0 = performance.now()
    for (let i = 0; i < PURE; i++)
      parseCommand({ text: chatter[i % chatter.length]!, addressed: false, quoting: false })
    const ms = performance.now() - t0
    pure.push(PURE / (ms / 1000))
    pureCpu.push(PURE / ((cpuMs() - c0) / 1000))
  }

  const misread = chatter.filter((text) => parseCommand({ text, addressed: false, quoting: false }) !== undefined)
  const dir = mkdtempSync(join(tmpdir(), 'ringbell-bench-phrasing-'))
  const app: number[] = []
  const appCpu: number[] = []
  let made: number
  try {
    const bell = await startBench({
      dbFile: join(dir, 'chatter.db'),
      clock: new SimClock(DEMO_START),
      background: false,
      session: 'c',
    })
    const groups = demo.residents.map((r) => r.chat)
    // Warm-up: the directory and the aliases are read on the first messages.
    for (let i = 0; i < 200; i++) await bell.say(groups[i % 2]!, demo.reporters[i % 3]!, chatter[i % chatter.length]!)
    for (let rep = 0; rep < REPEATS; rep++) {
      const c0 = cpuMs()
      const t0 = performance.now()
      for (let i = 0; i < THROUGH_APP; i++)
        await bell.say(groups[i % 2]!, demo.reporters[i % 3]!, chatter[(i * 7) % chatter.length]!)
      const ms = performance.now() - t0
      app.push(THROUGH_APP / (ms / 1000))
      appCpu.push(THROUGH_APP / ((cpuMs() - c0) / 1000))
    }
    made = (await bell.rb.db.case.count()) + (await bell.rb.db.outbox.count())
    await bell.stop()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const score = corpusScore()
  return [
    {
      figure: 'conversation read and let pass: the grammar (parseCommand)',
      unit: 'msg/s',
      samples: pure,
      each: `${PURE} msgs`,
    },
    { figure: '… per CPU second', unit: 'msg/s', samples: pureCpu, each: `${PURE} msgs` },
    {
      figure: 'conversation read and let pass: through the app (console adapter → app.handle)',
      unit: 'msg/s',
      samples: app,
      each: `${THROUGH_APP} msgs`,
    },
    { figure: '… per CPU second', unit: 'msg/s', samples: appCpu, each: `${THROUGH_APP} msgs` },
    {
      figure: `kinds of conversation read as a command (of ${chatter.length}): ${misread.join(' / ') || 'none'}`,
      unit: 'kinds',
      samples: [misread.length],
    },
    {
      figure: `cases + bot messages the app made of ${THROUGH_APP * REPEATS + 200} conversation messages`,
      unit: 'rows',
      samples: [made],
    },
    {
      figure: `phrasing corpus lines read in the right direction (of ${score.of})`,
      unit: 'lines',
      samples: [score.read],
    },
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) console.log(rowsTable(await run()))
