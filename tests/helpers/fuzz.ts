// A seeded stream of console transcript lines that puts phone numbers everywhere a neighbour could:
// in rings, notes, reasons, options, unknown words, names and places, in every shape people write
// them. Shared by tests/app/privacy.test.ts and bench/leaks.ts. No vitest here.
import { prng } from './patterns.js'
import { phoneShapes } from './phones.js'

const groups = ['9幢业主群', '10幢业主群', '好大姐志愿者群', '议事荟']
const known = ['王阿姨', '严大伯', '毛大姐', '钱阿姨', '万大姐', '赵专员', '徐书记']

export interface Fuzz {
  lines: string[]
  /** every mobile number typed, as 11 digits */
  numbers: Set<string>
}

export function fuzzLines(count: number, seed: number): Fuzz {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const numbers = new Set<string>()
  const phone = () => {
    const d = `1${3 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`
    numbers.add(d)
    return pick(phoneShapes(d)).text
  }
  // A few newcomers carry a number in their name, as people do ("李13812345678", "张 138 0000 1234").
  const names = [...known, ...Array.from({ length: 6 }, (_, i) => `${'李张刘陈杨黄'[i]}${phone().replace(/\s/g, '')}`)]
  let cases = 0
  const no = () => String(1 + Math.floor(rnd() * Math.max(1, cases)))
  const texts: (() => string)[] = [
    () => {
      cases++
      return `按铃 ${pick(['9幢', '10幢', '2单元', ''])}${pick(['楼道灯坏了', '电梯坏了', '漏水了', '独居老人需要买药'])} ${phone()}`
    },
    () => {
      cases++
      return `${pick(['楼道灯坏了', '门禁坏了'])}，电话${phone()}，按铃`
    },
    () => {
      cases++
      return `@ringbell 垃圾没人收 ${phone()}`
    },
    () => `列表 ${phone()}`,
    () => `统计 ${phone()}`,
    () => `进展 ${no()} 师傅电话 ${phone()}`,
    () => `补充 ${no()} 我的电话 ${phone()}`,
    () => `不满意 ${no()} 还是不行 ${phone()}`,
    () => `完成 ${no()} 换好了，有事打 ${phone()}`,
    () => `接单 ${no()}`,
    () => `进度 ${no()}`,
    () => `同 ${no()}`,
    () => `撤销 ${no()}`,
    () => `派单 ${no()} @${pick(names)}`,
    () => `派单 ${no()} @钱阿姨`,
    () => `排班 ${pick(names)} 周一至周五 08:00-20:00`,
    () => `绑定 锦绣新村 ${phone()} 业主`,
    () => `/frob ${phone()}`,
    () => `${phone()}`,
    () => `@ringbell ${phone()}`,
    () => `帮助`,
    () => `谢谢`,
  ]
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    if (rnd() < 0.02) {
      lines.push(`:advance ${pick(['16m', '31m', '61m', '25h'])}`)
      continue
    }
    const who = pick(names)
    const text = pick(texts)()
    lines.push(rnd() < 0.15 ? `@${who}: ${text}` : `${pick(groups)}|${who}: ${text}`)
  }
  return { lines, numbers }
}

/** Transcript output lines → one entry per message (continuation lines belong to the message above). */
export function messagesOf(lines: string[]): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = []
  for (const l of lines) {
    const head = /^\[\d+\] (\S+?)\|ringbell: (.*)$/.exec(l)
    if (head) out.push({ where: head[1]!, text: head[2]! })
    else if (out.length && l.startsWith('    ')) out[out.length - 1]!.text += `\n${l.trim()}`
  }
  return out
}

/** Does the text carry one of the numbers in full, however its digits were spaced, split or widened? */
export function carriesNumber(text: string, numbers: ReadonlySet<string>): boolean {
  const d = text.normalize('NFKC').replace(/\D/g, '')
  for (let i = 0; i + 11 <= d.length; i++) if (numbers.has(d.slice(i, i + 11))) return true
  return false
}

/** Group messages that carry a full number, and of those, the ones where it is in an @name. */
export function leaks(
  output: string[],
  numbers: ReadonlySet<string>,
): { group: number; mentions: number; messages: number } {
  const said = messagesOf(output).filter((m) => !m.where.startsWith('@'))
  const leaked = said.filter((m) => carriesNumber(m.text, numbers))
  const mentions = leaked.filter((m) => [...m.text.matchAll(/@(\S+)/g)].some((x) => carriesNumber(x[1]!, numbers)))
  return { group: leaked.length, mentions: mentions.length, messages: said.length }
}
