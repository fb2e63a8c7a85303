// Notices (公示 / 通知), issue 14: the committee posts one to chosen residents' groups (pinned where the
// platform lets the bot), keeps a numbered list (公示 列表), and appends updates — 施工动态, 资金流向 with
// amounts and a running account. A notice about an outage tells staff and volunteers how many households
// with needs it touches (counts by building; never who).
import { PIN_PURPOSE } from '../chat/types.js'
import { shortPlace } from '../domain/classify.js'
import type { Command } from '../domain/commands.js'
import { withinAny } from '../domain/household.js'
import { disruptive, formatMoney, fundTotals, readNotice, readNoticeUpdate } from '../domain/notice.js'
import { formatStamp } from '../domain/time.js'
import type { NoticeRow } from './consult-ports.js'
import { coveredGroups } from './consult-result.js'
import type { Ctx, Plan } from './context.js'
import { staffOf } from './dispatch.js'
import { allowed } from './gate.js'
import { countByBuilding } from './households.js'
import type { Store } from './ports.js'
import type { Post } from './posts.js'
import { rawArgs } from './raw-text.js'
import { boundGroups } from './directory.js'

const labelOf = (alias: string) => (alias === '通知' ? '通知' : '公示')

export async function notice(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const text = rawArgs(ctx, cmd)
  const committee = allowed(ctx, 'committee')
  const direct = ctx.msg.conversation.kind === 'direct'
  // "通知：明天停水" forwarded by a neighbour is conversation: only the committee posts, and only its
  // words (or a question to the bot) are answered.
  if (!text) return committee || direct ? list(store, ctx) : undefined
  if (/^(?:列表|清单|全部|list)$/i.test(text)) return list(store, ctx)
  const numbered = /^(\d{1,6})(?=\s|$)([\s\S]*)$/.exec(text)
  if (numbered && !numbered[2]!.trim()) return show(store, ctx, Number(numbered[1]))
  if (!committee) return direct || numbered ? ctx.reply([ctx.t.notAllowed({ role: 'committee' })]) : undefined
  if (numbered) return update(store, ctx, Number(numbered[1]), numbered[2]!.trim())
  return post(store, ctx, labelOf(cmd.alias), text)
}

async function post(store: Store, ctx: Ctx, label: string, text: string): Promise<Plan | void> {
  const { dir, now, me } = ctx
  const spec = readNotice(text, dir.places)
  if ('error' in spec) return ctx.reply([ctx.t.noticeHow()])
  const groups = coveredGroups(dir, spec.places)
  if (!groups.length)
    return ctx.reply([
      ctx.t.noGroupCovers({
        places: spec.places.length
          ? spec.places.map(shortPlace).join('、')
          : ctx.t.everywhere({ name: dir.community.name }),
      }),
    ])
  // An outage, works, a storm: how many households with needs live where it applies (counts, by building).
  const touched = disruptive.test(`${spec.title}\n${spec.body}`)
    ? countByBuilding(
        (await store.consult.needsWithin(dir.community.id, '')).filter((r) => withinAny(r.path, spec.places)),
        dir.places,
      )
    : []
  return async (tx) => {
    const n = await tx.consult.createNotice(dir.community.id, {
      communityId: dir.community.id,
      label,
      title: spec.title,
      body: spec.body,
      groups: groups.map((g) => g.id),
      places: spec.places,
      pinned: spec.pin,
      createdBy: me.id,
      createdAt: now,
    })
    const msg = ctx.groupT
    const said = msg.noticePost({ label: msg.noticeLabel(label, n.number), title: n.title, body: n.body })
    for (const g of groups)
      ctx.posts.push({ to: { groupId: g.id }, parts: [said], purpose: spec.pin ? PIN_PURPOSE : 'notice' })
    if (touched.length) {
      const counts = touched
        .map(([b, byNeed]) =>
          msg.needsCount({
            place: shortPlace(b),
            counts: byNeed.map(([k, c]) => msg.needCount({ need: msg.needName(k), count: c })).join('、'),
          }),
        )
        .join('\n')
      const heads = msg.noticeTouches({ label: msg.noticeLabel(label, n.number), title: n.title, counts })
      const volunteers = boundGroups(dir, 'volunteers')
      const posts: Post[] = [
        ...volunteers.map((g): Post => ({ to: { groupId: g.id }, parts: [heads], purpose: 'notice' })),
        ...staffOf(dir).map((s): Post => ({ to: { personId: s.id }, parts: [heads], purpose: 'notice' })),
      ]
      ctx.posts.push(...posts)
    }
    ctx.reply([
      ctx.t.noticePosted({
        label: ctx.t.noticeLabel(label, n.number),
        groups: groups.map((g) => g.name).join('、'),
        pinned: spec.pin,
      }),
    ])
  }
}

/** 公示 3 资金流向 支出 12,800元 材料费 · 公示 3 施工动态 围墙已拆除 — appended, and posted where the notice went. */
async function update(store: Store, ctx: Ctx, no: number, text: string): Promise<Plan | void> {
  const { dir, now, me } = ctx
  const n = await store.consult.notice(dir.community.id, no)
  if (!n) return ctx.reply([ctx.t.unknownNotice({ no })])
  const u = readNoticeUpdate(text.replace(/\n/g, ' '))
  if (!u) return ctx.reply([ctx.t.noticeUpdateHow({ no })])
  const groups = dir.groups.filter((g) => n.groups.includes(g.id) && g.chats.length)
  return async (tx) => {
    await tx.consult.addNoticeUpdate(n.id, { kind: u.kind, text: u.text, amount: u.amount ?? null, by: me.id, at: now })
    const msg = ctx.groupT
    const totals = u.amount === undefined ? undefined : fundTotals(await tx.consult.fundAmounts(n.id))
    const said = msg.noticeUpdate({
      label: msg.noticeLabel(n.label, n.number),
      title: n.title,
      kind: msg.updateKind(u.kind),
      text: u.text,
      totals: totals && {
        income: formatMoney(totals.income, dir.community.locale),
        spent: formatMoney(totals.spent, dir.community.locale),
        balance: formatMoney(totals.balance, dir.community.locale),
      },
    })
    for (const g of groups) ctx.posts.push({ to: { groupId: g.id }, parts: [said], purpose: 'notice' })
    if (!groups.length) ctx.reply([said])
  }
}

async function show(store: Store, ctx: Ctx, no: number): Promise<void> {
  const { dir } = ctx
  const n = await store.consult.notice(dir.community.id, no)
  if (!n) return ctx.reply([ctx.t.unknownNotice({ no })])
  ctx.reply([full(ctx, n)])
}

function full(ctx: Ctx, n: NoticeRow): string {
  const tz = ctx.dir.community.timezone
  const amounts = n.updates.flatMap((u) => (u.amount === null ? [] : [u.amount]))
  const totals = amounts.length ? fundTotals(amounts) : undefined
  const updates = n.updates.slice(-10)
  return [
    ctx.t.noticePost({ label: ctx.t.noticeLabel(n.label, n.number), title: n.title, body: n.body }),
    ctx.t.noticeMeta({
      at: formatStamp(n.createdAt, tz, ctx.locale),
      places: n.places.length
        ? n.places.map(shortPlace).join('、')
        : ctx.t.everywhere({ name: ctx.dir.community.name }),
    }),
    ...(n.updates.length > updates.length ? [ctx.t.andMore({ count: n.updates.length - updates.length })] : []),
    ...updates.map((u) =>
      ctx.t.noticeUpdateLine({ at: formatStamp(u.at, tz, ctx.locale), kind: ctx.t.updateKind(u.kind), text: u.text }),
    ),
    ...(totals
      ? [
          ctx.t.fundTotals({
            income: formatMoney(totals.income, ctx.locale),
            spent: formatMoney(totals.spent, ctx.locale),
            balance: formatMoney(totals.balance, ctx.locale),
          }),
        ]
      : []),
  ].join('\n')
}

/** 公示 列表: the numbered list, newest first. */
async function list(store: Store, ctx: Ctx): Promise<void> {
  const { dir } = ctx
  const recent = await store.consult.recentNotices(dir.community.id, 20)
  if (!recent.length) return ctx.reply([ctx.t.noticeListEmpty()])
  const tz = dir.community.timezone
  ctx.reply([
    [
      ctx.t.noticeListHead({ count: recent.length }),
      ...recent.map((n) =>
        ctx.t.noticeListLine({
          label: ctx.t.noticeLabel(n.label, n.number),
          title: n.title,
          at: formatStamp(n.createdAt, tz, ctx.locale),
          updates: n.updates.length,
          places: n.places.length
            ? n.places.map(shortPlace).join('、')
            : ctx.t.everywhere({ name: dir.community.name }),
        }),
      ),
      ctx.t.noticeListFoot(),
    ].join('\n'),
  ])
}
