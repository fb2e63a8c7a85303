// The production puppet: the module loads and a bot can be built with it. No start(): that would
// fetch a login QR code from WeChat, and CI has no network.
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WechatyBuilder } from 'wechaty'
import { PuppetWechat4u } from 'wechaty-puppet-wechat4u'
import { silentLogger } from '../../../src/log.js'
import { createWechatAdapter, wechatFromEnv } from '../../../adapters/wechat/index.js'
import { guardPuppetListeners } from '../../../adapters/wechat/guard.js'
import { keepSessionOnStop, WECHAT4U_SLOT } from '../../../adapters/wechat/session.js'
import { tempDir } from '../../helpers/index.js'
import { qrLink, showQr } from '../../../adapters/wechat/qr.js'
import { MockWorld, waitFor } from './mock-world.js'

let adapter: ReturnType<typeof createWechatAdapter> | undefined
afterEach(async () => {
  await adapter?.stop()
  adapter = undefined
})

describe('wechaty-puppet-wechat4u', () => {
  it('loads, and a bot is built with it and takes it as its puppet (offline)', async () => {
    const dir = tempDir()
    const puppet = new PuppetWechat4u()
    const bot = WechatyBuilder.build({ name: join(dir, 'ringbell'), puppet })
    await bot.init() // memory card + puppet wiring; start() would go to the network
    expect(bot.puppet).toBe(puppet)
    expect(puppet.name()).toMatch(/wechat4u/i)
    expect(bot.isLoggedIn).toBe(false)
  })
})

describe('wechatFromEnv', () => {
  it('is off unless WECHAT=on (or 1, true, yes), and then a not-yet-ready WeChat adapter with the documented capabilities', () => {
    expect(wechatFromEnv({})).toBeUndefined()
    expect(wechatFromEnv({ WECHAT: 'off' })).toBeUndefined()
    expect(wechatFromEnv({ WECHAT: '0' })).toBeUndefined()
    for (const on of ['on', '1', 'true', 'yes', ' ON ']) expect(wechatFromEnv({ WECHAT: on }), on).toBeDefined()
    const a = wechatFromEnv({ WECHAT: 'on', WECHAT_NAME: 'jinxiu' })?.(silentLogger())
    expect(a?.platform).toBe('wechat')
    expect(a?.self.name).toBe('jinxiu')
    expect(a?.isReady()).toBe(false)
    expect(a?.capabilities).toEqual({
      quoteReply: false,
      mentionById: false,
      maxTextLength: 2000,
      replaysMissed: false,
      files: true,
      privateChatOpens: 'friend',
    })
    expect(a?.pacing).toEqual({ perChatMs: 1000, perAccountMs: 1000, jitterMs: 500 })
  })
})

describe('login QR code', () => {
  it('is drawn in the terminal, given as a link, and written as a PNG', async () => {
    const dir = tempDir()
    const file = join(dir, 'sub', 'qr.png')
    let drawn = ''
    const value = 'https://login.weixin.qq.com/l/Abc_123=='
    await showQr(value, {
      log: silentLogger(),
      file,
      write: (t) => {
        drawn += t
      },
    })
    expect(drawn).toContain('扫码登录')
    expect(drawn).toContain(qrLink(value))
    expect(drawn.split('\n').length).toBeGreaterThan(15) // the drawing itself
    expect(qrLink(value)).toBe(`https://wechaty.js.org/qrcode/${encodeURIComponent(value)}`)
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG')
  })

  it('is shown when the puppet asks for a scan', async () => {
    const world = new MockWorld({ bot: 'ringbell', rooms: { 议事荟: ['徐书记'] } })
    let drawn = ''
    adapter = createWechatAdapter({
      puppet: world.puppet,
      name: null,
      log: silentLogger(),
      terminal: (t) => {
        drawn += t
      },
    })
    await adapter.start(async () => undefined)
    world.mocker.scan('https://login.weixin.qq.com/l/xyz', 2)
    await waitFor(() => drawn.includes(qrLink('https://login.weixin.qq.com/l/xyz')), 'QR drawing')
    world.login()
    await waitFor(() => adapter!.isReady(), 'login')
  })
})

describe('memory card', () => {
  it('keeps what the puppet saves at login in <name>.memory-card.json, and hands it back after a restart', async () => {
    const dir = tempDir()
    const name = join(dir, 'ringbell')
    const first = new MockWorld({ bot: 'ringbell', rooms: { 议事荟: ['徐书记'] } })
    adapter = createWechatAdapter({ puppet: first.puppet, name, log: silentLogger() })
    await adapter.start(async () => undefined)
    // What wechaty-puppet-wechat4u does after a login: the web session goes into its memory slot.
    await first.puppet.memory.set('PUPPET-WECHAT4U', { uin: 42, cookie: 'session' })
    await first.puppet.memory.save()
    await adapter.stop()
    expect(existsSync(`${name}.memory-card.json`)).toBe(true)

    const second = new MockWorld({ bot: 'ringbell', rooms: { 议事荟: ['徐书记'] } })
    adapter = createWechatAdapter({ puppet: second.puppet, name, log: silentLogger() })
    await adapter.start(async () => undefined)
    expect(await second.puppet.memory.get('PUPPET-WECHAT4U')).toEqual({ uin: 42, cookie: 'session' })
  })
})

describe('guarding the wechat4u puppet', () => {
  it('turns a throwing puppet handler into a log line instead of an unhandled rejection that ends the process', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (r: unknown) => {
      unhandled.push(r)
    }
    process.on('unhandledRejection', onUnhandled)
    try {
      const lines: string[] = []
      const log = pino(
        { level: 'warn' },
        {
          write: (l: string) => {
            lines.push(l)
          },
        },
      )
      const puppet = new PuppetWechat4u()
      expect(guardPuppetListeners(puppet, log)).toBe(true)
      // What onStart does, minus the network: hook the puppet's handlers to a wechat4u stand-in.
      const fakeWechat4u = new EventEmitter()
      const p = puppet as unknown as { wechat4u: EventEmitter; initHookEvents(w: EventEmitter): void }
      p.wechat4u = fakeWechat4u
      p.initHookEvents(fakeWechat4u)
      fakeWechat4u.emit('message', {}) // no MsgId: the puppet's async handler throws 'no id'
      await new Promise((r) => setTimeout(r, 50))
      expect(unhandled).toEqual([])
      expect(lines.join('\n')).toContain('the puppet failed on a WeChat event')
      expect(lines.join('\n')).toContain('no id')
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

describe('keeping the login across a restart', () => {
  /** The puppet wired as onStart would, with a wechat4u stand-in that behaves like wechat4u.stop(). */
  async function loggedInPuppet(name: string) {
    const puppet = new PuppetWechat4u()
    const bot = WechatyBuilder.build({ name, puppet })
    bot.on('error', () => undefined) // the stand-in has no contacts for wechaty to load
    await bot.init()
    const serverLogouts: string[] = []
    class Wechat4uStandIn extends EventEmitter {
      PROP = { uin: 42, skey: '@crypt_fresh' }
      get botData() {
        return { PROP: this.PROP, COOKIE: { wxsid: 'abc' } }
      }
      logout = async () => {
        serverLogouts.push('webwxlogout')
        return '登出成功'
      }
      start() {
        /* the puppet restarts wechat4u after a logout */
      }
      /** wechat4u's own stop(): log out on the server, then tell the listeners. */
      stop() {
        void this.logout()
        this.emit('logout')
      }
    }
    const w = new Wechat4uStandIn()
    const p = puppet as unknown as { wechat4u: typeof w; initHookEvents(x: EventEmitter): void }
    p.wechat4u = w
    p.initHookEvents(w)
    puppet.login('wxid_ringbell')
    await puppet.memory.set(WECHAT4U_SLOT, { PROP: { uin: 42, skey: '@crypt_at_login' } }) // what the puppet saved at login
    await puppet.memory.save()
    return { puppet, w, serverLogouts }
  }
  const savedSession = (name: string) => {
    const card = JSON.parse(readFileSync(`${name}.memory-card.json`, 'utf8')) as Record<string, unknown>
    return Object.entries(card).find(([k]) => k.endsWith(WECHAT4U_SLOT))?.[1] as
      { PROP?: { skey?: string } } | undefined
  }

  it('without help, wechat4u’s stop logs out on the server and the puppet wipes the saved session', async () => {
    const name = join(tempDir(), 'ringbell')
    const { w, serverLogouts } = await loggedInPuppet(name)
    w.stop()
    // wechat4u's logout chain is asynchronous: wait for its outcome rather than for a fixed time.
    await vi.waitFor(() => expect(savedSession(name)).toBeUndefined(), { timeout: 5000 })
    expect(serverLogouts).toEqual(['webwxlogout'])
  })

  it('keepSessionOnStop saves the current session and stops without logging out', async () => {
    const name = join(tempDir(), 'ringbell')
    const { puppet, w, serverLogouts } = await loggedInPuppet(name)
    expect(await keepSessionOnStop(puppet, silentLogger())).toBe(true)
    w.stop()
    await new Promise((r) => setTimeout(r, 50))
    expect(serverLogouts).toEqual([])
    expect(savedSession(name)?.PROP?.skey).toBe('@crypt_fresh')
  })

  it('does nothing for a puppet without wechat4u', async () => {
    expect(await keepSessionOnStop(new MockWorld({ bot: 'b', rooms: {} }).puppet, silentLogger())).toBe(false)
  })
})
