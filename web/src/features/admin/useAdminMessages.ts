import { useI18n } from 'vue-i18n'
import en from '../../i18n/admin/en'
import zhCN from '../../i18n/admin/zh-CN'

/**
 * Merges the admin strings into the global messages before a page of the admin chunk renders, so
 * that the customer portal's first download does not carry them.
 */
export function useAdminMessages() {
  const i18n = useI18n()
  i18n.mergeLocaleMessage('en', { admin: en })
  i18n.mergeLocaleMessage('zh-CN', { admin: zhCN })
  return i18n
}
