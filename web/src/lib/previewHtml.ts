/**
 * Prepares rendered mail HTML for the admin's sandboxed preview iframe. The iframe (srcdoc) inherits
 * this page's Content-Security-Policy, so inline styles and scripts could not apply there anyway and
 * each one would log a violation; any parse of the HTML in this page (DOMParser, <template>) logs
 * them too. So they are cut out of the text before the browser sees it, and the caller says so.
 * Security does not rest on this: the iframe's empty sandbox already runs nothing.
 */
export function previewHtml(html: string): { html: string; stripped: number } {
  let stripped = 0
  const count = () => {
    stripped++
    return ''
  }
  const out = html
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, count)
    .replace(/<(?:link|script)\b[^>]*>/gi, count)
    .replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/\sstyle\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, count))
  return { html: out, stripped }
}
