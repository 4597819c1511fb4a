// MailApp: the outbox, both call forms, the daily recipient quota, inline images and attachments,
// and the per-message limits (refused before any quota is taken).
import { describe, expect, it } from 'vitest';
import { DailyQuota } from '../../../../local/apps-script/platform';
import { createCharts } from '../../../../local/apps-script/services/charts';
import { createMailApp, MAIL_DAILY_RECIPIENTS, MAIL_LIMITS, Outbox } from '../../../../local/apps-script/services/mail';
import { createResponseBlob } from '../../../../local/apps-script/services/url-fetch/blob';
import { newPlatform, OWNER, runAs } from '../support';

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0x80]);
const blob = (bytes: Uint8Array, type: string | null, name: string | null) => createResponseBlob(bytes, type, name);

function setup(account: 'consumer' | 'workspace' = 'consumer') {
  const platform = newPlatform();
  const outbox = new Outbox(new DailyQuota(account === 'consumer' ? 100 : 1500), account);
  return { platform, outbox, mail: createMailApp(platform, outbox) };
}

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
    const fifty = (from: number) => Array.from({ length: 50 }, (_, i) => `u${from + i}@example.com`).join(',');
    runAs(platform, () => {
      mail.sendEmail(fifty(0), 's', 'b');
      mail.sendEmail(fifty(50), 's', 'b');
      expect(() => mail.sendEmail('one@example.com', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
    });
  });

  it('needs FULL mode', () => {
    const platform = newPlatform();
    const mail = createMailApp(platform, new Outbox());
    expect(() => runAs(platform, () => mail.sendEmail('a@example.com', 's', 'b'), { authMode: 'LIMITED' })).toThrow('You do not have permission to call MailApp.sendEmail.');
  });

  it('keeps inline images (key, content type, name, bytes) and attachments, from Blobs and BlobSources', () => {
    const { platform, outbox, mail } = setup();
    runAs(platform, () => {
      const Charts = createCharts(platform);
      const data = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Day').addColumn(Charts.ColumnType.NUMBER, 'Reach').addRow(['Mon', 1]).addRow(['Tue', 2]);
      const chart = Charts.newLineChart().setDataTable(data).setDimensions(120, 80).build();
      mail.sendEmail({
        to: 'a@example.com',
        subject: 'Weekly digest',
        body: 'See the chart.',
        htmlBody: '<img src="cid:logo"><img src="cid:chart">',
        inlineImages: { logo: blob(PNG_BYTES, 'image/png', 'logo.png'), chart: chart.getAs('image/png') },
        attachments: [blob(new Uint8Array([1, 2, 3]), 'text/csv', 'data.csv'), chart],
      } as GoogleAppsScript.Mail.MailAdvancedParameters & { to: string; subject: string });
    });
    const [sent] = outbox.messages;
    expect(Object.keys(sent.inlineImages!)).toEqual(['logo', 'chart']);
    expect(sent.inlineImages!.logo).toEqual({ contentType: 'image/png', name: 'logo.png', bytes: Buffer.from(PNG_BYTES) });
    expect(Buffer.isBuffer(sent.inlineImages!.chart.bytes)).toBe(true);
    expect(sent.inlineImages!.chart.contentType).toBe('image/png');
    expect(sent.inlineImages!.chart.bytes.subarray(0, 8)).toEqual(Buffer.from(PNG_BYTES.subarray(0, 8)));
    expect(sent.attachments!.map((a) => [a.contentType, a.name, a.bytes.length > 0])).toEqual([['text/csv', 'data.csv', true], ['image/png', null, true]]);
    expect(sent.attachments![0].bytes).toEqual(Buffer.from([1, 2, 3]));
  });

  it('refuses inline images and attachments that are not blobs', () => {
    const { platform, outbox, mail } = setup();
    runAs(platform, () => {
      expect(() => mail.sendEmail('a@example.com', 's', 'b', { inlineImages: { logo: 'logo.png' } } as unknown as GoogleAppsScript.Mail.MailAdvancedParameters)).toThrow('Invalid argument: inlineImages.logo');
      expect(() => mail.sendEmail('a@example.com', 's', 'b', { attachments: blob(PNG_BYTES, 'image/png', null) } as unknown as GoogleAppsScript.Mail.MailAdvancedParameters)).toThrow('Invalid argument: attachments');
      expect(() => mail.sendEmail('a@example.com', 's', 'b', { attachments: [{}] } as unknown as GoogleAppsScript.Mail.MailAdvancedParameters)).toThrow('Invalid argument: attachments[0]');
    });
    expect(outbox.messages).toEqual([]);
  });

  it('refuses a body over 200 KB (body and htmlBody together): nothing sent, no quota taken', () => {
    const { platform, outbox, mail } = setup();
    const limit = MAIL_LIMITS.consumer.bodyBytes;
    expect(limit).toBe(200 * 1024);
    runAs(platform, () => {
      expect(() => mail.sendEmail('a@example.com', 's', 'x'.repeat(limit + 1))).toThrow('Limit Exceeded: Email Body Size.');
      expect(() => mail.sendEmail({ to: 'a@example.com', subject: 's', body: 'x'.repeat(limit / 2), htmlBody: 'y'.repeat(limit / 2 + 1) })).toThrow('Limit Exceeded: Email Body Size.');
      // UTF-8 bytes, not characters: 70,000 three-byte characters are over 200 KB.
      expect(() => mail.sendEmail('a@example.com', 's', '€'.repeat(70_000))).toThrow('Limit Exceeded: Email Body Size.');
      expect(mail.getRemainingDailyQuota()).toBe(MAIL_DAILY_RECIPIENTS);
      mail.sendEmail('a@example.com', 's', 'x'.repeat(limit));
    });
    expect(outbox.messages).toHaveLength(1);
  });

  it('allows a 400 KB body for Workspace accounts', () => {
    const { platform, outbox, mail } = setup('workspace');
    runAs(platform, () => {
      mail.sendEmail('a@example.com', 's', 'x'.repeat(400 * 1024));
      expect(() => mail.sendEmail('a@example.com', 's', 'x'.repeat(400 * 1024 + 1))).toThrow('Limit Exceeded: Email Body Size.');
    });
    expect(outbox.messages).toHaveLength(1);
  });

  it('refuses more than 50 recipients in one message (to, cc and bcc together) before counting the daily quota', () => {
    const { platform, outbox, mail } = setup();
    const list = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`).join(',');
    runAs(platform, () => {
      expect(() => mail.sendEmail(list(51, 'u'), 's', 'b')).toThrow('Limit Exceeded: Email Recipients Per Message.');
      expect(() => mail.sendEmail({ to: list(20, 't'), cc: list(20, 'c'), bcc: list(11, 'b'), subject: 's', body: 'b' })).toThrow('Limit Exceeded: Email Recipients Per Message.');
      expect(mail.getRemainingDailyQuota()).toBe(MAIL_DAILY_RECIPIENTS);
      mail.sendEmail(list(50, 'u'), 's', 'b');
      expect(mail.getRemainingDailyQuota()).toBe(MAIL_DAILY_RECIPIENTS - 50);
    });
    expect(outbox.messages).toHaveLength(1);
  });

  it('refuses more than 25 MB of attachments and inline images together, and more than 250 of them', () => {
    const { platform, outbox, mail } = setup();
    const MB = 1024 * 1024;
    // Lean blobs (bytes as a Uint8Array, not a 25-million-element array of numbers) keep this test fast.
    const big = (n: number) => ({ getBytes: () => new Uint8Array(n), getContentType: () => 'application/octet-stream', getName: () => 'big.bin' });
    const options = (o: object) => o as GoogleAppsScript.Mail.MailAdvancedParameters;
    runAs(platform, () => {
      expect(() => mail.sendEmail('a@example.com', 's', 'b', options({ attachments: [big(25 * MB + 1)] }))).toThrow('Limit Exceeded: Email Total Attachments Size.');
      expect(() => mail.sendEmail('a@example.com', 's', 'b', options({ attachments: [big(20 * MB)], inlineImages: { x: big(5 * MB + 1) } }))).toThrow(
        'Limit Exceeded: Email Total Attachments Size.',
      );
      const many = Array.from({ length: 251 }, () => big(1));
      expect(() => mail.sendEmail('a@example.com', 's', 'b', options({ attachments: many }))).toThrow('Limit Exceeded: Email Attachments Per Message.');
      expect(mail.getRemainingDailyQuota()).toBe(MAIL_DAILY_RECIPIENTS);
      mail.sendEmail('a@example.com', 's', 'b', options({ attachments: [big(20 * MB)], inlineImages: { x: big(5 * MB) } }));
    });
    expect(outbox.messages).toHaveLength(1);
  });
});
