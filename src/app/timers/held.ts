// Rings held back from a resident who rang faster than the flood limit (issue 8) go out together when
// they pause: one case, one ack, one set of pings, one ladder. Scheduled by screenRing (app/flood.ts).
import { t } from '../../i18n/index.js'
import { openCase } from '../open-case.js'
import { bundle } from '../flood.js'
import type { Tx } from '../ports.js'
import { mention, type Post } from '../posts.js'
import { timerKey, type Fired, type TimerDeps } from './deps.js'
import { memberById } from '../directory.js'

export async function releaseHeld(deps: TimerDeps, job: Fired, now: Date): Promise<void> {
  const { communityId, personId } = job.payload as { communityId: number; personId: number }
  await deps.commit(async () => {
    const members = await deps.directory.get(communityId)
    const reporter = memberById(members, personId) ?? (await deps.store.people([personId]))[0]
    const dir = { ...members, people: reporter ? [...members.people, reporter] : members.people }
    const counts = await deps.store.openCaseCounts(communityId)
    const posts: Post[] = []
    const plan = async (tx: Tx) => {
      const held = await tx.heldRings(personId)
      if (!held.length) return
      const first = held[0]!
      const said = t(dir.community.locale).heldBundled({ count: held.length })
      const opened = await openCase(
        tx,
        { dir, now, counts },
        bundle(held, dir, now),
        held.flatMap((h) => h.attachments),
        { platform: first.platform, conversationId: first.chatId, messageId: first.msgId },
        ['\n', ...(reporter ? [mention(reporter), ' '] : []), said],
      )
      await tx.releaseHeld(
        held.map((h) => h.id),
        opened.c.id,
      )
      posts.push(...opened.posts)
    }
    return { key: timerKey(job.key), at: now, dir, plan, posts }
  })
}
