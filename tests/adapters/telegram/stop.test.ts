// stop() is prompt and complete in both modes, whatever the network is doing: nothing needs a kill -9.
import { afterEach, describe, expect, it } from 'vitest'
import { createTelegramAdapter } from '../../../adapters/telegram/index.js'
import type { ChatAdapter } from '../../../src/chat/types.js'
import { HOST, fakeBotApi, freePort, until } from './emulator.js'

const apis: { close(): Promise<void> }[] = []
const adapters: ChatAdapter[] = []
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop()
  for (const s of apis.splice(0)) await s.close()
})
const fakeApi = async (route: Parameters<typeof fakeBotApi>[0], getMe = true) => {
  const api = await fakeBotApi(route, getMe)
  apis.push(api)
  return api
}

const timed = async (p: Promise<unknown>) => {
  const t = Date.now()
  await p
  return Date.now() - t
}

describe('stop() in long-polling mode', () => {
  it('returns at once while getUpdates keeps failing (the network is down), instead of after its retry wait', async () => {
    const api = await fakeApi((method, _b, req) => {
      if (method === 'getUpdates') req.socket.destroy()
    })
    const adapter = createTelegramAdapter({ token: '777:fake', apiRoot: api.url })
    adapters.push(adapter)
    await adapter.start(async () => {})
    await until('polling in trouble', () => api.calls.filter((c) => c === 'getUpdates').length >= 2)
    expect(await timed(adapter.stop())).toBeLessThan(500)
    const calls = api.calls.length
    await new Promise((r) => setTimeout(r, 1200))
    expect(api.calls.length, 'nothing polls after stop').toBe(calls)
  })

  it('cuts a long poll short', async () => {
    const api = await fakeApi((method, body, req, res) => {
      if (method !== 'getUpdates') return true
      if ((body.timeout as number) > 0) {
        req.on('close', () => res.destroy())
        return undefined
      }
      return []
    })
    const adapter = createTelegramAdapter({ token: '777:fake', apiRoot: api.url })
    adapters.push(adapter)
    await adapter.start(async () => {})
    await until('a long poll open', () => api.calls.includes('getUpdates'))
    expect(await timed(adapter.stop())).toBeLessThan(500)
  })

  it('a stop while the start is still waiting on the Bot API ends the start too', async () => {
    // getMe never answers.
    const api = await fakeApi(() => true, false)
    const adapter = createTelegramAdapter({ token: '777:fake', apiRoot: api.url })
    const starting = adapter.start(async () => {})
    const failed = starting.then(
      () => false,
      () => true,
    )
    await new Promise((r) => setTimeout(r, 100))
    expect(await timed(adapter.stop())).toBeLessThan(500)
    expect(await failed).toBe(true)
    expect(adapter.isReady()).toBe(false)
  })
})

describe('stop() in webhook mode', () => {
  it('finishes the update in hand, takes no new ones, and idle keep-alive connections do not hold it open', async () => {
    const api = await fakeApi(() => true)
    const port = await freePort()
    const path = '/tg/stop-test'
    const adapter = createTelegramAdapter({
      token: '777:fake',
      apiRoot: api.url,
      webhook: { domain: `http://${HOST}:${port}`, path, port, host: HOST },
    })
    adapters.push(adapter)
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const handled: string[] = []
    let slowInHand = false
    await adapter.start(async (m) => {
      const t = m.content[0]?.type === 'text' ? m.content[0].text : ''
      if (t === 'slow') {
        slowInHand = true
        await gate
      }
      handled.push(t)
    })
    const post = (text: string, id: number) =>
      fetch(`http://${HOST}:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          update_id: id,
          message: {
            message_id: id,
            date: 1,
            chat: { id: -100, type: 'supergroup', title: 'g' },
            from: { id: 5, is_bot: false, first_name: 'w' },
            text,
          },
        }),
      })
    // A keep-alive connection that has gone idle must not hold the stop open.
    expect((await post('quick', 1)).status).toBe(200)
    const slow = post('slow', 2)
    // Waiting for the handler itself: on a loaded machine the request may take a while to arrive.
    await until('the slow update in hand', () => slowInHand)
    let stopped = false
    const stopping = adapter.stop().then(() => (stopped = true))
    await new Promise((r) => setTimeout(r, 100))
    expect(stopped, 'waits for the update in hand').toBe(false)
    const t = Date.now()
    release()
    expect((await slow).status).toBe(200)
    await stopping
    // An idle keep-alive connection would hold a plain server.close() for Node's 5 s keep-alive timeout.
    expect(Date.now() - t).toBeLessThan(4000)
    expect(handled).toEqual(['quick', 'slow'])
    await expect(post('after', 3)).rejects.toThrow()
  })
})
