// The service-level strings travel with the staff chunks that show them, never in the customer
// download: the queue's due column and the ticket panel merge this small common set; the admin
// pages and the report add theirs on top (./admin.ts, a module of their chunks only). Both sit
// under `sla`.
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
