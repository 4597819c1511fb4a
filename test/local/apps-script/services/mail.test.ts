// MailApp: the outbox, both call forms, and the daily recipient quota.
import { describe, expect, it } from 'vitest';
import { createMailApp, MAIL_DAILY_RECIPIENTS, Outbox } from '../../../../local/apps-script/services/mail';
import { newPlatform, OWNER, runAs } from '../support';

describe('MailApp', () => {
  it('records messages in the outbox in both call forms', () => {
    const platform = newPlatform();
    const outbox = new Outbox();
    const mail = createMailApp(platform, outbox);
    runAs(platform, () => {
      mail.sendEmail('a@example.com', 'Hi', 'Body', { cc: 'b@example.com, c@example.com', name: 'Sheetgram' });
      mail.sendEmail({ to: 'd@example.com', subject: 'S', body: 'B', htmlBody: '<b>B</b>' });
      expect(mail.getRemainingDailyQuota()).toBe(MAIL_DAILY_RECIPIENTS - 4);
    });
    expect(outbox.messages.map((m) => [m.from, m.to, m.cc, m.subject, m.name, m.htmlBody])).toEqual([
      [OWNER.email, ['a@example.com'], ['b@example.com', 'c@example.com'], 'Hi', 'Sheetgram', undefined],
      [OWNER.email, ['d@example.com'], [], 'S', undefined, '<b>B</b>'],
    ]);
  });

  it('throws Google\'s message past 100 recipients a day', () => {
    const platform = newPlatform();
    const mail = createMailApp(platform, new Outbox());
    const many = Array.from({ length: 100 }, (_, i) => `u${i}@example.com`).join(',');
    runAs(platform, () => {
      mail.sendEmail(many, 's', 'b');
      expect(() => mail.sendEmail('one@example.com', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
    });
  });

  it('needs FULL mode', () => {
    const platform = newPlatform();
    const mail = createMailApp(platform, new Outbox());
    expect(() => runAs(platform, () => mail.sendEmail('a@example.com', 's', 'b'), { authMode: 'LIMITED' })).toThrow('You do not have permission to call MailApp.sendEmail.');
  });
});
