import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openDatabase, withSql } from '../../src/store/db.js'
import { createMigration } from '../../src/store/migrations.js'
import { PrismaStore } from '../../src/store/prisma-store.js'
import { applyConfig } from '../../src/store/seed.js'
import type { CaseRow, NewCase } from '../../src/app/ports.js'
import { transition, isRefusal, type Action, type Actor } from '../../src/domain/case.js'
import { Sql, type Value } from '../../src/store/sql.js'
import { vi } from 'vitest'
import { demoConfig, tempDbFile, tempDir } from '../helpers/index.js'

async function store() {
  const db = await openDatabase(tempDbFile())
  const communityId = await applyConfig(db, demoConfig())
  return { db, communityId, s: new PrismaStore(db) }
}

const newCase = (communityId: number, reporterId: number): NewCase => ({
  communityId,
  text: '楼道灯坏了',
  category: '物业',
  place: '锦绣新村/9幢',
  contact: null,
  reporterId,
  originGroupId: null,
  originPlatform: 'console',
  originChatId: '9幢业主群',
  originMsgId: 'm',
  originThreadId: null,
  createdAt: new Date(),
})

/** A case moved by the state machine, written through the store and read back. */
const mover =
  (s: PrismaStore) =>
  async (c: CaseRow, actor: Actor, action: Action, when: Date): Promise<CaseRow> => {
    const t = transition(c, actor, action, when)
    if (isRefusal(t)) throw new Error(t.error)
    expect(await s.transaction((tx) => tx.updateCase(c, t.next))).toBe(true)
    return (await s.getCaseById(c.id))!
  }

describe('migrations', () => {
  it('the committed migrations match prisma/schema.prisma (run `npm run db:migrate -- <name>` after a schema change)', async () => {
    expect(await createMigration(`file:${join(tempDir(), 'check.db')}`, 'pending_schema_change')).toBeUndefined()
  })

  it('a second process can open the database while the first has it open', async () => {
    const file = tempDbFile()
    const first = await openDatabase(file)
    await first.keyValue.create({ data: { key: 'k', value: 'v' } })
    const second = await openDatabase(file)
    expect(await second.keyValue.count()).toBe(1)
    await first.$disconnect()
    await second.$disconnect()
  })

  it('the database runs in WAL mode', async () => {
    const { db } = await store()
    expect(await db.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }])
    await db.$disconnect()
  })
})

describe('the community file in the database', () => {
  it('loading twice changes nothing and keeps what chat commands added', async () => {
    const { db, communityId, s } = await store()
    await s.transaction((tx) =>
      tx.bindChat(
        communityId,
        { platform: 'telegram', chatId: '-100123' },
        { name: '9幢业主群', role: 'residents', places: ['锦绣新村/9幢'] },
      ),
    )
    const counts = async () => [
      await db.person.count(),
      await db.group.count(),
      await db.groupChat.count(),
      await db.shift.count(),
      await db.identity.count(),
    ]
    const before = await counts()
    await applyConfig(db, demoConfig())
    expect(await counts()).toEqual(before)
    expect(await s.findChat({ platform: 'telegram', chatId: '-100123' })).toMatchObject({ communityId })
    await db.$disconnect()
  })
})

describe('cases', () => {
  it('numbers are allocated in the transaction: parallel rings never share a number', async () => {
    const { db, communityId, s } = await store()
    const reporter = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const made = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.transaction((tx) => tx.createCase(communityId, newCase(communityId, reporter.id))),
      ),
    )
    expect(made.map((c) => c.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    await db.$disconnect()
  })

  it('an update is conditional on the version it read', async () => {
    const { db, communityId, s } = await store()
    const reporter = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const c = await s.transaction((tx) => tx.createCase(communityId, newCase(communityId, reporter.id)))
    expect(await s.transaction((tx) => tx.updateCase(c, { ...c, status: 'claimed', claimantId: reporter.id }))).toBe(
      true,
    )
    expect(await s.transaction((tx) => tx.updateCase(c, { ...c, status: 'closed' }))).toBe(false)
    expect(await s.getCase(communityId, 1)).toMatchObject({ status: 'claimed', version: 1 })
    await db.$disconnect()
  })

  it('the open-case counts follow every claim, made here or by another process', async () => {
    const { db, communityId, s } = await store()
    const qian = await db.person.findFirstOrThrow({ where: { name: '钱阿姨' } })
    const wan = await db.person.findFirstOrThrow({ where: { name: '万大姐' } })
    const [a, b] = await s.transaction(async (tx) => [
      await tx.createCase(communityId, newCase(communityId, qian.id)),
      await tx.createCase(communityId, newCase(communityId, qian.id)),
    ])
    expect(await s.openCaseCounts(communityId)).toEqual(new Map())
    await s.transaction((tx) => tx.updateCase(a!, { ...a!, status: 'claimed', claimantId: qian.id }))
    expect(await s.openCaseCounts(communityId)).toEqual(new Map([[qian.id, 1]]))
    expect(await s.openCaseCounts(communityId)).toEqual(new Map([[qian.id, 1]]))
    const other = new PrismaStore(await openDatabase(await fileOf(db)))
    await other.transaction((tx) => tx.updateCase(b!, { ...b!, status: 'claimed', claimantId: wan.id }))
    expect(await s.openCaseCounts(communityId)).toEqual(
      new Map([
        [qian.id, 1],
        [wan.id, 1],
      ]),
    )
    await other.db.$disconnect()
    await db.$disconnect()
  })

  it("a case rung, claimed, done and verified keeps what the desk's figures read (acceptedAt, claimMs, resolveMs)", async () => {
    const { db, communityId, s } = await store()
    const reporter = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const helper = await db.person.findFirstOrThrow({ where: { name: '钱阿姨' } })
    const t0 = new Date('2026-11-02T01:00:00Z')
    const at = (min: number) => new Date(t0.getTime() + min * 60_000)
    const move = mover(s)
    const volunteer = { id: helper.id, roles: ['volunteer' as const] }
    const resident = { id: reporter.id, roles: ['resident' as const] }
    let c = await s.transaction((tx) =>
      tx.createCase(communityId, { ...newCase(communityId, reporter.id), place: '锦绣新村/9幢/2单元', createdAt: t0 }),
    )
    expect(c).toMatchObject({ status: 'open', acceptedAt: t0, building: '锦绣新村/9幢' })
    c = await move(c, volunteer, { type: 'claim' }, at(5))
    c = await move(c, volunteer, { type: 'resolve', text: '换好了' }, at(65))
    c = await move(c, resident, { type: 'verify', ok: true, text: '满意' }, at(120))
    expect(await db.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: 'closed',
      closeReason: 'verified',
      acceptedAt: t0,
      claimMs: 5 * 60_000,
      resolveMs: 65 * 60_000,
    })
    // Held for staff (triage: staff), then cancelled by the resident: waiting, never accepted, closed by them.
    let held = await s.transaction((tx) =>
      tx.createCase(communityId, { ...newCase(communityId, reporter.id), status: 'new', createdAt: at(10) }),
    )
    expect(held).toMatchObject({ status: 'new', acceptedAt: null })
    held = await move(held, resident, { type: 'cancel' }, at(20))
    expect(held).toMatchObject({ status: 'closed', closeReason: 'cancelled', closedById: reporter.id })
    const [row] = await s.figures({ communityIds: [communityId] })
    expect(row!.counts).toMatchObject({ rings: 2, accepted: 1, claimed: 1, verified: 1, pending: 0 })
    expect([...row!.durations.claim.at.values()]).toEqual([5 * 60_000])
    expect([...row!.durations.resolve.at.values()]).toEqual([65 * 60_000])
    await db.$disconnect()
  })

  it("an urgent case keeps its class, 到场 and the time to arrive on the store's own statements; 不紧急 clears the class", async () => {
    const { db, communityId, s } = await store()
    const reporter = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const helper = await db.person.findFirstOrThrow({ where: { name: '钱阿姨' } })
    const staff = await db.person.findFirstOrThrow({ where: { name: '赵专员' } })
    const t0 = new Date('2026-11-02T13:00:00Z')
    const at = (min: number) => new Date(t0.getTime() + min * 60_000)
    const move = mover(s)
    const volunteer = { id: helper.id, roles: ['volunteer' as const] }
    let gas = await s.transaction((tx) =>
      tx.createCase(communityId, {
        ...newCase(communityId, reporter.id),
        text: '闻到煤气味',
        urgency: 'gas',
        createdAt: t0,
      }),
    )
    expect(gas).toMatchObject({ urgency: 'gas', arrivedAt: null })
    gas = await move(gas, volunteer, { type: 'claim' }, at(2))
    gas = await move(gas, volunteer, { type: 'arrive' }, at(9))
    expect(gas).toMatchObject({ urgency: 'gas', arrivedAt: at(9) })
    expect(await db.case.findUniqueOrThrow({ where: { id: gas.id } })).toMatchObject({
      urgency: 'gas',
      arrivedAt: at(9),
      claimMs: 2 * 60_000,
      arriveMs: 9 * 60_000,
    })
    // A false alarm: staff say 不紧急, and it counts as ordinary from then on.
    let lift = await s.transaction((tx) =>
      tx.createCase(communityId, { ...newCase(communityId, reporter.id), urgency: 'lift', createdAt: at(1) }),
    )
    lift = await move(lift, { id: staff.id, roles: ['staff'] }, { type: 'downgrade' }, at(4))
    expect(lift.urgency).toBeNull()
    const [row] = await s.figures({ communityIds: [communityId] })
    expect(row!.counts).toMatchObject({ rings: 2, urgent: 1 })
    expect([...row!.durations.arrive!.at.values()]).toEqual([9 * 60_000])
    await db.$disconnect()
  })

  it("a consultation answered inside a message's transaction: the vote, a changed answer, the count read with it", async () => {
    const { db, communityId, s } = await store()
    const reporter = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const at = new Date('2026-11-02T01:00:00Z')
    const { c, home } = await s.transaction(async (tx) => {
      const home = await tx.consult.ensureHousehold(communityId, '锦绣新村/9幢/2单元/301', at)
      expect(await tx.consult.ensureHousehold(communityId, '锦绣新村/9幢/2单元/301', at)).toBe(home)
      await tx.consult.setMember(reporter.id, home, false, at)
      expect(await tx.consult.confirmMembers([reporter.id])).toEqual([reporter.id])
      const c = await tx.consult.createConsultation(communityId, {
        communityId,
        kind: 'consult',
        title: '楼道墙绘',
        detail: '',
        options: ['同意', '不同意'],
        places: ['锦绣新村/9幢'],
        unit: 'household',
        threshold: null,
        total: 1,
        deadline: new Date(at.getTime() + 86_400_000),
        caseId: null,
        createdBy: reporter.id,
        createdAt: at,
      })
      return { c, home }
    })
    expect(c).toMatchObject({ number: 1, status: 'open', options: ['同意', '不同意'] })
    const vote = { voter: `h:${home}`, householdId: home, personId: reporter.id, option: 0 }
    expect(await s.transaction((tx) => tx.consult.castVote(c.id, vote, at))).toBe('new')
    expect(await s.transaction((tx) => tx.consult.castVote(c.id, vote, at))).toBe('same')
    expect(await s.transaction((tx) => tx.consult.castVote(c.id, { ...vote, option: 1 }, at))).toBe('changed')
    expect(await s.transaction((tx) => tx.consult.voteCounts(c.id, 2))).toEqual({ counts: [0, 1], pending: 0 })
    expect(await s.consult.householdOf(reporter.id)).toMatchObject({ confirmed: true })
    await db.$disconnect()
  })

  it("a ring's look for a neighbour's open case reads its building's index, and finds what the path says", async () => {
    const { db, communityId, s } = await store()
    const reporter = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const places = ['锦绣新村/9幢', '锦绣新村/9幢/2单元', '锦绣新村/99幢/1单元', '锦绣新村', '锦绣新村/10幢/9幢']
    for (const place of places)
      await s.transaction((tx) => tx.createCase(communityId, { ...newCase(communityId, reporter.id), place }))
    const read = vi.spyOn(Sql.prototype, 'all')
    const like = await s.listCases(communityId, {
      statuses: ['open', 'claimed'],
      category: '物业',
      placeUnder: '锦绣新村/9幢',
    })
    expect(like.map((c) => c.place)).toEqual(['锦绣新村/9幢', '锦绣新村/9幢/2单元'])
    const [sql, ...args] = read.mock.calls.at(-1)! as [string, ...Value[]]
    read.mockRestore()
    // Not the (communityId, number) index walked for its order: a street office has 100k cases.
    const plan = await withSql(db, (q) => q.plan(sql, ...(args as Value[])))
    expect(plan.join('\n')).toContain('Case_communityId_building_status_createdAt_idx')
    // Under a whole estate: the path, not the building column.
    const estate = await s.listCases(communityId, { placeUnder: '锦绣新村' })
    expect(estate.map((c) => c.place)).toEqual(places)
    await db.$disconnect()
  })

  it("the open cases a ring may look like: its building and kind, someone else's, rung before the window, newest first, a few", async () => {
    const { db, communityId, s } = await store()
    const wang = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const yan = await db.person.findFirstOrThrow({ where: { name: '严大伯' } })
    const at = (min: number) => new Date(Date.UTC(2026, 10, 30, 9, min))
    const rung = async (min: number, o: Partial<NewCase> = {}) =>
      (
        await s.transaction((tx) =>
          tx.createCase(communityId, { ...newCase(communityId, yan.id), createdAt: at(min), text: `#${min}`, ...o }),
        )
      ).number
    const older = [await rung(1, { place: '锦绣新村/9幢/2单元' }), await rung(2), await rung(3)]
    await rung(4, { reporterId: wang.id }) // the ringer's own
    await rung(5, { category: '治安' })
    await rung(6, { place: '锦绣新村/10幢' })
    const claimed = await rung(7)
    const claimedCase = (await s.getCase(communityId, claimed))!
    await s.transaction((tx) =>
      tx.updateCase(claimedCase, { ...claimedCase, status: 'claimed', claimantId: wang.id, claimedAt: at(8) }),
    )
    const closed = await rung(9)
    const closedCase = (await s.getCase(communityId, closed))!
    await s.transaction((tx) => tx.updateCase(closedCase, { ...closedCase, status: 'closed', closedAt: at(10) }))
    await rung(30) // within the incident window: one incident with the ring, not a look-alike
    const q = { category: '物业', building: '锦绣新村/9幢', before: at(20), notReporterId: wang.id }
    const read = vi.spyOn(Sql.prototype, 'all')
    const like = await s.openCasesLike(communityId, { ...q, limit: 10 })
    const [sql, ...args] = read.mock.calls.at(-1)! as [string, ...Value[]]
    read.mockRestore()
    expect(like.map((c) => c.number)).toEqual([claimed, ...older].sort((a, b) => b - a))
    expect(like[0]).toMatchObject({ text: '#7', reporterId: yan.id, createdAt: at(7) })
    expect((await s.openCasesLike(communityId, { ...q, limit: 2 })).map((c) => c.number)).toEqual([claimed, older[2]])
    const plan = await withSql(db, (q) => q.plan(sql, ...(args as Value[])))
    // One walk of the index of open cases, in order, stopped after `limit`: never the building's backlog read
    // and sorted, never a row read only to be dropped.
    expect(plan).toEqual([
      'SEARCH Case USING INDEX Case_like_idx (communityId=? AND building=? AND category=? AND createdAt<?)',
    ])
    await db.$disconnect()
  })

  it("flood control reads the ringer's own recent rings on their index, not every case of the community in the window", async () => {
    const { db, communityId, s } = await store()
    const wang = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const since = new Date(Date.now() - 3_600_000)
    const read = vi.spyOn(Sql.prototype, 'get')
    const reads = vi.spyOn(Sql.prototype, 'all')
    const [rung, handling] = await s.transaction(async (tx) => [
      await tx.countRungBy(communityId, wang.id, since),
      await tx.handlingRungBy(communityId, wang.id, since, 20),
    ])
    expect([rung, handling]).toEqual([0, []])
    const statements = [read.mock.calls.find((c) => /count\(\*\)/.test(c[0] as string))!, reads.mock.calls.at(-1)!]
    read.mockRestore()
    reads.mockRestore()
    for (const [sql, ...args] of statements as [string, ...Value[]][]) {
      const plan = await withSql(db, (q) => q.plan(sql, ...args))
      expect(plan.join('\n')).toMatch(/Case_reporterId_createdAt_communityId_idx \(reporterId=\? AND createdAt>\?\)/)
    }
    await db.$disconnect()
  })

  it('a message key is recorded once', async () => {
    const { db, s } = await store()
    const key = { platform: 'telegram', conversationId: '-100', messageId: '7' }
    expect(await s.transaction((tx) => tx.recordInbound(key, new Date()))).toBe(true)
    expect(await s.transaction((tx) => tx.recordInbound(key, new Date()))).toBe(false)
    expect(await s.transaction((tx) => tx.recordInbound({ ...key, conversationId: '-200' }, new Date()))).toBe(true)
    await db.$disconnect()
  })

  it("emergency words kept for a bare 按铃: one person's latest per chat, read within the window, used once", async () => {
    const { db, communityId, s } = await store()
    const me = (await s.personNamed(communityId, '严大伯'))!.id
    const other = (await s.personNamed(communityId, '王阿姨'))!.id
    const chat = { platform: 'console', chatId: '9幢业主群' }
    const t0 = new Date('2026-11-02T13:00:00Z')
    const at = (min: number) => new Date(t0.getTime() + min * 60_000)
    const keep = (personId: number, text: string, min: number, c = chat) =>
      s.transaction((tx) => tx.keepHazardWords({ personId, ...c, text, at: at(min) }, at(min - 10)))
    await keep(me, '厨房有煤气味', 0)
    await keep(other, '楼道里有煤气味', 1)
    await keep(me, '电梯困人了', 2, { platform: 'console', chatId: '10幢业主群' })
    const read = await s.hazardWords(me, chat, at(-8))
    expect(read).toMatchObject({ personId: me, ...chat, text: '厨房有煤气味', at: at(0) })
    expect(await s.hazardWords(me, chat, at(1))).toBeUndefined()
    // Newer words replace his in that chat: the ones read are no longer there to use.
    await keep(me, '厨房煤气味越来越大', 3)
    expect(await s.transaction((tx) => tx.useHazardWords(read!))).toBe(false)
    const fresh = (await s.hazardWords(me, chat, at(-7)))!
    expect(fresh.text).toBe('厨房煤气味越来越大')
    expect(await s.transaction((tx) => tx.useHazardWords(fresh))).toBe(true)
    expect(await s.transaction((tx) => tx.useHazardWords(fresh))).toBe(false)
    // Words past the window go when new ones are kept: hers (minute 1) at minute 12, his other chat's kept.
    await keep(me, '又有煤气味', 12)
    expect(await s.hazardWords(other, chat, new Date(0))).toBeUndefined()
    expect(await s.hazardWords(me, { platform: 'console', chatId: '10幢业主群' }, new Date(0))).toMatchObject({
      text: '电梯困人了',
    })
    await s.transaction((tx) => tx.prune(at(13)))
    expect(await db.hazardWords.count()).toBe(0)
    await db.$disconnect()
  })
})

describe('one connection, one thing at a time', () => {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

  it('a statement issued while a transaction is open neither sees its rows nor is undone by its rollback', async () => {
    const { db, communityId, s } = await store()
    const reporter = await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })
    const failing = s
      .transaction(async (tx) => {
        await tx.createCase(communityId, newCase(communityId, reporter.id))
        await pause(50)
        throw new Error('disk full')
      })
      .catch((e: Error) => e.message)
    await pause(10) // the transaction is open now, its case written but not committed
    const [seen] = await Promise.all([s.getCase(communityId, 1), s.kvSet('heartbeat', 'still here')])
    expect(await failing).toBe('disk full')
    expect(seen).toBeUndefined()
    expect(await s.kvGet('heartbeat')).toBe('still here')
    await db.$disconnect()
  })
})

describe('people', () => {
  it('a stranger who wrote under a name before the file listed that person gets none of their roles', async () => {
    const { db, communityId, s } = await store()
    const strangerId = await s.transaction((tx) =>
      tx.ensurePerson(communityId, { platform: 'console', userId: '阿强的小号', name: '阿强' }),
    )
    const cfg = demoConfig()
    await applyConfig(db, {
      ...cfg,
      people: [
        ...cfg.people,
        {
          name: '阿强',
          roles: ['admin', 'staff'],
          skills: [],
          places: [],
          shifts: [],
          maxOpen: 5,
          ids: { console: '阿强' },
        },
      ],
    })
    const real = await db.person.findUniqueOrThrow({
      where: { communityId_name: { communityId, name: '阿强' } },
      include: { identities: true },
    })
    expect(real.id).not.toBe(strangerId)
    expect(real.identities.map((i) => i.userId)).toEqual(['阿强'])
    expect(await db.person.findUniqueOrThrow({ where: { id: strangerId } })).toMatchObject({
      name: `阿强·${strangerId}`,
      roles: '["resident"]',
    })
    await db.$disconnect()
  })

  it('a new account never takes over a known person by display name', async () => {
    const { db, communityId, s } = await store()
    const admin = await db.person.findFirstOrThrow({ where: { name: '徐书记' } })
    const id = await s.transaction((tx) =>
      tx.ensurePerson(communityId, { platform: 'telegram', userId: '66661234', name: '徐书记' }),
    )
    expect(id).not.toBe(admin.id)
    expect(await db.person.findUniqueOrThrow({ where: { id } })).toMatchObject({
      name: '徐书记·1234',
      roles: '["resident"]',
    })
    expect(
      await s.transaction((tx) =>
        tx.ensurePerson(communityId, { platform: 'telegram', userId: '66661234', name: '徐书记' }),
      ),
    ).toBe(id)
    // Another 徐书记 whose id ends the same: the next number, never a clash that loses their message.
    const third = await s.transaction((tx) =>
      tx.ensurePerson(communityId, { platform: 'telegram', userId: '77771234', name: '徐书记' }),
    )
    expect((await db.person.findUniqueOrThrow({ where: { id: third } })).name).toBe('徐书记·2')
    await db.$disconnect()
  })
})

describe('the directory', () => {
  it("holds a street office's 1,200 volunteers, each with an account and a shift (past SQLite's 999 bound values)", async () => {
    const { db, communityId, s } = await store()
    const names = Array.from({ length: 1200 }, (_, i) => `志愿者${i}`)
    await db.person.createMany({ data: names.map((name) => ({ communityId, name, roles: '["volunteer"]' })) })
    const people = await db.person.findMany({ where: { name: { in: names.slice(0, 999) } }, select: { id: true } })
    const more = await db.person.findMany({ where: { name: { in: names.slice(999) } }, select: { id: true } })
    const ids = [...people, ...more].map((p) => p.id)
    await db.identity.createMany({
      data: ids.map((personId) => ({ personId, platform: 'console', userId: `v${personId}`, name: `v${personId}` })),
    })
    await db.volunteer.createMany({ data: ids.map((personId) => ({ personId, skills: '["物业"]' })) })
    await db.shift.createMany({ data: ids.map((volunteerId) => ({ volunteerId, spec: '每天 08:00-20:00' })) })

    const dir = await s.directory(communityId)
    const last = dir.people.find((p) => p.name === '志愿者1199')!
    expect(dir.people).toHaveLength(1200 + 4)
    expect(last.identities).toEqual([{ platform: 'console', userId: `v${last.id}`, name: `v${last.id}` }])
    expect(last.volunteer).toMatchObject({ skills: ['物业'], shifts: [{ spec: '每天 08:00-20:00' }] })
    // The demo's members keep what the file gave them.
    expect(dir.people.find((p) => p.name === '钱阿姨')!.volunteer!.shifts).toHaveLength(1)
    await db.$disconnect()
  })
})

describe('the directory, read again', () => {
  it('after a change to people keeps the groups it holds; after a binding anywhere reads them again', async () => {
    const { db, communityId, s } = await store()
    const qian = await db.person.findFirstOrThrow({ where: { name: '钱阿姨' } })
    const first = await s.directory(communityId)
    await s.transaction((tx) => tx.setManualDuty(qian.id, new Date('2026-11-02T12:00:00Z'), null))
    const second = await s.directory(communityId)
    expect(second.version).toBeGreaterThan(first.version)
    expect(second.people.find((p) => p.id === qian.id)!.volunteer!.manualOnUntil).toEqual(
      new Date('2026-11-02T12:00:00Z'),
    )
    // 10k groups in a street office: not read again because a volunteer said 值班.
    expect(second.groups).toBe(first.groups)

    // Another process binds a chat: this one sees it.
    const other = new PrismaStore(await openDatabase(await fileOf(db)))
    await other.transaction((tx) =>
      tx.bindChat(
        communityId,
        { platform: 'telegram', chatId: '-100777' },
        { name: '11幢业主群', role: 'residents', places: [] },
      ),
    )
    const third = await s.directory(communityId)
    expect(third.groups).not.toBe(first.groups)
    expect(third.groups.find((g) => g.name === '11幢业主群')?.chats).toEqual([
      { platform: 'telegram', chatId: '-100777' },
    ])
    await other.db.$disconnect()
    await db.$disconnect()
  })

  it('after a change to one person reads only that person again; every other member is the entry it held', async () => {
    const { db, communityId, s } = await store()
    const qian = await db.person.findFirstOrThrow({ where: { name: '钱阿姨' } })
    const first = await s.directory(communityId)
    await s.transaction((tx) => tx.setManualDuty(qian.id, null, new Date('2026-11-02T12:00:00Z')))
    const second = await s.directory(communityId)
    const entry = (d: typeof first, name: string) => d.people.find((p) => p.name === name)!
    expect(entry(second, '钱阿姨').volunteer!.manualOffUntil).toEqual(new Date('2026-11-02T12:00:00Z'))
    expect(entry(second, '钱阿姨')).not.toBe(entry(first, '钱阿姨'))
    for (const name of ['万大姐', '赵专员', '徐书记']) expect(entry(second, name)).toBe(entry(first, name))
    expect(second.people.map((p) => p.name)).toEqual(first.people.map((p) => p.name))
    await db.$disconnect()
  })

  it("a member's new account reaches every process's directory", async () => {
    const { db, communityId, s } = await store()
    const qian = await db.person.findFirstOrThrow({ where: { name: '钱阿姨' } })
    const before = await s.directory(communityId)
    await s.transaction((tx) => tx.linkIdentity(qian.id, { platform: 'telegram', userId: '5551234', name: '钱阿姨' }))
    const after = await s.directory(communityId)
    expect(after.version).toBeGreaterThan(before.version)
    expect(after.people.find((p) => p.id === qian.id)!.identities).toContainEqual({
      platform: 'telegram',
      userId: '5551234',
      name: '钱阿姨',
    })
    // The same account bound to another member: the first loses it, in every process's directory.
    const wan = await db.person.findFirstOrThrow({ where: { name: '万大姐' } })
    await s.transaction((tx) => tx.linkIdentity(wan.id, { platform: 'telegram', userId: '5551234', name: '万大姐' }))
    const moved = await s.directory(communityId)
    expect(moved.people.find((p) => p.id === qian.id)!.identities.map((i) => i.userId)).not.toContain('5551234')
    expect(moved.people.find((p) => p.id === wan.id)!.identities.map((i) => i.userId)).toContain('5551234')
    await db.$disconnect()
  })
})

async function fileOf(db: Awaited<ReturnType<typeof openDatabase>>): Promise<string> {
  const [main] = await db.$queryRawUnsafe<{ file: string }[]>('PRAGMA database_list')
  return main!.file
}
