// Reads the community file (YAML or JSON) and validates it; every error names the field and its line.
import { readFileSync } from 'node:fs'
import { LineCounter, parseDocument, isNode } from 'yaml'
import { configSchema, type CommunityConfig } from './schema.js'

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`配置文件有误 / invalid config ${file}:\n  ${problems.join('\n  ')}`)
    this.name = 'ConfigError'
  }
}

/** `platforms`: the platforms this deployment knows (adapters/platforms.ts); each may name ids in the file. */
export function parseConfig(text: string, platforms: readonly string[], file = '<config>'): CommunityConfig {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true })
  if (doc.errors.length)
    throw new ConfigError(
      file,
      doc.errors.map((e) => `${file}:${e.linePos?.[0]?.line ?? '?'} ${e.message}`),
    )
  const result = configSchema(platforms).safeParse(doc.toJS())
  if (result.success) return result.data
  throw new ConfigError(
    file,
    result.error.issues.map((issue) => {
      // Walk up the path until a node with a position exists (a missing key has none of its own).
      let path = [...issue.path]
      let node: unknown
      while (path.length && !isNode((node = doc.getIn(path as (string | number)[], true)))) path = path.slice(0, -1)
      const offset = isNode(node) && node.range ? node.range[0] : 0
      const where = `${file}:${lines.linePos(offset).line}`
      return `${where} ${issue.path.join('.') || '(root)'}: ${issue.message}`
    }),
  )
}

export const loadConfig = (file: string, platforms: readonly string[]): CommunityConfig =>
  parseConfig(readFileSync(file, 'utf8'), platforms, file)
