// Step 5, the one way out (DESIGN §2, §6): a decision's change, its audit events and the messages that
// report it are written in one transaction, under the key that makes it happen once. Every outbox row
// in the app is written here: replies, pings, timer effects, apologies and notices alike.
import type { AskedIn, MessageKey } from '../chat/types.js'
import type { Plan } from './context.js'
import { Conflict, type Store } from './ports.js'
import type { Audience } from './directory.js'
import { expand, type Post } from './posts.js'

const nobody = { people: [], groups: [] }

export interface Work {
  /** what makes it happen once (an inbound message, a timer): a key already recorded means "done before" */
  key?: MessageKey
  at: Date
  /** who is who, for mentions and direct messages; not needed for a plain reply in the chat */
  dir?: Audience
  /** the change, run inside the transaction; it may add to `posts` */
  plan?: Plan
  /** the messages, read after the plan has run */
  posts: Post[]
  /** the group message this work answers: its direct messages remember it (see private-chat.ts) */
  askedIn?: AskedIn
}

/** Reads and decides afresh; undefined means there is nothing to do. Called again after a Conflict. */
export type Decide = () => Promise<Work | undefined>

export interface UnitOfWorkDeps {
  store: Store
  /** the platforms this process runs: rows for chats on others would wait forever. Absent = all. */
  active?: ReadonlySet<string>
  /** new rows are waiting: the relay need not wait for its next poll */
  onOutbox?: () => void
  maxAttempts?: number
}

export type Commit = (decide: Decide) => Promise<'done' | 'duplicate' | 'nothing'>

export function unitOfWork(deps: UnitOfWorkDeps): Commit {
  const maxAttempts = deps.maxAttempts ?? 8
  return async function commit(decide) {
    for (let attempt = 1; ; attempt++) {
      const work = await decide()
      if (!work) return 'nothing'
      try {
        const written = await deps.store.transaction(async (tx) => {
          if (work.key && !(await tx.recordInbound(work.key, work.at))) return undefined
          if (work.plan) await work.plan(tx)
          const rows = work.posts
            .flatMap((p) => expand(p, work.dir ?? nobody, deps.active))
            .map((r) => (work.askedIn && r.chatKind === 'direct' ? { ...r, askedIn: work.askedIn } : r))
          await tx.enqueue(rows, work.at)
          return rows.length
        })
        if (written) deps.onOutbox?.()
        return written === undefined ? 'duplicate' : 'done'
      } catch (e) {
        // Someone else changed the case between our read and our write: read again and decide again.
        if (e instanceof Conflict && attempt < maxAttempts) continue
        throw e
      }
    }
  }
}
