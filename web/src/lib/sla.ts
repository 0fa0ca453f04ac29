// Service levels as people see them (docs/sla.md, "Web UI"): which due time a ticket shows, its
// colour, the due time as relative time, the weekly hours as text, and the report chart's
// geometry. Pure functions; the components only translate and draw what these answer.
import type { Ticket } from '../api/types'

/** neutral (running ok), amber (warning), red (breached), grey (paused), or no target at all. */
export type DueTone = 'ok' | 'warning' | 'breached' | 'paused' | 'none'

export interface DueView {
  tone: DueTone
  at: string | null // the earliest running due time, RFC 3339
}

type SlaTicket = Pick<Ticket, 'first_response_due_at' | 'next_response_due_at' | 'resolution_due_at' | 'sla'> &
  Partial<Pick<Ticket, 'status'>>

/** The earliest of a ticket's due times (the one `sort=due` orders by), or null. */
export function earliestDue(tk: SlaTicket): string | null {
  let best: string | null = null
  let bestMs = Infinity
  for (const iso of [tk.first_response_due_at, tk.next_response_due_at, tk.resolution_due_at]) {
    if (!iso) continue
    const ms = Date.parse(iso)
    if (Number.isFinite(ms) && ms < bestMs) {
      best = iso
      bestMs = ms
    }
  }
  return best
}

/**
 * What the due column shows. The server's `sla.state` is the truth when the list was fetched (the
 * 75 % warning needs the calendar, which only it has); a due time that passes while the page is open
 * turns red here without asking again. Due times are null while the clock is paused.
 */
export function dueView(tk: SlaTicket, now: number): DueView {
  const at = earliestDue(tk)
  if (!at) {
    // A list item has no targets: a ticket under a policy that waits on the customer (pending) or
    // is solved has its clocks stopped.
    const paused = tk.sla?.targets
      ? tk.sla.targets.some((x) => x.state === 'paused')
      : Boolean(tk.sla?.policy) && (tk.status === 'pending' || tk.status === 'resolved')
    return { tone: paused ? 'paused' : 'none', at: null }
  }
  if (tk.sla?.state === 'breached' || Date.parse(at) <= now) return { tone: 'breached', at }
  if (tk.sla?.state === 'warning') return { tone: 'warning', at }
  return { tone: 'ok', at }
}

export type RelUnit = 'min' | 'h' | 'd'
/** A due time relative to now: `in` the future, `over`(due), or `now` (within the minute). */
export interface Relative {
  dir: 'in' | 'over' | 'now'
  n: number
  unit: RelUnit
}

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/**
 * "in 35 min", "overdue 2 h", "in 3 d". Whole units, rounded down, so the time left is never
 * shown as more than it is (and an overdue one never as less than a whole unit): minutes below an
 * hour, hours below two days, then days.
 */
export function relativeDue(at: string, now: number): Relative {
  const diff = Date.parse(at) - now
  const abs = Math.abs(diff)
  if (abs < MIN) return { dir: 'now', n: 0, unit: 'min' }
  const dir = diff > 0 ? 'in' : 'over'
  if (abs < HOUR) return { dir, n: Math.floor(abs / MIN), unit: 'min' }
  if (abs < 2 * DAY) return { dir, n: Math.floor(abs / HOUR), unit: 'h' }
  return { dir, n: Math.floor(abs / DAY), unit: 'd' }
}

/** "09:00-12:00, 13:30-18:30" ⇄ ["09:00-12:00", "13:30-18:30"]; the server checks each interval. */
export function intervalsFromText(text: string): string[] {
  return text
    .split(/[,，;；\s]+/)
    .map((s) => s.trim().replace(/[–—~～]/g, '-'))
    .filter(Boolean)
}
export const intervalsToText = (list: string[] | null | undefined) => (list ?? []).join(', ')

/** Lines of domain names → a lower-case list without empties or repeats ("@vip.example.com" too). */
export function domainsFromText(text: string): string[] {
  const out: string[] = []
  for (const raw of text.split(/[\s,，;；]+/)) {
    const d = raw.trim().replace(/^@/, '').toLowerCase()
    if (d && !out.includes(d)) out.push(d)
  }
  return out
}

/** A met share as a whole percentage ("87 %"), or null when nothing was measured. */
export function percent(share: number | null | undefined): number | null {
  return share === null || share === undefined || !Number.isFinite(share) ? null : Math.round(share * 100)
}

/** Minutes as "45 min", "3.5 h", "2.1 d" parts, for the report's median and p90 columns. */
export function minutesParts(m: number | null | undefined): { n: string; unit: RelUnit } | null {
  if (m === null || m === undefined || !Number.isFinite(m)) return null
  if (m < 60) return { n: String(Math.round(m)), unit: 'min' }
  if (m < 48 * 60) return { n: trim1(m / 60), unit: 'h' }
  return { n: trim1(m / (24 * 60)), unit: 'd' }
}
const trim1 = (x: number) => String(Math.round(x * 10) / 10)

export interface ChartPoint {
  x: number
  y: number
  value: number
  index: number // the day's place in the list
}

/**
 * Points of a met-share line (0-1) in a `width` × `height` box: days spread evenly left to right,
 * 100 % at the top. Days without a measure leave a gap: the answer is a list of runs, each drawn
 * as its own polyline.
 */
export function lineRuns(values: (number | null)[], width: number, height: number): ChartPoint[][] {
  const runs: ChartPoint[][] = []
  let run: ChartPoint[] = []
  const step = values.length > 1 ? width / (values.length - 1) : 0
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (run.length) runs.push(run)
      run = []
      return
    }
    const clamped = Math.min(1, Math.max(0, v))
    run.push({ x: values.length > 1 ? i * step : width / 2, y: height - clamped * height, value: clamped, index: i })
  })
  if (run.length) runs.push(run)
  return runs
}

/** YYYY-MM-DD of a Date in the given IANA zone (the report's dates are Asia/Shanghai days). */
export function isoDateIn(d: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** The date `days` before an ISO date (calendar arithmetic in UTC, no time zone involved). */
export function minusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - days)
  return d.toISOString().slice(0, 10)
}

/** Days from `from` to `to`, both counted; 0 when `to` is before `from` or either is malformed. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`)
  const b = Date.parse(`${to}T00:00:00Z`)
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return 0
  return Math.round((b - a) / DAY) + 1
}
