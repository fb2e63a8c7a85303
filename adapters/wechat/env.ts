// Environment → whether WeChat is on. Kept apart from index.ts so that asking loads nothing of wechaty.
export const truthy = (v: string | undefined) => ['on', '1', 'true', 'yes'].includes((v ?? '').trim().toLowerCase())

/** `WECHAT=on` (or 1, true, yes) turns WeChat on. */
export const wechatEnabled = (env: NodeJS.ProcessEnv): boolean => truthy(env.WECHAT)
