// One-time codes (绑定码) that link a chat account to a known person. Where a platform knows people
// only by display name (WeChat), this is the only way to an account with more than a resident's
// rights: an admin asks the bot for a code for 钱阿姨, 钱阿姨 sends it to the bot in a private chat,
// and the platform gives her account a permanent id that no nickname can copy (ChatAdapter.bindSender).
// The very first admin gets a code from the operator's terminal at start.
import { randomInt } from 'node:crypto'
import type { IncomingMessage, MessageKey, UserRef } from '../chat/types.js'
import { readBindCode, type Command } from '../domain/commands.js'
import type { Ctx, Plan } from './context.js'
import type { Store } from './ports.js'
import { allowed } from './gate.js'

/** An admin's code lasts long enough to pass on by phone; the operator's first-admin code a day. */
export const CODE_MINUTES = 10
export const FIRST_ADMIN_HOURS = 24
/**
 * Wrong codes one account may try per hour: six digits are not guessed in four tries. Fewer than the
 * replies one resident gets per window (flood.replies, 5), so the one saying "too many" is heard.
 */
const MAX_FAILS = 4

export interface AccountDeps {
  store: Store
  /** The platform's ChatAdapter.bindSender for the message's platform, if it has one. */
  bindSender?: (key: MessageKey) => Promise<UserRef | undefined>
  newCode?: () => string
}

const sixDigits = () => randomInt(0, 1_000_000).toString().padStart(6, '0')

export type Accounts = ReturnType<typeof accounts>

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

  async function issue(ctx: Ctx, name: string): Promise<Plan | void> {
    if (!allowed(ctx, 'admin')) return ctx.reply([ctx.t.notAllowed({ role: 'admin' })])
    const person = ctx.dir.people.find((p) => p.name === name) ?? (await store.personNamed(ctx.dir.community.id, name))
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
    const live = row && row.expiresAt > ctx.now ? row : undefined
    const person = live && (ctx.person(live.personId) ?? (await store.people([live.personId]))[0])
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
    /** The 绑定码 command's handler (src/app/registry.ts): ask for a code, use one, or how. */
    bindcode(ctx: Ctx, cmd: Command): Promise<Plan | void> | Plan | void {
      const b = readBindCode(cmd.text)
      if (b.kind === 'usage') return ctx.reply([ctx.t.bindCodeUsage()])
      return b.kind === 'issue' ? issue(ctx, b.name) : redeem(ctx, b.code)
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
