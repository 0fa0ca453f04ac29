import { describe, expect, it } from 'vitest'
import type { TicketDetail } from '../../api'
import { changesSince } from './collision'

const author = (name: string) => ({ name, role: 'agent' }) as TicketDetail['messages'][number]['author']

describe('changesSince', () => {
  it('lists messages, notes and events after the time the page showed, oldest first, with short excerpts', () => {
    const detail = {
      ticket: {},
      messages: [
        { id: 1, author: author('客户'), body: 'old', internal: false, created_at: '2026-11-25T01:00:00.000Z', attachments: [] },
        { id: 2, author: author('王芳'), body: `  long\n${'x'.repeat(200)}`, internal: false, created_at: '2026-11-25T01:02:00.000Z', attachments: [] },
        { id: 3, author: author('李雷'), body: 'note', internal: true, created_at: '2026-11-25T01:01:00.000Z', attachments: [] },
      ],
      events: [
        { id: 9, type: 'status_changed', from: 'new', to: 'open', author: author('王芳'), created_at: '2026-11-25T01:02:00.000Z' },
        { id: 8, type: 'priority_changed', from: 'normal', to: 'high', author: author('王芳'), created_at: '2026-11-25T00:59:00.000Z' },
      ],
    } as unknown as TicketDetail
    const changes = changesSince(detail, '2026-11-25T09:00:00.000+08:00')
    expect(changes.map((c) => c.kind)).toEqual(['note', 'message', 'status'])
    expect(changes[1].excerpt).toHaveLength(121)
    expect(changes[1].excerpt?.startsWith('long xxx')).toBe(true)
    expect(changes[2]).toMatchObject({ name: '王芳', from: 'new', to: 'open' })
  })
})
