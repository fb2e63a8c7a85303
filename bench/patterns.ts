// How long the worst input of each pattern holds the event loop, and how many ways of writing a
// mobile number get past the mask. Figures, not assertions (tests/domain/patterns.test.ts and
// tests/domain/contact.test.ts assert). npx tsx bench/patterns.ts
import { pathToFileURL } from 'node:url'
import { parseCommand, readCommand, readVerdict } from '../src/domain/commands.js'
import { findContacts, maskContacts } from '../src/domain/contact.js'
import { locate } from '../src/domain/classify.js'
import { parseLine } from '../adapters/console/transcript.js'
import { parseQuote } from '../adapters/wechat/decode.js'
import { mixedInputs, subjects, worstInputs } from '../tests/helpers/patterns.js'
import { notPhones, phoneContexts, phoneShapes } from '../tests/helpers/phones.js'

const SIZE = 100_000
const rep = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n)

/** The inputs that stalled the bot before issue 8 was fixed, with what each took then: measured on this machine at 8fffec9. */
const stalls: { input: string; before: string; call: () => unknown }[] = [
  {
    input: '@bot "谢谢你好" ×26 + "，太逗了" (104 characters)',
    before: '> 120 s (×24: 52 s)',
    call: () => parseCommand({ text: `${rep('谢谢你好', 104)}，太逗了`, addressed: true, quoting: false }),
  },
  {
    input: 'ring: "按铃 " + 100k "，" + "x"',
    before: '105 s',
    call: () => parseCommand({ text: `按铃 ${rep('，', SIZE)}x`, addressed: false, quoting: false }),
  },
  {
    input: 'the same ring without the cap (the grammar alone)',
    before: '105 s',
    call: () => readCommand({ text: `按铃 ${rep('，', SIZE)}x`, addressed: false, quoting: false }),
  },
  {
    input: 'chatter: "电话" + 100k "、" + "x"',
    before: '76 s',
    call: () => parseCommand({ text: `电话${rep('、', SIZE)}x`, addressed: false, quoting: false }),
  },
  {
    input: 'committee: "列表 " + 100k "、" + "x"',
    before: '79 s',
    call: () => parseCommand({ text: `列表 ${rep('、', SIZE)}x`, addressed: true, quoting: false }),
  },
  { input: 'locate: 100k digits + "？"', before: '> 120 s', call: () => locate(`${rep('1', SIZE)}？`, [], []) },
  {
    input: 'readVerdict: "电话" + 100k "—" + "x"',
    before: '> 120 s',
    call: () => readVerdict({ name: 'verify', alias: '满意', text: `电话${rep('—', SIZE)}x`, locale: 'zh-CN' }),
  },
  {
    input: 'transcript: "/ring " + 100k spaces + "x", read as a line, a DM and a group line',
    before: '> 120 s',
    call: () => ['', '@', 'g|'].map((p) => parseLine(`${p}/ring ${rep(' ', SIZE)}x`)),
  },
  {
    input: 'WeChat quote: 100k of separator lines',
    before: '6.4 s',
    call: () => parseQuote(`「钱阿姨：${rep('- - - - - - \n', SIZE)}」\n- - - - - - - -\n接`),
  },
  { input: 'mask: 100k of "1 "', before: '—', call: () => maskContacts(rep('1 ', SIZE)) },
]

function time(call: () => unknown): number {
  const t0 = performance.now()
  call()
  return performance.now() - t0
}

export async function run(): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = []
  for (const s of stalls)
    rows.push({ 'worst input': s.input, before: s.before, after: `${Math.round(time(s.call))} ms` })
  // Every reader of typed text on every worst input of the fuzz test: the slowest call of each.
  for (const s of subjects) {
    let worst = { ms: 0, label: '' }
    for (const i of [
      ...worstInputs(SIZE, { ends: ['x', '？'], leadEnds: s.leads ? ['x'] : [] }),
      ...mixedInputs(SIZE, [1, 2, 3]),
    ]) {
      const ms = time(() => s.run(i.text))
      if (ms > worst.ms) worst = { ms, label: i.label }
    }
    rows.push({ 'worst input': `${s.name}: ${worst.label}`, before: '', after: `${Math.round(worst.ms)} ms` })
  }
  // The mask: 40 shapes of one number × the contexts it sits in, and text that only looks like one.
  const d = '13800019247'
  const shapes = phoneShapes(d)
  const leaked = shapes.filter(({ text }) =>
    phoneContexts.some((c) => {
      const said = c.replace('{}', text)
      return maskContacts(said).normalize('NFKC').replace(/\D/g, '').includes(d) || !findContacts(said).includes(d)
    }),
  )
  rows.push({
    'worst input': `mask: shapes of a mobile that leak (of ${shapes.length}, × ${phoneContexts.length} contexts)`,
    before: '22',
    after: `${leaked.length} of ${shapes.length} leak${leaked.length ? `: ${leaked.map((s) => s.shape).join(', ')}` : ''}`,
  })
  const changed = notPhones.filter((t) => maskContacts(t) !== t)
  rows.push({
    'worst input': `mask: non-numbers changed (of ${notPhones.length})`,
    before: '0',
    after: `${changed.length} changed`,
  })
  return rows
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) console.table(await run())
