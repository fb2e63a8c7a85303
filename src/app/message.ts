// The path of one incoming message (DESIGN §2), as named steps:
//   parse → locate → gate → handle (the registry) → unit of work.
// Each step is a function a reader (and a tool) can point at; this file only puts them in order.
import type { IncomingMessage, UserRef } from '../chat/types.js'
import { parseInputOf, quotesBot } from '../chat/router.js'
import type { Clock } from '../domain/clock.js'
import { parseCommand, specOf, type Command, type ParseResult } from '../domain/commands.js'
import { maskContacts } from '../domain/contact.js'
import type { Locale } from '../domain/text.js'
import type { Logger } from '../log.js'
import { Ctx, type Plan } from './context.js'
import type { DirectoryCache } from './directory.js'
import { bindAnswer } from './answers.js'
import { explainParse } from './explain.js'
import { gate } from './gate.js'
import { hazardHeard } from './hazard.js'
import { limitReplies } from './flood.js'
import { locate } from './locate.js'
import { guideVisitor, isVisitor } from './visitors.js'
import { replyLocale } from './locale.js'
import type { Store } from './ports.js'
import type { Registry } from './registry.js'
import { sharesItsName } from './trust.js'
import type { Commit, Work } from './unit-of-work.js'
import { t } from '../i18n/index.js'

export interface MessageDeps {
  store: Store
  clock: Clock
  log: Logger
  directory: DirectoryCache
  commit: Commit
  registry: Registry
  /** the names typed for the bot after @ (aliases.ts) */
  aliases?: () => Promise<readonly string[]>
}

/** Step 1: the grammar's reading of the message, or undefined for everyday chatter (the bot stays quiet). */
export function parse(m: IncomingMessage, self: UserRef, aliases?: readonly string[]): ParseResult {
  return parseCommand({ ...parseInputOf(m, self), ...(aliases ? { aliases } : {}) })
}

/** Step 4: the command's handler, after the gate; a parse error is explained instead. */
async function handle(
  registry: Registry,
  ctx: Ctx,
  parsed: Exclude<ParseResult, undefined>,
): Promise<Plan | void | 'silent'> {
  // Someone we do not know, outside a bound group: told where to go, never written down — unless they
  // bring a one-time code (绑定码), which is how an account comes to be known.
  if (isVisitor(ctx.me) && !('name' in parsed && parsed.name === 'bindcode' && !('error' in parsed)))
    return guideVisitor(ctx, parsed)
  // Two chats answer to this group's name (WeChat rooms with one topic): act in neither until renamed.
  if (sharesItsName(ctx.msg) && !('error' in parsed))
    return ctx.reply([ctx.t.sameNameGroup({ name: ctx.msg.conversation.id })])
  if ('error' in parsed) {
    // A parse error is always a bare word ("完成" with no number): the gate decides whether it was meant for us.
    if ('name' in parsed) {
      const verdict = gate(ctx, specOf(parsed.name), true)
      if (!verdict.pass && verdict.silent) return 'silent'
    }
    return explainParse(ctx, parsed)
  }
  const verdict = gate(ctx, specOf(parsed.name), parsed.caseNo === undefined && !parsed.text)
  if (!verdict.pass) return verdict.silent ? 'silent' : ctx.reply([verdict.reply])
  // Phone numbers stay private whatever command carries them; only a ring keeps one, as the case's contact.
  const cmd: Command = parsed.name === 'ring' ? parsed : { ...parsed, text: maskContacts(parsed.text) }
  return registry[cmd.name].run(ctx, cmd)
}

/** The message's own part of the transaction: the plan, then a confirmation where the person wrote. */
function messagePlan(ctx: Ctx, plan: Plan | void): Plan {
  return async (tx) => {
    if (ctx.me.lastPlatform !== ctx.msg.conversation.platform)
      await tx.setLastPlatform(ctx.me.id, ctx.msg.conversation.platform)
    if (plan) {
      await plan(tx)
      // Done somewhere else (the resident's group, a DM): confirm where the person wrote.
      if (!ctx.saidHere() && !ctx.silentHere) {
        const where = ctx.groupsTold()
        ctx.reply([where.length ? ctx.t.toldGroup({ where: where.join('、') }) : ctx.t.okDone()])
      }
    }
    // A resident's replies are bounded per window (flood control): past that only the words are left out.
    await limitReplies(tx, ctx)
  }
}

export async function handleMessage(deps: MessageDeps, received: IncomingMessage, self: UserRef): Promise<void> {
  const { store, clock, log, directory } = deps
  // A quote of someone else's message says nothing about a case: drop it before anyone reads it.
  const m = quotesBot(received, self) ? received : { ...received, replyTo: undefined }
  // 同意, 2, 墙绘: everyday words, an answer only to a consultation open there (or quoted) — answers.ts.
  // A bare 按铃, 要, or an emergency named without a ring word: read once more (hazard.ts).
  const parsed = await hazardHeard(
    store,
    m,
    await bindAnswer(
      { store, directory, log },
      received,
      m,
      self,
      parse(m, self, await deps.aliases?.().catch(() => undefined)),
    ),
  )
  if (!parsed) return
  let locale: Locale = replyLocale(undefined, parsed, m)
  let changed: number | undefined
  try {
    await deps.commit(async (): Promise<Work | undefined> => {
      const where = await locate(store, directory, m)
      if (!where) {
        log.warn({ key: m.key }, 'message from a chat with no community configured')
        return undefined
      }
      locale = replyLocale(where.me, parsed, m)
      const ctx = new Ctx(clock.now(), m, where.dir, where.me, locale, where.group)
      const plan = await handle(deps.registry, ctx, parsed)
      if (plan === 'silent') return undefined
      // Who is who changed (a binding, a shift; or where this person now talks to us, which is where
      // their direct messages go): the next message must not be handled with the old picture.
      const moved = ctx.me.lastPlatform !== m.conversation.platform && where.dir.people.includes(ctx.me)
      if (moved || (!('error' in parsed) && deps.registry[parsed.name].changesDirectory))
        changed = where.dir.community.id
      const c = m.conversation
      return {
        key: m.key,
        at: ctx.now,
        dir: ctx.everyone,
        plan: messagePlan(ctx, plan),
        posts: ctx.posts,
        ...(c.kind === 'group' ? { askedIn: { key: m.key, ...(c.threadId ? { threadId: c.threadId } : {}) } } : {}),
      }
    })
    if (changed !== undefined) directory.forget(changed)
  } catch (e) {
    log.error({ err: e, key: m.key }, 'handling a message failed')
    await sorry(deps, m, locale).catch((e2: unknown) => log.error({ err: e2 }, 'could not even say sorry'))
  }
}

/** A failure becomes a short apology in the sender's language; the message key stays unrecorded so a redelivery retries. */
function sorry(deps: MessageDeps, m: IncomingMessage, locale: Locale) {
  const c = m.conversation
  return deps.commit(async () => ({
    at: deps.clock.now(),
    posts: [
      {
        to: { chat: { platform: c.platform, chatId: c.id, kind: c.kind, threadId: c.threadId } },
        parts: [t(locale).failed()],
        replyTo: m.key,
        purpose: 'reply',
      },
    ],
  }))
}
