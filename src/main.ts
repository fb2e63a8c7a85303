// `npm start`: reads the community file and the environment, starts every configured platform, and with
// none configured runs the console demo. The one file allowed to know every adapter.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { ConsoleAdapter } from '../adapters/console/index.js'
import { ConsoleSession } from '../adapters/console/session.js'
import { configuredPlatforms, peopleByName, platformNames } from '../adapters/platforms.js'
import { ConfigError, loadConfig } from './config/load.js'
import { DEMO_START, SimClock, systemClock } from './domain/clock.js'
import { createLogger } from './log.js'
import { startRingbell } from './ringbell.js'

const { values } = parseArgs({
  options: {
    script: { type: 'string' },
    db: { type: 'string' },
    config: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    'sim-clock': { type: 'boolean', default: false },
    'real-clock': { type: 'boolean', default: false },
    console: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log(`ringbell — 小区协商铃
  npm start                         console demo (SQLite, no account)
  npm start -- --script FILE        run a transcript non-interactively (stdin that is not a terminal works too)
  options: --db FILE  --config FILE  --fresh (start from an empty demo)  --console
           --sim-clock (Monday 09:00 Shanghai; :advance 16m moves it) — the default for the console demo; --real-clock to turn it off
  env: TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_WEBHOOK_*, WECHAT=on, WECHATY_PUPPET, RINGBELL_CONFIG, RINGBELL_DB, LOG_LEVEL`)
  process.exit(0)
}

const makers = configuredPlatforms(process.env)
const configured = makers.length > 0
const withConsole = values.console || !configured || values.script !== undefined
// Only the console reads a script; a bot under systemd or docker has no terminal and is not one.
const scripted = withConsole && (values.script !== undefined || !process.stdin.isTTY)
// A script's output is the transcript; the demo console keeps quiet; a real deployment logs what it does.
const log = createLogger(process.env.LOG_LEVEL ?? (scripted ? 'error' : configured ? 'info' : 'warn'))
const configFile = values.config ?? process.env.RINGBELL_CONFIG ?? 'config/demo.yaml'
const dbFile = values.db ?? process.env.RINGBELL_DB ?? 'data/ringbell.db'

let config
try {
  config = loadConfig(configFile, platformNames)
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e)
  process.exit(2)
}
if (values.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true })

// The demo runs on a simulated Monday 09:00 in Shanghai, so whoever tries it, wherever and whenever,
// finds the volunteers on duty and can `:advance` to watch the ladder climb.
const simulated = values['sim-clock'] || (!configured && !values['real-clock'])
const clock = simulated ? new SimClock(DEMO_START) : systemClock
const out = (line: string) => process.stdout.write(`${line}\n`)
const consoleAdapter = withConsole ? new ConsoleAdapter({ write: out, now: () => clock.now() }) : undefined

const adapters = [
  ...(consoleAdapter ? [consoleAdapter] : []),
  ...(values.script !== undefined ? [] : makers.map((make) => make(log))),
]
const rb = await startRingbell({
  dbFile,
  config,
  peopleByName,
  log,
  clock,
  adapters,
  // A script drives the relay and the timers itself, line by line, so its output is in order.
  background: !scripted,
})
log.info(
  { platforms: adapters.map((a) => a.platform), clock: simulated ? 'simulated' : 'real', db: dbFile },
  'ringbell started',
)

let stopping = false
async function shutdown(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true
    await rb.stop()
  }
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
// A stray rejection in a platform library must not take the other platforms down: log it and go on.
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'))
// After an uncaught exception the process state is unknown: log, stop cleanly, and exit non-zero so a
// supervisor (systemd, pm2, docker) restarts it. Everything that matters is in the database.
process.on('uncaughtException', (err) => {
  log.fatal({ err }, 'uncaught exception; stopping')
  void shutdown(1)
})

if (consoleAdapter) {
  const session = new ConsoleSession(rb, consoleAdapter, clock instanceof SimClock ? clock : undefined, out)
  if (scripted) {
    const text = values.script !== undefined ? readFileSync(values.script, 'utf8') : readFileSync(0, 'utf8')
    await session.lines(text)
    await rb.drain()
    await shutdown(0)
  } else {
    out(
      `🔔 协商铃 命令行演示 / console demo — ${config.community}${simulated ? '（模拟时钟 周一 09:00 / simulated clock, Monday 09:00）' : ''}`,
    )
    out('每行一条消息 / one message per line:')
    out('   9幢业主群|王阿姨: 按铃 楼道灯坏了 13812345678        群里说话 / in a group')
    out('   好大姐志愿者群|钱阿姨 ^2: 接                         回复第 2 条 / reply to line [2]')
    out('   @王阿姨: 帮助                                       私聊机器人 / direct message')
    if (simulated) out('   :advance 16m                                       拨快时钟 / move the clock')
    out(
      `群 groups: ${config.groups.map((g) => g.name).join('、')}；人 people: ${config.people.map((p) => p.name).join('、')}。Ctrl-D 退出 / quits.`,
    )
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' })
    rl.prompt()
    // One line at a time: the next waits for the previous one's replies.
    let queue = Promise.resolve()
    rl.on('line', (l) => {
      queue = queue
        .then(() => session.line(l))
        .catch((e: unknown) => log.error({ err: e }))
        .then(() => rl.prompt())
    })
    rl.on('close', () => {
      void queue.then(() => rb.drain()).then(() => shutdown(0))
    })
  }
} else if (!existsSync(dbFile)) {
  log.warn('database not found after start')
}
