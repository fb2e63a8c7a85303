// A message that looked like a command but was not complete: said back plainly, with an example.
import type { ParseError } from '../domain/commands.js'
import { specOf } from '../domain/commands.js'
import { hasCjk } from '../domain/text.js'
import type { Ctx } from './context.js'

export function explainParse(ctx: Ctx, e: ParseError): void {
  const en = ctx.locale === 'en'
  switch (e.error) {
    case 'empty_ring':
      return ctx.reply([ctx.t.emptyRing()])
    case 'too_long':
      return ctx.reply([ctx.t.tooLong({ max: e.max })])
    case 'need_case': {
      const spec = specOf(e.name)
      return ctx.reply([ctx.t.needCase({ example: en ? `${spec.en[0]} 12` : `${spec.zh[0]} 12` })])
    }
    case 'need_text': {
      const spec = specOf(e.name)
      return ctx.reply([ctx.t.needText({ example: en ? `${spec.en[0]} 12 …` : `${spec.zh[0]} 12 已联系物业` })])
    }
    case 'bad_option': {
      const spec = specOf(e.name)
      // One word per meaning: the first spelling listed is the one to teach.
      const seen = new Set<string>()
      const options = Object.entries(spec.options ?? {})
        .filter(([word, value]) => (en ? !hasCjk(word) : hasCjk(word)) && !seen.has(value) && seen.add(value))
        .map(([word]) => word)
      return ctx.reply([ctx.t.badOption({ word: e.word, options: options.join(' / ') })])
    }
    // Plain words in a direct message are most likely a problem told to the wrong place.
    case 'unknown_command':
      return ctx.reply([
        ctx.msg.conversation.kind === 'direct' && !e.word.startsWith('/')
          ? ctx.t.ringInDirect()
          : ctx.t.unknownCommand({ word: e.word }),
      ])
  }
}
