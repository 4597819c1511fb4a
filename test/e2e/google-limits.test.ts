// Sheetgram holds at Google's limits (issue 15): the daily UrlFetch quota of the Google user is a stop until
// it resets, not a network failure (no retry, no failure e-mail, no other account's run in the execution).
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { largeScenario } from '../../local/instagram/scenario';
import { BAKERY, CREATOR, HOUR, OWNER, stack, stackWithBothAccounts } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

function save(accountId: string) {
  return s.rt.call('saveConfiguration', [{
    accountId, reportId: 'user_information', fields: ['followers_count', 'media_count'], tabName: `info-${accountId}`, mode: 'append', schedule: { kind: 'daily', hour: 0 },
  }]) as { id: string; tabName: string };
}
const status = (id: string) => (s.rt.call('getSidebarState').configurations as { id: string; lastRun?: { status: string; message: string }; lastError?: string }[]).find((c) => c.id === id)!;
const metaCalls = async () => ((await s.control('log')) as { endpoint: string }[]).filter((e) => !e.endpoint.includes('oauth') && !e.endpoint.includes('access_token')).length;

describe("Google's daily UrlFetch quota", () => {
  it('pauses every account\'s runs until the next day, without retries, failures or e-mails', async () => {
    s = await stackWithBothAccounts();
    const creator = save(CREATOR);
    const bakery = save(BAKERY);
    // Use up the owner's UrlFetch calls for the day.
    const urlfetch = s.rt.quotas.counter('urlfetch');
    urlfetch.add(OWNER, s.rt.clock.now(), s.rt.quotas.remaining('urlfetch'));
    expect(s.rt.quotas.remaining('urlfetch')).toBe(0);
    const before = await metaCalls();
    const mailBefore = s.rt.mail.length;
    const runsBefore = s.rt.executions.length;

    s.rt.advance(3 * HOUR);

    const runs = s.rt.executions.slice(runsBefore).filter((e) => e.function === 'runScheduledReports');
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.map((e) => e.error).filter(Boolean)).toEqual([]);
    expect(runs.every((e) => e.outcome === 'completed')).toBe(true);
    // Nothing reached Instagram, and Google was asked once in all: no retry, no other account, no hourly attempt.
    expect(await metaCalls()).toBe(before);
    const refused = s.rt.logs.filter((l) => /could not reach Instagram/i.test(JSON.stringify(l)));
    expect(refused).toEqual([]);
    expect(s.rt.mail.length).toBe(mailBefore);
    for (const config of [creator, bakery]) {
      const st = status(config.id);
      expect(st.lastRun?.status).toBe('continues');
      expect(st.lastRun?.message).toMatch(/^Google's daily limit of calls to other services \(UrlFetch\) for your Google account is used up; Sheetgram continues tomorrow, around \d\d:\d\d\.$/);
      expect(st.lastError).toBeUndefined();
    }
  });

  it('goes on by itself once the quota has reset', async () => {
    s = await stackWithBothAccounts();
    const creator = save(CREATOR);
    s.rt.quotas.counter('urlfetch').add(OWNER, s.rt.clock.now(), s.rt.quotas.remaining('urlfetch'));
    s.rt.advance(2 * HOUR);
    expect(status(creator.id).lastRun?.message).toMatch(/Google's daily limit/);
    s.rt.advance(24 * HOUR);
    expect(status(creator.id).lastRun?.status).toBe('ok');
    expect(s.rt.workbook.values(creator.tabName).length).toBeGreaterThan(1);
  });
});

describe("Apps Script's 6-minute limit", () => {
  it('counts the run\'s budget from the start of the execution and stops cleanly before the limit', async () => {
    s = await stack({ scenario: largeScenario({ media: 10_000 }), latencyMs: 5_000, transport: 'in-process' });
    await s.connect('instagram');
    const config = s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId: 'recent_media', fields: ['id', 'timestamp'], tabName: 'posts', mode: 'update', schedule: { kind: 'off' },
    }]) as { id: string };
    const summary = s.rt.call('runConfigurationNow', [config.id]) as { status: string; rowsAdded: number };
    expect(summary.status).toBe('continues');
    const run = s.rt.executions.filter((e) => e.function === 'runConfigurationNow').at(-1)!;
    expect(run.outcome).toBe('completed');
    // Start-up included: 5.5 minutes of budget, then the checkpoint and the log, well inside 6 minutes.
    expect(run.duration).toBeLessThan(6 * 60_000);
    expect(run.duration).toBeGreaterThan(5 * 60_000);
  });
});

describe("Google's 20 triggers per user per script", () => {
  it('refuses the first schedule in a 21st spreadsheet before anything is stored, and says what to do', async () => {
    s = await stackWithBothAccounts();
    const saveIn = (document: string | undefined, schedule: unknown) => s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId: 'user_information', fields: ['followers_count'], tabName: 'info', mode: 'append', schedule,
    }], document ? { document } : {}) as { id: string };
    // A schedule in 20 spreadsheets: one hourly trigger each, Google's limit for one user and script.
    saveIn(undefined, { kind: 'daily', hour: 7 });
    for (let i = 0; i < 19; i++) saveIn(s.rt.addDocument().id, { kind: 'daily', hour: 7 });
    expect(s.rt.triggers.all().length).toBe(20);
    const last = s.rt.addDocument();
    expect(() => saveIn(last.id, { kind: 'daily', hour: 7 })).toThrow(
      /\[sheetgram:invalid_input\] Google allows one Google account 20 Sheetgram schedules across spreadsheets.*remove Sheetgram schedules from a spreadsheet you no longer use/i,
    );
    // Nothing stored: no configuration, no tab.
    expect([...s.rt.properties.documentStore(last.id).keys()].filter((k) => k.startsWith('sheetgram.config'))).toEqual([]);
    expect(last.sheets.map((sheet) => sheet.name)).not.toContain('info');
    expect(s.rt.triggers.all()).toHaveLength(20);
    // Without a schedule it saves (Run now needs no trigger).
    expect(saveIn(last.id, { kind: 'off' }).id).toBeTruthy();
  });
});

describe("Google's 500 KB property store", () => {
  const STORE = 500 * 1024;
  const sizeOf = (store: Map<string, string>) => [...store].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  /** Fills the document's store up to `free` bytes below Google's limit, in properties of 8 KB. */
  const fill = (free: number) => {
    const store = s.rt.properties.document;
    let left = STORE - free - sizeOf(store);
    for (let i = 0; left > 0; i++) {
      const key = `other.addon.${i}`;
      const value = 'x'.repeat(Math.max(0, Math.min(8_000, left - key.length)));
      store.set(key, value);
      left -= key.length + value.length;
    }
    return store;
  };

  it('refuses to save a report that would not fit, before storing anything', async () => {
    s = await stackWithBothAccounts();
    const store = fill(2_000);
    const before = sizeOf(store);
    expect(() => save(CREATOR)).toThrow(/\[sheetgram:invalid_input\] This spreadsheet has no room left to save another Sheetgram report: Google allows 500 KB/);
    expect(sizeOf(store)).toBe(before);
    // The trigger installed for the refused schedule went again.
    expect(s.rt.triggers.all()).toHaveLength(0);
  });

  it('when a run cannot write to the full store, leaves a log line and e-mails the owner once a day instead of failing', async () => {
    s = await stackWithBothAccounts();
    save(CREATOR);
    fill(10);
    const mailBefore = s.rt.mail.length;
    const runsBefore = s.rt.executions.length;
    s.rt.advance(3 * HOUR);
    const runs = s.rt.executions.slice(runsBefore).filter((e) => e.function === 'runScheduledReports');
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.map((e) => e.error).filter(Boolean)).toEqual([]);
    const lines = s.rt.workbook.values('Sheetgram log').flat().filter((v) => /storage for add-ons .* is full/.test(String(v)));
    expect(lines.length).toBe(runs.length);
    const mails = s.rt.mail.slice(mailBefore);
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0])).toMatch(/no room left/);
  });

  it('Run now into the full store leaves the same log line and tells the person why, instead of failing', async () => {
    s = await stackWithBothAccounts();
    const config = save(CREATOR);
    fill(10);
    const consoleBefore = s.rt.logs.length;
    const summary = s.rt.call('runConfigurationNow', [config.id]) as { status: string; rowsAdded: number; callsUsed: number; message: string };
    expect(summary).toMatchObject({ status: 'failed', rowsAdded: 0, callsUsed: 0 });
    expect(summary.message).toMatch(/^Sheetgram could not save its reports' progress: this spreadsheet's storage for add-ons \(Google's 500 KB of document properties\) is full\. Delete Sheetgram reports/);
    expect(s.rt.executions.filter((e) => e.function === 'runConfigurationNow').at(-1)).toMatchObject({ outcome: 'completed' });
    // The log tab names the report, its account and tab, started by Run now.
    const [head, ...rows] = s.rt.workbook.values('Sheetgram log');
    const line = Object.fromEntries(head.map((h, i) => [h, rows.find((r) => r.includes(summary.message))?.[i]]));
    expect(line).toMatchObject({ Report: "User's Information", Account: expect.stringMatching(/^@\w+/), Tab: config.tabName, 'Started by': 'run now', Status: 'failed', Message: summary.message });
    expect(s.rt.logs.slice(consoleBefore).filter((l) => l.level === 'warn' && l.message.includes(summary.message))).toHaveLength(1);
  });
});
