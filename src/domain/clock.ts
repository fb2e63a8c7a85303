// Time is injected everywhere: the domain never reads the system clock.
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that moves only when told to: the console's --sim-clock and every test. */
export class SimClock implements Clock {
  private t: number
  constructor(start: Date) {
    this.t = start.getTime()
  }
  now(): Date {
    return new Date(this.t)
  }
  advance(ms: number): void {
    this.t += ms
  }
  set(d: Date): void {
    this.t = d.getTime()
  }
}

/** The demo's simulated clock starts on a fixed Monday 09:00 in Shanghai (DESIGN §7). */
export const DEMO_START = new Date('2026-11-02T09:00:00+08:00')
