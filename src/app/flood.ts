// Flood control in the app (issue 8): one person's many rings, or the bot's many replies to one person,
// must not fill a building's group, the volunteers' group or staff's phones. The policy is pure
// (src/domain/flood.ts); this file reads and writes what it needs inside the message's transaction.
import { parseDuration } from '../domain/duration.js'
import { bundleText, distinctProblems, mostCommon, screen, type FloodLimits } from '../domain/flood.js'
import { t } from '../i18n/index.js'
import type { Ctx } from './context.js'
import type { Directory, HeldRow, JobInsert, NewCase, Tx } from './ports.js'
import type { Part, Post } from './posts.js'
import { isVisitor } from './visitors.js'

export const limitsOf = (dir: Directory): FloodLimits => {
  const f = dir.community.settings.flood
  return {
    rings: f.rings,
    windowMs: parseDuration(f.window),
    repeatWithinMs: parseDuration(f.repeatWithin),
    holdMaxMs: parseDuration(f.holdMax),
  }
}

export const releasePrefix = (personId: number) => `flood:release:${personId}:`

/** Uses one of `limit` per window under `key`; false when none are left. */
async function take(tx: Tx, key: string, now: Date, windowMs: number, limit: number): Promise<boolean> {
  const since = new Date(now.getTime() - windowMs)
  if ((await tx.countMarks(key, since)) >= limit) return false
  await tx.addMark(key, now, since)
  return true
}

const short = (text: string, max = 20): string => {
  const chars = [...text.replace(/\s+/g, ' ')]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('')
}

/**
 * Before a ring becomes a case: a repeat of the person's own case still being handled is noted on that
 * case ("您已按过 #N"); a ring over the person's rate is held, to go out with the others as one case when
 * they pause. Either is said at most once per window (limitReplies). True when the ring was taken care of.
 */
export async function screenRing(tx: Tx, ctx: Ctx, ring: NewCase, urgent = false): Promise<boolean> {
  const { dir, now, me } = ctx
  const limits = limitsOf(dir)
  const ago = (ms: number) => new Date(now.getTime() - ms)
  // The newest few are what a repeat is of; a person with more open than that is held anyway.
  const recent = await tx.handlingRungBy(dir.community.id, me.id, ago(limits.repeatWithinMs), 20)
  const rung = await tx.countRungBy(dir.community.id, me.id, ago(limits.windowMs))
  const held = await tx.heldRings(me.id)
  const v = screen(ring, now, recent, rung, held, limits)
  // An urgent ring over the rate goes out at once (issue 11): holding it would delay a gas leak.
  if (v.kind === 'ring' || (urgent && v.kind !== 'repeat')) return false
  if (v.kind === 'repeat') {
    const c = recent.find((x) => x.number === v.number)!
    // What they said again is kept on the case; the case, its pings and its ladder stay one.
    await tx.addEvent(c.id, me.id, 'repeated', { text: ring.text, msgId: ring.originMsgId }, now)
    ctx.reply([ctx.t.alreadyRung({ no: c.number, text: short(c.text), status: ctx.t.statusName(c.status) })], {
      caseId: c.id,
      purpose: 'repeat',
    })
    return true
  }
  await tx.holdRing({
    communityId: dir.community.id,
    personId: me.id,
    groupId: ring.originGroupId!,
    platform: ring.originPlatform,
    chatId: ring.originChatId,
    msgId: ring.originMsgId,
    threadId: ring.originThreadId,
    text: ring.text,
    category: ring.category,
    place: ring.place,
    contact: ring.contact,
    attachments: ctx.msg.attachments,
    at: now,
  })
  // One timer per person, moved later with every held ring (never past holdMax after the first).
  await tx.cancelJobs(releasePrefix(me.id))
  await tx.schedule([releaseJob(dir.community.id, me.id, v.releaseAt)], now)
  ctx.reply([ctx.t.ringHeld()], { purpose: 'held' })
  return true
}

const releaseJob = (communityId: number, personId: number, at: Date): JobInsert => ({
  kind: 'releaseHeld',
  key: `${releasePrefix(personId)}${at.getTime()}`,
  payload: { communityId, personId },
  dueAt: at,
})

/** Held rings as one new case: each problem once, the most common kind and place, the first number left. */
export function bundle(held: HeldRow[], dir: Directory, now: Date): NewCase {
  const msg = t(dir.community.locale)
  const first = held[0]!
  const problems = distinctProblems(held)
  return {
    communityId: dir.community.id,
    text: bundleText(
      problems.map((h) => h.text),
      120,
      msg.listSeparator(),
      (n) => msg.andMore({ count: n }),
    ),
    category: mostCommon(held.map((h) => h.category)),
    place: mostCommon(held.map((h) => h.place)),
    contact: held.find((h) => h.contact)?.contact ?? null,
    reporterId: first.personId,
    originGroupId: first.groupId,
    originPlatform: first.platform,
    originChatId: first.chatId,
    originMsgId: first.msgId,
    originThreadId: first.threadId,
    createdAt: now,
  }
}

/**
 * The bot's replies to one person in one chat are bounded per window. "您已按过 #N" is said once per case,
 * the held notice once, and "this group is not bound" once per group; past that the ring is still recorded, only the words are left out. Every other
 * reply to a resident (没听懂, refusals, answers) counts against `flood.replies`; volunteers, staff,
 * committee and admins, who ask and answer a lot, are not counted.
 */
export async function limitReplies(tx: Tx, ctx: Ctx): Promise<void> {
  const c = ctx.msg.conversation
  const mine = ctx.posts.filter(
    (p) =>
      replyKinds.has(p.purpose) && 'chat' in p.to && p.to.chat.platform === c.platform && p.to.chat.chatId === c.id,
  )
  if (!mine.length) return
  const f = ctx.dir.community.settings.flood
  const windowMs = parseDuration(f.window)
  const who = `${c.platform}:${c.id}:${ctx.msg.sender.id}`
  // Budgeted: residents in a group (where neighbours read every reply), and strangers anywhere. A
  // known person talking to the bot privately is always answered: checking five cases is not a flood.
  const counted = !ctx.me.roles.some((r) => r !== 'resident') && (c.kind === 'group' || isVisitor(ctx.me))
  for (const p of mine) {
    // A group nobody has bound hears that once per window, whoever asks; the rest once per person.
    const scope = p.purpose === 'unbound' ? `${c.platform}:${c.id}` : `${who}:${p.caseId ?? ''}`
    const once = p.purpose === 'reply' ? undefined : `${p.purpose}:${scope}`
    const keep =
      (!once || (await take(tx, once, ctx.now, windowMs, 1))) &&
      (!counted || (await take(tx, `reply:${who}`, ctx.now, windowMs, f.replies)))
    if (!keep) ctx.posts.splice(ctx.posts.indexOf(p), 1)
  }
}

const replyKinds = new Set(['reply', 'repeat', 'held', 'unbound'])

const sameTarget = (p: Post): string => JSON.stringify([p.to, p.purpose, p.thread ?? null])

/**
 * Several messages to one chat or person in one go become one: their texts one per line (at most `max`,
 * then `more(n)`), the people they mention once at the end. Escalations of many cases at one rung reach
 * staff and the committee as one message each, not one per case.
 */
export function mergePosts(posts: Post[], more: (n: number) => string, max = 10): Post[] {
  const groups = new Map<string, Post[]>()
  for (const p of posts) groups.set(sameTarget(p), [...(groups.get(sameTarget(p)) ?? []), p])
  return [...groups.values()].map((same) => {
    if (same.length === 1) return same[0]!
    const lines = same.map((p) =>
      p.parts
        .filter((x) => typeof x === 'string')
        .join('')
        .trimEnd(),
    )
    const people = new Map<number, Part>()
    for (const p of same)
      for (const x of p.parts) if (typeof x !== 'string' && 'personId' in x) people.set(x.personId, x)
    const text = lines.length > max ? [...lines.slice(0, max), more(lines.length - max)] : lines
    const { caseId: _one, replyTo: _quote, ...rest } = same[0]!
    return { ...rest, parts: [text.join('\n'), ...[...people.values()].flatMap((x) => [' ', x])] }
  })
}
