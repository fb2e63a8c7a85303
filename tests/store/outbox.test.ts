// The outbox on SQLite: two processes' relays on one database send every row exactly once.
import { describe, expect, it } from 'vitest'
import type { ChatAdapter, MessageKey, OutgoingMessage } from '../../src/chat/types.js'
import { Relay } from '../../src/delivery/relay.js'
import { silentLogger } from '../../src/log.js'
import { openDatabase } from '../../src/store/db.js'
import { PrismaOutbox } from '../../src/store/outbox.js'
import { tempDbFile } from '../helpers/index.js'

function recorder(sent: string[]): ChatAdapter {
  let n = 0
  return {
    platform: 'console', self: { platform: 'console', id: 'bot', name: 'bot' },
    capabilities: { quoteReply: true, mentionById: true, maxTextLength: 4096, replaysMissed: true },
    pacing: { perChatMs: 0, perAccountMs: 0 },
    async start() {}, async stop() {}, isReady: () => true,
    async send(m: OutgoingMessage): Promise<MessageKey> {
      // A slow platform widens the window in which the other relay could pick the same row.
      await new Promise((r) => setTimeout(r, 2))
      sent.push(m.content.map((s) => (s.type === 'text' ? s.text : '')).join(''))
      return { platform: 'console', conversationId: m.conversation.id, messageId: String(++n) }
    },
  }
}

describe('outbox leases', () => {
  it('two relays with their own connections to one file send each row once', async () => {
    const file = tempDbFile()
    const dbA = await openDatabase(file)
    const dbB = await openDatabase(file)
    await dbA.outbox.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ platform: 'console', chatKind: 'group', chatId: `g${i % 4}`, content: JSON.stringify([{ type: 'text', text: `m${i}` }]), createdAt: new Date(), nextAttemptAt: new Date(0) })),
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
