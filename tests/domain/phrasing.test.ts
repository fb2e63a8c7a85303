// The phrasing corpus (tests/domain/phrasing.corpus.txt): every line is a message as residents and
// volunteers really type it, and what the bell must read in it — rings, conversation that stays
// conversation, questions, plain answers. A report of a phrasing read wrongly becomes one more line there.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCommand, type ParseResult } from '../../src/domain/commands.js'

interface Line {
  n: number
  want: string
  where: 'group' | 'dm' | '@bot' | 'quote'
  text: string
}

const corpus: Line[] = readFileSync(new URL('./phrasing.corpus.txt', import.meta.url), 'utf8')
  .split('\n')
  .flatMap((raw, i) => {
    if (!raw.trim() || raw.startsWith('#')) return []
    const [want, where, ...text] = raw.split(' | ')
    if (!want || !where || !text.length) throw new Error(`phrasing.corpus.txt:${i + 1}: want | where | text`)
    if (!['group', 'dm', '@bot', 'quote'].includes(where.trim()))
      throw new Error(`phrasing.corpus.txt:${i + 1}: where is group, dm, @bot or quote, not "${where}"`)
    return [{ n: i + 1, want: want.trim(), where: where.trim() as Line['where'], text: text.join(' | ') }]
  })

/** What the bell read, in the corpus's words. */
export function reading(r: ParseResult): string {
  if (r === undefined) return 'chat'
  if ('error' in r) return `error ${r.error}`
  if (r.name === 'ring') return `ring${r.private ? ' private' : ''}${r.forName ? ` for ${r.forName}` : ''}: ${r.text}`
  if (r.name === 'howto') return 'howto'
  if (r.name === 'said') return `said: ${r.text}`
  const on = r.caseNo !== undefined ? ` #${r.caseNo}` : r.implicit ? ' (context)' : ' (quote)'
  const verdict = r.name === 'verify' ? ` ${r.alias}` : ''
  return `${r.name}${verdict}${on}${r.text ? `: ${r.text}` : ''}`
}

const read = (l: Line) =>
  parseCommand({
    text: l.text,
    addressed: l.where === '@bot',
    quoting: l.where === 'quote',
    direct: l.where === 'dm',
    botUsername: 'ringbell_bot',
  })

describe('the phrasing corpus', () => {
  it('has at least 100 phrasings, both rings and what is not one', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100)
    expect(corpus.filter((l) => l.want.startsWith('ring')).length).toBeGreaterThanOrEqual(30)
    expect(corpus.filter((l) => l.want === 'chat').length).toBeGreaterThanOrEqual(20)
  })

  it.each(corpus.map((l) => [`${l.n}: ${l.where} "${l.text}" → ${l.want}`, l] as const))('%s', (_, l) => {
    expect(reading(read(l))).toBe(l.want)
  })
})
