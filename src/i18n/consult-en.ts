// English: households, the needs list, consultations and polls, notices (issue 14). Merged into en.ts.
import type { Unit } from '../domain/consultation.js'
import type { Need } from '../domain/household.js'
import type { consultHelpZh, consultZh } from './consult-zh-CN.js'

const u = (unit: Unit, n = 2) =>
  unit === 'household' ? (n === 1 ? 'household' : 'households') : n === 1 ? 'person' : 'people'
const needName: Record<Need, string> = {
  高龄: 'elderly',
  独居: 'lives alone',
  行动不便: 'limited mobility',
  孕妇: 'pregnant',
  病患: 'ill',
}
const answerHint = (options: readonly string[]) =>
  options.length === 2 && /^(?:同意|yes)$/i.test(options[0]!)
    ? `"${options[0]}" or "${options[1]}" (or 1 or 2)`
    : `the option's number or name (e.g. "1" or "${options[0]}")`

export const consultEn: typeof consultZh = {
  needName: (n) => needName[n] ?? n,
  unknownBuilding: (p) => `There is no ${p.building}. Buildings: ${p.known}`,
  whichEstate: (p) =>
    `Several estates have this building number: name the estate, e.g. /register ${p.estates.split('、')[0]}9幢2单元301`,
  registerHow: () => 'To register your household: /register 9幢2单元301 (building, unit, room).',
  householdMine: (p) =>
    `Your household is ${p.place}${p.confirmed ? ', confirmed.' : ', waiting for the community to confirm it.'}`,
  registered: (p) =>
    `🏠 ${p.moved ? 'Changed to' : 'Registered'}: ${p.place}. ${p.confirmed ? 'Your household can answer consultations now.' : 'Once the community confirms it, your household can answer consultations.'}`,
  registeredOthers: (p) =>
    `🏠 ${p.place}: ${[...p.members.map((n) => `${n} (confirmed)`), ...p.roster.map((n) => `${n} (on the roster)`)].join(', ') || 'registered'}`,
  registrationConfirmed: (p) => `🏠 Your household (${p.place}) is confirmed. Thank you!`,
  pendingHead: (p) => `🏠 ${p.count} resident(s) registered a household and wait for you to confirm:`,
  pendingLine: (p) => `· ${p.name} → ${p.place}`,
  pendingHow: () => 'Reply "/confirm name" or "/confirm 9幢2单元301", or "/confirm all".',
  nonePending: () => 'Nobody is waiting for confirmation.',
  notPending: (p) => `"${p.who}" has no registration waiting. Send /confirm to see who does.`,
  confirmedHead: (p) => `✅ Confirmed ${p.count}:`,
  sentPrivately: () => 'Sent to you privately.',
  importHow: () =>
    'Import households: send me privately "/import" followed by one household a line: room,names,needs,notes. E.g.\n/import\n9幢2单元301,王阿姨,独居 高龄,4th floor no lift\n(about 60 lines a message; send more in several)',
  importNothing: (p) =>
    `No households read.${p.lines ? ` Lines ${p.lines} were not understood.` : ''} Write each line as: 9幢2单元301,names,needs,notes`,
  imported: (p) =>
    `✅ Imported ${p.count} household(s) (${p.added} new), ${p.withNeeds} with needs.${p.bad ? ` Lines ${p.bad} were not understood and were skipped.` : ''}`,

  needsHow: () =>
    'Record needs: /needs 9幢2单元301 独居 高龄 notes (elderly, lives alone, limited mobility, pregnant, ill; anything else as notes). Clear: /needs 9幢2单元301 clear',
  needsSaved: (p) =>
    p.needs.length || p.notes
      ? `🤝 Noted for ${p.place}: ${[p.needs.join(', '), p.notes].filter(Boolean).join('; ')}. Only staff and the volunteer helping there can see it.`
      : `🤝 Cleared the needs of ${p.place}.`,
  unknownPlace: (p) => `No place "${p.place}": write 9幢, 9幢2单元, or all.`,
  needsHead: (p) => `🤝 Needs list (${p.where}, ${p.count} households)`,
  needsLine: (p) =>
    `· ${p.place} ${p.needs.join(', ')}${p.notes ? `; ${p.notes}` : ''}${p.names.length ? ` (${p.names.join(', ')})` : ''}`,
  needsNone: (p) => `🤝 No household in ${p.where} has recorded needs.`,
  needsYours: () => 'The households you are helping:',
  needsCount: (p) => `${p.place}: ${p.counts}`,
  needCount: (p) => `${p.need} ${p.count}`,
  needsNotYours: () =>
    'The needs list is for staff and volunteers. If your household needs help, ring the bell or ask staff.',
  needsAskStaff: () => '(Ask staff for the others.)',

  consultLabel: (kind, no) => `【${kind === 'consult' ? 'Consultation' : 'Poll'} ${no}】`,
  defaultOptions: () => ['yes', 'no'],
  everywhere: (p) => `all of ${p.name}`,
  optionCount: (p) => `${p.option} ${p.count}`,
  thresholdText: (p) => {
    const what = p.option ? `"${p.option}"` : 'the leading option'
    const part = p.share ?? 'more than half'
    if (p.basis === 'count') return `${what} from at least ${p.count} ${u(p.unit, p.count)}`
    if (p.basis === 'covered')
      return `${what} from ${part} of all${p.covered ? ` ${p.covered}` : ''} ${u(p.unit)}${p.needed ? ` (${p.needed})` : ''}`
    return `${what} from ${part} of the answers`
  },
  announce: (p) =>
    [
      `${p.kind === 'consult' ? '📋' : '🗳'}${p.label}${p.title}`,
      ...(p.detail ? [p.detail] : []),
      ...(p.kind === 'poll' || p.options.length !== 2 ? p.options.map((o, i) => `${i + 1}. ${o}`) : []),
      `${p.unit === 'household' ? 'One answer per household' : 'One vote per person'}: reply here with ${answerHint(p.options)}, or tell me privately; to change it, just answer again.`,
      ...(p.threshold ? [`Passes with ${p.threshold}.`] : []),
      `Closes ${p.deadline}. Only the community sees who chose what; the group sees totals only.`,
    ].join('\n'),
  consultOpened: (p) =>
    `✅ ${p.label}posted to ${p.groups}, closes ${p.deadline}.${p.covered ? ` ${p.covered} ${u(p.unit, p.covered)} in all.` : ''}`,
  caseToConsultation: (p) =>
    `📋 #${p.no} needs a decision together: ${p.label}is open; the result will be posted here.`,
  caseAlreadyConsulted: (p) => `#${p.no} already has a consultation open; start a new one after it closes.`,
  noGroupCovers: (p) => `${p.places} has no bound residents' group to post to. Bind one first.`,
  needTotal: (p) =>
    `No ${u(p.unit)} registered yet, so a share of all cannot be counted. Import households first, or give the total: total 434.`,
  consultHow: () =>
    'Open a consultation: /consult Remove the north wall of 9幢 scope: 9幢 threshold: all 77% deadline: 3d (options default to yes/no; also options:, total 434, per person, #12 to link a case)',
  pollHow: () => '/poll Mural or paving options: mural, paving deadline: 3d (also scope:, threshold:, per person)',
  needOptions: () => 'A poll needs two options at least, e.g. options: mural, paving',
  tooManyOptions: (p) => `Too many options: ${p.max} at most.`,
  sameOptions: () => 'Two options are the same; please change one.',
  badThreshold: (p) =>
    `Could not read the threshold "${p.text}": write 77%, 2/3, majority, all 77%, 2/3 of answers, 30 households.`,
  badDeadline: (p) => `Could not read the deadline "${p.text}": write 3d, 48h, tomorrow 18:00, 2026-11-10 18:00.`,
  deadlinePast: () => 'The deadline is too close (or past): give it ten minutes at least.',
  deadlineFar: (p) => `The deadline is too far: ${p.days} days at most.`,
  noneLive: () => 'No consultation or poll is open now.',
  liveLine: (p) =>
    `${p.label}${p.title} (${p.options.map((o, i) => `${i + 1} ${o}`).join(' / ')}, closes ${p.deadline})`,
  whichOne: (p) => `Several are open: reply quoting the announcement, or say "/vote 1 yes":\n${p.list}`,
  howToAnswer: (p) =>
    `${p.label}Please answer: ${p.options.map((o, i) => `${i + 1} ${o}`).join(' / ')} (number or name)`,
  unknownConsultation: (p) => `No consultation number ${p.no}.`,
  consultClosed: (p) => `${p.label}has closed. Thank you! The result was posted in the group.`,
  needRegister: (p) =>
    `To answer ${p.label}, register your household first, e.g. /register 9幢2单元301, then answer again.`,
  notCovered: (p) =>
    `${p.label}is only for ${p.unit === 'household' ? 'households' : 'residents'} of ${p.places}. Thank you for caring!`,
  voteTaken: (p) => {
    const who = p.place ? `Your household (${p.place})` : 'You'
    const head =
      p.how === 'same'
        ? `${who} already answered "${p.option}" to ${p.label}; nothing to do.`
        : p.how === 'changed'
          ? `✅ Changed: ${who} now answer${p.place ? 's' : ''} "${p.option}" to ${p.label}${p.title}.`
          : `✅ Thank you! ${who} answered "${p.option}" to ${p.label}${p.title}. To change it before ${p.deadline}, just answer again.`
    return p.pending ? `${head}\nYour household is not confirmed yet: the answer counts once it is.` : head
  },
  progress: (p) =>
    `📋${p.label}${p.title}: ${p.answered}${p.covered ? `/${p.covered}` : ''} ${u(p.unit)} answered${p.turnout !== undefined ? ` (${p.turnout}%)` : ''} · ${p.counts}. Closes ${p.deadline}.`,
  consultReminder: (p) =>
    `⏰${p.label}${p.title} closes ${p.deadline}; ${p.answered}${p.covered ? `/${p.covered}` : ''} ${u(p.unit)} answered. If you have not yet, reply ${answerHint(p.options)}.`,
  result: (p) =>
    [
      `📋${p.label}result: ${p.title}`,
      `${p.counts} (${p.answered}${p.covered ? `/${p.covered}` : ''} ${u(p.unit)} answered${p.turnout !== undefined ? `, ${p.turnout}%` : ''})`,
      ...(p.tie ? [`Tie: ${p.tie.join(', ')}`] : p.leader ? [`Most votes: ${p.leader}`] : []),
      p.threshold
        ? `Needed ${p.threshold} → ${p.met ? '✅ passed' : `not passed${p.short ? ` (${p.short} short)` : ''}`}`
        : '(no threshold set)',
      ...(p.pending ? [`${p.pending} answer(s) from unconfirmed households were not counted.`] : []),
      'Thank you, neighbours!',
    ].join('\n'),
  resultForCommittee: (p) => `Send "/votes ${p.no}" to get each household's answer privately.`,
  needConsultNo: (p) => `Please give the consultation's number, e.g. ${p.example}`,
  consultListHead: () => '📋 Consultations and polls:',
  consultListEmpty: () => '📋 No consultations or polls yet.',
  consultListLine: (p) =>
    `${p.label}${p.title} · ${p.open ? `open, closes ${p.deadline}` : `closed${p.met === true ? ' ✅ passed' : p.met === false ? ' not passed' : ''}`}`,
  voteListHead: (p) =>
    `📋${p.label}${p.title}: ${p.answered} answered${p.silent ? `, ${p.silent} households not yet` : ''} (copy into a spreadsheet to archive)`,
  voteListColumns: () => ({
    household: 'household',
    answer: 'answer',
    by: 'answered by',
    at: 'time',
    changes: 'changes',
    counted: 'counted',
    yes: 'yes',
    pendingConfirm: 'not confirmed',
    none: 'no answer',
  }),
  decisionSummary: (p) =>
    p.leader && p.adopted ? `${p.label}chose "${p.leader}"` : `${p.label}${p.adopted ? 'passed' : 'not passed'}`,
  decidedGoesOn: (p) => `📋 #${p.no} decided: ${p.summary}. ${p.name ? `${p.name} carries on.` : 'Work goes on.'}`,
  decidedForClaimant: (p) => `📋 #${p.no} decided: ${p.summary}. Please carry on; progress with "/note ${p.no} …".`,
  decidedToVolunteers: (p) => `📋 #${p.no} decided: ${p.summary}. Volunteers are being asked to do it.`,
  decidedNotAdopted: (p) => `📋 #${p.no} decided: ${p.summary}; it will not be done for now.\n`,

  deliberating: (p) =>
    `📋 #${p.no} needs a decision together: it went to the committee. The result will be posted here.`,
  deliberatingCommittee: (p) =>
    `📋 #${p.no} for deliberation (${p.place}): ${p.text}\nOpen a consultation with "#${p.no}" in it to let residents decide.`,
  deliberatingClaimant: (p) => `📋 #${p.no} went to deliberation: wait for the decision; you will be told.`,

  noticeLabel: (label, no) => `【${label === '通知' ? 'Notice' : 'Public notice'} ${no}】`,
  noticeHow: () =>
    "/notice 9幢 pin Lift replacement (first line the title, the lines below the text; no building = every residents' group)",
  noticePost: (p) => `📌${p.label}${p.title}${p.body ? `\n${p.body}` : ''}`,
  noticePosted: (p) =>
    `✅ ${p.label}posted to ${p.groups}.${p.pinned ? ' Pinning asked: on Telegram the bot must be an admin to pin; WeChat does not let a bot pin (set it as the group notice by hand).' : ''}`,
  noticeTouches: (p) =>
    `🤝${p.label}${p.title}: households with needs are affected —\n${p.counts}\nVolunteers, please keep an eye out; staff can see details with /needslist.`,
  unknownNotice: (p) => `No notice number ${p.no}. Send "/notice list".`,
  noticeUpdateHow: (p) =>
    `Append: /notice ${p.no} works demolition done today; /notice ${p.no} funds spent 12,800元 materials`,
  updateKind: (k) => ({ 施工动态: 'Works', 资金流向: 'Funds', 更新: 'Update' })[k] ?? k,
  noticeUpdate: (p) =>
    `📌${p.label}${p.title} · ${p.kind}: ${p.text}${p.totals ? `\nSo far: in ${p.totals.income} · out ${p.totals.spent} · balance ${p.totals.balance}` : ''}`,
  noticeMeta: (p) => `(posted ${p.at} to ${p.places})`,
  noticeUpdateLine: (p) => `· ${p.at} ${p.kind}: ${p.text}`,
  fundTotals: (p) => `Funds so far: in ${p.income} · out ${p.spent} · balance ${p.balance}`,
  noticeListEmpty: () => '📌 No notices yet.',
  noticeListHead: (p) => `📌 Notices (latest ${p.count}):`,
  noticeListLine: (p) => `${p.label}${p.title} (${p.at} · ${p.places}${p.updates ? ` · ${p.updates} updates` : ''})`,
  noticeListFoot: () => 'Send "/notice 3" for the full text.',
}

export const consultHelpEn: typeof consultHelpZh = {
  register: '/register 9幢2单元301 — register your household (one answer per household in consultations)',
  vote: 'yes / no / 2 — answer the consultation open in your group (or /vote 1 yes)',
  notice:
    '/notice list · /notice 3 — read notices (committee: /notice 9幢 pin Title to post, /notice 3 funds … to append)',
  needs: "/needs 9幢2单元301 独居 高龄 — record a household's needs (staff only see them)",
  needslist: '/needslist [9幢] — the needs list, privately',
  confirm: '/confirm [name|all] — confirm registered households',
  import: '/import — send a roster privately (room,names,needs,notes)',
  deliberate: '/deliberate 12 — this needs a decision first',
  consult:
    '/consult Title scope: 9幢 threshold: all 77% deadline: 3d — a household consultation; /consult 3 for progress',
  poll: '/poll Title options: A, B deadline: 3d — a poll',
  close: '/close 3 — close a consultation now and post the result',
  votes: "/votes 3 — each household's answer, privately (for the archive)",
}
