// While the bot runs, its write-ahead log is copied back into the database file by a worker thread, not
// inside the COMMIT of whichever ring crosses SQLite's 1,000-page mark (a 10–30 ms stall on a street
// office, the ring → ping p99). Timings are in `npm run bench:scale`; this checks who does the copying.
import { execFile } from 'node:child_process'
import { statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { consoleBell, tempDir } from '../helpers/index.js'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))

/** In WAL mode only a checkpoint writes to the database file itself. */
const written = (file: string) => statSync(file).mtimeMs

describe('checkpoints', () => {
  it('rings reach the database file within seconds, long before the log is 1,000 pages', async () => {
    const bell = await consoleBell()
    // Settled: whatever the start wrote has been copied back.
    await new Promise((r) => setTimeout(r, 1500))
    const before = written(bell.dbFile)
    for (let i = 0; i < 5; i++) await bell.say(`9幢业主群|邻居${i}: 按铃 ${i}号楼道灯坏了，已经三天了，晚上很黑`)
    // Five rings are a hundred-odd pages of log: below SQLite's own mark, only the worker copies them back.
    const deadline = Date.now() + 5000
    while (written(bell.dbFile) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(written(bell.dbFile)).toBeGreaterThan(before)
    await bell.stop()
  })

  it('a bell stopped with nothing else running lets its process end normally', async () => {
    // The checkpoint thread does not hold the process open, but its stop must: with nothing else to wait
    // on, Node ended a script awaiting rb.stop() with exit code 13 and never ran what followed.
    const dir = tempDir()
    const script = join(dir, 'start-stop.mts')
    const src = (p: string) => JSON.stringify(pathToFileURL(join(root, p)).href)
    writeFileSync(
      script,
      `
      import { startRingbell } from ${src('src/ringbell.ts')}
      import { loadConfig } from ${src('src/config/load.ts')}
      import { platformNames } from ${src('adapters/platforms.ts')}
      const config = loadConfig(${JSON.stringify(join(root, 'config/demo.yaml'))}, platformNames)
      const rb = await startRingbell({ dbFile: ${JSON.stringify(join(dir, 'x.db'))}, config, adapters: [], background: false })
      await rb.stop()
      console.log('stopped')
    `,
    )
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: root })
    expect(stdout.trim()).toBe('stopped')
  })
})
