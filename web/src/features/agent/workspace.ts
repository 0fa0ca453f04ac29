// Shared by the agent pages: their messages (a chunk customers never download) and the staff
// directory, fetched once and shared by the queue's filters, the bulk bar and the assignment panel.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { StaffDirectory } from '../../api'
import { staffDirectory } from '../../api/workspace'
import en from '../../i18n/workspace/en'
import zhCN from '../../i18n/workspace/zh-CN'

let merged = false

/** useI18n() with the workspace's strings (under `ws.`) merged into the global messages. */
export function useWorkspaceI18n() {
  const i18n = useI18n()
  if (!merged) {
    i18n.mergeLocaleMessage('en', { ws: en })
    i18n.mergeLocaleMessage('zh-CN', { ws: zhCN })
    merged = true
  }
  return i18n
}

const MAX_AGE_MS = 60_000 // names and groups change rarely; the away flags and loads a little more often

export const directory = ref<StaffDirectory | null>(null)
let fetchedAt = 0
let pending: Promise<StaffDirectory> | null = null

/** The staff directory, from memory when fresh enough; `force` asks the server again. */
export function loadDirectory(force = false): Promise<StaffDirectory> {
  if (!force && directory.value && Date.now() - fetchedAt < MAX_AGE_MS) return Promise.resolve(directory.value)
  pending ??= staffDirectory()
    .then((d) => {
      directory.value = d
      fetchedAt = Date.now()
      return d
    })
    .finally(() => {
      pending = null
    })
  return pending
}
