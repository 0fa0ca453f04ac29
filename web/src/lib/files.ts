// Client-side attachment checks (count and size); the server alone decides the type.

export interface FileProblem {
  field: string // same shape as the server's: "files" or "files[i]"
  code: 'too_many' | 'too_large'
}

export function checkFiles(files: { size: number }[], maxCount: number, maxBytes: number): FileProblem[] {
  const problems: FileProblem[] = []
  if (files.length > maxCount) problems.push({ field: 'files', code: 'too_many' })
  files.forEach((f, i) => {
    if (f.size > maxBytes) problems.push({ field: `files[${i}]`, code: 'too_large' })
  })
  return problems
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

export const isImage = (contentType: string) => /^image\/(png|jpeg|gif|webp)$/.test(contentType)
