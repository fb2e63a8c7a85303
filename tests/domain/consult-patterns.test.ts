// Every reader of typed text that issue 14 added is linear: rooms, needs, the committee's consultation
// and its fields, plain answers, notices and their amounts, a pasted roster — run on the worst inputs
// for their patterns at 50,000 characters, where a quadratic one takes seconds (tests/domain/patterns.test.ts
// does the same for the rest, at 100k).
import { describe, expect, it } from 'vitest'
import {
  quotedConsultation,
  readAnswer,
  readConsultation,
  readDeadline,
  readOptions,
  readPlaces,
  readThreshold,
  readVote,
} from '../../src/domain/consultation.js'
import { readNeeds, readRoom } from '../../src/domain/household.js'
import { readNotice, readNoticeUpdate } from '../../src/domain/notice.js'
import { readRows } from '../../src/app/csv.js'
import { mixedInputs, worstInputs, type Input } from '../helpers/index.js'

const SIZE = 50_000
const CEILING_MS = 500
const known = ['锦绣新村/9幢', '锦绣新村/10幢']
const now = new Date('2026-11-02T01:00:00Z')
const read = {
  kind: 'consult' as const,
  now,
  tz: 'Asia/Shanghai',
  known,
  defaultPlaces: [],
  defaultOptions: ['同意', '反对'],
  defaultDeadlineMs: 86_400_000,
}

/** What the committee's words put in front of a value: each reader also meets the runs after these. */
const leads = ['征询 标题 范围 ', '门槛 ', '截止 ', '资金流向 支出 ', '1,']

const subjects: { name: string; run: (text: string) => unknown; leads?: boolean }[] = [
  { name: 'readRoom', run: (t) => readRoom(t, ['锦绣新村']) },
  { name: 'readNeeds', run: (t) => readNeeds(t) },
  { name: 'readConsultation', run: (t) => readConsultation(t, read), leads: true },
  { name: 'readConsultation (poll)', run: (t) => readConsultation(t, { ...read, kind: 'poll' }) },
  { name: 'readOptions', run: (t) => readOptions(t) },
  { name: 'readPlaces', run: (t) => readPlaces(t, known) },
  { name: 'readThreshold', run: (t) => readThreshold(t, 'covered') },
  { name: 'readDeadline', run: (t) => readDeadline(t, now, 'Asia/Shanghai') },
  { name: 'readAnswer', run: (t) => readAnswer(t, ['同意', '反对']) },
  { name: 'quotedConsultation', run: (t) => quotedConsultation(t) },
  { name: 'readVote', run: (t) => readVote(t) },
  { name: 'readNotice', run: (t) => readNotice(t, known) },
  { name: 'readNoticeUpdate', run: (t) => readNoticeUpdate(t), leads: true },
  // A roster is pasted into one message (2,000 characters at most): the library is timed at 20k.
  { name: 'readRows (CSV)', run: (t) => readRows(t.slice(0, 20_000)) },
]

function* inputsFor(withLeads: boolean): Generator<Input> {
  for (const input of worstInputs(SIZE, { ends: ['x', '？'] })) {
    yield input
    if (withLeads) for (const lead of leads) yield { label: `${lead} + ${input.label}`, text: lead + input.text }
  }
  yield* mixedInputs(SIZE, [1, 2, 3])
}

function slowest(run: (text: string) => unknown, inputs: Iterable<Input>): { ms: number; label: string } {
  let worst = { ms: 0, label: '' }
  for (const input of inputs) {
    let ms = Infinity
    for (let attempt = 0; attempt < 3 && ms > CEILING_MS; attempt++) {
      const t0 = performance.now()
      try {
        run(input.text)
      } catch {
        // a reader may refuse what it cannot read (the CSV library on a stray quote): only time matters here
      }
      ms = Math.min(ms, performance.now() - t0)
    }
    if (ms > worst.ms) worst = { ms: Math.round(ms), label: input.label }
  }
  return worst
}

describe(`issue 14's readers of typed text are linear: the worst inputs at ${SIZE} characters`, () => {
  it.each(subjects.map((s) => [s.name, s] as const))(
    '%s',
    (_name, s) => {
      const worst = slowest(s.run, inputsFor(s.leads ?? false))
      expect(worst.ms, `slowest: ${worst.label}`).toBeLessThan(CEILING_MS)
    },
    120_000,
  )
})
