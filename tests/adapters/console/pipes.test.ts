// The console through pipes, as people use it: `cat transcript | npm start`, a producer that types slowly,
// and a reader that falls behind. Every line is handled, every reply is printed, and the exit is clean.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { root } from '../../main/interrupt.js'
import { tempDir } from '../../helpers/index.js'

const ask = (n: number) => `@王阿姨: 帮助 ${n}`
/** The replies' numbered first lines: `[n] @王阿姨|ringbell: …` for n = 1…count, in order. */
const numbered = (out: string) => out.split('\n').filter((l) => /^\[\d+\] /.test(l))
const expected = (count: number) => Array.from({ length: count }, (_, i) => `[${i + 1}] @王阿姨|ringbell:`)
const heads = (out: string) => numbered(out).map((l) => l.slice(0, l.indexOf(':') + 1))

interface Bell {
  stdout: string
  exit: number | NodeJS.Signals | null
}

/**
 * `npm start -- --fresh --db FILE` through `sh -c`, after `before` (e.g. `cat file |`) and before `after`
 * (e.g. `| reader`), with what the caller does meanwhile.
 */
function npmStart(
  o: { before?: string; after?: string; db?: string } = {},
  drive: (child: ReturnType<typeof spawn>, db: string, bell: Bell) => Promise<void> = async () => {},
): Promise<Bell> {
  const db = o.db ?? join(tempDir(), 'pipes.db')
  const line = `${o.before ?? ''} npm start --silent -- --fresh --db ${db} ${o.after ?? ''}`
  const child = spawn('sh', ['-c', line], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], detached: true })
  const bell: Bell = { stdout: '', exit: null }
  child.stdout!.setEncoding('utf8')
  child.stdout!.on('data', (d: string) => (bell.stdout += d))
  return Promise.all([
    drive(child, db, bell).catch((err: unknown) => {
      process.kill(-child.pid!, 'SIGKILL') // the whole pipeline, not only sh
      throw err
    }),
    new Promise<void>((done) =>
      child.on('close', (code, signal) => {
        bell.exit = code ?? signal
        done()
      }),
    ),
  ]).then(() => bell)
}

describe('the console through pipes', () => {
  it('`cat transcript | npm start` over 64 KB: every line is answered and the exit is 0', async () => {
    const file = join(tempDir(), 'long.txt')
    // 120 questions, each under a long comment line (a transcript with notes): ~100 KB.
    const lines = Array.from({ length: 120 }, (_, i) => `// ${'备注 note '.repeat(60)}\n${ask(i + 1)}`)
    writeFileSync(file, `${lines.join('\n')}\n`)
    const bell = await npmStart({ before: `cat ${file} |` })
    expect(bell.exit).toBe(0)
    expect(heads(bell.stdout)).toEqual(expected(120))
  }, 120_000)

  it('a producer that writes a line now and then gets each answer before it writes the next', async () => {
    const bell = await npmStart({}, async (child, _db, live) => {
      const answered = (n: number) => waitFor(() => heads(live.stdout).length >= n, 30_000)
      for (let i = 1; i <= 5; i++) {
        child.stdin!.write(`${ask(i)}\n`)
        expect(await answered(i)).toBe(true)
      }
      // A line split across two writes, the second one later and without a newline before the end.
      child.stdin!.write('@王阿姨: 帮')
      await new Promise((r) => setTimeout(r, 200))
      child.stdin!.end('助')
    })
    expect(bell.exit).toBe(0)
    expect(heads(bell.stdout)).toEqual(expected(6))
  }, 180_000)

  it('a reader that falls behind still gets every message the bot counts as sent', async () => {
    const count = 150 // ~90 KB of replies: more than a pipe holds
    const dir = tempDir()
    const go = join(dir, 'go')
    let sentWhilePaused = 0
    // A reader that reads nothing until told to, then everything: the pipe fills and stays full.
    const reader = `| sh -c 'while [ ! -e ${go} ]; do sleep 0.1; done; exec cat'`
    const bell = await npmStart({ after: reader, db: join(dir, 'pipes.db') }, async (child, db) => {
      child.stdin!.end(`${Array.from({ length: count }, (_, i) => ask(i + 1)).join('\n')}\n`)
      // Let the bot go as far as it can (until its count of sent messages stops moving), then read.
      let last = -1
      for (let still = 0; still < 8;) {
        await new Promise((r) => setTimeout(r, 300))
        const sent = sentCount(db)
        still = sent === last && sent > 0 ? still + 1 : 0
        last = sent
      }
      sentWhilePaused = last
      writeFileSync(go, '')
    })
    expect(bell.exit).toBe(0)
    expect(heads(bell.stdout)).toEqual(expected(count))
    // While nobody read, the bot did not count as sent what it could not write.
    expect(sentWhilePaused).toBeLessThan(count)
  }, 180_000)
})

async function waitFor(ok: () => boolean, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50)))
    if (ok()) return true
  return ok()
}

/** Console messages the outbox records as sent (0 before the file exists). */
function sentCount(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true })
    try {
      return (db.prepare("SELECT count(*) AS n FROM Outbox WHERE status = 'sent'").get() as { n: number }).n
    } finally {
      db.close()
    }
  } catch {
    return 0
  }
}
