// Google's quotas in the local runtime (local/apps-script/quotas.ts), each with Google's message, the
// consumer and Workspace figures, and the counter starting again the next day. A fresh runtime per
// test. Most tests turn the cost model off: they count calls and virtual minutes exactly, and the
// start-up and call figures (costs.test.ts) would add to every duration.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LocalPlatform, runExecution } from '../../../local/apps-script/execution';
import { VirtualClock } from '../../../local/apps-script/platform';
import { DAILY_QUOTAS, QuotaBook, windowAround } from '../../../local/apps-script/quotas';
import { createRuntime, type RuntimeOptions } from '../../../local/apps-script/runtime';
import { LocalNetwork } from '../../../local/apps-script/services/url-fetch';
import { OWNER } from './support';

const LIMITS = fileURLToPath(new URL('./fixtures/limits', import.meta.url));
const START = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OWNER_EMAIL = 'owner@example.com';
const OTHER = 'other@example.com';
const URL_OK = 'https://graph.instagram.com/me';

function runtime(options: Partial<RuntimeOptions> = {}) {
  const network = new LocalNetwork({ mode: 'in-process', handler: () => ({ status: 200, headers: {}, body: 'ok' }) });
  return createRuntime({ bundleDir: LIMITS, start: START, users: [{ email: OWNER_EMAIL }, { email: OTHER }], network, costs: false, ...options });
}

describe('the figures', () => {
  it('are Google\'s for consumer accounts by default and for Workspace when asked', () => {
    const consumer = runtime();
    expect(consumer.quotas.account).toBe('consumer');
    expect(['urlfetch', 'properties', 'email', 'triggerRuntime'].map((n) => consumer.quotas.limit(n as never))).toEqual([20_000, 50_000, 100, 90 * 60_000]);
    const workspace = runtime({ account: 'workspace' });
    expect(['urlfetch', 'properties', 'email', 'triggerRuntime'].map((n) => workspace.quotas.limit(n as never))).toEqual([100_000, 500_000, 1_500, 6 * HOUR]);
    expect(DAILY_QUOTAS.workspace.urlfetch).toBe(100_000);
  });
});

describe('UrlFetch calls per day', () => {
  it('refuses the 20,001st fetch of a consumer day with Google\'s message, and starts again 24 hours after the first', () => {
    const rt = runtime();
    for (let i = 0; i < 4; i++) rt.call('fetchMany', [URL_OK, 5000]);
    expect(rt.quotas.used('urlfetch')).toBe(20_000);
    expect(() => rt.call('fetchMany', [URL_OK, 1])).toThrow('Service invoked too many times for one day: urlfetch.');
    expect(rt.quotas.remaining('urlfetch')).toBe(0);
    // Per user: another user still has a whole day.
    expect(rt.call('fetchMany', [URL_OK, 1], { user: OTHER })).toBe(1);
    expect(rt.quotas.resetsAt('urlfetch')).toBe(START + DAY);
    rt.advanceTo(START + DAY - 1);
    expect(() => rt.call('fetchMany', [URL_OK, 1])).toThrow('Service invoked too many times for one day: urlfetch.');
    rt.advanceTo(START + DAY);
    expect(rt.call('fetchMany', [URL_OK, 1])).toBe(1);
    expect(rt.quotas.used('urlfetch')).toBe(1);
  });

  it('counts each request of a fetchAll, custom functions included', () => {
    const rt = runtime({ account: 'workspace', quotas: { daily: { urlfetch: 12 } } });
    rt.call('fetchAllOf', [URL_OK, 10]);
    rt.callCustomFunction('IG_FETCH', [URL_OK]);
    expect(rt.quotas.used('urlfetch')).toBe(11);
    expect(() => rt.call('fetchAllOf', [URL_OK, 2])).toThrow('Service invoked too many times for one day: urlfetch.');
    expect(rt.quotas.used('urlfetch')).toBe(11);
  });

  it('starts again at midnight in the Pacific zone when the runtime says so', () => {
    const rt = runtime({ quotaReset: 'pacific-midnight', quotas: { daily: { urlfetch: 2 } } });
    rt.call('fetchMany', [URL_OK, 2]);
    // 09:00 UTC on 5 January is 01:00 in Los Angeles (PST, UTC-8): the day ends at 08:00 UTC on the 6th.
    expect(rt.quotas.resetsAt('urlfetch')).toBe(Date.parse('2026-01-06T08:00:00Z'));
    rt.advanceTo(Date.parse('2026-01-06T07:59:59Z'));
    expect(() => rt.call('fetchMany', [URL_OK, 1])).toThrow('Service invoked too many times for one day: urlfetch.');
    rt.advanceTo(Date.parse('2026-01-06T08:00:00Z'));
    expect(rt.call('fetchMany', [URL_OK, 1])).toBe(1);
  });

  it('knows the Pacific day across daylight saving time', () => {
    expect(windowAround(Date.parse('2026-07-10T12:00:00Z'), 'pacific-midnight')).toEqual({ start: Date.parse('2026-07-10T07:00:00Z'), end: Date.parse('2026-07-11T07:00:00Z') });
    // 8 March 2026: clocks go forward, the day has 23 hours.
    expect(windowAround(Date.parse('2026-03-08T12:00:00Z'), 'pacific-midnight')).toEqual({ start: Date.parse('2026-03-08T08:00:00Z'), end: Date.parse('2026-03-09T07:00:00Z') });
    expect(windowAround(START, 'rolling-24h')).toEqual({ start: START, end: START + DAY });
  });
});

describe('properties reads and writes per day', () => {
  it('refuses the call past the quota with Google\'s message and starts again the next day', () => {
    const rt = runtime({ quotas: { daily: { properties: 5 } } });
    rt.call('readProperty', [3]);
    rt.call('writeProperty', [2]);
    expect(rt.quotas.used('properties')).toBe(5);
    expect(() => rt.call('readProperty', [1])).toThrow('Service invoked too many times for one day: properties.');
    rt.advance(DAY);
    expect(rt.call('readProperty', [1])).toBe(1);
    expect(rt.quotas.used('properties')).toBe(1);
  });

  it('has the Workspace figure for Workspace accounts', () => {
    const rt = runtime({ account: 'workspace' });
    rt.call('readProperty', [60_000]);
    expect(rt.quotas.used('properties')).toBe(60_000);
    expect(rt.quotas.remaining('properties')).toBe(440_000);
  });
});

describe('e-mail recipients per day', () => {
  const list = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `r${from + i}@example.com`).join(',');
  /** At most 50 recipients a message (Google's per-message limit): n recipients in messages of 50. */
  const mailAll = (rt: ReturnType<typeof runtime>, n: number) => {
    for (let from = 0; from < n; from += 50) rt.call('mail', [list(Math.min(50, n - from), from)]);
  };

  it('refuses the 101st consumer recipient with Google\'s message and starts again the next day', () => {
    const rt = runtime();
    mailAll(rt, 100);
    expect(() => rt.call('mail', ['one@example.com'])).toThrow('Service invoked too many times for one day: email.');
    expect(rt.quotas.used('email')).toBe(100);
    rt.advance(DAY);
    rt.call('mail', ['one@example.com']);
    expect(rt.mail).toHaveLength(3);
  });

  it('allows 1,500 Workspace recipients', () => {
    const rt = runtime({ account: 'workspace' });
    mailAll(rt, 1500);
    expect(() => rt.call('mail', ['one@example.com'])).toThrow('Service invoked too many times for one day: email.');
  });
});

describe('trigger runtime per day', () => {
  it('stops the run that reaches 90 consumer minutes and refuses the next with Google\'s message, until the next day', () => {
    const rt = runtime();
    rt.call('createSleepyTrigger', [280]);
    rt.advance(21 * HOUR);
    const ticks = rt.executions.filter((e) => e.function === 'sleepyTick');
    expect(ticks).toHaveLength(21);
    // 19 runs of 280 s use 88 min 40 s; the 20th is stopped after the 80 s left; the 21st cannot start.
    expect(ticks.slice(0, 19).every((e) => e.outcome === 'completed' && e.duration === 280_000)).toBe(true);
    expect(ticks[19]).toMatchObject({ outcome: 'failed', error: 'Service using too much computer time for one day.' });
    expect(ticks[19].duration).toBeLessThanOrEqual(80_001);
    expect(ticks[20]).toMatchObject({ outcome: 'failed', error: 'Service using too much computer time for one day.', duration: 0 });
    expect(rt.quotas.used('triggerRuntime')).toBe(90 * 60_000);
    // Not for what the person runs from the menu or the sidebar.
    expect(rt.call('sleepSeconds', [60])).toBe('woke');
    // The first run started at 10:00: 24 hours later the day starts again.
    rt.advanceTo(START + HOUR + DAY);
    expect(rt.executions.filter((e) => e.function === 'sleepyTick').at(-1)).toMatchObject({ outcome: 'completed', duration: 280_000 });
    expect(rt.quotas.used('triggerRuntime')).toBe(280_000);
  });

  it('allows 6 hours for Workspace accounts', () => {
    const rt = runtime({ account: 'workspace' });
    rt.call('createSleepyTrigger', [300]);
    rt.advance(23 * HOUR);
    expect(rt.executions.filter((e) => e.function === 'sleepyTick' && e.outcome === 'completed')).toHaveLength(23);
    expect(rt.quotas.remaining('triggerRuntime')).toBe(6 * HOUR - 23 * 300_000);
  });
});

describe('simultaneous executions per user', () => {
  it('refuses a user\'s 31st execution at once with Google\'s message', () => {
    const platform = new LocalPlatform(new VirtualClock(START), { costs: null });
    const nested = (depth: number): string | undefined => {
      const execution = platform.createExecution({ functionName: `run${depth}`, user: OWNER, owner: OWNER, authMode: 'FULL', kind: 'script' });
      let inner: string | undefined;
      const { record } = runExecution(platform, execution, () => {
        if (depth < 31) inner = nested(depth + 1);
      });
      return depth === 31 ? record.error : inner;
    };
    expect(nested(1)).toBe('There are too many scripts running simultaneously for this Google user account.');
    // Once they end, the user may run again.
    expect(platform.runningFor(OWNER.id)).toBe(0);
    expect(new QuotaBook(platform.clock).simultaneousExecutions).toBe(30);
  });

  it('counts concurrent runs per user', async () => {
    const rt = runtime({ quotas: { simultaneousExecutions: 2 } });
    const results = await rt.callConcurrently([{ fn: 'nothing' }, { fn: 'nothing' }, { fn: 'nothing' }, { fn: 'nothing', user: OTHER }]);
    expect(results.map((r) => r.error ?? r.value)).toEqual(['ok', 'ok', 'There are too many scripts running simultaneously for this Google user account.', 'ok']);
    expect(rt.call('nothing')).toBe('ok');
  });
});

describe('triggers per user per script', () => {
  it('allows 20 across the spreadsheets the add-on is used in, then refuses with Google\'s message', () => {
    const rt = runtime();
    const documents = [rt.workbook, ...Array.from({ length: 20 }, () => rt.addDocument())];
    expect(new Set(documents.map((d) => d.id)).size).toBe(21);
    documents.slice(0, 20).forEach((d) => rt.call('createDocumentTrigger', [], { document: d.id }));
    expect(rt.call('triggerCount')).toBe(20);
    const last = documents[20].id;
    expect(() => rt.call('createDocumentTrigger', [], { document: last })).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    // Per user: another user of the same documents still may.
    expect(rt.call('createDocumentTrigger', [], { document: last, user: OTHER })).toMatch(/^\d+$/);
    // The add-on rule still holds in each document.
    rt.call('deleteFirstTrigger');
    expect(() => rt.call('createDocumentTrigger', [], { document: documents[1].id })).toThrow(/only create one trigger of each type/);
    expect(rt.call('createDocumentTrigger', [], { document: last })).toMatch(/^\d+$/);
  });
});

describe('property store and cache limits', () => {
  it('refuse a value over 9 KB and a store over 500 KB with Google\'s message, changing nothing', () => {
    const rt = runtime();
    expect(() => rt.call('setScriptProperties', [{ big: 'x'.repeat(9 * 1024 + 1) }])).toThrow('Argument too large: value');
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'y'.repeat(9000)]));
    expect(() => rt.call('setScriptProperties', [many])).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(rt.properties.script.size).toBe(0);
  });

  it('refuse cache keys over 250 characters, values over 100 KB and expiries outside 1 to 21,600 s', () => {
    const rt = runtime();
    expect(() => rt.call('cachePut', ['k'.repeat(251), 'v'])).toThrow('Argument too large: key (251 characters, at most 250)');
    expect(() => rt.call('cachePut', ['k', 'x'.repeat(100 * 1024 + 1)])).toThrow('Argument too large: value (at most 100 KB)');
    expect(() => rt.call('cachePut', ['k', 'v', 21_601])).toThrow('Invalid argument: expirationInSeconds (21601; between 1 and 21600)');
    rt.call('cachePut', ['k', 'v', 21_600]);
    rt.advance(21_600_000 - 1);
    expect(rt.call('cacheGet', ['k'])).toBe('v');
    rt.advance(1);
    expect(rt.call('cacheGet', ['k'])).toBeNull();
  });
});

describe('10 million cells per spreadsheet', () => {
  it('refuses a write that would grow the workbook past the limit with Sheets\' message', () => {
    const rt = runtime();
    // Sheet1 grows to 384,615 rows x 26 columns = 9,999,990 cells, its last row in use.
    rt.workbook.insertRows('Sheet1', 1001, 384_615 - 1000);
    rt.workbook.typeInto('Sheet1', 'A384615', 'last');
    const message = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    expect(() => rt.call('appendTo', ['Sheet1', ['one more']])).toThrow(message);
    expect(() => rt.call('addSheet', ['Another'])).toThrow(message);
    expect(rt.workbook.sheets.map((s) => [s.name, s.maxRows])).toEqual([['Sheet1', 384_615]]);
    // Room made, the same append works.
    rt.workbook.deleteRows('Sheet1', 2, 1);
    rt.call('appendTo', ['Sheet1', ['one more']]);
    expect(rt.workbook.sheets[0].maxRows).toBe(384_615);
  });
});
