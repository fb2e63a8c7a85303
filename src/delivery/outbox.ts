// What the relay reads and writes: rows the app committed, and the store that keeps them.
import type { MessageKey, Segment } from '../chat/types.js'

export interface OutboxRow {
  id: number
  platform: string
  chatKind: 'group' | 'direct'
  chatId: string
  threadId: string | null
  content: Segment[]
  replyToMsgId: string | null
  attempts: number
  nextAttemptAt: Date
  caseId: number | null
  purpose: string
  /** another relay holds a live lease on it: this chat waits, so its messages keep their order */
  heldElsewhere?: boolean
}

export interface OutboxStore {
  /** pending rows of these platforms, oldest first, marking those another relay holds a lease on */
  pending(platforms: string[], limit: number, owner: string, now: Date): Promise<OutboxRow[]>
  /** takes a lease on rows about to be sent; returns the ids this relay now holds */
  claim(ids: number[], owner: string, until: Date, now: Date): Promise<number[]>
  markSent(id: number, key: MessageKey, at: Date): Promise<void>
  markRetry(id: number, error: string, next: Date): Promise<void>
  markFailed(id: number, error: string): Promise<void>
}
