// The words for binding codes, and the gate that keeps a display name at a resident's rights.
import { describe, expect, it } from 'vitest'
import { parseCommand, readBindCode } from '../../src/domain/commands.js'
import { trusted } from '../../src/app/trust.js'
import type { IncomingMessage } from '../../src/chat/types.js'
import type { GroupRow, PersonRow } from '../../src/app/ports.js'

/** 绑定码 as the grammar reads it: ask for a code, use one, or ask how. */
const parseAccountCommand = (text: string, direct: boolean, botUsername?: string) => {
  const r = parseCommand({ text, addressed: false, quoting: false, direct, botUsername })
  return r && !('error' in r) && r.name === 'bindcode' ? { ...readBindCode(r.text), locale: r.locale } : undefined
}

describe('binding code words', () => {
  it('asks for a code with a name, uses one with six digits, and a bare code only in a direct chat', () => {
    expect(parseAccountCommand('绑定码 钱阿姨', false)).toEqual({ kind: 'issue', name: '钱阿姨', locale: 'zh-CN' })
    expect(parseAccountCommand('绑定码：@钱阿姨', true)).toEqual({ kind: 'issue', name: '钱阿姨', locale: 'zh-CN' })
    expect(parseAccountCommand('/bindcode 钱阿姨', false)).toEqual({ kind: 'issue', name: '钱阿姨', locale: 'zh-CN' })
    expect(parseAccountCommand('/bindcode Mrs Qian', false)).toEqual({ kind: 'issue', name: 'Mrs Qian', locale: 'en' })
    expect(parseAccountCommand('绑定码 482719', true)).toEqual({ kind: 'redeem', code: '482719', locale: 'zh-CN' })
    expect(parseAccountCommand('绑定码 ４８２ ７１９', true)).toMatchObject({ kind: 'redeem', code: '482719' })
    expect(parseAccountCommand('/bindcode@jinxiu_bot 482719', false, 'jinxiu_bot')).toMatchObject({ code: '482719' })
    expect(parseAccountCommand('/bindcode@other_bot 482719', false, 'jinxiu_bot')).toBeUndefined()
    expect(parseAccountCommand('482-719', true)).toEqual({ kind: 'redeem', code: '482719', locale: 'zh-CN' })
    expect(parseAccountCommand('绑定码', true)).toEqual({ kind: 'usage', locale: 'zh-CN' })
  })

  it('leaves everything else to the grammar', () => {
    for (const [text, direct] of [
      ['482719', false], // a number said in a group is conversation
      ['13812345678', true],
      ['绑定 锦绣新村 9幢 业主', false],
      ['绑定码们好', true],
      ['按铃 绑定码 123456', false],
    ] as const)
      expect(parseAccountCommand(text, direct), text).toBeUndefined()
  })
})

describe('trusted', () => {
  const admin: PersonRow = {
    id: 7,
    name: '徐书记',
    roles: ['committee', 'admin'],
    locale: null,
    lastPlatform: null,
    identities: [],
    volunteer: null,
  }
  const committee: GroupRow = { id: 3, name: '议事荟', role: 'committee', places: [], chats: [] }
  const msg = (sender: Partial<IncomingMessage['sender']>, ambiguous = false): IncomingMessage => ({
    key: { platform: 'wechat', conversationId: '议事荟', messageId: 'm1' },
    conversation: { kind: 'group', platform: 'wechat', id: '议事荟', ...(ambiguous ? { ambiguous } : {}) },
    sender: { platform: 'wechat', id: '徐书记', name: '徐书记', ...sender },
    content: [{ type: 'text', text: '统计' }],
    mentionsSelf: false,
    attachments: [],
    sentAt: new Date(0),
  })

  it('gives a display name no more than a resident, whatever person the name belongs to', () => {
    expect(trusted(msg({ byName: true }), { me: admin, group: committee }).me.roles).toEqual(['resident'])
    expect(trusted(msg({ id: '=K3F9Q2' }), { me: admin, group: committee }).me.roles).toEqual(['committee', 'admin'])
  })

  it('treats a chat whose id another chat shares as no bound group', () => {
    expect(trusted(msg({ id: '=K3F9Q2' }, true), { me: admin, group: committee }).group).toBeUndefined()
    expect(trusted(msg({ id: '=K3F9Q2' }), { me: admin, group: committee }).group).toBe(committee)
  })
})
