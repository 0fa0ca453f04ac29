import { describe, expect, it } from 'vitest'
import { baseCompile } from '@intlify/message-compiler'
import en from './en'
import zhCN from './zh-CN'
import adminEn from './admin/en'
import adminZh from './admin/zh-CN'
import wsEn from './workspace/en'
import wsZh from './workspace/zh-CN'
import rulesEn from './admin/rules-en'
import rulesZh from './admin/rules-zh-CN'
import slaEn from './sla/en'
import slaZh from './sla/zh-CN'
import slaAdminEn, { problems as slaProblemsEn } from './sla/admin-en'
import slaAdminZh, { problems as slaProblemsZh } from './sla/admin-zh-CN'

type Tree = { [k: string]: string | Tree }
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

const zh = leaves(zhCN)
const enLeaves = leaves(en)

describe('messages', () => {
  it('have the same keys in both languages', () => {
    expect([...zh.keys()].sort()).toEqual([...enLeaves.keys()].sort())
  })
  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, text] of zh) expect(names(text), key).toEqual(names(enLeaves.get(key) ?? ''))
  })
  it('all compile (a stray @ or | would break at run time)', () => {
    for (const [key, text] of [...zh, ...enLeaves]) {
      const errors: string[] = []
      baseCompile(text, { onError: (e) => errors.push(e.message) })
      expect(errors, `${key}: ${text}`).toEqual([])
    }
  })
  it('name every status and priority the API knows', () => {
    for (const s of ['new', 'open', 'pending', 'resolved', 'closed']) expect(zh.has(`status.${s}`)).toBe(true)
    for (const p of ['low', 'normal', 'high', 'urgent']) expect(zh.has(`priority.${p}`)).toBe(true)
  })
  it('translate every error code of docs/api.md', () => {
    const codes = ['invalid_json', 'validation_failed', 'invalid_number', 'unauthenticated', 'invalid_credentials', 'forbidden',
      'csrf_failed', 'not_found', 'method_not_allowed', 'conflict', 'email_taken', 'invalid_transition', 'reopen_window_passed',
      'payload_too_large', 'unsupported_media_type', 'rate_limited', 'internal']
    for (const c of codes) expect(zh.has(`errors.${c}`), c).toBe(true)
    const fieldCodes = ['required', 'too_long', 'too_short', 'invalid', 'invalid_type', 'invalid_utf8', 'too_many', 'too_large',
      'unsupported_type', 'unknown_category']
    for (const c of fieldCodes) expect(zh.has(`fieldErrors.generic.${c}`), c).toBe(true)
  })
  it('translate the mail codes of docs/mail.md', () => {
    for (const c of ['link_invalid', 'not_failed']) expect(zh.has(`errors.${c}`), c).toBe(true)
  })
  it('translate the workspace codes of docs/api.md', () => {
    for (const c of ['own_role', 'name_taken', 'assignee_not_in_group', 'unknown_user', 'unknown_group']) expect(zh.has(`errors.${c}`), c).toBe(true)
  })
})

describe('admin messages (their own chunk)', () => {
  const azh = leaves(adminZh)
  const aen = leaves(adminEn)
  it('have the same keys in both languages', () => {
    expect([...azh.keys()].sort()).toEqual([...aen.keys()].sort())
  })
  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, text] of azh) expect(names(text), key).toEqual(names(aen.get(key) ?? ''))
  })
  it('all compile', () => {
    for (const [key, text] of [...azh, ...aen]) {
      const errors: string[] = []
      baseCompile(text, { onError: (e) => errors.push(e.message) })
      expect(errors, `${key}: ${text}`).toEqual([])
    }
  })
  it('name every role and assignment mode', () => {
    for (const r of ['customer', 'agent', 'supervisor', 'admin']) expect(azh.has(`roles.${r}`), r).toBe(true)
    for (const m of ['manual', 'round_robin', 'least_load']) expect(azh.has(`groups.modes.${m}`), m).toBe(true)
  })
  it('name every mail kind and outbox state', () => {
    const kinds = ['ticket_confirmation', 'agent_reply', 'status_changed', 'ticket_link', 'ticket_list', 'sign_in_link',
      'email_verification', 'test_mail']
    for (const k of kinds) expect(azh.has(`kind.${k}`), k).toBe(true)
    for (const s of ['queued', 'sending', 'sent', 'failed']) expect(azh.has(`state.${s}`), s).toBe(true)
  })
})

describe('workspace messages (the agent chunk)', () => {
  const wzh = leaves(wsZh)
  const wen = leaves(wsEn)
  it('have the same keys in both languages', () => {
    expect([...wzh.keys()].sort()).toEqual([...wen.keys()].sort())
  })
  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, text] of wzh) expect(names(text), key).toEqual(names(wen.get(key) ?? ''))
  })
  it('all compile', () => {
    for (const [key, text] of [...wzh, ...wen]) {
      const errors: string[] = []
      baseCompile(text, { onError: (e) => errors.push(e.message) })
      expect(errors, `${key}: ${text}`).toEqual([])
    }
  })
  it('name every built-in view and sort', () => {
    for (const v of ['unassigned', 'mine', 'my_groups', 'pending', 'urgent', 'open', 'recently_solved']) expect(wzh.has(`views.${v}`), v).toBe(true)
    for (const s of ['priority', 'age', 'last_customer_message', 'due']) expect(wzh.has(`sort.${s}`), s).toBe(true)
  })
})

describe('automation-rule messages (admin chunk)', () => {
  const rzh = leaves(rulesZh)
  const ren = leaves(rulesEn)
  it('have the same keys and placeholders in both languages', () => {
    expect([...rzh.keys()].sort()).toEqual([...ren.keys()].sort())
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, text] of rzh) expect(names(text), key).toEqual(names(ren.get(key) ?? ''))
  })
})

describe('service-level messages (staff chunks)', () => {
  // The common set and the admin/report set share the `sla` namespace: no key may be in both.
  const szh = new Map([...leaves(slaZh), ...leaves(slaAdminZh)])
  const sen = new Map([...leaves(slaEn), ...leaves(slaAdminEn)])
  it('split into two sets without a key in both', () => {
    for (const k of leaves(slaAdminEn).keys()) expect(leaves(slaEn).has(k), k).toBe(false)
  })
  it('have the same keys and placeholders in both languages, and compile', () => {
    expect([...szh.keys()].sort()).toEqual([...sen.keys()].sort())
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, text] of szh) expect(names(text), key).toEqual(names(sen.get(key) ?? ''))
    for (const [key, text] of [...szh, ...sen]) {
      const errors: string[] = []
      baseCompile(text, { onError: (e) => errors.push(e.message) })
      expect(errors, `${key}: ${text}`).toEqual([])
    }
  })
  it('name every SLA state, target kind and target state, and the SLA error codes', () => {
    for (const s of ['ok', 'warning', 'breached', 'paused', 'running', 'met']) expect(szh.has(`state.${s}`), s).toBe(true)
    for (const k of ['first_response', 'next_response', 'resolution']) expect(szh.has(`kind.${k}`), k).toBe(true)
    const pzh = leaves(slaProblemsZh)
    expect([...pzh.keys()].sort()).toEqual([...leaves(slaProblemsEn).keys()].sort())
    for (const c of ['calendar_in_use', 'read_only', 'invalid_calendar_file']) expect(pzh.has(`errors.${c}`), c).toBe(true)
    for (const c of ['duplicate', 'unknown_calendar', 'invalid_interval', 'overlapping', 'no_working_time', 'out_of_range', 'not_allowed', 'unknown_time_zone'])
      expect(pzh.has(`fieldErrors.generic.${c}`), c).toBe(true)
    // They add to the main messages, never replace one.
    for (const k of pzh.keys()) expect(zh.has(k), k).toBe(false)
    for (const [key, text] of [...pzh, ...leaves(slaProblemsEn)]) {
      const errors: string[] = []
      baseCompile(text, { onError: (e) => errors.push(e.message) })
      expect(errors, `${key}: ${text}`).toEqual([])
    }
  })
})
