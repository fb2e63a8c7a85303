// CSV in and out (issue 14): a roster pasted by staff, the committee's list of answers for the paper
// archive. One library for both directions (csv-parse / csv-stringify): quotes, commas in names and
// Excel's BOM are its business, not ours.
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'

/**
 * Rows of a pasted table. Lines may be separated by newlines or, where a chat sends one line (the
 * console), by ；. Columns by commas (，too) or tabs (a table copied from a spreadsheet).
 */
export function readRows(text: string): string[][] {
  const lines = text.includes('\n') ? text : text.replace(/[;；]/g, '\n')
  const tabbed = lines.includes('\t') && !/[,，]/.test(lines)
  const rows = parse(tabbed ? lines : lines.replace(/，/g, ','), {
    bom: true,
    delimiter: tabbed ? '\t' : ',',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  }) as string[][]
  return rows.filter((r) => r.some((c) => c !== ''))
}

/**
 * A CSV text; `bom` for a file Excel opens as UTF-8 (not for a chat message, where it would show). A cell
 * someone typed that starts like a formula (= + - @, full-width too) gets a leading ', as in 导出: staff
 * paste the list into a spreadsheet.
 */
export const writeRows = (rows: (string | number)[][], o: { bom?: boolean } = {}): string =>
  stringify(rows, { bom: o.bom ?? false, record_delimiter: o.bom ? 'windows' : 'unix', escape_formulas: true })
