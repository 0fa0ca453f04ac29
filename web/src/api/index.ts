// Typed calls of docs/api.md. Components import these, never fetch() or URLs.
import { request, ApiError } from './client'
import type { ReplyGuard } from './live'

import type {
  AgentTicketQuery, Article, Category, Config, LookupResult, Message, NewTicket, Page, Priority, SimilarTicket,
  Status, Ticket, TicketChanges, TicketDetail, User,
} from './types'

/** What a reply may change in its own transaction (agents). */
export interface ReplyAlso {
  status?: Status
  priority?: Priority
  add_tags?: string[]
}

export { ApiError, hasCsrfCookie, hasSessionCookie, noteTicketLinkOpened, onUnauthenticated, setRequestLocale } from './client'
export type { FieldError } from './client'
export * from './types'
export * from './live'

const enc = encodeURIComponent

function multipart(jsonPart: string, json: unknown, files: File[]): FormData {
  const form = new FormData()
  // A plain field (no filename) so the server never mistakes the JSON for an attachment.
  form.append(jsonPart, JSON.stringify(json))
  for (const f of files) form.append('files', f, f.name)
  return form
}

// --- session
export const me = () => request<{ user: User }>('GET', '/me').then((r) => r.user)
export const login = (email: string, password: string) =>
  request<{ user: User }>('POST', '/auth/login', { json: { email, password } }).then((r) => r.user)
export const register = (body: { email: string; password: string; name: string; locale: string }) =>
  request<{ user: User }>('POST', '/auth/register', { json: body }).then((r) => r.user)
export const logout = () => request<void>('POST', '/auth/logout')
/** Saves the account's name or language (or, for staff, away); the server answers in that language from then on. */
export const updateMe = (body: { name?: string; locale?: string; away?: boolean }) =>
  request<{ user: User }>('PATCH', '/me', { json: body }).then((r) => r.user)

/** Exchanges a mailed one-time sign-in token (URL fragment) for a session, like login. */
export const linkSession = (token: string) =>
  request<{ user: User }>('POST', '/auth/link/session', { json: { token } }).then((r) => r.user)
/** Always 202, whatever the address: the answer never tells whether an account exists. */
export const requestSignInLink = (email: string) => request<void>('POST', '/auth/link', { json: { email } })

/** The signed-in user, or null when there is no valid session. */
export async function currentUser(): Promise<User | null> {
  try {
    return await me()
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null
    throw e
  }
}

// --- public
export const getConfig = () => request<Config>('GET', '/config')
export const getCategories = () => request<{ items: Category[] }>('GET', '/categories').then((r) => r.items)
export const getArticles = (locale: string) =>
  request<{ items: Article[] }>('GET', '/articles', { query: { locale } }).then((r) => r.items)

// --- customer tickets
export function createTicket(ticket: NewTicket, files: File[], idempotencyKey: string) {
  const headers = { 'Idempotency-Key': idempotencyKey }
  const opts = files.length ? { form: multipart('ticket', ticket, files), headers } : { json: ticket, headers }
  return request<{ ticket: Ticket }>('POST', '/tickets', opts).then((r) => r.ticket)
}
export const similarTickets = (subject: string) =>
  request<{ items: SimilarTicket[] }>('GET', '/tickets/similar', { query: { subject } }).then((r) => r.items)
export const listTickets = (q: { status?: string; cursor?: string | null; limit?: number }) =>
  request<Page<Ticket>>('GET', '/tickets', { query: q })
export const getTicket = (number: string) => request<TicketDetail>('GET', `/tickets/${enc(number)}`)
export function addMessage(number: string, body: string, files: File[]) {
  const opts = files.length ? { form: multipart('message', { body }, files) } : { json: { body } }
  return request<{ message: Message; ticket: Ticket }>('POST', `/tickets/${enc(number)}/messages`, opts)
}
export const closeTicket = (number: string) =>
  request<{ ticket: Ticket }>('POST', `/tickets/${enc(number)}/close`).then((r) => r.ticket)
export const reopenTicket = (number: string) =>
  request<{ ticket: Ticket }>('POST', `/tickets/${enc(number)}/reopen`).then((r) => r.ticket)
/** Trades a mailed ticket-link token for the HttpOnly gd_link cookie; 401 link_invalid when unusable. */
export const openTicketLink = (token: string) =>
  request<{ number: string; expires_at: string }>('POST', '/links/ticket', { json: { token } })
export const revokeTicketLinks = (number: string) =>
  request<{ revoked: number }>('POST', `/tickets/${enc(number)}/links/revoke`).then((r) => r.revoked)
/** Always 202: mails a link only when number and address match, and says nothing either way. */
export const requestTicketLink = (number: string, email: string) =>
  request<void>('POST', '/tickets/lookup/link', { json: { number, email } })
/** Always 202: mails the list of tickets for the address, if there are any; never shown on screen. */
export const requestTicketList = (email: string) => request<void>('POST', '/mail/ticket-list', { json: { email } })
export const lookupTicket = (number: string, email: string) =>
  request<LookupResult>('POST', '/tickets/lookup', { json: { number, email } })

// --- agents
export const agentTickets = (q: AgentTicketQuery) => request<Page<Ticket>>('GET', '/agent/tickets', { query: { ...q } })
export const agentTicket = (number: string) => request<TicketDetail>('GET', `/agent/tickets/${enc(number)}`)
/**
 * `extra.status/priority/add_tags`: set in the same transaction ("reply and set pending").
 * `extra.seen_updated_at`: the ticket as the page showed it; the server answers 409 `ticket_changed`
 * when it changed since, unless `extra.confirm`.
 */
export function agentReply(
  number: string, body: string, internal: boolean, files: File[],
  extra: ReplyGuard & ReplyAlso = {},
) {
  const json = { body, internal, ...extra }
  const opts = files.length ? { form: multipart('message', json, files) } : { json }
  return request<{ message: Message; ticket: Ticket }>('POST', `/agent/tickets/${enc(number)}/messages`, opts)
}
/** Any of status, priority, assignee, group and tags; `assignee_id: null` unassigns. */
export const agentMerge = (number: string, into: string) =>
  request<{ ticket: Ticket }>('POST', `/agent/tickets/${enc(number)}/merge`, { json: { into } }).then((r) => r.ticket)
export const agentUpdate = (number: string, patch: TicketChanges) =>
  request<{ ticket: Ticket }>('PATCH', `/agent/tickets/${enc(number)}`, { json: patch }).then((r) => r.ticket)
