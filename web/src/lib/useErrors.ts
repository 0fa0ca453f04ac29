import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../api'
import { formatBytes } from './files'

interface Problem {
  field: string
  code: string
  serverMessage?: string
}

/**
 * Form error state: one summary (shown in an aria-live region) and messages per server field path
 * ("subject", "guest.email", "files[2]"). Codes are kept, not text, so a language switch re-words them.
 */
export function useErrors(params: { maxFiles?: () => number; maxBytes?: () => number } = {}) {
  const { t, te } = useI18n()
  const raw = reactive({ summaryKey: '', summaryArgs: {} as Record<string, unknown>, problems: [] as Problem[] })

  function fieldMessage(p: Problem): string {
    const base = p.field.replace(/\[\d+\]$/, '').replace(/\./g, '_')
    const args = { max: params.maxFiles?.() ?? 5, size: formatBytes(params.maxBytes?.() ?? 20 * 1024 * 1024) }
    if (te(`fieldErrors.${base}.${p.code}`)) return t(`fieldErrors.${base}.${p.code}`, args)
    if (te(`fieldErrors.generic.${p.code}`)) return t(`fieldErrors.generic.${p.code}`, args)
    return p.serverMessage || t('errors.generic')
  }

  const summary = computed(() => (raw.summaryKey ? t(raw.summaryKey, raw.summaryArgs) : ''))
  const fields = computed(() => {
    const out: Record<string, string[]> = {}
    for (const p of raw.problems) (out[p.field] ??= []).push(fieldMessage(p))
    return out
  })

  // reactive() so templates read errors.summary without .value
  return reactive({
    summary,
    get hasProblems() {
      return raw.problems.length > 0
    },
    clear() {
      raw.summaryKey = ''
      raw.problems = []
    },
    /** A problem found in the browser, before asking the server. */
    add(field: string, code: string) {
      raw.problems.push({ field, code })
    },
    summarize(key: string) {
      raw.summaryKey = key
      raw.summaryArgs = {}
    },
    /** Shows a failed request: field errors beside their fields, the rest in the summary. */
    set(err: unknown, opts: { notFoundKey?: string; fieldFor?: Record<string, string> } = {}) {
      raw.problems = []
      raw.summaryArgs = {}
      if (!(err instanceof ApiError)) {
        raw.summaryKey = 'errors.generic'
        return
      }
      if (err.code === 'rate_limited' && err.retryAfter) {
        raw.summaryKey = 'errors.rate_limited_for'
        raw.summaryArgs = { seconds: err.retryAfter }
      } else if (err.code === 'not_found' && opts.notFoundKey) {
        raw.summaryKey = opts.notFoundKey
      } else {
        raw.summaryKey = te(`errors.${err.code}`) ? `errors.${err.code}` : 'errors.generic'
      }
      raw.problems = err.errors.map((e) => ({ field: e.field, code: e.code, serverMessage: e.message }))
      // Some codes point at one field without an errors[] entry (email_taken → email).
      const field = opts.fieldFor?.[err.code]
      if (field && !err.errors.length) raw.problems.push({ field, code: err.code })
    },
    for(field: string): string[] {
      return fields.value[field] ?? []
    },
    /** Messages for fields the form does not show, prefixed with the field path. */
    extra(shown: string[]): string[] {
      return Object.entries(fields.value)
        .filter(([f]) => !shown.includes(f) && !/^files\[\d+\]$/.test(f))
        .flatMap(([f, msgs]) => msgs.map((m) => `${f}: ${m}`))
    },
  })
}
export type Errors = ReturnType<typeof useErrors>
