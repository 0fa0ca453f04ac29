// Typed calls of the admin endpoints (docs/mail.md, "Admin endpoints"). A module of its own so that
// only the lazily loaded admin pages pull it in; customers never download it.
import { request } from './client'
import type {
  AdminUser, Group, GroupBody, NewUser, Role,
  AdminCategory, AdminField, AdminFieldWrite,
  MailKind, MailSettings, MailSettingsUpdate, MailTemplate, OutboxItem, OutboxState, Page, TemplateBody, TestMailResult,
} from './types'

const enc = encodeURIComponent

export const MAIL_KINDS: MailKind[] = [
  'ticket_confirmation', 'agent_reply', 'status_changed', 'ticket_link', 'ticket_list', 'sign_in_link',
  'email_verification', 'test_mail',
]
export const OUTBOX_STATES: OutboxState[] = ['queued', 'sending', 'sent', 'failed']

export const adminOutbox = (q: { state?: string; recipient?: string; cursor?: string | null; limit?: number }) =>
  request<Page<OutboxItem>>('GET', '/admin/outbox', { query: q })
export const retryOutbox = (id: number) => request<OutboxItem>('POST', `/admin/outbox/${id}/retry`)
export const getMailSettings = () => request<MailSettings>('GET', '/admin/mail/settings')
export const putMailSettings = (body: MailSettingsUpdate) => request<MailSettings>('PUT', '/admin/mail/settings', { json: body })
export const sendTestMail = (to: string) => request<TestMailResult>('POST', '/admin/mail/test', { json: { to } })
export const mailTemplates = () =>
  request<{ items: MailTemplate[] }>('GET', '/admin/mail/templates').then((r) => r.items)
const templatePath = (kind: string, locale: string) => `/admin/mail/templates/${enc(kind)}/${enc(locale)}`
export const putTemplate = (kind: string, locale: string, body: TemplateBody) =>
  request<MailTemplate>('PUT', templatePath(kind, locale), { json: body })
export const resetTemplate = (kind: string, locale: string) => request<void>('DELETE', templatePath(kind, locale))
export const previewTemplate = (kind: string, locale: string, body: TemplateBody) =>
  request<TemplateBody>('POST', `${templatePath(kind, locale)}/preview`, { json: body })

// --- people and groups (docs/api.md, "People and groups")
export const adminUsers = (q: { role?: string; q?: string }) =>
  request<{ items: AdminUser[] }>('GET', '/admin/users', { query: q }).then((r) => r.items)
export const createUser = (body: NewUser) =>
  request<{ user: AdminUser }>('POST', '/admin/users', { json: body }).then((r) => r.user)
export const updateUser = (id: number, body: { role?: Role; away?: boolean }) =>
  request<{ user: AdminUser }>('PATCH', `/admin/users/${id}`, { json: body }).then((r) => r.user)
export const createGroup = (body: GroupBody) =>
  request<{ group: Group }>('POST', '/admin/groups', { json: body }).then((r) => r.group)
/** Replaces name, assignment mode and members at once. */
export const putGroup = (id: number, body: GroupBody) =>
  request<{ group: Group }>('PUT', `/admin/groups/${id}`, { json: body }).then((r) => r.group)
// Categories and their custom fields.
export const adminCategories = () =>
  request<{ items: AdminCategory[] }>('GET', '/admin/categories').then((r) => r.items)
export type CategoryWrite = Omit<AdminCategory, 'id' | 'position' | 'active'> & { position?: number; active?: boolean }
export const createCategory = (body: CategoryWrite) => request<AdminCategory>('POST', '/admin/categories', { json: body })
export const updateCategory = (id: number, body: CategoryWrite) =>
  request<AdminCategory>('PUT', `/admin/categories/${id}`, { json: body })
export const adminFields = (category: number) =>
  request<{ items: AdminField[] }>('GET', `/admin/categories/${category}/fields`).then((r) => r.items)
export const createField = (category: number, body: AdminFieldWrite) =>
  request<AdminField>('POST', `/admin/categories/${category}/fields`, { json: body })
export const updateField = (category: number, id: number, body: AdminFieldWrite) =>
  request<AdminField>('PUT', `/admin/categories/${category}/fields/${id}`, { json: body })
/** Resolves to the field when it was deactivated (tickets hold answers), to null when deleted. */
export const deleteField = (category: number, id: number) =>
  request<AdminField | undefined>('DELETE', `/admin/categories/${category}/fields/${id}`).then((r) => r ?? null)
