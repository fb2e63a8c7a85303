// The 议事 state of DESIGN §4 (issue 14): a ring that needs a decision waits in 'deliberation'; the
// decision (a consultation's outcome) moves it on — to whoever handles it, to the volunteers, or back to
// the resident with the answer.
import { describe, expect, it } from 'vitest'
import { transition, type Action, type Actor, type CaseState, type Status } from '../../src/domain/case.js'

const now = new Date('2026-11-02T01:30:00Z')
const reporter: Actor = { id: 1, roles: ['resident'] }
const qian: Actor = { id: 2, roles: ['volunteer'] }
const zhao: Actor = { id: 4, roles: ['staff'] }
const xu: Actor = { id: 6, roles: ['committee'] }
const neighbour: Actor = { id: 5, roles: ['resident'] }

const base: CaseState = {
  status: 'open',
  reporterId: 1,
  claimantId: null,
  reopenCount: 0,
  supporters: 0,
  escalationRung: 2,
  closeReason: null,
  satisfied: null,
  rating: null,
  claimedAt: null,
  progressAt: null,
  resolvedAt: null,
  closedAt: null,
  acceptedAt: null,
  referredTo: null,
  closedById: null,
  urgency: null,
  arrivedAt: null,
}
const inState = (status: Status, patch: Partial<CaseState> = {}): CaseState => ({ ...base, status, ...patch })
const claimedBy2 = { claimantId: 2, claimedAt: new Date('2026-11-01T01:00:00Z') }

describe('into and out of 议事', () => {
  it.each<[string, CaseState, Actor, Action, Partial<CaseState>, string, object?]>([
    [
      'staff send an open case to 议事',
      inState('open'),
      zhao,
      { type: 'deliberate' },
      { status: 'deliberation' },
      'deliberating',
    ],
    [
      'the committee sends a claimed case, and its claimant stays on it',
      inState('claimed', claimedBy2),
      xu,
      { type: 'deliberate' },
      { status: 'deliberation', claimantId: 2 },
      'deliberating',
    ],
    [
      'adopted, with a claimant: back to them, in progress',
      inState('deliberation', claimedBy2),
      zhao,
      { type: 'decide', adopted: true, text: '同意 34/44' },
      { status: 'claimed', claimantId: 2, progressAt: now },
      'decided',
      { adopted: true, text: '同意 34/44' },
    ],
    [
      'adopted, nobody on it: open again for the volunteers, the ladder from its first rung',
      inState('deliberation'),
      zhao,
      { type: 'decide', adopted: true, text: '' },
      { status: 'open', claimantId: null, escalationRung: 0 },
      'decided',
    ],
    [
      'not adopted: the resident hears the decision and verifies it',
      inState('deliberation', claimedBy2),
      xu,
      { type: 'decide', adopted: false, text: '同意 20/44，未达到 77%' },
      { status: 'resolved', resolvedAt: now, progressAt: now },
      'decided',
      { adopted: false },
    ],
    ['the reporter may still add to it', inState('deliberation'), reporter, { type: 'add', text: '照片' }, {}, 'added'],
    [
      'a neighbour may say me too',
      inState('deliberation'),
      neighbour,
      { type: 'same' },
      { supporters: 1 },
      'supported',
    ],
    [
      'staff may cancel it, saying why (it is not their own case)',
      inState('deliberation'),
      zhao,
      { type: 'cancel', reason: '居民搬走了' },
      { status: 'closed', closeReason: 'cancelled', closedAt: now, closedById: 4 },
      'cancelled',
    ],
  ])('%s', (_name, c, actor, action, patch, event, payload) => {
    const r = transition(c, actor, action, now)
    expect(r).toMatchObject({ next: { ...c, ...patch }, event, ...(payload ? { payload } : {}) })
  })
})

describe('what 议事 refuses', () => {
  it.each<[string, CaseState, Actor, Action, object]>([
    ['a volunteer cannot send a case to 议事', inState('open'), qian, { type: 'deliberate' }, { error: 'not_staff' }],
    ['a resident cannot either', inState('open'), reporter, { type: 'deliberate' }, { error: 'not_staff' }],
    [
      'a resolved case is past deciding',
      inState('resolved', claimedBy2),
      zhao,
      { type: 'deliberate' },
      { error: 'wrong_state', status: 'resolved' },
    ],
    [
      'already in 议事',
      inState('deliberation'),
      zhao,
      { type: 'deliberate' },
      { error: 'wrong_state', status: 'deliberation' },
    ],
    [
      'a decision needs a case in 议事',
      inState('open'),
      zhao,
      { type: 'decide', adopted: true, text: '' },
      { error: 'wrong_state', status: 'open' },
    ],
    [
      'a resident cannot decide',
      inState('deliberation'),
      reporter,
      { type: 'decide', adopted: true, text: '' },
      { error: 'not_staff' },
    ],
    [
      'no claiming while it is being decided',
      inState('deliberation'),
      qian,
      { type: 'claim' },
      { error: 'wrong_state' },
    ],
    [
      'no escalation while it is being decided',
      inState('deliberation'),
      zhao,
      { type: 'escalate', rung: 3 },
      { error: 'stale' },
    ],
    [
      'no 完成 while it is being decided',
      inState('deliberation', claimedBy2),
      qian,
      { type: 'resolve', text: '' },
      { error: 'wrong_state', status: 'deliberation' },
    ],
  ])('%s', (_name, c, actor, action, refusal) => {
    expect(transition(c, actor, action, now)).toMatchObject(refusal)
  })
})
