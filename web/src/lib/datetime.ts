// Times travel as RFC 3339 UTC; people see and type them in their own time zone.

/** `<input type="datetime-local">` value (local wall time) → RFC 3339 UTC, or null if empty/invalid. */
export function localInputToUtc(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null
  const d = new Date(value) // a date-time without offset is parsed as local time
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** A Date → the local wall time string a datetime-local input accepts (minute precision). */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d)
}

export function isFuture(iso: string | null | undefined, now: Date = new Date()): boolean {
  return !!iso && new Date(iso).getTime() > now.getTime()
}
