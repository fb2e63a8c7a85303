// The outbox on SQLite: two processes' relays on one database send every row exactly once.
import { describe, expect, it } from 'vitest'
import { ConsoleAdapter } from '../../adapters/console/index.js'
import { Relay } from '../../src/delivery/relay.js'
import { silentLogger } from '../../src/log.js'
import { openDatabase } from '../../src/store/db.js'
import { PrismaOutbox } from '../../src/store/outbox.js'
import { tempDbFile } from '../helpers/index.js'

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
