// The playground's E-mails panel, as a person uses it: folded, it counts what Sheetgram sent; opened, it
// lists each e-mail (time, To, subject) as a button, and the chosen one shows below with its To line and
// subject as text and its body in a sandboxed frame. The e-mails are real ones: a scheduled report that
// finds its sign-in revoked (the toolbar's "Revoke sign-in") e-mails to reconnect; an alert on followers
// lost in a day, in a world where the account loses followers, e-mails the alert. An HTML e-mail with an
// inline chart image (as the Weekly Digest's will be) shows the image, and a script in it never runs.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../local/instagram/scenario';
import { encodePng } from '../../local/apps-script/services/charts/png';
import type { SentMail } from '../../local/apps-script/services/mail';
import type { MailView } from '../../local/playground/views';
import { addReport, advance, connectInstagram, openPlayground, sidebarSays, type Session } from './support/playground';

const SUNNY = '@sunny.creates';
const INFO = 'User\'s Information';
const OWNER = 'owner@example.com';

let s: Session | undefined;
afterEach(async () => { await s?.close(); s = undefined; });

const panel = (session: Session) => session.page.locator('#mail');
const count = (session: Session) => session.page.locator('#mail-count').innerText();
const items = (session: Session) => session.page.locator('#mail-list button.mail-item');
const frame = (session: Session) => session.page.locator('#mail-frame');

async function openPanel(session: Session): Promise<void> {
  await panel(session).locator('summary').click();
  expect(await panel(session).evaluate((d: any) => d.open)).toBe(true);
}

/** The message page as the frame gets it: status, its policy header and its HTML. */
async function messagePage(session: Session, index: number): Promise<{ status: number; type: string | null; csp: string | null; html: string }> {
  return session.page.evaluate(async (i) => {
    const response = await fetch(`/api/mail/message?index=${i}`);
    return { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), html: await response.text() };
  }, index);
}

/** The frame's sandbox, checked: present and granting nothing (no scripts, no same origin). */
async function expectBareSandbox(session: Session): Promise<void> {
  const sandbox = await frame(session).getAttribute('sandbox');
  expect(sandbox).toBe('');
  expect(sandbox).not.toMatch(/allow-scripts|allow-same-origin/);
}

describe('the E-mails panel', () => {
  it('counts and lists the e-mail to reconnect a revoked account, and shows it in a sandboxed frame', async () => {
    s = await openPlayground();
    const session = s;
    // Nothing sent yet: the folded panel says (0); opened, it says there is no e-mail yet.
    await expect.poll(() => count(session)).toBe('(0)');
    await openPanel(session);
    await expect.poll(() => session.page.locator('#mail-empty').isVisible()).toBe(true);
    expect(await items(session).count()).toBe(0);
    expect(await session.page.locator('#mail-message').isVisible()).toBe(false);

    await (await connectInstagram(session)).close();
    await session.sidebar.locator('li.account', { hasText: SUNNY }).waitFor();
    await addReport(session, INFO, { schedule: 'Daily' });
    // Instagram revokes the sign-in (a password change); the next hourly run finds out and e-mails.
    await session.page.getByLabel('Account', { exact: true }).selectOption({ label: SUNNY });
    await session.page.getByRole('button', { name: 'Revoke sign-in' }).click();
    await expect.poll(() => session.page.locator('#status').innerText()).toMatch(/^Revoked \d+ tokens? of @sunny\.creates/);
    await advance(session, 'hour');

    // The open panel follows: one e-mail, listed by time, To and subject.
    await expect.poll(() => items(session).count(), { timeout: 10_000 }).toBe(1);
    expect(await count(session)).toBe('(1)');
    expect(await session.page.locator('#mail-empty').isVisible()).toBe(false);
    const item = items(session).first();
    const subject = `Sheetgram: reconnect ${SUNNY} so its reports go on`;
    expect(await item.locator('.mail-subject').innerText()).toBe(subject);
    expect(await item.locator('.mail-to').innerText()).toBe(OWNER);
    // Sent during the hour just advanced, in the spreadsheet's zone as the clock writes it.
    expect(await item.locator('.mail-time').innerText()).toMatch(/^Fri, 10 Jul 2026, 1[34]:\d\d$/);
    expect(await item.getAttribute('aria-pressed')).toBe('false');

    // The list as the server sends it agrees.
    const view = await session.page.evaluate(async () => (await fetch('/api/mail')).json() as Promise<MailView>);
    expect(view.messages).toEqual([expect.objectContaining({ index: 0, to: OWNER, subject, hasHtml: false, images: 0, attachments: 0 })]);
    expect(view.timeZone).toBe('Europe/Lisbon');
    expect(view.messages[0].sentAt).toMatch(/^2026-07-10T1[23]:\d\d:\d\d\.\d{3}Z$/);

    // Chosen by its name (time, To, subject): the To line and subject above, the body in the frame.
    await session.page.getByRole('button', { name: new RegExp(`${OWNER} ${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
    expect(await item.getAttribute('aria-pressed')).toBe('true');
    expect(await session.page.locator('#mail-subject').innerText()).toBe(subject);
    expect(await session.page.locator('#mail-to').innerText()).toBe(`To: ${OWNER}`);
    expect(await frame(session).getAttribute('title')).toBe(`E-mail: ${subject}`);
    expect(await frame(session).getAttribute('src')).toBe('/api/mail/message?index=0');
    await expectBareSandbox(session);
    const body = session.page.frameLocator('#mail-frame').locator('pre');
    await expect.poll(() => body.innerText()).toContain('Instagram no longer accepts this account\'s sign-in');
    expect(await body.innerText()).toContain('click Reconnect next to the account');

    // Served as a page under a policy that lets nothing run.
    const page = await messagePage(session, 0);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.csp).toContain("default-src 'none'");
    expect(page.csp).toContain('img-src data:');
    expect((await messagePage(session, 7)).status).toBe(404);

    expect(session.errors).toEqual([]);
    expect(session.dialogs).toEqual([]);
  }, 60_000);

  it('lists the alert e-mail of followers lost in a day, after the daily runs of an account that loses followers', async () => {
    const scenario = defaultScenario();
    const sunny = scenario.accounts.find((a) => a.username === 'sunny.creates')!;
    // Losing about 40 a day: more than the alert's 1 on every day, whatever the noise.
    sunny.followers = { start: sunny.followers.start, dailyNet: -40, noise: 2 };
    s = await openPlayground({ scenario });
    const session = s;
    await (await connectInstagram(session)).close();
    const card = session.sidebar.locator('li.account', { hasText: SUNNY });
    await card.waitFor();
    await addReport(session, INFO, { schedule: 'Daily' });
    await card.locator('summary', { hasText: /^Alerts$/ }).click();
    await card.getByLabel('Followers lost in a day, more than', { exact: true }).fill('1');
    await card.getByRole('button', { name: `Save alerts for ${SUNNY}`, exact: true }).click();
    await sidebarSays(session, `Alerts for ${SUNNY} saved: your hourly runs check after each run and e-mail `);

    // Measured on the first run, and again at the next day's: the drop between them is e-mailed.
    await advance(session, 'day');
    await advance(session, 'day');
    const alert = `Sheetgram alert: ${SUNNY}`;
    await expect.poll(() => count(session), { timeout: 10_000 }).not.toBe('(0)');
    await openPanel(session);
    const item = items(session).filter({ hasText: alert });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.mail-to').innerText()).toBe(OWNER);
    await item.click();
    expect(await session.page.locator('#mail-subject').innerText()).toBe(alert);
    expect(await session.page.locator('#mail-to').innerText()).toBe(`To: ${OWNER}`);
    await expectBareSandbox(session);
    const body = session.page.frameLocator('#mail-frame').locator('pre');
    await expect.poll(() => body.innerText()).toContain(`Sheetgram found this for ${SUNNY}:`);
    expect(await body.innerText()).toMatch(/lost \d+ followers from 2026-07-\d\d to 2026-07-\d\d .*; the alert is for more than 1 in a day\./);

    expect(session.errors).toEqual([]);
    expect(session.dialogs).toEqual([]);
  }, 90_000);

  it('shows an HTML e-mail with its inline image, and a script or a handler in it never runs', async () => {
    s = await openPlayground();
    const session = s;
    // As the Weekly Digest e-mail will be: HTML, a chart as an inline PNG (cid:chart), a plain-text part.
    // Put straight into the runtime's outbox, with what a hostile caption could add.
    // One red pixel, from the local Charts' own encoder (no opaque base64 in the source).
    const png = encodePng(1, 1, Uint8Array.of(255, 0, 0));
    const subject = 'Sheetgram weekly digest <b>not bold</b>';
    const html = '<h1 id="title">Your week</h1><p>Followers gained: 245</p><img id="chart" alt="Followers" src="cid:chart">'
      + '<img id="missing" alt="Missing" src="cid:nothing">'
      + '<script>document.getElementById("title").textContent = "script ran"; parent.document.title = "owned";</script>'
      + '<img id="handler" alt="x" src="data:," onerror="document.getElementById(\'title\').textContent = \'handler ran\'">';
    const mail: SentMail = {
      from: OWNER, to: [OWNER, 'team@example.com'], cc: [], bcc: [], subject, body: 'Your week: followers gained 245.', htmlBody: html,
      inlineImages: { chart: { contentType: 'image/png', name: 'followers.png', bytes: png } }, sentAt: session.playground.stack.rt.clock.now(),
    };
    (session.playground.stack.rt.mail as SentMail[]).push(mail);
    // The count comes with the next change of state: here the clock moving.
    await advance(session, 'hour');
    await expect.poll(() => count(session)).toBe('(1)');
    await openPanel(session);
    await expect.poll(() => items(session).count()).toBe(1);
    const item = items(session).first();
    // Text, not markup: the subject's tags are shown as typed.
    expect(await item.locator('.mail-subject').innerText()).toBe(subject);
    expect(await item.locator('.mail-subject b').count()).toBe(0);
    expect(await item.locator('.mail-to').innerText()).toBe(`${OWNER}, team@example.com`);
    expect(await item.locator('.mail-extras').innerText()).toBe('(HTML, 1 image)');
    await item.click();
    expect(await session.page.locator('#mail-subject').innerText()).toBe(subject);
    expect(await session.page.locator('#mail-subject b').count()).toBe(0);
    expect(await session.page.locator('#mail-to').innerText()).toBe(`To: ${OWNER}, team@example.com`);
    await expectBareSandbox(session);

    const inside = session.page.frameLocator('#mail-frame');
    await expect.poll(() => inside.locator('#title').count()).toBe(1);
    // The inline image is drawn from its data: URL; an unknown cid stays as it was (and loads nothing).
    await expect.poll(() => inside.locator('#chart').evaluate((img: any) => img.complete && img.naturalWidth)).toBe(1);
    expect(await inside.locator('#chart').getAttribute('src')).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(await inside.locator('#missing').getAttribute('src')).toBe('cid:nothing');
    // Nothing ran: not the script, not the handler, in the frame or on the page.
    await inside.locator('#handler').evaluate((img: any) => img.complete);
    expect(await inside.locator('#title').innerText()).toBe('Your week');
    expect(await session.page.title()).toBe('Sheetgram playground');

    const page = await messagePage(session, 0);
    expect(page.csp).toMatch(/^default-src 'none'; img-src data:; style-src 'unsafe-inline'/);
    expect(page.csp).not.toContain('script-src');
    expect(page.html).toContain('<script>');
    // Opened on its own, without the frame's sandbox, the policy alone keeps the script and the handler from running.
    const alone = await session.context.newPage();
    await alone.goto(`${session.playground.url}/api/mail/message?index=0`);
    await alone.locator('#handler').evaluate((img: any) => img.complete);
    expect(await alone.locator('#title').innerText()).toBe('Your week');
    expect(await alone.title()).toBe('');
    expect(await alone.locator('#chart').evaluate((img: any) => img.naturalWidth)).toBe(1);
    await alone.close();
    expect(session.errors).toEqual([]);
    expect(session.dialogs).toEqual([]);
  }, 60_000);
});
