// Who is who in a community, and the one table of who may do what. The gate (src/app/gate.ts) and the
// case state machine (case.ts) both read `mayAct`, so "a volunteer may claim" is written once.

export const roleNames = ['resident', 'volunteer', 'staff', 'committee', 'admin'] as const
export type Role = (typeof roleNames)[number]

export const groupRoles = ['residents', 'volunteers', 'committee'] as const
export type GroupRole = (typeof groupRoles)[number]

/** Who a command is for: a role, or `reporter` (the person who rang, checked against the case itself). */
export type Who = 'anyone' | 'reporter' | 'volunteer' | 'staff' | 'committee' | 'admin'

/** The roles that may act as each kind of actor. Staff stand in for volunteers; admins for staff. */
export const mayAct: Record<Exclude<Who, 'anyone' | 'reporter'>, readonly Role[]> = {
  volunteer: ['volunteer', 'staff'],
  staff: ['staff', 'admin'],
  committee: ['committee', 'staff', 'admin'],
  admin: ['admin'],
}

/** Whether someone with these roles may act as `who`. Anyone may ring; whether they rang is the case's to say. */
export const can = (roles: readonly Role[], who: Who): boolean =>
  who === 'anyone' || who === 'reporter' || mayAct[who].some((r) => roles.includes(r))
