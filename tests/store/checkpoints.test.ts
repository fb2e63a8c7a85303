// While the bot runs, its write-ahead log is copied back into the database file by a worker thread, not
// inside the COMMIT of whichever ring crosses SQLite's 1,000-page mark (a 10–30 ms stall on a street
// office, the ring → ping p99). Timings are in `npm run bench:scale`; this checks who does the copying.
import { statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { consoleBell } from '../helpers/index.js'

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
})
