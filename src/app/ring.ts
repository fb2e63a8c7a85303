// Ringing the bell: a resident in their group; privately (a direct message, or 私下); on a neighbour's
// behalf (代按铃); or again, for a closed case's problem come back (再按铃 N). A ring like an open case a
// neighbour rang is told which one ("像是 #N，回复「同 N」加入").
import { categorize, locate, stripTags } from '../domain/classify.js'
import { findContacts, maskContacts } from '../domain/contact.js'
import type { Command } from '../domain/commands.js'
import { looksLike, type OpenCase } from '../domain/duplicates.js'
import { buildingOf as buildingColumn } from '../domain/places.js'
import { parseDuration } from '../domain/duration.js'
import type { Ctx, Plan } from './context.js'
import { limitsOf, screenRing } from './flood.js'
import { incidentOf, joinIncident } from './incident.js'
import { ringHazardWords } from './hazard-ring.js'
import { openCase } from './open-case.js'
import type { CaseRow, NewCase, Store, Tx } from './ports.js'
import type { Part } from './posts.js'
import { shapeRing, type RingShape } from './ring-shape.js'
import { findCase } from './cases.js'
import { short } from '../domain/text.js'
import { typedText } from './contacts.js'
import { urgencyOf } from '../domain/urgency.js'
import { needsOfPerson } from './households.js'
import { needWords } from './urgent.js'

/** How many of a building's open cases of one kind a ring compares itself with, newest first. */
const LIKE_OPEN_READ = 10

/** An open case a neighbour rang that this ring looks like (same building, kind, mostly the same words). */
async function likeOpen(store: Store, ctx: Ctx, ring: NewCase): Promise<OpenCase | undefined> {
  const { dir, now } = ctx
  const window = parseDuration(dir.community.settings.phrasing.incidentWindow)
  const open = await store.openCasesLike(dir.community.id, {
    category: ring.category,
    building: buildingColumn(ring.place),
    before: new Date(now.getTime() - window),
    notReporterId: ring.reporterId,
    limit: LIKE_OPEN_READ,
  })
  return looksLike(ring, open, now, window)
}

/**
 * A private ring is not held like a group's (what is held goes out in a group): over the person's rate,
 * they are asked to wait and say it in one message. True when it was refused.
 */
async function overRate(tx: Tx, ctx: Ctx, reporterId: number): Promise<boolean> {
  const limits = limitsOf(ctx.dir)
  const rung = await tx.countRungBy(ctx.dir.community.id, reporterId, new Date(ctx.now.getTime() - limits.windowMs))
  if (rung < limits.rings) return false
  ctx.reply([ctx.t.privateTooMany()], { purpose: 'held' })
  return true
}

function newCase(ctx: Ctx, shape: RingShape, text: string, category: string, place: string, contact: string | null) {
  const data: NewCase = {
    communityId: ctx.dir.community.id,
    text,
    category,
    place,
    contact,
    reporterId: shape.reporter.id,
    originGroupId: shape.origin.groupId,
    originPlatform: shape.origin.platform,
    originChatId: shape.origin.chatId,
    originMsgId: ctx.msg.key.messageId,
    originThreadId: shape.origin.threadId,
    createdAt: ctx.now,
  }
  return data
}

/** Writes the case and what is said about it, where the ring was made and where it is followed. */
async function open(
  tx: Tx,
  counts: ReadonlyMap<number, number>,
  ctx: Ctx,
  shape: RingShape,
  data: NewCase,
  said: string,
  more: Part[],
  needs?: string[],
): Promise<CaseRow> {
  const { c, posts } = await openCase(
    tx,
    { dir: ctx.dir, now: ctx.now, counts, reporter: shape.reporter, needs },
    data,
    ctx.msg.attachments,
    ctx.msg.key,
    more,
  )
  ctx.posts.push(...posts)
  // What a private ring said is kept for the volunteer who takes it, never on the case's public text.
  if (shape.private) await tx.addEvent(c.id, ctx.me.id, 'details', { text: said }, ctx.now)
  if (shape.helper) await tx.addEvent(c.id, shape.helper.id, 'rungFor', { reporter: shape.reporter.id }, ctx.now)
  const here = ctx.msg.conversation
  const followedHere = shape.origin.platform === here.platform && shape.origin.chatId === here.id
  if (shape.helper) ctx.reply([ctx.t.proxyRung({ no: c.number, name: shape.reporter.name })], { caseId: c.id })
  else if (!followedHere) ctx.reply([ctx.t.privateNoted({ no: c.number })], { caseId: c.id })
  return c
}

export async function ring(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  // A bare 按铃 in a group: right after the safety advice, the words said then (hazard-ring.ts); else, what about?
  if (!cmd.text) return (await ringHazardWords(store, ctx, cmd, ring)) ?? ctx.reply([ctx.t.emptyRing()])
  const shape = await shapeRing(store, ctx, cmd)
  if (!shape) return
  const { dir } = ctx
  const categories = dir.community.settings.categories
  const said = stripTags(maskContacts(cmd.text), categories)
  const category = categorize(cmd.text, categories)
  const place = locate(cmd.text, shape.groupPlaces, dir.places) || dir.community.name
  const contact = findContacts(cmd.text)[0] ?? null
  const data = {
    ...newCase(ctx, shape, shape.private ? ctx.groupT.privateText() : said, category, place, contact),
    urgency: urgencyOf(cmd.text, dir.community.settings.urgency),
  }
  // An urgent ring names the household's special needs to those who go (issue 14's list).
  const needs = data.urgency ? needWords(ctx.groupT, await needsOfPerson(store, shape.reporter.id)) : undefined
  // A neighbour's case rung moments ago about the same thing: this ring joins it (issue 12).
  const incident = shape.private || shape.helper ? undefined : await incidentOf(store, ctx, { ...data, text: said })
  const like = shape.private || incident ? undefined : await likeOpen(store, ctx, { ...data, text: said })
  // Reads happen before the transaction: it holds SQLite's only connection while it runs.
  const counts = await store.openCaseCounts(dir.community.id)
  return async (tx) => {
    // One person's repeat or flood is theirs to screen; a helper ringing for several neighbours is not a flood.
    // An urgent ring is never held or refused for the rate: only a repeat of it is folded.
    const urgent = data.urgency !== null
    if (!shape.helper && !shape.private && (await screenRing(tx, ctx, data, urgent))) return
    if (shape.private && !urgent && (await overRate(tx, ctx, shape.reporter.id))) return
    if (incident && (await joinIncident(tx, ctx, incident, data, said, ctx.msg.attachments))) return
    const more: Part[] = like ? ['\n', ctx.groupT.looksLike({ no: like.number, text: short(like.text) })] : []
    const c = await open(tx, counts, ctx, shape, data, said, more, needs)
    if (like) await tx.addEvent(c.id, null, 'looksLike', { number: like.number }, ctx.now)
  }
}

/** 再按铃 N …: the problem of closed case N is back, after the window in which 不满意 reopens it. */
export async function again(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const old = await findCase(store, ctx, cmd)
  if (!old) return
  if (old.reporterId !== ctx.me.id) return ctx.reply([ctx.t.notReporter({ no: old.number })], { caseId: old.id })
  if (old.status !== 'closed')
    return ctx.reply([ctx.t.againNotClosed({ no: old.number, status: ctx.t.statusName(old.status) })], {
      caseId: old.id,
    })
  // A private case's words are in its log, not on its public text; its follow-up is private too.
  const details = old.originGroupId === null ? await store.latestEvent(old.id, ['details']) : undefined
  const shape = await shapeRing(store, ctx, { ...cmd, private: details ? true : undefined })
  if (!shape) return
  const categories = ctx.dir.community.settings.categories
  const told = cmd.text ? stripTags(maskContacts(cmd.text), categories) : ''
  const before = typeof details?.payload.text === 'string' ? details.payload.text : old.text
  const said = told ? `${before}：${told}` : before
  const contact = findContacts(typedText(ctx.msg))[0] ?? old.contact
  // The old case's kind and place; followed where the old one was when rung from elsewhere.
  const data = {
    ...newCase(ctx, shape, shape.private ? ctx.groupT.privateText() : said, old.category, old.place, contact),
    // The gas smell back is as urgent as the first time (issue 11).
    urgency: urgencyOf(said, ctx.dir.community.settings.urgency),
  }
  const needs = data.urgency ? needWords(ctx.groupT, await needsOfPerson(store, shape.reporter.id)) : undefined
  const counts = await store.openCaseCounts(ctx.dir.community.id)
  return async (tx) => {
    // Said twice, it is one new case, as any ring said twice is.
    if (!shape.private && (await screenRing(tx, ctx, data, data.urgency !== null))) return
    const c = await open(tx, counts, ctx, shape, data, said, [ctx.groupT.follows({ no: old.number })], needs)
    await tx.addEvent(c.id, ctx.me.id, 'follows', { number: old.number }, ctx.now)
  }
}
