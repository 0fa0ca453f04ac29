import { describe, expect, it } from 'vitest'
import { isFuture, localInputToUtc, toLocalInput } from './datetime'

describe('localInputToUtc', () => {
  it('reads the input as local wall time and answers in UTC', () => {
    const local = new Date(2026, 10, 25, 19, 11) // 25 Nov 2026 19:11 local
    expect(localInputToUtc('2026-11-25T19:11')).toBe(local.toISOString())
    expect(localInputToUtc('2026-11-25T19:11')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/)
  })
  it('rejects empty and malformed values', () => {
    expect(localInputToUtc('')).toBeNull()
    expect(localInputToUtc('yesterday')).toBeNull()
    expect(localInputToUtc('2026-13-45T99:99')).toBeNull()
  })
  it('round-trips with toLocalInput', () => {
    const d = new Date(2026, 0, 2, 3, 4)
    expect(toLocalInput(d)).toBe('2026-01-02T03:04')
    expect(localInputToUtc(toLocalInput(d))).toBe(d.toISOString())
  })
})

describe('isFuture', () => {
  const now = new Date('2026-11-25T12:00:00.000Z')
  it('compares with now', () => {
    expect(isFuture('2026-11-25T12:00:01.000Z', now)).toBe(true)
    expect(isFuture('2026-11-25T11:59:59.000Z', now)).toBe(false)
    expect(isFuture(null, now)).toBe(false)
  })
})
