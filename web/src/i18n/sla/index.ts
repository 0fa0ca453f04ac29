// The service-level strings travel with the staff chunks that show them (queue, ticket page, admin,
// report): merged under `sla` before such a component renders, never in the customer download.
import { useI18n } from 'vue-i18n'
import en from './en'
import zhCN from './zh-CN'

let merged = false

export function useSlaI18n() {
  const i18n = useI18n()
  if (!merged) {
    i18n.mergeLocaleMessage('en', { sla: en })
    i18n.mergeLocaleMessage('zh-CN', { sla: zhCN })
    merged = true
  }
  return i18n
}
