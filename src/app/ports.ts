// What the app needs from storage. src/store implements it with Prisma; the app never sees Prisma.
import type { AskedIn, MessageKey, Platform, Segment } from '../chat/types.js'
import type { CaseState, Status } from '../domain/case.js'
import type { ConsultReads, ConsultWrites } from './consult-ports.js'
import type { OpenCase } from '../domain/duplicates.js'
import type { PriorCase } from '../domain/flood.js'
import type { Durations, FigureCounts, FigureFilter, SplitBy } from '../domain/figures.js'
import type { GroupRole, Role } from '../domain/roles.js'
import type { CommunitySettings } from '../domain/settings.js'

export interface CommunityRow {
  id: number
  name: string
  timezone: string
  locale: 'zh-CN' | 'en'
  settings: CommunitySettings
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

/**
 * Who is who in one community, held in memory between messages: groups, places, and its members —
 * volunteers, staff, committee and admins. Residents are not in it (a street office has tens of
 * thousands): they are looked up by identity. `version` is the store's directoryVersion it was read at.
 */
export interface Directory {
  community: CommunityRow
  places: string[]
  groups: GroupRow[]
  /** everyone with a role beyond resident */
  people: PersonRow[]
  version: number
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
  /** the building part of `place`, set by the store (src/domain/places.ts buildingOf) */
  building: string
}

/** A new case: open and accepted at once unless triage says otherwise (status 'new', acceptedAt null). */
export type NewCase = Omit<CaseRow, 'id' | 'number' | 'version' | 'building' | keyof CaseState> & {
  reporterId: number
  status?: 'new' | 'open'
  acceptedAt?: Date | null
  /** an urgent ring's class (issue 11) */
  urgency?: string | null
}

/** A file a message carries (an export, a chart). */
export interface OutFile {
  name: string
  mime: string
  data: Uint8Array
}

/** A chart to draw: bars per category (weeks) and one line on its own axis (a percentage). */
export interface ChartSpec {
  title: string
  categories: string[]
  bars: { name: string; values: number[] }[]
  line?: { name: string; values: (number | null)[] }
}

/** Draws a chart as a PNG, in-process (src/chart/render.ts). */
export type RenderChart = (spec: ChartSpec) => Promise<OutFile>

/** Which cases the figures are about: one community (or, for a street office, several), a period, a part. */
export interface FigureScope {
  communityIds: number[]
  from?: Date
  to?: Date
  filter?: FigureFilter
}

/** How the figures are broken down: by a column, or into time buckets starting at these instants. */
export type FigureSplit = SplitBy | { edges: Date[] }

/** One row of the figures: the key it is about ('' without a split; the bucket's index; a person's id). */
export interface FigureRow {
  key: string
  counts: FigureCounts
  durations: Durations
}

/** One entry of a case's audit trail, with the actor's name (never a contact). */
export interface TimelineEntry {
  at: Date
  kind: string
  actorId: number | null
  actor: string | null
  payload: Record<string, unknown>
}

/** A case as the export writes it: its row, the names it refers to, and its audit trail. */
export interface ExportCase extends CaseRow {
  reporter: string
  claimant: string | null
  events: TimelineEntry[]
}

/** What happened in a window, for the digests: claims and completions by whom, and what is open now. */
export interface Activity {
  /** events of these kinds in the window, by actor (claimed, assigned → the assignee, resolved, noted, verified, autoclosed) */
  events: { kind: string; actorId: number | null; caseId: number }[]
  /** cases not finished now, by status */
  open: Partial<Record<Status, number>>
  /** not finished and rung before `overdueBefore` */
  overdue: number
  /** the longest-open unfinished cases, oldest first */
  oldest: CaseRow[]
}

/** One outbox row: a message to one platform chat (group or direct). */
export interface OutboxInsert {
  platform: Platform
  chatKind: 'group' | 'direct'
  chatId: string
  /** Telegram forum topic: a reply stays in the thread it answers */
  threadId?: string
  content: Segment[]
  replyToMsgId?: string
  caseId?: number
  purpose: string
  /** the group message a direct message answers: where to ask its recipient to open a private chat */
  askedIn?: AskedIn
  /** a file sent with the message; `content` is its caption */
  file?: OutFile
  /** the line it becomes when the relay folds it with others for the same chat (issue 12) */
  fold?: Segment[]
}

export interface JobInsert {
  kind: string
  key: string
  payload: unknown
  dueAt: Date
}

/** A ring over the person's rate, kept until it goes out with the others in one case (issue 8). */
export interface HeldRing {
  communityId: number
  personId: number
  groupId: number
  platform: Platform
  chatId: string
  msgId: string
  threadId: string | null
  /** masked, tags stripped, as a case's text */
  text: string
  category: string
  place: string
  contact: string | null
  attachments: { kind: string; ref: string }[]
  at: Date
}
export interface HeldRow extends HeldRing {
  id: number
}

/**
 * Words naming an emergency a resident said in their group without a ring word (src/app/hazard.ts): a bare
 * 按铃 from them in that chat soon after rings these words (hazard-ring.ts).
 */
export interface HazardWords {
  personId: number
  platform: Platform
  chatId: string
  /** as typed, a phone number included: the ring finds its contact in them, as in any ring's words */
  text: string
  at: Date
}
export interface HazardWordsRow extends HazardWords {
  id: number
}

export interface CaseFilter {
  statuses?: Status[]
  claimantId?: number
  since?: Date
  /** the person who rang (their cases waiting for a verdict, their latest building) */
  reporterId?: number
  /** one kind of problem, at a place or under it (a building covers its units): open cases like a new ring */
  category?: string
  placeUnder?: string
  /** urgent cases only (still urgent: not downgraded), for the committee's digests */
  urgent?: boolean
}

/** A person's recent case, as flood control compares a new ring with it. */
export interface RecentRing extends PriorCase {
  id: number
}

/** One entry of a case's audit log. */
export interface EventRow {
  kind: string
  actorId: number | null
  payload: Record<string, unknown>
  at: Date
}

/** Writes inside one transaction: the change, its audit events and the messages that report it. */
export interface Tx {
  /** households, consultations and notices (issue 14) */
  readonly consult: ConsultWrites
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
  /** forgets inbound keys and finished jobs older than `before` (housekeeping) */
  prune(before: Date): Promise<void>
  /** How many cases the reporter rang since then: read inside the transaction so a burst is counted right. */
  countRungBy(communityId: number, reporterId: number, since: Date): Promise<number>
  /** The reporter's cases still open or claimed, rung since then, newest first, at most `limit`. */
  handlingRungBy(communityId: number, reporterId: number, since: Date, limit: number): Promise<RecentRing[]>
  /** The person's rings held and not yet gone out, oldest first. */
  heldRings(personId: number): Promise<HeldRow[]>
  holdRing(ring: HeldRing): Promise<void>
  /** The held rings went out as this case. */
  releaseHeld(ids: number[], caseId: number): Promise<void>
  /** Keeps the words for a bare 按铃 soon after: they replace this person's in this chat; words older than `keepSince` go. */
  keepHazardWords(w: HazardWords, keepSince: Date): Promise<void>
  /** The kept words are rung: false when they were used or replaced first (read again, decide again). */
  useHazardWords(w: HazardWordsRow): Promise<boolean>
  /** How many marks under this key since then: a sliding-window budget (bot replies to one person). */
  countMarks(key: string, since: Date): Promise<number>
  /** Adds a mark, dropping this key's marks older than `keepSince`. */
  addMark(key: string, at: Date, keepSince: Date): Promise<void>
  issueBindCode(code: string, row: BindCodeRow, at: Date): Promise<void>
  /** Deletes the code; returns it only if it had not expired. */
  takeBindCode(code: string, now: Date): Promise<BindCodeRow | undefined>
  /** This account is this person from now on (on that platform, their only permanent account). */
  linkIdentity(personId: number, identity: IdentityRow): Promise<void>
  /** A phone number given after the ring (补充, a direct message): the case's contact from now on. */
  setContact(caseId: number, contact: string): Promise<void>
}

export class Conflict extends Error {
  constructor() {
    super('concurrent change; retry')
    this.name = 'Conflict'
  }
}

export interface Store {
  /** households, consultations and notices (issue 14) */
  readonly consult: ConsultReads
  /** Which community and group a platform chat belongs to. */
  findChat(chat: ChatRef): Promise<{ communityId: number; groupId: number; directoryVersion: number } | undefined>
  /** The person behind a platform account, and their community's directory version. */
  findIdentity(
    platform: Platform,
    userId: string,
  ): Promise<{ communityId: number; person: PersonRow; directoryVersion: number } | undefined>
  /** People by id, for those not in the directory (residents): a reporter's name, a mention, a DM. */
  people(ids: number[]): Promise<PersonRow[]>
  /** A person of the community by their name (names are unique in a community). */
  personNamed(communityId: number, name: string): Promise<PersonRow | undefined>
  defaultCommunityId(): Promise<number | undefined>
  communityIds(): Promise<number[]>
  /** The community's members (everyone with a role beyond resident), groups and places. */
  directory(communityId: number): Promise<Directory>
  getCase(communityId: number, number: number): Promise<CaseRow | undefined>
  getCaseById(id: number): Promise<CaseRow | undefined>
  /**
   * The cases a bot message was about, found by the message the relay sent: one, or several where the
   * relay folded pings or acks into one message (issue 12).
   */
  casesOfSentMessage(platform: Platform, chatId: string, messageId: string): Promise<number[]>
  listCases(communityId: number, f: CaseFilter): Promise<CaseRow[]>
  /**
   * The open cases a new ring may look like (像是 #N): of its kind, in its building, rung by someone else
   * before `before` (rings after it are one incident with it), the newest `limit`. Narrow rows and a bound:
   * a ring reads a few whatever a building's backlog, and a backlog's newest are the ones still talked about.
   */
  openCasesLike(
    communityId: number,
    q: { category: string; building: string; before: Date; notReporterId: number; limit: number },
  ): Promise<OpenCase[]>
  /** One page of a list, and how many there are in all: newest first, or oldest first for a queue. */
  pageCases(
    communityId: number,
    statuses: Status[],
    page: { offset: number; limit: number; oldestFirst: boolean },
  ): Promise<{ rows: CaseRow[]; total: number }>
  /** The figures, counted by the database (never by loading the cases): one row per key of the split. */
  figures(scope: FigureScope, split?: FigureSplit): Promise<FigureRow[]>
  /** A case's audit trail, oldest first, with the actors' names. */
  timeline(caseId: number): Promise<TimelineEntry[]>
  /** The cases rung in a period with their audit trails, in number order (the export). */
  exportCases(communityId: number, from?: Date, to?: Date): Promise<ExportCase[]>
  /** What happened between from and to, and what is open now (the digests). */
  activity(communityId: number, from: Date, to: Date, overdueBefore: Date, oldest: number): Promise<Activity>
  /** Community names by id (the street office's breakdown). */
  communityNames(ids: number[]): Promise<Map<number, string>>
  /** whether this person already did this to the case (the audit log answers) */
  hasEvent(caseId: number, actorId: number, kind: string): Promise<boolean>
  /**
   * Whether this person's household is already counted on an incident's case (issue 12): they joined it
   * (a 'supported' event), or someone of their registered household (登记) rang it or joined it.
   */
  householdOnCase(caseId: number, personId: number): Promise<boolean>
  /** The case's newest event of these kinds (its latest 进展, the reopening a reason answers). */
  latestEvent(caseId: number, kinds: string[]): Promise<EventRow | undefined>
  openCaseCounts(communityId: number): Promise<ReadonlyMap<number, number>>
  /** A group chat's id changed (a WeChat room renamed, a Telegram group now a supergroup): its binding, cases and unsent messages move. */
  renameChat(platform: Platform, from: string, to: string): Promise<void>
  /** Pending escalation timers for this rung due by then, oldest first: rungs that go out together. */
  dueEscalations(rung: number, until: Date, limit: number): Promise<{ key: string; caseId: number }[]>
  /** The emergency words this person said in this chat since then, kept for a bare 按铃 (hazard-ring.ts). */
  hazardWords(personId: number, chat: ChatRef, since: Date): Promise<HazardWordsRow | undefined>
  findBindCode(code: string): Promise<BindCodeRow | undefined>
  kvGet(key: string): Promise<string | undefined>
  kvSet(key: string, value: string): Promise<void>
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
}
