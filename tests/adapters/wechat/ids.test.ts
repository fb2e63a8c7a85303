// The two kinds of WeChat user id: bound by the bot's remark, or only a name. No nickname may spell a
// bound id, and the remark stays within what WeChat keeps.
import { describe, expect, it } from 'vitest'
import {
  REMARK_MAX_BYTES,
  boundId,
  nameId,
  nameOfId,
  newToken,
  remarkFor,
  tokenOfId,
  tokenOfRemark,
} from '../../../adapters/wechat/ids.js'

describe('WeChat ids', () => {
  it('reads our token from a remark, whoever typed it (the bot, or the operator on its phone)', () => {
    expect(tokenOfRemark('铃K3F9Q2 钱阿')).toBe('K3F9Q2')
    expect(tokenOfRemark('铃K3F9Q2')).toBe('K3F9Q2')
    expect(tokenOfRemark('铃k3f9q2 钱阿')).toBe('K3F9Q2')
    for (const other of ['钱阿姨', '铃木', '铃K3F9Q', '铃K3F9Q2X', ' 铃K3F9Q2', '', undefined, null])
      expect(tokenOfRemark(other), String(other)).toBeUndefined()
  })

  it('writes the token first and as much of the name as fits in 16 bytes', () => {
    expect(remarkFor('K3F9Q2', '钱阿姨')).toBe('铃K3F9Q2 钱阿')
    expect(remarkFor('K3F9Q2', 'Ann')).toBe('铃K3F9Q2 Ann')
    expect(remarkFor('K3F9Q2', '')).toBe('铃K3F9Q2')
    for (const name of ['钱阿姨', '万大姐(法律·银龄)', 'Alexandrina Victoria', '😀😀😀'])
      expect(Buffer.byteLength(remarkFor('K3F9Q2', name)), name).toBeLessThanOrEqual(REMARK_MAX_BYTES)
    expect(tokenOfRemark(remarkFor('K3F9Q2', '万大姐(法律·银龄)'))).toBe('K3F9Q2')
  })

  it('makes tokens from an alphabet without look-alikes', () => {
    const t = newToken()
    expect(t).toMatch(/^[2-9A-HJ-NP-Z]{6}$/)
    expect(newToken(() => 0)).toBe('222222')
  })

  it('keeps bound ids and names apart: no nickname spells a bound id', () => {
    expect(boundId('K3F9Q2')).toBe('=K3F9Q2')
    expect(tokenOfId('=K3F9Q2')).toBe('K3F9Q2')
    for (const name of ['=K3F9Q2', '==K3F9Q2', '=', '王阿姨', 'K3F9Q2', '铃K3F9Q2']) {
      expect(tokenOfId(nameId(name)), name).toBeUndefined()
      expect(nameOfId(nameId(name)), name).toBe(name)
    }
    expect(nameId('王阿姨')).toBe('王阿姨') // names as before: existing records still match
  })
})
