// `npm start`: builds dist/ when a source is newer than the build (a fresh clone, a pull, an edit), then
// runs the bot from it in this same process — no TypeScript loader, no second process between the
// supervisor's signals and the bot. Under a supervisor, `npm run build` once and run `node dist/main.js`.
import { spawn } from 'node:child_process'
import { fileURLToPath, pathToFileURL, URL } from 'node:url'
import { entry, stale } from './build.mjs'

if (stale()) {
  // In a child process, so the compiler's memory is never the bot's. A stop meanwhile ends the build and
  // this process, having started nothing (as src/main.ts promises from its first line).
  const child = spawn(process.execPath, [fileURLToPath(new URL('build.mjs', import.meta.url))], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const stop = () => {
    child.kill('SIGTERM')
    process.exit(0)
  }
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP']
  for (const s of signals) process.on(s, stop)
  const code = await new Promise((done) => child.on('exit', (c) => done(c ?? 1)))
  for (const s of signals) process.off(s, stop)
  if (code !== 0) {
    console.error('ringbell: the build failed (see above); nothing was started')
    process.exit(code)
  }
}
await import(pathToFileURL(entry).href)
