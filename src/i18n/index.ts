import type { Locale } from '../domain/text.js'
import { en } from './en.js'
import { zhCN, type Catalogue } from './zh-CN.js'

export type { Catalogue }
const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en }
export const t = (locale: Locale): Catalogue => catalogues[locale] ?? zhCN
