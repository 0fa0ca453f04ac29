// The admin pages' and the report's service-level strings, merged under `sla` on top of the
// common set; only their chunks import this module.
import adminEn from './admin-en'
import adminZhCN from './admin-zh-CN'
import { useSlaI18n } from '.'

let merged = false

export function useSlaAdminI18n() {
  const i18n = useSlaI18n()
  if (!merged) {
    i18n.mergeLocaleMessage('en', { sla: adminEn })
    i18n.mergeLocaleMessage('zh-CN', { sla: adminZhCN })
    merged = true
  }
  return i18n
}
