// Shows the login QR code: in the terminal, as a link (for a server without a screen: open it on
// another device and scan from the phone), and as a PNG file when the `qrcode` package is there.
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import qrcodeTerminal from 'qrcode-terminal'
import type { Logger } from '../../src/log.js'

/** wechaty's own QR page (the same as wechaty's qrcodeValueToImageUrl), kept here to avoid loading wechaty for a string. */
export const qrLink = (value: string): string => `https://wechaty.js.org/qrcode/${encodeURIComponent(value)}`

export interface QrOptions {
  log: Logger
  /** Where the terminal drawing goes; the logger would escape it into JSON. */
  write?: (text: string) => void
  /** Also write a PNG here (needs the `qrcode` package). */
  file?: string
}

/** The PNG writer, if `qrcode` can be loaded. It is not a declared dependency of ours (see the README). */
type ToFile = (path: string, text: string, opts?: { width?: number }) => Promise<unknown>
async function pngWriter(): Promise<ToFile | undefined> {
  try {
    const name = 'qrcode' // a variable: the package is optional and ships no types
    const mod = (await import(name)) as { toFile?: ToFile; default?: { toFile?: ToFile } }
    return mod.toFile ?? mod.default?.toFile
  } catch {
    return undefined
  }
}

export async function showQr(value: string, opts: QrOptions): Promise<void> {
  const write =
    opts.write ??
    ((t: string) => {
      process.stderr.write(t)
    })
  qrcodeTerminal.generate(value, { small: true }, (drawing) => {
    write(`\n请用微信扫码登录 / Scan with WeChat to log in:\n${drawing}\n${qrLink(value)}\n\n`)
  })
  let file: string | undefined
  if (opts.file) {
    const toFile = await pngWriter()
    if (toFile) {
      try {
        await mkdir(dirname(opts.file), { recursive: true })
        await toFile(opts.file, value, { width: 360 })
        file = opts.file
      } catch (err) {
        opts.log.warn({ err, file: opts.file }, 'wechat: could not write the QR code PNG')
      }
    } else {
      opts.log.debug('wechat: the qrcode package is not installed; no PNG written')
    }
  }
  opts.log.info({ link: qrLink(value), ...(file ? { file } : {}) }, 'wechat: scan the QR code to log in')
}
