// The checkout a benchmark runs from: the nearest directory above this module with prisma/schema.prisma —
// from bench/lib under tsx, or from wherever bench:scale compiled its probe (inside node_modules/.cache).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function find(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return dir
    if (dirname(dir) === dir) throw new Error(`no checkout above ${from}`)
  }
}

export const checkout = find(dirname(fileURLToPath(import.meta.url)))
