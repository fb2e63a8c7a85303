// One file is the source of a community's setup (DESIGN §9). Validated at start; errors name the field.
import { z } from 'zod'
import { durationPattern } from '../domain/duration.js'
import { groupRoles, roleNames } from '../domain/roles.js'
import { incidentScopes } from '../domain/incident.js'
import {
  clockPattern,
  defaultConsult,
  defaultDigest,
  defaultFlood,
  defaultFollowUps,
  defaultLadder,
  defaultPhrasing,
  defaultTriage,
  readWeekly,
  rungTargets,
  triageModes,
} from '../domain/settings.js'
import { defaultUrgency, defaultUrgencyClasses, type UrgencyClass } from '../domain/urgency.js'

const duration = z.string().regex(durationPattern, '写成 15m、2h、3d 这样的时长 / a duration like 15m, 2h, 3d')
const clock = z
  .string()
  .transform((s) => s.padStart(5, '0'))
  .pipe(z.string().regex(clockPattern, '写成 20:00 这样的时间 / a time like 20:00'))
const off = z.union([z.literal(false), z.literal('off'), z.literal('关')]).transform(() => undefined)

/** `triage: staff`, or in full `triage: { mode: staff, remind: [30m, 2h], referralRemindAfter: 3d }`. */
const triage = z
  .union([
    z.enum(triageModes).transform((mode) => ({ ...defaultTriage, mode })),
    z
      .object({
        mode: z.enum(triageModes).default(defaultTriage.mode),
        remind: z.array(duration).default(defaultTriage.remind),
        referralRemindAfter: duration.default(defaultTriage.referralRemindAfter),
      })
      .strict(),
  ])
  .default(defaultTriage)

/**
 * `urgency:` (issue 11). `classes` changes the built-in ones by key (gas, lift, fire, person, electric,
 * water: only what is written changes; `words: []` turns one off) and adds new ones; `hotlines` sets the
 * numbers (gas and lift are local: set them).
 */
const urgencyClass = z
  .object({
    key: z.string().min(1),
    name: z.string().min(1).optional(),
    words: z.array(z.string().min(1)).optional(),
    together: z.array(z.array(z.string().min(1)).min(1)).optional(),
    unless: z.array(z.string().min(1)).optional(),
    skills: z.array(z.string()).optional(),
    advice: z.array(z.string().min(1)).optional(),
    hotlines: z.array(z.string().min(1)).optional(),
    shared: z.boolean().optional(),
  })
  .strict()
const urgency = z
  .object({
    classes: z.array(urgencyClass).default([]),
    marks: z.array(z.string().min(1)).default(defaultUrgency.marks),
    hotlines: z.record(z.string(), z.string()).default({}),
    markedHotlines: z.array(z.string().min(1)).default(defaultUrgency.markedHotlines),
    ladder: z
      .object({
        repingEvery: duration.default(defaultUrgency.ladder.repingEvery),
        until: duration.default(defaultUrgency.ladder.until),
        staffAt: z.array(duration).default(defaultUrgency.ladder.staffAt),
      })
      .strict()
      .default(defaultUrgency.ladder),
    stillWaitingEvery: duration.default(defaultUrgency.stillWaitingEvery),
  })
  .strict()
  .prefault({})
  .transform((u) => {
    const given = new Map(u.classes.map((c) => [c.key, c]))
    // `words: []` turns a built-in class off: its words said together go with them, unless given anew.
    const merged = (d: UrgencyClass): UrgencyClass => {
      const g = given.get(d.key)
      const off = g?.words?.length === 0 && g.together === undefined
      return { ...d, ...g, ...(off ? { together: [] } : {}) } as UrgencyClass
    }
    const added = u.classes
      .filter((c) => !defaultUrgencyClasses.some((d) => d.key === c.key))
      .map((c): UrgencyClass => ({ words: [], skills: [], hotlines: [], ...c }))
    return {
      ...u,
      classes: [...defaultUrgencyClasses.map(merged), ...added],
      hotlines: { ...defaultUrgency.hotlines, ...u.hotlines },
    }
  })

/** `digest: { daily: "20:00", weekly: "周一 08:30", overdueAfter: 3d }`; each may be off. */
const digest = z
  .object({
    daily: z.union([clock, off]).optional(),
    weekly: z
      .union([
        z.string().transform((s, ctx) => {
          const w = readWeekly(s)
          if (!w) ctx.addIssue({ code: 'custom', message: '写成「周一 08:30」/ like "Mon 08:30"' })
          return w
        }),
        off,
      ])
      .optional(),
    overdueAfter: duration.default(defaultDigest.overdueAfter),
  })
  .strict()
  .default(defaultDigest)

/**
 * A group or a person may carry an id on each platform the deployment knows, written as a field named
 * after the platform (`telegram: "-100…"`, `wechat: 群名`). The list comes from the composition root
 * (adapters/platforms.ts), so a new platform needs no change here; a misspelt one is an error.
 */
function withIds<S extends z.ZodRawShape>(shape: S, platforms: readonly string[]) {
  const id = z.union([z.string(), z.number()]).transform(String).optional()
  const keys = Object.fromEntries(platforms.map((p) => [p, id]))
  return z
    .object({ ...shape, ...keys })
    .strict()
    .transform((v) => {
      const ids: Record<string, string> = {}
      const rest: Record<string, unknown> = {}
      for (const [k, value] of Object.entries(v)) {
        if (platforms.includes(k) && !(k in shape)) {
          if (value !== undefined) ids[k] = value as string
        } else rest[k] = value
      }
      return { ...(rest as z.output<z.ZodObject<S>>), ids }
    })
}

const groupShape = {
  name: z.string().min(1),
  role: z.enum(groupRoles),
  places: z.array(z.string()).default([]),
}

const personShape = {
  name: z.string().min(1),
  roles: z.array(z.enum(roleNames)).default(['resident']),
  skills: z.array(z.string()).default([]),
  places: z.array(z.string()).default([]),
  shifts: z.array(z.string()).default([]),
  maxOpen: z.number().int().positive().default(5),
  locale: z.enum(['zh-CN', 'en']).optional(),
}

export const configSchema = (platforms: readonly string[]) =>
  z
    .object({
      community: z.string().min(1),
      timezone: z.string().default('Asia/Shanghai'),
      locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
      places: z.array(z.string().min(1)).min(1),
      categories: z.record(z.string(), z.array(z.string())).default({}),
      groups: z.array(withIds(groupShape, platforms)).default([]),
      people: z.array(withIds(personShape, platforms)).default([]),
      escalation: z.array(z.object({ after: duration, to: z.enum(rungTargets) }).strict()).default(defaultLadder),
      timers: z
        .object({
          remindClaimerAfter: duration.default(defaultFollowUps.remindClaimerAfter),
          tellStaffAfter: duration.default(defaultFollowUps.tellStaffAfter),
          remindVerifyAfter: duration.default(defaultFollowUps.remindVerifyAfter),
          autoCloseAfter: duration.default(defaultFollowUps.autoCloseAfter),
        })
        .strict()
        .default(defaultFollowUps),
      flood: z
        .object({
          rings: z.number().int().positive().default(defaultFlood.rings),
          window: duration.default(defaultFlood.window),
          repeatWithin: duration.default(defaultFlood.repeatWithin),
          holdMax: duration.default(defaultFlood.holdMax),
          replies: z.number().int().positive().default(defaultFlood.replies),
          batchEscalations: duration.default(defaultFlood.batchEscalations),
        })
        .strict()
        .default(defaultFlood),
      consult: z
        .object({
          confirmRegistrations: z.boolean().default(defaultConsult.confirmRegistrations),
          deadline: duration.default(defaultConsult.deadline),
          progressEvery: duration.default(defaultConsult.progressEvery),
          remindBefore: duration.default(defaultConsult.remindBefore),
          quietHours: z
            .string()
            .regex(/^(?:\d{1,2}:\d{2}-\d{1,2}:\d{2})?$/, '写成 21:00-08:00 / like 21:00-08:00')
            .default(defaultConsult.quietHours),
        })
        .strict()
        .default(defaultConsult),
      phrasing: z
        .object({
          botAliases: z.array(z.string().min(1)).default(defaultPhrasing.botAliases),
          reopenWithin: duration.default(defaultPhrasing.reopenWithin),
          reasonWithin: duration.default(defaultPhrasing.reasonWithin),
          incidentWindow: duration.default(defaultPhrasing.incidentWindow),
          incidentSimilarity: z.number().min(0).max(1).default(defaultPhrasing.incidentSimilarity),
          incidentScope: z.enum(incidentScopes).default(defaultPhrasing.incidentScope),
          joinIncidents: z.boolean().default(defaultPhrasing.joinIncidents),
          hazardRingWithin: duration.default(defaultPhrasing.hazardRingWithin),
        })
        .strict()
        .default(defaultPhrasing),
      triage,
      digest,
      urgency,
    })
    .strict()

export type CommunityConfig = z.output<ReturnType<typeof configSchema>>
export type GroupConfig = CommunityConfig['groups'][number]
export type PersonConfig = CommunityConfig['people'][number]
