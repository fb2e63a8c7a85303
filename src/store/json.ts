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

/** The text form the Prisma SQLite adapter writes for DateTime, for the few raw statements. */
export const sqlDate = (d: Date): string => d.toISOString().replace('Z', '+00:00')
