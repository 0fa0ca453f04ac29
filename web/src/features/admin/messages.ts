// The admin pages' strings travel with their chunk: merged into i18n when the chunk first loads,
// so the customer portal's first download does not carry them.
import { i18n } from '../../i18n'
import en from '../../i18n/admin/en'
import zhCN from '../../i18n/admin/zh-CN'

i18n.global.mergeLocaleMessage('en', { admin: en })
i18n.global.mergeLocaleMessage('zh-CN', { admin: zhCN })
