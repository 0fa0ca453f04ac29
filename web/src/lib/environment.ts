import type { Environment } from '../api/types'

// Best-effort guess of the customer's environment from a User-Agent string. The customer can
// edit every field: the problem may be in the mobile app rather than in this browser.

function match(ua: string, re: RegExp): string | null {
  const m = re.exec(ua)
  return m ? m[1] : null
}

function detectOs(ua: string): string {
  let v: string | null
  if ((v = match(ua, /(?:iPhone|iPad|iPod).*? OS (\d+(?:_\d+)*)/))) return `iOS ${v.replace(/_/g, '.')}`
  if ((v = match(ua, /Android (\d+(?:\.\d+)*)/))) return `Android ${v}`
  if (/HarmonyOS/.test(ua)) return 'HarmonyOS'
  if ((v = match(ua, /Windows NT (\d+\.\d+)/))) return v === '10.0' ? 'Windows 10/11' : `Windows NT ${v}`
  if ((v = match(ua, /Mac OS X (\d+(?:[_.]\d+)*)/))) return `macOS ${v.replace(/_/g, '.')}`
  if (/CrOS/.test(ua)) return 'ChromeOS'
  if (/Linux/.test(ua)) return 'Linux'
  return ''
}

function detectBrowser(ua: string): string {
  const rules: [string, RegExp][] = [
    ['WeChat', /MicroMessenger\/([\d.]+)/],
    ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
    ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
    ['Safari', /Version\/([\d.]+).*Safari/],
  ]
  for (const [name, re] of rules) {
    const v = match(ua, re)
    if (v) return `${name} ${v}`
  }
  return ''
}

function detectDevice(ua: string): string {
  if (/iPad/.test(ua)) return 'iPad'
  if (/iPhone/.test(ua)) return 'iPhone'
  // "Android 13; V2217A Build/TP1A…; wv)" → "V2217A"; Chrome's reduced UA says just "K".
  const model = match(ua, /Android [\d.]+; (?:[a-z]{2}-[a-z]{2}; )?([^;)]+)/i)?.replace(/ Build\/.*$/, '').trim()
  if (model && model !== 'K' && model.length <= 60) return model
  if (/Mobi|Android/.test(ua)) return 'Mobile'
  return 'Desktop'
}

export function detectEnvironment(ua: string): Environment {
  const cut = (s: string) => s.slice(0, 100) // the server's per-field limit
  return {
    platform: 'web', // the same words the mobile app sends: web, ios, android
    os: cut(detectOs(ua)),
    app_version: cut(detectBrowser(ua)),
    device: cut(detectDevice(ua)),
  }
}
