// Transcript lines from a stream: however the bytes are cut into chunks, the lines are the same.
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readLines } from '../../../adapters/console/lines.js'

const collect = async (chunks: (string | Buffer)[]) => {
  const out: string[] = []
  for await (const l of readLines(Readable.from(chunks, { objectMode: true }))) out.push(l)
  return out
}

describe('transcript lines from a stream', () => {
  const text = '9幢业主群|王阿姨: 按铃 楼道灯坏了\r\n@钱阿姨: 我的单\n\n:advance 16m\n议事荟|徐书记: 统计'
  const lines = ['9幢业主群|王阿姨: 按铃 楼道灯坏了\r', '@钱阿姨: 我的单', '', ':advance 16m', '议事荟|徐书记: 统计']

  it('cut into one-byte chunks, through the middle of every Chinese character', async () => {
    const bytes = Buffer.from(text)
    expect(await collect([...bytes].map((b) => Buffer.from([b])))).toEqual(lines)
  })

  it('in one chunk, or as a line longer than any chunk', async () => {
    expect(await collect([Buffer.from(text)])).toEqual(lines)
    const long = `9幢业主群|王阿姨: 按铃 ${'很长'.repeat(50_000)}`
    const parts = Buffer.from(`${long}\n`)
    expect(await collect([parts.subarray(0, 7), parts.subarray(7, 70_001), parts.subarray(70_001)])).toEqual([long])
  })

  it('nothing, or a last line without its newline', async () => {
    expect(await collect([])).toEqual([])
    expect(await collect(['a\n', 'b'])).toEqual(['a', 'b'])
  })
})
