// The console adapter: a chat simulator that speaks the transcript format. The same code drives the
// demo (`npm start`), scripts (`--script`) and the whole-loop tests.
import type {
  AdapterEvent,
  ChatAdapter,
  IncomingMessage,
  MessageKey,
  OutgoingMessage,
  Segment,
  UserRef,
} from '../../src/chat/types.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { formatOut, type InputLine } from './transcript.js'

export interface ConsoleOptions {
  botName?: string
  /** 'console' unless a test lets it stand in for another platform */
  platform?: string
  /**
   * where output lines go; tests collect them. A write that returns a promise (stdout: resolved once the
   * line is handed to the pipe) is awaited, so a message counts as sent only once it is really out.
   */
  write: ((line: string) => void) | ((line: string) => Promise<void>)
  /** time stamped on incoming messages */
  now?: () => Date
  /** distinguishes message keys across runs on one database (a restart must not look like a redelivery) */
  session?: string
  /** where files the bot sends (an export, a chart) are written; their path is printed (default data/files) */
  filesDir?: string
}

export class ConsoleAdapter implements ChatAdapter {
  readonly platform: string
  readonly self: UserRef
  readonly capabilities = {
    quoteReply: true,
    mentionById: true,
    maxTextLength: 100_000,
    replaysMissed: true,
    files: true,
  }
  readonly pacing = { perChatMs: 0, perAccountMs: 0 }
  private onMessage?: (m: IncomingMessage) => Promise<void>
  private outCount = 0
  private inCount = 0
  private readonly sentLines = new Map<
    number,
    { chat: string; kind: 'group' | 'direct'; text: string; key: MessageKey }
  >()
  private readonly session: string

  constructor(private readonly o: ConsoleOptions) {
    this.platform = o.platform ?? 'console'
    this.self = { platform: this.platform, id: o.botName ?? 'ringbell', name: o.botName ?? 'ringbell' }
    this.session = o.session ?? Date.now().toString(36)
  }

  async start(
    onMessage: (m: IncomingMessage) => Promise<void>,
    onEvent?: (e: AdapterEvent) => Promise<void>,
  ): Promise<void> {
    this.onMessage = onMessage
    await onEvent?.({ type: 'online', at: this.o.now?.() ?? new Date() })
  }

  isReady(): boolean {
    return true
  }

  async stop(): Promise<void> {
    this.onMessage = undefined
  }

  /** `@钱阿姨` in typed text is a mention; `@ringbell` mentions the bot. */
  private segments(text: string): Segment[] {
    const out: Segment[] = []
    let last = 0
    for (const m of text.matchAll(/@([^\s@:：，,。]+)/g)) {
      if (m.index! > last) out.push({ type: 'text', text: text.slice(last, m.index) })
      out.push({ type: 'mention', userId: m[1], name: m[1]! })
      last = m.index! + m[0].length
    }
    if (last < text.length) out.push({ type: 'text', text: text.slice(last) })
    return out
  }

  /** Feeds one typed line to the bot; resolves when the bot has handled it. */
  async feed(line: Exclude<InputLine, { kind: 'advance' | 'blank' | 'bad' }>): Promise<void> {
    if (!this.onMessage) throw new Error('console adapter not started')
    const n = ++this.inCount
    const conversation =
      line.kind === 'group'
        ? { kind: 'group' as const, platform: this.platform, id: line.chat, title: line.chat }
        : { kind: 'direct' as const, platform: this.platform, id: line.sender }
    const content = this.segments(line.text)
    const quoted = line.quote !== undefined ? this.sentLines.get(line.quote) : undefined
    await this.onMessage({
      key: { platform: this.platform, conversationId: conversation.id, messageId: `${this.session}-${n}` },
      conversation,
      sender: { platform: this.platform, id: line.sender, name: line.sender },
      content,
      mentionsSelf: content.some((s) => s.type === 'mention' && s.name === this.self.name),
      replyTo:
        line.quote !== undefined
          ? {
              key: quoted?.key ?? {
                platform: this.platform,
                conversationId: conversation.id,
                messageId: `unknown-${line.quote}`,
              },
              senderId: this.self.id,
              preview: quoted?.text,
            }
          : undefined,
      attachments: [],
      sentAt: this.o.now?.() ?? new Date(),
    })
  }

  async send(m: OutgoingMessage): Promise<MessageKey> {
    const n = ++this.outCount
    let text = m.content.map((s) => (s.type === 'text' ? s.text : `@${s.name}`)).join('')
    // A file is written where the person can open it; the transcript shows its path under the caption.
    if (m.file) {
      const dir = resolve(this.o.filesDir ?? 'data/files')
      mkdirSync(dir, { recursive: true })
      const path = join(dir, `${this.session}-${n}-${m.file.name.replace(/[/\\]/g, '_')}`)
      writeFileSync(path, m.file.data)
      text += `\n📎 ${path}`
    }
    const where = m.conversation.kind === 'direct' ? `@${m.conversation.id}` : m.conversation.id
    // Line numbers start again at 1 every run; the message id must not, or a quote could reach an old case.
    const key = { platform: this.platform, conversationId: m.conversation.id, messageId: `${this.session}-o${n}` }
    this.sentLines.set(n, { chat: m.conversation.id, kind: m.conversation.kind, text, key })
    await this.o.write(formatOut(n, where, this.self.name, text))
    return key
  }
}
