// Step 4 of a message's path: each command's handler, keyed by the command table's names. The mapped
// type makes a command without a handler a compile error (tests/app/registry.test.ts shows it).
import type { Command, CommandName } from '../domain/commands.js'
import type { Accounts } from './accounts.js'
import * as admin from './admin.js'
import * as cases from './cases.js'
import * as consultations from './consultations.js'
import { deliberate } from './deliberation.js'
import * as households from './households.js'
import * as incident from './incident.js'
import { notice } from './notices.js'
import type { Ctx, Plan } from './context.js'
import type { RenderChart, Store } from './ports.js'
import * as queries from './queries.js'
import * as rings from './ring.js'
import { said } from './said.js'
import { hazard } from './hazard.js'
import * as urgent from './urgent-cases.js'
import * as triage from './triage.js'
import { report } from './digests.js'
import { exportCases } from './export.js'

/** Reads first, then returns the writes as a Plan for the unit of work (or replies and returns nothing). */
export type Handler = (ctx: Ctx, cmd: Command) => Promise<Plan | void> | Plan | void

export interface Entry {
  run: Handler
  /** who is who changes (a binding, a shift, a duty switch): the directory is read afresh after it */
  changesDirectory?: true
}

export type Registry = { readonly [K in CommandName]: Entry }

/** What handlers reach beyond the message: the store, and the app's own services. */
export interface RegistryDeps {
  store: Store
  accounts: Accounts
  /** draws 统计 图's PNG (src/chart/render.ts); absent, the chart is not offered */
  renderChart?: RenderChart
}

export function commandRegistry({ store, accounts, renderChart }: RegistryDeps): Registry {
  return {
    ring: { run: (ctx, cmd) => rings.ring(store, ctx, cmd) },
    help: { run: (ctx) => queries.help(ctx) },
    status: { run: (ctx, cmd) => queries.status(store, ctx, cmd) },
    add: { run: (ctx, cmd) => cases.add(store, ctx, cmd) },
    verify: { run: (ctx, cmd) => cases.verify(store, ctx, cmd) },
    cancel: { run: (ctx, cmd) => cases.cancel(store, ctx, cmd) },
    same: { run: (ctx, cmd) => cases.same(store, ctx, cmd) },
    again: { run: (ctx, cmd) => rings.again(store, ctx, cmd) },
    claim: { run: (ctx, cmd) => cases.claim(store, ctx, cmd) },
    note: { run: (ctx, cmd) => cases.note(store, ctx, cmd) },
    done: { run: (ctx, cmd) => cases.done(store, ctx, cmd) },
    release: { run: (ctx, cmd) => cases.release(store, ctx, cmd) },
    arrive: { run: (ctx, cmd) => urgent.arrive(store, ctx, cmd) },
    downgrade: { run: (ctx, cmd) => urgent.downgrade(store, ctx, cmd) },
    onduty: { run: (ctx) => admin.onduty(ctx, true), changesDirectory: true },
    offduty: { run: (ctx) => admin.onduty(ctx, false), changesDirectory: true },
    mine: { run: (ctx) => queries.mine(store, ctx) },
    myshifts: { run: (ctx) => admin.myshifts(ctx) },
    assign: { run: (ctx, cmd) => cases.assign(store, ctx, cmd) },
    split: { run: (ctx, cmd) => incident.split(store, ctx, cmd) },
    merge: { run: (ctx, cmd) => incident.merge(store, ctx, cmd) },
    accept: { run: (ctx, cmd) => triage.accept(store, ctx, cmd) },
    decline: { run: (ctx, cmd) => triage.decline(store, ctx, cmd) },
    refer: { run: (ctx, cmd) => triage.refer(store, ctx, cmd) },
    referral: { run: (ctx, cmd) => triage.referral(store, ctx, cmd) },
    list: { run: (ctx, cmd) => queries.list(store, ctx, cmd) },
    stats: { run: (ctx, cmd) => queries.stats(store, ctx, cmd, renderChart) },
    report: { run: (ctx) => report(store, ctx) },
    export: { run: (ctx, cmd) => exportCases(store, ctx, cmd) },
    history: { run: (ctx, cmd) => queries.history(store, ctx, cmd) },
    rota: { run: (ctx, cmd) => admin.rota(ctx, cmd), changesDirectory: true },
    bind: { run: (ctx, cmd) => admin.bind(ctx, cmd), changesDirectory: true },
    bindcode: { run: (ctx, cmd) => accounts.bindcode(ctx, cmd), changesDirectory: true },
    register: { run: (ctx, cmd) => households.register(store, ctx, cmd) },
    confirm: { run: (ctx, cmd) => households.confirm(store, ctx, cmd) },
    import: { run: (ctx, cmd) => households.importRoster(store, ctx, cmd) },
    needs: { run: (ctx, cmd) => households.needs(store, ctx, cmd) },
    needslist: { run: (ctx, cmd) => households.needsList(store, ctx, cmd) },
    consult: { run: (ctx, cmd) => consultations.open(store, ctx, cmd, 'consult') },
    poll: { run: (ctx, cmd) => consultations.open(store, ctx, cmd, 'poll') },
    vote: { run: (ctx, cmd) => consultations.vote(store, ctx, cmd) },
    close: { run: (ctx, cmd) => consultations.close(store, ctx, cmd) },
    votes: { run: (ctx, cmd) => consultations.votes(store, ctx, cmd) },
    deliberate: { run: (ctx, cmd) => deliberate(store, ctx, cmd) },
    notice: { run: (ctx, cmd) => notice(store, ctx, cmd) },
    howto: { run: (ctx) => queries.howto(ctx) },
    said: { run: (ctx, cmd) => said(store, ctx, cmd) },
    hazard: { run: (ctx, cmd) => hazard(store, ctx, cmd) },
  }
}
