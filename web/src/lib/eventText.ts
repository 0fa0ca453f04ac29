// One line of history for each kind of ticket event (docs/workspace.md, "Audit history"), in the
// viewer's language. Status and priority values are translated; names, groups and tags are data.
import type { TicketEvent } from '../api/types'

export interface Translator {
  t: (key: string, args?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

export function eventText(e: TicketEvent, viewer: 'customer' | 'agent', { t, te }: Translator): string {
  const word = (group: string, v: string) => (te(`${group}.${v}`) ? t(`${group}.${v}`) : v)
  const { from, to } = e
  switch (e.type) {
    case 'status_changed': {
      const group = viewer === 'agent' ? 'statusAgent' : 'status'
      return t('ticket.statusChanged', { from: word(group, from), to: word(group, to) })
    }
    case 'priority_changed':
      return t('ticket.priorityChanged', { from: word('priority', from), to: word('priority', to) })
    case 'assignee_changed':
      if (!to) return t('events.unassigned', { from })
      return from ? t('events.reassigned', { from, to }) : t('events.assigned', { to })
    case 'group_changed':
      return from ? t('events.groupChanged', { from, to }) : t('events.groupSet', { to })
    case 'tag_added':
      return t('events.tagAdded', { tag: to })
    case 'tag_removed':
      return t('events.tagRemoved', { tag: from })
    case 'field_changed': {
      // A custom field's answer (agents' page only): named by its label, answers as people read them.
      const shown = (v: string | undefined) => (v ? v : t('customFields.empty'))
      return t('customFields.changed', { field: e.field_label ?? e.field ?? '', from: shown(e.from_display ?? from), to: shown(e.to_display ?? to) })
    }
    case 'merged_into':
      return t('events.mergedInto', { number: to || from })
    case 'merged_from':
      return t('events.mergedFrom', { number: from || to })
    case 'rule_applied':
      return t('events.ruleApplied', { name: to || from })
    case 'macro_applied':
      return t('events.macroApplied', { name: to || from })
    case 'sla_warning':
    case 'sla_breached':
      // Staff only (docs/sla.md, "Escalation"): `to` names the target.
      return t(e.type === 'sla_warning' ? 'events.slaWarning' : 'events.slaBreached', { target: word('events.slaTarget', to || from) })
    default:
      // Kinds newer than this page: say what changed, in the server's words.
      return t('events.changed', { from: from || '—', to: to || '—' })
  }
}
