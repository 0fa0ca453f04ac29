import type { Message, TicketEvent } from '../api/types'

export type TimelineItem =
  | { kind: 'message'; key: string; at: string; message: Message }
  | { kind: 'event'; key: string; at: string; event: TicketEvent }

/**
 * Splits off the first message written to the ticket (the description with the submission's
 * attachments: the lowest id, since messages merged in from an older ticket keep their earlier
 * times) and merges the rest with the events, oldest first. Equal times keep messages before events.
 */
export function buildTimeline(messages: Message[], events: TicketEvent[]): { first: Message | null; items: TimelineItem[] } {
  const byTime = (a: { created_at: string }, b: { created_at: string }) => Date.parse(a.created_at) - Date.parse(b.created_at)
  const first = messages.reduce<Message | null>((min, m) => (min === null || m.id < min.id ? m : min), null)
  const rest = messages.filter((m) => m !== first).sort(byTime)
  const items: TimelineItem[] = [
    ...rest.map((m): TimelineItem => ({ kind: 'message', key: `m${m.id}`, at: m.created_at, message: m })),
    ...events.map((e): TimelineItem => ({ kind: 'event', key: `e${e.id}`, at: e.created_at, event: e })),
  ]
  items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1))
  return { first, items }
}
