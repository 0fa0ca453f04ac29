// The admin pages' strings travel with the admin chunk: merged into the global messages before
// the page renders, so the customer portal's first download does not carry them.
import { useI18n } from 'vue-i18n'
import en from '../../i18n/admin/en'
import zhCN from '../../i18n/admin/zh-CN'

export function useAdminI18n() {
  const i18n = useI18n()
  i18n.mergeLocaleMessage('en', { admin: en })
  i18n.mergeLocaleMessage('zh-CN', { admin: zhCN })
  return i18n
}
