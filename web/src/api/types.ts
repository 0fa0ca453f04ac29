// Wire types of docs/api.md (v1). Times are RFC 3339 UTC strings.

export type Role = 'customer' | 'agent' | 'admin'
export type Locale = 'zh-CN' | 'en'
export type Status = 'new' | 'open' | 'pending' | 'resolved' | 'closed'
export type Priority = 'low' | 'normal' | 'high' | 'urgent'
export type Urgency = 'normal' | 'urgent'

export const STATUSES: Status[] = ['new', 'open', 'pending', 'resolved', 'closed']
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent']

export interface User {
  id: number
  email: string
  name: string
  role: Role
  locale: Locale
  email_verified?: boolean
  created_at: string
}

export interface Config {
  support_email: string
  support_hours: string
  max_attachments: number
  max_attachment_bytes: number
  reopen_days: number
  locales: Locale[]
}

export interface Category {
  id: number
  name: string
}

export interface Article {
  id: number
  slug: string
  title: string
  body_html: string
  category: string | null
}

export interface Environment {
  platform: string
  os: string
  app_version: string
  device: string
}

export interface Ticket {
  number: string
  status: Status
  priority: Priority
  urgency: Urgency
  subject: string
  description: string
  category: Category
  occurred_at: string | null
  environment: Environment
  customer: { name: string; email: string; guest: boolean }
  created_at: string
  updated_at: string
  resolved_at: string | null
  closed_at: string | null
  reopen_until: string | null
}

export interface Attachment {
  id: number
  filename: string
  content_type: string
  size: number
  url: string
}

export interface Author {
  name: string
  role: Role
}

export interface Message {
  id: number
  author: Author
  body: string
  internal: boolean
  created_at: string
  attachments: Attachment[]
}

export interface TicketEvent {
  id: number
  type: 'status_changed' | 'priority_changed' | 'macro_applied' // macro_applied: staff only, `to` is the macro's title
  from: string
  to: string
  author: Author
  created_at: string
}

export interface TicketDetail {
  ticket: Ticket
  messages: Message[]
  events: TicketEvent[]
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
}

export interface SimilarTicket {
  number: string
  subject: string
  status: Status
  updated_at: string
}

export interface NewTicket {
  category_id: number
  subject: string
  description: string
  occurred_at?: string
  environment?: Environment
  urgency?: Urgency
  guest?: { name: string; email: string }
}

export interface LookupResult {
  number: string
  status: Status
  updated_at: string
}

// --- mail (docs/mail.md)

export type MailKind =
  | 'ticket_confirmation'
  | 'agent_reply'
  | 'status_changed'
  | 'ticket_link'
  | 'ticket_list'
  | 'sign_in_link'
  | 'email_verification'
  | 'test_mail'
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed'

export interface OutboxItem {
  id: number
  kind: MailKind
  to: string
  locale: Locale
  ticket_number: string | null
  state: OutboxState
  attempts: number
  created_at: string
  next_attempt_at: string | null
  sent_at: string | null
  last_error: string // "" when none
}

export interface SmtpSettings {
  url: string
  username: string
  password_set: boolean
  require_tls: boolean
  from_email: string
  from_name: string
}

export interface ImapSettings {
  url: string
  username: string
  password_set: boolean
  poll_seconds: number
}

export interface MailSettings {
  smtp: SmtpSettings
  imap: ImapSettings
}

/** PUT body: a password that is absent keeps the stored one, "" clears it. */
export interface MailSettingsUpdate {
  smtp: Omit<SmtpSettings, 'password_set'> & { password?: string }
  imap: Omit<ImapSettings, 'password_set'> & { password?: string }
}

export interface TestMailResult {
  accepted: boolean
  answer: string
}

export interface MailTemplate {
  kind: MailKind
  locale: Locale
  subject: string
  text: string
  html: string
  customized: boolean
  updated_at: string | null
}

export interface TemplateBody {
  subject: string
  text: string
  html: string
}
