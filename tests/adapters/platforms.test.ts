// The one list of platforms (adapters/platforms.ts) decides what `npm start` runs: a platform turned on
// in the environment runs alone, on the real clock, with no console attached.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configuredPlatforms, platformNames } from '../../adapters/platforms.js'
import { tempDir } from '../helpers/index.js'

const root = join(import.meta.dirname, '../..')

describe('the list of platforms', () => {
  it('knows the console, Telegram and WeChat, and turns on only what the environment names', () => {
    expect(platformNames).toEqual(['console', 'telegram', 'wechat'])
    expect(configuredPlatforms({})).toHaveLength(0)
    expect(configuredPlatforms({ TELEGRAM_BOT_TOKEN: '1:x' })).toHaveLength(1)
    for (const on of ['on', '1', 'true', 'yes']) expect(configuredPlatforms({ WECHAT: on }), on).toHaveLength(1)
    expect(configuredPlatforms({ WECHAT: 'off', TELEGRAM_BOT_TOKEN: '' })).toHaveLength(0)
    expect(configuredPlatforms({ WECHAT: '1', TELEGRAM_BOT_TOKEN: '1:x' })).toHaveLength(2)
  })

  it('WECHAT=1 with WECHATY_PUPPET=wechaty-puppet-mock starts WeChat only, on the real clock, without the console', async () => {
    const dir = tempDir()
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'src/main.ts')], {
      cwd: dir,
      env: {
        ...process.env,
        WECHAT: '1',
        WECHATY_PUPPET: 'wechaty-puppet-mock',
        WECHAT_QR_FILE: join(dir, 'qr.png'),
        RINGBELL_CONFIG: join(root, 'config/demo.yaml'),
        RINGBELL_DB: join(dir, 'ringbell.db'),
        LOG_LEVEL: 'info',
        TELEGRAM_BOT_TOKEN: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    const started = new Promise<void>((resolve) =>
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString()
        if (stderr.includes('waiting for login') && stderr.includes('ringbell started')) resolve()
      }),
    )
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await Promise.race([started, exited])
    // A line typed at it is not a console message: there is no console.
    child.stdin.write('9幢业主群|王阿姨: 按铃 楼道灯坏了\n')
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    const startedLine = stderr.split('\n').find((l) => l.includes('ringbell started'))
    expect(JSON.parse(startedLine!)).toMatchObject({ platforms: ['wechat'], clock: 'real' })
    expect(stderr).toContain('PuppetMock')
    expect(stdout).not.toContain('console demo')
    expect(stdout).not.toContain('ringbell:')
  }, 60_000)
})
