import { describe, expect, it } from 'vitest';
import {
  checkMailSettings, DEFAULT_MAIL_SETTINGS, mailFooter, mailSummary, parseMailSettings, recipientsOf, serializeMailSettings,
} from '../../../src/core/accounts/mail-settings';

describe('mail settings', () => {
  it('are stored compactly, nothing for the defaults, and read back the same', () => {
    expect(serializeMailSettings(DEFAULT_MAIL_SETTINGS)).toBeNull();
    expect(parseMailSettings(null)).toEqual(DEFAULT_MAIL_SETTINGS);
    const settings = { failures: false, signIns: true, digest: false, to: ['a@b.example', 'c@d.example'], digestTo: [] };
    const stored = serializeMailSettings(settings)!;
    expect(stored).toBe('{"f":0,"t":"a@b.example,c@d.example"}');
    expect(parseMailSettings(stored)).toEqual(settings);
    // Anything unreadable counts as the defaults; a stored address that is not one is dropped.
    expect(parseMailSettings('{nope')).toEqual(DEFAULT_MAIL_SETTINGS);
    expect(parseMailSettings('{"t":"x,a@b.example"}').to).toEqual(['a@b.example']);
  });

  it('check what the sidebar sends', () => {
    expect(checkMailSettings({ failures: true, signIns: false, to: 'me' })).toEqual({ failures: true, signIns: false, digest: false, to: [], digestTo: [] });
    expect(checkMailSettings({ failures: true, signIns: true, to: 'a@b.example; c@d.example\nA@B.example' })).toEqual({ failures: true, signIns: true, digest: false, to: ['A@B.example', 'c@d.example'], digestTo: [] });
    expect(checkMailSettings({ failures: true, signIns: true, to: ['name@example'] })).toMatch(/^This is not an e-mail address: name@example\./);
    expect(checkMailSettings({ failures: true, signIns: true, to: ['<x@y.example>'] })).toMatch(/not an e-mail address/);
    expect(checkMailSettings({ failures: 1, signIns: true, to: 'me' })).toMatch(/Tick or untick/);
    expect(checkMailSettings({ failures: true, signIns: true, to: [3] })).toMatch(/Type the addresses/);
    expect(checkMailSettings('x')).toMatch(/Choose which e-mails/);
    // The digest: off when absent (the default), a boolean when sent.
    expect(checkMailSettings({ failures: true, signIns: true, digest: true, to: 'me' })).toEqual({ failures: true, signIns: true, digest: true, to: [], digestTo: [] });
    expect(checkMailSettings({ failures: true, signIns: true, digest: 'yes', to: 'me' })).toMatch(/Tick or untick/);
  });

  it('keep the digest off unless asked for, and stored as one flag', () => {
    expect(DEFAULT_MAIL_SETTINGS.digest).toBe(false);
    const on = { failures: true, signIns: true, digest: true, to: [], digestTo: [] };
    expect(serializeMailSettings(on)).toBe('{"d":1}');
    expect(parseMailSettings('{"d":1}')).toEqual(on);
    expect(parseMailSettings('{"d":true}').digest).toBe(false);
    expect(recipientsOf(DEFAULT_MAIL_SETTINGS, 'digest', 'me@example.com')).toEqual([]);
    expect(recipientsOf({ ...on, failures: false, signIns: false, to: ['x@y.example'] }, 'digest', 'me@example.com')).toEqual(['x@y.example']);
    expect(mailFooter('digest')).toMatch(/Weekly Digest, which you asked for under E-mails/);
    expect(mailSummary(on, 'me@example.com')).toMatch(/The Weekly Digest goes to me@example\.com on Mondays/);
    expect(mailSummary({ ...on, failures: false, signIns: false }, 'me@example.com')).toMatch(/^Sheetgram sends no failure or sign-in e-mails.*Weekly Digest goes to/);
  });

  it('send the digest to its own addresses when typed, and the rest where they go', () => {
    const own = 'me@example.com';
    const checked = checkMailSettings({ failures: true, signIns: true, digest: true, to: 'me', digestTo: 'team@b.example, Boss@b.example team@B.example' });
    expect(checked).toEqual({ failures: true, signIns: true, digest: true, to: [], digestTo: ['team@B.example', 'Boss@b.example'] });
    const settings = checked as Exclude<typeof checked, string>;
    expect(recipientsOf(settings, 'digest', own)).toEqual(['team@B.example', 'Boss@b.example']);
    expect(recipientsOf(settings, 'failure', own)).toEqual([own]);
    expect(mailSummary(settings, own)).toMatch(/^Sheetgram e-mails me@example\.com when .* The Weekly Digest goes to team@B\.example, Boss@b\.example on Mondays/);
    expect(serializeMailSettings(settings)).toBe('{"d":1,"g":"team@B.example,Boss@b.example"}');
    expect(parseMailSettings(serializeMailSettings(settings))).toEqual(settings);
    // Empty: where the others go; wrong or too many: said, naming the digest.
    expect(checkMailSettings({ failures: true, signIns: true, digest: true, to: 'me', digestTo: [] })).toMatchObject({ digestTo: [] });
    expect(checkMailSettings({ failures: true, signIns: true, digest: true, to: 'me', digestTo: 'boss at b' })).toMatch(/^For the Weekly Digest: These are not e-mail addresses: boss, at, b\./);
    expect(checkMailSettings({ failures: true, signIns: true, digest: true, to: 'me', digestTo: 'a@b.example c@b.example d@b.example e@b.example f@b.example g@b.example' })).toMatch(/^For the Weekly Digest: Type at most 5 addresses/);
    expect(checkMailSettings({ failures: true, signIns: true, digest: true, to: 'me', digestTo: 7 })).toBe('For the Weekly Digest: Type the addresses to send the Weekly Digest to.');
  });

  it('say who gets an e-mail of each kind', () => {
    const own = 'me@example.com';
    expect(recipientsOf(DEFAULT_MAIL_SETTINGS, 'failure', own)).toEqual([own]);
    expect(recipientsOf({ failures: false, signIns: true, digest: false, to: [], digestTo: [] }, 'failure', own)).toEqual([]);
    expect(recipientsOf({ failures: false, signIns: true, digest: false, to: [], digestTo: [] }, 'sign_in', own)).toEqual([own]);
    expect(recipientsOf({ failures: true, signIns: true, digest: false, to: ['x@y.example'], digestTo: [] }, 'sign_in', own)).toEqual(['x@y.example']);
    expect(recipientsOf(DEFAULT_MAIL_SETTINGS, 'failure', '')).toEqual([]);
    // Alerts are set account by account: on even with both other kinds off, to the person's addresses.
    expect(recipientsOf({ failures: false, signIns: false, digest: false, to: [], digestTo: [] }, 'alert', own)).toEqual([own]);
    expect(recipientsOf({ failures: false, signIns: false, digest: false, to: ['x@y.example'], digestTo: [] }, 'alert', own)).toEqual(['x@y.example']);
  });

  it('tell the reader what kind an e-mail is and how to change it, and the sidebar what it does', () => {
    expect(mailFooter('sign_in')).toMatch(/sign-in e-mails .*Open sidebar, then E-mails/);
    expect(mailFooter('alert')).toMatch(/Sheetgram's alerts, set on the account .*then Alerts on the account/);
    expect(mailSummary({ failures: false, signIns: false, digest: false, to: [], digestTo: [] }, 'me@example.com')).toMatch(/^Sheetgram sends no e-mails/);
    expect(mailSummary({ failures: true, signIns: false, digest: false, to: ['x@y.example'], digestTo: [] }, 'me@example.com')).toMatch(/^Sheetgram e-mails x@y\.example when a report keeps failing\. Sign-in e-mails are off/);
  });
});
