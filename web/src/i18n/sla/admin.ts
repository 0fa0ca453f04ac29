// The admin pages' and the report's service-level strings, merged under `sla` on top of the
// common set, and the error codes only those pages meet; only their chunks import this module.
import adminEn, { problems as problemsEn } from './admin-en'
import adminZhCN, { problems as problemsZhCN } from './admin-zh-CN'
import { useSlaI18n } from '.'

let merged = false

export function useSlaAdminI18n() {
  const i18n = useSlaI18n()
  if (!merged) {
    i18n.mergeLocaleMessage('en', { sla: adminEn, ...problemsEn })
    i18n.mergeLocaleMessage('zh-CN', { sla: adminZhCN, ...problemsZhCN })
    merged = true
  }
  return i18n
}
