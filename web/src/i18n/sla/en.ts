// English strings of the service-level pieces of the staff pages (queue column, ticket panel, admin
// pages, report), merged under `sla` by useSlaI18n. Keep the key set identical to zh-CN.ts.
export default {
  state: {
    ok: 'On track',
    warning: 'At risk',
    breached: 'Breached',
    paused: 'Paused',
    running: 'Running',
    met: 'Met',
  },
  kind: {
    first_response: 'First response',
    next_response: 'Next response',
    resolution: 'Resolution',
  },
  rel: {
    now: 'due now',
    in: { min: 'in {n} min', h: 'in {n} h', d: 'in {n} d' },
    over: { min: 'overdue {n} min', h: 'overdue {n} h', d: 'overdue {n} d' },
  },
  unit: { min: '{n} min', h: '{n} h', d: '{n} d' },
  due: {
    none: 'No target',
    paused: 'Paused',
    at: 'Due {time}',
    title: '{state}: due {time}',
  },
  panel: {
    title: 'Service level',
    policy: 'Policy: {name}',
    noPolicy: 'No service-level policy applies to this ticket.',
    cycle: 'reply {n}',
    dueAt: 'Due {time}',
    finishedAt: 'Done {time}',
    breachedAt: 'Was due {time}',
    pausedHint: 'The clock stops while the ticket waits for the customer or is solved.',
    none: 'No targets.',
  },
}
