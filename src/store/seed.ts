// Loads a community file into the database. Safe to run at every start: it creates what is missing and
// refreshes what the file owns (roles, skills, places), but never removes what chat commands added
// (bound groups, shifts managed with 排班, duty switches).
import type { CommunityConfig } from '../config/schema.js'
import type { Db } from './db.js'
import { fromJson, toJson } from './json.js'

/** `peopleByName`: platforms whose user ids are display names anyone can take (adapters/platforms.ts). */
export async function applyConfig(db: Db, cfg: CommunityConfig, peopleByName: readonly string[] = []): Promise<number> {
  const settings = toJson({
    categories: cfg.categories,
    escalation: cfg.escalation,
    timers: cfg.timers,
    flood: cfg.flood,
    consult: cfg.consult,
    phrasing: cfg.phrasing,
    triage: cfg.triage,
    digest: cfg.digest,
    urgency: cfg.urgency,
  })
  const community = await db.community.upsert({
    where: { name: cfg.community },
    create: { name: cfg.community, timezone: cfg.timezone, locale: cfg.locale, settings },
    update: { timezone: cfg.timezone, locale: cfg.locale, settings },
  })
  const communityId = community.id
  for (const path of cfg.places) {
    await db.place.upsert({
      where: { communityId_path: { communityId, path } },
      create: { communityId, path },
      update: {},
    })
  }
  for (const g of cfg.groups) {
    const group = await db.group.upsert({
      where: { communityId_name: { communityId, name: g.name } },
      create: { communityId, name: g.name, role: g.role, places: toJson(g.places) },
      update: { role: g.role, places: toJson(g.places) },
    })
    // The console names chats by the group's name, so the demo needs no ids at all.
    for (const [platform, chatId] of Object.entries({ console: g.name, ...g.ids })) {
      await db.groupChat.upsert({
        where: { platform_chatId: { platform, chatId } },
        create: { groupId: group.id, platform, chatId },
        update: { groupId: group.id },
      })
    }
  }
  for (const p of cfg.people) {
    let existing = await db.person.findUnique({ where: { communityId_name: { communityId, name: p.name } } })
    if (existing?.autoRegistered) {
      // Someone wrote under this display name before the file listed the real person: that account is
      // not them. It keeps its own record under another name; the file's person starts clean.
      await db.person.update({ where: { id: existing.id }, data: { name: `${p.name}·${existing.id}` } })
      existing = null
    }
    const person = existing
      ? await db.person.update({
          where: { id: existing.id },
          data: { roles: toJson(p.roles), locale: p.locale ?? null },
        })
      : await db.person.create({
          data: { communityId, name: p.name, roles: toJson(p.roles), locale: p.locale ?? null },
        })
    for (const [platform, userId] of Object.entries({ console: p.name, ...p.ids })) {
      // On a platform that knows people by display name (WeChat), which anyone can take, the file's value
      // is only a hint for a resident: volunteers, staff, committee and admins are linked by a one-time
      // code (绑定码).
      const byName = peopleByName.includes(platform)
      if (byName && privileged(p.roles)) continue
      await db.identity.upsert({
        where: { platform_userId: { platform, userId } },
        create: { personId: person.id, platform, userId, name: p.name, byName },
        update: { personId: person.id, byName },
      })
    }
    if (p.roles.includes('volunteer')) {
      const data = { skills: toJson(p.skills), places: toJson(p.places), maxOpen: p.maxOpen }
      const had = await db.volunteer.findUnique({ where: { personId: person.id } })
      if (had) await db.volunteer.update({ where: { personId: person.id }, data })
      else {
        await db.volunteer.create({ data: { personId: person.id, ...data } })
        // Shifts come from the file once; after that 排班 in chat owns them.
        if (p.shifts.length)
          await db.shift.createMany({ data: p.shifts.map((spec) => ({ volunteerId: person.id, spec })) })
      }
    }
  }
  await dropNameIdentitiesOfPrivileged(db, communityId)
  // The file may have changed who is who: every process reads its directory again.
  await db.community.update({
    where: { id: communityId },
    data: { directoryVersion: { increment: 1 }, groupsVersion: { increment: 1 } },
  })
  return communityId
}

const privileged = (roles: readonly string[]) => roles.some((r) => r !== 'resident')

/**
 * A display name must not reach a person with more than a resident's rights — nor their direct
 * messages, which carry residents' phone numbers. Such links come from earlier versions (every WeChat
 * identity was a name) or from a resident the file has since made a volunteer; they go at every start.
 */
async function dropNameIdentitiesOfPrivileged(db: Db, communityId: number): Promise<void> {
  const named = await db.identity.findMany({
    where: { byName: true, person: { communityId } },
    select: { id: true, person: { select: { roles: true } } },
  })
  const ids = named.filter((i) => privileged(fromJson<string[]>(i.person.roles, []))).map((i) => i.id)
  if (ids.length) await db.identity.deleteMany({ where: { id: { in: ids } } })
}
