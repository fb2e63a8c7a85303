// The one list of platforms. Adding one is a folder under adapters/ and a line here: `npm start` turns
// it on from the environment, and the community file may give groups and people ids on it. Asking
// whether a platform is on loads nothing of its library; only a platform that is on is loaded.
import type { ChatAdapter } from '../src/chat/types.js'
import type { Logger } from '../src/log.js'
import { telegramOptionsFromEnv } from './telegram/env.js'
import { wechatEnabled } from './wechat/env.js'

interface PlatformEntry {
  /** whether the environment turns this platform on */
  on(env: NodeJS.ProcessEnv): boolean
  /** the adapter, its library loaded now */
  load(env: NodeJS.ProcessEnv, log: Logger): Promise<ChatAdapter>
  /**
   * People are known by display name, which anyone can take (web WeChat): an id from the community
   * file is only a resident's hint there, and more rights need a one-time code (绑定码).
   */
  peopleByName?: true
}

const made = (maker: ((log: Logger) => ChatAdapter) | undefined, log: Logger, name: string): ChatAdapter => {
  if (!maker) throw new Error(`${name} is not turned on`)
  return maker(log)
}

export const platforms = {
  // The chat simulator: started by `npm start` when nothing else is configured, or with --console.
  console: {
    on: () => false,
    load: () => Promise.reject(new Error('the console is made by main.ts')),
  },
  telegram: {
    on: (env) => telegramOptionsFromEnv(env) !== undefined,
    load: async (env, log) => made((await import('./telegram/index.js')).telegramFromEnv(env), log, 'telegram'),
  },
  wechat: {
    on: wechatEnabled,
    load: async (env, log) => made((await import('./wechat/index.js')).wechatFromEnv(env), log, 'wechat'),
    peopleByName: true,
  },
} satisfies Record<string, PlatformEntry>

export const platformNames = Object.keys(platforms)

export const peopleByName = Object.entries(platforms as Record<string, PlatformEntry>).flatMap(([name, p]) =>
  p.peopleByName ? [name] : [],
)

/** Every platform the environment turns on. None means "nothing configured": the console demo runs. */
export const configuredPlatforms = (env: NodeJS.ProcessEnv): PlatformEntry[] =>
  Object.values(platforms as Record<string, PlatformEntry>).filter((p) => p.on(env))
