// Residents type on phones with Chinese input methods: full-width digits, colons and spaces are normal.
// NFKC folds them to their plain forms so the grammar sees one shape.
export const normalize = (s: string): string => s.normalize('NFKC').replace(/\s+/g, ' ').trim()

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/
export const hasCjk = (s: string): boolean => cjk.test(s)

/** Punctuation people put between a keyword and the text: 按铃：楼道灯坏了 / 按铃, 楼道灯坏了 */
export const trimSeparators = (s: string): string => s.replace(/^[\s:：,，.。、;；!！~～\-—]+|[\s:：,，、;；\-—]+$/g, '')

export type Locale = 'zh-CN' | 'en'
