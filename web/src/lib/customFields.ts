import type { FieldAnswers, FormField, TicketFieldValue } from '../api/types'

/**
 * The answers to send for `fields`: only the keys the category asks now (an answer left over from
 * another category would be refused as unknown_field), with blank texts as no answer.
 */
export function answersFor(fields: FormField[], answers: FieldAnswers): FieldAnswers {
  const out: FieldAnswers = {}
  for (const f of fields) {
    const v = answers[f.key]
    if (v === undefined || v === null) continue
    if (typeof v === 'string') {
      if (v.trim() === '') continue
      out[f.key] = v.trim()
    } else {
      out[f.key] = v
    }
  }
  return out
}

/** The keys of required fields without an answer (a required checkbox must be ticked). */
export function missingRequired(fields: FormField[], answers: FieldAnswers): string[] {
  return fields
    .filter((f) => f.required)
    .filter((f) => {
      const v = answers[f.key]
      return f.type === 'checkbox' ? v !== true : v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
    })
    .map((f) => f.key)
}

/** The editable answers of a ticket, by key, for the agent's editor. */
export function answersOf(values: TicketFieldValue[]): FieldAnswers {
  const out: FieldAnswers = {}
  for (const v of values) out[v.key] = typeof v.value === 'number' ? String(v.value) : v.value
  return out
}

/**
 * The changes an agent made: every asked key whose answer differs from the stored one, a cleared
 * answer as null.
 */
export function changedAnswers(fields: FormField[], before: FieldAnswers, after: FieldAnswers): FieldAnswers {
  const out: FieldAnswers = {}
  const norm = (v: FieldAnswers[string] | undefined) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim() : v)
  for (const f of fields) {
    const a = norm(before[f.key])
    const b = norm(after[f.key])
    if (a !== b) out[f.key] = b
  }
  return out
}
