// The relay: order per chat, pacing, retry_after for one chat only, backoff, nothing dropped.
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import {
  DeliveryError,
  type AskedIn,
  type ChatAdapter,
  type MessageKey,
  type OutgoingMessage,
  type Pacing,
  type Segment,
} from '../../src/chat/types.js'
import { Relay, type OutboxRow, type OutboxStore } from '../../src/delivery/relay.js'
import { silentLogger } from '../../src/log.js'

class MemoryOutbox implements OutboxStore {
  rows: (OutboxRow & {
    status: string
    lastError?: string
    sentMsgId?: string
    leaseOwner?: string
    leaseUntil?: number
  })[] = []
  heartbeats = new Map<string, Date>()
  private free = (r: MemoryOutbox['rows'][number], owner: string, now: number, takeOver: string[] = []) =>
    !r.leaseUntil || r.leaseUntil < now || r.leaseOwner === owner || takeOver.includes(r.leaseOwner!)
  add(
    chatId: string,
    text: string,
    o: {
      caseId?: number
      purpose?: string
      replyTo?: string
      kind?: 'group' | 'direct'
      askedIn?: AskedIn
      content?: Segment[]
      fold?: Segment[]
    } = {},
  ) {
    this.rows.push({
      id: this.rows.length + 1,
      platform: 'test',
      chatKind: o.kind ?? 'group',
      chatId,
      threadId: null,
      content: o.content ?? [{ type: 'text', text }],
      replyToMsgId: o.replyTo ?? null,
      fold: o.fold ?? null,
      attempts: 0,
      nextAttemptAt: new Date(0),
      status: 'pending',
      caseId: o.caseId ?? null,
      purpose: o.purpose ?? 'update',
      askedIn: o.askedIn ?? null,
    })
  }
  async pending(platforms: string[], limit: number, owner: string, now: Date) {
    return this.rows
      .filter((r) => r.status === 'pending' && platforms.includes(r.platform))
      .slice(0, limit)
      .map(({ leaseOwner, leaseUntil, ...r }) => ({
        ...r,
        ...(leaseOwner && leaseOwner !== owner && leaseUntil! > now.getTime() ? { heldBy: leaseOwner } : {}),
      }))
  }
  async claim(ids: number[], owner: string, until: Date, now: Date, takeOver?: string[]) {
    const won = this.rows.filter(
      (r) => ids.includes(r.id) && r.status === 'pending' && this.free(r, owner, now.getTime(), takeOver),
    )
    for (const r of won) {
      r.leaseOwner = owner
      r.leaseUntil = until.getTime()
    }
    return won.map((r) => r.id)
  }
  async markSent(id: number, key: MessageKey) {
    const r = this.row(id)
    r.status = 'sent'
    r.sentMsgId = key.messageId
  }
  async markRetry(id: number, error: string, next: Date) {
    const r = this.row(id)
    r.attempts++
    r.lastError = error
    r.nextAttemptAt = next
    r.leaseUntil = undefined
  }
  async markFailed(id: number, error: string) {
    const r = this.row(id)
    r.status = 'failed'
    r.lastError = error
  }
  async markWaiting(id: number, error: string) {
    const r = this.row(id)
    r.status = 'waiting'
    r.lastError = error
    r.leaseUntil = undefined
  }
  async wake(platform: string, chatId: string) {
    const woken = this.rows.filter(
      (r) => r.status === 'waiting' && r.platform === platform && r.chatKind === 'direct' && r.chatId === chatId,
    )
    for (const r of woken) {
      r.status = 'pending'
      r.nextAttemptAt = new Date(0)
    }
    return woken.length
  }
  async beat(owner: string, at: Date) {
    this.heartbeats.set(owner, at)
  }
  async beats(owners: string[]) {
    return new Map([...this.heartbeats].filter(([o]) => owners.includes(o)))
  }
  async release(owner: string) {
    for (const r of this.rows) if (r.leaseOwner === owner) r.leaseUntil = undefined
    this.heartbeats.delete(owner)
  }
  private row(id: number) {
    return this.rows.find((r) => r.id === id)!
  }
}

/** Above Linux's largest pid (2^22): no process has it. */
const DEAD_PID = 2 ** 23 + 17

/** A fake platform on a fake clock: records what was sent when, and fails on demand. */
function fakeAdapter(
  pacing: Pacing,
  clock: { t: number },
  fail: (m: OutgoingMessage, n: number) => Error | undefined = () => undefined,
  maxMentions?: number,
) {
  const sent: { chat: string; text: string; at: number }[] = []
  const messages: OutgoingMessage[] = []
  let n = 0
  let ready = true
  const adapter: ChatAdapter & { sent: typeof sent; messages: typeof messages; setReady(r: boolean): void } = {
    platform: 'test',
    self: { platform: 'test', id: 'bot', name: 'bot' },
    capabilities: { quoteReply: true, mentionById: true, maxTextLength: 4096, replaysMissed: true, maxMentions },
    pacing,
    sent,
    messages,
    setReady: (r) => {
      ready = r
    },
    async start() {},
    async stop() {},
    isReady: () => ready,
    async send(m): Promise<MessageKey> {
      const e = fail(m, ++n)
      if (e) throw e
      messages.push(m)
      sent.push({
        chat: m.conversation.id,
        text: m.content.map((s) => (s.type === 'text' ? s.text : '')).join(''),
        at: clock.t,
      })
      return { platform: 'test', conversationId: m.conversation.id, messageId: String(n) }
    },
  }
  return adapter
}

/** Pumps on a simulated wall clock, jumping to whenever the relay says the next send is possible. */
async function drainSim(relay: Relay, clock: { t: number }, maxSteps = 1000) {
  for (let i = 0; i < maxSteps; i++) {
    const r = await relay.pump()
    if (r.pending === 0 && r.sent === 0) return
    if (r.sent === 0) clock.t += Number.isFinite(r.waitMs) ? r.waitMs : 1000
  }
  throw new Error('did not drain')
}

const setup = (pacing: Pacing, fail?: Parameters<typeof fakeAdapter>[2], maxMentions?: number) => {
  const clock = { t: 1_000_000 }
  const store = new MemoryOutbox()
  const adapter = fakeAdapter(pacing, clock, fail, maxMentions)
  const relay = new Relay({
    store,
    adapters: [adapter],
    log: silentLogger(),
    now: () => clock.t,
    backoff: (a) => 1000 * 2 ** a,
  })
  return { clock, store, adapter, relay }
}

describe('relay', () => {
  it('keeps each chat in order and paces it (1 per second per chat)', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 1000, perAccountMs: 0 })
    for (let i = 1; i <= 3; i++) {
      store.add('A', `a${i}`)
      store.add('B', `b${i}`)
    }
    await drainSim(relay, clock)
    const A = adapter.sent.filter((s) => s.chat === 'A')
    expect(A.map((s) => s.text)).toEqual(['a1', 'a2', 'a3'])
    expect(A[1]!.at - A[0]!.at).toBeGreaterThanOrEqual(1000)
    expect(A[2]!.at - A[1]!.at).toBeGreaterThanOrEqual(1000)
    // The two chats go side by side: B does not wait behind A.
    expect(adapter.sent.find((s) => s.text === 'b1')!.at).toBe(A[0]!.at)
  })

  it("an urgent case's messages take the next turns of their chat and of the account where sends are paced (issue 11 × 12)", async () => {
    const burst = (store: MemoryOutbox) => {
      store.add('G', '已记入 #1', { caseId: 1 })
      store.add('G', '🔔 #2 已受理', { caseId: 2 })
      store.add('G', '🚨 #3 燃气泄漏！', { caseId: 3 })
      store.add('V', '🚨 #3 紧急·燃气泄漏', { caseId: 3, purpose: 'ping' })
      store.add('G', '已记入 #1（共 3 户）', { caseId: 1 })
      for (const r of store.rows.filter((x) => x.caseId === 3)) r.urgency = 1
    }
    // WeChat: one message a second for the whole account.
    const paced = setup({ perChatMs: 1000, perAccountMs: 1000 })
    burst(paced.store)
    await drainSim(paced.relay, paced.clock)
    expect(paced.adapter.sent.map((s) => s.text)).toEqual([
      '🚨 #3 燃气泄漏！',
      '🚨 #3 紧急·燃气泄漏',
      '已记入 #1',
      '🔔 #2 已受理',
      '已记入 #1（共 3 户）',
    ])
    // Nothing paces the console: it prints in the order things happened.
    const unpaced = setup({ perChatMs: 0, perAccountMs: 0 })
    burst(unpaced.store)
    await drainSim(unpaced.relay, unpaced.clock)
    expect(unpaced.adapter.sent.map((s) => s.text)).toEqual([
      '已记入 #1',
      '🔔 #2 已受理',
      '🚨 #3 燃气泄漏！',
      '🚨 #3 紧急·燃气泄漏',
      '已记入 #1（共 3 户）',
    ])
  })

  it('holds a group to 20 messages a minute', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 0, perAccountMs: 0, perGroupPerMinute: 20 })
    for (let i = 0; i < 45; i++) store.add('G', `m${i}`)
    await drainSim(relay, clock)
    const times = adapter.sent.map((s) => s.at)
    for (let i = 20; i < times.length; i++) expect(times[i]! - times[i - 20]!).toBeGreaterThanOrEqual(60_000)
    expect(adapter.sent).toHaveLength(45)
  })

  it("spreads a group's minute evenly (issue 12): one every 3 s, not 20 in the first 20 s", async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 0, perAccountMs: 0, perGroupPerMinute: 20 })
    for (let i = 0; i < 25; i++) store.add('G', `m${i}`)
    const start = clock.t
    await drainSim(relay, clock)
    const times = adapter.sent.map((s) => s.at - start)
    expect(times.slice(0, 4)).toEqual([0, 3000, 6000, 9000])
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(3000)
    // Before the fix the first 20 left one a second and the 21st waited until the minute was over.
    expect(times.filter((t) => t < 20_000)).toHaveLength(7)
    expect(times[20]).toBe(60_000)
  })

  it('a failed attempt (a 5xx) is not charged against the minute: the message counts once, when delivered', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 0, perAccountMs: 0, perGroupPerMinute: 2 }, (m, n) =>
      n === 1 ? new DeliveryError('Internal Server Error') : undefined,
    )
    store.add('G', 'm0')
    store.add('G', 'm1')
    await drainSim(relay, clock)
    const [m0, m1] = adapter.sent
    expect(adapter.sent.map((s) => s.text)).toEqual(['m0', 'm1'])
    // One slot per 30 s: m1 goes one slot after m0 was delivered, not a minute after the failed attempt.
    expect(m1!.at - m0!.at).toBe(30_000)
  })

  it('429 retry_after pauses that chat only, then everything arrives', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 0, perAccountMs: 0 }, (m, n) =>
      m.conversation.id === 'A' && n <= 2 ? new DeliveryError('Too Many Requests', { retryAfterMs: 5000 }) : undefined,
    )
    store.add('A', 'a1')
    store.add('A', 'a2')
    store.add('B', 'b1')
    store.add('B', 'b2')
    const start = clock.t
    await drainSim(relay, clock)
    expect(adapter.sent.map((s) => s.text).sort()).toEqual(['a1', 'a2', 'b1', 'b2'])
    expect(adapter.sent.filter((s) => s.chat === 'B').every((s) => s.at === start)).toBe(true)
    expect(adapter.sent.find((s) => s.text === 'a1')!.at - start).toBeGreaterThanOrEqual(5000)
    expect(adapter.sent.filter((s) => s.chat === 'A').map((s) => s.text)).toEqual(['a1', 'a2'])
  })

  it('5xx and network errors are retried with backoff; nothing is dropped', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 0, perAccountMs: 0 }, (_m, n) =>
      n <= 3 ? new Error('ECONNRESET') : undefined,
    )
    store.add('A', 'hello')
    await drainSim(relay, clock)
    expect(adapter.sent.map((s) => s.text)).toEqual(['hello'])
    expect(store.rows[0]).toMatchObject({ status: 'sent', attempts: 3 })
  })

  it('a chat that can never be reached is marked failed and does not block the others', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 0, perAccountMs: 0 }, (m) =>
      m.conversation.id === 'gone' ? new DeliveryError('bot was kicked', { permanent: true }) : undefined,
    )
    store.add('gone', 'x')
    store.add('A', 'y')
    await drainSim(relay, clock)
    expect(store.rows.map((r) => r.status)).toEqual(['failed', 'sent'])
    expect(adapter.sent.map((s) => s.text)).toEqual(['y'])
  })

  it('a direct message its recipient must open first waits — not failed — and goes once they write', async () => {
    const opened = new Set<string>()
    const { clock, store, adapter, relay } = setup({ perChatMs: 0, perAccountMs: 0 }, (m) =>
      m.conversation.kind === 'direct' && !opened.has(m.conversation.id)
        ? new DeliveryError("Forbidden: bot can't initiate conversation with a user", { awaitsRecipient: true })
        : undefined,
    )
    const told: number[][] = []
    const waiting = new Relay({
      store,
      adapters: [adapter],
      log: silentLogger(),
      now: () => clock.t,
      onWaiting: async (rows) => {
        told.push(rows.map((r) => r.id))
      },
    })
    store.add('5551', 'contact for #1', { kind: 'direct', purpose: 'contact', caseId: 1 })
    store.add('G', '✅ #1 claimed')
    await drainSim(waiting, clock)
    expect(store.rows.map((r) => r.status)).toEqual(['waiting', 'sent'])
    expect(told).toEqual([[1]])
    opened.add('5551')
    expect(await store.wake('test', '5551')).toBe(1)
    await drainSim(relay, clock)
    expect(adapter.sent.map((s) => s.text)).toEqual(['✅ #1 claimed', 'contact for #1'])
    expect(store.rows.map((r) => r.status)).toEqual(['sent', 'sent'])
  })

  it('a chat that moved (a group now a supergroup) is followed: its rows go to the new id, in order', async () => {
    const { clock, store, adapter } = setup({ perChatMs: 0, perAccountMs: 0 }, (m) =>
      m.conversation.id === 'old' ? new DeliveryError('upgraded', { permanent: true, movedTo: 'new' }) : undefined,
    )
    const moves: string[] = []
    const relay = new Relay({
      store,
      adapters: [adapter],
      log: silentLogger(),
      now: () => clock.t,
      onChatMoved: async (platform, from, to) => {
        moves.push(`${platform}:${from}→${to}`)
        for (const r of store.rows) if (r.chatId === from && r.status === 'pending') r.chatId = to
      },
    })
    store.add('old', 'first')
    store.add('old', 'second')
    await drainSim(relay, clock)
    expect(moves).toEqual(['test:old→new'])
    expect(adapter.sent).toMatchObject([
      { chat: 'new', text: 'first' },
      { chat: 'new', text: 'second' },
    ])
    // Without anyone to move the chat, the send cannot succeed: failed, as before.
    const bare = setup(
      { perChatMs: 0, perAccountMs: 0 },
      () => new DeliveryError('upgraded', { permanent: true, movedTo: 'x' }),
    )
    bare.store.add('old', 'first')
    await drainSim(bare.relay, bare.clock)
    expect(bare.store.rows[0]!.status).toBe('failed')
  })

  it('waits while the platform is logged out and sends after login', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 0, perAccountMs: 0 })
    adapter.setReady(false)
    store.add('A', 'kept')
    expect(await relay.pump()).toMatchObject({ sent: 0 })
    expect(store.rows[0]!.status).toBe('pending')
    adapter.setReady(true)
    await drainSim(relay, clock)
    expect(adapter.sent.map((s) => s.text)).toEqual(['kept'])
  })
})

describe('two relays on one outbox', () => {
  it('every row is sent once, whether by one process twice over or by two processes', async () => {
    const clock = { t: 1_000_000 }
    const store = new MemoryOutbox()
    for (let i = 0; i < 30; i++) store.add(`chat${i % 3}`, `m${i}`)
    const a = fakeAdapter({ perChatMs: 0, perAccountMs: 0 }, clock)
    const b = fakeAdapter({ perChatMs: 0, perAccountMs: 0 }, clock)
    const relayA = new Relay({ store, adapters: [a], log: silentLogger(), now: () => clock.t, owner: 'A' })
    const relayB = new Relay({ store, adapters: [b], log: silentLogger(), now: () => clock.t, owner: 'B' })
    // Overlapping passes: the same relay twice (a drain beside the background loop) and another relay.
    await Promise.all([relayA.pump(), relayA.pump(), relayB.pump(), relayA.drain(), relayB.drain()])
    const texts = [...a.sent, ...b.sent].map((s) => s.text).sort()
    expect(texts).toEqual(store.rows.map((r) => (r.content[0]!.type === 'text' ? r.content[0]!.text : '')).sort())
    expect(new Set(texts).size).toBe(30)
  })

  it('a chat whose first message another live relay is sending waits: its messages never overtake', async () => {
    const clock = { t: 1_000_000 }
    const store = new MemoryOutbox()
    store.add('G', 'first')
    store.add('G', 'second')
    store.add('H', 'other chat')
    // Relay A (alive: it beats) took the lease on G's first message and is still sending it.
    await store.beat('A', new Date(clock.t))
    await store.claim([1], 'A', new Date(clock.t + 60_000), new Date(clock.t))
    const b = fakeAdapter({ perChatMs: 0, perAccountMs: 0 }, clock)
    const relayB = new Relay({ store, adapters: [b], log: silentLogger(), now: () => clock.t, owner: 'B' })
    await relayB.pump()
    expect(b.sent.map((s) => s.text)).toEqual(['other chat'])
    clock.t += 5_000
    await store.beat('A', new Date(clock.t))
    await relayB.pump()
    expect(b.sent.map((s) => s.text)).toEqual(['other chat'])
  })

  it('a relay that stops beating (hung, or dead on another machine) is taken over in seconds, in order', async () => {
    const clock = { t: 1_000_000 }
    const store = new MemoryOutbox()
    store.add('G', 'first')
    store.add('G', 'second')
    await store.beat('A', new Date(clock.t))
    await store.claim([1], 'A', new Date(clock.t + 60_000), new Date(clock.t))
    const b = fakeAdapter({ perChatMs: 0, perAccountMs: 0 }, clock)
    const relayB = new Relay({ store, adapters: [b], log: silentLogger(), now: () => clock.t, owner: 'B' })
    await relayB.pump()
    expect(b.sent).toEqual([])
    // A's last beat is now 11 s old — far inside its 60 s lease.
    clock.t += 11_000
    await relayB.drain()
    expect(b.sent.map((s) => s.text)).toEqual(['first', 'second'])
  })

  it("a lease whose owner's process on this host has ended is free at once", async () => {
    const clock = { t: 1_000_000 }
    const store = new MemoryOutbox()
    store.add('G', 'first')
    store.add('G', 'second')
    // Killed a moment ago: its heartbeat is still fresh, its process is not there any more.
    const dead = `${hostname()}:${DEAD_PID}:0d0d0d0d`
    await store.beat(dead, new Date(clock.t))
    await store.claim([1], dead, new Date(clock.t + 60_000), new Date(clock.t))
    const b = fakeAdapter({ perChatMs: 0, perAccountMs: 0 }, clock)
    const relayB = new Relay({ store, adapters: [b], log: silentLogger(), now: () => clock.t })
    await relayB.drain()
    expect(b.sent.map((s) => s.text)).toEqual(['first', 'second'])
    // A live process on this host with a fresh heartbeat keeps its lease.
    store.add('H', 'third')
    const alive = `${hostname()}:${process.ppid}:1a1a1a1a`
    await store.beat(alive, new Date(clock.t))
    await store.claim([3], alive, new Date(clock.t + 60_000), new Date(clock.t))
    await relayB.pump()
    expect(b.sent.map((s) => s.text)).toEqual(['first', 'second'])
  })

  it('a relay that stops lets go of its leases and its heartbeat', async () => {
    const clock = { t: 1_000_000 }
    const store = new MemoryOutbox()
    store.add('G', 'first')
    const a = fakeAdapter({ perChatMs: 0, perAccountMs: 0 }, clock)
    const relayA = new Relay({ store, adapters: [a], log: silentLogger(), now: () => clock.t, owner: 'A' })
    await store.beat('A', new Date(clock.t))
    await store.claim([1], 'A', new Date(clock.t + 60_000), new Date(clock.t))
    await relayA.stop()
    expect(store.heartbeats.has('A')).toBe(false)
    expect(store.rows[0]!.leaseUntil).toBeUndefined()
  })
})

describe('coalescing', () => {
  it('updates about one case waiting behind the pacing leave as one message', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 1000, perAccountMs: 0 })
    store.add('G', '✅ #1 由 钱阿姨 接单', { caseId: 1 })
    await relay.pump() // the chat is quiet: the first goes at once, and the chat waits a second
    store.add('G', '📝 #1 已联系物业', { caseId: 1 })
    store.add('G', '🎉 #1 已办好', { caseId: 1 })
    await drainSim(relay, clock)
    expect(adapter.sent.map((s) => s.text)).toEqual(['✅ #1 由 钱阿姨 接单', '📝 #1 已联系物业\n🎉 #1 已办好'])
    expect(new Set(store.rows.slice(1).map((r) => r.sentMsgId)).size).toBe(1)
  })

  it('never folds a ping into updates, other cases, replies, or anything on an unpaced platform', async () => {
    const paced = setup({ perChatMs: 1000, perAccountMs: 0 })
    paced.store.add('G', 'first', { caseId: 1 })
    paced.store.add('G', 'ping #1', { caseId: 1, purpose: 'ping' })
    paced.store.add('G', 'update #1', { caseId: 1 })
    paced.store.add('G', 'update #2', { caseId: 2 })
    paced.store.add('G', 'reply about #2', { caseId: 2, replyTo: '77' })
    await drainSim(paced.relay, paced.clock)
    expect(paced.adapter.sent).toHaveLength(5)

    const unpaced = setup({ perChatMs: 0, perAccountMs: 0 })
    unpaced.store.add('G', 'a', { caseId: 1 })
    unpaced.store.add('G', 'b', { caseId: 1 })
    await drainSim(unpaced.relay, unpaced.clock)
    expect(unpaced.adapter.sent.map((s) => s.text)).toEqual(['a', 'b'])
  })

  it('acks waiting behind a busy group fold into one message naming each ringer with their number (issue 12)', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 1000, perAccountMs: 0, perGroupPerMinute: 20 })
    const who = (name: string): Segment => ({ type: 'mention', userId: name, name })
    store.add('G', '🔔 #1 已受理', {
      caseId: 1,
      purpose: 'ack',
      replyTo: '10',
      fold: [who('王阿姨'), { type: 'text', text: ' 🔔 #1 已受理' }],
    })
    await relay.pump() // the first goes at once, quoting her ring
    for (const [i, name] of ['严大伯', '毛大姐', '钱阿姨'].entries())
      store.add('G', `已记入 #1，共 ${i + 2} 户反映`, {
        caseId: 1,
        purpose: 'ack',
        replyTo: String(11 + i),
        content: [who(name), { type: 'text', text: ` 已记入 #1，共 ${i + 2} 户反映` }],
        fold: [who(name), { type: 'text', text: ` 已记入 #1（共 ${i + 2} 户）` }],
      })
    store.add('G', 'something else', { caseId: 2 })
    await drainSim(relay, clock)
    expect(adapter.sent.map((s) => s.text)).toEqual([
      '🔔 #1 已受理',
      ' 已记入 #1（共 2 户）\n 已记入 #1（共 3 户）\n 已记入 #1（共 4 户）',
      'something else',
    ])
    expect(adapter.messages[1]!.content.filter((s) => s.type === 'mention').map((s) => s.name)).toEqual([
      '严大伯',
      '毛大姐',
      '钱阿姨',
    ])
    // One message answers three: it quotes none of them; each row knows the message it went out in.
    expect(adapter.messages[0]!.replyTo?.messageId).toBe('10')
    expect(adapter.messages[1]!.replyTo).toBeUndefined()
    expect(new Set(store.rows.slice(1, 4).map((r) => r.sentMsgId)).size).toBe(1)
  })

  it('pings for distinct cases fold into one: a line per case, most urgent first, everyone to call once (issue 12)', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 1000, perAccountMs: 0, perGroupPerMinute: 20 })
    const qian: Segment = { type: 'mention', userId: 'q', name: '钱阿姨' }
    const wan: Segment = { type: 'mention', userId: 'w', name: '万大姐' }
    const ping = (no: number, people: Segment[]) =>
      store.add('V', `🔔 #${no}`, {
        caseId: no,
        purpose: 'ping',
        content: [
          { type: 'text', text: `🔔 #${no} 物业·9幢：灯坏了` },
          ...people.flatMap((p) => [{ type: 'text' as const, text: ' ' }, p]),
        ],
      })
    ping(1, [qian])
    await relay.pump()
    ping(2, [qian, wan])
    ping(3, [wan])
    ping(4, [qian])
    store.rows[2]!.urgency = 2 // #3 is urgent (issue 11's hook)
    await drainSim(relay, clock)
    const texts = adapter.messages.map((m) =>
      m.content.map((s) => (s.type === 'text' ? s.text : `@${s.name}`)).join(''),
    )
    expect(texts).toEqual([
      '🔔 #1 物业·9幢：灯坏了 @钱阿姨',
      '🔔 #3 物业·9幢：灯坏了\n🔔 #2 物业·9幢：灯坏了\n🔔 #4 物业·9幢：灯坏了\n@万大姐 @钱阿姨',
    ])
    expect(store.rows.slice(1).map((r) => r.sentMsgId)).toEqual(['2', '2', '2'])
  })

  it('mentions beyond the platform’s count are written as names, and the message still goes whole', async () => {
    const { clock, store, adapter, relay } = setup({ perChatMs: 1000, perAccountMs: 0 }, undefined, 2)
    const who = (name: string): Segment => ({ type: 'mention', userId: name, name })
    store.add('G', 'first', { caseId: 9 })
    await relay.pump()
    for (const name of ['甲', '乙', '丙'])
      store.add('G', name, { caseId: 1, purpose: 'ack', fold: [who(name), { type: 'text', text: ' #1' }] })
    await drainSim(relay, clock)
    expect(adapter.messages[1]!.content).toEqual([
      who('甲'),
      { type: 'text', text: ' #1\n' },
      who('乙'),
      { type: 'text', text: ' #1\n@丙 #1' },
    ])
  })

  it('a quiet chat folds nothing: its first ack goes alone, quoting the ring; a failed attempt does not make it busy', async () => {
    const { clock, store, adapter, relay } = setup(
      { perChatMs: 1000, perAccountMs: 0, perGroupPerMinute: 20 },
      (m, n) => (n === 1 ? new DeliveryError('Internal Server Error') : undefined),
    )
    const who = (name: string): Segment => ({ type: 'mention', userId: name, name })
    store.add('G', '🔔 #1 已受理', {
      caseId: 1,
      purpose: 'ack',
      replyTo: '10',
      fold: [who('王阿姨'), { type: 'text', text: ' #1' }],
    })
    store.add('G', '🔔 #2 已受理', {
      caseId: 2,
      purpose: 'ack',
      replyTo: '11',
      fold: [who('严大伯'), { type: 'text', text: ' #2' }],
    })
    await drainSim(relay, clock)
    expect(adapter.messages.map((m) => [m.replyTo?.messageId, m.content])).toEqual([
      ['10', [{ type: 'text', text: '🔔 #1 已受理' }]],
      ['11', [{ type: 'text', text: '🔔 #2 已受理' }]],
    ])
  })
})
