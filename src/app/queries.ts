// Read-only answers: status, my cases, lists, figures, a case's history, help, how to ring.
import { commandTable, readList, type Command } from '../domain/commands.js'
import type { Who } from '../domain/roles.js'
import { allowed } from './gate.js'
import { shortPlace } from '../domain/classify.js'
import { formatStamp } from '../domain/time.js'
import { statuses, unfinished, type Status } from '../domain/case.js'
import type { Ctx } from './context.js'
import type { CaseRow, ChartSpec, FigureScope, OutFile, Store } from './ports.js'
import { findCase } from './cases.js'
import { bindOne, whereFollowed } from './bound-case.js'
import { figuresFor, filterOf, keyNames, readQuery, resolvePeriod, totalFigures } from './figures.js'
import { weeksOf } from '../domain/periods.js'
import { urgencyName, withUrgencyWords } from './urgent.js'

/** An urgent case's class in the reader's words, or undefined for an ordinary one. */
const urgentOf = (ctx: Ctx, c: CaseRow): string | undefined =>
  c.urgency ? urgencyName(ctx.t, ctx.dir.community.settings.urgency, c.urgency) : undefined

function line(ctx: Ctx, c: CaseRow): string {
  return ctx.t.listLine({
    no: c.number,
    category: c.category,
    place: shortPlace(c.place),
    text: c.text,
    status: ctx.t.statusName(c.status, c.closeReason),
    claimant: ctx.person(c.claimantId)?.name,
    urgent: urgentOf(ctx, c),
  })
}

/** Where a case is: who has it, its latest 进展, and how long since it was rung. */
export async function status(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const c = cmd.implicit ? await ownRing(store, ctx) : await findCase(store, ctx, cmd)
  if (!c) return
  const latest = c.status === 'closed' ? undefined : await store.latestEvent(c.id, ['noted'])
  const note = typeof latest?.payload.text === 'string' ? latest.payload.text : undefined
  await ctx.load(store, latest?.actorId ?? null)
  ctx.reply(
    [
      ctx.t.status({
        no: c.number,
        category: c.category,
        place: shortPlace(c.place),
        text: c.text,
        status: ctx.t.statusName(c.status, c.closeReason),
        claimant: ctx.person(c.claimantId)?.name,
        // how long it has been open, once that is a minute or more
        age:
          c.status === 'closed' || ctx.now.getTime() - c.createdAt.getTime() < 60_000
            ? undefined
            : ctx.t.duration(ctx.now.getTime() - c.createdAt.getTime()),
        note:
          latest && note
            ? {
                text: note,
                by: ctx.person(latest.actorId)?.name ?? '?',
                ago: ctx.t.duration(ctx.now.getTime() - latest.at.getTime()),
              }
            : undefined,
      }),
    ],
    { caseId: c.id },
  )
}

/**
 * 进度？ with no number: the asker's one unfinished ring followed here (several: which one?). None: in a
 * group the word was conversation; privately, a short answer.
 */
async function ownRing(store: Store, ctx: Ctx): Promise<CaseRow | undefined> {
  const rings = await store.listCases(ctx.dir.community.id, {
    reporterId: ctx.me.id,
    statuses: statuses.filter((x) => x !== 'closed'),
  })
  const b = await bindOne(
    ctx,
    rings.filter((c) => whereFollowed(ctx, c)),
    (no) => `进度 ${no}`,
    store,
  )
  if ('c' in b) return b.c
  if ('none' in b && ctx.msg.conversation.kind === 'direct') ctx.reply([ctx.t.noRingOpen()])
  return undefined
}

export async function mine(store: Store, ctx: Ctx): Promise<void> {
  const cases = await store.listCases(ctx.dir.community.id, {
    claimantId: ctx.me.id,
    statuses: ['claimed', 'resolved'],
  })
  ctx.reply([[ctx.t.mineHead({ count: cases.length }), ...cases.map((c) => line(ctx, c))].join('\n')])
}

const listStatuses: Record<string, Status[]> = {
  ...Object.fromEntries(statuses.map((st) => [st, [st]])),
  all: [...statuses],
  active: [...unfinished, 'referred'],
}

/** A chat message has to stay readable on a phone: a page at a time, with the count and the way on. */
export const PAGE = 20

export async function list(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const q = readList(cmd.text)
  if ('error' in q) return ctx.reply([ctx.t.listUsage({ word: q.error })])
  // Waiting cases read as a queue (longest waiting first); finished ones as history (newest first).
  const oldestFirst = q.which !== 'closed' && q.which !== 'all'
  const { rows, total } = await store.pageCases(ctx.dir.community.id, listStatuses[q.which]!, {
    offset: (q.page - 1) * PAGE,
    limit: PAGE,
    oldestFirst,
  })
  // Said with what was asked for: 「未办结：没有」 tells the committee everything is done.
  if (!total) return ctx.reply([ctx.t.listEmpty({ title: ctx.t.listTitle(q.which) })])
  const pages = Math.ceil(total / PAGE)
  const page = Math.min(q.page, pages)
  const shown = page === q.page ? rows : []
  const word = cmd.alias.startsWith('/') ? cmd.alias : cmd.alias
  const option = q.which === 'active' ? '' : ` ${cmd.text.split(/\s+/).find((w) => !/\d/.test(w)) ?? q.which}`
  await ctx.load(store, ...shown.map((c) => c.claimantId))
  ctx.reply([
    [
      `${ctx.t.listHead({ title: ctx.t.listTitle(q.which), count: total })}${pages > 1 ? ctx.t.listPage({ page, pages }) : ''}`,
      ...shown.map((c) => line(ctx, c)),
      ...(page < pages ? [ctx.t.listNext({ next: `${word}${option} ${page + 1}` })] : []),
    ].join('\n'),
  ])
}

const SPLIT_LINES = 30

/** 统计 [period] [breakdown | part] [图]: the figures, counted by the database. */
export async function stats(store: Store, ctx: Ctx, cmd: Command, chart?: (spec: ChartSpec) => Promise<OutFile>) {
  const { dir, now } = ctx
  const q = readQuery(cmd.text, dir)
  if ('error' in q) return ctx.reply([ctx.t.statsUsage({ word: q.error })])
  const period = resolvePeriod(q.period, now, dir, { kind: 'month' })
  const filter = filterOf(q, dir)
  const communityIds = q.split === 'community' ? await store.communityIds() : [dir.community.id]
  const scope: FigureScope = { communityIds, from: period.from, to: period.to, filter }
  const title = [ctx.t.periodTitle(period), q.filter ? Object.values(q.filter)[0]! : '']
    .filter(Boolean)
    .map((s) => (s.includes('/') ? shortPlace(s) : s))
    .join(' ')
  if (q.chart) return chartReply(store, ctx, scope, title, chart)
  const total = await totalFigures(store, scope)
  if (!q.split || !total.rings) return ctx.reply([ctx.t.stats({ title, f: total })])
  const rows = await figuresFor(store, scope, q.split)
  const names = await keyNames(
    store,
    dir,
    q.split,
    rows.map((r) => r.key),
    q.split === 'urgency' ? ctx.t.urgencyOrdinary() : ctx.t.statsNobody(),
  )
  // Busiest first; a phone screen holds about thirty lines, and the export has them all.
  const sorted = rows.sort((a, b) => b.f.rings - a.f.rings || a.key.localeCompare(b.key))
  const shown = sorted.slice(0, SPLIT_LINES)
  ctx.reply([
    [
      ctx.t.stats({ title, f: total, urgentApart: q.split === 'urgency' }),
      '',
      ctx.t.statsSplitHead({ title, by: q.split }),
      ...shown.map((r) => ctx.t.statsSplitLine({ name: names.get(r.key) ?? r.key, f: r.f, by: q.split })),
      ...(sorted.length > shown.length ? [ctx.t.andMore({ count: sorted.length - shown.length })] : []),
      ...(q.split === 'community' && communityIds.length === 1 ? [ctx.t.statsOnlyOneCommunity()] : []),
    ].join('\n'),
  ])
}

/** 统计 图: rings, accepted and done per week, and the completion rate, as a picture. */
async function chartReply(
  store: Store,
  ctx: Ctx,
  scope: FigureScope,
  title: string,
  chart?: (spec: ChartSpec) => Promise<OutFile>,
): Promise<void> {
  const tz = ctx.dir.community.timezone
  // 全部: from the first week with a ring (at most a year of weeks, so the bars stay readable).
  const from =
    scope.from ?? new Date(Math.max(ctx.now.getTime() - 52 * 7 * 86_400_000, (await firstRing(store, scope)) ?? 0))
  // Weeks so far: this month's chart stops at this week, not at the month's end.
  const to = new Date(Math.min(scope.to?.getTime() ?? Infinity, ctx.now.getTime() + 1))
  const edges = weeksOf(from, to, tz)
  // The first bar starts with the period, not with its week's Monday.
  if (edges.length && edges[0]! < from) edges[0] = from
  const rows = await figuresFor(store, { ...scope, from: edges[0] ?? from, to }, { edges })
  if (!rows.some((r) => r.f.rings) || !chart) return ctx.reply([ctx.t.chartEmpty({ title })])
  const byKey = new Map(rows.map((r) => [Number(r.key), r.f]))
  const weeks = edges.map((e, i) => ({ label: ctx.t.chartWeek({ day: dayLabel(ctx, e) }), f: byKey.get(i) }))
  const names = ctx.t.chartSeries()
  const file = await chart({
    title: ctx.t.chartTitle({ community: ctx.dir.community.name, title }),
    categories: weeks.map((w) => w.label),
    bars: [
      { name: names.rings, values: weeks.map((w) => w.f?.rings ?? 0) },
      { name: names.accepted, values: weeks.map((w) => w.f?.accepted ?? 0) },
      { name: names.done, values: weeks.map((w) => w.f?.done ?? 0) },
    ],
    line: {
      name: names.rate,
      values: weeks.map((w) => (w.f?.rate === undefined ? null : Math.round(w.f.rate * 1000) / 10)),
    },
  })
  ctx.reply([ctx.t.chartCaption({ title })], { file })
}

const dayLabel = (ctx: Ctx, d: Date) => formatStamp(d, ctx.dir.community.timezone, ctx.locale).split(' ')[0]!

async function firstRing(store: Store, scope: FigureScope): Promise<number | undefined> {
  const rows = await store.pageCases(scope.communityIds[0]!, [...statuses], { offset: 0, limit: 1, oldestFirst: true })
  return rows.rows[0]?.createdAt.getTime()
}

/** 记录 N: who did what, when — names and words, never a phone number. */
export async function history(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const c = await findCase(store, ctx, cmd)
  if (!c) return
  const tz = ctx.dir.community.timezone
  const entries = await store.timeline(c.id)
  const names = new Map([...ctx.everyone.people].map((p) => [p.id, p.name]))
  ctx.reply(
    [
      [
        ctx.t.historyHead({
          no: c.number,
          category: c.category,
          place: shortPlace(c.place),
          text: c.text,
          status: ctx.t.statusName(c.status, c.closeReason),
          urgent: urgentOf(ctx, c),
        }),
        ...entries.map((e) =>
          ctx.t.historyLine({
            when: formatStamp(e.at, tz, ctx.locale),
            who: e.actor,
            kind: e.kind,
            payload: {
              ...withUrgencyWords(ctx.t, ctx.dir.community.settings.urgency, c, e),
              ...(typeof e.payload.to === 'number' ? { toName: names.get(e.payload.to) } : {}),
            },
          }),
        ),
      ].join('\n'),
    ],
    { caseId: c.id },
  )
}

/**
 * 帮助: in a group, two or three lines (what this person does most) and the full list by direct message;
 * privately, the full list.
 */
export function help(ctx: Ctx): void {
  if (ctx.msg.conversation.kind === 'group') {
    const role: Who = allowed(ctx, 'staff') ? 'staff' : allowed(ctx, 'volunteer') ? 'volunteer' : 'anyone'
    ctx.reply([ctx.t.helpShort({ role })])
    ctx.toPerson(ctx.me.id, [fullHelp(ctx)], { purpose: 'help' })
    return
  }
  ctx.reply([fullHelp(ctx)])
}

/** 怎么按铃？ 这个机器人怎么用: a short how-to, where it was asked. */
export function howto(ctx: Ctx): void {
  ctx.reply([ctx.t.howTo()])
}

function fullHelp(ctx: Ctx): string {
  const order: Who[] = ['anyone', 'volunteer', 'staff', 'committee', 'admin']
  const sections = order
    .filter((w) => allowed(ctx, w))
    .map((who) => {
      const lines = commandTable
        .filter(
          (s) => (s.helpUnder ?? (s.who === 'reporter' ? 'anyone' : s.who)) === who && ctx.t.help[s.name] !== null,
        )
        .map((s) => (ctx.locale === 'en' ? `· ${ctx.t.help[s.name]}` : `· ${ctx.t.help[s.name]}（${s.en[0]}）`))
      return `【${ctx.t.helpSection(who)}】\n${lines.join('\n')}`
    })
  return [ctx.t.helpHead(), ...sections, ctx.t.helpFoot()].join('\n')
}
