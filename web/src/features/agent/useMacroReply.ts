// The reply box's macro state on the agent ticket page: which macro filled it and the changes that
// go with it (shown as chips the agent may drop), and how the reply is then sent.
import { computed, reactive } from 'vue'
import type { Priority, ReplyAlso, Status } from '../../api'
import { applyMacro, type MacroPreview } from '../../api/macros'

/** `reply` sends the agent's own reply with the changes that go with it (the page adds its collision check). */
export function useMacroReply(
  number: () => string,
  fill: (body: string, internal: boolean) => void,
  reply: (body: string, files: File[], internal: boolean, also: ReplyAlso) => Promise<unknown>,
) {
  const state = reactive({
    preview: null as MacroPreview | null,
    status: null as Status | null,
    priority: null as Priority | null,
    tags: [] as string[],
  })

  function take(preview: MacroPreview) {
    state.preview = preview
    state.status = preview.actions.status
    state.priority = preview.actions.priority
    state.tags = [...preview.actions.add_tags]
    fill(preview.body, preview.internal)
  }

  function clear() {
    state.preview = null
    state.status = null
    state.priority = null
    state.tags = []
  }

  const hasActions = computed(() => Boolean(state.status || state.priority || state.tags.length))

  /**
   * Sends the reply box. The macro exactly as previewed goes through the apply endpoint (one
   * transaction, recorded as macro_applied); an edited text, other changes or attachments make it
   * the agent's own reply, which still carries the chosen status, priority and tags in the same
   * request.
   */
  async function send(body: string, files: File[], internal: boolean) {
    const p = state.preview
    const untouched = p !== null && body === p.body.trim() && internal === p.internal && files.length === 0 &&
      state.status === p.actions.status && state.priority === p.actions.priority &&
      state.tags.join(',') === p.actions.add_tags.join(',')
    if (p && untouched) {
      await applyMacro(number(), p.macro.id)
    } else {
      await reply(body, files, internal, {
        status: state.status ?? undefined,
        priority: state.priority ?? undefined,
        add_tags: state.tags.length ? state.tags : undefined,
      })
    }
    clear()
  }

  return reactive({ state, hasActions, take, clear, send })
}

export type MacroReply = ReturnType<typeof useMacroReply>
