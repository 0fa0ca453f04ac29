import { describe, expect, it } from 'vitest'
import type { EventType, TicketEvent } from '../api/types'
import { eventText, type Translator } from './eventText'
import en from '../i18n/en'
import zhCN from '../i18n/zh-CN'

type Tree = { [k: string]: string | Tree }
// A tiny stand-in for vue-i18n: looks the key up and fills {placeholders}.
function translator(messages: Tree): Translator {
  const find = (key: string) => key.split('.').reduce<string | Tree | undefined>((n, k) => (typeof n === 'object' ? n[k] : undefined), messages)
  return {
    te: (key) => typeof find(key) === 'string',
    t: (key, args = {}) => {
      const text = find(key)
      if (typeof text !== 'string') throw new Error(`missing ${key}`)
      return text.replace(/\{(\w+)\}/g, (_, n: string) => String(args[n]))
    },
  }
}
const author = { name: 'Agent 一', role: 'agent' as const }
const ev = (type: EventType, from: string, to: string): TicketEvent => ({ id: 1, type, from, to, author, created_at: '2026-01-01T00:00:00.000Z' })

describe('eventText', () => {
  const tr = translator(en as unknown as Tree)
  it('names the target of an SLA warning and breach', () => {
    expect(eventText(ev('sla_warning', '', 'first_response'), 'agent', tr)).toBe('Service level: first response has used 75 % of its time')
    expect(eventText(ev('sla_breached', '', 'resolution'), 'agent', tr)).toBe('Service level: resolution target breached')
    expect(eventText(ev('sla_breached', '', 'next_response'), 'agent', translator(zhCN as unknown as Tree))).toBe('服务级别：后续响应已超时')
  })
  it('words status and priority for the viewer', () => {
    expect(eventText(ev('status_changed', 'open', 'pending'), 'agent', tr)).toBe('Status changed from Open to Waiting for customer')
    expect(eventText(ev('status_changed', 'open', 'pending'), 'customer', tr)).toBe('Status changed from Open to Waiting for you')
    expect(eventText(ev('priority_changed', 'normal', 'urgent'), 'agent', tr)).toBe('Priority changed from Normal to Urgent')
  })
  it('tells assignment, unassignment and reassignment apart', () => {
    expect(eventText(ev('assignee_changed', '', 'Agent 二'), 'agent', tr)).toBe('Assigned to Agent 二')
    expect(eventText(ev('assignee_changed', 'Agent 二', ''), 'agent', tr)).toBe('Unassigned (was Agent 二)')
    expect(eventText(ev('assignee_changed', 'A', 'B'), 'agent', tr)).toBe('Reassigned from A to B')
  })
  it('names groups and tags', () => {
    expect(eventText(ev('group_changed', 'First line', 'VIP'), 'agent', tr)).toBe('Moved from group First line to VIP')
    expect(eventText(ev('group_changed', '', 'VIP'), 'agent', tr)).toBe('Moved to group VIP')
    expect(eventText(ev('tag_added', '', '闪退'), 'agent', tr)).toBe('Tag added: 闪退')
    expect(eventText(ev('tag_removed', 'ios', ''), 'agent', tr)).toBe('Tag removed: ios')
  })
  it('keeps unknown values and kinds readable', () => {
    expect(eventText(ev('status_changed', 'archived', 'open'), 'agent', tr)).toBe('Status changed from archived to Open')
    expect(eventText({ ...ev('field_changed', '', 'android'), field: 'os', field_label: 'System', to_display: 'Android' }, 'agent', tr))
      .toBe('System changed from (empty) to Android')
    expect(eventText(ev('macro_applied', '', 'Ask for logs'), 'agent', tr)).toBe('Macro “Ask for logs” applied')
  })
  it('exists in Chinese for every kind', () => {
    const zh = translator(zhCN as unknown as Tree)
    const kinds: EventType[] = ['status_changed', 'priority_changed', 'assignee_changed', 'group_changed', 'tag_added', 'tag_removed',
      'field_changed', 'merged_into', 'merged_from', 'rule_applied', 'macro_applied']
    for (const k of kinds) expect(eventText(ev(k, 'a', 'b'), 'agent', zh)).toMatch(/[\u4e00-\u9fff]/)
    expect(eventText(ev('assignee_changed', '', '王芳'), 'agent', zh)).toBe('已分配给 王芳')
  })
})
