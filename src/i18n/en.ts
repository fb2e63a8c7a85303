// English, second language: for people who write to the bot in English.
import { DateTime } from 'luxon'
import type { Status } from '../domain/case.js'
import type { Period } from '../domain/periods.js'
import type { Catalogue } from './zh-CN.js'
import { consultEn, consultHelpEn } from './consult-en.js'
import { urgentEn, urgentEventsEn, urgentHelpEn } from './urgent-en.js'

const statusName: Record<Status, string> = {
  new: 'waiting to be accepted',
  referred: 'handed to another office',
  open: 'waiting for a volunteer',
  claimed: 'in progress',
  resolved: 'awaiting your check',
  closed: 'closed',
  deliberation: 'waiting for a decision',
}
const closeName: Record<string, string> = {
  verified: 'closed',
  unverified: 'closed (no reply)',
  cancelled: 'cancelled',
  duplicate: 'closed as duplicate',
  declined: 'not accepted',
  referred: 'handed on, answered',
}
const roleName: Record<string, string> = {
  volunteer: 'a volunteer',
  staff: 'community staff',
  committee: 'a committee member',
  admin: 'an admin',
  reporter: 'the reporter',
  anyone: 'a resident',
}
const periodName: Record<string, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  week: 'This week',
  lastWeek: 'Last week',
  month: 'This month',
  lastMonth: 'Last month',
  year: 'This year',
  lastYear: 'Last year',
  all: 'All time',
}
const md = (iso: string) => DateTime.fromISO(iso).setLocale('en').toFormat('LLL d')
const periodTitle = (p: Period): string => {
  const s = p.spec
  if (s.kind === 'all') return 'All time'
  const month = DateTime.fromISO(p.first!).setLocale('en').toFormat('LLLL yyyy')
  if (s.kind === 'monthOf') return month
  const span =
    s.kind === 'month' || s.kind === 'lastMonth'
      ? month
      : s.kind === 'year' || s.kind === 'lastYear'
        ? p.first!.slice(0, 4)
        : p.first === p.last
          ? md(p.first!)
          : `${md(p.first!)}–${md(p.last!)}`
  return s.kind === 'days' ? span : `${periodName[s.kind]} (${span})`
}
const pct = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`)
const eventWords: Record<string, (p: Record<string, unknown>) => string> = {
  ...urgentEventsEn,
  rung: (p) => `rang: ${String(p.text ?? '')}`,
  accepted: () => 'accepted',
  declined: (p) => `not accepted: ${String(p.reason ?? '')}`,
  referred: (p) => `handed to ${String(p.to ?? '')}${p.note ? `: ${String(p.note)}` : ''}`,
  referralResult: (p) => `answer from the other office: ${String(p.text ?? '')}`,
  claimed: () => 'took it',
  assigned: (p) => `assigned${p.toName ? ` to ${String(p.toName)}` : ''}`,
  noted: (p) => `progress: ${String(p.text ?? '')}`,
  resolved: (p) => `done${p.text ? `: ${String(p.text)}` : ''}`,
  released: () => 'handed it back',
  verified: (p) => `satisfied${typeof p.rating === 'number' ? ` ${'★'.repeat(p.rating)}` : ''}`,
  reopened: (p) => `not satisfied${p.text ? `: ${String(p.text)}` : ''}; reopened`,
  cancelled: (p) => `cancelled${p.reason ? `: ${String(p.reason)}` : ''}`,
  added: (p) => `added: ${String(p.text ?? '')}`,
  supported: () => 'me too (another household)',
  escalated: (p) => `not taken; escalated (step ${String(p.rung ?? '')})`,
  autoclosed: () => 'no reply; closed by itself',
}
const minutes = (ms: number | undefined): string => {
  if (ms === undefined) return '—'
  const m = Math.round(ms / 60_000)
  if (m < 60) return `${m} min`
  if (m < 48 * 60) return `${Number((m / 60).toFixed(m < 600 ? 1 : 0))} h`
  return `${Math.round(m / 1440)} d`
}

export const en: Catalogue = {
  // households, consultations and notices (issue 14)
  ...consultEn,
  // urgent rings (issue 11)
  ...urgentEn,
  statusName: (s, closeReason) =>
    s === 'closed' && closeReason ? (closeName[closeReason] ?? statusName.closed) : statusName[s],
  roleName: (r) => roleName[r] ?? r,
  duration: minutes,

  ringAck: (p) =>
    `🔔 #${p.no} received: ${p.category} · ${p.place}. Volunteers are being told; we'll ${p.privately ? 'tell you privately' : 'post here'} when someone takes it.`,
  ringAckNobody: (p) =>
    `🔔 #${p.no} received: ${p.category} · ${p.place}. No volunteer is on duty right now; ${p.staff ? `${p.staff} has been told` : 'it is noted'}${p.next ? `, next shift starts ${p.next}` : ''}. It won't be forgotten.`,
  ping: (p) => `🔔 #${p.no} ${p.category} · ${p.place}: ${p.text}\nReply "/claim ${p.no}" to take it`,
  pingNobody: (p) =>
    `🔔 #${p.no} ${p.category} · ${p.place}: ${p.text}\nNo volunteer is on duty: please arrange, reply "/claim ${p.no}" or "/assign ${p.no} @volunteer"`,
  pingAgain: (p) =>
    `🔔 #${p.no} needs someone again: ${p.category} · ${p.place}: ${p.text}\nReply "/claim ${p.no}" to take it`,
  claimed: (p) => `✅ #${p.no} taken by ${p.name}.`,
  claimedForVolunteers: (p) => `✅ #${p.no}: ${p.name} has it.`,
  assigned: (p) => `✅ #${p.no} assigned to ${p.name}.`,
  alreadyClaimed: (p) => `#${p.no} is already taken by ${p.name}. Thank you!`,
  contactForClaimer: (p) =>
    `You took #${p.no} (${p.place}): ${p.text}\nResident: ${p.reporter}  ${p.contact ? `Phone: ${p.contact}` : p.private ? 'no phone given; write to them privately' : 'no phone given; @mention them in the group'}${p.private ? '\nThis was asked privately: please say nothing in the groups about who or what.' : ''}\nWhen done reply "/done ${p.no} what you did"; for progress "/note ${p.no} …".`,
  contactLater: (p) => `📞 #${p.no}: ${p.reporter} left a phone number: ${p.contact}`,
  note: (p) => `📝 #${p.no} ${p.name}: ${p.text}`,
  resolved: (p) => `🎉 #${p.no} done by ${p.name}${p.text ? `: ${p.text}` : '.'}\n`,
  askVerify: (p) => ` please reply "/verify ${p.no} ok" or "/verify ${p.no} no reason".`,
  released: (p) =>
    `#${p.no}: ${p.name} can't do it after all${p.reason ? ` (${p.reason})` : ''}; volunteers are being told again.`,
  verified: (p) => `🙏 #${p.no} closed. Thank you for checking!`,
  reopened: (p) => `#${p.no} reopened${p.reason ? `: ${p.reason}` : ''}. Volunteers are being told again.`,
  askReason: (p) =>
    `What is still wrong with #${p.no}? Reply to this message, or write to me privately: the volunteers will see it.`,
  reasonGiven: (p) => `📝 #${p.no}: ${p.reporter} says what is wrong: ${p.text}`,
  reasonNoted: (p) => `Thanks, the volunteers have been told what is wrong with #${p.no}.`,
  cancelled: (p) => `#${p.no} cancelled.`,
  added: (p) => `📎 #${p.no} more detail: ${p.text}`,
  addedAck: (p) => `Thanks, the detail for #${p.no} was passed on.`,
  contactSaved: (p) => `Thanks, the phone number for #${p.no} is noted; only the volunteer on it will see it.`,
  contactNoCase: () =>
    'You have no case open, so the number is not kept. To ring, send "/ring problem" with the number in it.',
  supported: (p) => `👍 #${p.no}: another household has the same problem (${p.count + 1} in all).`,
  status: (p) =>
    `#${p.no} ${p.category} · ${p.place}: ${p.text}\nStatus: ${p.status}${p.claimant ? ` (${p.claimant})` : ''}${p.age ? `, rung ${p.age} ago` : ''}${p.note ? `\nLatest: ${p.note.text} (${p.note.by}, ${p.note.ago} ago)` : ''}`,

  listHead: (p) => `📋 ${p.title}: ${p.count}`,
  listLine: (p) =>
    `#${p.no} ${p.urgent ? `🚨${p.urgent} ` : ''}${p.status}${p.claimant ? ` · ${p.claimant}` : ''} ${p.category} · ${p.place} ${p.text}`,
  listEmpty: (p) => `📋 ${p.title}: none.`,
  listTitle: (o) =>
    (
      ({
        new: 'Waiting to be accepted',
        open: 'Waiting',
        claimed: 'In progress',
        resolved: 'Awaiting check',
        referred: 'Handed on',
        closed: 'Closed',
        all: 'All',
        active: 'Not closed',
      }) as Record<string, string>
    )[o] ?? o,
  listPage: (p) => ` (page ${p.page}/${p.pages})`,
  listNext: (p) => `Next page: "${p.next}"`,
  listUsage: (p) =>
    `I don't know "${p.word}"; try: /list new | open | claimed | resolved | referred | closed | all, then a page number, e.g. /list all 2`,
  mineHead: (p) => (p.count ? `You have ${p.count}:` : 'Nothing on your plate. Thank you!'),

  periodTitle,
  stats: (p) => {
    const f = p.f
    if (!f.rings) return `📊 ${p.title}: no rings.`
    const apart = [
      f.pending && `waiting to be accepted ${f.pending}`,
      f.declined && `not accepted ${f.declined}`,
      f.referred && `handed on ${f.referred}${f.referralsAnswered ? ` (answered ${f.referralsAnswered})` : ''}`,
      f.merged && `merged ${f.merged}`,
      f.withdrawn + f.closedByStaff &&
        `cancelled ${f.withdrawn + f.closedByStaff} (by residents ${f.withdrawn}, by staff ${f.closedByStaff})`,
    ].filter(Boolean)
    return [
      `📊 ${p.title}: rings ${f.rings} · accepted ${f.accepted} · done ${f.done}`,
      `completion ${pct(f.rate)} (done ÷ accepted) · satisfaction ${pct(f.satisfaction)}${f.rated ? ` (${f.rated} rated)` : ''}`,
      ...(f.unverified ? [`of the done, ${f.unverified} closed by themselves without a reply`] : []),
      `in progress ${f.inProgress} · awaiting check ${f.awaitingCheck}${apart.length ? ` · ${apart.join(' · ')}` : ''}`,
      `time to claim: median ${minutes(f.claimMedian)} (p90 ${minutes(f.claimP90)})`,
      `time to resolve: median ${minutes(f.resolveMedian)} (p90 ${minutes(f.resolveP90)})`,
      `residents served: ${f.users}`,
      ...(f.urgent
        ? [`of them urgent: ${f.urgent}${p.urgentApart ? '' : ' (/stats urgent for time to claim and to arrive)'}`]
        : []),
    ].join('\n')
  },
  statsFor: (p) => p.what,
  statsSplitHead: (p) =>
    `📊 ${p.title} by ${({ building: 'building', category: 'category', volunteer: 'volunteer', community: 'community', urgency: 'urgency' } as Record<string, string>)[p.by] ?? p.by}`,
  statsSplitLine: (p) =>
    p.by === 'urgency'
      ? `${p.name}: rings ${p.f.rings} · median to claim ${minutes(p.f.claimMedian)} (P90 ${minutes(p.f.claimP90)})${p.f.arriveMedian === undefined ? '' : ` · median to arrive ${minutes(p.f.arriveMedian)} (P90 ${minutes(p.f.arriveP90)})`} · done ${p.f.done}`
      : `${p.name}: rings ${p.f.rings} · accepted ${p.f.accepted} · done ${p.f.done} · completion ${pct(p.f.rate)}${p.f.resolveMedian === undefined ? '' : ` · median to resolve ${minutes(p.f.resolveMedian)}`}`,
  statsNobody: () => 'not taken',
  statsUsage: (p) =>
    `I don't know "${p.word}". Try: /stats last week · /stats 2026-11 · /stats 9幢 · /stats by building · /stats chart month`,
  statsOnlyOneCommunity: () => 'There is one community here; its figures are the ones above.',

  chartTitle: (p) => `${p.community} ${p.title}`,
  chartSeries: () => ({ rings: 'Rings', accepted: 'Accepted', done: 'Done', rate: 'Completion' }),
  chartWeek: (p) => `wk of ${p.day}`,
  chartCaption: (p) => `📈 ${p.title}: rings, accepted, done and completion, week by week`,
  chartEmpty: (p) => `📈 ${p.title}: no rings, nothing to draw.`,

  exportCaption: (p) =>
    `📎 ${p.title}: ${p.count} cases, for Excel or WPS${p.contacts ? ". It has residents' phone numbers: keep it safe, never forward it to a group" : ''}.`,
  exportNoContacts: () => '(Phone numbers are exported only to an admin, in a private chat with the bot.)',
  exportEmpty: (p) => `${p.title}: no cases, nothing to export.`,
  exportUsage: (p) =>
    `I don't know "${p.word}". Try: /export month · /export last month · /export 2026-11 · /export all`,
  csvHeaders: () => ({
    number: 'No.',
    rungAt: 'Rung at',
    category: 'Category',
    building: 'Building',
    place: 'Place',
    text: 'Problem',
    reporter: 'Reporter',
    contact: 'Phone',
    status: 'Status',
    claimant: 'Volunteer',
    acceptedAt: 'Accepted at',
    claimedAt: 'Claimed at',
    resolvedAt: 'Done at',
    closedAt: 'Closed at',
    rating: 'Verdict',
    supporters: 'Households',
    referredTo: 'Handed to',
    history: 'History',
  }),
  satisfiedWord: (p) =>
    p.satisfied === null ? '' : p.satisfied ? `satisfied${p.rating ? ` ${p.rating}★` : ''}` : 'not satisfied',

  historyHead: (p) =>
    `🗂 #${p.no} ${p.urgent ? `🚨${p.urgent} ` : ''}${p.category} · ${p.place}: ${p.text} (${p.status})`,
  historyLine: (p) => `${p.when} ${p.who ?? 'system'} ${(eventWords[p.kind] ?? (() => p.kind))(p.payload)}`,
  eventText: (kind, payload) => (eventWords[kind] ?? (() => kind))(payload),

  ringAckTriage: (p) =>
    `🔔 #${p.no} received: ${p.category} · ${p.place}. Community staff will look at it and arrange a volunteer; news comes here.`,
  triageForStaff: (p) =>
    `🆕 #${p.no} ${p.category} · ${p.place}: ${p.text}\nTo accept: "/accept ${p.no}". Otherwise "/decline ${p.no} reason", or "/refer ${p.no} office" to hand it on.`,
  triageReminder: (p) =>
    `⏰ #${p.no} ${p.category} · ${p.place}: ${p.text}\nNot accepted for ${minutes(p.waited)}: "/accept ${p.no}", "/decline ${p.no} reason" or "/refer ${p.no} office".`,
  triageForCommittee: (p) =>
    `⏰ #${p.no} ${p.category} · ${p.place}: ${p.text}\nNot accepted for ${minutes(p.waited)}; for the committee's attention.`,
  acceptedNotice: (p) => `✅ #${p.no} accepted; volunteers are being told, and we'll post here when someone takes it.`,
  declinedNotice: (p) =>
    `#${p.no}: the community looked at it and cannot take it on this time: ${p.reason}. Questions: ask ${p.staff ?? 'community staff'}, or call the 12345 city hotline. Thank you for understanding!`,
  referredNotice: (p) => `📨 #${p.no} handed to ${p.to}${p.note ? `: ${p.note}` : ''}. We'll post their answer here.`,
  referralResultNotice: (p) =>
    `📨 #${p.no}: the answer from ${p.to}: ${p.text}\nIf the problem remains, please ring again.`,
  referralReminder: (p) =>
    `⏰ #${p.no} (${p.text}) went to ${p.to} ${minutes(p.waited)} ago: record their answer with "/referral ${p.no} …", or take it back with "/accept ${p.no}".`,
  referHow: () => 'Please name the office it goes to, e.g. /refer 12 物业公司 the leak is theirs to fix',
  cancelledByStaff: (p) => `#${p.no} closed by ${p.name}: ${p.reason}.`,
  needReason: (p) => `Closing someone else's case needs a reason, e.g. /cancel ${p.no} duplicate`,
  waitingTriage: (p) => `#${p.no} is waiting to be accepted by the community; volunteers are told after that.`,
  alreadyAccepted: (p) => `#${p.no} is already accepted (${p.status} now).`,

  dailyDigest: (p) =>
    [
      `📰 Today (${p.day})`,
      ...(p.urgent ?? []),
      `new ${p.rung} · claimed ${p.claimed} · done ${p.done}`,
      ...(p.urgentFigures ? [p.urgentFigures] : []),
      `open now: ${[
        p.open.new && `waiting to be accepted ${p.open.new}`,
        `waiting ${p.open.open ?? 0}`,
        `in progress ${p.open.claimed ?? 0}`,
        `awaiting check ${p.open.resolved ?? 0}`,
      ]
        .filter(Boolean)
        .join(' · ')}`,
      ...(p.overdue ? [`⚠️ not done after ${minutes(p.overdueAfter)}: ${p.overdue}; see /list`] : []),
    ].join('\n'),
  weeklyHead: (p) => `🗓 Weekly review · ${p.title}`,
  weeklyOldestHead: () => 'Open longest:',
  weeklyOldestLine: (p) => `#${p.no} ${p.category} · ${p.place} ${p.text} (${p.status}, ${minutes(p.age)})`,
  weeklyVolunteersHead: () => 'Volunteers this week:',
  weeklyVolunteerLine: (p) =>
    `${p.name} claimed ${p.claimed} · done ${p.done}${p.notes ? ` · updates ${p.notes}` : ''}`,
  weeklyNobody: () => 'No volunteer took a case this week.',
  weeklyQuiet: () => 'No rings last week, and nothing left open.',

  onDuty: () => "OK, you're on duty today; new rings will @mention you. Thank you!",
  myShifts: (p) => (p.on ? "You're on duty now ✅ Shifts:" : "You're off duty now. Shifts:"),
  noShifts: () => '  no shifts yet',
  rotaHead: () => '🗓 Rota (✅ on duty now)',
  rotaUsage: () => 'Usage: /rota 钱阿姨 Mon-Fri 08:00-20:00 · /rota list · /rota remove 钱阿姨 [n]',
  rotaBadShift: (p) => `I can't read "${p.spec}"; write it like Mon-Fri 08:00-20:00`,
  rotaAdded: (p) => `✅ Shift added for ${p.name}: ${p.shift}`,
  rotaRemoved: (p) => `✅ Removed ${p.count} shift(s) of ${p.name}.`,
  offDuty: () => "OK, you're off duty for today. Thank you!",

  bound: (p) => `✅ This group is now the ${p.role} group of ${p.place}.`,
  bindUsage: () => 'Usage: /bind 锦绣新村 9幢 residents (last word: residents / volunteers / committee)',
  bindUnknownPlace: (p) => `No place called "${p.place}". Known places: ${p.known}`,
  unboundGroup: () =>
    'This group is not bound to a community yet; an admin can send "/bind <estate> <building> residents" here.',
  sameNameGroup: (p) =>
    `Two groups are called "${p.name}" (or this group just took that name), so I can't tell them apart and won't act here. Please give the group a name of its own, then ask an admin to /bind it again.`,

  bindCodeIssued: (p) =>
    `Binding code for ${p.name}: ${p.code} (valid ${p.minutes} min, once)\n${p.name} sends the bot, in a private chat: /bindcode ${p.code}\n(On WeChat, add the bot as a friend first.)`,
  bindCodeSentPrivately: () => "I've sent you the binding code privately.",
  bindCodeUnknownPerson: (p) =>
    `No one called "${p.name}". Add them to the community file (people) and restart, then ask for a code.`,
  bindCodeUsage: () =>
    'Ask for a code: /bindcode 钱阿姨 (admins). Whoever gets a code sends the bot privately: /bindcode 123456',
  bindCodeInvalid: () => 'That binding code is wrong, expired or already used. Please ask an admin for a new one.',
  bindCodeTooMany: () => 'Too many wrong binding codes; please try again in an hour, or ask an admin.',
  bindCodeInGroup: () =>
    'Please send binding codes to the bot privately, not in a group. That code is now void; ask an admin for a new one.',
  bindCodeCannot: () =>
    "I couldn't remember your account. Please add the bot as a friend, then send the code again privately (it is still valid).",
  accountLinked: (p) =>
    `Done, ${p.name}! I know your account now, whatever nickname you use. Your role: ${p.roles.map((r) => roleName[r] ?? 'a resident').join(', ')}. Send /help to see what you can do.`,
  accountLinkedIssuer: (p) => `✅ ${p.name} is bound.`,
  ringInDirect: () =>
    'To ring, send "/ring problem", e.g. /ring 9幢 corridor light is broken. Rung privately, only the volunteer who takes it sees the details. Send /help to see what else I can do.',

  alreadyRung: (p) =>
    `You already rang this: #${p.no} (${p.text}), ${p.status}. No need to ring again; news comes to the group. To add details: /add ${p.no} …`,
  ringHeld: () =>
    "Don't worry, everything you said is written down. You rang several times just now: the rest is kept and goes to the volunteers as one case once you pause. No need to ring again.",
  heldBundled: (p) => `the ${p.count} other things you said just now are all in this one.`,
  listSeparator: () => '; ',
  andMore: (p) => ` (and ${p.count} more)`,
  visitorDirect: () =>
    'Hello! The bell works in your building\'s residents\' group: write "/ring <problem>" there, e.g. /ring the corridor light in 9幢 unit 2 is broken. Once you have used it there, you can also ring privately here: only the volunteer who takes it sees it. If your group has no bell yet, please ask your community office.',

  emptyRing: () => 'Please say what the problem is, e.g. /ring the corridor light in 9幢 unit 2 is broken',
  unknownCase: (p) => `No case #${p.no}; please check the number.`,
  needCase: (p) => `Please add the case number, e.g. ${p.example}`,
  whichQuoted: (p) => `That message is about ${p.nos}. Which one? Add the number, e.g. ${p.example}`,
  needText: (p) => `Please add some text, e.g. ${p.example}`,
  badOption: (p) => `I don't know "${p.word}"; try: ${p.options}`,
  unknownCommand: (p) => `I don't know "${p.word}". Send /help to see what I can do.`,
  tooLong: (p) =>
    `That message is too long (over ${p.max.toLocaleString('en')} characters), so I did not act on it. Please send it again as shorter messages, one matter each. Thank you!`,
  notAllowed: (p) => `Only ${roleName[p.role] ?? p.role} can do that. Ask community staff if you need help.`,
  notVolunteer: () => 'Only registered volunteers can take cases. Ask community staff to sign you up. Thank you!',
  notAVolunteer: (p) => `${p.name} is not a registered volunteer; cases go to volunteers only.`,
  meTooWhich: (p) => `Do you mean #${p.no} (${p.text})? If so, reply "/same ${p.no}" and your household is counted.`,
  alreadyYours: (p) => `#${p.no} is already yours. Thank you!`,
  alreadyReported: (p) =>
    `You have already reported #${p.no} done; ${p.name ?? 'the resident'} is asked to check it. Thank you!`,
  alreadyAssigned: (p) => `#${p.no} is already with ${p.name}.`,
  reassigned: (p) => `#${p.no} was reassigned to ${p.name}. Thank you!`,
  claimFirst: (p) => `#${p.no} is not taken yet; reply "/claim ${p.no}" first.`,
  notYetDone: (p) =>
    p.name
      ? `#${p.no}: ${p.name} is still on it; please check it once it's done.`
      : `#${p.no} is not taken yet; please check it once it's done.`,
  alreadySupported: (p) => `#${p.no}: you already said so; it's noted.`,
  toldGroup: (p) => `OK, ${p.where} has been told.`,
  toldShort: (p) => `✓ #${p.no}: ${p.where} told`,
  theResident: () => 'the resident',
  okDone: () => 'OK, done.',
  thanksVolunteer: (p) =>
    `🙏 #${p.no}: ${p.reporter} is satisfied${p.stars ? ` ${'★'.repeat(p.stars)}` : ''}${p.words ? `: "${p.words}"` : ''}. Thank you!`,
  whichCase: (p) => `You have ${p.nos}: which one do you mean? Please give the number, e.g. ${p.example}`,
  nothingToClaim: () => 'Nothing is waiting for a volunteer right now. Thank you! New rings are posted here.',
  whichWaiting: (p) => `Waiting for someone: ${p.nos}. Which one? Please give the number, e.g. ${p.example}`,
  noRingOpen: () => 'You have no ring in progress. To look up an older one, add its number, e.g. /status 12',
  nothingWaiting: () => 'Nothing is waiting for your check. With a number: /verify 12 ok',
  noClaims: () => 'You have no case in hand. With a number: /done 12 what you did',
  offerAgain: (p) =>
    `#${p.no} was closed a while ago and cannot be reopened. If the problem is back, send "/again ${p.no}${p.reason ? ` ${p.reason}` : ' it is back'}": a new case, marked as following #${p.no}.`,
  againNotClosed: (p) => `#${p.no} is ${p.status}: no need to ring again. To add details: /add ${p.no} …`,
  follows: (p) => ` (follows #${p.no})`,
  looksLike: (p) =>
    `This looks like #${p.no} (${p.text}). If it is the same problem, reply "/same ${p.no}" to join it.`,
  mergedInto: (p) => `🔁 #${p.no} is the same problem as #${p.into} and was joined to it.`,
  yoursMerged: (p) => ` Your ${p.nos} joined #${p.into}.`,
  joinedIncident: (p) =>
    `Noted on #${p.no}: ${p.count} households reported it. One problem, handled once; news comes here.`,
  joinedLine: (p) => `noted on #${p.no} (${p.count} households)`,
  ackLine: (p) => `🔔 #${p.no} received (${p.category} · ${p.place})`,
  incidentCount: (p) => `📈 #${p.no}: ${p.count} households have reported the same problem.`,
  splitOut: (p) => `(split out of #${p.no} to be handled on its own)`,
  splitNone: (p) =>
    p.count
      ? `No ring on #${p.no} matches "${p.text}". Give the ringer's name, or a few of their words.`
      : `Nobody else joined #${p.no}: nothing to split.`,
  splitDone: (p) => `Done: ${p.name}'s ring is out of #${p.no}, now #${p.into}; #${p.no} counts ${p.count} households.`,
  splitHow: (p) =>
    `Say which ring to take out: /split ${p.no} Qian (a name) or /split ${p.no} 302 (a few of their words).`,
  mergeHow: () => 'Give two case numbers: /merge 13 12 (joins #13 into #12).',
  mergeSelf: (p) => `#${p.no} cannot be joined into itself.`,
  mergedIncident: (p) => `🔁 #${p.no} is the same problem as #${p.into} and was joined to it: ${p.count} households.`,
  mergeDone: (p) => `Done: #${p.no} joined #${p.into}, ${p.count} households.`,
  privateText: () => '(asked privately; details go to the volunteer who takes it)',
  privateNoted: (p) =>
    `OK, #${p.no} is noted privately: only the volunteer who takes it sees the details; I'll tell you the news privately.`,
  privateTooMany: () =>
    'You rang privately several times just now: this one is not noted yet. Please send it again in ten minutes, or add it to a case you rang with "/add <number> …".',
  proxyNotAllowed: () =>
    'Ringing for someone else is for volunteers and staff. Please ask your neighbour to ring, or say whose home it is when you ring.',
  unknownNeighbour: (p) =>
    `I don't know "${p.name}" yet: ${p.name} should send /help once in their building's group (or be added to the community's list); then ring for them.`,
  proxyRung: (p) => `OK, rang #${p.no} for ${p.name}; news and the check go to ${p.name}.`,
  verifyHow: (p) => `Please say "/verify ${p.no} ok" or "/verify ${p.no} no reason".`,
  rotaUnknown: (p) => `No volunteer called "${p.name}". Send "/rota list" to see who there is.`,
  bindInGroup: () => 'Please send "/bind …" in the group you want to bind.',
  notClaimant: (p) =>
    `#${p.no} ${p.name ? `was taken by ${p.name}` : 'is not taken yet'}; only the volunteer on it can update it.`,
  notReporter: (p) => `Only the person who rang #${p.no} can do that.`,
  wrongState: (p) => `#${p.no} is ${p.status} now, so that can't be done.`,
  ownCase: (p) => `#${p.no} is your own ring; it's noted.`,
  failed: () => 'Sorry, something went wrong and nothing was changed. Please send it again in a moment.',

  caseNos: (nos) => nos.map((n) => `#${n}`).join(', '),
  escalatedWider: (p) => `⏰ Not taken yet: ${p.nos}; volunteers have been told again. Thank you for waiting.`,
  escalatedMorning: (p) =>
    `⏰ ${p.nos}: volunteers are on duty now and have been told; you will hear when someone takes it.`,
  escalatedStaff: (p) => `⏰ Not taken yet: ${p.nos}; ${p.staff} has been told.`,
  escalatedCommittee: (p) => `⏰ Not taken yet: ${p.nos}; the committee has been told.`,
  moreCases: (p) => `… and ${p.count} more: /list open`,
  escalationForStaff: (p) => `⏰ #${p.no} ${p.category} · ${p.place}: ${p.text}
Not taken for ${minutes(p.waited)}; please arrange (/assign ${p.no} @volunteer)`,
  escalationForCommittee: (p) => `⏰ #${p.no} ${p.category} · ${p.place}: ${p.text}
Not taken for ${minutes(p.waited)}; for the committee's attention.`,
  remindClaimer: (p) =>
    `⏰ Still on #${p.no} (${p.text})? Reply "/note ${p.no} …" with progress, "/done ${p.no}" when done, or "/release ${p.no}" to hand it back.`,
  staleForStaff: (p) =>
    `⏰ #${p.no} (${p.text}) taken by ${p.name} has had no progress for ${minutes(p.quiet)}; please check`,
  remindVerify: (p) =>
    ` is #${p.no} fixed? Please reply "/verify ${p.no} ok" or "/verify ${p.no} no reason". Without a reply it will close by itself later.`,
  autoClosed: (p) => `#${p.no} closed: no reply came. If the problem is back, please ring again.`,

  offlineNotice: (p) =>
    `⚠️ The bell was offline from ${p.from} to ${p.to}; rings sent then did not arrive. Please ring again. Sorry!`,
  openPrivateChat: (p) =>
    `I can't message you privately yet: ${p.friend ? 'add me as a friend and say hello to me privately' : 'tap my name, open the chat and press Start'} — ${p.no === undefined ? 'my message' : p.contact ? `the resident's contact for #${p.no}` : `my message about #${p.no}`} follows at once. 🙏`,

  helpShort: (p) =>
    [
      p.role === 'anyone'
        ? '🔔 Have a problem? Send "/ring problem", e.g. /ring 9幢 unit 2 corridor light broken'
        : p.role === 'volunteer'
          ? '🔔 Take a case: "/claim 12", or reply to the bell\'s message with 接; /note 12 … · /done 12 …'
          : '🔔 /assign 12 @volunteer · ring for someone: 代王阿姨按铃 … · /list · /stats',
      p.role === 'anyone'
        ? 'When it is done, reply "/verify 12 ok" or "no" with a reason; "/status 12" for news. The full list is in your private chat.'
        : 'The full list is in your private chat.',
    ].join('\n'),
  howTo: () =>
    '🔔 To ring: in your building\'s group send "/ring" and the problem, e.g. /ring 9幢 unit 2 corridor light broken\nTo keep it from the neighbours, send it to me privately: only the volunteer who takes it sees it. /help for everything.',
  helpHead: () => '🔔 Neighbourhood bell — how to use it (Chinese commands work too)',
  helpFoot: () =>
    'The case number is the number after #. When you reply to (quote) a bell message you can leave it out.',
  help: {
    ring: '/ring problem — report a problem, e.g. /ring 9幢 unit 2 corridor light broken',
    status: '/status 12 — see progress',
    add: '/add 12 text — add detail',
    verify: '/verify 12 ok | no reason — check the work',
    cancel: '/cancel 12 — no longer needed',
    same: '/same 12 — me too',
    again: '/again 12 it is back — a problem of a case closed long ago, as a new case',
    claim: '/claim 12 — take it (or quote the bell message with 接)',
    note: '/note 12 text — tell the resident about progress',
    done: '/done 12 text — it is fixed',
    release: '/release 12 — hand it back',
    onduty: '/onduty, /offduty — start or end duty for today',
    offduty: null,
    mine: '/mine — my cases',
    myshifts: '/myshifts — my shifts',
    assign: '/assign 12 @volunteer — assign',
    split: '/split 12 Qian — take a wrongly joined ring out of #12 as its own case (a name, or their words)',
    merge: '/merge 13 12 — join #13 into #12 as the same problem',
    accept: '/accept 12 — accept it; volunteers are told',
    decline: '/decline 12 reason — do not accept; the resident hears why',
    refer: '/refer 12 office [note] — hand it to the police, the property company, 12345 …',
    referral: '/referral 12 text — record the other office’s answer',
    list: '/list [new|open|claimed|resolved|referred|closed|all] [page] — list cases',
    stats: '/stats [today|week|last week|month|last month|2026-11|all] [9幢|物业|by building|urgent|chart] — figures',
    report: '/report — last week’s review',
    export: '/export [month|last month|…] — a spreadsheet (CSV)',
    history: '/history 12 — what happened to a case',
    rota: '/rota 钱阿姨 Mon-Fri 08:00-20:00, /rota list — manage shifts',
    bind: '/bind 锦绣新村 9幢 residents — bind this group',
    bindcode:
      '/bindcode 钱阿姨 — a one-time code; that person sends "/bindcode 123456" to the bot privately (needed on WeChat)',
    help: '/help — this text',
    ...consultHelpEn,
    ...urgentHelpEn,
    howto: null,
    said: null,
    hazard: null,
  },
  helpSection: (who) =>
    ({
      anyone: 'Residents',
      volunteer: 'Volunteers',
      staff: 'Staff',
      committee: 'Committee',
      admin: 'Admins',
      reporter: 'Residents',
    })[who] ?? who,
}
