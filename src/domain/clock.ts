// Time is injected everywhere: the domain never reads the system clock.
export interface Clock { now(): Date }

export const systemClock: Clock = { now: () => new Date() }

/** A clock that moves only when told to: the console's --sim-clock and every test. */
export class SimClock implements Clock {
  private t: number
  constructor(start: Date) { this.t = start.getTime() }
  now(): Date { return new Date(this.t) }
  advance(ms: number): void { this.t += ms }
  set(d: Date): void { this.t = d.getTime() }
}
