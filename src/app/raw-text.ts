// The words after a command as they were typed, lines kept: a notice's body, the lines under a
// consultation's title, a pasted roster. The grammar reads a message as one line; these need more.
import { textOf } from '../chat/types.js'
import type { Command } from '../domain/commands.js'
import { maskContacts } from '../domain/contact.js'
import { normalize } from '../domain/text.js'
import type { Ctx } from './context.js'

/** Line by line: full-width digits and letters folded, runs of spaces made one, phone numbers masked. */
export function rawArgs(ctx: Ctx, cmd: Command): string {
  const raw = textOf(ctx.msg.content.filter((s) => s.type === 'text'))
  const folded = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => normalize(l))
    .join('\n')
  const lower = folded.toLowerCase()
  const at = lower.indexOf(cmd.alias.toLowerCase())
  if (at < 0) return cmd.text
  let rest = folded.slice(at + cmd.alias.length)
  // /notice@ringbell_bot …
  if (cmd.alias.startsWith('/')) rest = rest.replace(/^@\S*/, '')
  return maskContacts(rest.replace(/^[\s:：,，]+/, '').trim())
}
