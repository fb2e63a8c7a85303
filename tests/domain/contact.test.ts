// A mobile number is found however it is written (issue 8: 14 of 38 shapes passed the mask), and what
// only looks like one — dates, times, amounts, rooms, case numbers — stays exactly as typed.
import { describe, expect, it } from 'vitest'
import { findContacts, maskContacts } from '../../src/domain/contact.js'
import { notPhones, phoneContexts, phoneShapes, prng } from '../helpers/index.js'

const rnd = prng(8)
/** Mainland mobiles: 1[3-9] and nine more digits, seeded so a failure names a number that reproduces. */
const numbers = Array.from(
  { length: 5 },
  () => `1${3 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
)

describe.each(numbers)('%s, every way it is written, wherever it sits', (d) => {
  const masked = `${d.slice(0, 3)}****${d.slice(-4)}`
  it.each(phoneShapes(d).flatMap(({ shape, text }) => phoneContexts.map((c) => [shape, c, text] as const)))(
    '%s in "%s"',
    (_shape, context, text) => {
      const said = context.replace('{}', text)
      expect(maskContacts(said)).toBe(context.replace('{}', masked))
      // The ring keeps it as the case's private contact.
      expect(findContacts(said)).toEqual([d])
    },
  )
})

describe('digits that are not a phone number stay as typed', () => {
  it.each(notPhones.flatMap((t) => ['{}', '进展 12 {}', '按铃 {}，谢谢'].map((c) => c.replace('{}', t))))('%s', (t) => {
    expect(maskContacts(t)).toBe(t)
    expect(findContacts(t)).toEqual([])
  })
})

describe('landlines and local numbers as before, with the new separators too', () => {
  it.each([
    ['座机 0571–8888 8888', ['0571-88888888'], '座机 0571-****8888'],
    ['（010）6512 3456', ['010-65123456'], '010-****3456'],
    ['电话 6234–5678', ['62345678'], '电话 ****5678'],
    // The shortest number there is: seven digits, three of them full-width.
    ['电话 ６２３ 4567', ['6234567'], '电话 ****4567'],
    ['电话 623 456', [], '电话 623 456'],
    ['0571-88888888，13800019247', ['13800019247', '0571-88888888'], '0571-****8888，138****9247'],
    ['13800019247 13900019247', ['13800019247', '13900019247'], '138****9247 139****9247'],
    ['302 13800019247', ['13800019247'], '302 138****9247'],
  ])('%s', (text, found, masked) => {
    expect(findContacts(text)).toEqual(found)
    expect(maskContacts(text)).toBe(masked)
  })
})
