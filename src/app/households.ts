// Households (户) and the special-needs list (帮扶清单), issue 14: a resident registers their room,
// staff confirm or import a roster, needs are recorded by staff and volunteers and read only by staff —
// and by a volunteer holding a case at that household. Nothing here is ever said in a group.
import { shortPlace } from '../domain/classify.js'
import type { Command } from '../domain/commands.js'
import { readPlaces } from '../domain/consultation.js'
import { buildingOf, readNeeds, readRoom, roomPath, type Need, type RoomError } from '../domain/household.js'
import { trimSeparators } from '../domain/text.js'
import type { NeedsRow } from './consult-ports.js'
import type { Ctx, Plan } from './context.js'
import { readRows } from './csv.js'
import { allowed } from './gate.js'
import type { Store } from './ports.js'
import { privately } from './private-reply.js'
import { rawArgs } from './raw-text.js'
import { pendingRegistrationsJob } from './timers/households.js'

const estatesOf = (places: readonly string[]) => [...new Set(places.map((p) => p.split('/')[0]!).filter(Boolean))]

/** Said to the bot, or plainly an attempt at an address: worth an answer even in a group. */
const meant = (ctx: Ctx, text: string) =>
  ctx.msg.conversation.kind === 'direct' || ctx.msg.replyTo !== undefined || /\d/.test(text)

function roomError(ctx: Ctx, e: RoomError) {
  const known = ctx.dir.places.map(shortPlace).join('、')
  return e.error === 'unknown_building'
    ? ctx.t.unknownBuilding({ building: e.building, known })
    : ctx.t.whichEstate({ estates: e.estates.join('、') })
}

/**
 * 登记 9幢2单元301 — a resident's own household (confirmed by staff, unless the community says otherwise).
 * 登记 9幢2单元301 王阿姨 李奶奶 — staff register others: people the bot knows are confirmed members,
 * other names go on the household's roster.
 */
export async function register(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const { dir, now, me } = ctx
  const cid = dir.community.id
  if (!cmd.text) {
    if (!meant(ctx, cmd.text)) return
    const mine = await store.consult.householdOf(me.id)
    return privately(ctx, [
      mine
        ? ctx.t.householdMine({ place: shortPlace(mine.household.path), confirmed: mine.confirmed })
        : ctx.t.registerHow(),
    ])
  }
  const r = readRoom(cmd.text, estatesOf(dir.places))
  if (!r) return meant(ctx, cmd.text) ? ctx.reply([ctx.t.registerHow()]) : undefined
  const path = roomPath(r, dir.places)
  if (typeof path !== 'string') return ctx.reply([roomError(ctx, path)])
  const place = shortPlace(path)
  const staff = allowed(ctx, 'staff')
  if (staff && r.rest) return registerOthers(store, ctx, path, r.rest)

  const { needs, notes } = readNeeds(r.rest)
  const had = await store.consult.householdOf(me.id)
  const same = had?.household.path === path
  const confirmed = staff || !dir.community.settings.consult.confirmRegistrations || (same && had.confirmed)
  const home = same ? had.household : await store.consult.household(cid, path)
  if (same && !needs.length && !notes) return privately(ctx, [ctx.t.householdMine({ place, confirmed })])
  return async (tx) => {
    const id = home?.id ?? (await tx.consult.ensureHousehold(cid, path, now))
    await tx.consult.setMember(me.id, id, confirmed, now)
    if (confirmed) await tx.consult.adoptPendingVotes(me.id, id)
    else await tx.schedule([pendingRegistrationsJob(cid, now)], now)
    // What a resident says of their own household is added to what staff recorded, never replacing it.
    if (needs.length || notes) {
      const merged = [...new Set([...(home?.needs ?? []), ...needs])]
      const allNotes = [home?.notes, notes].filter(Boolean).join(' ')
      await tx.consult.setNeeds(id, merged, allNotes, now)
    }
    privately(ctx, [ctx.t.registered({ place, confirmed, moved: had !== undefined && !same })])
  }
}

async function registerOthers(store: Store, ctx: Ctx, path: string, rest: string): Promise<Plan | void> {
  const { dir, now } = ctx
  const cid = dir.community.id
  const mentioned = ctx.msg.content.flatMap((s) => (s.type === 'mention' ? [s.name] : []))
  const words = rest
    .split(/[\s、,，;；]+/)
    .map((w) => trimSeparators(w.replace(/^@/, '')))
    .filter(Boolean)
  const isNeed = (w: string) => {
    const r = readNeeds(w)
    return r.needs.length > 0 && !r.notes
  }
  const { needs } = readNeeds(words.filter(isNeed).join(' '))
  const names = [...new Set([...mentioned, ...words.filter((w) => !isNeed(w))])]
  const people = await Promise.all(names.map(async (name) => ({ name, p: await store.personNamed(cid, name) })))
  const known = people.flatMap((x) => (x.p ? [x.p] : []))
  const roster = people.filter((x) => !x.p).map((x) => x.name)
  const home = await store.consult.household(cid, path)
  return async (tx) => {
    const id = home?.id ?? (await tx.consult.ensureHousehold(cid, path, now))
    for (const p of known) {
      await tx.consult.setMember(p.id, id, true, now)
      await tx.consult.adoptPendingVotes(p.id, id)
    }
    if (roster.length) await tx.consult.addRoster(id, roster, now)
    if (needs.length)
      await tx.consult.setNeeds(id, [...new Set([...(home?.needs ?? []), ...needs])], home?.notes ?? '', now)
    privately(ctx, [ctx.t.registeredOthers({ place: shortPlace(path), members: known.map((p) => p.name), roster })], {
      sayInGroup: true,
    })
  }
}

/** 确认登记 (who waits) · 确认登记 王阿姨 · 确认登记 9幢2单元301 · 确认登记 全部 */
export async function confirm(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const { dir } = ctx
  const pending = await store.consult.pendingMembers(dir.community.id)
  const lines = (rows: typeof pending) =>
    rows.map((r) => ctx.t.pendingLine({ name: r.name, place: shortPlace(r.path) }))
  if (!cmd.text)
    return privately(
      ctx,
      [
        pending.length
          ? [ctx.t.pendingHead({ count: pending.length }), ...lines(pending.slice(0, 30))].join('\n')
          : ctx.t.nonePending(),
      ],
      {
        sayInGroup: true,
      },
    )
  let chosen: typeof pending
  if (/^(?:全部|所有|all)$/i.test(cmd.text.trim())) chosen = pending
  else {
    const room = readRoom(cmd.text, estatesOf(dir.places))
    const path = room && roomPath(room, dir.places)
    const mentioned = ctx.msg.content.flatMap((s) => (s.type === 'mention' ? [s.name] : []))
    const names = new Set([...mentioned, ...cmd.text.split(/[\s、,，]+/).map((w) => w.replace(/^@/, ''))])
    chosen = pending.filter((r) => names.has(r.name) || (typeof path === 'string' && r.path === path))
  }
  if (!chosen.length) return ctx.reply([pending.length ? ctx.t.notPending({ who: cmd.text }) : ctx.t.nonePending()])
  // Residents are not in the directory: look them up, to tell them privately.
  await ctx.load(store, ...chosen.map((r) => r.personId))
  return async (tx) => {
    const done = new Set(await tx.consult.confirmMembers(chosen.map((r) => r.personId)))
    const confirmed = chosen.filter((r) => done.has(r.personId))
    for (const r of confirmed) {
      await tx.consult.adoptPendingVotes(r.personId, r.householdId)
      ctx.toPerson(r.personId, [ctx.groupT.registrationConfirmed({ place: shortPlace(r.path) })], { purpose: 'update' })
    }
    privately(ctx, [[ctx.t.confirmedHead({ count: confirmed.length }), ...lines(confirmed)].join('\n')], {
      sayInGroup: true,
    })
  }
}

/** Needs are for staff and volunteers: a neighbour asking privately is told so; in a group, nothing is said. */
const notForResidents = (ctx: Ctx): void =>
  ctx.msg.conversation.kind === 'direct' ? ctx.reply([ctx.t.needsNotYours()]) : undefined

const clearWords = /^(?:无|没有|清除|清空|删除|none|clear)$/i

/** 帮扶 9幢2单元301 独居 高龄 腿脚不便住4楼 · 帮扶 9幢2单元301 清除 — replaces what the household had. */
export async function needs(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const { dir, now } = ctx
  if (!allowed(ctx, 'volunteer')) return notForResidents(ctx)
  const text = rawArgs(ctx, cmd).replace(/\n/g, ' ')
  const r = readRoom(text, estatesOf(dir.places))
  if (!r) return ctx.reply([ctx.t.needsHow()])
  const path = roomPath(r, dir.places)
  if (typeof path !== 'string') return ctx.reply([roomError(ctx, path)])
  const clear = clearWords.test(r.rest)
  const said = clear ? { needs: [] as Need[], notes: '' } : readNeeds(r.rest)
  if (!clear && !said.needs.length && !said.notes) return ctx.reply([ctx.t.needsHow()])
  const home = await store.consult.household(dir.community.id, path)
  return async (tx) => {
    const id = home?.id ?? (await tx.consult.ensureHousehold(dir.community.id, path, now))
    await tx.consult.setNeeds(id, said.needs, said.notes, now)
    privately(
      ctx,
      [
        ctx.t.needsSaved({
          place: shortPlace(path),
          needs: said.needs.map((n) => ctx.t.needName(n)),
          notes: said.notes,
        }),
      ],
      {
        sayInGroup: true,
      },
    )
  }
}

/**
 * 帮扶清单 [9幢]: staff see every household with needs; a volunteer sees the households of the cases they
 * hold, and of the rest only how many there are per building. Always privately.
 */
export async function needsList(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const { dir } = ctx
  if (!allowed(ctx, 'volunteer')) return notForResidents(ctx)
  const cid = dir.community.id
  let place = ''
  if (cmd.text) {
    const p = readPlaces(cmd.text, dir.places)
    if ('error' in p) return ctx.reply([ctx.t.unknownPlace({ place: p.place })])
    place = p[0] ?? ''
  }
  const rows = await store.consult.needsWithin(cid, place)
  const where = place ? shortPlace(place) : dir.community.name
  if (allowed(ctx, 'staff')) {
    const shown = rows.slice(0, 40)
    return privately(
      ctx,
      [
        rows.length
          ? [
              ctx.t.needsHead({ where, count: rows.length }),
              ...shown.map((r) => needsLine(ctx, r)),
              ...(rows.length > shown.length ? [ctx.t.andMore({ count: rows.length - shown.length })] : []),
            ].join('\n')
          : ctx.t.needsNone({ where }),
      ],
      { sayInGroup: true },
    )
  }
  // A volunteer: the households they are helping now, in full; the others counted by building.
  const mine = await store.listCases(cid, { claimantId: ctx.me.id, statuses: ['claimed'] })
  const homes = await Promise.all(
    [...new Set(mine.map((c) => c.reporterId))].map((id) => store.consult.householdOf(id)),
  )
  const theirs = new Set(homes.flatMap((h) => (h ? [h.household.path] : [])))
  const full = rows.filter((r) => theirs.has(r.path))
  const counts = countByBuilding(rows, dir.places)
  privately(
    ctx,
    [
      [
        ctx.t.needsHead({ where, count: rows.length }),
        ...(full.length ? [ctx.t.needsYours(), ...full.map((r) => needsLine(ctx, r))] : []),
        ...counts.map(([b, byNeed]) =>
          ctx.t.needsCount({
            place: shortPlace(b),
            counts: byNeed.map(([n, k]) => ctx.t.needCount({ need: ctx.t.needName(n), count: k })).join('、'),
          }),
        ),
        ctx.t.needsAskStaff(),
      ].join('\n'),
    ],
    { sayInGroup: true },
  )
}

const needsLine = (ctx: Ctx, r: NeedsRow) =>
  ctx.t.needsLine({
    place: shortPlace(r.path),
    needs: r.needs.map((n) => ctx.t.needName(n)),
    notes: r.notes,
    names: r.names,
  })

/** Households with each need, per building: counts only, for whoever may not see who. */
export function countByBuilding(rows: readonly NeedsRow[], known: readonly string[]): [string, [Need, number][]][] {
  const by = new Map<string, Map<Need, number>>()
  for (const r of rows) {
    const b = buildingOf(r.path, known)
    const m = by.get(b) ?? new Map<Need, number>()
    for (const n of r.needs) m.set(n, (m.get(n) ?? 0) + 1)
    by.set(b, m)
  }
  const order = (b: string) => (known.includes(b) ? known.indexOf(b) : known.length)
  return [...by.entries()]
    .filter(([, m]) => m.size)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b, 'zh-CN', { numeric: true }))
    .map(([b, m]) => [b, [...m.entries()]])
}

/**
 * The needs recorded for households at (or under) a place, for whoever may see them: urgent rings (issue
 * 11) put "该户登记：独居、高龄" on the claimer's ping; a notice tells staff how many are affected.
 */
export async function householdNeeds(
  store: Pick<Store, 'consult'>,
  communityId: number,
  place: string,
): Promise<{ path: string; needs: Need[]; notes: string }[]> {
  const rows = await store.consult.needsWithin(communityId, place)
  return rows.map(({ path, needs, notes }) => ({ path, needs, notes }))
}

/** The needs of the household a person belongs to (the resident who rang), if it has any. */
export async function needsOfPerson(
  store: Pick<Store, 'consult'>,
  personId: number,
): Promise<{ path: string; needs: Need[]; notes: string } | undefined> {
  const h = await store.consult.householdOf(personId)
  if (!h || (!h.household.needs.length && !h.household.notes)) return undefined
  return { path: h.household.path, needs: h.household.needs, notes: h.household.notes }
}

/**
 * 导入住户 followed by a roster, one household a line: 户, 姓名, 帮扶, 备注 —
 * 9幢2单元301,王阿姨、王伯伯,独居 高龄,住4楼无电梯. A header line is skipped. Large rosters: a few
 * messages of about 60 lines each (a message holds 2,000 characters).
 */
export async function importRoster(store: Store, ctx: Ctx, cmd: Command): Promise<Plan | void> {
  const { dir, now } = ctx
  const cid = dir.community.id
  const text = rawArgs(ctx, cmd)
  if (!text) return ctx.reply([ctx.t.importHow()])
  const estates = estatesOf(dir.places)
  const rows = readRows(text)
  const good: { path: string; names: string[]; needs: Need[]; notes: string }[] = []
  const bad: number[] = []
  rows.forEach((row, i) => {
    const r = readRoom(row[0] ?? '', estates)
    const path = r && !r.rest ? roomPath(r, dir.places) : undefined
    if (typeof path !== 'string') {
      // A header line is not an error.
      if (!(i === 0 && /[户房室]|地址|住址|门牌|room|household|address/i.test(row[0] ?? ''))) bad.push(i + 1)
      return
    }
    const said = readNeeds(row[2] ?? '')
    good.push({
      path,
      names: (row[1] ?? '').split(/[、;；/\s]+/).filter(Boolean),
      needs: said.needs,
      notes: [said.notes, row[3] ?? ''].filter(Boolean).join(' '),
    })
  })
  if (!good.length) return ctx.reply([ctx.t.importNothing({ lines: bad.slice(0, 10).join('、') })])
  const before = new Set((await store.consult.households(cid, [])).map((h) => h.path))
  return async (tx) => {
    for (const g of good) {
      const id = await tx.consult.ensureHousehold(cid, g.path, now)
      if (g.names.length) await tx.consult.addRoster(id, g.names, now)
      if (g.needs.length || g.notes) await tx.consult.setNeeds(id, g.needs, g.notes, now)
    }
    privately(
      ctx,
      [
        ctx.t.imported({
          count: new Set(good.map((g) => g.path)).size,
          added: new Set(good.filter((g) => !before.has(g.path)).map((g) => g.path)).size,
          withNeeds: good.filter((g) => g.needs.length).length,
          bad: bad.slice(0, 10).join('、'),
        }),
      ],
      { sayInGroup: true },
    )
  }
}
