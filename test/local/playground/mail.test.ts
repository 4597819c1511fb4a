// The E-mails panel's server side: the outbox listed newest first, and a message as the page its
// sandboxed frame shows (inline images as data: URLs, plain text escaped), with the policy it is served under.
import { describe, expect, it } from 'vitest';
import { inlineCidImages, mailView, MESSAGE_CSP, messageHtml, type MailLike } from '../../../local/playground/mail';

/** The 8-byte PNG signature and an IHDR start: enough to be recognisably a PNG in base64. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const png = { contentType: 'image/png', name: 'chart.png', bytes: PNG };
const PNG_URL = `data:image/png;base64,${PNG.toString('base64')}`;

const mail = (over: Partial<MailLike> = {}): MailLike => ({ to: ['owner@example.com'], subject: 'Hello', body: 'Plain', sentAt: Date.UTC(2026, 6, 10, 12), ...over });

describe('mailView', () => {
  it('lists the outbox newest first, each with its outbox index, its time both ways, To joined, HTML and image counts', () => {
    const outbox = [
      mail({ subject: 'First', sentAt: Date.UTC(2026, 6, 10, 13) }),
      mail({ subject: 'Second', to: ['a@example.com', 'b@example.com'], htmlBody: '<p>x</p>', inlineImages: { x: png, y: png }, attachments: [png], sentAt: Date.UTC(2026, 6, 11, 6) }),
    ];
    const view = mailView(outbox, 'Europe/Lisbon', (ms) => `at ${ms}`);
    expect(view.timeZone).toBe('Europe/Lisbon');
    expect(view.messages).toEqual([
      { index: 1, sentAt: '2026-07-11T06:00:00.000Z', sentText: `at ${Date.UTC(2026, 6, 11, 6)}`, to: 'a@example.com, b@example.com', subject: 'Second', hasHtml: true, images: 2, attachments: 1 },
      { index: 0, sentAt: '2026-07-10T13:00:00.000Z', sentText: `at ${Date.UTC(2026, 6, 10, 13)}`, to: 'owner@example.com', subject: 'First', hasHtml: false, images: 0, attachments: 0 },
    ]);
  });

  it('lists nothing for an empty outbox', () => {
    expect(mailView([], 'UTC', String).messages).toEqual([]);
  });
});

describe('inlineCidImages', () => {
  it('replaces the src of a known cid with its data: URL, in any quoting, and leaves an unknown cid as it is', () => {
    const html = '<img src="cid:x" alt="chart"><img src=\'cid:x\'><img SRC = cid:x width=10><img src="cid:unknown">';
    expect(inlineCidImages(html, { x: png })).toBe(
      `<img src="${PNG_URL}" alt="chart"><img src='${PNG_URL}'><img SRC = ${PNG_URL} width=10><img src="cid:unknown">`,
    );
  });

  it('types an image without a usable content type as plain bytes, so nothing can break out of the attribute', () => {
    const out = inlineCidImages('<img src="cid:a"><img src="cid:b">', {
      a: { contentType: null, name: null, bytes: PNG },
      b: { contentType: 'image/png" onerror="alert(1)', name: null, bytes: PNG },
    });
    expect(out).toBe(`<img src="data:application/octet-stream;base64,${PNG.toString('base64')}"><img src="data:application/octet-stream;base64,${PNG.toString('base64')}">`);
  });

  it('reads only the images themselves, not what every object has', () => {
    expect(inlineCidImages('<img src="cid:toString">', {})).toBe('<img src="cid:toString">');
  });

  it('leaves a cid outside a src alone', () => {
    expect(inlineCidImages('<p>cid:x</p><a href="cid:x">x</a>', { x: png })).toBe('<p>cid:x</p><a href="cid:x">x</a>');
  });
});

describe('messageHtml', () => {
  it('is the HTML body with its inline PNG as a data: URL; a <script> in it is left for the policy to stop', () => {
    const html = '<h1>Weekly digest</h1><img src="cid:x" alt="Followers"><script>parent.document.title = "owned"</script>';
    const page = messageHtml(mail({ htmlBody: html, inlineImages: { x: png } }));
    expect(page).toBe(`<h1>Weekly digest</h1><img src="${PNG_URL}" alt="Followers"><script>parent.document.title = "owned"</script>`);
    // The page is served under this policy: no script of any kind, images only from data: URLs.
    expect(MESSAGE_CSP).toContain("default-src 'none'");
    expect(MESSAGE_CSP).toContain('img-src data:');
    expect(MESSAGE_CSP).not.toMatch(/script-src/);
  });

  it('is the plain body escaped inside a <pre> when there is no HTML body', () => {
    const page = messageHtml(mail({ body: 'Hi <b>you</b> & "them"\n<script>alert(1)</script>' }));
    expect(page).toContain('<pre');
    expect(page).toContain('Hi &lt;b&gt;you&lt;/b&gt; &amp; &quot;them&quot;\n&lt;script&gt;alert(1)&lt;/script&gt;</pre>');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
  });

  it('shows the plain body when the HTML body is empty, and lists the message as plain', () => {
    const empty = mail({ htmlBody: ' ', body: 'Plain' });
    expect(messageHtml(empty)).toContain('>Plain</pre>');
    expect(mailView([empty], 'UTC', String).messages[0].hasHtml).toBe(false);
  });
});
