// One file is the source of a community's setup (DESIGN §9). Validated at start; errors name the field.
import { z } from 'zod'
import { durationPattern } from '../domain/duration.js'
import { groupRoles, roleNames } from '../domain/roles.js'
import { defaultFollowUps, defaultLadder, rungTargets } from '../domain/settings.js'

const duration = z.string().regex(durationPattern, '写成 15m、2h、3d 这样的时长 / a duration like 15m, 2h, 3d')
const platformIds = {
  console: z.string().optional(),
  telegram: z.union([z.string(), z.number()]).transform(String).optional(),
  wechat: z.string().optional(),
}

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
  })
  .strict()

export type CommunityConfig = z.infer<typeof configSchema>
export type GroupConfig = z.infer<typeof groupSchema>
export type PersonConfig = z.infer<typeof personSchema>
