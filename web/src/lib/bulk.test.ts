import { describe, expect, it } from 'vitest'
import { bulkChanges, emptyBulkForm, summarizeBulk, UNASSIGN } from './bulk'

describe('bulk changes', () => {
  it('ask for nothing when nothing is chosen', () => {
    expect(bulkChanges(emptyBulkForm())).toBeNull()
    expect(bulkChanges({ ...emptyBulkForm(), tag: '   ' })).toBeNull()
  })
  it('carry only what was chosen', () => {
    expect(bulkChanges({ assignee: '7', status: 'pending', priority: '', tag: ' vip ' }))
      .toEqual({ assignee_id: 7, status: 'pending', add_tags: ['vip'] })
    expect(bulkChanges({ ...emptyBulkForm(), assignee: UNASSIGN })).toEqual({ assignee_id: null })
  })
  it('split the answer into changed and failed tickets', () => {
    const s = summarizeBulk([
      { number: 'A', ok: true },
      { number: 'B', ok: false, status: 404, code: 'not_found', detail: 'No such ticket.' },
    ])
    expect(s.changed).toEqual(['A'])
    expect(s.failed.map((f) => f.code)).toEqual(['not_found'])
  })
})
