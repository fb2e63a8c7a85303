// `npm run build`: compiles ringbell once — src/main.ts and everything it loads, the generated Prisma
// client included — into dist/, so the bot runs as plain JavaScript with no TypeScript loader in its
// process (issue 15: the loader was ~35 MB of a street office's memory and a slower start). Packages stay
// in node_modules; each platform's adapter stays a chunk of its own, loaded only when it is turned on.
// `npm start` (scripts/start.mjs) runs this first whenever a source is newer than the build.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL, URL } from 'node:url'

export const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
export const entry = join(root, 'dist', 'main.js')

/** What the build is made from: a change to any of these makes it stale. */
const sources = ['src', 'adapters', 'package.json', 'scripts/build.mjs']

/** The newest modification time among the sources (ms). */
function newest(path) {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let t = s.mtimeMs
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)))
  return t
}

/** Whether dist/ is missing or older than a source (a fresh clone, a pull, an edit, a new Prisma client). */
export function stale(dir = root) {
  const main = join(dir, 'dist', 'main.js')
  if (!existsSync(main)) return true
  const built = statSync(main).mtimeMs
  return sources.some((s) => existsSync(join(dir, s)) && newest(join(dir, s)) > built)
}

/**
 * Bundles `entries` into `outdir` as ES modules for this Node, splitting what is loaded on demand
 * (`await import(…)`) into chunks. Returns the output files.
 */
export async function build(entries = [join(root, 'src', 'main.ts')], outdir = join(root, 'dist')) {
  const esbuild = await import('esbuild')
  // Built aside, then put in place: chunk names change with their contents, and a half-written dist/
  // is never what a start finds (a build stopped halfway leaves only its own directory under .cache).
  const fresh = join(root, 'node_modules', '.cache', 'ringbell', `build-${process.pid}`)
  rmSync(fresh, { recursive: true, force: true })
  try {
    const result = await esbuild.build({
      entryPoints: entries,
      outdir: fresh,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
      metafile: true,
    })
    rmSync(outdir, { recursive: true, force: true })
    renameSync(fresh, outdir)
    return Object.keys(result.metafile.outputs)
  } finally {
    rmSync(fresh, { recursive: true, force: true })
    await esbuild.stop()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const t0 = Date.now()
  const files = await build()
  console.error(`ringbell: built dist/ (${files.length} files) in ${Date.now() - t0} ms`)
}
