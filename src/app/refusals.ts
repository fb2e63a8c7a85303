// A refusal from the state machine, said plainly to the person who asked.
import type { Action, Refusal } from '../domain/case.js'
import type { Ctx } from './context.js'
import type { CaseRow } from './ports.js'

export function explain(ctx: Ctx, r: Refusal, c: CaseRow, action: Action): string {
  const no = c.number
  const claimant = ctx.person(c.claimantId)?.name
  if (r.error === 'wrong_state' && c.status === 'open' && ['note', 'resolve', 'release'].includes(action.type))
    return ctx.t.claimFirst({ no })
  if (r.error === 'wrong_state' && action.type === 'verify' && (c.status === 'open' || c.status === 'claimed'))
    return ctx.t.notYetDone({ no, name: claimant })
  if (r.error === 'already_claimed' && r.claimantId === ctx.me.id) return ctx.t.alreadyYours({ no })
  if (r.error === 'wrong_state' && action.type === 'resolve' && c.status === 'resolved' && c.claimantId === ctx.me.id)
    return ctx.t.alreadyReported({ no, name: ctx.person(c.reporterId)?.name })
  if (r.error === 'wrong_state' && c.status === 'new' && action.type === 'claim') return ctx.t.waitingTriage({ no })
  if (r.error === 'wrong_state' && action.type === 'accept' && c.acceptedAt && c.status !== 'closed')
    return ctx.t.alreadyAccepted({ no, status: ctx.t.statusName(c.status, c.closeReason) })
  switch (r.error) {
    case 'not_volunteer':
      return ctx.t.notVolunteer()
    case 'not_staff':
      return ctx.t.notAllowed({ role: 'staff' })
    case 'already_claimed':
      return ctx.t.alreadyClaimed({ no, name: ctx.person(r.claimantId)?.name ?? '?' })
    case 'not_claimant':
      return ctx.t.notClaimant({ no, name: ctx.person(r.claimantId)?.name })
    case 'not_reporter':
      return ctx.t.notReporter({ no })
    case 'wrong_state':
      return ctx.t.wrongState({ no, status: ctx.t.statusName(r.status, c.closeReason) })
    case 'own_case':
      return ctx.t.ownCase({ no })
    case 'stale':
      return ctx.t.wrongState({ no, status: ctx.t.statusName(c.status, c.closeReason) })
    case 'need_reason':
      return ctx.t.needReason({ no })
    case 'no_change':
      return action.type === 'arrive' ? ctx.t.arrivedAgain({ no }) : ctx.t.notUrgent({ no })
  }
}
