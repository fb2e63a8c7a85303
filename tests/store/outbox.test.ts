// The outbox on SQLite: two processes' relays on one database send every row exactly once.
import { describe, expect, it } from 'vitest'
import { ConsoleAdapter } from '../../adapters/console/index.js'
import { Relay } from '../../src/delivery/relay.js'
import { silentLogger } from '../../src/log.js'
import { openDatabase } from '../../src/store/db.js'
import { PrismaOutbox } from '../../src/store/outbox.js'
import { PrismaStore } from '../../src/store/prisma-store.js'
import { applyConfig } from '../../src/store/seed.js'
import { demoConfig, tempDbFile } from '../helpers/index.js'

/** What a console prints, as the bare message texts. */
const recorder = (sent: string[]) =>
  new ConsoleAdapter({ write: (line) => sent.push(line.replace(/^\[\d+\] [^|]+\|ringbell: /, '')) })

describe('outbox leases', () => {
  it('two relays with their own connections to one file send each row once', async () => {
    const file = tempDbFile()
    const dbA = await openDatabase(file)
    const dbB = await openDatabase(file)
    await dbA.outbox.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        platform: 'console',
        chatKind: 'group',
        chatId: `g${i % 4}`,
        content: JSON.stringify([{ type: 'text', text: `m${i}` }]),
        createdAt: new Date(),
        nextAttemptAt: new Date(0),
      })),
    })
    const sentA: string[] = []
    const sentB: string[] = []
    const a = new Relay({ store: new PrismaOutbox(dbA), adapters: [recorder(sentA)], log: silentLogger() })
    const b = new Relay({ store: new PrismaOutbox(dbB), adapters: [recorder(sentB)], log: silentLogger() })
    await Promise.all([a.drain(), b.drain()])
    const all = [...sentA, ...sentB]
    expect(all).toHaveLength(40)
    expect(new Set(all).size).toBe(40)
    expect(await dbA.outbox.count({ where: { status: 'sent' } })).toBe(40)
    await dbA.$disconnect()
    await dbB.$disconnect()
  })
})

describe('outbox rows that wait, and chats that move', () => {
  const row = (chatId: string, text: string, extra: object = {}) => ({
    platform: 'telegram',
    chatKind: 'group',
    chatId,
    content: JSON.stringify([{ type: 'text', text }]),
    createdAt: new Date(),
    nextAttemptAt: new Date(0),
    ...extra,
  })

  it('a waiting direct message is not pending; a message from that person makes it (and only it) due again', async () => {
    const db = await openDatabase(tempDbFile())
    const outbox = new PrismaOutbox(db)
    await db.outbox.create({ data: row('5551', 'contact #1', { chatKind: 'direct' }) })
    await db.outbox.create({ data: row('5552', 'contact #2', { chatKind: 'direct' }) })
    for (const id of [1, 2]) await outbox.markWaiting(id, '403')
    expect(await outbox.pending(['telegram'], 10, 'me', new Date())).toEqual([])
    expect(await outbox.wake('telegram', '5551')).toBe(1)
    expect((await outbox.pending(['telegram'], 10, 'me', new Date())).map((r) => r.chatId)).toEqual(['5551'])
    await db.$disconnect()
  })

  it("a row about an urgent case says so, for the relay to fold it first; an ordinary case's and a case-less row do not", async () => {
    const db = await openDatabase(tempDbFile())
    const communityId = await applyConfig(db, demoConfig())
    const reporterId = (await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })).id
    const kase = (number: number, urgency: string | null) =>
      db.case.create({
        data: {
          communityId,
          number,
          text: 't',
          category: '物业',
          place: '锦绣新村/9幢',
          reporterId,
          status: 'open',
          urgency,
          originPlatform: 'telegram',
          originChatId: '-1',
          originMsgId: String(number),
          createdAt: new Date(),
        },
      })
    const gas = await kase(1, 'gas')
    const light = await kase(2, null)
    await db.outbox.create({ data: row('-1', 'light', { caseId: light.id }) })
    await db.outbox.create({ data: row('-1', 'gas', { caseId: gas.id }) })
    await db.outbox.create({ data: row('-1', 'notice') })
    const rows = await new PrismaOutbox(db).pending(['telegram'], 10, 'me', new Date())
    expect(rows.map((r) => [r.content[0]?.type === 'text' && r.content[0].text, r.urgency])).toEqual([
      ['light', undefined],
      ['gas', 1],
      ['notice', undefined],
    ])
    await db.$disconnect()
  })

  it("a queue longer than one read (WeChat after a logout): an urgent case's message behind it is read too", async () => {
    const db = await openDatabase(tempDbFile())
    const communityId = await applyConfig(db, demoConfig())
    const reporterId = (await db.person.findFirstOrThrow({ where: { name: '王阿姨' } })).id
    const gas = await db.case.create({
      data: {
        communityId,
        number: 1,
        text: '煤气味',
        category: '物业',
        place: '锦绣新村/9幢',
        reporterId,
        status: 'open',
        urgency: 'gas',
        originPlatform: 'telegram',
        originChatId: '-1',
        originMsgId: '1',
        createdAt: new Date(),
      },
    })
    await db.outbox.createMany({ data: Array.from({ length: 12 }, (_, i) => row('-1', `ack ${i}`)) })
    await db.outbox.create({ data: row('-2', 'gas', { caseId: gas.id }) })
    await db.outbox.create({ data: row('-1', 'ack 12') })
    const texts = async (limit: number) =>
      (await new PrismaOutbox(db).pending(['telegram'], limit, 'me', new Date())).map(
        (r) => r.content[0]?.type === 'text' && r.content[0].text,
      )
    expect(await texts(10)).toEqual([...Array.from({ length: 10 }, (_, i) => `ack ${i}`), 'gas'])
    // A queue that fits in one read is read as it stands.
    expect(await texts(20)).toEqual([...Array.from({ length: 12 }, (_, i) => `ack ${i}`), 'gas', 'ack 12'])
    await db.$disconnect()
  })

  it('a renamed chat takes its unsent rows along; sent ones stay where they were sent', async () => {
    const db = await openDatabase(tempDbFile())
    const store = new PrismaStore(db)
    await db.outbox.create({ data: row('-401', 'sent before', { status: 'sent', sentMsgId: '7' }) })
    await db.outbox.create({ data: row('-401', 'pending') })
    await db.outbox.create({ data: row('-402', 'another chat') })
    await store.renameChat('telegram', '-401', '-100401')
    expect((await db.outbox.findMany({ orderBy: { id: 'asc' } })).map((r) => r.chatId)).toEqual([
      '-401',
      '-100401',
      '-402',
    ])
    await db.$disconnect()
  })
  it('a chat already bound under its new id keeps that binding; the old one goes', async () => {
    const db = await openDatabase(tempDbFile())
    const store = new PrismaStore(db)
    const community = await db.community.create({ data: { name: '锦绣社区' } })
    const group = await db.group.create({ data: { communityId: community.id, name: '9幢业主群', role: 'residents' } })
    await db.groupChat.create({ data: { groupId: group.id, platform: 'telegram', chatId: '-401' } })
    await db.groupChat.create({ data: { groupId: group.id, platform: 'telegram', chatId: '-100401' } })
    await store.renameChat('telegram', '-401', '-100401')
    expect((await db.groupChat.findMany()).map((c) => c.chatId)).toEqual(['-100401'])
    await db.$disconnect()
  })
})
