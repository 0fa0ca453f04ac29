// Whom the assignee picker offers (docs/workspace.md, "Groups and assignment"): an agent may hand a
// ticket only to members of its group; supervisors and admins to anyone on staff. The server
// enforces this; the picker only avoids offering choices that would be refused.
import type { Role, StaffMember } from '../api/types'

export const seesAllGroups = (role: Role | undefined) => role === 'supervisor' || role === 'admin'

export interface AssigneeChoices {
  members: StaffMember[] // of the chosen group, by name
  others: StaffMember[] // everyone else on staff (supervisors and admins only)
}

const byName = (a: StaffMember, b: StaffMember) => a.name.localeCompare(b.name) || a.id - b.id

export function assigneeChoices(
  staff: StaffMember[],
  groupId: number | null,
  viewerRole: Role | undefined,
  currentAssigneeId: number | null,
): AssigneeChoices {
  const inGroup = (s: StaffMember) => groupId !== null && s.group_ids.includes(groupId)
  const members = staff.filter(inGroup).sort(byName)
  const rest = staff.filter((s) => !inGroup(s)).sort(byName)
  if (seesAllGroups(viewerRole)) return { members, others: rest }
  // The ticket's current assignee stays choosable even when outside the group (they keep it).
  const current = rest.find((s) => s.id === currentAssigneeId)
  return { members, others: current ? [current] : [] }
}
