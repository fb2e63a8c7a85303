// One-time codes (绑定码) that link a chat account to a known person. Where a platform knows people
// only by display name (WeChat), this is the only way to an account with more than a resident's
// rights: an admin asks the bot for a code for 钱阿姨, 钱阿姨 sends it to the bot in a private chat,
// and the platform gives her account a permanent id that no nickname can copy (ChatAdapter.bindSender).
// The very first admin gets a code from the operator's terminal at start.
import { randomInt } from 'node:crypto'
import type { IncomingMessage, MessageKey, UserRef } from '../chat/types.js'
import { normalize, type Locale } from '../domain/text.js'
import type { Ctx, Plan } from './context.js'
import type { Store } from './ports.js'
import { allowed } from './queries.js'

export type AccountCommand =
  | { kind: 'issue'; name: string; locale: Locale }
  | { kind: 'redeem'; code: string; locale: Locale }
  | { kind: 'usage'; locale: Locale }

/** An admin's code lasts long enough to pass on by phone; the operator's first-admin code a day. */
export const CODE_MINUTES = 10
export const FIRST_ADMIN_HOURS = 24
/** Wrong codes one account may try per hour: six digits are not guessed in five tries. */
const MAX_FAILS = 5

const asCode = (s: string): string | undefined => {
  const digits = s.replace(/[\s-]/g, '')
  return /^\d{6}$/.test(digits) ? digits : undefined
}

/**
 * `绑定码 钱阿姨` · `/bindcode 钱阿姨` (ask for a code) · `绑定码 123456` (use one) · a bare six-digit
 * code said to the bot directly. Anything else is not ours.
 */
export function parseAccountCommand(text: string, direct: boolean, botUsername?: string): AccountCommand | undefined {
  const said = normalize(text)
  for (const [word, locale] of [
    ['绑定码', 'zh-CN'],
    ['/bindcode', 'en'],
  ] as const) {
    if (!said.toLowerCase().startsWith(word)) continue
    let rest = said.slice(word.length)
    if (locale === 'en' && rest.startsWith('@')) {
      // `/bindcode@other_bot` in a Telegram group is for another bot.
      const end = rest.includes(' ') ? rest.indexOf(' ') : rest.length
      if (botUsername && rest.slice(1, end).toLowerCase() !== botUsername.toLowerCase()) return undefined
      rest = rest.slice(end)
    }
    if (rest && !/^[\s:：]/.test(rest)) return undefined // 绑定码xyz is some other word
    const arg = rest.replace(/^[\s:：]+/, '').trim()
    if (!arg) return { kind: 'usage', locale }
    const code = asCode(arg)
    return code ? { kind: 'redeem', code, locale } : { kind: 'issue', name: arg.replace(/^@/, '').trim(), locale }
  }
  const code = direct ? asCode(said) : undefined
  return code ? { kind: 'redeem', code, locale: 'zh-CN' } : undefined
}

export interface AccountDeps {
  store: Store
  /** The platform's ChatAdapter.bindSender for the message's platform, if it has one. */
  bindSender?: (key: MessageKey) => Promise<UserRef | undefined>
  newCode?: () => string
}

const sixDigits = () => randomInt(0, 1_000_000).toString().padStart(6, '0')

export function accounts(deps: AccountDeps) {
  const { store } = deps
  const newCode = deps.newCode ?? sixDigits
  const fails = new Map<string, { count: number; since: number }>()

  const failedTooOften = (m: IncomingMessage, now: Date): boolean => {
    const f = fails.get(`${m.sender.platform}\u0000${m.sender.id}`)
    return f !== undefined && f.count >= MAX_FAILS && now.getTime() - f.since < 3_600_000
  }
  const failed = (m: IncomingMessage, now: Date) => {
    const key = `${m.sender.platform}\u0000${m.sender.id}`
    const f = fails.get(key)
    if (!f || now.getTime() - f.since >= 3_600_000) fails.set(key, { count: 1, since: now.getTime() })
    else f.count++
  }

  function issue(ctx: Ctx, name: string): Plan | void {
    if (!allowed(ctx, 'admin')) return ctx.reply([ctx.t.notAllowed({ role: 'admin' })])
    const person = ctx.dir.people.find((p) => p.name === name)
    if (!person) return ctx.reply([ctx.t.bindCodeUnknownPerson({ name })])
    const code = newCode()
    const expiresAt = new Date(ctx.now.getTime() + CODE_MINUTES * 60_000)
    return async (tx) => {
      await tx.issueBindCode(code, { personId: person.id, issuedBy: ctx.me.id, expiresAt }, ctx.now)
      // The code is a key: it goes to the admin privately, never into a group.
      ctx.toPerson(ctx.me.id, [ctx.t.bindCodeIssued({ name: person.name, code, minutes: CODE_MINUTES })], {
        purpose: 'reply',
      })
      if (ctx.msg.conversation.kind === 'group') ctx.reply([ctx.t.bindCodeSentPrivately()])
    }
  }

  async function redeem(ctx: Ctx, code: string): Promise<Plan | void> {
    const m = ctx.msg
    if (m.conversation.kind === 'group') {
      // Seen by a whole group, a code could be used by someone else: it is void.
      return async (tx) => {
        await tx.takeBindCode(code, ctx.now)
        ctx.reply([ctx.t.bindCodeInGroup()])
      }
    }
    if (failedTooOften(m, ctx.now)) return ctx.reply([ctx.t.bindCodeTooMany()])
    const row = await store.findBindCode(code)
    const person = row && row.expiresAt > ctx.now ? ctx.dir.people.find((p) => p.id === row.personId) : undefined
    if (!person) {
      failed(m, ctx.now)
      return ctx.reply([ctx.t.bindCodeInvalid()])
    }
    // Before anything is written: the platform gives the account its permanent id (WeChat: our remark).
    let account: UserRef | undefined = m.sender
    if (m.sender.byName) account = await deps.bindSender?.(m.key).catch(() => undefined)
    if (!account || account.byName) return ctx.reply([ctx.t.bindCodeCannot()])
    const linked = account
    return async (tx) => {
      const taken = await tx.takeBindCode(code, ctx.now)
      if (!taken) return ctx.reply([ctx.t.bindCodeInvalid()]) // used a moment ago by someone else
      await tx.linkIdentity(person.id, { platform: linked.platform, userId: linked.id, name: linked.name })
      ctx.reply([ctx.t.accountLinked({ name: person.name, roles: person.roles })])
      if (taken.issuedBy !== null && taken.issuedBy !== person.id)
        ctx.toPerson(taken.issuedBy, [ctx.t.accountLinkedIssuer({ name: person.name })], { purpose: 'update' })
    }
  }

  return {
    parse: parseAccountCommand,

    /** The command's plan; the caller commits it like any other and forgets its directory cache. */
    route(ctx: Ctx, cmd: AccountCommand): Promise<Plan | void> | Plan | void {
      if (cmd.kind === 'usage') return ctx.reply([ctx.t.bindCodeUsage()])
      return cmd.kind === 'issue' ? issue(ctx, cmd.name) : redeem(ctx, cmd.code)
    },

    /**
     * At start, for a platform that knows people only by display name: while no admin has a
     * permanent account there, a code for each admin, for the operator's terminal.
     */
    async firstAdminCodes(platform: string, now: Date): Promise<{ name: string; code: string }[]> {
      const communityId = await store.defaultCommunityId()
      if (communityId === undefined) return []
      const dir = await store.directory(communityId)
      const admins = dir.people.filter((p) => p.roles.includes('admin'))
      if (admins.some((p) => p.identities.some((i) => i.platform === platform && !i.byName))) return []
      const expiresAt = new Date(now.getTime() + FIRST_ADMIN_HOURS * 3_600_000)
      const codes = admins.map((p) => ({ personId: p.id, name: p.name, code: newCode() }))
      await store.transaction(async (tx) => {
        for (const c of codes) await tx.issueBindCode(c.code, { personId: c.personId, issuedBy: null, expiresAt }, now)
      })
      return codes.map(({ name, code }) => ({ name, code }))
    },
  }
}

/** What the operator's terminal shows for the first admin(s): Chinese first, then English. */
export function firstAdminNotice(platform: string, codes: { name: string; code: string }[]): string {
  const lines = codes.map((c) => `   ${c.name}：绑定码 ${c.code}`)
  return [
    `🔑 ${platform} 上还没有绑定管理员。请管理员本人私聊机器人发送下面这一行（${FIRST_ADMIN_HOURS} 小时内有效，只能用一次）：`,
    ...lines,
    `   No admin is bound on ${platform} yet: the admin sends that line to the bot in a private chat (valid ${FIRST_ADMIN_HOURS} h, once).`,
    '',
  ].join('\n')
}
