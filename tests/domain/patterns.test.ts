// Nothing a neighbour types can stall the bot (issue 8): every function that reads typed text is run on
// the worst inputs for its patterns at 100,000 characters — long runs of each character class they care
// about, before a rejecting end, after each command word, and seeded random mixtures. Linear code does
// each in milliseconds; before this, such inputs took from seconds to minutes (a 100k-digit ring
// in locate(), a quoted WeChat message of separator lines, "@bot 谢谢你好…" ×26 with a rejecting end).
// A timing only super-linear work could break: the fastest of three tries over a generous ceiling.
import { describe, expect, it } from 'vitest'
import { MAX_TEXT, parseCommand } from '../../src/domain/commands.js'
import { mixedInputs, subjects, worstInputs, type Input } from '../helpers/index.js'

const SIZE = 100_000
const CEILING_MS = 500

function slowest(run: (text: string) => unknown, inputs: Iterable<Input>): { ms: number; label: string } {
  let worst = { ms: 0, label: '' }
  for (const input of inputs) {
    let ms = Infinity
    // A busy machine can pause any one call; super-linear work is slow every time.
    for (let attempt = 0; attempt < 3 && ms > CEILING_MS; attempt++) {
      const t0 = performance.now()
      run(input.text)
      ms = Math.min(ms, performance.now() - t0)
    }
    if (ms > worst.ms) worst = { ms: Math.round(ms), label: input.label }
  }
  return worst
}

/** Each unit before a rejecting end (and after each command word, for the grammar), then random mixtures. */
function* inputsFor(leads: boolean): Generator<Input> {
  yield* worstInputs(SIZE, { ends: ['x', '？'], leadEnds: leads ? ['x'] : [] })
  yield* mixedInputs(SIZE, [1, 2, 3, 4, 5])
}

describe(`every reader of typed text is linear: the worst inputs at ${SIZE} characters`, () => {
  it.each(subjects.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const worst = slowest(s.run, inputsFor(s.leads ?? false))
    expect(worst.ms, `slowest: ${worst.label}`).toBeLessThan(CEILING_MS)
  })
})

describe('the exponential courtesy pattern', () => {
  it.each(['谢谢你好', '谢谢您好', '哈', '嗯'])('"@bot %s…，太逗了" is read at once, and is a ring', (unit) => {
    const text = `${unit.repeat(Math.ceil(400 / unit.length))}，太逗了`
    const t0 = performance.now()
    const r = parseCommand({ text, addressed: true, quoting: false })
    expect(performance.now() - t0).toBeLessThan(CEILING_MS)
    expect(r).toMatchObject({ name: 'ring' })
  })
})

describe(`a message longer than ${MAX_TEXT} characters is not read past the cap`, () => {
  const long = (head: string, fill = '楼道灯坏了。') => head + fill.repeat(Math.ceil(MAX_TEXT / fill.length))
  it.each<[string, { addressed?: boolean; direct?: boolean }, object | undefined]>([
    [long('按铃 '), {}, { error: 'too_long', max: MAX_TEXT, locale: 'zh-CN' }],
    [long('/ring ', 'the light is out. '), {}, { error: 'too_long', locale: 'en' }],
    [long('进展 12 '), {}, { error: 'too_long' }],
    [long('') + '，按铃', {}, { error: 'too_long' }],
    [long(''), { addressed: true }, { error: 'too_long' }],
    [long(''), { direct: true }, { error: 'too_long' }],
    [long('今天天气不错，'), {}, undefined],
    [long('大家好', '哈'), {}, undefined],
  ])('%#: %s…', (text, o, want) => {
    const r = parseCommand({ text, addressed: o.addressed ?? false, quoting: false, direct: o.direct })
    if (want === undefined) expect(r).toBeUndefined()
    else expect(r).toMatchObject(want)
  })

  it('at the cap a ring is still a ring', () => {
    const text = `按铃 ${'灯'.repeat(MAX_TEXT - 3)}`
    expect(text).toHaveLength(MAX_TEXT)
    expect(parseCommand({ text, addressed: false, quoting: false })).toMatchObject({ name: 'ring' })
  })
})
