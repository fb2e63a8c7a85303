// Who a WeChat sender is, as the app's user id. Pure.
//
// Web-protocol contact ids change at every login, and a nickname (群昵称 / WeChat name) can be set to
// anything by anyone. The one thing only the bot's account can write, and that WeChat keeps across
// logins, is the bot's remark (备注) on a contact. So there are two kinds of user id:
// - bound:   `=` + the token in our remark (`铃K3F9Q2 钱阿`), e.g. `=K3F9Q2` — stable across renames and
//            logins, and a nickname cannot produce it;
// - by name: the display name itself, marked byName (a resident's rights at most). A name that starts
//            with `=` gets a second `=` in front, so no nickname can spell a bound id.
import { randomInt } from 'node:crypto'

/** The remark starts with this mark and the token; the rest is the name, for whoever reads the bot's contacts. */
export const REMARK_MARK = '铃'
const TOKEN_LENGTH = 6
/** No 0/O or 1/I: someone may have to type it into the bot's phone by hand. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
/** WeChat keeps remarks short (16 bytes in some clients): the token first, then what fits of the name. */
export const REMARK_MAX_BYTES = 16

const remarkPattern = /^铃([0-9A-Z]{6})(?:\s|$)/i
const boundPattern = /^=([0-9A-Z]{6})$/

export const newToken = (pick: (n: number) => number = (n) => randomInt(0, n)): string =>
  Array.from({ length: TOKEN_LENGTH }, () => ALPHABET[pick(ALPHABET.length)]).join('')

/** The token in a remark we (or the operator, on the bot's phone) wrote; undefined for any other remark. */
export const tokenOfRemark = (remark: string | undefined | null): string | undefined =>
  remarkPattern.exec(remark ?? '')?.[1]?.toUpperCase()

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/** `铃K3F9Q2 钱阿`: the token, and as much of the name as fits. */
export function remarkFor(token: string, name: string): string {
  const head = `${REMARK_MARK}${token}`
  let tail = ''
  for (const ch of name.trim()) {
    if (utf8Bytes(`${head} ${tail}${ch}`) > REMARK_MAX_BYTES) break
    tail += ch
  }
  return tail ? `${head} ${tail}` : head
}

export const boundId = (token: string): string => `=${token}`

/** The token of a bound user id, or undefined for an id that is a name. */
export const tokenOfId = (id: string): string | undefined => boundPattern.exec(id)?.[1]

export const nameId = (name: string): string => (name.startsWith('=') ? `=${name}` : name)

/** The display name a by-name user id stands for. */
export const nameOfId = (id: string): string => (id.startsWith('==') ? id.slice(1) : id)
