// One file is the source of a community's setup (DESIGN §9). Validated at start; errors name the field.
import { z } from 'zod'

const duration = z.string().regex(/^\d+(ms|[smhd])$/, '写成 15m、2h、3d 这样的时长 / a duration like 15m, 2h, 3d')
const platformIds = {
  console: z.string().optional(),
  telegram: z.union([z.string(), z.number()]).transform(String).optional(),
  wechat: z.string().optional(),
}

export const roleNames = ['resident', 'volunteer', 'staff', 'committee', 'admin'] as const
export const groupRoles = ['residents', 'volunteers', 'committee'] as const
export const rungTargets = ['skill', 'all', 'staff', 'committee'] as const

export const groupSchema = z
  .object({
    name: z.string().min(1),
    role: z.enum(groupRoles),
    places: z.array(z.string()).default([]),
    ...platformIds,
  })
  .strict()

export const personSchema = z
  .object({
    name: z.string().min(1),
    roles: z.array(z.enum(roleNames)).default(['resident']),
    skills: z.array(z.string()).default([]),
    places: z.array(z.string()).default([]),
    shifts: z.array(z.string()).default([]),
    maxOpen: z.number().int().positive().default(5),
    locale: z.enum(['zh-CN', 'en']).optional(),
    ...platformIds,
  })
  .strict()

/** One person ringing too often (issue 8): the defaults fit residents who ring a few times a week. */
export const floodDefaults = {
  rings: 3,
  window: '10m',
  repeatWithin: '24h',
  holdMax: '1h',
  replies: 5,
  batchEscalations: '5m',
} as const
export const floodSchema = z
  .object({
    rings: z.number().int().positive().default(floodDefaults.rings),
    window: duration.default(floodDefaults.window),
    repeatWithin: duration.default(floodDefaults.repeatWithin),
    holdMax: duration.default(floodDefaults.holdMax),
    replies: z.number().int().positive().default(floodDefaults.replies),
    batchEscalations: duration.default(floodDefaults.batchEscalations),
  })
  .strict()

export const configSchema = z
  .object({
    community: z.string().min(1),
    timezone: z.string().default('Asia/Shanghai'),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    places: z.array(z.string().min(1)).min(1),
    categories: z.record(z.string(), z.array(z.string())).default({}),
    groups: z.array(groupSchema).default([]),
    people: z.array(personSchema).default([]),
    admins: z.object(platformIds).partial().optional(),
    escalation: z.array(z.object({ after: duration, to: z.enum(rungTargets) }).strict()).default([
      { after: '15m', to: 'skill' },
      { after: '30m', to: 'staff' },
      { after: '60m', to: 'committee' },
    ]),
    timers: z
      .object({
        remindClaimerAfter: duration.default('24h'),
        tellStaffAfter: duration.default('48h'),
        remindVerifyAfter: duration.default('72h'),
        autoCloseAfter: duration.default('96h'),
      })
      .strict()
      .default({ remindClaimerAfter: '24h', tellStaffAfter: '48h', remindVerifyAfter: '72h', autoCloseAfter: '96h' }),
    flood: floodSchema.default(floodDefaults),
  })
  .strict()

export type CommunityConfig = z.infer<typeof configSchema>
export type GroupConfig = z.infer<typeof groupSchema>
export type PersonConfig = z.infer<typeof personSchema>
export type Role = (typeof roleNames)[number]
export type GroupRole = (typeof groupRoles)[number]
export type FloodConfig = z.infer<typeof floodSchema>
export type RungTarget = (typeof rungTargets)[number]

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
export function parseDuration(s: string): number {
  const m = /^(\d+)(ms|[smhd])$/.exec(s)
  if (!m) throw new Error(`bad duration ${s}`)
  return Number(m[1]) * unitMs[m[2] as keyof typeof unitMs]
}
