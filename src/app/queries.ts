// Read-only answers: status, my cases, lists, figures, help, how to ring.
import { commandTable, type Command } from '../domain/commands.js'
import type { Who } from '../domain/roles.js'
import { allowed } from './gate.js'
import { shortPlace } from '../domain/classify.js'
import { figures } from '../domain/figures.js'
import { periodStart, type Period } from '../domain/time.js'
import type { Status } from '../domain/case.js'
import type { Ctx } from './context.js'
import type { CaseRow, Store } from './ports.js'
import { findCase } from './cases.js'

function line(ctx: Ctx, c: CaseRow): string {
  return ctx.t.listLine({
    no: c.number,
    category: c.category,
    place: shortPlace(c.place),
    text: c.text,
    status: ctx.t.statusName(c.status, c.closeReason),
    claimant: ctx.person(c.claimantId)?.name,
  })
}

/** Where a case is: who has it, its latest 进展, and how long since it was rung. */
export async function status(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const c = await findCase(store, ctx, cmd)
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

export async function mine(store: Store, ctx: Ctx): Promise<void> {
  const cases = await store.listCases(ctx.dir.community.id, {
    claimantId: ctx.me.id,
    statuses: ['claimed', 'resolved'],
  })
  ctx.reply([[ctx.t.mineHead({ count: cases.length }), ...cases.map((c) => line(ctx, c))].join('\n')])
}

const listStatuses: Record<string, Status[]> = {
  open: ['open'],
  claimed: ['claimed'],
  resolved: ['resolved'],
  closed: ['closed'],
  all: ['open', 'claimed', 'resolved', 'closed', 'deliberation'],
  active: ['open', 'claimed', 'resolved', 'deliberation'],
}

export async function list(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const which = cmd.option ?? 'active'
  const cases = await store.listCases(ctx.dir.community.id, { statuses: listStatuses[which] })
  // A chat message has to stay readable: the newest 30, and the count says if there are more.
  const shown = cases.slice(-30)
  ctx.reply([
    cases.length
      ? [
          ctx.t.listHead({ title: ctx.t.listTitle(which), count: cases.length }),
          ...shown.map((c) => line(ctx, c)),
        ].join('\n')
      : ctx.t.listEmpty(),
  ])
}

export async function stats(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const period = (cmd.option ?? 'month') as Period
  const since = periodStart(period, ctx.now, ctx.dir.community.timezone)
  const cases = await store.listCases(ctx.dir.community.id, { since })
  ctx.reply([ctx.t.stats({ period, ...figures(cases) })])
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
