// A relay in its own process that takes the lease on a chat's first message and hangs in the send,
// for the test to kill -9 it there. Usage: node --import tsx lease-holder.child.ts <db file>
import type { ChatAdapter } from '../../src/chat/types.js'
import { Relay } from '../../src/delivery/relay.js'
import { silentLogger } from '../../src/log.js'
import { openDatabase } from '../../src/store/db.js'
import { PrismaOutbox } from '../../src/store/outbox.js'

const db = await openDatabase(process.argv[2]!)
const hangs: ChatAdapter = {
  platform: 'test',
  self: { platform: 'test', id: 'bot', name: 'bot' },
  capabilities: { quoteReply: false, mentionById: false, maxTextLength: 4096, replaysMissed: true },
  pacing: { perChatMs: 0, perAccountMs: 0 },
  async start() {},
  async stop() {},
  isReady: () => true,
  send: () => {
    process.stdout.write('sending\n')
    return new Promise(() => {})
  },
}
new Relay({ store: new PrismaOutbox(db), adapters: [hangs], log: silentLogger() }).start()
