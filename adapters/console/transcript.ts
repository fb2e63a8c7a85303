// The console transcript format (DESIGN §7) — a public interface: demos, docs and tests all speak it.
//   in:  <chat>|<sender>: <text>        <chat>|<sender> ^<n>: <text>      @<sender>: <text>      :advance 16m
//   out: [<n>] <chat>|ringbell: <text>  [<n>] @<person>|ringbell: <text>

export type InputLine =
  | { kind: 'group'; chat: string; sender: string; quote?: number; text: string }
  | { kind: 'direct'; sender: string; quote?: number; text: string }
  | { kind: 'advance'; ms: number }
  | { kind: 'blank' }
  | { kind: 'bad'; line: string; reason: string }

const units: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }

export function parseLine(raw: string): InputLine {
  const line = raw.replace(/\r$/, '')
  if (!line.trim() || line.trimStart().startsWith('//')) return { kind: 'blank' }
  const adv = /^:advance\s+(\d+)\s*([smhd]|min)\s*$/.exec(line.trim())
  if (adv) return { kind: 'advance', ms: Number(adv[1]) * units[adv[2]!]! }
  if (line.startsWith(':')) return { kind: 'bad', line, reason: 'unknown directive (try :advance 16m)' }
  // Full-width colon and bar are accepted: the names are Chinese and so is the keyboard.
  // Names are read greedily and trimmed: a lazy name followed by `\s*` retried every split of a long run of spaces.
  const direct = /^@([^:：|｜^]+)(?:\^(\d+)\s*)?[:：]\s?(.*)$/.exec(line)
  if (direct)
    return {
      kind: 'direct',
      sender: direct[1]!.trim(),
      quote: direct[2] ? Number(direct[2]) : undefined,
      text: direct[3]!,
    }
  const group = /^([^|｜]+)[|｜]([^:：^]+)(?:\^(\d+)\s*)?[:：]\s?(.*)$/.exec(line)
  if (group)
    return {
      kind: 'group',
      chat: group[1]!.trim(),
      sender: group[2]!.trim(),
      quote: group[3] ? Number(group[3]) : undefined,
      text: group[4]!,
    }
  return { kind: 'bad', line, reason: 'expected "<chat>|<sender>: <text>" or "@<sender>: <text>"' }
}

/** Multi-line messages keep one output line per message number; the rest are indented under it. */
export function formatOut(n: number, where: string, botName: string, text: string): string {
  const [first, ...rest] = text.split('\n')
  return [`[${n}] ${where}|${botName}: ${first}`, ...rest.map((l) => `    ${l}`)].join('\n')
}
