// 导出 [period]: the period's cases and what happened to each, as a CSV file in the chat (UTF-8 with a BOM,
// so Excel and WPS open the Chinese right). Phone numbers only for an admin who asks in a private chat:
// everywhere else every column is masked, the file included — files leave the app unmasked otherwise.
import { stringify } from 'csv-stringify/sync'
import type { Command } from '../domain/commands.js'
import { maskContacts } from '../domain/contact.js'
import { localDay, localStamp, type Period } from '../domain/periods.js'
import { shortPlace } from '../domain/classify.js'
import type { Ctx } from './context.js'
import { readExportPeriod, resolvePeriod } from './figures.js'
import type { ExportCase, OutFile, Store } from './ports.js'
import { urgencyWords, withUrgencyWords } from './urgent.js'
import type { UrgencySettings } from '../domain/urgency.js'
import type { Catalogue } from '../i18n/index.js'

const BOM = '\ufeff'

/**
 * The CSV itself: one row per case, its history in the last column. Pure, given the rows. An urgent case
 * (issue 11) says its class in 紧急 (or the class it was rung as, when staff said 不紧急), when someone
 * said 到场 and how many minutes after the ring that was — the figures' time to arrive, case by case.
 */
export function exportCsv(
  cases: ExportCase[],
  o: { t: Catalogue; tz: string; contacts: boolean; urgency: UrgencySettings },
): string {
  const h = { ...o.t.csvHeaders(), ...o.t.urgentCsvHeaders() }
  // Only text with a digit in it can hold a number (ASCII or full-width): the rest is kept as it is.
  const mask = (s: string | null | undefined) => (!s ? '' : /[\d\uFF10-\uFF19]/.test(s) ? maskContacts(s) : s)
  const when = (d: Date | null) => (d ? localStamp(d, o.tz) : '')
  const columns = [
    h.number,
    h.rungAt,
    h.category,
    h.urgency,
    h.building,
    h.place,
    h.text,
    h.reporter,
    ...(o.contacts ? [h.contact] : []),
    h.status,
    h.claimant,
    h.acceptedAt,
    h.claimedAt,
    h.arrivedAt,
    h.arriveMinutes,
    h.resolvedAt,
    h.closedAt,
    h.rating,
    h.supporters,
    h.referredTo,
    h.history,
  ]
  const rows = cases.map((c) => [
    c.number,
    when(c.createdAt),
    c.category,
    urgencyWords(o.t, o.urgency, c),
    shortPlace(c.building) || c.building,
    shortPlace(c.place),
    mask(c.text),
    mask(c.reporter),
    ...(o.contacts ? [c.contact ?? ''] : []),
    o.t.statusName(c.status, c.closeReason),
    mask(c.claimant),
    when(c.acceptedAt),
    when(c.claimedAt),
    when(c.arrivedAt),
    c.arrivedAt ? Math.round((c.arrivedAt.getTime() - c.createdAt.getTime()) / 60_000) : '',
    when(c.resolvedAt),
    when(c.closedAt),
    o.t.satisfiedWord({ satisfied: c.satisfied, rating: c.rating }),
    c.supporters + 1,
    mask(c.referredTo),
    c.events
      .map((e) =>
        o.t.historyLine({
          when: localStamp(e.at, o.tz),
          who: e.actor && mask(e.actor),
          kind: e.kind,
          payload: maskedPayload(withUrgencyWords(o.t, o.urgency, c, e), mask),
        }),
      )
      .join('\n'),
  ])
  // Every text quoted: the history holds line breaks, which a spreadsheet must keep inside the cell.
  // escape_formulas: a cell a resident typed starting with = + - @ (full-width too) gets a leading ',
  // so Excel and WPS show it as text instead of running it as a formula (CSV injection).
  return (
    BOM + stringify([columns, ...rows], { record_delimiter: 'windows', quoted_string: true, escape_formulas: true })
  )
}

/** The texts in an event's payload, masked (its numbers — a rung, a rating — are not phone numbers). */
function maskedPayload(p: Record<string, unknown>, mask: (s: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(p)) out[k] = typeof v === 'string' ? mask(v) : v
  return out
}

export function exportFileName(community: string, p: Period, now: Date, tz: string): string {
  const span = p.first ? (p.first === p.last ? p.first : `${p.first}_${p.last}`) : `all_${localDay(now, tz)}`
  return `${community}-${span}.csv`
}

export async function exportCases(store: Store, ctx: Ctx, cmd: Command): Promise<void> {
  const { dir, now } = ctx
  const spec = readExportPeriod(cmd.text)
  if (spec && 'error' in spec) return ctx.reply([ctx.t.exportUsage({ word: spec.error })])
  const period = resolvePeriod(spec, now, dir, { kind: 'month' })
  const title = ctx.t.periodTitle(period)
  const cases = await store.exportCases(dir.community.id, period.from, period.to)
  if (!cases.length) return ctx.reply([ctx.t.exportEmpty({ title })])
  const direct = ctx.msg.conversation.kind === 'direct'
  const contacts = direct && ctx.me.roles.includes('admin')
  const tz = dir.community.timezone
  const file: OutFile = {
    name: exportFileName(dir.community.name, period, now, tz),
    mime: 'text/csv',
    data: new TextEncoder().encode(
      exportCsv(cases, { t: ctx.t, tz, contacts, urgency: dir.community.settings.urgency }),
    ),
  }
  const caption = [
    ctx.t.exportCaption({ title, count: cases.length, contacts }),
    ...(ctx.me.roles.includes('admin') && !contacts ? [ctx.t.exportNoContacts()] : []),
  ].join('\n')
  if (contacts) ctx.toPerson(ctx.me.id, [caption], { purpose: 'export', private: true, file })
  else ctx.reply([caption], { purpose: 'export', file })
}
