// Residents type on phones with Chinese input methods: full-width digits, letters, ＃ and ／ are normal.
// Those are folded so the grammar sees one shape; Chinese punctuation (，。：) is the resident's own
// writing and is kept as typed.
const fold = /[\uff10-\uff19\uff21-\uff3a\uff03\uff0f\uff20]/gi
export const normalize = (s: string): string =>
  s
    .replace(fold, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim()

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/
export const hasCjk = (s: string): boolean => cjk.test(s)

/** Punctuation people put between a keyword and the text: 按铃：楼道灯坏了 / 按铃, 楼道灯坏了 */
export const trimSeparators = (s: string): string =>
  s.replace(/^[\s:：,，.。、;；!！~～\-—]+|[\s:：,，、;；\-—]+$/g, '')

export type Locale = 'zh-CN' | 'en'
