import { describe, expect, it } from 'vitest'
import type { Message, TicketEvent } from '../api/types'
import { buildTimeline } from './timeline'

const author = { name: 'A', role: 'customer' as const }
const msg = (id: number, at: string): Message => ({ id, author, body: `m${id}`, internal: false, created_at: at, attachments: [] })
const ev = (id: number, at: string): TicketEvent => ({ id, type: 'status_changed', from: 'new', to: 'open', author, created_at: at })

describe('buildTimeline', () => {
  it('splits off the description and merges the rest by time', () => {
    const { first, items } = buildTimeline(
      [msg(2, '2026-01-01T10:05:00.000Z'), msg(1, '2026-01-01T10:00:00.000Z'), msg(3, '2026-01-01T10:10:00.000Z')],
      [ev(7, '2026-01-01T10:07:00.000Z'), ev(8, '2026-01-01T10:10:00.000Z')],
    )
    expect(first?.id).toBe(1)
    expect(items.map((i) => i.key)).toEqual(['m2', 'e7', 'm3', 'e8'])
  })
  it('keeps the ticket’s own description first after an older ticket was merged into it', () => {
    // Ticket B (description id 10 at 11:00) took in A's messages (ids 11, 12) at A's earlier times.
    const { first, items } = buildTimeline(
      [msg(10, '2026-01-01T11:00:00.000Z'), msg(11, '2026-01-01T09:00:00.000Z'), msg(12, '2026-01-01T09:30:00.000Z')],
      [],
    )
    expect(first?.id).toBe(10)
    expect(items.map((i) => i.key)).toEqual(['m11', 'm12'])
  })
  it('handles a ticket with no messages', () => {
    expect(buildTimeline([], [])).toEqual({ first: null, items: [] })
  })
})
