// The one place that talks HTTP: cookies, CSRF, Accept-Language and problem+json errors.

export interface FieldError {
  field: string
  code: string
  message?: string
}

/** A failed request: `code` is the server's stable word (or `network` when no answer came). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: FieldError[] = [],
    readonly retryAfter: number | null = null,
    detail = '',
  ) {
    super(detail || code)
    this.name = 'ApiError'
  }
}

export const API_BASE = '/api/v1'

let acceptLanguage = 'zh-CN'
let unauthenticated: () => void = () => {}

/** Called when the server says the session is gone (expired or revoked elsewhere). */
export function onUnauthenticated(fn: () => void): void {
  unauthenticated = fn
}

/** Called by i18n whenever the user picks a language, so the server answers in it. */
export function setRequestLocale(locale: string): void {
  acceptLanguage = locale
}

export function readCookie(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

// Set when this browser opened a mailed ticket link without being signed in: the link brings a
// gd_csrf cookie too, which must not read as "a session may exist" (GET /me would only say 401).
const LINK_ONLY_KEY = 'gd-link-only'

function linkOnly(): boolean {
  try {
    return localStorage.getItem(LINK_ONLY_KEY) !== null
  } catch {
    return false // storage disabled: at worst one 401 on start-up
  }
}

/** Records whether the browser that just opened a ticket link has a session besides. */
export function noteTicketLinkOpened(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.removeItem(LINK_ONLY_KEY)
    else localStorage.setItem(LINK_ONLY_KEY, '1')
  } catch {
    // storage disabled: nothing to remember
  }
}

/** gd_csrf comes with a session and with a ticket link's gd_link cookie (both HttpOnly). */
export function hasCsrfCookie(): boolean {
  return readCookie(document.cookie, 'gd_csrf') !== null
}

/** Whether a session may exist: gd_csrf is there, and not only because of a mailed ticket link. */
export function hasSessionCookie(): boolean {
  return hasCsrfCookie() && !linkOnly()
}

export interface RequestOptions {
  json?: unknown
  form?: FormData
  /** A body sent as is, with its media type (a calendar file: text/csv, text/calendar). */
  text?: { body: string; type: string }
  query?: Record<string, string | number | undefined | null>
  headers?: Record<string, string>
}

export function buildQuery(query: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

async function toApiError(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('Retry-After'))
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null
  let body: { code?: string; errors?: FieldError[]; detail?: string } = {}
  if (/json/.test(res.headers.get('Content-Type') ?? '')) {
    body = await res.json().catch(() => ({}))
  }
  const fallback = res.status >= 500 ? 'internal' : `http_${res.status}`
  return new ApiError(res.status, body.code || fallback, body.errors ?? [], retryAfter, body.detail)
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage, ...opts.headers }
  let body: BodyInit | undefined
  if (opts.form) {
    body = opts.form // the browser sets the multipart boundary itself
  } else if (opts.text) {
    body = opts.text.body
    headers['Content-Type'] = opts.text.type
  } else if (opts.json !== undefined) {
    body = JSON.stringify(opts.json)
    headers['Content-Type'] = 'application/json'
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(document.cookie, 'gd_csrf')
    if (csrf) headers['X-CSRF-Token'] = csrf
  }
  let res: Response
  try {
    res = await fetch(API_BASE + path + buildQuery(opts.query), { method, headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network')
  }
  if (!res.ok) {
    const err = await toApiError(res)
    if (err.code === 'unauthenticated') unauthenticated()
    throw err
  }
  // 204, and the 202 of the mail-sending endpoints, may come without a body.
  const text = res.status === 204 ? '' : await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}
