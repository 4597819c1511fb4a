// E-mail settings per person, end to end: the sidebar saves them (checked) in the person's own user
// properties, compactly; the hourly run's mailer honours them: a kind turned off sends nothing, other
// addresses get the e-mails instead of the person, and every e-mail says how to change that.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, EDITOR, HOUR, OWNER, refusal, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

interface MailView { failures: boolean; signIns: boolean; to: string[]; ownAddress: string; summary: string }
const mailOf = (user = OWNER) => (s.rt.call('getSidebarState', [], { user }) as { mail: MailView }).mail;
const saveMail = (input: unknown, user = OWNER) => s.rt.call('saveMailSettings', [input], { user }) as { message: string; mail: MailView };
const stored = (user = OWNER) => s.rt.properties.user(user).get('sheetgram.mail') ?? null;
const hourly = (accountId: string, reportId = 'user_information', user = OWNER) => s.rt.call('saveConfiguration', [{
  accountId, reportId, fields: ['followers_count'], tabName: `${reportId} ${accountId}`, mode: 'append', schedule: { kind: 'every_hours', everyHours: 1 },
}], { user }) as { id: string };
const failing = (subject: string) => /keeps failing/.test(subject);

/** Instagram answers every Graph call with an error: a scheduled report fails at every hourly run. */
async function failEveryHour(hours: number): Promise<void> {
  await s.control('faults', { transientRate: 1 });
  s.rt.advance(hours * HOUR);
}

describe('e-mail settings', () => {
  it('default to both kinds, to the person\'s own address, and store nothing until changed', async () => {
    s = await stack();
    await s.connect('instagram');
    expect(mailOf()).toEqual({
      failures: true, signIns: true, digest: false, to: [], digestTo: [], ownAddress: OWNER,
      summary: `Sheetgram e-mails ${OWNER} when a report keeps failing and when a sign-in is about to expire or stops working.`,
    });
    expect(stored()).toBeNull();
    hourly(CREATOR);
    await failEveryHour(4);
    const mails = s.rt.mail.filter((m) => failing(m.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual([OWNER]);
    // Every e-mail says what kind it is and where to turn it off.
    expect(mails[0].body).toMatch(/one of Sheetgram's failure e-mails.*Open sidebar, then E-mails/s);
  });

  it('off: a failing report sends no e-mail, while sign-in e-mails still go', async () => {
    s = await stack();
    await s.connect('instagram');
    const saved = saveMail({ failures: false, signIns: true, to: 'me' });
    expect(saved.message).toMatch(/^E-mail settings saved\. .*Failure e-mails are off/);
    // Compact: only what differs from the defaults.
    expect(stored()).toBe('{"f":0}');
    expect(mailOf()).toMatchObject({ failures: false, signIns: true, to: [] });
    const config = hourly(CREATOR);
    await failEveryHour(5);
    const status = (s.rt.call('getSidebarState').configurations as { id: string; lastRun?: { status: string } }[]).find((c) => c.id === config.id)!;
    expect(status.lastRun?.status).toBe('failed');
    expect(s.rt.mail).toEqual([]);
    // A revoked sign-in is a sign-in e-mail: it still goes, to the person.
    await s.control('faults', { transientRate: 0 });
    await s.control('revoke', { igUserId: CREATOR });
    s.rt.advance(HOUR);
    expect(s.rt.mail.map((m) => [m.to, m.subject])).toEqual([[[OWNER], 'Sheetgram: reconnect @sunny.creates so its reports go on']]);
    expect(s.rt.mail[0].body).toMatch(/one of Sheetgram's sign-in e-mails/);
  });

  it('sign-ins off: no warning before the Facebook sign-in expires', async () => {
    s = await stack();
    await s.connect('facebook');
    saveMail({ failures: true, signIns: false, to: 'me' });
    expect(stored()).toBe('{"s":0}');
    s.rt.call('saveConfiguration', [{ accountId: BAKERY, reportId: 'user_information', fields: ['followers_count'], tabName: 'Bakery', mode: 'append', schedule: { kind: 'daily', hour: 7 } }]);
    s.rt.advance(55 * DAY);
    const [account] = s.rt.call('getSidebarState').accounts as { tokenStatus: { kind: string } }[];
    expect(account.tokenStatus.kind).toBe('expires_soon');
    expect(s.rt.mail).toEqual([]);
  });

  it('other addresses: the e-mails go there instead of to the person', async () => {
    s = await stack();
    await s.connect('instagram');
    const saved = saveMail({ failures: true, signIns: true, to: ['alerts@harbor.example', ' Team@Harbor.example ', 'alerts@harbor.example'] });
    // Trimmed and without duplicates (told apart regardless of case).
    expect(saved.mail.to).toEqual(['alerts@harbor.example', 'Team@Harbor.example']);
    expect(saved.mail.summary).toMatch(/^Sheetgram e-mails alerts@harbor\.example, Team@Harbor\.example when/);
    expect(stored()).toBe('{"t":"alerts@harbor.example,Team@Harbor.example"}');
    hourly(CREATOR);
    await failEveryHour(4);
    const mails = s.rt.mail.filter((m) => failing(m.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['alerts@harbor.example', 'Team@Harbor.example']);
    expect(s.rt.mail.some((m) => m.to.includes(OWNER))).toBe(false);
    // Back to the person's own address: nothing stored any more.
    saveMail({ failures: true, signIns: true, to: 'me' });
    expect(stored()).toBeNull();
  });

  it('refuses addresses that are not addresses, and too many, keeping what was saved', async () => {
    s = await stack();
    await s.connect('instagram');
    saveMail({ failures: false, signIns: true, to: 'me' });
    expect(refusal(() => saveMail({ failures: true, signIns: true, to: ['alerts@harbor.example', 'maria at harbor'] }))).toMatch(/^\[sheetgram:invalid_input\] This is not an e-mail address: maria, at, harbor|^\[sheetgram:invalid_input\] These are not e-mail addresses/);
    expect(refusal(() => saveMail({ failures: true, signIns: true, to: [] }))).toMatch(/\[sheetgram:invalid_input\] Type at least one address/);
    expect(refusal(() => saveMail({ failures: true, signIns: true, to: ['a@b.example', 'c@d.example', 'e@f.example', 'g@h.example', 'i@j.example', 'k@l.example'] })))
      .toMatch(/at most 5 addresses/);
    expect(refusal(() => saveMail({ failures: 'yes', signIns: true, to: 'me' }))).toMatch(/invalid_input/);
    expect(refusal(() => saveMail(null))).toMatch(/invalid_input/);
    expect(stored()).toBe('{"f":0}');
  });

  it('are each person\'s own: another editor\'s settings change nothing for the owner', async () => {
    s = await stack();
    await s.connect('instagram');
    saveMail({ failures: false, signIns: false, to: 'me' }, EDITOR);
    expect(stored(EDITOR)).toBe('{"f":0,"s":0}');
    expect(mailOf(EDITOR)).toMatchObject({ ownAddress: EDITOR, failures: false, signIns: false });
    expect(mailOf(EDITOR).summary).toMatch(/^Sheetgram sends no e-mails/);
    expect(mailOf()).toMatchObject({ ownAddress: OWNER, failures: true, signIns: true });
    hourly(CREATOR);
    await failEveryHour(4);
    expect(s.rt.mail.filter((m) => failing(m.subject)).map((m) => m.to)).toEqual([[OWNER]]);
  });
});
