// A phone number given after the ring (补充 1 忘了留电话：138…, or a number sent to the bot privately)
// becomes the case's contact and reaches whoever has the case in a private message; every group only
// ever sees it masked (issue 10).
import type { IncomingMessage } from '../chat/types.js'
import type { Ctx } from './context.js'
import type { CaseRow, Tx } from './ports.js'

/**
 * What the person typed, numbers and all. The copy of a command's text a handler gets is masked
 * (message.ts), so the number a resident leaves later is read from here, and kept nowhere but the case.
 */
export const typedText = (m: IncomingMessage): string =>
  m.content.map((s) => (s.type === 'text' ? s.text : ' ')).join('')

/** The case's contact from now on; its claimer, if any, gets it directly (the one unmasked post). */
export async function saveContact(tx: Tx, ctx: Ctx, c: CaseRow, contact: string): Promise<void> {
  await tx.setContact(c.id, contact)
  // The audit log says a contact came, not what it is: the number lives on the case alone.
  await tx.addEvent(c.id, ctx.me.id, 'contact', {}, ctx.now)
  if (c.claimantId !== null)
    ctx.toPerson(
      c.claimantId,
      [ctx.groupT.contactLater({ no: c.number, reporter: ctx.person(c.reporterId)?.name ?? '?', contact })],
      { caseId: c.id, purpose: 'contact', private: true },
    )
}
