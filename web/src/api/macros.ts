// Typed calls of the macro endpoints (docs/api.md, "Macros"). A module of its own so that only the
// agent pages pull it in.
import { request } from './client'
import type { Message, Priority, Status, Ticket } from './types'

const enc = encodeURIComponent

export type MacroScope = 'personal' | 'shared'

export interface MacroActions {
  status: Status | null
  priority: Priority | null
  add_tags: string[]
}

export interface Macro {
  id: number
  title: string
  body: string
  scope: MacroScope
  internal: boolean
  actions: MacroActions
  editable: boolean
  created_at: string
  updated_at: string
}

export interface MacroWrite {
  title: string
  body: string
  internal: boolean
  scope?: MacroScope
  actions: { status?: Status; priority?: Priority; add_tags: string[] }
}

export interface MacroPreview {
  macro: Macro
  body: string
  internal: boolean
  actions: MacroActions
}

/** The placeholders a macro may use; anything else between double braces is refused on save. */
export const PLACEHOLDERS = ['customer.name', 'customer.email', 'ticket.number', 'ticket.subject', 'agent.name'] as const

/** Each `{{...}}` that is not a known placeholder (and an unclosed `{{`), as the server checks it. */
export function unknownPlaceholders(text: string): string[] {
  const out: string[] = []
  let at = 0
  for (;;) {
    const open = text.indexOf('{{', at)
    if (open < 0) break
    const close = text.indexOf('}}', open + 2)
    const written = close < 0 ? text.slice(open) : text.slice(open, close + 2)
    const name = close < 0 ? null : text.slice(open + 2, close).trim()
    const shown = written.slice(0, 40)
    if (!(name && (PLACEHOLDERS as readonly string[]).includes(name)) && !out.includes(shown)) out.push(shown)
    if (close < 0) break
    at = close + 2
  }
  return out
}

export const listMacros = () => request<{ items: Macro[] }>('GET', '/agent/macros').then((r) => r.items)
export const createMacro = (body: MacroWrite) => request<Macro>('POST', '/agent/macros', { json: body })
export const updateMacro = (id: number, body: MacroWrite) => request<Macro>('PUT', `/agent/macros/${id}`, { json: body })
export const deleteMacro = (id: number) => request<void>('DELETE', `/agent/macros/${id}`)
export const previewMacro = (number: string, id: number) =>
  request<MacroPreview>('GET', `/agent/tickets/${enc(number)}/macros/${id}/preview`)
export const applyMacro = (number: string, id: number) =>
  request<{ message: Message; ticket: Ticket }>('POST', `/agent/tickets/${enc(number)}/macros/${id}/apply`)
