// What the relay reads and writes: rows the app committed, and the store that keeps them.
import type { AskedIn, MessageKey, Segment } from '../chat/types.js'

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
  /** the group message this direct message answers (where to ask its recipient to open a private chat) */
  askedIn?: AskedIn | null
  /** a file goes with it: its name and type (the bytes are read with `fileData` when it is sent) */
  fileName?: string | null
  fileMime?: string | null
  /** the line it becomes when folded with others waiting for the same chat (an ack: who, and their number) */
  fold?: Segment[] | null
  /**
   * How urgent the row's case is, higher first (1: an urgent ring, issue 11; absent: ordinary). Folded
   * pings go out most urgent first; rows that rank alike keep their order.
   */
  urgency?: number
  /**
   * Another relay holds a live lease on it: its chat waits, so its messages keep their order — unless
   * that relay is gone (see owners.ts), and then the lease is taken over.
   */
  heldBy?: string
}

export interface OutboxStore {
  /** pending rows of these platforms, oldest first, naming the other relay that holds a lease on one */
  pending(platforms: string[], limit: number, owner: string, now: Date): Promise<OutboxRow[]>
  /**
   * Takes a lease on rows about to be sent: rows that are free, expired, already ours, or leased by one
   * of `takeOver` (relays found gone). Returns the ids this relay now holds.
   */
  claim(ids: number[], owner: string, until: Date, now: Date, takeOver?: string[]): Promise<number[]>
  markSent(id: number, key: MessageKey, at: Date): Promise<void>
  markRetry(id: number, error: string, next: Date): Promise<void>
  markFailed(id: number, error: string): Promise<void>
  /** The recipient has to write to the bot first (they never opened a private chat): the row waits for them. */
  markWaiting(id: number, error: string): Promise<void>
  /** They wrote: every row that waited for this private chat is due again. Returns how many. */
  wake(platform: string, chatId: string): Promise<number>
  /** This relay is alive. */
  beat(owner: string, at: Date): Promise<void>
  /** When each of these relays last beat (absent: never, or stopped). */
  beats(owners: string[]): Promise<Map<string, Date>>
  /** The bytes of the file a row sends. */
  fileData?(id: number): Promise<Uint8Array | undefined>
  /** This relay stops: its leases and its heartbeat go, so nobody waits on it. */
  release(owner: string): Promise<void>
}
