// A reply on a ticket that changed since the page showed it: the server refuses it with 409
// `ticket_changed` (docs/api.md); the page then shows what changed and asks before sending again.
import { ref } from 'vue'
import { agentReply, ApiError, type ReplyAlso, type TicketDetail } from '../../api'

export interface Change {
  kind: 'message' | 'note' | 'status' | 'priority'
  name: string
  at: string
  excerpt?: string
  from?: string
  to?: string
}

export interface ChangedQuestion {
  changes: Change[]
  answer: (send: boolean) => void
}

const EXCERPT_CHARS = 120

/** The messages and events of `detail` newer than `seen`, oldest first. */
export function changesSince(detail: TicketDetail, seen: string): Change[] {
  const after = Date.parse(seen)
  const out: Change[] = []
  for (const m of detail.messages) {
    if (Date.parse(m.created_at) <= after) continue
    const text = m.body.replace(/\s+/g, ' ').trim()
    const excerpt = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text
    out.push({ kind: m.internal ? 'note' : 'message', name: m.author.name, at: m.created_at, excerpt })
  }
  for (const e of detail.events) {
    if (Date.parse(e.created_at) <= after) continue
    const kind = e.type === 'status_changed' ? 'status' : 'priority'
    out.push({ kind, name: e.author.name, at: e.created_at, from: e.from, to: e.to })
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}

export function useCollision() {
  const question = ref<ChangedQuestion | null>(null)

  /**
   * Sends the reply with the ticket's `updated_at` as shown (`seen`). When the server says it
   * changed, `refresh` reloads the page (so the changes are on screen too) and the agent is asked;
   * "send anyway" sends it with `confirm`, "don't send" rejects with the 409.
   */
  async function reply(
    number: string,
    body: string,
    internal: boolean,
    files: File[],
    seen: string | undefined,
    refresh: () => Promise<TicketDetail | null>,
    also: ReplyAlso = {},
  ) {
    try {
      return await agentReply(number, body, internal, files, seen ? { ...also, seen_updated_at: seen } : also)
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'ticket_changed' || !seen) throw e
      const fresh = await refresh()
      const changes = fresh ? changesSince(fresh, seen) : []
      const send = await new Promise<boolean>((resolve) => {
        question.value = { changes, answer: resolve }
      })
      question.value = null
      if (!send) throw e
      return await agentReply(number, body, internal, files, { ...also, seen_updated_at: seen, confirm: true })
    }
  }

  return { question, reply }
}
