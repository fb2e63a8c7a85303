// The committee's digests as recurring timers (issue 13): the daily digest at `digest.daily`, the weekly
// review on `digest.weekly`'s morning, per community, each once per day or week across restarts.
import { dailyDigestPosts, weeklyReviewPosts } from '../digests.js'
import type { RecurringTimer } from './deps.js'

export const dailyDigestTimer: RecurringTimer = {
  every: (c) => (c.settings.digest.daily ? { at: c.settings.digest.daily } : undefined),
  period: 'day',
  async run(deps, communityId, occurrence) {
    const dir = await deps.directory.get(communityId)
    return { dir, posts: await dailyDigestPosts(deps.store, dir, occurrence) }
  },
}

export const weeklyReviewTimer: RecurringTimer = {
  every: (c) => c.settings.digest.weekly,
  period: 'week',
  async run(deps, communityId, occurrence) {
    const dir = await deps.directory.get(communityId)
    return { dir, posts: await weeklyReviewPosts(deps.store, dir, occurrence) }
  },
}
