// The one list of platforms. Adding one is a folder under adapters/ and a line here: `npm start` turns
// it on from the environment, and the community file may give groups and people ids on it.
import type { ChatAdapter } from '../src/chat/types.js'
import type { Logger } from '../src/log.js'
import { telegramFromEnv } from './telegram/index.js'
import { wechatFromEnv } from './wechat/index.js'

interface PlatformEntry {
  /** a maker of the adapter, if the environment turns this platform on */
  fromEnv(env: NodeJS.ProcessEnv): ((log: Logger) => ChatAdapter) | undefined
  /**
   * People are known by display name, which anyone can take (web WeChat): an id from the community
   * file is only a resident's hint there, and more rights need a one-time code (绑定码).
   */
  peopleByName?: true
}

export const platforms = {
  // The chat simulator: started by `npm start` when nothing else is configured, or with --console.
  console: { fromEnv: () => undefined },
  telegram: { fromEnv: telegramFromEnv },
  wechat: { fromEnv: wechatFromEnv, peopleByName: true },
} satisfies Record<string, PlatformEntry>

export const platformNames = Object.keys(platforms)

export const peopleByName = Object.entries(platforms as Record<string, PlatformEntry>).flatMap(([name, p]) =>
  p.peopleByName ? [name] : [],
)

/** Makers of every platform the environment turns on. None means "nothing configured": the console demo runs. */
export const configuredPlatforms = (env: NodeJS.ProcessEnv): ((log: Logger) => ChatAdapter)[] =>
  Object.values(platforms).flatMap((p: PlatformEntry) => p.fromEnv(env) ?? [])
