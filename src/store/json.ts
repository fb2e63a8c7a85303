// SQLite has no arrays or dates: lists and payloads are JSON text, dates the adapter's ISO text.
export const toJson = (v: unknown): string => JSON.stringify(v ?? null)
export function fromJson<T>(s: string | null | undefined, fallback: T): T {
  if (!s) return fallback
  try {
    return JSON.parse(s) as T
  } catch {
    return fallback
  }
}

let lastDate = { ms: NaN, text: '' }

/** The text form the Prisma SQLite adapter writes for DateTime, for the few raw statements. */
export function sqlDate(d: Date): string {
  // A message binds the same instant (its `now`) a dozen times: the last one's text is kept.
  const ms = d.getTime()
  if (ms !== lastDate.ms) lastDate = { ms, text: d.toISOString().replace('Z', '+00:00') }
  return lastDate.text
}
