// wechaty-puppet-wechat4u listens to wechat4u with async handlers that can throw (a message without
// an id, a payload it cannot map: "neither roomId nor listenerId"). wechat4u's emit() does not look at
// the returned promise, so the rejection is unhandled and Node ends the process — taking the other
// adapters down with it. We wrap the handlers the puppet registers so a failure is logged instead.
// This reaches into the puppet's (private) initHookEvents; if a release renames it, the guard is
// skipped and says so, rather than breaking the puppet.
import type { Logger } from '../../src/log.js'

type Listener = (...args: unknown[]) => unknown
interface Emitter {
  on(event: string, listener: Listener): unknown
}

export function guardPuppetListeners(puppet: unknown, log: Logger): boolean {
  const p = puppet as { initHookEvents?: (w: Emitter) => unknown }
  const init = p.initHookEvents
  if (typeof init !== 'function') {
    log.warn('wechat: this puppet has no initHookEvents; its event handlers are not guarded')
    return false
  }
  const report = (event: string, err: unknown) =>
    log.warn({ err, event }, 'wechat: the puppet failed on a WeChat event; skipped')
  p.initHookEvents = function (this: unknown, w: Emitter) {
    const on = w.on
    w.on = function (this: unknown, event: string, listener: Listener) {
      return on.call(this, event, function (this: unknown, ...args: unknown[]) {
        try {
          const r = listener.apply(this, args)
          if (r instanceof Promise) r.catch((err: unknown) => report(event, err))
          return r
        } catch (err) {
          report(event, err)
          return undefined
        }
      })
    }
    try {
      return init.call(this, w)
    } finally {
      w.on = on
    }
  }
  return true
}
