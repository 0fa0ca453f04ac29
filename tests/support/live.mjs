// A WebSocket client for /api/v1/ws tests (Node 20 has no stable global WebSocket): frames are
// queued as they arrive, so a test can wait for the next one matching what it expects.
import WebSocket from 'ws';

/**
 * Opens the live socket of `srv`. `auth`: { token } or { cookies }; `origin`: the Origin header
 * (defaults to the server's own for cookies, none for tokens); `wsOptions`: more options of the ws
 * client (e.g. a CA and a resolver for wss:// through a proxy). Resolves to a LiveClient once the
 * server said hello, or rejects with { status, body } when the upgrade is refused.
 */
export function openLive(srv, { token, cookies, origin, headers = {}, wsOptions = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (cookies) h.cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  const o = origin === undefined ? (cookies ? srv.baseUrl : undefined) : origin;
  if (o) h.origin = o;
  const ws = new WebSocket(`${srv.baseUrl.replace(/^http/, 'ws')}/api/v1/ws`, { ...wsOptions, headers: h });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), {
        status: res.statusCode, contentType: res.headers['content-type'], body: body ? JSON.parse(body) : null,
      })));
    });
    ws.once('error', reject);
    const client = new LiveClient(ws);
    client.next((f) => f.type === 'hello', 5000).then((hello) => { client.hello = hello; resolve(client); }, reject);
  });
}

export class LiveClient {
  constructor(ws) {
    this.ws = ws;
    this.frames = [];
    this.waiters = [];
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? { binary: true } : JSON.parse(String(data));
      this.frames.push(frame);
      this.flush();
    });
  }

  flush() {
    for (const w of [...this.waiters]) {
      const i = this.frames.findIndex(w.match);
      if (i >= 0) {
        const [frame] = this.frames.splice(i, 1);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(frame);
      }
    }
  }

  /** The first queued or coming frame that matches (earlier non-matching ones stay queued). */
  next(match, timeout = 5000) {
    return new Promise((resolve, reject) => {
      const w = { match, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`no matching frame within ${timeout} ms; queued: ${JSON.stringify(this.frames).slice(0, 800)}`));
      }, timeout);
      this.waiters.push(w);
      this.flush();
    });
  }

  /** The next presence frame of `number` whose viewers satisfy `ok`. */
  presence(number, ok = () => true, timeout = 5000) {
    return this.next((f) => f.type === 'presence' && f.number === number && ok(f.viewers), timeout);
  }

  send(frame) { this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)); }
  close() { this.ws.close(); return this.closed; }
}
