// Keeping the WeChat login across restarts. wechaty-puppet-wechat4u saves the web session in the
// memory card at login, but its stop() calls wechat4u.stop(), which logs the session out on WeChat's
// server (webwxlogout) and emits 'logout', on which the puppet deletes the saved session from the
// card (and then calls start() on the wechat4u it has just dropped: wechaty/puppet-wechat4u#77).
// So a plain Ctrl-C would cost a new scan every time. Before stopping we save the current session
// and take both of those away; wechat4u then only stops polling.
// This reaches into the puppet's private `wechat4u`; without it (another puppet, a renamed field) it
// does nothing.
import type { Logger } from '../../src/log.js'

/** The memory-card slot wechaty-puppet-wechat4u reads at start. */
export const WECHAT4U_SLOT = 'PUPPET-WECHAT4U'

interface Wechat4uLike {
  botData?: unknown
  PROP?: { uin?: unknown }
  logout?: () => Promise<unknown>
  removeAllListeners?: (event: string) => unknown
}
interface PuppetLike {
  wechat4u?: Wechat4uLike
  isLoggedIn?: boolean
  memory?: { set(k: string, v: unknown): Promise<void>; save(): Promise<void> }
}

export async function keepSessionOnStop(puppet: unknown, log: Logger): Promise<boolean> {
  const p = puppet as PuppetLike
  const w = p?.wechat4u
  if (!w || typeof w.logout !== 'function' || typeof w.removeAllListeners !== 'function') return false
  if (p.isLoggedIn && w.PROP?.uin && w.botData && p.memory) {
    try {
      await p.memory.set(WECHAT4U_SLOT, w.botData)
      await p.memory.save()
      log.info('wechat: session saved; the next start needs no scan unless WeChat ends it')
    } catch (err) {
      log.warn({ err }, 'wechat: could not save the session; the next start may need a new scan')
    }
  }
  w.logout = async () => 'kept' // no webwxlogout: the session stays valid for the next start
  w.removeAllListeners('logout') // the puppet's handler would wipe the saved session
  return true
}
