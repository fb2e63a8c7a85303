// The app: one entry for every incoming message, whatever the platform. It parses, finds who is
// speaking and where, runs the use case, and commits the change with its messages in one transaction.
import type { AdapterEvent, IncomingMessage, Platform, UserRef } from '../chat/types.js'
import { parseInputOf, quotesBot } from '../chat/router.js'
import type { Clock } from '../domain/clock.js'
import { parseCommand, specOf, type Command, type ParseError, type Who } from '../domain/commands.js'
import { hasCjk, type Locale } from '../domain/text.js'
import { maskContacts } from '../domain/contact.js'
import { t as catalogue } from '../i18n/index.js'
import type { Logger } from '../log.js'
import { Ctx, type Plan } from './context.js'
import * as cases from './cases.js'
import * as queries from './queries.js'
import * as admin from './admin.js'
import { Conflict, type Directory, type Store } from './ports.js'
import { expand } from './posts.js'
import { jobHandlers } from './jobs.js'
import { offlineNotice } from './presence.js'

export interface AppDeps {
  store: Store
  clock: Clock
  log: Logger
  /** called after a commit that wrote outbox rows, so the relay need not wait for its next poll */
  onOutbox?: () => void
  /** the platforms this process runs; posts to chats on others are not written. Absent = all. */
  platforms?: string[]
}

const MAX_ATTEMPTS = 8
const changesDirectory = new Set(['bind', 'rota', 'onduty', 'offduty'])

export function createApp(deps: AppDeps) {
  const { store, clock, log } = deps
  const active = deps.platforms && new Set(deps.platforms)
  const cache = new Map<number, { dir: Directory; at: number }>()
  const directory = async (communityId: number, fresh = false): Promise<Directory> => {
    const hit = cache.get(communityId)
    // A short cache: a burst of messages shares one read; a change made elsewhere shows within seconds.
    if (!fresh && hit && Date.now() - hit.at < 2000) return hit.dir
    const dir = await store.directory(communityId)
    cache.set(communityId, { dir, at: Date.now() })
    return dir
  }

  async function locate(m: IncomingMessage) {
    const chat =
      m.conversation.kind === 'group'
        ? await store.findChat({ platform: m.conversation.platform, chatId: m.conversation.id })
        : undefined
    const known = await store.findIdentity(m.sender.platform, m.sender.id)
    const communityId = chat?.communityId ?? known?.communityId ?? (await store.defaultCommunityId())
    if (communityId === undefined) return undefined
    let personId = known?.communityId === communityId ? known.personId : undefined
    if (personId === undefined) {
      // First time we hear from this neighbour: register them as a resident before anything else.
      personId = await store.transaction((tx) =>
        tx.ensurePerson(communityId, { platform: m.sender.platform, userId: m.sender.id, name: m.sender.name }),
      )
      cache.delete(communityId)
    }
    let dir = await directory(communityId)
    // Bound or registered in another process since the cache was filled: read again.
    const stale =
      !dir.people.some((p) => p.id === personId) ||
      (chat &&
        !dir.groups.some(
          (g) =>
            g.id === chat.groupId &&
            g.chats.some((c) => c.platform === m.conversation.platform && c.chatId === m.conversation.id),
        ))
    if (stale) dir = await directory(communityId, true)
    const me = dir.people.find((p) => p.id === personId)!
    const group = chat && dir.groups.find((g) => g.id === chat.groupId)
    return { dir, me, group }
  }

  /** In a group, a bare command word ("完成", "值班") from someone it is not for is conversation, not a request. */
  const overheard = (ctx: Ctx, who: Who, bare: boolean): boolean =>
    bare && !queries.allowed(ctx, who) && !ctx.msg.replyTo && ctx.msg.conversation.kind === 'group'

  function route(ctx: Ctx, given: Command): Promise<Plan | void> | Plan | void {
    const spec = specOf(given.name)
    if (!queries.allowed(ctx, spec.who)) {
      if (overheard(ctx, spec.who, given.caseNo === undefined && !given.text)) return
      return ctx.reply([spec.who === 'volunteer' ? ctx.t.notVolunteer() : ctx.t.notAllowed({ role: spec.who })])
    }
    // Phone numbers stay private whatever command carries them; only a ring keeps one, as the case's contact.
    const cmd = given.name === 'ring' ? given : { ...given, text: maskContacts(given.text) }
    switch (cmd.name) {
      case 'ring':
        return cases.ring(store, ctx, cmd)
      case 'claim':
        return cases.claim(store, ctx, cmd)
      case 'assign':
        return cases.assign(store, ctx, cmd)
      case 'note':
        return cases.note(store, ctx, cmd)
      case 'done':
        return cases.done(store, ctx, cmd)
      case 'release':
        return cases.release(store, ctx, cmd)
      case 'verify':
        return cases.verify(store, ctx, cmd)
      case 'cancel':
        return cases.cancel(store, ctx, cmd)
      case 'add':
        return cases.add(store, ctx, cmd)
      case 'same':
        return cases.same(store, ctx, cmd)
      case 'status':
        return queries.status(store, ctx, cmd)
      case 'mine':
        return queries.mine(store, ctx)
      case 'list':
        return queries.list(store, ctx, cmd)
      case 'stats':
        return queries.stats(store, ctx, cmd)
      case 'help':
        return queries.help(ctx)
      case 'onduty':
        return admin.onduty(ctx, true)
      case 'offduty':
        return admin.onduty(ctx, false)
      case 'myshifts':
        return admin.myshifts(ctx)
      case 'rota':
        return admin.rota(ctx, cmd)
      case 'bind':
        return admin.bind(ctx, cmd)
    }
  }

  function explainParse(ctx: Ctx, e: ParseError): void {
    const example = (name: string, zh: string, en: string) => (ctx.locale === 'en' ? en : zh).replace('$', name)
    switch (e.error) {
      case 'empty_ring':
        return ctx.reply([ctx.t.emptyRing()])
      case 'need_case': {
        const spec = specOf(e.name)
        return ctx.reply([ctx.t.needCase({ example: example('', `${spec.zh[0]} 12`, `${spec.en[0]} 12`) })])
      }
      case 'need_text': {
        const spec = specOf(e.name)
        return ctx.reply([
          ctx.t.needText({ example: ctx.locale === 'en' ? `${spec.en[0]} 12 …` : `${spec.zh[0]} 12 已联系物业` }),
        ])
      }
      case 'bad_option': {
        const spec = specOf(e.name)
        // One word per meaning: the first spelling listed is the one to teach.
        const seen = new Set<string>()
        const options = Object.entries(spec.options ?? {})
          .filter(
            ([word, value]) =>
              (ctx.locale === 'en' ? !hasCjk(word) : hasCjk(word)) && !seen.has(value) && seen.add(value),
          )
          .map(([word]) => word)
        return ctx.reply([ctx.t.badOption({ word: e.word, options: options.join(' / ') })])
      }
      case 'too_long':
        return ctx.reply([ctx.t.tooLong({ max: e.max })])
      // Plain words in a direct message are most likely a problem told to the wrong place.
      case 'unknown_command':
        return ctx.reply([
          ctx.msg.conversation.kind === 'direct' && !e.word.startsWith('/')
            ? ctx.t.ringInDirect()
            : ctx.t.unknownCommand({ word: e.word }),
        ])
    }
  }

  /** Commits the message key, the change and its messages together; a redelivered message does nothing. */
  async function commit(m: IncomingMessage, ctx: Ctx, plan: Plan | void): Promise<void> {
    const wrote = await store.transaction(async (tx) => {
      if (!(await tx.recordInbound(m.key, ctx.now))) return false
      if (ctx.me.lastPlatform !== m.conversation.platform) await tx.setLastPlatform(ctx.me.id, m.conversation.platform)
      if (plan) await plan(tx)
      // Done somewhere else (the resident's group, a DM): confirm where the person wrote.
      if (plan && !ctx.saidHere()) {
        const where = ctx.groupsTold()
        ctx.reply([where.length ? ctx.t.toldGroup({ where: where.join('、') }) : ctx.t.okDone()])
      }
      const rows = ctx.posts.flatMap((p) => expand(p, ctx.dir, active))
      await tx.enqueue(rows, ctx.now)
      return rows.length > 0
    })
    if (wrote) deps.onOutbox?.()
  }

  async function handle(received: IncomingMessage, self: UserRef): Promise<void> {
    // A quote of someone else's message says nothing about a case: drop it before anyone reads it.
    const m = quotesBot(received, self) ? received : { ...received, replyTo: undefined }
    const parsed = parseCommand(parseInputOf(m, self))
    if (!parsed) return // everyday chatter: the bot stays quiet
    let locale: Locale = parsed.locale
    for (let attempt = 1; ; attempt++) {
      try {
        const where = await locate(m)
        if (!where) return log.warn({ key: m.key }, 'message from a chat with no community configured')
        locale = where.me.locale ?? parsed.locale
        const ctx = new Ctx(clock.now(), m, where.dir, where.me, locale, where.group)
        let plan: Plan | void = undefined
        if ('error' in parsed) {
          // A parse error is always a bare word: "完成" with no number.
          if ('name' in parsed && overheard(ctx, specOf(parsed.name).who, true)) return
          explainParse(ctx, parsed)
        } else plan = await route(ctx, parsed)
        await commit(m, ctx, plan)
        // Who is who changed: the next message must not be handled with the old picture.
        if (!('error' in parsed) && changesDirectory.has(parsed.name)) cache.delete(where.dir.community.id)
        return
      } catch (e) {
        // Someone else changed the case between our read and our write: read again and decide again.
        if (e instanceof Conflict && attempt < MAX_ATTEMPTS) continue
        log.error({ err: e, key: m.key }, 'handling a message failed')
        await sorry(m, locale).catch((e2: unknown) => log.error({ err: e2 }, 'could not even say sorry'))
        return
      }
    }
  }

  /** A failure becomes a short apology in the sender's language; the message key stays unrecorded so a redelivery retries. */
  async function sorry(m: IncomingMessage, locale: Locale): Promise<void> {
    const content = JSON.stringify([{ type: 'text', text: catalogue(locale).failed() }])
    await store.transaction((tx) =>
      tx.enqueue(
        [
          {
            platform: m.conversation.platform,
            chatKind: m.conversation.kind,
            chatId: m.conversation.id,
            threadId: m.conversation.threadId,
            content,
            replyToMsgId: m.key.messageId,
            purpose: 'reply',
          },
        ],
        clock.now(),
      ),
    )
    deps.onOutbox?.()
  }

  async function onAdapterEvent(platform: Platform, e: AdapterEvent, replaysMissed: boolean): Promise<void> {
    if (e.type === 'chatRenamed') {
      await store.renameChat(platform, e.from, e.to)
      cache.clear()
      return
    }
    const wrote = await offlineNotice({ store, clock, directory, active }, platform, e, replaysMissed)
    if (wrote) deps.onOutbox?.()
  }

  return {
    handle,
    onAdapterEvent,
    jobHandlers: jobHandlers({ store, clock, log, directory, active, onOutbox: () => deps.onOutbox?.() }),
  }
}

export type App = ReturnType<typeof createApp>
