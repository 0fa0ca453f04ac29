import { describe, expect, it } from 'vitest'
import { previewHtml } from './previewHtml'

describe('previewHtml', () => {
  it('keeps markup without styles or scripts as it is', () => {
    const html = '<h1>您好</h1><p>Ticket <b>261125-7KQ2MX</b> — <a href="https://x/t#link=a">open</a></p>'
    expect(previewHtml(html)).toEqual({ html, stripped: 0 })
  })
  it('cuts style and script elements and linked style sheets', () => {
    const r = previewHtml('<style>p{color:red}</style><p>a</p><SCRIPT type="x">alert(1)</SCRIPT><link rel="stylesheet" href="/x.css"><script src="/y.js"></script>')
    expect(r.html).toBe('<p>a</p>')
    expect(r.stripped).toBe(4)
  })
  it('cuts style attributes in every quoting, leaving other attributes', () => {
    const r = previewHtml(`<td style="padding:4px" class="c"><p STYLE='margin:0'>x</p><span style=color:red>y</span></td>`)
    expect(r.html).toBe('<td class="c"><p>x</p><span>y</span></td>')
    expect(r.stripped).toBe(3)
  })
  it('leaves the word style in text alone', () => {
    const html = '<p>Our style guide: style="x" is text here</p>'
    expect(previewHtml(html).html).toBe(html)
  })
})
