import { describe, expect, it } from 'vitest'
import { buildQuery, readCookie } from '../api/client'
import { checkFiles, formatBytes } from './files'
import { randomKey } from './random'
import { safeRedirect } from './redirect'

describe('checkFiles', () => {
  const MB = 1024 * 1024
  it('flags too many files and each too large file', () => {
    const files = [{ size: 1 }, { size: 21 * MB }, { size: 2 }]
    expect(checkFiles(files, 2, 20 * MB)).toEqual([
      { field: 'files', code: 'too_many' },
      { field: 'files[1]', code: 'too_large' },
    ])
    expect(checkFiles([{ size: 20 * MB }], 5, 20 * MB)).toEqual([])
  })
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(20 * MB)).toBe('20.0 MB')
  })
})

describe('readCookie', () => {
  it('finds one cookie among many', () => {
    expect(readCookie('a=1; gd_csrf=abc%3D; b=2', 'gd_csrf')).toBe('abc=')
    expect(readCookie('xgd_csrf=1', 'gd_csrf')).toBeNull()
    expect(readCookie('', 'gd_csrf')).toBeNull()
  })
})

describe('buildQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildQuery({ status: 'new,open', cursor: null, q: '', limit: 20 })).toBe('?status=new%2Copen&limit=20')
    expect(buildQuery({})).toBe('')
  })
})

describe('safeRedirect', () => {
  it('only follows same-origin paths', () => {
    expect(safeRedirect('/tickets/1')).toBe('/tickets/1')
    expect(safeRedirect('//evil.example')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example', '/x')).toBe('/x')
    expect(safeRedirect(undefined)).toBe('/')
  })
})

describe('randomKey', () => {
  it('is 32 hex characters and differs each time', () => {
    const a = randomKey()
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(randomKey()).not.toBe(a)
  })
})
