import { createI18n } from 'vue-i18n'
import { setRequestLocale } from '../api'
import en from './en'
import zhCN from './zh-CN'

export type AppLocale = 'zh-CN' | 'en'
export const LOCALES: { code: AppLocale; label: string }[] = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
]
const STORAGE_KEY = 'gd_locale'

/** zh, zh-CN, zh-TW… → zh-CN; anything else → en; nothing known → zh-CN (the default). */
export function pickLocale(stored: string | null, browser: readonly string[]): AppLocale {
  if (stored === 'zh-CN' || stored === 'en') return stored
  const first = browser.find(Boolean)
  if (!first) return 'zh-CN'
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

function storedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null // storage disabled (private mode, policies)
  }
}

const initial = pickLocale(storedLocale(), navigator.languages?.length ? navigator.languages : [navigator.language])

export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

function apply(locale: AppLocale): void {
  document.documentElement.lang = locale
  setRequestLocale(locale)
}
apply(initial)

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  apply(locale)
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // not persisted; the choice still holds for this page
  }
}
