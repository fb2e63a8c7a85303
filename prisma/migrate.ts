// `npm run db:migrate -- <name>`: creates a migration from schema changes, offline (see src/store/migrations.ts).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMigration } from '../src/store/migrations.js'

const name = process.argv[3] ?? process.argv[2] ?? 'change'
// A scratch database replays the committed migrations, so the diff is against history, not a live file.
const url = `file:${join(mkdtempSync(join(tmpdir(), 'ringbell-migrate-')), 'dev.db')}`
const made = await createMigration(url, name === 'dev' ? 'change' : name)
console.log(made ? `created prisma/migrations/${made}` : 'schema and migrations agree: nothing to create')
