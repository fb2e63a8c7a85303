// Step 4 of a message's path: each command's handler, keyed by the command table's names. The mapped
// type makes a command without a handler a compile error (tests/app/registry.test.ts shows it).
import type { Command, CommandName } from '../domain/commands.js'
import * as admin from './admin.js'
import * as cases from './cases.js'
import type { Ctx, Plan } from './context.js'
import type { Store } from './ports.js'
import * as queries from './queries.js'

/** Reads first, then returns the writes as a Plan for the unit of work (or replies and returns nothing). */
export type Handler = (store: Store, ctx: Ctx, cmd: Command) => Promise<Plan | void> | Plan | void

export interface Entry {
  run: Handler
  /** who is who changes (a binding, a shift, a duty switch): the directory is read afresh after it */
  changesDirectory?: true
}

export type Registry = { readonly [K in CommandName]: Entry }

export const registry: Registry = {
  ring: { run: cases.ring },
  help: { run: (_s, ctx) => queries.help(ctx) },
  status: { run: queries.status },
  add: { run: cases.add },
  verify: { run: cases.verify },
  cancel: { run: cases.cancel },
  same: { run: cases.same },
  claim: { run: cases.claim },
  note: { run: cases.note },
  done: { run: cases.done },
  release: { run: cases.release },
  onduty: { run: (_s, ctx) => admin.onduty(ctx, true), changesDirectory: true },
  offduty: { run: (_s, ctx) => admin.onduty(ctx, false), changesDirectory: true },
  mine: { run: (store, ctx) => queries.mine(store, ctx) },
  myshifts: { run: (_s, ctx) => admin.myshifts(ctx) },
  assign: { run: cases.assign },
  list: { run: queries.list },
  stats: { run: queries.stats },
  rota: { run: (_s, ctx, cmd) => admin.rota(ctx, cmd), changesDirectory: true },
  bind: { run: (_s, ctx, cmd) => admin.bind(ctx, cmd), changesDirectory: true },
}
