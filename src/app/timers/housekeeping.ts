// Once a day, at a quiet hour: forget what only mattered for a while. Inbound keys guard against a
// platform delivering a message twice (Telegram retries for a day at most); finished jobs are history
// nobody reads. Without this, both tables grow by every message and every timer, forever.
import type { Recurrence } from '../../domain/recurrence.js'
import type { Work } from '../unit-of-work.js'

export const KEEP_DAYS = 30
export const housekeepingAt: Recurrence = { at: '04:00' }

export async function housekeeping(now: Date): Promise<Omit<Work, 'key' | 'at'>> {
  const before = new Date(now.getTime() - KEEP_DAYS * 86_400_000)
  return { plan: (tx) => tx.prune(before), posts: [] }
}
