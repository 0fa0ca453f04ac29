import { describe, expect, it } from 'vitest'
import { unknownPlaceholders } from '../../api/macros'

// The page warns as the agent types, with the rule the server applies on save.
describe('unknownPlaceholders', () => {
  it('accepts every known placeholder, with spaces inside the braces', () => {
    expect(unknownPlaceholders('{{customer.name}} {{ ticket.number }} {{customer.email}} {{ticket.subject}} {{agent.name}}')).toEqual([])
  })
  it('names typos once each, and an unclosed brace', () => {
    expect(unknownPlaceholders('{{customer.nmae}} {{customer.nmae}} {{order}}')).toEqual(['{{customer.nmae}}', '{{order}}'])
    expect(unknownPlaceholders('Hi {{ticket.number')).toEqual(['{{ticket.number'])
  })
  it('leaves single braces alone', () => {
    expect(unknownPlaceholders('a { b } c}}')).toEqual([])
  })
})
