// Duty switches, shifts (排班) and binding groups (绑定): the commands that change who is who.
import { readBinding, type Command } from '../domain/commands.js'
import { endOfLocalDay, formatShift, parseShift } from '../domain/rota.js'
import type { Ctx, Plan } from './context.js'
import { isOnDuty } from './dispatch.js'
import type { PersonRow } from './ports.js'

export function onduty(ctx: Ctx, on: boolean): Plan | void {
  if (!ctx.me.volunteer) return ctx.reply([ctx.t.notVolunteer()])
  const until = endOfLocalDay(ctx.now, ctx.dir.community.timezone)
  return async (tx) => {
    await tx.setManualDuty(ctx.me.id, on ? until : null, on ? null : until)
    ctx.reply([on ? ctx.t.onDuty() : ctx.t.offDuty()])
  }
}

const shiftLines = (ctx: Ctx, p: PersonRow): string[] =>
  (p.volunteer?.shifts ?? []).map((s, i) => {
    const r = parseShift(s.spec)
    return `  ${i + 1}. ${r.ok ? formatShift(r.rule, ctx.locale) : s.spec}`
  })

export function myshifts(ctx: Ctx): void {
  if (!ctx.me.volunteer) return ctx.reply([ctx.t.notVolunteer()])
  const on = isOnDuty(ctx.me, ctx.now, ctx.dir.community.timezone)
  const lines = shiftLines(ctx, ctx.me)
  ctx.reply([[ctx.t.myShifts({ on }), ...(lines.length ? lines : [ctx.t.noShifts()])].join('\n')])
}

/** 排班 列表 · 排班 钱阿姨 周一至周五 08:00-20:00 · 排班 删除 钱阿姨 [n] */
export function rota(ctx: Ctx, cmd: Command): Plan | void {
  const words = cmd.text.split(' ').filter(Boolean)
  const volunteers = ctx.dir.people.filter((p) => p.volunteer)
  const verb = words[0]?.toLowerCase()
  if (!verb || verb === '列表' || verb === 'list') {
    const tz = ctx.dir.community.timezone
    return ctx.reply([
      [
        ctx.t.rotaHead(),
        ...volunteers.flatMap((p) => [`${p.name}${isOnDuty(p, ctx.now, tz) ? ' ✅' : ''}`, ...shiftLines(ctx, p)]),
      ].join('\n'),
    ])
  }
  const removing = verb === '删除' || verb === 'remove'
  const name = removing ? words[1] : words[0]
  const who = volunteers.find((p) => p.name === name)
  if (!who) return ctx.reply([name ? ctx.t.rotaUnknown({ name }) : ctx.t.rotaUsage()])
  if (removing) {
    const n = words[2] ? Number(words[2]) : undefined
    const shifts = who.volunteer!.shifts
    const gone = n === undefined ? shifts : shifts.filter((_s, i) => i + 1 === n)
    if (!gone.length) return ctx.reply([ctx.t.rotaUsage()])
    return async (tx) => {
      for (const s of gone) await tx.removeShift(s.id)
      ctx.reply([ctx.t.rotaRemoved({ name: who.name, count: gone.length })])
    }
  }
  const spec = words.slice(1).join(' ')
  const parsed = parseShift(spec)
  if (!parsed.ok) return ctx.reply([ctx.t.rotaBadShift({ spec })])
  return async (tx) => {
    await tx.addShift(who.id, formatShift(parsed.rule, 'zh-CN'))
    ctx.reply([ctx.t.rotaAdded({ name: who.name, shift: formatShift(parsed.rule, ctx.locale) })])
  }
}

/** 绑定 锦绣新村 9幢 业主: this chat joins the group for that place and role (a group may span platforms). */
export function bind(ctx: Ctx, cmd: Command): Plan | void {
  if (ctx.msg.conversation.kind !== 'group') return ctx.reply([ctx.t.bindInGroup()])
  const b = readBinding(cmd.text)
  if (!b) return ctx.reply([ctx.t.bindUsage()])
  const known = ctx.dir.places
  const place = b.place
  if (b.role === 'residents' && !known.includes(place))
    return ctx.reply([ctx.t.bindUnknownPlace({ place: place || '—', known: known.join('、') })])
  const places = place ? [place] : []
  const existing = ctx.dir.groups.find((g) => g.role === b.role && (b.role !== 'residents' || g.places.includes(place)))
  const name = existing?.name ?? ctx.msg.conversation.title ?? `${place} ${b.role}`
  const chat = {
    platform: ctx.msg.conversation.platform,
    chatId: ctx.msg.conversation.id,
    title: ctx.msg.conversation.title,
  }
  return async (tx) => {
    await tx.bindChat(ctx.dir.community.id, chat, { name, role: b.role, places: existing?.places ?? places })
    ctx.reply([ctx.t.bound({ place: place || ctx.dir.community.name, role: b.role })])
  }
}
