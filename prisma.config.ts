// The Prisma CLI (generate) reads this. Migrations do not go through the CLI: see src/store/migrations.ts.
import { defineConfig } from 'prisma/config'

// The CLI downloads a native schema engine for every command unless one is named; `generate` never runs it.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})
