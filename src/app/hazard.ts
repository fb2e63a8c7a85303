// An emergency named in a residents' group without a ring word — 「我家厨房有煤气味，怎么办」 at 21:00. The
// grammar rightly leaves it as conversation (a notice about 燃气 is not a leak, and ringing every such line
// would wake every volunteer); but the person may be standing in the smell. So the bot says at once what to
// do and whom to call, and how to get a volunteer over: one short reply, within the reply budget. Their
// words are kept for a few minutes: a bare 按铃 (or 要) from them there rings them (hazard-ring.ts).
import { textOf, type IncomingMessage } from '../chat/types.js'
import type { Command, ParseResult } from '../domain/commands.js'
import { parseDuration } from '../domain/duration.js'
import { hazardYes } from '../domain/phrasing.js'
import { charSet, hasCjk, normalize, short, trimChars } from '../domain/text.js'
import { classOf, defaultUrgencyClasses, urgencyOf } from '../domain/urgency.js'
import type { Ctx, Plan } from './context.js'
import { keepHazardWords, ringHazardWords } from './hazard-ring.js'
import type { Store } from './ports.js'
import { ring } from './ring.js'
import { hotlineLine, urgencyName } from './urgent.js'

/** The alias of a `hazard` command that is a yes to the advice's offer (要), not an emergency named. */
const YES = '(yes)'

const yesMarks = charSet('。.!！~～')
const longestYes = Math.max(...hazardYes.map((w) => w.length)) + 4
const isYes = (text: string): boolean =>
  text.length <= longestYes && hazardYes.includes(trimChars(normalize(text), yesMarks))

/**
 * Step 1½ (src/app/message.ts), in a group only: what the grammar could not place, read once more.
 * - A bare ring (按铃, /ring, #协商铃) is a ring with no words yet: ring.ts rings the words kept after the
 *   advice, or asks what it is about, as it always did.
 * - 要 / 按 alone (or quoting the bot) from someone whose emergency words are kept for this chat: a yes.
 * - Conversation that names an emergency in the built-in words: a `hazard` command; the handler reads it
 *   against the community's own classes.
 * Chatter without such words costs nothing more; a bare 要 costs two indexed reads.
 */
export async function hazardHeard(store: Store, m: IncomingMessage, parsed: ParseResult): Promise<ParseResult> {
  if (m.conversation.kind !== 'group') return parsed
  if (parsed && 'error' in parsed) {
    if (parsed.error !== 'empty_ring') return parsed
    // 私下按铃 or 代王阿姨按铃 with no words: the ring keeps its shape.
    const { error: _empty, ...shape } = parsed
    return { ...shape, name: 'ring', alias: '', text: '' }
  }
  if (parsed && parsed.name !== 'said') return parsed
  const text = textOf(m.content)
  if (isYes(text)) return (await wordsKept(store, m)) ? { name: 'hazard', alias: YES, text, locale: 'zh-CN' } : parsed
  if (parsed || urgencyOf(text, { classes: defaultUrgencyClasses, marks: [] }) === null) return parsed
  return { name: 'hazard', alias: '', text, locale: hasCjk(text) || !/[a-z]/i.test(text) ? 'zh-CN' : 'en' }
}

/**
 * Whether any emergency words of this sender are kept for this chat, whatever their age (the handler reads
 * the window): a 要 from anyone else stays conversation, with nothing written — not even who said it.
 */
async function wordsKept(store: Store, m: IncomingMessage): Promise<boolean> {
  const known = await store.findIdentity(m.sender.platform, m.sender.id)
  if (!known) return false
  const chat = { platform: m.conversation.platform, chatId: m.conversation.id }
  return (await store.hazardWords(known.person.id, chat, new Date(0))) !== undefined
}

/** The `hazard` command: a yes to the advice rings the words kept; otherwise the advice itself. */
export async function hazard(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  if (cmd.alias === YES) return ringHazardWords(store, ctx, cmd, ring)
  return adviseOnHazard(ctx, cmd)
}

/**
 * The advice and the hotline, said to a resident in a residents' group, and their words kept for a bare
 * 按铃 within phrasing.hazardRingWithin; anywhere else, nothing.
 */
export function adviseOnHazard(ctx: Ctx, cmd: Command): Plan | void {
  if (ctx.group?.role !== 'residents') return
  const u = ctx.dir.community.settings.urgency
  const key = urgencyOf(cmd.text, { classes: u.classes, marks: [] })
  if (key === null) return
  const advice = classOf(u, key)?.advice ?? ctx.t.urgencyAdvice(key)
  const within = ctx.t.duration(parseDuration(ctx.dir.community.settings.phrasing.hazardRingWithin))
  ctx.reply([
    ctx.t.hazardHeadsUp({ name: urgencyName(ctx.t, u, key), advice }),
    { published: hotlineLine(ctx.dir, key) || '110 · 119 · 120' },
    // Their own words as the example: what they would send, ready to copy.
    ctx.t.hazardHowToRing({ within, example: short(cmd.text, 30) }),
  ])
  return keepHazardWords(ctx)
}
