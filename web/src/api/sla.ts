// Typed calls of the service-level endpoints (docs/sla.md, "API"): the admin's policies and
// calendars, and the supervisors' report. Only the lazily loaded admin and report pages import
// this module, so customers never download it.
import { API_BASE, request } from './client'
import type { Priority, SlaTargetKind } from './types'

const enc = encodeURIComponent

export const SLA_PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low']
export const SLA_KINDS: SlaTargetKind[] = ['first_response', 'next_response', 'resolution']
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
export type Weekday = (typeof WEEKDAYS)[number]
export type SlaClockKind = 'business' | 'calendar'

/** One target: a duration text (`1h`, `90m`, `3d`) on the policy's calendar or around the clock. */
export interface SlaTargetSpec {
  duration: string
  clock: SlaClockKind
}

export type SlaTargets = Record<Priority, Record<SlaTargetKind, SlaTargetSpec | null>>

export interface SlaEscalation {
  notify_supervisors: boolean
  raise_priority: boolean
  escalation_group_id: number | null
}

export interface SlaPolicy {
  id: number
  name: string
  position: number
  enabled: boolean
  calendar: string
  categories: number[]
  customer_domains: string[]
  targets: SlaTargets
  escalation: SlaEscalation
}

export type SlaPolicyWrite = Omit<SlaPolicy, 'id' | 'position'>

export type SpecialDayKind = 'holiday' | 'workday'

export interface SpecialDay {
  date: string // YYYY-MM-DD
  kind: SpecialDayKind
  name: string
  hours?: string[] | null // workdays only: their own hours, else the make-up hours
}

export interface SlaCalendar {
  name: string
  time_zone: string
  weekly: Record<Weekday, string[]>
  special_days: SpecialDay[]
}

/** A calendar in the list: its definition and the policies that use it. */
export interface SlaCalendarItem extends SlaCalendar {
  used_by: string[]
  read_only?: boolean
}

/** What an import did; fields beyond these are shown as they come. */
export interface SlaImportReport {
  calendar: SlaCalendarItem // as it is after the import
  imported: number // days in the file
  years: number[] // the years whose days it replaced
  replaced: number // days those years held before
}

export interface SlaMeasure {
  measured: number
  met: number
  met_share: number | null
  median_minutes: number | null
  p90_minutes: number | null
}

export interface SlaReportRow {
  priority: Priority
  created: number
  first_response: SlaMeasure
  resolution: SlaMeasure
}

export interface SlaDailyShare {
  date: string
  first_response_met_share: number | null
  resolution_met_share: number | null
}

export interface SlaReport {
  from: string
  to: string
  priorities: SlaReportRow[]
  daily: SlaDailyShare[]
}

// --- policies (admin)
export const slaPolicies = () =>
  request<{ items: SlaPolicy[] }>('GET', '/admin/sla/policies').then((r) => r.items)
export const createSlaPolicy = (body: SlaPolicyWrite) =>
  request<{ policy: SlaPolicy }>('POST', '/admin/sla/policies', { json: body }).then((r) => r.policy)
export const updateSlaPolicy = (id: number, body: Partial<SlaPolicyWrite>) =>
  request<{ policy: SlaPolicy }>('PATCH', `/admin/sla/policies/${id}`, { json: body }).then((r) => r.policy)
export const deleteSlaPolicy = (id: number) => request<void>('DELETE', `/admin/sla/policies/${id}`)
/** Every policy's id in the new order; answers the list in that order. */
export const orderSlaPolicies = (ids: number[]) =>
  request<{ items: SlaPolicy[] }>('POST', '/admin/sla/policies/order', { json: { ids } }).then((r) => r.items)

// --- calendars (admin)
export const slaCalendars = () =>
  request<{ items: SlaCalendarItem[] }>('GET', '/admin/sla/calendars').then((r) => r.items)
export const slaCalendar = (name: string) =>
  request<{ calendar: SlaCalendarItem }>('GET', `/admin/sla/calendars/${enc(name)}`).then((r) => r.calendar)
/** Creates or replaces the calendar of that name. */
export const putSlaCalendar = (cal: SlaCalendar) =>
  request<{ calendar: SlaCalendarItem }>('PUT', `/admin/sla/calendars/${enc(cal.name)}`, { json: cal }).then((r) => r.calendar)
export const deleteSlaCalendar = (name: string) => request<void>('DELETE', `/admin/sla/calendars/${enc(name)}`)
/** The special days of a .ics or .csv file replace the calendar's days of the years it covers. */
export const importSlaCalendar = (name: string, text: string, format: 'ics' | 'csv') =>
  request<SlaImportReport>('POST', `/admin/sla/calendars/${enc(name)}/import`, {
    text: { body: text, type: format === 'ics' ? 'text/calendar' : 'text/csv' },
  })
/** A plain link: the browser downloads the file itself. */
export const slaCalendarExportUrl = (name: string, format: 'ics' | 'csv') =>
  `${API_BASE}/admin/sla/calendars/${enc(name)}/export?format=${format}`

// --- report (supervisor, admin)
export const slaReport = (from: string, to: string) =>
  request<SlaReport>('GET', '/agent/reports/sla', { query: { from, to } })
