import { describe, expect, it } from 'vitest'
import { transition, isRefusal, type Action, type Actor, type CaseState, type Status } from '../../src/domain/case.js'

const now = new Date('2026-11-02T01:30:00Z')
const reporter: Actor = { id: 1, roles: ['resident'] }
const qian: Actor = { id: 2, roles: ['volunteer'] }
const wan: Actor = { id: 3, roles: ['volunteer'] }
const zhao: Actor = { id: 4, roles: ['staff'] }
const neighbour: Actor = { id: 5, roles: ['resident'] }

const base: CaseState = {
  status: 'open',
  reporterId: 1,
  claimantId: null,
  reopenCount: 0,
  supporters: 0,
  escalationRung: 0,
  closeReason: null,
  satisfied: null,
  rating: null,
  claimedAt: null,
  progressAt: null,
  resolvedAt: null,
  closedAt: null,
  acceptedAt: now,
  referredTo: null,
  closedById: null,
  urgency: null,
  arrivedAt: null,
}
const inState = (status: Status, patch: Partial<CaseState> = {}): CaseState => ({
  ...base,
  status,
  claimantId: status === 'claimed' || status === 'resolved' ? 2 : null,
  ...patch,
})

describe('allowed transitions', () => {
  it.each<[string, CaseState, Actor, Action, Partial<CaseState>, string]>([
    [
      'a volunteer claims an open case',
      inState('open'),
      qian,
      { type: 'claim' },
      { status: 'claimed', claimantId: 2, claimedAt: now },
      'claimed',
    ],
    ['staff claim too', inState('open'), zhao, { type: 'claim' }, { status: 'claimed', claimantId: 4 }, 'claimed'],
    [
      'staff assign an open case',
      inState('open'),
      zhao,
      { type: 'assign', to: 3 },
      { status: 'claimed', claimantId: 3 },
      'assigned',
    ],
    [
      'staff reassign a claimed case',
      inState('claimed'),
      zhao,
      { type: 'assign', to: 3 },
      { status: 'claimed', claimantId: 3 },
      'assigned',
    ],
    [
      'the claimer notes progress',
      inState('claimed'),
      qian,
      { type: 'note', text: '已联系物业' },
      { status: 'claimed', progressAt: now },
      'noted',
    ],
    [
      'the claimer resolves',
      inState('claimed'),
      qian,
      { type: 'resolve', text: '换了灯泡' },
      { status: 'resolved', resolvedAt: now },
      'resolved',
    ],
    [
      'the claimer releases',
      inState('claimed', { escalationRung: 2 }),
      qian,
      { type: 'release', text: '' },
      { status: 'open', claimantId: null, escalationRung: 0 },
      'released',
    ],
    [
      'the reporter is satisfied',
      inState('resolved'),
      reporter,
      { type: 'verify', ok: true, rating: 5, text: '' },
      { status: 'closed', closeReason: 'verified', satisfied: true, rating: 5, closedAt: now },
      'verified',
    ],
    [
      'the reporter is not satisfied',
      inState('resolved'),
      reporter,
      { type: 'verify', ok: false, text: '还是不亮' },
      { status: 'open', claimantId: null, resolvedAt: null, satisfied: false, reopenCount: 1 },
      'reopened',
    ],
    [
      'the reporter cancels, and is written down as who closed it',
      inState('open'),
      reporter,
      { type: 'cancel' },
      { status: 'closed', closeReason: 'cancelled', closedById: 1 },
      'cancelled',
    ],
    [
      'staff cancel a claimed case, with a reason',
      inState('claimed'),
      zhao,
      { type: 'cancel', reason: '重复了' },
      { status: 'closed', closeReason: 'cancelled', closedById: 4 },
      'cancelled',
    ],
    [
      'staff accept a ring waiting for triage',
      inState('new', { acceptedAt: null }),
      zhao,
      { type: 'accept' },
      { status: 'open', acceptedAt: now },
      'accepted',
    ],
    [
      'staff take back a case the outside body returned',
      inState('referred', { acceptedAt: null, referredTo: '物业公司' }),
      zhao,
      { type: 'accept' },
      { status: 'open', acceptedAt: now, referredTo: null },
      'accepted',
    ],
    [
      'staff decline a ring, with a reason',
      inState('new', { acceptedAt: null }),
      zhao,
      { type: 'decline', reason: '属于私人纠纷' },
      { status: 'closed', closeReason: 'declined', closedById: 4, closedAt: now },
      'declined',
    ],
    [
      'staff decline a case already claimed (before it is done)',
      inState('claimed'),
      zhao,
      { type: 'decline', reason: '不归社区管' },
      { status: 'closed', closeReason: 'declined' },
      'declined',
    ],
    [
      'staff hand a ring to an outside body',
      inState('new', { acceptedAt: null }),
      zhao,
      { type: 'refer', to: '派出所', note: '夜里有人撬车' },
      { status: 'referred', referredTo: '派出所', claimantId: null },
      'referred',
    ],
    [
      'staff hand a claimed case on: the volunteer is off it',
      inState('claimed', { escalationRung: 1 }),
      zhao,
      { type: 'refer', to: '燃气公司' },
      { status: 'referred', referredTo: '燃气公司', claimantId: null, escalationRung: 0 },
      'referred',
    ],
    [
      "the outside body's answer closes it",
      inState('referred', { referredTo: '12345' }),
      zhao,
      { type: 'referralResult', text: '已派人维修' },
      { status: 'closed', closeReason: 'referred', closedById: 4, closedAt: now },
      'referralResult',
    ],
    [
      'assigning a ring that waits for triage accepts it',
      inState('new', { acceptedAt: null }),
      zhao,
      { type: 'assign', to: 3 },
      { status: 'claimed', claimantId: 3, acceptedAt: now },
      'assigned',
    ],
    [
      'the reporter adds detail',
      inState('claimed'),
      reporter,
      { type: 'add', text: '三楼也坏了' },
      { status: 'claimed' },
      'added',
    ],
    ['a neighbour says me too', inState('open'), neighbour, { type: 'same' }, { supporters: 1 }, 'supported'],
    ['the ladder climbs', inState('open'), zhao, { type: 'escalate', rung: 1 }, { escalationRung: 1 }, 'escalated'],
    [
      'no answer closes a resolved case',
      inState('resolved'),
      zhao,
      { type: 'autoclose' },
      { status: 'closed', closeReason: 'unverified' },
      'autoclosed',
    ],
    [
      'the claimer of an urgent case says they are there (到场)',
      inState('claimed', { urgency: 'gas' }),
      qian,
      { type: 'arrive' },
      { status: 'claimed', arrivedAt: now, urgency: 'gas' },
      'arrived',
    ],
    [
      'staff say they are there for the claimer',
      inState('claimed'),
      zhao,
      { type: 'arrive' },
      { arrivedAt: now },
      'arrived',
    ],
    [
      'staff downgrade an urgent open case (不紧急)',
      inState('open', { urgency: 'lift' }),
      zhao,
      { type: 'downgrade' },
      { status: 'open', urgency: null },
      'downgraded',
    ],
    [
      'staff downgrade an urgent claimed case, which stays with its claimer',
      inState('claimed', { urgency: 'fire' }),
      zhao,
      { type: 'downgrade' },
      { status: 'claimed', claimantId: 2, urgency: null },
      'downgraded',
    ],
  ])('%s', (_name, c, actor, action, patch, event) => {
    const r = transition(c, actor, action, now)
    expect(isRefusal(r)).toBe(false)
    if (isRefusal(r)) return
    expect(r.next).toMatchObject(patch)
    expect(r.event).toBe(event)
  })

  it('a reclaim after reopening keeps the first claim time for the figures', () => {
    const first = new Date('2026-11-01T00:00:00Z')
    const r = transition(inState('open', { claimedAt: first, reopenCount: 1 }), wan, { type: 'claim' }, now)
    expect(!isRefusal(r) && r.next.claimedAt).toEqual(first)
  })
})

describe('refusals', () => {
  it.each<[string, CaseState, Actor, Action, object]>([
    [
      "staff cancelling someone else's case must say why",
      inState('open'),
      zhao,
      { type: 'cancel' },
      { error: 'need_reason' },
    ],
    [
      "a resident cannot cancel a neighbour's case",
      inState('open'),
      neighbour,
      { type: 'cancel' },
      { error: 'not_reporter' },
    ],
    ['a volunteer cannot accept', inState('new'), qian, { type: 'accept' }, { error: 'not_staff' }],
    [
      'a volunteer cannot downgrade',
      inState('open', { urgency: 'gas' }),
      qian,
      { type: 'downgrade' },
      { error: 'not_staff' },
    ],
    ['an ordinary case cannot be downgraded', inState('open'), zhao, { type: 'downgrade' }, { error: 'no_change' }],
    [
      'a done case is not downgraded',
      inState('resolved', { urgency: 'gas' }),
      zhao,
      { type: 'downgrade' },
      { error: 'wrong_state', status: 'resolved' },
    ],
    ['only the claimer arrives', inState('claimed'), wan, { type: 'arrive' }, { error: 'not_claimant', claimantId: 2 }],
    [
      'an open case is claimed before 到场',
      inState('open'),
      qian,
      { type: 'arrive' },
      { error: 'wrong_state', status: 'open' },
    ],
    ['到场 said twice', inState('claimed', { arrivedAt: now }), qian, { type: 'arrive' }, { error: 'no_change' }],
    ['a volunteer cannot decline', inState('new'), qian, { type: 'decline', reason: 'x' }, { error: 'not_staff' }],
    ['a volunteer cannot refer', inState('open'), qian, { type: 'refer', to: 'x' }, { error: 'not_staff' }],
    ['an accepted case is not accepted twice', inState('open'), zhao, { type: 'accept' }, { error: 'wrong_state' }],
    [
      'a ring waiting for triage cannot be claimed',
      inState('new', { acceptedAt: null }),
      qian,
      { type: 'claim' },
      { error: 'wrong_state', status: 'new' },
    ],
    [
      'a done case cannot be declined',
      inState('resolved'),
      zhao,
      { type: 'decline', reason: 'x' },
      { error: 'wrong_state', status: 'resolved' },
    ],
    [
      'an answer needs a referral',
      inState('open'),
      zhao,
      { type: 'referralResult', text: 'x' },
      { error: 'wrong_state', status: 'open' },
    ],
    ['a resident cannot claim', inState('open'), neighbour, { type: 'claim' }, { error: 'not_volunteer' }],
    [
      'the second claimer is told who has it',
      inState('claimed'),
      wan,
      { type: 'claim' },
      { error: 'already_claimed', claimantId: 2 },
    ],
    [
      'a closed case cannot be claimed',
      inState('closed'),
      wan,
      { type: 'claim' },
      { error: 'wrong_state', status: 'closed' },
    ],
    [
      'a resolved case cannot be claimed',
      inState('resolved'),
      wan,
      { type: 'claim' },
      { error: 'wrong_state', status: 'resolved' },
    ],
    [
      'only the claimer notes',
      inState('claimed'),
      wan,
      { type: 'note', text: 'x' },
      { error: 'not_claimant', claimantId: 2 },
    ],
    ['only the claimer resolves', inState('claimed'), wan, { type: 'resolve', text: 'x' }, { error: 'not_claimant' }],
    [
      'an open case cannot be resolved',
      inState('open'),
      qian,
      { type: 'resolve', text: 'x' },
      { error: 'wrong_state', status: 'open' },
    ],
    [
      'only the reporter verifies',
      inState('resolved'),
      neighbour,
      { type: 'verify', ok: true, text: '' },
      { error: 'not_reporter' },
    ],
    [
      'a volunteer cannot verify their own work',
      inState('resolved'),
      qian,
      { type: 'verify', ok: true, text: '' },
      { error: 'not_reporter' },
    ],
    [
      'verify needs a resolved case',
      inState('claimed'),
      reporter,
      { type: 'verify', ok: true, text: '' },
      { error: 'wrong_state', status: 'claimed' },
    ],
    ['a neighbour cannot cancel', inState('open'), neighbour, { type: 'cancel' }, { error: 'not_reporter' }],
    ['a closed case cannot be cancelled', inState('closed'), reporter, { type: 'cancel' }, { error: 'wrong_state' }],
    ['me too on your own case', inState('open'), reporter, { type: 'same' }, { error: 'own_case' }],
    ['assigning needs staff', inState('open'), qian, { type: 'assign', to: 3 }, { error: 'not_staff' }],
    [
      'a timer that fires twice is stale',
      inState('open', { escalationRung: 1 }),
      zhao,
      { type: 'escalate', rung: 1 },
      { error: 'stale' },
    ],
    ['a claimed case does not escalate', inState('claimed'), zhao, { type: 'escalate', rung: 1 }, { error: 'stale' }],
  ])('%s', (_name, c, actor, action, refusal) => {
    expect(transition(c, actor, action, now)).toMatchObject(refusal)
  })
})
