// Adding a command is one entry in the command table (src/domain/commands.ts), its handler here and its
// help line in each catalogue. The compiler refuses an incomplete one: the @ts-expect-error lines below
// fail `npm run typecheck` the day a registry or a catalogue without a command's entry compiles.
import { describe, expect, it } from 'vitest'
import type { Accounts } from '../../src/app/accounts.js'
import type { Store } from '../../src/app/ports.js'
import { commandRegistry, type Registry } from '../../src/app/registry.js'
import { commandTable, type CommandName } from '../../src/domain/commands.js'
import { t } from '../../src/i18n/index.js'
import type { Catalogue } from '../../src/i18n/index.js'

// Handlers are never called here: only their presence is checked.
const registry = commandRegistry({ store: {} as Store, accounts: {} as Accounts })

describe('the command registry', () => {
  it('a registry without a handler for a command does not compile', () => {
    const { same: _missing, ...withoutSame } = registry
    // @ts-expect-error 'same' has no handler
    const incomplete: Registry = withoutSame
    expect(Object.keys(incomplete)).not.toContain('same')
  })

  it('a catalogue without a help line for a command does not compile', () => {
    const { same: _missing, ...withoutSame } = t('zh-CN').help
    // @ts-expect-error 'same' has no help line (null means "listed with another", and must be said)
    const incomplete: Catalogue['help'] = withoutSame
    expect(Object.keys(incomplete)).not.toContain('same')
  })

  it('every command in the table has a handler and a help decision in both languages', () => {
    const names: CommandName[] = commandTable.map((s) => s.name)
    for (const name of names) {
      expect(typeof registry[name].run, name).toBe('function')
      expect(t('zh-CN').help[name], name).not.toBeUndefined()
      expect(t('en').help[name], name).not.toBeUndefined()
    }
    expect(Object.keys(registry).sort()).toEqual([...names].sort())
  })
})
