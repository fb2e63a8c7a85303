// CSV in and out (src/app/csv.ts): what staff paste in, and the lists they paste into a spreadsheet.
import { describe, expect, it } from 'vitest'
import { readRows, writeRows } from '../../src/app/csv.js'

describe('a list written for a spreadsheet', () => {
  it('keeps a cell typed like a formula as text, numbers as numbers, and reads back as written', () => {
    const rows = [
      ['9幢', '301', '=HYPERLINK("http://x","点我")', 1],
      ['9幢', '302', '＋86 同意', 2],
      ['10幢', '101', '@严大伯 同意', -3],
    ]
    const text = writeRows(rows)
    expect(text).not.toMatch(/(^|,)"?[=＋@]/m)
    expect(readRows(text)).toEqual([
      ['9幢', '301', `'=HYPERLINK("http://x","点我")`, '1'],
      ['9幢', '302', `'＋86 同意`, '2'],
      ['10幢', '101', `'@严大伯 同意`, '-3'],
    ])
  })
})
