// Typed calls of the automation-rule endpoints (docs/api.md "Automation rules"); part of the admin
// chunk only.
import { request } from './client'
import type { Category, Priority, Status } from './types'

export type RuleEvent = 'created' | 'updated' | 'both'
export type Channel = 'web' | 'mail'

export interface RuleConditions {
  categories: number[]
  keywords: string[]
  channels: Channel[]
  customers: string[]
  priorities: Priority[]
  statuses: Status[]
}

export interface Rule {
  id: number
  name: string
  active: boolean
  position: number
  event: RuleEvent
  conditions: RuleConditions
  actions: {
    priority: Priority | null
    group: { id: number; name: string } | null
    assignee: { id: number; name: string } | null
    add_tags: string[]
    internal_note: string
    reply: string
  }
}

export interface RuleWrite {
  name: string
  active: boolean
  event: RuleEvent
  conditions: RuleConditions
  actions: {
    priority?: Priority
    group_id?: number
    assignee_id?: number
    add_tags: string[]
    internal_note: string
    reply: string
  }
}

/** Who and what a rule may name: groups and staff from the directory, categories from the catalog. */
export interface RulePickers {
  groups: { id: number; name: string }[]
  staff: { id: number; name: string }[]
  categories: Category[]
}

export const listRules = () => request<{ items: Rule[] }>('GET', '/admin/rules').then((r) => r.items)
export const createRule = (body: RuleWrite) => request<{ rule: Rule }>('POST', '/admin/rules', { json: body }).then((r) => r.rule)
export const updateRule = (id: number, body: RuleWrite) =>
  request<{ rule: Rule }>('PUT', `/admin/rules/${id}`, { json: body }).then((r) => r.rule)
export const deleteRule = (id: number) => request<void>('DELETE', `/admin/rules/${id}`)
export const reorderRules = (ids: number[]) =>
  request<{ items: Rule[] }>('PUT', '/admin/rules/order', { json: { ids } }).then((r) => r.items)
export const rulePickers = async (): Promise<RulePickers> => {
  const [directory, categories] = await Promise.all([
    request<{ staff: { id: number; name: string }[]; groups: { id: number; name: string }[] }>('GET', '/agent/staff'),
    request<{ items: Category[] }>('GET', '/categories').then((r) => r.items),
  ])
  return { groups: directory.groups, staff: directory.staff, categories }
}
