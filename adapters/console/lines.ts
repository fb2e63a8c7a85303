// Transcript lines from a stream of any size and pace (a pipe, a slow producer, a file): one line at a
// time, the next read only when the caller asks for it, so a long transcript is never held whole and the
// producer waits while the bot works.
import { StringDecoder } from 'node:string_decoder'

export async function* readLines(input: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  // A line longer than a chunk arrives in pieces; joined once, when its end comes.
  let pieces: string[] = []
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk)
    let from = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      pieces.push(text.slice(from, nl))
      yield pieces.join('')
      pieces = []
      from = nl + 1
    }
    if (from < text.length) pieces.push(text.slice(from))
  }
  const last = pieces.join('') + decoder.end()
  if (last) yield last
}
