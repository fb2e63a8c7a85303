// `npm start`: reads the community file and the environment, starts every configured platform, and with
// none configured runs the console demo. The one file allowed to know every adapter.
//
// A stop (Ctrl-C, SIGTERM from a supervisor or a process group, SIGHUP when the terminal goes) is handled
// from the first line: whatever step is under way — reading the config, migrating the database, starting
// a platform, handling a console line — ends, nothing more starts, what started is stopped, the output is
// flushed, and the process exits 0. So this file imports only Node's own modules before the handlers
// exist; everything else is loaded afterwards.
import { createReadStream, existsSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import type { ChatAdapter } from './chat/types.js'
import type { Logger } from './log.js'
import type { Ringbell } from './ringbell.js'

const stopping = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0, signal))
// A stray rejection in a platform library must not take the other platforms down: log it and go on.
process.on('unhandledRejection', (err) => log?.error({ err }, 'unhandled rejection'))
// After an uncaught exception the process state is unknown: log, stop cleanly, and exit non-zero so a
// supervisor (systemd, pm2, docker) restarts it. Everything that matters is in the database.
process.on('uncaughtException', (err) => {
  if (log) log.fatal({ err }, 'uncaught exception; stopping')
  else console.error(err)
  void shutdown(1)
})

let log: Logger | undefined
/** the start under way, then the running bell */
let bell: Promise<Ringbell | undefined> = Promise.resolve(undefined)
/** the console line (or the final drain) under way: a stop lets it finish */
let work: Promise<unknown> = Promise.resolve()
let exiting = false
// Inside docker's 10 s between SIGTERM and SIGKILL: a stop that hangs still ends, said in the log.
const STOP_DEADLINE_MS = 8_000

async function shutdown(code: number, signal?: string): Promise<void> {
  if (exiting) return
  exiting = true
  stopping.abort()
  if (signal) log?.info({ signal }, 'stopping')
  setTimeout(() => {
    log?.error('stop took too long; exiting')
    process.exit(1)
  }, STOP_DEADLINE_MS)
  const rb = await bell.catch(() => undefined)
  await work.catch(() => undefined)
  await rb?.stop().catch((err: unknown) => log?.error({ err }, 'stop failed'))
  await flushed(process.stdout)
  log?.info({ code }, 'stopped')
  process.exit(code)
}

/** Resolves once everything written so far is out of the process (a pipe may hold a slow reader's share). */
const flushed = (s: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => (s.writableLength && !s.destroyed ? s.write('', () => resolve()) : resolve()))

/** One line to stdout; resolves when the line is handed to the terminal or pipe, rejects if it cannot be. */
const out = (line: string) =>
  new Promise<void>((resolve, reject) => process.stdout.write(`${line}\n`, (err) => (err ? reject(err) : resolve())))
// Whoever reads our output went away (`| head`): nothing more can be shown; stop as if asked to.
process.stdout.on('error', (err: NodeJS.ErrnoException) => void shutdown(err.code === 'EPIPE' ? 0 : 1))

async function main(): Promise<void> {
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
    await out(`ringbell — 小区协商铃
  npm start                         console demo (SQLite, no account)
  npm start -- --script FILE        run a transcript non-interactively (stdin that is not a terminal works too)
  options: --db FILE  --config FILE  --fresh (start from an empty demo)  --console
           --sim-clock (Monday 09:00 Shanghai; :advance 16m moves it) — the default for the console demo; --real-clock to turn it off
  env: TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_WEBHOOK_*, WECHAT=on, WECHATY_PUPPET, RINGBELL_CONFIG, RINGBELL_DB, LOG_LEVEL`)
    return void shutdown(0)
  }

  // The one list of platforms; each platform's library itself is loaded only when it is turned on.
  const { configuredPlatforms, peopleByName, platformNames } = await import('../adapters/platforms.js')
  const makers = configuredPlatforms(process.env)
  const configured = makers.length > 0
  const withConsole = values.console || !configured || values.script !== undefined
  // Only the console reads a script; a bot under systemd or docker has no terminal and is not one.
  const scripted = withConsole && (values.script !== undefined || !process.stdin.isTTY)
  const configFile = values.config ?? process.env.RINGBELL_CONFIG ?? 'config/demo.yaml'
  const dbFile = values.db ?? process.env.RINGBELL_DB ?? 'data/ringbell.db'

  // Each step below ends before a stop is looked at; `stopped()` is where the start gives way.
  const stopped = () => stopping.signal.aborted
  const { createLogger } = await import('./log.js')
  // A script's output is the transcript; the demo console keeps quiet; a real deployment logs what it does.
  const logger = createLogger(process.env.LOG_LEVEL ?? (scripted ? 'error' : configured ? 'info' : 'warn'))
  log = logger
  logger.debug('starting')

  const { ConfigError, loadConfig } = await import('./config/load.js')
  let config
  try {
    config = loadConfig(configFile, platformNames)
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : e)
    return void shutdown(2)
  }
  if (stopped()) return
  if (values.fresh) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true })

  const { DEMO_START, SimClock, systemClock } = await import('./domain/clock.js')
  const { ConsoleAdapter } = await import('../adapters/console/index.js')
  const { startRingbell } = await import('./ringbell.js')
  // The demo runs on a simulated Monday 09:00 in Shanghai, so whoever tries it, wherever and whenever,
  // finds the volunteers on duty and can `:advance` to watch the ladder climb.
  const simulated = values['sim-clock'] || (!configured && !values['real-clock'])
  const clock = simulated ? new SimClock(DEMO_START) : systemClock
  // Files the bot sends (导出, 统计 图) are written beside the database, and their path printed.
  const consoleAdapter = withConsole
    ? new ConsoleAdapter({ write: out, now: () => clock.now(), filesDir: join(dirname(dbFile), 'files') })
    : undefined

  const adapters: ChatAdapter[] = [
    ...(consoleAdapter ? [consoleAdapter] : []),
    ...(values.script !== undefined ? [] : await Promise.all(makers.map((p) => p.load(process.env, logger)))),
  ]
  if (stopped()) return

  bell = startRingbell({
    dbFile,
    config,
    peopleByName,
    log: logger,
    clock,
    adapters,
    // A script drives the relay and the timers itself, line by line, so its output is in order.
    background: !scripted,
    signal: stopping.signal,
  })
  let rb: Ringbell
  try {
    rb = (await bell)!
  } catch (err) {
    if (stopped()) return
    // A database that cannot be migrated says what to do (in Chinese and English); nothing was changed.
    if (err instanceof Error && err.name === 'MigrationError') console.error(err.message)
    else logger.fatal({ err }, 'start failed')
    return void shutdown(1)
  }
  logger.info(
    { platforms: adapters.map((a) => a.platform), clock: simulated ? 'simulated' : 'real', db: dbFile },
    'ringbell started',
  )

  if (consoleAdapter) {
    const { ConsoleSession } = await import('../adapters/console/session.js')
    const session = new ConsoleSession(rb, consoleAdapter, clock instanceof SimClock ? clock : undefined, (l) => {
      out(l).catch(() => undefined)
    })
    if (scripted) {
      // Line by line from a stream of any size and pace; each line's replies are out before the next is read.
      const { readLines } = await import('../adapters/console/lines.js')
      const input = values.script !== undefined ? createReadStream(values.script) : process.stdin
      for await (const line of readLines(input)) {
        if (stopped()) break
        work = session.line(line)
        await work
      }
      if (!stopped()) {
        work = rb.drain()
        await work
        await shutdown(0)
      }
    } else {
      await out(
        `🔔 协商铃 命令行演示 / console demo — ${config.community}${simulated ? '（模拟时钟 周一 09:00 / simulated clock, Monday 09:00）' : ''}`,
      )
      await out('每行一条消息 / one message per line:')
      await out('   9幢业主群|王阿姨: 按铃 楼道灯坏了 13812345678        群里说话 / in a group')
      await out('   好大姐志愿者群|钱阿姨 ^2: 接                         回复第 2 条 / reply to line [2]')
      await out('   @王阿姨: 帮助                                       私聊机器人 / direct message')
      if (simulated) await out('   :advance 16m                                       拨快时钟 / move the clock')
      await out(
        `群 groups: ${config.groups.map((g) => g.name).join('、')}；人 people: ${config.people.map((p) => p.name).join('、')}。Ctrl-D 退出 / quits.`,
      )
      const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' })
      rl.prompt()
      // One line at a time: the next waits for the previous one's replies.
      rl.on('line', (l) => {
        if (stopped()) return
        work = work
          .then(() => session.line(l))
          .catch((err: unknown) => logger.error({ err }))
          .then(() => rl.prompt())
      })
      // In a terminal readline takes Ctrl-C as a key, not as a signal.
      rl.on('SIGINT', () => void shutdown(0, 'SIGINT'))
      rl.on('close', () => {
        if (stopped()) return
        work = work.then(() => rb.drain())
        void shutdown(0)
      })
    }
  } else if (!existsSync(dbFile)) {
    logger.warn('database not found after start')
  }
}

main().catch((err: unknown) => {
  if (log) log.fatal({ err }, 'failed; stopping')
  else console.error(err)
  void shutdown(1)
})
