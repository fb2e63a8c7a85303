// Binding a WeChat contact: the bot's remark (备注) on it carries a token (ids.ts). Only the bot's
// account can write a remark, WeChat keeps it across logins, and it does not change when the person
// renames themself — so a contact with our remark is known by it, and a nickname can never pass for it.
//
// The web protocol (wechat4u) may accept the remark and not keep it (wechaty/puppet-wechat4u#74,
// nodeWechat/wechat4u#328): the binding then holds for this login only, and the operator is asked, on
// the terminal, to type the remark on the bot's phone — which WeChat does keep, and which we read the
// same way at the next login.
import type { Contact, Wechaty } from 'wechaty'
import type { UserRef } from '../../src/chat/types.js'
import type { Logger } from '../../src/log.js'
import { REMARK_MARK, boundId, nameId, newToken, remarkFor, tokenOfRemark } from './ids.js'

export interface RemarksOptions {
  bot: () => Wechaty | undefined
  log: Logger
  terminal: (text: string) => void
  /** How long after setting a remark we look whether WeChat kept it. */
  checkAfterMs: number
  newToken?: () => string
}

export class Remarks {
  /** Tokens given in this login, by contact id: they count even before (or without) WeChat showing the remark. */
  private readonly given = new Map<string, string>()
  /** Contacts found by token in this login. */
  private readonly byToken = new Map<string, Contact>()
  private readonly checks = new Set<ReturnType<typeof setTimeout>>()

  constructor(private readonly o: RemarksOptions) {}

  /** A new login: every contact id changed. The remarks themselves live on in WeChat. */
  reset(): void {
    this.given.clear()
    this.byToken.clear()
  }

  stop(): void {
    for (const t of this.checks) clearTimeout(t)
    this.checks.clear()
  }

  async tokenOf(contact: Contact): Promise<string | undefined> {
    const given = this.given.get(contact.id)
    if (given) return given
    const token = tokenOfRemark(await contact.alias().catch(() => undefined))
    if (token) this.byToken.set(token, contact)
    return token
  }

  /** The sender as the app knows them: bound by our remark, or by the name they show (a resident at most). */
  async userOf(contact: Contact, name: string): Promise<UserRef> {
    const token = await this.tokenOf(contact)
    return token
      ? { platform: 'wechat', id: boundId(token), name }
      : { platform: 'wechat', id: nameId(name), name, byName: true }
  }

  /** The contact carrying this token (for direct messages and mentions). */
  async contact(token: string): Promise<Contact | undefined> {
    const cached = this.byToken.get(token)
    if (cached && (this.given.get(cached.id) === token || (await this.tokenOf(cached)) === token)) return cached
    this.byToken.delete(token)
    const bot = this.o.bot()
    if (!bot) return undefined
    const found = await bot.Contact.findAll({ alias: new RegExp(`^${REMARK_MARK}${token}(?:\\s|$)`, 'i') })
    const contact = found[0]
    if (contact) this.byToken.set(token, contact)
    return contact
  }

  /**
   * Gives the contact a token and writes our remark. Throws when WeChat refuses (e.g. the contact is
   * not the bot's friend: only friends have remarks). A contact already bound keeps its token.
   */
  async bind(contact: Contact, name: string): Promise<string> {
    const existing = await this.tokenOf(contact)
    if (existing) return existing
    const bot = this.o.bot()
    if (!bot) throw new Error('WeChat is not running')
    const token = (this.o.newToken ?? newToken)()
    const remark = remarkFor(token, name)
    // The puppet directly: wechaty's Contact.alias() swallows a refusal and only logs it.
    await bot.puppet.contactAlias(contact.id, remark)
    this.given.set(contact.id, token)
    this.byToken.set(token, contact)
    this.o.log.info({ contact: name, remark }, 'wechat: contact bound by remark')
    const check = setTimeout(() => {
      this.checks.delete(check)
      void this.kept(bot, contact.id, token).then((kept) => {
        if (kept) return
        this.o.log.warn(
          { contact: name, remark },
          'wechat: WeChat did not keep the remark; binding holds for this login',
        )
        this.o.terminal(
          `⚠️ 微信没有保存机器人设的备注（网页版常见）。请在机器人的手机微信里，把「${name}」的备注改成「${remark}」，` +
            `否则机器人下次登录后就不认得此人了。\n` +
            `   WeChat did not keep the remark: on the bot's phone, set ${name}'s remark to "${remark}", or the binding ends at the next login.\n`,
        )
      })
    }, this.o.checkAfterMs)
    check.unref?.()
    this.checks.add(check)
    return token
  }

  private async kept(bot: Wechaty, contactId: string, token: string): Promise<boolean> {
    try {
      await bot.puppet.contactPayloadDirty(contactId)
      const payload = await bot.puppet.contactPayload(contactId)
      return tokenOfRemark(payload.alias) === token
    } catch {
      return false
    }
  }
}
