// Runs transcript lines against a running ringbell: each line is handled and its replies are sent
// before the next is read, so a script's output reads in order.
import type { Ringbell } from '../../src/ringbell.js'
import type { SimClock } from '../../src/domain/clock.js'
import type { ConsoleAdapter } from './index.js'
import { parseLine } from './transcript.js'

export class ConsoleSession {
  constructor(
    private readonly rb: Ringbell,
    private readonly adapter: ConsoleAdapter,
    private readonly clock: SimClock | undefined,
    private readonly say: (line: string) => void,
  ) {}

  async line(raw: string): Promise<void> {
    const l = parseLine(raw)
    switch (l.kind) {
      case 'blank':
        return
      case 'bad':
        return this.say(`! ${l.reason}: ${l.line}`)
      case 'advance':
        if (!this.clock) return this.say('! :advance needs --sim-clock')
        this.clock.advance(l.ms)
        await this.rb.runDueJobs()
        return
      default:
        // The bot does not answer itself (every platform drops its own messages too).
        if (l.sender === this.adapter.self.name)
          return this.say(`! ${l.sender} is the bot's own name; pick someone else to speak as`)
        await this.adapter.feed(l)
        await this.rb.drain()
    }
  }

  async lines(text: string): Promise<void> {
    for (const raw of text.split('\n')) await this.line(raw)
  }
}
