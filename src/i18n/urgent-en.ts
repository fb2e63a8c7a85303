// English: urgent rings (issue 11) — safety advice, hotlines, the fast ladder, 到场, 不紧急, the slow
// reminder. Merged into en.ts.
import type { urgentHelpZh, urgentZh } from './urgent-zh-CN.js'

const minutes = (ms: number): string => {
  const m = Math.max(1, Math.round(ms / 60_000))
  if (m < 60) return `${m} min`
  if (m < 48 * 60) return `${Number((m / 60).toFixed(m < 600 ? 1 : 0))} h`
  return `${Math.round(m / 1440)} d`
}

const className: Record<string, string> = {
  gas: 'Gas leak',
  lift: 'Trapped in the lift',
  fire: 'Fire or smoke',
  person: 'Someone down',
  electric: 'Electric hazard',
  water: 'Burst pipe',
  urgent: 'Emergency',
}

const advice: Record<string, string[]> = {
  gas: [
    'Do not switch lights or appliances on or off, no flames, no phone calls inside',
    'Open doors and windows, shut the gas valve, and get everyone outside',
  ],
  lift: [
    'Tell the people inside: do not force the doors, press the alarm button',
    'Call the rescue number posted in the lift and stay on the line',
  ],
  fire: [
    'Get out by the stairs, never the lift',
    'Cover nose and mouth with a wet cloth and keep low; use an extinguisher only on a small fire',
  ],
  person: [
    'Do not move them; check they are breathing and answer',
    'Call 120 now, stay with them, open the door for help',
  ],
  electric: ['Do not touch the person or the wire; switch off the mains first', 'Push a live wire away with dry wood'],
  water: ['Shut the main water valve', 'Unplug what is on the floor and lift things up; keep clear of wires in water'],
  urgent: ['Keep everyone safe first; in danger, call the numbers below'],
}

const hotlineName: Record<string, string> = {
  fire: 'Fire',
  police: 'Police',
  ambulance: 'Ambulance',
  gas: 'Gas emergency',
  lift: 'Lift rescue',
  power: 'Power emergency',
  property: 'Property desk',
}

type Line = { no: number; name: string; category: string; place: string; text: string }

const orDash = (ms: number | undefined) => (ms === undefined ? '—' : minutes(ms))

export const urgentEn: typeof urgentZh = {
  urgencyName: (key) => className[key] ?? key,
  urgencyAdvice: (key) => advice[key] ?? advice.urgent!,
  urgencyOrdinary: () => 'ordinary',
  hotlineName: (key) => hotlineName[key] ?? key,
  urgentAckHead: (p) => `🚨 #${p.no} ${p.name}!${p.advice.map((a) => `\n⚠️ ${a}`).join('')}\n☎️ `,
  hazardHeadsUp: (p) => `⚠️ If there really is a ${p.name}:${p.advice.map((a) => `\n⚠️ ${a}`).join('')}\n☎️ `,
  hazardHowToRing: (p) =>
    `\nTo get a volunteer over now, reply "/ring" within ${p.within}; or send "/ring" with where it is, e.g. /ring ${p.example}`,
  urgentAckTail: (p) =>
    `\nNoted (${p.place}). Volunteers${p.staff ? ` and ${p.staff}` : ''} have been told at once; you will hear ${p.privately ? 'here' : 'in the group'} when someone takes it.`,
  urgentPing: (p: Line) =>
    `🚨 #${p.no} URGENT · ${p.name} ${p.category}·${p.place}: ${p.text}\nIf you can go, reply /claim ${p.no} now`,
  urgentPingAgain: (p) =>
    `🚨 #${p.no} URGENT · ${p.name}, nobody yet after ${minutes(p.waited)} ${p.category}·${p.place}: ${p.text}\nIf you can go, reply /claim ${p.no} now`,
  urgentForStaff: (p) =>
    `🚨 #${p.no} URGENT · ${p.name} ${p.category}·${p.place}: ${p.text}\nEvery volunteer who can go has been told. Please arrange someone now (/assign ${p.no} @volunteer), or call the hotline.`,
  urgentStaffAgain: (p) =>
    `🚨 #${p.no} URGENT · ${p.name}, nobody yet after ${minutes(p.waited)} ${p.category}·${p.place}: ${p.text}\nPlease arrange someone now (/assign ${p.no} @volunteer) or go yourself.`,
  urgentForCommittee: (p) =>
    `🚨 #${p.no} URGENT · ${p.name} ${p.category}·${p.place}: ${p.text}\nVolunteers and staff have been told.`,
  urgentStillLooking: (p) =>
    `⏰ #${p.no} still looking: every volunteer and ${p.staff} told again. In danger, call the hotline.`,
  urgentNeeds: (p) => `\n🤝 This household is on the special-needs list: ${p.needs}`,
  urgentClaimed: (p) => `✅ #${p.no} taken by ${p.name}, on the way.`,
  urgentClaimerAsk: (p) => `#${p.no} is urgent: please go now, and reply /arrive ${p.no} when you are there.`,
  arrived: (p) => `📍 #${p.no} ${p.name} is there.`,
  arrivedAgain: (p) => `#${p.no}: your arrival is already noted.`,
  notUrgent: (p) => `#${p.no} is not marked urgent.`,
  downgraded: (p) => `#${p.no}: staff checked, it is not an emergency; handled as an ordinary request.`,
  downgradedOk: (p) => `OK, #${p.no} is handled as an ordinary request, no more urgent calls.`,
  stillWaiting: (p) =>
    `⏰ #${p.no} ${p.category}·${p.place}: ${p.text}\nWaiting ${minutes(p.waited)} with nobody on it. Please arrange someone (/assign ${p.no} @volunteer)`,

  urgentCsvHeaders: () => ({ urgency: 'Urgent', arrivedAt: 'Arrived at', arriveMinutes: 'Minutes to arrive' }),
  urgencyDowngraded: (p) => `not urgent (rung as ${p.name})`,
  digestUrgentLine: (p) =>
    `🚨 #${p.no} ${p.name} · ${p.place} ${p.text} (${p.status}${p.claimant ? ` · ${p.claimant}` : ''}${
      p.arrivedAfter !== undefined
        ? `, there after ${minutes(p.arrivedAfter)}`
        : p.waited !== undefined
          ? `, waiting ${minutes(p.waited)}`
          : p.notArrived
            ? ', nobody has said /arrive'
            : ''
    })`,
  digestUrgentFigures: (p) =>
    `urgent ${p.count} · time to claim: median ${orDash(p.claimMedian)} · to arrive: median ${orDash(p.arriveMedian)}`,
}

export const urgentEventsEn: Record<string, (p: Record<string, unknown>) => string> = {
  arrived: (p) => (typeof p.after === 'number' ? `arrived (${minutes(p.after)} after the ring)` : 'arrived'),
  downgraded: (p) => `not urgent${typeof p.wasName === 'string' ? ` (rung as ${p.wasName})` : ''}: handled as ordinary`,
}

export const urgentHelpEn: typeof urgentHelpZh = {
  arrive: '/arrive 12 — urgent case: say you are there',
  downgrade: '/downgrade 12 — not an emergency: handle it as ordinary',
}
