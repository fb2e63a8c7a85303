// The one case state machine (DESIGN §4): a pure function of (case, actor, action, now).
//
// Triage (受理, issue 13): with `triage: staff` a ring starts as `new` and staff decide — accept (受理:
// open, volunteers pinged), decline (不受理, with a reason), or hand it to an outside body (转办: referred,
// until its answer is recorded with 转办结果, which closes it). With `triage: auto` a ring starts open,
// accepted at once. Staff may decline or refer any case that is not yet done.
import { can, type Role } from './roles.js'

/** 'deliberation' (议事): the case waits for a decision of the residents or the committee (issue 14). */
export type Status = 'new' | 'open' | 'claimed' | 'resolved' | 'referred' | 'deliberation' | 'closed'
export type CloseReason = 'verified' | 'unverified' | 'cancelled' | 'duplicate' | 'declined' | 'referred'

/** Every status, in the order a case moves through them. */
export const statuses: readonly Status[] = ['new', 'open', 'claimed', 'resolved', 'referred', 'deliberation', 'closed']
/** Not done and not out of the community's hands: what "still open" means to the committee. */
export const unfinished: readonly Status[] = ['new', 'open', 'claimed', 'resolved', 'deliberation']

export interface CaseState {
  status: Status
  reporterId: number
  claimantId: number | null
  reopenCount: number
  supporters: number
  escalationRung: number
  closeReason: CloseReason | null
  satisfied: boolean | null
  rating: number | null
  claimedAt: Date | null
  progressAt: Date | null
  resolvedAt: Date | null
  closedAt: Date | null
  /** when the community took it on (受理) */
  acceptedAt: Date | null
  /** the outside body it was handed to (转办) */
  referredTo: string | null
  /** who closed it by a decision (撤销, 不受理, 转办结果) */
  closedById: number | null
  /** an urgent ring's class (domain/urgency.ts), null for an ordinary case or one downgraded (不紧急) */
  urgency: string | null
  /** when the claimer said they were there (到场 N) */
  arrivedAt: Date | null
}

export interface Actor {
  id: number
  roles: Role[]
}

export type Action =
  | { type: 'claim' }
  | { type: 'assign'; to: number }
  | { type: 'note'; text: string }
  | { type: 'resolve'; text: string }
  | { type: 'release'; text: string }
  /** `reopenWithinMs`: 不满意 on a case closed less than this long ago reopens it (issue 10) */
  | { type: 'verify'; ok: boolean; rating?: number; text: string; reopenWithinMs?: number }
  /** the reporter's own case is the same problem as case `of` (同 N after "像是 #N") */
  | { type: 'duplicate'; of: number }
  /** by the reporter, or by staff — who must say why when it is someone else's case */
  | { type: 'cancel'; reason?: string }
  | { type: 'accept' }
  | { type: 'decline'; reason: string }
  | { type: 'refer'; to: string; note?: string }
  | { type: 'referralResult'; text: string }
  | { type: 'add'; text: string }
  | { type: 'same' }
  | { type: 'escalate'; rung: number }
  | { type: 'autoclose' }
  /** 议事 N: the case needs a decision first (a consultation, a poll) */
  | { type: 'deliberate' }
  /** the decision: adopted → back to whoever handles it (or to the volunteers); not adopted → told, to verify */
  | { type: 'decide'; adopted: boolean; text: string }
  /** 到场 N: the claimer is there (urgent cases ask for it; any claimed case takes it) */
  | { type: 'arrive' }
  /** 不紧急 N: staff say an urgent ring is not one after all (a false alarm is cheap) */
  | { type: 'downgrade' }

export type Refusal =
  | { error: 'not_volunteer' }
  | { error: 'not_staff' }
  | { error: 'already_claimed'; claimantId: number }
  | { error: 'not_claimant'; claimantId: number | null }
  | { error: 'not_reporter' }
  | { error: 'wrong_state'; status: Status }
  | { error: 'own_case' }
  | { error: 'stale' }
  /** cancelling someone else's case needs a reason */
  | { error: 'need_reason' }
  /** 不紧急 on a case that is not urgent; 到场 said twice */
  | { error: 'no_change' }

export interface Transition {
  next: CaseState
  /** the CaseEvent kind written to the audit log */
  event: string
  payload: Record<string, unknown>
}

const isStaff = (a: Actor): boolean => can(a.roles, 'staff')

export function transition(c: CaseState, actor: Actor, action: Action, now: Date): Transition | Refusal {
  const ok = (patch: Partial<CaseState>, event: string, payload: Record<string, unknown> = {}): Transition => ({
    next: { ...c, ...patch },
    event,
    payload,
  })
  const inState = (...s: Status[]): Refusal | undefined =>
    s.includes(c.status) ? undefined : { error: 'wrong_state', status: c.status }
  const byClaimant = (): Refusal | undefined =>
    c.claimantId === actor.id || isStaff(actor) ? undefined : { error: 'not_claimant', claimantId: c.claimantId }

  switch (action.type) {
    case 'claim': {
      if (!can(actor.roles, 'volunteer')) return { error: 'not_volunteer' }
      if (c.status === 'claimed' && c.claimantId !== null) return { error: 'already_claimed', claimantId: c.claimantId }
      return (
        inState('open') ?? ok({ status: 'claimed', claimantId: actor.id, claimedAt: c.claimedAt ?? now }, 'claimed')
      )
    }
    case 'assign':
      if (!isStaff(actor)) return { error: 'not_staff' }
      // Assigning a case that waits for triage accepts it too: staff decided it is the community's to do.
      return (
        inState('new', 'open', 'claimed') ??
        ok(
          { status: 'claimed', claimantId: action.to, claimedAt: c.claimedAt ?? now, acceptedAt: c.acceptedAt ?? now },
          'assigned',
          {
            to: action.to,
            from: c.claimantId,
          },
        )
      )
    case 'note':
      return inState('claimed') ?? byClaimant() ?? ok({ progressAt: now }, 'noted', { text: action.text })
    case 'resolve':
      return (
        inState('claimed') ??
        byClaimant() ??
        ok({ status: 'resolved', resolvedAt: now, progressAt: now }, 'resolved', { text: action.text })
      )
    case 'release':
      return (
        inState('claimed') ??
        byClaimant() ??
        ok({ status: 'open', claimantId: null, escalationRung: 0 }, 'released', { text: action.text })
      )
    case 'verify': {
      if (actor.id !== c.reporterId) return { error: 'not_reporter' }
      // A verdict that comes after the case closed itself for lack of a reply still counts; and a problem
      // back soon after it was closed (不满意 within the window) reopens the case.
      const late = c.status === 'closed' && c.closeReason === 'unverified'
      const recent =
        !action.ok &&
        c.status === 'closed' &&
        (c.closeReason === 'verified' || c.closeReason === 'unverified') &&
        action.reopenWithinMs !== undefined &&
        c.closedAt !== null &&
        now.getTime() - c.closedAt.getTime() <= action.reopenWithinMs
      const wrong = late || recent ? undefined : inState('resolved')
      if (wrong) return wrong
      return action.ok
        ? ok(
            {
              status: 'closed',
              closedAt: now,
              closeReason: 'verified',
              satisfied: true,
              rating: action.rating ?? null,
            },
            'verified',
            { ok: true, rating: action.rating },
          )
        : ok(
            {
              status: 'open',
              claimantId: null,
              resolvedAt: null,
              closedAt: null,
              closeReason: null,
              satisfied: false,
              rating: action.rating ?? null,
              reopenCount: c.reopenCount + 1,
              escalationRung: 0,
            },
            'reopened',
            { text: action.text },
          )
    }
    case 'cancel': {
      const own = actor.id === c.reporterId
      if (!own && !isStaff(actor)) return { error: 'not_reporter' }
      const wrong = inState('new', 'open', 'claimed', 'referred', 'deliberation')
      if (wrong) return wrong
      if (!own && !action.reason) return { error: 'need_reason' }
      return ok(
        { status: 'closed', closedAt: now, closeReason: 'cancelled', closedById: actor.id },
        'cancelled',
        action.reason ? { reason: action.reason } : {},
      )
    }
    case 'accept':
      if (!isStaff(actor)) return { error: 'not_staff' }
      // From `referred`: the outside body sent it back, and the community takes it on after all.
      return (
        inState('new', 'referred') ??
        ok({ status: 'open', acceptedAt: c.acceptedAt ?? now, referredTo: null, escalationRung: 0 }, 'accepted')
      )
    case 'decline':
      if (!isStaff(actor)) return { error: 'not_staff' }
      return (
        inState('new', 'open', 'claimed') ??
        ok({ status: 'closed', closedAt: now, closeReason: 'declined', closedById: actor.id }, 'declined', {
          reason: action.reason,
        })
      )
    case 'refer':
      if (!isStaff(actor)) return { error: 'not_staff' }
      return (
        inState('new', 'open', 'claimed') ??
        ok({ status: 'referred', referredTo: action.to, claimantId: null, escalationRung: 0 }, 'referred', {
          to: action.to,
          ...(action.note ? { note: action.note } : {}),
          ...(c.claimantId !== null ? { from: c.claimantId } : {}),
        })
      )
    case 'referralResult':
      if (!isStaff(actor)) return { error: 'not_staff' }
      return (
        inState('referred') ??
        ok({ status: 'closed', closedAt: now, closeReason: 'referred', closedById: actor.id }, 'referralResult', {
          to: c.referredTo,
          text: action.text,
        })
      )
    case 'duplicate':
      if (actor.id !== c.reporterId && !isStaff(actor)) return { error: 'not_reporter' }
      return (
        inState('new', 'open', 'claimed') ??
        ok({ status: 'closed', closedAt: now, closeReason: 'duplicate' }, 'duplicate', { of: action.of })
      )
    case 'add':
      if (actor.id !== c.reporterId) return { error: 'not_reporter' }
      return (
        inState('new', 'open', 'claimed', 'resolved', 'referred', 'deliberation') ??
        ok({}, 'added', { text: action.text })
      )
    case 'same':
      if (actor.id === c.reporterId) return { error: 'own_case' }
      return (
        inState('new', 'open', 'claimed', 'referred', 'deliberation') ??
        ok({ supporters: c.supporters + 1 }, 'supported')
      )
    case 'escalate':
      // A timer that fires late or twice finds the ladder already past this rung: nothing to do.
      if (c.status !== 'open' || c.escalationRung >= action.rung) return { error: 'stale' }
      return ok({ escalationRung: action.rung }, 'escalated', { rung: action.rung })
    case 'autoclose':
      return inState('resolved') ?? ok({ status: 'closed', closedAt: now, closeReason: 'unverified' }, 'autoclosed')
    case 'deliberate':
      // The claimant (if any) stays on it: when the decision comes, it goes back to them.
      if (!isStaff(actor) && !can(actor.roles, 'committee')) return { error: 'not_staff' }
      return inState('open', 'claimed') ?? ok({ status: 'deliberation' }, 'deliberating')
    case 'decide':
      if (!isStaff(actor) && !can(actor.roles, 'committee')) return { error: 'not_staff' }
      if (c.status !== 'deliberation') return { error: 'wrong_state', status: c.status }
      return action.adopted
        ? ok(
            c.claimantId !== null ? { status: 'claimed', progressAt: now } : { status: 'open', escalationRung: 0 },
            'decided',
            { adopted: true, text: action.text },
          )
        : ok({ status: 'resolved', resolvedAt: now, progressAt: now }, 'decided', { adopted: false, text: action.text })
    case 'arrive':
      return (
        inState('claimed') ??
        byClaimant() ??
        (c.arrivedAt ? { error: 'no_change' } : ok({ arrivedAt: now, progressAt: now }, 'arrived'))
      )
    case 'downgrade':
      if (!isStaff(actor)) return { error: 'not_staff' }
      return (
        inState('new', 'open', 'claimed') ??
        (c.urgency === null ? { error: 'no_change' } : ok({ urgency: null }, 'downgraded', { was: c.urgency }))
      )
  }
}

export const isRefusal = (r: Transition | Refusal): r is Refusal => 'error' in r
