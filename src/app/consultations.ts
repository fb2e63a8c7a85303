// Consultations (征询) and polls (投票), issue 14: the committee opens one, it is announced in the
// residents' groups it covers, neighbours answer in plain words (answers.ts binds them), each answer is
// confirmed privately, progress is posted now and then, and the result at the deadline (or 结束 N) says
// whether the threshold was met — and moves a linked case on. Who answered what: the committee only.
import { shortPlace } from '../domain/classify.js'
import { isRefusal, transition } from '../domain/case.js'
import type { Command } from '../domain/commands.js'
import {
  percent,
  readAnswer,
  readConsultation,
  readVote,
  tally,
  voterKey,
  type ConsultError,
} from '../domain/consultation.js'
import { overlaps, withinAny } from '../domain/household.js'
import { parseDuration } from '../domain/duration.js'
import { formatStamp, formatWhen } from '../domain/time.js'
import type { Catalogue } from '../i18n/index.js'
import { BOUND } from './answers.js'
import type { ConsultationRow } from './consult-ports.js'
import {
  closeWork,
  countsText,
  coveredCount,
  coveredGroups,
  label,
  placesText,
  resultText,
  thresholdText,
} from './consult-result.js'
import type { Ctx, Plan } from './context.js'
import { writeRows } from './csv.js'
import { toOrigin } from './dispatch.js'
import { allowed } from './gate.js'
import { Conflict, type CaseRow, type Directory, type Store, type Tx } from './ports.js'
import { privately } from './private-reply.js'
import { rawArgs } from './raw-text.js'
import { deadlineJob, progressJob, reminderJob } from './timers/consult-jobs.js'
import { resetTimers } from './timers/reset.js'

// ---- open ---------------------------------------------------------------------------------------------

/** 征询 … (a consultation, 同意/反对 by default) · 发起投票 … (a poll between options) · 征询 3 · 征询 */
export async function open(store: Store, ctx: Ctx, cmd: Command, kind: 'consult' | 'poll'): Promise<Plan | void> {
  const { dir, now, me } = ctx
  const text = rawArgs(ctx, cmd)
  const number = /^[#【]?(?:征询|投票)?\s*(\d{1,6})】?$/.exec(text)
  if (number) return status(store, ctx, Number(number[1]))
  // 征询 is a word neighbours use too: only the committee (and staff) open one; anyone else is not answered in a group.
  if (!allowed(ctx, 'committee'))
    return ctx.msg.conversation.kind === 'direct' ? ctx.reply([ctx.t.notAllowed({ role: 'committee' })]) : undefined
  if (!text) return list(store, ctx)
  const spec = readConsultation(text, {
    kind,
    now,
    tz: dir.community.timezone,
    known: dir.places,
    defaultPlaces: ctx.group?.role === 'residents' ? ctx.group.places : [],
    defaultOptions: ctx.groupT.defaultOptions(),
    defaultDeadlineMs: parseDuration(dir.community.settings.consult.deadline),
  })
  if ('error' in spec) return ctx.reply([explainConsult(ctx, spec, kind)])
  const groups = coveredGroups(dir, spec.places)
  if (!groups.length) return ctx.reply([ctx.t.noGroupCovers({ places: placesText(ctx.t, dir, spec.places) })])
  const covered = await coveredCount(store, { communityId: dir.community.id, ...spec, total: spec.total ?? null })
  if (spec.threshold?.basis === 'covered' && !covered) return ctx.reply([ctx.t.needTotal({ unit: spec.unit })])
  let linked: CaseRow | undefined
  if (spec.caseNo !== undefined) {
    linked = await store.getCase(dir.community.id, spec.caseNo)
    if (!linked) return ctx.reply([ctx.t.unknownCase({ no: spec.caseNo })])
    if (!['open', 'claimed', 'deliberation'].includes(linked.status))
      return ctx.reply([ctx.t.wrongState({ no: linked.number, status: ctx.t.statusName(linked.status) })])
  }
  const live = await store.consult.liveConsultations(dir.community.id)
  if (linked && live.some((c) => c.caseId === linked.id))
    return ctx.reply([ctx.t.caseAlreadyConsulted({ no: linked.number })])
  const r = tally(
    { kind, threshold: spec.threshold },
    spec.options.map(() => 0),
    covered || undefined,
  )
  return async (tx) => {
    const c = await tx.consult.createConsultation(dir.community.id, {
      communityId: dir.community.id,
      kind,
      title: spec.title,
      detail: spec.detail,
      options: spec.options,
      places: spec.places,
      unit: spec.unit,
      threshold: spec.threshold,
      total: spec.total ?? null,
      deadline: spec.deadline,
      caseId: linked?.id ?? null,
      createdBy: me.id,
      createdAt: now,
    })
    await tx.schedule([deadlineJob(c), ...reminderJob(c, dir)], now)
    const msg = ctx.groupT
    const deadline = formatStamp(c.deadline, dir.community.timezone, dir.community.locale)
    const announcement = msg.announce({
      kind,
      label: label(msg, c),
      title: c.title,
      detail: c.detail,
      options: c.options,
      unit: c.unit,
      threshold: thresholdText(msg, c, r),
      deadline,
    })
    for (const g of groups) ctx.posts.push({ to: { groupId: g.id }, parts: [announcement], purpose: 'consult' })
    if (linked && linked.status !== 'deliberation') await deliberateInTx(ctx, tx, linked)
    if (linked)
      ctx.posts.push(...toOrigin(linked, [msg.caseToConsultation({ no: linked.number, label: label(msg, c) })]))
    ctx.reply([
      ctx.t.consultOpened({
        label: label(ctx.t, c),
        groups: groups.map((g) => g.name).join('、'),
        deadline: formatStamp(c.deadline, dir.community.timezone, ctx.locale),
        covered: covered || undefined,
        unit: c.unit,
      }),
    ])
  }
}

function explainConsult(ctx: Ctx, e: ConsultError, kind: 'consult' | 'poll'): string {
  const how = kind === 'consult' ? ctx.t.consultHow() : ctx.t.pollHow()
  switch (e.error) {
    case 'no_title':
      return how
    case 'need_options':
      return ctx.t.needOptions()
    case 'too_many_options':
      return ctx.t.tooManyOptions({ max: e.max })
    case 'same_options':
      return ctx.t.sameOptions()
    case 'unknown_place':
    case 'ambiguous_place':
      return ctx.t.unknownPlace({ place: e.place })
    case 'bad_threshold':
      return ctx.t.badThreshold({ text: e.text })
    case 'bad_deadline':
      return ctx.t.badDeadline({ text: e.text })
    case 'deadline_past':
      return ctx.t.deadlinePast()
    case 'deadline_far':
      return ctx.t.deadlineFar({ days: e.days })
  }
}

// ---- 议事 --------------------------------------------------------------------------------------------

/** A linked case goes to 议事 with the consultation that decides it: its ladder and reminders stop. */
async function deliberateInTx(ctx: Ctx, tx: Tx, c: CaseRow): Promise<void> {
  const r = transition(c, { id: ctx.me.id, roles: ctx.me.roles }, { type: 'deliberate' }, ctx.now)
  if (isRefusal(r)) return
  if (!(await tx.updateCase(c, r.next))) throw new Conflict()
  await tx.addEvent(c.id, ctx.me.id, r.event, r.payload, ctx.now)
  await resetTimers(tx, c, [], ctx.now)
}

// ---- answers ------------------------------------------------------------------------------------------

/** The open consultations a message can answer: those covering its group, or the speaker's household. */
async function liveFor(store: Store, ctx: Ctx): Promise<ConsultationRow[]> {
  const live = await store.consult.liveConsultations(ctx.dir.community.id)
  if (ctx.group)
    return ctx.group.role === 'residents' ? live.filter((c) => overlaps(c.places, ctx.group!.places)) : live
  const home = await store.consult.householdOf(ctx.me.id)
  return home ? live.filter((c) => withinAny(home.household.path, c.places)) : live
}

/**
 * An answer: 投票 3 同意, or plain words answers.ts bound to an open consultation. Confirmed privately;
 * the group the answer was given in hears nothing at all about it.
 */
export async function vote(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const { dir, now, me } = ctx
  const inGroup = ctx.msg.conversation.kind === 'group'
  // Bound by answers.ts (a number, or a quote) or typed as 投票 3 同意.
  const said = cmd.caseNo !== undefined ? { no: cmd.caseNo, answer: cmd.text } : readVote(cmd.text)
  // Typed as 投票 in a group with words that answer nothing: the neighbours talking about a vote.
  const meant = !inGroup || ctx.msg.replyTo !== undefined || said.no !== undefined || cmd.alias === BOUND
  let c: ConsultationRow | undefined
  if (said.no === undefined) {
    const live = await liveFor(store, ctx)
    const matching = live.filter((x) => readAnswer(said.answer, x.options) !== undefined)
    if (matching.length === 1) c = matching[0]
    else if (!live.length) return inGroup && !meant ? undefined : privately(ctx, [ctx.t.noneLive()])
    else if (!said.answer || matching.length > 1 || live.length > 1) {
      // 投票 alone, or words several consultations would take: which one, and how.
      if (inGroup && !meant && said.answer) return
      return privately(ctx, [ctx.t.whichOne({ list: live.map((x) => liveLine(ctx.t, dir, x)).join('\n') })])
    } else {
      if (inGroup && !meant) return
      return privately(ctx, [ctx.t.howToAnswer({ label: label(ctx.t, live[0]!), options: live[0]!.options })])
    }
  } else c = await store.consult.consultation(dir.community.id, said.no)
  if (!c) return privately(ctx, [ctx.t.unknownConsultation({ no: said.no ?? 0 })])
  if (c.status === 'closed' || c.deadline <= now)
    return privately(ctx, [ctx.t.consultClosed({ label: label(ctx.t, c) })])
  const option = readAnswer(said.answer, c.options)
  if (option === undefined) return privately(ctx, [ctx.t.howToAnswer({ label: label(ctx.t, c), options: c.options })])

  const home = await store.consult.householdOf(me.id)
  const here = ctx.group?.role === 'residents' ? ctx.group.places : undefined
  let voter: string
  if (c.unit === 'household') {
    if (!home) return privately(ctx, [ctx.t.needRegister({ label: label(ctx.t, c) })])
    if (!withinAny(home.household.path, c.places))
      return privately(ctx, [
        ctx.t.notCovered({ label: label(ctx.t, c), places: placesText(ctx.t, dir, c.places), unit: c.unit }),
      ])
    voter = voterKey('household', me.id, { id: home.household.id, confirmed: home.confirmed })
  } else {
    // A person answers where they live: their household, or a residents' group that lies within the places.
    const covered =
      !c.places.length ||
      (home !== undefined && withinAny(home.household.path, c.places)) ||
      (here !== undefined && here.length > 0 && here.every((p) => withinAny(p, c.places)))
    if (!covered)
      return privately(ctx, [
        home || inGroup
          ? ctx.t.notCovered({ label: label(ctx.t, c), places: placesText(ctx.t, dir, c.places), unit: c.unit })
          : ctx.t.needRegister({ label: label(ctx.t, c) }),
      ])
    voter = voterKey('person', me.id, undefined)
  }
  const consultation = c
  return async (tx) => {
    const r = await tx.consult.castVote(
      consultation.id,
      { voter, householdId: home?.household.id ?? null, personId: me.id, option },
      now,
    )
    if (r === 'closed') return privately(ctx, [ctx.t.consultClosed({ label: label(ctx.t, consultation) })])
    if (r !== 'same') await tx.schedule(progressJob(consultation, dir, now), now)
    privately(ctx, [
      ctx.t.voteTaken({
        how: r,
        label: label(ctx.t, consultation),
        title: consultation.title,
        option: consultation.options[option]!,
        place: consultation.unit === 'household' && home ? shortPlace(home.household.path) : undefined,
        pending: voter.startsWith('u:'),
        deadline: formatStamp(consultation.deadline, dir.community.timezone, ctx.locale),
      }),
    ])
  }
}

const liveLine = (msg: Catalogue, dir: Directory, c: ConsultationRow) =>
  msg.liveLine({
    label: label(msg, c),
    title: c.title,
    options: c.options,
    deadline: formatStamp(c.deadline, dir.community.timezone, dir.community.locale),
  })

/** 结束 3 (or quoting the announcement with 结束): the result now. */
export async function close(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const no = cmd.caseNo ?? (ctx.msg.replyTo ? quotedNumber(ctx) : undefined)
  if (no === undefined) return ctx.reply([ctx.t.needConsultNo({ example: `${cmd.alias} 1` })])
  const c = await store.consult.consultation(ctx.dir.community.id, no)
  if (!c) return ctx.reply([ctx.t.unknownConsultation({ no })])
  if (c.status === 'closed') return ctx.reply([ctx.t.consultClosed({ label: label(ctx.t, c) })])
  const work = await closeWork(store, ctx.dir, c, ctx.now, ctx.me.id, () => {
    throw new Conflict()
  })
  await ctx.load(store, ...work.dir.people.map((p) => p.id).filter((id) => !ctx.person(id)))
  return async (tx) => {
    await work.plan(tx)
    ctx.posts.push(...work.posts)
  }
}

const quotedNumber = (ctx: Ctx): number | undefined => {
  const m = /【(?:征询|投票|consultation|poll)\s*(\d{1,6})】/i.exec(ctx.msg.replyTo?.preview ?? '')
  return m ? Number(m[1]) : undefined
}

// ---- reading ------------------------------------------------------------------------------------------

/** 征询 3: where it stands — totals only, as the groups see them; the committee also hears who is left. */
export async function status(store: Store, ctx: Ctx, no: number): Promise<void> {
  const c = await store.consult.consultation(ctx.dir.community.id, no)
  if (!c) return ctx.reply([ctx.t.unknownConsultation({ no })])
  if (c.status === 'closed' && c.result) {
    const { pending } = await store.consult.voteCounts(c.id, c.options.length)
    return ctx.reply([resultText(ctx.t, c, c.result, pending)])
  }
  const { counts } = await store.consult.voteCounts(c.id, c.options.length)
  const r = tally(c, counts, await coveredCount(store, c))
  ctx.reply([
    ctx.t.progress({
      label: label(ctx.t, c),
      title: c.title,
      answered: r.answered,
      covered: r.covered,
      turnout: r.covered ? percent(r.answered, r.covered) : undefined,
      counts: countsText(ctx.t, c, r),
      unit: c.unit,
      deadline: formatWhen(c.deadline, ctx.now, ctx.dir.community.timezone, ctx.locale),
    }),
  ])
}

/** 征询 alone: the recent ones, open first, and how to open one. */
async function list(store: Store, ctx: Ctx): Promise<void> {
  const recent = await store.consult.recentConsultations(ctx.dir.community.id, 20)
  const tz = ctx.dir.community.timezone
  const lines = recent.map((c) =>
    ctx.t.consultListLine({
      label: label(ctx.t, c),
      title: c.title,
      open: c.status === 'open',
      deadline: formatStamp(c.deadline, tz, ctx.locale),
      met: c.result?.met,
    }),
  )
  ctx.reply([
    [lines.length ? ctx.t.consultListHead() : ctx.t.consultListEmpty(), ...lines, ctx.t.consultHow()].join('\n'),
  ])
}

/**
 * 征询名单 3: who answered what, and which households have not, as CSV text for the paper archive (and
 * for the volunteers going door to door) — privately to the committee member, never in a group.
 */
export async function votes(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const no = cmd.caseNo ?? (ctx.msg.replyTo ? quotedNumber(ctx) : undefined)
  if (no === undefined) return ctx.reply([ctx.t.needConsultNo({ example: `${cmd.alias} 1` })])
  const c = await store.consult.consultation(ctx.dir.community.id, no)
  if (!c) return ctx.reply([ctx.t.unknownConsultation({ no })])
  const given = await store.consult.voteList(c.id)
  const tz = ctx.dir.community.timezone
  const answered = new Set(given.flatMap((v) => (v.counted && v.householdId !== null ? [v.householdId] : [])))
  const silent =
    c.unit === 'household'
      ? (await store.consult.households(c.communityId, c.places)).filter((h) => !answered.has(h.id))
      : []
  const h = ctx.t.voteListColumns()
  const rows: (string | number)[][] = [
    [h.household, h.answer, h.by, h.at, h.changes, h.counted],
    ...given.map((v) => [
      v.path ? shortPlace(v.path) : '',
      c.options[v.option] ?? '?',
      v.name,
      formatStamp(v.at, tz, ctx.locale),
      v.changes,
      v.counted ? h.yes : h.pendingConfirm,
    ]),
    ...silent.map((x) => [shortPlace(x.path), h.none, '', '', '', '']),
  ]
  privately(
    ctx,
    [
      `${ctx.t.voteListHead({ label: label(ctx.t, c), title: c.title, answered: given.length, silent: silent.length, unit: c.unit })}\n${writeRows(rows).trimEnd()}`,
    ],
    { sayInGroup: true },
  )
}
