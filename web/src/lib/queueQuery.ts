// The queue's state lives in the URL (router query), so reload, back and shared links show the
// same list. These functions are the one translation between URL, page state and API query.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { QUEUE_SORTS, type AgentTicketQuery } from '../api/types'

/** The pseudo-view "all tickets": no `view` sent, so every status within the caller's scope. */
export const ALL_VIEW = 'all'
export const DEFAULT_VIEW = 'open'

export interface QueueFilters {
  view: string // a server view id, or ALL_VIEW
  sort: string // '' = the view's own order (priority; most recent first for recently_solved)
  q: string
  tag: string
  group: number | null
  assignee: number | null
}

export const emptyFilters = (): QueueFilters => ({ view: DEFAULT_VIEW, sort: '', q: '', tag: '', group: null, assignee: null })

function one(v: LocationQuery[string] | undefined): string {
  const first = Array.isArray(v) ? v[0] : v
  return typeof first === 'string' ? first : ''
}

function id(v: string): number | null {
  return /^[1-9]\d{0,15}$/.test(v) ? Number(v) : null
}

/** URL query → filters; anything malformed falls back to its default instead of failing. */
export function filtersFromQuery(query: LocationQuery): QueueFilters {
  const view = one(query.view)
  const sort = one(query.sort)
  return {
    // Unknown but well-formed ids are kept: the server may offer views this build does not know.
    view: /^[a-z_]{1,40}$/.test(view) ? view : DEFAULT_VIEW,
    sort: (QUEUE_SORTS as readonly string[]).includes(sort) ? sort : '',
    q: one(query.q).slice(0, 200),
    tag: one(query.tag).slice(0, 40),
    group: id(one(query.group)),
    assignee: id(one(query.assignee)),
  }
}

/** Filters → URL query, defaults left out so the plain /agent address stays plain. */
export function filtersToQuery(f: QueueFilters): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (f.view !== DEFAULT_VIEW) out.view = f.view
  if (f.sort) out.sort = f.sort
  if (f.q.trim()) out.q = f.q.trim()
  if (f.tag.trim()) out.tag = f.tag.trim()
  if (f.group !== null) out.group = String(f.group)
  if (f.assignee !== null) out.assignee = String(f.assignee)
  return out
}

/** Filters → GET /agent/tickets parameters. */
export function filtersToApi(f: QueueFilters): AgentTicketQuery {
  const out: AgentTicketQuery = {}
  if (f.view !== ALL_VIEW) out.view = f.view
  if (f.sort) out.sort = f.sort
  if (f.q.trim()) out.q = f.q.trim()
  if (f.tag.trim()) out.tag = f.tag.trim().toLowerCase()
  if (f.group !== null) out.group_id = f.group
  if (f.assignee !== null) out.assignee_id = f.assignee
  return out
}

/** Whether two filter states ask for the same list (the search box is compared trimmed). */
export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  const qa = filtersToQuery(a)
  const qb = filtersToQuery(b)
  const keys = new Set([...Object.keys(qa), ...Object.keys(qb)])
  return [...keys].every((k) => qa[k] === qb[k])
}
