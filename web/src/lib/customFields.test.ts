import { describe, expect, it } from 'vitest'
import type { FormField } from '../api/types'
import { answersFor, answersOf, changedAnswers, missingRequired } from './customFields'

const fields: FormField[] = [
  { key: 'method', label: '登录方式', type: 'dropdown', required: true, options: [{ value: 'wechat', label: '微信' }] },
  { key: 'phone', label: '手机号', type: 'text', required: false, options: [] },
  { key: 'agree', label: '同意', type: 'checkbox', required: true, options: [] },
]

describe('custom field answers', () => {
  it('sends only the asked keys, trimmed, without blanks', () => {
    expect(answersFor(fields, { method: 'wechat', phone: '  ', agree: true, stale: 'x' })).toEqual({ method: 'wechat', agree: true })
    expect(answersFor(fields, { phone: ' 138 ' })).toEqual({ phone: '138' })
  })
  it('names required fields without an answer; a required checkbox must be ticked', () => {
    expect(missingRequired(fields, { method: '', agree: false })).toEqual(['method', 'agree'])
    expect(missingRequired(fields, { method: 'wechat', agree: true })).toEqual([])
  })
  it('turns stored answers into editable ones and finds what changed', () => {
    const before = answersOf([
      { key: 'method', label: '', type: 'dropdown', value: 'wechat', display: '微信' },
      { key: 'amount', label: '', type: 'number', value: 3.5, display: '3.5' },
    ])
    expect(before).toEqual({ method: 'wechat', amount: '3.5' })
    expect(changedAnswers(fields, before, { ...before, phone: '138', agree: false })).toEqual({ phone: '138', agree: false })
    expect(changedAnswers(fields, before, { ...before, method: '' })).toEqual({ method: null })
    expect(changedAnswers(fields, before, { ...before })).toEqual({})
  })
})
