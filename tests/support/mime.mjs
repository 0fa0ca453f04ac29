// A small RFC 5322 / MIME reader for the mail tests: headers (unfolded, RFC 2047 words decoded),
// multipart trees, quoted-printable and base64 bodies, charsets through TextDecoder (Node's full
// ICU knows GBK, GB18030, Big5...). Enough to check what Gongdan sends; not a general parser.

const CRLF2 = /\r?\n\r?\n/;

/** Decodes bytes in a charset; unknown charsets fall back to UTF-8 (the tests then fail on text). */
export function decodeCharset(bytes, charset = 'utf-8') {
  let label = (charset || 'utf-8').trim().toLowerCase();
  if (label === 'gb2312') label = 'gbk'; // real GB2312 mail is GBK in practice
  try {
    return new TextDecoder(label, { fatal: false }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Quoted-printable body (RFC 2045 §6.7) → bytes. */
export function decodeQuotedPrintable(text) {
  const out = [];
  const s = text.replace(/[ \t]+(\r?\n)/g, '$1'); // trailing whitespace is not part of the data
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (c === '=') {
      if (s[i + 1] === '\r' && s[i + 2] === '\n') { i += 2; continue; } // soft line break
      if (s[i + 1] === '\n') { i += 1; continue; }
      const hex = s.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) { out.push(parseInt(hex, 16)); i += 2; continue; }
      out.push(0x3d);
      continue;
    }
    const code = c.charCodeAt(0);
    if (code < 0x100) out.push(code);
    else out.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(out);
}

/** The Q encoding of RFC 2047 words: like quoted-printable, and _ is a space. */
function decodeQ(text) {
  return decodeQuotedPrintable(text.replace(/_/g, ' '));
}

/**
 * RFC 2047 encoded words → text. Adjacent words separated only by whitespace are joined, and
 * their bytes are decoded together (an encoder may split one UTF-8 character across two words).
 */
export function decodeWords(value) {
  const re = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  let out = '';
  let last = 0;
  let pending = null; // {charset, chunks: [Buffer]}
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.chunks), pending.charset);
    pending = null;
  };
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(pending && /^\s*$/.test(between))) { flush(); out += between; }
    const charset = m[1].split('*')[0]; // RFC 2231 language suffix
    const bytes = m[2].toUpperCase() === 'B' ? Buffer.from(m[3], 'base64') : decodeQ(m[3]);
    if (pending && pending.charset.toLowerCase() === charset.toLowerCase()) pending.chunks.push(bytes);
    else { flush(); pending = { charset, chunks: [bytes] }; }
    last = re.lastIndex;
  }
  flush();
  return out + value.slice(last);
}

/** Splits a header block into [[name, raw unfolded value]] (raw: bytes read as latin1). */
function parseHeaderBlock(block) {
  const list = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && list.length) list[list.length - 1][1] += ` ${line.trim()}`;
    else {
      const i = line.indexOf(':');
      if (i > 0) list.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return list;
}

/** `type/sub; a=b; c="d"` → {value: 'type/sub', params: {a: 'b', c: 'd'}} (names lower-cased). */
export function parseParams(value = '') {
  const parts = [];
  let cur = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) { parts.push(cur); cur = ''; } else cur += ch;
  }
  parts.push(cur);
  const params = {};
  for (const p of parts.slice(1)) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    const k = p.slice(0, i).trim().toLowerCase();
    let v = p.slice(i + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[k] = v;
  }
  return { value: parts[0].trim().toLowerCase(), params };
}

/** Bytes (latin1 string) of a header value re-read as UTF-8 when they are valid UTF-8 (SMTPUTF8). */
function rawHeaderText(latin1) {
  const bytes = Buffer.from(latin1, 'latin1');
  try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { return latin1; }
}

/** Parses one entity (a message or a body part) from bytes. */
export function parseEntity(bytes) {
  const latin1 = bytes.toString('latin1');
  const m = CRLF2.exec(latin1);
  const headerBlock = m ? latin1.slice(0, m.index) : latin1;
  const bodyStart = m ? m.index + m[0].length : latin1.length;
  const body = bytes.subarray(bodyStart);
  const headerList = parseHeaderBlock(headerBlock).map(([k, v]) => [k, rawHeaderText(v)]);
  const rawHeaders = {};
  const headers = {};
  for (const [k, v] of headerList) {
    const key = k.toLowerCase();
    (rawHeaders[key] ||= []).push(v);
    if (!(key in headers)) headers[key] = decodeWords(v);
  }
  const ct = parseParams(headers['content-type'] || 'text/plain; charset=us-ascii');
  const cte = (headers['content-transfer-encoding'] || '7bit').trim().toLowerCase();
  const disposition = parseParams(headers['content-disposition'] || '');
  const entity = {
    headers, headerList, rawHeaders, contentType: ct.value, params: ct.params, transferEncoding: cte,
    disposition: disposition.value || null, filename: disposition.params.filename || ct.params.name || null,
    rawBody: body, parts: [],
  };
  if (ct.value.startsWith('multipart/') && ct.params.boundary) {
    entity.parts = splitMultipart(body, ct.params.boundary).map(parseEntity);
  } else {
    let decoded = body;
    if (cte === 'base64') decoded = Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    else if (cte === 'quoted-printable') decoded = decodeQuotedPrintable(body.toString('latin1'));
    entity.content = decoded;
    if (ct.value.startsWith('text/')) entity.text = decodeCharset(decoded, ct.params.charset || 'us-ascii');
  }
  return entity;
}

function splitMultipart(body, boundary) {
  const s = body.toString('latin1');
  const delim = `--${boundary}`;
  const parts = [];
  let pos = s.indexOf(delim);
  while (pos >= 0) {
    let start = pos + delim.length;
    if (s.startsWith('--', start)) break; // closing delimiter
    start = s.indexOf('\n', start);
    if (start < 0) break;
    start += 1;
    const next = s.indexOf(`\n${delim}`, start);
    if (next < 0) break;
    const end = next > 0 && s[next - 1] === '\r' ? next - 1 : next;
    parts.push(body.subarray(start, end));
    pos = next + 1;
  }
  return parts;
}

/** Every leaf entity of a tree, depth first. */
export function leaves(entity) {
  return entity.parts.length ? entity.parts.flatMap(leaves) : [entity];
}

/** Addresses (lower-cased) in an address header such as To: "Name" <a@b>, c@d. */
export function addresses(value = '') {
  return [...value.matchAll(/<([^<>\s]+@[^<>\s]+)>|([^\s<>,;"]+@[^\s<>,;"]+)/g)].map((m) => (m[1] || m[2]).toLowerCase());
}

/**
 * Parses a whole message → {raw, headers (lower-cased names → first value, RFC 2047 decoded),
 * headerList, rawHeaders, contentType, subject, messageId, to, from, text, html, attachments,
 * root}. text/html are the first inline text/plain and text/html leaves, decoded to strings.
 */
export function parseMail(bytes) {
  const root = parseEntity(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
  const all = leaves(root);
  const inline = all.filter((e) => e.disposition !== 'attachment');
  const text = inline.find((e) => e.contentType === 'text/plain')?.text ?? null;
  const html = inline.find((e) => e.contentType === 'text/html')?.text ?? null;
  return {
    raw: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
    root,
    headers: root.headers,
    headerList: root.headerList,
    rawHeaders: root.rawHeaders,
    contentType: root.contentType,
    subject: root.headers.subject ?? '',
    messageId: root.headers['message-id'] ?? null,
    from: addresses(root.headers.from)[0] ?? null,
    to: addresses(root.headers.to),
    text,
    html,
    attachments: all.filter((e) => e.disposition === 'attachment'),
  };
}
