// Message → what the grammar needs. The bot's own mention is not part of what the person said.
import type { IncomingMessage, Segment, UserRef } from './types.js'
import type { ParseInput } from '../domain/commands.js'

export const isSelfMention = (s: Segment, self: UserRef): boolean =>
  s.type === 'mention' && ((s.userId !== undefined && s.userId === self.id) || s.name === self.name)

/** Only a quote of the bot's own message can stand in for a case number: quoting a neighbour is conversation. */
export const quotesBot = (m: IncomingMessage, self: UserRef): boolean =>
  m.replyTo !== undefined && m.replyTo.senderId === self.id

export function parseInputOf(m: IncomingMessage, self: UserRef): ParseInput {
  const mentionsSelf = m.mentionsSelf || m.content.some((s) => isSelfMention(s, self))
  const text = m.content
    .filter((s) => !isSelfMention(s, self))
    .map((s) => (s.type === 'text' ? s.text : `@${s.name}`))
    .join('')
  return {
    text,
    // In a direct message everything is addressed to the bot; in a group only an @mention is.
    addressed: mentionsSelf && m.conversation.kind === 'group',
    quoting: quotesBot(m, self),
    botUsername: self.name,
    direct: m.conversation.kind === 'direct',
  }
}
