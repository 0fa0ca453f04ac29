// The frames of the live socket (docs/api.md "Live updates") and where it is.
import { API_BASE } from './client'
import type { Priority, Status } from './types'

/** Where the agent's browser opens its one live socket (same origin: the cookie signs it in). */
export function liveSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}${API_BASE}/ws`
}

export interface LiveHello {
  type: 'hello'
  user: { id: number; name: string }
}
/** A committed change of a ticket; it carries no content (read the ticket through the API). */
export interface LiveTicket {
  type: 'ticket'
  number: string
  group_id: number | null
  assignee_id: number | null
  status: Status
  priority: Priority
  updated_at: string
  change: 'created' | 'updated' | 'message'
}
export interface Viewer {
  id: number
  name: string
  typing: boolean
}
export interface LivePresence {
  type: 'presence'
  number: string
  viewers: Viewer[]
}
export interface LiveError {
  type: 'error'
  code: string
}
/** The server may have missed changes made through another server process: refetch. */
export interface LiveResync {
  type: 'resync'
}
export type LiveFrame = LiveHello | LiveTicket | LivePresence | LiveError | LiveResync

/** Collision check of an agent reply. */
export interface ReplyGuard {
  seen_updated_at?: string
  confirm?: boolean
}

/** A server frame, or null for anything this client does not know (newer servers may add types). */
export function parseLiveFrame(text: string): LiveFrame | null {
  let frame: unknown
  try {
    frame = JSON.parse(text)
  } catch {
    return null
  }
  if (!frame || typeof frame !== 'object') return null
  const type = (frame as { type?: unknown }).type
  if (type === 'hello' || type === 'ticket' || type === 'presence' || type === 'error' || type === 'resync') {
    return frame as LiveFrame
  }
  return null
}
