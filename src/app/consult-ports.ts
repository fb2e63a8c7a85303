// What households, consultations and notices (issue 14) need from storage. Reached as `store.consult`
// (reads, outside a transaction) and `tx.consult` (inside one); src/store/consult-store.ts implements them.
import type { Kind, Tally, Threshold, Unit } from '../domain/consultation.js'
import type { Need } from '../domain/household.js'

export interface MemberRow {
  personId: number
  name: string
  confirmed: boolean
}

export interface HouseholdRow {
  id: number
  communityId: number
  /** 锦绣新村/9幢/2单元/301 */
  path: string
  needs: Need[]
  notes: string
  /** names from an imported roster */
  roster: string[]
  members: MemberRow[]
}

export interface ConsultationRow {
  id: number
  communityId: number
  number: number
  kind: Kind
  title: string
  detail: string
  options: string[]
  /** [] = the whole community */
  places: string[]
  unit: Unit
  threshold: Threshold | null
  total: number | null
  deadline: Date
  status: 'open' | 'closed'
  caseId: number | null
  createdBy: number
  createdAt: Date
  closedAt: Date | null
  result: Tally | null
  progressAt: Date | null
  progressVotes: number
}

export type NewConsultation = Omit<
  ConsultationRow,
  'id' | 'number' | 'status' | 'closedAt' | 'result' | 'progressAt' | 'progressVotes'
>

export interface VoteRow {
  voter: string
  householdId: number | null
  personId: number
  option: number
  firstAt: Date
  at: Date
  changes: number
}

/** A vote as the committee's list shows it. */
export interface VoteListRow extends VoteRow {
  name: string
  path: string | null
  /** the voter's household membership is confirmed (or the vote is per person) */
  counted: boolean
}

export interface NoticeUpdateRow {
  kind: string
  text: string
  amount: number | null
  by: number
  at: Date
}

export interface NoticeRow {
  id: number
  communityId: number
  number: number
  label: string
  title: string
  body: string
  groups: number[]
  places: string[]
  pinned: boolean
  createdBy: number
  createdAt: Date
  updates: NoticeUpdateRow[]
}

export type NewNotice = Omit<NoticeRow, 'id' | 'number' | 'updates'>

/** Households with needs in a place, for lists and counts. */
export interface NeedsRow {
  path: string
  needs: Need[]
  notes: string
  names: string[]
}

export interface ConsultReads {
  /** The person's household and whether their membership is confirmed. */
  householdOf(personId: number): Promise<{ household: HouseholdRow; confirmed: boolean } | undefined>
  household(communityId: number, path: string): Promise<HouseholdRow | undefined>
  /** Households within the places ([] = all), with their members. */
  households(communityId: number, places: readonly string[]): Promise<HouseholdRow[]>
  /** How many households lie within the places; `people`: how many registered members instead. */
  countCovered(communityId: number, places: readonly string[], unit: Unit): Promise<number>
  /** Residents who registered and wait for staff to confirm them. */
  pendingMembers(communityId: number): Promise<{ personId: number; name: string; householdId: number; path: string }[]>
  /** Households within the place that carry needs (private: staff and a volunteer on a case there). */
  needsWithin(communityId: number, place: string): Promise<NeedsRow[]>
  liveConsultations(communityId: number): Promise<ConsultationRow[]>
  consultation(communityId: number, number: number): Promise<ConsultationRow | undefined>
  consultationById(id: number): Promise<ConsultationRow | undefined>
  /** The newest first. */
  recentConsultations(communityId: number, limit: number): Promise<ConsultationRow[]>
  /** Answers per option, counting only households confirmed (or people, in a poll by person). */
  voteCounts(consultationId: number, options: number): Promise<{ counts: number[]; pending: number }>
  vote(consultationId: number, voter: string): Promise<VoteRow | undefined>
  /** Every answer with who gave it, in the order given: for the committee's list. */
  voteList(consultationId: number): Promise<VoteListRow[]>
  notice(communityId: number, number: number): Promise<NoticeRow | undefined>
  /** The newest first. */
  recentNotices(communityId: number, limit: number): Promise<NoticeRow[]>
}

export interface ConsultWrites {
  /** The household at this path, created if new. */
  ensureHousehold(communityId: number, path: string, at: Date): Promise<number>
  /** The person belongs to this household from now on (a person belongs to one). */
  setMember(personId: number, householdId: number, confirmed: boolean, at: Date): Promise<void>
  /** Confirms these people's memberships; returns those that were waiting. */
  confirmMembers(personIds: number[]): Promise<number[]>
  setNeeds(householdId: number, needs: Need[], notes: string, at: Date): Promise<void>
  addRoster(householdId: number, names: string[], at: Date): Promise<void>
  createConsultation(communityId: number, c: NewConsultation): Promise<ConsultationRow>
  /** Conditional on it being open; false when it was closed already. */
  closeConsultation(id: number, at: Date, result: Tally): Promise<boolean>
  /** Inserts or replaces the voter's answer; says which it was ('closed': it closed meanwhile, nothing written). */
  castVote(
    consultationId: number,
    v: { voter: string; householdId: number | null; personId: number; option: number },
    at: Date,
  ): Promise<'new' | 'changed' | 'same' | 'closed'>
  /** The counts as of now, inside the transaction (the close reads them with its change). */
  voteCounts(consultationId: number, options: number): Promise<{ counts: number[]; pending: number }>
  /** Answers given while the person's household was unconfirmed now count for it, unless it answered since. */
  adoptPendingVotes(personId: number, householdId: number): Promise<void>
  markProgress(consultationId: number, at: Date, votes: number): Promise<void>
  createNotice(communityId: number, n: NewNotice): Promise<NoticeRow>
  addNoticeUpdate(noticeId: number, u: NoticeUpdateRow): Promise<void>
  /** The amounts of a notice's 资金流向 so far (fen, + in, − out), read with the change. */
  fundAmounts(noticeId: number): Promise<number[]>
}
