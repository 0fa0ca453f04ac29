import { describe, expect, it } from 'vitest'
import { detectEnvironment } from './environment'

describe('detectEnvironment', () => {
  it('reads an iPhone', () => {
    const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1'
    expect(detectEnvironment(ua)).toEqual({ platform: 'web', os: 'iOS 17.1.2', app_version: 'Safari 17.1', device: 'iPhone' })
  })
  it('reads an Android phone with a model and WeChat', () => {
    const ua = 'Mozilla/5.0 (Linux; Android 13; V2217A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 MicroMessenger/8.0.40.2420(0x28002837) WeChat/arm64'
    const env = detectEnvironment(ua)
    expect(env.os).toBe('Android 13')
    expect(env.app_version).toBe('WeChat 8.0.40.2420')
    expect(env.device).toBe('V2217A')
  })
  it('ignores the reduced Android model "K"', () => {
    const ua = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36'
    expect(detectEnvironment(ua)).toMatchObject({ os: 'Android 10', app_version: 'Chrome 156.0.0.0', device: 'Mobile' })
  })
  it('reads desktop browsers', () => {
    const win = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0'
    expect(detectEnvironment(win)).toMatchObject({ os: 'Windows 10/11', app_version: 'Edge 120.0.0.0', device: 'Desktop' })
    const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0'
    expect(detectEnvironment(mac)).toMatchObject({ os: 'macOS 10.15', app_version: 'Firefox 121.0' })
  })
  it('copes with an unknown agent', () => {
    expect(detectEnvironment('')).toEqual({ platform: 'web', os: '', app_version: '', device: 'Desktop' })
  })
})
