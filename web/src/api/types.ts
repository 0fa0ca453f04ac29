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
  type: 'status_changed' | 'priority_changed'
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
