// Generates the Prisma client after install. The Prisma CLI wants to download a native schema
// engine for every command; `generate` never uses it, so point it at any existing file (DESIGN §8).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

if (!existsSync('prisma/schema.prisma')) process.exit(0)
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
}
execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env })
