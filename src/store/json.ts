// SQLite has no arrays: lists and payloads are JSON text.
export const toJson = (v: unknown): string => JSON.stringify(v ?? null)
export function fromJson<T>(s: string | null | undefined, fallback: T): T {
  if (!s) return fallback
  try { return JSON.parse(s) as T } catch { return fallback }
}
