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

// A message binds a few instants a dozen times (its `now`, the epoch of "at once", its timers' due times):
// their text is kept, a few dozen at most.
const dates = new Map<number, string>()

/** The text form the Prisma SQLite adapter writes for DateTime, for the few raw statements. */
export function sqlDate(d: Date): string {
  const ms = d.getTime()
  let text = dates.get(ms)
  if (text === undefined) {
    text = d.toISOString().replace('Z', '+00:00')
    if (dates.size >= 64) dates.clear()
    dates.set(ms, text)
  }
  return text
}
