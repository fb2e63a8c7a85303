// Plain answers to a consultation (issue 14). 同意, 反对, 2, 墙绘 are everyday words: the grammar leaves
// them to conversation, and they become a vote only here — said in a residents' group while a
// consultation covering it is open, said privately to the bot while one is open for that resident, or
// said quoting a consultation's announcement. Quoting a neighbour is conversation, always.
import { parseInputOf, quotesBot } from '../chat/router.js'
import type { IncomingMessage, UserRef } from '../chat/types.js'
import type { ParseResult } from '../domain/commands.js'
import { MAX_ANSWER, quotedConsultation, readAnswer } from '../domain/consultation.js'
import { overlaps, withinAny } from '../domain/household.js'
import { hasCjk, normalize } from '../domain/text.js'
import type { Logger } from '../log.js'
import type { ConsultationRow } from './consult-ports.js'
import type { DirectoryCache } from './directory.js'
import type { Store } from './ports.js'
import { groupById } from './directory.js'

/** The alias of a vote bound here rather than typed as 投票: the words were an answer, however plain. */
export const BOUND = '(answer)'

export interface AnswerDeps {
  store: Store
  directory: DirectoryCache
  log?: Logger
}

/** What the grammar could not place, and which a consultation might: chatter, or a DM it did not understand. */
/**
 * Nothing the grammar understood: no reading at all, or privately an unknown word or free words said to
 * the bot (the phrasing's `said`, whose meaning the context gives). A live consultation is such context too,
 * and the nearer one: "同意" to the bot while a consultation waits for this household is its answer.
 */
const undecided = (m: IncomingMessage, parsed: ParseResult): boolean =>
  parsed === undefined ||
  ('name' in parsed && parsed.name === 'said') ||
  (m.conversation.kind === 'direct' && 'error' in parsed && parsed.error === 'unknown_command')

/**
 * The grammar's reading, or — where it found nothing (or, privately, nothing it understood) — a vote on
 * the consultation these words answer. `received` is the message as it came (a quote of a neighbour
 * included), `m` the one the grammar read.
 */
export async function bindAnswer(
  deps: AnswerDeps,
  received: IncomingMessage,
  m: IncomingMessage,
  self: UserRef,
  parsed: ParseResult,
): Promise<ParseResult> {
  if (!undecided(m, parsed)) return parsed
  if (received.replyTo && !quotesBot(received, self)) return parsed
  const text = normalize(parseInputOf(m, self).text)
  // Digits say nothing about a language: only latin words (yes, no) answer in English.
  const locale = !hasCjk(text) && /[a-z]/i.test(text) ? 'en' : 'zh-CN'
  const vote = (no?: number): ParseResult => ({
    name: 'vote',
    alias: BOUND,
    ...(no !== undefined ? { caseNo: no } : {}),
    text,
    locale,
  })
  // Quoting the announcement is talking to the bot about it, whatever the words (the handler explains).
  const quoted = m.replyTo ? quotedConsultation(m.replyTo.preview) : undefined
  if (quoted !== undefined) return vote(quoted)
  // Quoting another bot message (a case's) is about that message.
  if (m.replyTo) return parsed
  if (!text || text.length > MAX_ANSWER) return parsed
  try {
    const live = await candidates(deps, m)
    const answered = live.filter((c) => readAnswer(text, c.options) !== undefined)
    if (!answered.length) return parsed
    return vote(answered.length === 1 ? answered[0]!.number : undefined)
  } catch (err) {
    deps.log?.error({ err, key: m.key }, 'could not look for an open consultation; left as conversation')
    return parsed
  }
}

/** The open consultations these words could answer: those covering the group, or the person's household. */
async function candidates(deps: AnswerDeps, m: IncomingMessage): Promise<ConsultationRow[]> {
  const { store } = deps
  if (m.conversation.kind === 'group') {
    const chat = await store.findChat({ platform: m.conversation.platform, chatId: m.conversation.id })
    if (!chat || m.conversation.ambiguous) return []
    const live = await store.consult.liveConsultations(chat.communityId)
    if (!live.length) return []
    const dir = await deps.directory.get(chat.communityId, chat.directoryVersion)
    const group = groupById(dir, chat.groupId)
    if (group?.role !== 'residents') return []
    return live.filter((c) => overlaps(c.places, group.places))
  }
  const known = await store.findIdentity(m.sender.platform, m.sender.id)
  if (!known) return []
  const live = await store.consult.liveConsultations(known.communityId)
  if (!live.length) return []
  const home = await store.consult.householdOf(known.person.id)
  // Without a household, every open one: the vote's handler then says how to register.
  return home ? live.filter((c) => withinAny(home.household.path, c.places)) : live
}
