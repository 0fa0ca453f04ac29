import { describe, expect, it } from 'vitest'
import { emptyFilters, filtersFromQuery, filtersToApi, filtersToQuery, sameFilters } from './queueQuery'

describe('queue filters in the URL', () => {
  it('default to the open view in the view’s own order', () => {
    expect(filtersFromQuery({})).toEqual(emptyFilters())
    expect(filtersToQuery(emptyFilters())).toEqual({})
    expect(filtersToApi(emptyFilters())).toEqual({ view: 'open' })
  })
  it('round-trip every filter', () => {
    const f = { view: 'unassigned', sort: 'due', q: '闪退', tag: 'ios', group: 3, assignee: 12 }
    const q = filtersToQuery(f)
    expect(q).toEqual({ view: 'unassigned', sort: 'due', q: '闪退', tag: 'ios', group: '3', assignee: '12' })
    expect(filtersFromQuery(q as Record<string, string>)).toEqual(f)
  })
  it('send the API its own parameter names; "all" sends no view', () => {
    expect(filtersToApi({ view: 'all', sort: 'age', q: ' x ', tag: 'iOS', group: 2, assignee: 5 }))
      .toEqual({ sort: 'age', q: 'x', tag: 'ios', group_id: 2, assignee_id: 5 })
  })
  it('ignore malformed values instead of failing', () => {
    expect(filtersFromQuery({ view: 'DROP TABLE', sort: 'random', group: '-1', assignee: 'abc' })).toEqual(emptyFilters())
    expect(filtersFromQuery({ view: ['mine', 'open'], group: ['7'] })).toMatchObject({ view: 'mine', group: 7 })
    expect(filtersFromQuery({ view: 'breach_risk' }).view).toBe('breach_risk') // a view added later
  })
  it('compare by what they ask for', () => {
    expect(sameFilters({ ...emptyFilters(), q: 'a ' }, { ...emptyFilters(), q: 'a' })).toBe(true)
    expect(sameFilters(emptyFilters(), { ...emptyFilters(), view: 'mine' })).toBe(false)
  })
})
