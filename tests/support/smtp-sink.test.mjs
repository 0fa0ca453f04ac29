// The mail tests' own tools, tested without gongdan: the SMTP sink captures what it accepts,
// refuses the addresses it is told to, restarts on its port; the MIME reader decodes what real
// mailers (Python's email package here) write.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSmtpSink, SINK_PYTHON } from './smtp-sink.mjs';
import { parseMail, decodeWords } from './mime.mjs';

/** Sends one message with Python's smtplib; resolves {ok, error}. */
async function send(port, rcpt, { subject = 'hello', text = 'body', html = '<p>body</p>', cte = 'quoted-printable' } = {}) {
  const script = `
import smtplib, sys, json
from email.message import EmailMessage
from email.headerregistry import Address
a = json.loads(sys.argv[1])
m = EmailMessage()
m['Subject'] = a['subject']
m['From'] = Address('工单支持', 'support', '127.0.0.1')
m['To'] = a['rcpt']
m['Message-ID'] = '<test.%s@127.0.0.1>' % a['rcpt'].split('@')[0]
m.set_content(a['text'], cte=a['cte'])
m.add_alternative(a['html'], subtype='html', cte=a['cte'])
try:
    with smtplib.SMTP('127.0.0.1', a['port'], timeout=5) as c:
        c.send_message(m)
    print('ok')
except Exception as e:
    print('error', e)
`;
  const { stdout } = await promisify(execFile)(SINK_PYTHON, ['-c', script, JSON.stringify({ port, rcpt, subject, text, html, cte })]);
  return stdout.startsWith('ok') ? { ok: true } : { ok: false, error: stdout.trim() };
}

describe('smtp sink', () => {
  let sink;
  before(async () => { sink = await startSmtpSink({ fail451: ['busy@x.test'], fail550: ['nobody@x.test'] }); });
  after(async () => { await sink.dispose(); });

  it('captures the raw message and its envelope; the reader decodes UTF-8 headers and both encodings', async () => {
    const subject = '[#261125-ABCDE5] 您的工单已收到：这是一个很长很长很长很长很长很长很长很长很长的主题';
    for (const cte of ['quoted-printable', 'base64']) {
      const rcpt = `${cte}@x.test`;
      assert.deepEqual(await send(sink.port, rcpt, { subject, text: `您好，\n工单号 261125-ABCDE5。\n${'x'.repeat(200)}\n`, html: '<p>您好</p>', cte }), { ok: true });
      const m = await sink.waitFor((x) => x.envelope.rcpt_tos.includes(rcpt), 5000);
      assert.equal(m.envelope.mail_from, 'support@127.0.0.1');
      assert.equal(m.subject, subject);
      assert.equal(m.headers.from, '工单支持 <support@127.0.0.1>');
      assert.deepEqual(m.to, [rcpt]);
      assert.equal(m.messageId, `<test.${cte}@127.0.0.1>`);
      assert.equal(m.contentType, 'multipart/alternative');
      assert.deepEqual(m.root.parts.map((p) => [p.contentType, p.transferEncoding]), [['text/plain', cte], ['text/html', cte]]);
      assert.equal(m.text.replace(/\r\n/g, '\n'), `您好，\n工单号 261125-ABCDE5。\n${'x'.repeat(200)}\n`);
      assert.equal(m.html.trim(), '<p>您好</p>');
      assert.ok(m.raw.toString('latin1').includes('\r\n'), 'raw bytes kept with CRLF');
    }
  });

  it('answers 451 and 550 at RCPT for the listed addresses and keeps nothing', async () => {
    const before = sink.messages().length;
    const busy = await send(sink.port, 'busy@x.test');
    assert.match(busy.error, /451/);
    const nobody = await send(sink.port, 'nobody@x.test');
    assert.match(nobody.error, /550/);
    assert.equal(sink.messages().length, before);
  });

  it('stop closes the port; restart opens the same port with new refusals and keeps numbering', async () => {
    const before = sink.messages();
    await sink.stop();
    assert.equal((await send(sink.port, 'down@x.test')).ok, false);
    await sink.restart();
    assert.deepEqual(await send(sink.port, 'busy@x.test'), { ok: true }, 'no refusals after a plain restart');
    const after = await sink.waitForCount(() => true, before.length + 1, 5000);
    assert.equal(after.at(-1).seq, before.at(-1).seq + 1);
  });

  it('waitFor rejects with what did arrive', async () => {
    await assert.rejects(sink.waitFor((m) => m.subject === 'never', 200), /0 of 1 expected messages/);
  });
});

describe('mime reader', () => {
  it('decodes GBK and split UTF-8 encoded words, Q and B', () => {
    assert.equal(decodeWords('=?GBK?B?1cXI/Q==?= <a@b>'), '张三 <a@b>');
    // One UTF-8 character (工 = E5 B7 A5) split across two words.
    assert.equal(decodeWords('=?UTF-8?Q?=E5=B7?= =?UTF-8?Q?=A5_x?='), '工 x');
    assert.equal(decodeWords('Re: =?gb18030?B?u9i4tA==?= ok'), 'Re: 回复 ok');
  });

  it('reads an 8-bit GBK body with its charset', () => {
    const head = Buffer.from('Subject: x\r\nContent-Type: text/plain; charset="GBK"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n');
    const m = parseMail(Buffer.concat([head, Buffer.from([0xc4, 0xe3, 0xba, 0xc3])]));
    assert.equal(m.text, '你好');
  });
});
