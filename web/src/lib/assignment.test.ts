import { describe, expect, it } from 'vitest'
import type { StaffMember } from '../api/types'
import { assigneeChoices, seesAllGroups } from './assignment'

const s = (id: number, name: string, group_ids: number[]): StaffMember => ({ id, name, role: 'agent', away: false, group_ids, active_tickets: 0 })
const staff = [s(1, 'Zhao', [1]), s(2, 'An', [1, 2]), s(3, 'Outsider', [2]), s(4, 'Boss', [])]
const ids = (xs: StaffMember[]) => xs.map((x) => x.id)

describe('assigneeChoices', () => {
  it('offers agents the members of the chosen group, by name', () => {
    const c = assigneeChoices(staff, 1, 'agent', null)
    expect(ids(c.members)).toEqual([2, 1])
    expect(c.others).toEqual([])
  })
  it('keeps the current assignee choosable for agents when outside the group', () => {
    expect(ids(assigneeChoices(staff, 1, 'agent', 3).others)).toEqual([3])
  })
  it('offers supervisors and admins everyone, members first', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      const c = assigneeChoices(staff, 2, role, null)
      expect(ids(c.members)).toEqual([2, 3])
      expect(ids(c.others)).toEqual([4, 1])
      expect(seesAllGroups(role)).toBe(true)
    }
    expect(seesAllGroups('agent')).toBe(false)
  })
  it('without a group, agents get only the current assignee', () => {
    expect(assigneeChoices(staff, null, 'agent', 1)).toEqual({ members: [], others: [staff[0]] })
  })
})
