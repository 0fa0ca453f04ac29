// Wire types of docs/api.md (v1). Times are RFC 3339 UTC strings.

export type Role = 'customer' | 'agent' | 'supervisor' | 'admin'
export const ROLES: Role[] = ['customer', 'agent', 'supervisor', 'admin']
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
  away?: boolean // staff only (login, /me)
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
  /** The custom fields the category's form asks (GET /categories only). */
  fields?: FormField[]
}

export type FieldType = 'text' | 'number' | 'dropdown' | 'checkbox' | 'date'

/** A custom field as the submission form asks it, labels in the page's language. */
export interface FormField {
  key: string
  label: string
  type: FieldType
  required: boolean
  options: { value: string; label: string }[]
}

/** One answer on a ticket: `value` typed, `display` as a person reads it. */
export interface TicketFieldValue {
  key: string
  label: string
  type: FieldType
  value: string | number | boolean
  display: string
}

/** Answers by field key, as sent: null or "" is no answer. */
export type FieldAnswers = Record<string, string | number | boolean | null>

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
  /** Single-ticket reads only. */
  custom_fields?: TicketFieldValue[]
  // Agent routes only (docs/api.md, "Agents").
  group?: NamedRef | null
  assignee?: NamedRef | null
  tags?: string[]
  last_customer_message_at?: string | null
  first_response_due_at?: string | null
  next_response_due_at?: string | null
  resolution_due_at?: string | null
  /** Agent routes only (docs/sla.md, "Contract additions to the ticket object"). */
  sla?: TicketSla | null
  /** Customer routes only: when the customer may expect a reply; null when none is owed. */
  reply_by?: ReplyBy | null
  /** Agent routes, and a single ticket's page for its customer: the ticket it was merged into. */
  merged_into?: string | null
}

// --- service levels on a ticket (docs/sla.md)
export type SlaState = 'ok' | 'warning' | 'breached'
export type SlaTargetKind = 'first_response' | 'next_response' | 'resolution'
export type SlaTargetState = 'running' | 'paused' | 'met' | 'breached'

export interface SlaTarget {
  kind: SlaTargetKind
  cycle: number
  due_at: string | null
  state: SlaTargetState
  finished_at: string | null
}

export interface TicketSla {
  policy: string | null
  state: SlaState
  /** A single ticket's read only; lists carry policy and state. */
  targets?: SlaTarget[]
}

export interface ReplyBy {
  at: string
  basis: 'sla' | 'queue'
  holiday: { name: string; until: string } | null
}

export interface NamedRef {
  id: number
  name: string
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

// Customers see only the first two; agents every kind of docs/workspace.md ("Audit history").
export type EventType =
  | 'status_changed'
  | 'priority_changed'
  | 'assignee_changed'
  | 'group_changed'
  | 'tag_added'
  | 'tag_removed'
  | 'field_changed'
  | 'merged_into'
  | 'merged_from'
  | 'rule_applied'
  | 'macro_applied'
  | 'sla_warning'
  | 'sla_breached'

export interface TicketEvent {
  id: number
  type: EventType
  from: string
  to: string
  author: Author
  created_at: string
  /** field_changed only. */
  field?: string
  field_label?: string
  from_display?: string
  to_display?: string
}

export interface TicketDetail {
  ticket: Ticket
  messages: Message[]
  events: TicketEvent[]
  customer_panel?: CustomerPanel // agent routes only
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
  fields?: FieldAnswers
}

export interface LookupResult {
  number: string
  status: Status
  updated_at: string
  merged_into: string | null
  reply_by?: ReplyBy | null
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

// --- admin: categories and custom fields (docs/api.md, "Categories and custom fields")
export interface AdminCategory {
  id: number
  name_zh: string
  name_en: string
  position: number
  active: boolean
}

export interface FieldOption {
  value: string
  label_zh: string
  label_en: string
}

export interface AdminField {
  id: number
  category_id: number
  key: string
  label_zh: string
  label_en: string
  type: FieldType
  required: boolean
  options: FieldOption[]
  position: number
  active: boolean
}

export type AdminFieldWrite = Omit<AdminField, 'id' | 'category_id' | 'key' | 'type' | 'position' | 'active'> & {
  key?: string
  type?: FieldType
  position?: number
  active?: boolean
}

// --- agent workspace (docs/workspace.md)

export const VIEW_IDS = ['unassigned', 'mine', 'my_groups', 'pending', 'urgent', 'open', 'recently_solved'] as const
export type ViewId = (typeof VIEW_IDS)[number]
export const QUEUE_SORTS = ['priority', 'age', 'last_customer_message', 'due'] as const
export type QueueSort = (typeof QUEUE_SORTS)[number]
export type AssignmentMode = 'manual' | 'round_robin' | 'least_load'
export const ASSIGNMENT_MODES: AssignmentMode[] = ['manual', 'round_robin', 'least_load']

/** A view and how many tickets it holds for the caller; ids beyond VIEW_IDS may come later. */
export interface ViewCount {
  id: string
  count: number
}

export interface StaffMember {
  id: number
  name: string
  role: Role
  away: boolean
  group_ids: number[]
  active_tickets: number
}

export interface Group {
  id: number
  name: string
  assignment: AssignmentMode
  member_ids: number[]
}

export interface StaffDirectory {
  staff: StaffMember[]
  groups: Group[]
}

export interface CustomerAccount {
  id: number
  name: string
  email: string
  locale: Locale
  email_verified: boolean
  created_at: string
}

export interface CustomerTicket {
  number: string
  subject: string
  status: Status
  priority: Priority
  created_at: string
  updated_at: string
}

export interface CustomerPanel {
  account: CustomerAccount | null
  tickets: CustomerTicket[]
}

export interface AgentTicketQuery {
  view?: string
  sort?: string
  status?: string
  priority?: string
  tag?: string
  group_id?: number
  assignee_id?: number
  q?: string
  cursor?: string | null
  limit?: number
}

/** PATCH /agent/tickets/{number} and the `changes` of a bulk change. */
export interface TicketChanges {
  status?: Status
  priority?: Priority
  assignee_id?: number | null
  group_id?: number
  add_tags?: string[]
  remove_tags?: string[]
  /** Custom field answers by key (single-ticket PATCH only); null clears. */
  fields?: FieldAnswers
}

export interface BulkResult {
  number: string
  ok: boolean
  status?: number
  code?: string
  detail?: string
}

/** A user as the admin's people pages see it. */
export interface AdminUser extends User {
  away: boolean
}

export interface NewUser {
  email: string
  password: string
  name: string
  role: Role
  locale?: Locale
}

export interface GroupBody {
  name: string
  assignment: AssignmentMode
  member_ids: number[]
}
