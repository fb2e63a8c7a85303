// What the app needs from storage. src/store implements it with Prisma; the app never sees Prisma.
import type { MessageKey, Platform } from '../chat/types.js'
import type { CaseState, Status } from '../domain/case.js'
import type { Role, GroupRole, CommunityConfig } from '../config/schema.js'

export interface CommunityRow {
  id: number
  name: string
  timezone: string
  locale: 'zh-CN' | 'en'
  settings: Pick<CommunityConfig, 'categories' | 'escalation' | 'timers'>
}
export interface ChatRef {
  platform: Platform
  chatId: string
}
export interface GroupRow {
  id: number
  name: string
  role: GroupRole
  places: string[]
  chats: ChatRef[]
}
export interface IdentityRow {
  platform: Platform
  userId: string
  name: string
  /** the userId is a display name anyone can take (WeChat without a binding): a resident's rights at most */
  byName?: boolean
}

/** A one-time code (绑定码) that links the account which sends it to a person. */
export interface BindCodeRow {
  personId: number
  /** the admin who asked for it; null for the operator's first-admin code */
  issuedBy: number | null
  expiresAt: Date
}
export interface VolunteerRow {
  skills: string[]
  places: string[]
  maxOpen: number
  manualOnUntil: Date | null
  manualOffUntil: Date | null
  shifts: { id: number; spec: string }[]
}
export interface PersonRow {
  id: number
  name: string
  roles: Role[]
  locale: 'zh-CN' | 'en' | null
  /** where they last wrote to the bot: their direct messages go there */
  lastPlatform: Platform | null
  identities: IdentityRow[]
  volunteer: VolunteerRow | null
}

/** Everything about one community that changes rarely: loaded per message, cached briefly. */
export interface Directory {
  community: CommunityRow
  places: string[]
  groups: GroupRow[]
  people: PersonRow[]
}

export interface CaseRow extends CaseState {
  id: number
  communityId: number
  number: number
  text: string
  category: string
  place: string
  contact: string | null
  originGroupId: number | null
  originPlatform: Platform
  originChatId: string
  originMsgId: string
  originThreadId: string | null
  version: number
  createdAt: Date
}

export type NewCase = Omit<CaseRow, 'id' | 'number' | 'version' | keyof CaseState> & { reporterId: number }

/** One outbox row: a message to one platform chat (group or direct). */
export interface OutboxInsert {
  platform: Platform
  chatKind: 'group' | 'direct'
  chatId: string
  /** Telegram forum topic: a reply stays in the thread it answers */
  threadId?: string
  content: string // JSON Segment[]
  replyToMsgId?: string
  caseId?: number
  purpose: string
}

export interface JobInsert {
  kind: string
  key: string
  payload: unknown
  dueAt: Date
}

export interface CaseFilter {
  statuses?: Status[]
  claimantId?: number
  since?: Date
}

/** Writes inside one transaction: the change, its audit events and the messages that report it. */
export interface Tx {
  /** false when this message key was already handled: the caller then does nothing. */
  recordInbound(key: MessageKey, at: Date): Promise<boolean>
  createCase(communityId: number, data: NewCase): Promise<CaseRow>
  /** conditional on the version read; false means someone else changed the case first. */
  updateCase(c: CaseRow, next: CaseState): Promise<boolean>
  addEvent(
    caseId: number,
    actorId: number | null,
    kind: string,
    payload: Record<string, unknown>,
    at: Date,
  ): Promise<void>
  addAttachments(caseId: number, platform: Platform, items: { kind: string; ref: string }[]): Promise<void>
  enqueue(rows: OutboxInsert[], at: Date): Promise<void>
  schedule(jobs: JobInsert[], at: Date): Promise<void>
  cancelJobs(keyPrefix: string): Promise<void>
  ensurePerson(communityId: number, identity: IdentityRow, roles?: Role[]): Promise<number>
  bindChat(
    communityId: number,
    chat: ChatRef & { title?: string },
    group: { name: string; role: GroupRole; places: string[] },
  ): Promise<void>
  setManualDuty(personId: number, on: Date | null, off: Date | null): Promise<void>
  setLastPlatform(personId: number, platform: Platform): Promise<void>
  addShift(personId: number, spec: string): Promise<void>
  removeShift(shiftId: number): Promise<void>
  issueBindCode(code: string, row: BindCodeRow, at: Date): Promise<void>
  /** Deletes the code; returns it only if it had not expired. */
  takeBindCode(code: string, now: Date): Promise<BindCodeRow | undefined>
  /** This account is this person from now on (on that platform, their only permanent account). */
  linkIdentity(personId: number, identity: IdentityRow): Promise<void>
}

export class Conflict extends Error {
  constructor() {
    super('concurrent change; retry')
    this.name = 'Conflict'
  }
}

export interface Store {
  /** Which community and group a platform chat belongs to. */
  findChat(chat: ChatRef): Promise<{ communityId: number; groupId: number } | undefined>
  /** The community a person on a platform belongs to (for direct messages). */
  findIdentity(platform: Platform, userId: string): Promise<{ communityId: number; personId: number } | undefined>
  defaultCommunityId(): Promise<number | undefined>
  directory(communityId: number): Promise<Directory>
  getCase(communityId: number, number: number): Promise<CaseRow | undefined>
  getCaseById(id: number): Promise<CaseRow | undefined>
  /** The case a bot message was about, found by the message the relay sent. */
  caseOfSentMessage(platform: Platform, chatId: string, messageId: string): Promise<number | undefined>
  listCases(communityId: number, f: CaseFilter): Promise<CaseRow[]>
  /** whether this person already did this to the case (the audit log answers) */
  hasEvent(caseId: number, actorId: number, kind: string): Promise<boolean>
  openCaseCounts(communityId: number): Promise<Map<number, number>>
  /** A group chat's id changed (a WeChat room renamed): keep its binding. */
  renameChat(platform: Platform, from: string, to: string): Promise<void>
  findBindCode(code: string): Promise<BindCodeRow | undefined>
  kvGet(key: string): Promise<string | undefined>
  kvSet(key: string, value: string): Promise<void>
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
}
