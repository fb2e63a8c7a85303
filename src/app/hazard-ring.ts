// A bare 按铃 right after the safety advice (hazard.ts). 「我家厨房有煤气味，怎么办」 got what to do, whom to
// call, and 「回复「按铃」就行」; an older resident replies just that — 按铃, /ring, #协商铃, or 要. From the same
// person in the same chat within phrasing.hazardRingWithin, it rings the words they said then, through the
// ordinary ring (ring.ts): flood control, masking, incidents and the urgent ladder all apply, and the case's
// contact is found in the words as in any ring's. The words are kept in the database by the advice's own
// unit of work, so a restart in between loses nothing; they are used up in the ring's transaction, so they
// ring once — a redelivered 按铃 is a duplicate key, a second 按铃 finds nothing and is asked what it is about.
import { parseDuration } from '../domain/duration.js'
import { normalize, trimSeparators } from '../domain/text.js'
import type { Command } from '../domain/commands.js'
import { typedText } from './contacts.js'
import type { Ctx, Plan } from './context.js'
import { Conflict, type ChatRef, type HazardWordsRow, type Store } from './ports.js'

/** The ordinary ring (ring.ts), passed in: it calls back here for a bare 按铃. */
export type Ring = (store: Store, ctx: Ctx, cmd: Command) => Promise<Plan | void>

const windowOf = (ctx: Ctx): number => parseDuration(ctx.dir.community.settings.phrasing.hazardRingWithin)

/** The chat the person is speaking in, if it is a group: the advice is given in groups only. */
function groupChat(ctx: Ctx): ChatRef | undefined {
  const c = ctx.msg.conversation
  return c.kind === 'group' ? { platform: c.platform, chatId: c.id } : undefined
}

/**
 * The advice's part of its unit of work: the person's words, as typed (a phone number included, as a ring
 * keeps one), replace any they said before in this chat. The words are what a ring on them would read.
 */
export function keepHazardWords(ctx: Ctx): Plan | undefined {
  const chat = groupChat(ctx)
  const text = trimSeparators(normalize(typedText(ctx.msg)))
  if (!chat || !text) return undefined
  const keepSince = new Date(ctx.now.getTime() - windowOf(ctx))
  return (tx) => tx.keepHazardWords({ personId: ctx.me.id, ...chat, text, at: ctx.now }, keepSince)
}

/**
 * A bare 按铃 (or 要): the words this person said in this chat within the window, rung as their ring; the
 * words are used up in the ring's transaction, before anything else in it. Undefined when none are kept:
 * the caller says what it says to a bare ring. Used or replaced by another transaction between this read
 * and the ring's write (two 按铃 at once), the ring is decided again — and then finds nothing.
 */
export async function ringHazardWords(store: Store, ctx: Ctx, cmd: Command, ring: Ring): Promise<Plan | undefined> {
  const chat = groupChat(ctx)
  if (!chat) return undefined
  const words = await store.hazardWords(ctx.me.id, chat, new Date(ctx.now.getTime() - windowOf(ctx)))
  if (!words?.text) return undefined
  const plan = await ring(store, ctx, { ...cmd, name: 'ring', text: words.text })
  return usedUp(words, plan)
}

function usedUp(words: HazardWordsRow, plan: Plan | void): Plan {
  return async (tx) => {
    if (!(await tx.useHazardWords(words))) throw new Conflict()
    if (plan) await plan(tx)
  }
}
