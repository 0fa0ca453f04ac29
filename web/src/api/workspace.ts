// Typed calls of the agent workspace (docs/api.md, "Agents"; docs/workspace.md). Only the agent
// pages import this module, so customers never download it.
import { request } from './client'
import type { BulkResult, StaffDirectory, TicketChanges, ViewCount } from './types'

/** Every built-in view with its count for the caller. */
export const agentViews = () => request<{ views: ViewCount[] }>('GET', '/agent/views').then((r) => r.views)

/** Staff (with their groups, away flag and active tickets) and every group. */
export const staffDirectory = () => request<StaffDirectory>('GET', '/agent/staff')

/**
 * One change applied to up to 100 tickets. Bad input fails the whole request (400, nothing
 * changed); otherwise each ticket reports on its own.
 */
export const bulkUpdate = (numbers: string[], changes: TicketChanges) =>
  request<{ results: BulkResult[] }>('POST', '/agent/tickets/bulk', { json: { numbers, changes } }).then((r) => r.results)
