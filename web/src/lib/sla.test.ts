import { describe, expect, it } from 'vitest'
import type { TicketSla } from '../api/types'
import {
  daysBetween, domainsFromText, dueView, earliestDue, intervalsFromText, intervalsToText, isoDateIn, lineRuns, minusDays,
  minutesParts, percent, relativeDue,
} from './sla'

const NOW = Date.parse('2026-12-04T08:00:00Z')
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString()
const sla = (state: TicketSla['state'], targets: TicketSla['targets'] = []): TicketSla => ({ policy: 'Standard', state, targets })

describe('earliestDue', () => {
  it('picks the soonest of the three due times and skips nulls', () => {
    expect(earliestDue({ first_response_due_at: at(90), next_response_due_at: null, resolution_due_at: at(30) })).toBe(at(30))
    expect(earliestDue({ first_response_due_at: null, next_response_due_at: null, resolution_due_at: null })).toBeNull()
    expect(earliestDue({})).toBeNull()
  })
})

describe('dueView', () => {
  it('is neutral while running within target, amber on the server warning, red past due or on a recorded breach', () => {
    expect(dueView({ first_response_due_at: at(35), sla: sla('ok') }, NOW)).toEqual({ tone: 'ok', at: at(35) })
    expect(dueView({ first_response_due_at: at(35), sla: sla('warning') }, NOW).tone).toBe('warning')
    expect(dueView({ first_response_due_at: at(35), sla: sla('breached') }, NOW).tone).toBe('breached')
    // The page stayed open past the due time: red without asking the server again.
    expect(dueView({ first_response_due_at: at(-1), sla: sla('ok') }, NOW).tone).toBe('breached')
    expect(dueView({ first_response_due_at: at(0), sla: sla('warning') }, NOW).tone).toBe('breached')
  })
  it('is grey "paused" when no due time runs but a target is paused, and empty without targets', () => {
    const paused = sla('ok', [{ kind: 'resolution', cycle: 1, due_at: null, state: 'paused', finished_at: null }])
    expect(dueView({ resolution_due_at: null, sla: paused }, NOW)).toEqual({ tone: 'paused', at: null })
    expect(dueView({ sla: sla('ok') }, NOW)).toEqual({ tone: 'none', at: null })
    expect(dueView({ sla: null }, NOW)).toEqual({ tone: 'none', at: null })
  })
  it('reads a list item without targets as paused while it is pending or solved under a policy', () => {
    const listed = { policy: 'Standard', state: 'ok' } as TicketSla
    expect(dueView({ status: 'pending', sla: listed }, NOW)).toEqual({ tone: 'paused', at: null })
    expect(dueView({ status: 'resolved', sla: listed }, NOW)).toEqual({ tone: 'paused', at: null })
    expect(dueView({ status: 'open', sla: listed }, NOW)).toEqual({ tone: 'none', at: null })
    expect(dueView({ status: 'pending', sla: { policy: null, state: 'ok' } as TicketSla }, NOW).tone).toBe('none')
  })
})

describe('relativeDue', () => {
  it('counts minutes below an hour, hours below two days, then days, rounded down', () => {
    expect(relativeDue(at(35.9), NOW)).toEqual({ dir: 'in', n: 35, unit: 'min' })
    expect(relativeDue(at(60), NOW)).toEqual({ dir: 'in', n: 1, unit: 'h' })
    expect(relativeDue(at(119), NOW)).toEqual({ dir: 'in', n: 1, unit: 'h' })
    expect(relativeDue(at(47 * 60 + 59), NOW)).toEqual({ dir: 'in', n: 47, unit: 'h' })
    expect(relativeDue(at(48 * 60), NOW)).toEqual({ dir: 'in', n: 2, unit: 'd' })
  })
  it('says overdue in the same units', () => {
    expect(relativeDue(at(-5), NOW)).toEqual({ dir: 'over', n: 5, unit: 'min' })
    expect(relativeDue(at(-125), NOW)).toEqual({ dir: 'over', n: 2, unit: 'h' })
    expect(relativeDue(at(-3 * 24 * 60), NOW)).toEqual({ dir: 'over', n: 3, unit: 'd' })
  })
  it('says now within the minute either side', () => {
    expect(relativeDue(at(0.5), NOW).dir).toBe('now')
    expect(relativeDue(at(-0.5), NOW).dir).toBe('now')
  })
})

describe('text helpers', () => {
  it('read weekly intervals written with commas, spaces, Chinese punctuation or dashes', () => {
    expect(intervalsFromText('09:00-12:00, 13:30-18:30')).toEqual(['09:00-12:00', '13:30-18:30'])
    expect(intervalsFromText('09:00–12:00，13:30~18:30')).toEqual(['09:00-12:00', '13:30-18:30'])
    expect(intervalsFromText('  ')).toEqual([])
    expect(intervalsToText(['09:00-12:00', '13:30-18:30'])).toBe('09:00-12:00, 13:30-18:30')
    expect(intervalsToText(null)).toBe('')
  })
  it('read customer domains one a line, lower case, without @ or repeats', () => {
    expect(domainsFromText('VIP.example.com\n@vip.example.com\n\npartner.cn, x.org')).toEqual(['vip.example.com', 'partner.cn', 'x.org'])
  })
  it('turn shares and minutes into what the report shows', () => {
    expect(percent(0.874)).toBe(87)
    expect(percent(null)).toBeNull()
    expect(minutesParts(42.4)).toEqual({ n: '42', unit: 'min' })
    expect(minutesParts(210)).toEqual({ n: '3.5', unit: 'h' })
    expect(minutesParts(3 * 24 * 60)).toEqual({ n: '3', unit: 'd' })
    expect(minutesParts(null)).toBeNull()
  })
})

describe('lineRuns', () => {
  it('spreads days across the width with 100 % at the top, and breaks the line at days without data', () => {
    const runs = lineRuns([1, 0.5, null, 0, 0.25], 400, 100)
    expect(runs).toEqual([
      [{ x: 0, y: 0, value: 1, index: 0 }, { x: 100, y: 50, value: 0.5, index: 1 }],
      [{ x: 300, y: 100, value: 0, index: 3 }, { x: 400, y: 75, value: 0.25, index: 4 }],
    ])
  })
  it('centres a single day and clamps out-of-range shares', () => {
    expect(lineRuns([1.5], 200, 100)).toEqual([[{ x: 100, y: 0, value: 1, index: 0 }]])
    expect(lineRuns([], 200, 100)).toEqual([])
  })
})

describe('dates', () => {
  it('name the day in a time zone and count days', () => {
    // 2026-12-04 20:00 UTC is already 5 December in Shanghai.
    expect(isoDateIn(new Date('2026-12-04T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-05')
    expect(minusDays('2026-03-01', 1)).toBe('2026-02-28')
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365)
    expect(daysBetween('2026-01-02', '2026-01-01')).toBe(0)
  })
})
