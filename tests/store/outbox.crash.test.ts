// A relay killed with -9 in the middle of a send: its chat resumes in seconds, not when the lease runs out.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChatAdapter } from '../../src/chat/types.js'
import { Relay } from '../../src/delivery/relay.js'
import { silentLogger } from '../../src/log.js'
import { openDatabase } from '../../src/store/db.js'
import { PrismaOutbox } from '../../src/store/outbox.js'
import { tempDbFile } from '../helpers/index.js'

const recorder = (sent: { text: string; at: number }[]): ChatAdapter => ({
  platform: 'test',
  self: { platform: 'test', id: 'bot', name: 'bot' },
  capabilities: { quoteReply: false, mentionById: false, maxTextLength: 4096, replaysMissed: true },
  pacing: { perChatMs: 0, perAccountMs: 0 },
  async start() {},
  async stop() {},
  isReady: () => true,
  async send(m) {
    sent.push({ text: m.content.map((s) => (s.type === 'text' ? s.text : '')).join(''), at: Date.now() })
    return { platform: 'test', conversationId: m.conversation.id, messageId: String(sent.length) }
  },
})

describe('a relay process killed while it holds a lease', () => {
  it('the chat resumes within seconds, in order; the message in flight is sent again (at-least-once)', async () => {
    const file = tempDbFile()
    const db = await openDatabase(file)
    for (const text of ['🔔 #1 楼道灯坏了', '✅ #1 由 钱阿姨 接单'])
      await db.outbox.create({
        data: {
          platform: 'test',
          chatKind: 'group',
          chatId: '9幢业主群',
          content: JSON.stringify([{ type: 'text', text }]),
          createdAt: new Date(),
          nextAttemptAt: new Date(0),
        },
      })
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'lease-holder.child.ts'), file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    const exited = once(child, 'exit')
    try {
      let out = ''
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString()
          if (out.includes('sending')) resolve()
        })
        child.on('exit', (code) => reject(new Error(`lease holder exited early (${code})`)))
      })
      const leased = await db.outbox.findFirstOrThrow({ where: { id: 1 } })
      expect(leased.leaseOwner).toContain(`:${child.pid}:`)
      expect(leased.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000)

      // While the holder lives, our relay leaves its chat alone.
      const sent: { text: string; at: number }[] = []
      const relay = new Relay({ store: new PrismaOutbox(db), adapters: [recorder(sent)], log: silentLogger() })
      await relay.pump()
      expect(sent).toEqual([])

      child.kill('SIGKILL')
      await exited
      const killedAt = Date.now()
      relay.start()
      try {
        const deadline = killedAt + 10_000
        while (sent.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      } finally {
        await relay.stop()
      }
      expect(sent.map((s) => s.text)).toEqual(['🔔 #1 楼道灯坏了', '✅ #1 由 钱阿姨 接单'])
      expect(sent[0]!.at - killedAt).toBeLessThan(3_000)
      expect(await db.outbox.count({ where: { status: 'sent' } })).toBe(2)
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await db.$disconnect()
    }
  })
})
