// `npm start` runs the compiled bot (scripts/start.mjs): it builds first when the build is missing or a
// source is newer — a fresh clone, a pull, an edit, a regenerated Prisma client — and not otherwise.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stale } from '../../scripts/build.mjs'
import { tempDir } from '../helpers/index.js'

function checkout(): string {
  const dir = tempDir()
  for (const d of ['src/store', 'adapters', 'scripts']) mkdirSync(join(dir, d), { recursive: true })
  writeFileSync(join(dir, 'src/store/db.ts'), '')
  writeFileSync(join(dir, 'package.json'), '{}')
  return dir
}
const age = (file: string, secondsAgo: number) => {
  const t = new Date(Date.now() - secondsAgo * 1000)
  utimesSync(file, t, t)
}

describe('npm start builds when it has to', () => {
  it('a fresh clone (no dist/) is built; a build newer than every source is not', () => {
    const dir = checkout()
    expect(stale(dir)).toBe(true)
    for (const f of ['src/store/db.ts', 'package.json']) age(join(dir, f), 60)
    for (const d of ['src/store', 'src', 'adapters', 'scripts', '.']) age(join(dir, d), 60)
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist/main.js'), '')
    expect(stale(dir)).toBe(false)
  })

  it('an edit deep in src/ (or a regenerated Prisma client) makes the build stale', () => {
    const dir = checkout()
    for (const d of ['src/store/db.ts', 'package.json', 'src/store', 'src', 'adapters', 'scripts'])
      age(join(dir, d), 60)
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist/main.js'), '')
    age(join(dir, 'dist/main.js'), 30)
    writeFileSync(join(dir, 'src/store/db.ts'), 'export {}')
    age(join(dir, 'src/store'), 60)
    expect(stale(dir)).toBe(true)
  })
})
