// The bulk bar's form → the `changes` of POST /agent/tickets/bulk, and its answer → what to show.
import type { BulkResult, Priority, Status, TicketChanges } from '../api/types'

export const UNASSIGN = 'none'

export interface BulkForm {
  assignee: string // '' = leave as is, UNASSIGN = nobody, else a staff id
  status: Status | ''
  priority: Priority | ''
  tag: string
}

export const emptyBulkForm = (): BulkForm => ({ assignee: '', status: '', priority: '', tag: '' })

/** The chosen changes, or null when the form asks for none. */
export function bulkChanges(form: BulkForm): TicketChanges | null {
  const changes: TicketChanges = {}
  if (form.assignee === UNASSIGN) changes.assignee_id = null
  else if (form.assignee) changes.assignee_id = Number(form.assignee)
  if (form.status) changes.status = form.status
  if (form.priority) changes.priority = form.priority
  if (form.tag.trim()) changes.add_tags = [form.tag.trim()]
  return Object.keys(changes).length ? changes : null
}

export interface BulkSummary {
  changed: string[]
  failed: BulkResult[]
}

export function summarizeBulk(results: BulkResult[]): BulkSummary {
  return { changed: results.filter((r) => r.ok).map((r) => r.number), failed: results.filter((r) => !r.ok) }
}
