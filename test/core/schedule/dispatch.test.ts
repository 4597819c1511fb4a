// The hourly dispatcher over a fake Graph: an incomplete run is tried again soon (backing off), and a run
// that waits for the person leaves one line and one e-mail, then stays quiet until they act.
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../../src/core/accounts/account-store';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { RunLeases } from '../../../src/core/configurations/leases';
import { ConfigurationStore } from '../../../src/core/configurations/store';
import type { GraphClient } from '../../../src/core/graph/client';
import type { GraphErrorKind, GraphPage } from '../../../src/core/reports/graph-contract';
import { defaultFields, getReport } from '../../../src/core/reports/registry';
import type { ReportConfiguration, ReportId, Schedule } from '../../../src/core/reports/types';
import type { RunLogEntry } from '../../../src/core/run/run-log';
import { dispatch, TICK_TAIL_MS, type DispatchEnvironment } from '../../../src/core/schedule/dispatch';
import { TriggerTimeLedger } from '../../../src/core/schedule/trigger-time';
import { FakeClock, MemoryStore } from '../../support/memory-ports';
import { MemoryLock } from '../quota/memory-lock';
import { FakeGraph, graphError, makePosts } from '../run/fake-graph';
import { MemoryTabs } from '../tabs/memory-tab';
import { FakeBigQuery } from '../bigquery/fake-port';
import { TARGET } from '../bigquery/sheet';

const START = Date.parse('2026-07-15T12:00:00Z');
const HOUR = 3_600_000;
const ACCOUNT = '17841400000000001';
const OWNER = 'user-1';

/** A Graph that can be broken for the account as a whole (a revoked token, a removed permission). */
class Breakable extends FakeGraph {
  broken: GraphErrorKind | null = null;
  private fail() {
    if (this.broken) throw graphError(this.broken, this.broken === 'auth' ? 'Instagram no longer accepts this account\'s sign-in.' : 'A permission is missing.', this.broken === 'auth' ? 190 : 10);
  }
  override get<T>(path: string, params?: Record<string, string>): T {
    this.fail();
    return super.get(path, params);
  }
  override page<T>(path: string, params?: Record<string, string>, from?: { next?: string; after?: string }): GraphPage<T> {
    this.fail();
    return super.page(path, params, from);
  }
}

function world(options: { bigquery?: FakeBigQuery } = {}) {
  const clock = new FakeClock(START);
  const graph = new Breakable(makePosts(400, START - HOUR, 6), clock, 0);
  const document = new MemoryStore();
  const user = new MemoryStore();
  const configs = new ConfigurationStore(document);
  const accounts = new AccountStore(user);
  const account: ConnectedAccount = {
    id: ACCOUNT, username: 'sunny.creates', accountType: 'MEDIA_CREATOR', flow: 'instagram', scopes: [], connectedAt: START - HOUR,
    tokenIssuedAt: START - HOUR, tokenExpiresAt: null,
  };
  accounts.save(account, { accessToken: 'token-1', issuedAt: START - HOUR, expiresAt: null });
  const tabs = new MemoryTabs();
  const mail: { subject: string; body: string }[] = [];
  const log: RunLogEntry[] = [];
  const env: DispatchEnvironment = {
    configs, accounts, leases: new RunLeases(document, new MemoryLock(), clock), tab: tabs, clock, timeZone: 'UTC', textEscaping: 'apostrophe',
    log: { info: () => undefined, warn: () => undefined }, holder: 'tick',
    openGraph: () => Object.assign(graph, { release: () => undefined, throttle: {} }) as unknown as GraphClient,
    owner: OWNER, maintenance: { transport: { send: () => { throw new Error('no network'); }, sendAll: () => [] }, hosts: {} as never },
    mail: (subject, body) => mail.push({ subject, body }), spreadsheetName: 'Plan',
    ...(options.bigquery ? { bigquery: () => options.bigquery as FakeBigQuery } : {}),
  };
  const save = (reportId: ReportId, schedule: Schedule, id = `cfg-${reportId}`, extra: Partial<ReportConfiguration> = {}): ReportConfiguration => {
    const report = getReport(reportId);
    const config: ReportConfiguration = {
      id, accountId: ACCOUNT, loginFlow: 'instagram', reportId, fields: defaultFields(report), tab: { sheetId: null, name: id },
      mode: 'update', schedule, settings: {}, owner: OWNER, accountUsername: 'sunny.creates', createdAt: START - HOUR, ...extra,
    };
    configs.save(config);
    return config;
  };
  /** Counts the ticks' time as the gas layer does, when set (a person's daily trigger runtime). */
  let ledger: TriggerTimeLedger | undefined;
  const useTriggerTime = (minutesPerDay: number) => {
    ledger = new TriggerTimeLedger(user, clock, { minutesPerDay });
    return ledger;
  };
  /** One hourly tick at the clock's time; returns its log lines. */
  const tick = (): RunLogEntry[] => {
    const startedAt = clock.ms;
    const report = dispatch({ ...env, triggerTime: ledger && { ledger, startedAt } }, clock.ms + 5 * 60_000);
    ledger?.record(startedAt, clock.ms - startedAt, new MemoryLock());
    log.push(...report.entries);
    return report.entries;
  };
  /** Ticks on the hour until `until`, returning every line they wrote. */
  const ticksUntil = (until: number): RunLogEntry[] => {
    const lines: RunLogEntry[] = [];
    while (clock.ms + HOUR <= until) {
      clock.ms = Math.floor(clock.ms / HOUR) * HOUR + HOUR;
      lines.push(...tick());
    }
    return lines;
  };
  const ids = (tab: string) => {
    const [head, ...rows] = tabs.values(tab);
    return rows.map((r) => r[head.indexOf('Media ID')]);
  };
  return { clock, graph, configs, accounts, account, mail, log, save, tick, ticksUntil, ids, useTriggerTime };
}

const endAfterPage = (n: number) => (page: GraphPage<any>, at: number) => (at === n ? { ...page, next: null, after: null } : page);

describe('an incomplete run', () => {
  it('is tried again at the next tick, which fills the gap: every post once', () => {
    const w = world();
    const config = w.save('recent_media', { kind: 'daily', hour: 6 });
    w.graph.pageFault = endAfterPage(3);
    const [line] = w.tick();
    expect(line).toMatchObject({ status: 'incomplete', message: expect.stringMatching(/Instagram ended the list of posts early .*: 300 of 400 read; Sheetgram tries again at the next run\./) });
    expect(w.configs.status(config.id)).toMatchObject({ lastRun: { status: 'incomplete' }, incompleteRuns: 1 });
    expect(w.configs.get(config.id)!.state).toEqual({});
    w.graph.pageFault = undefined;
    const [retry] = w.ticksUntil(START + HOUR);
    expect(retry).toMatchObject({ status: 'ok' });
    const ids = w.ids(config.tab.name);
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
    expect(w.configs.status(config.id).retryAt).toBeUndefined();
    // Then only its schedule: nothing more today.
    expect(w.ticksUntil(START + 11 * HOUR)).toEqual([]);
  });

  it('backs off while the list stays short (1, 2, 4 hours), then leaves it to the schedule', () => {
    const w = world();
    w.save('recent_media', { kind: 'daily', hour: 6 });
    w.graph.pageFault = endAfterPage(3);
    w.tick();
    w.ticksUntil(START + 18 * HOUR);
    expect(w.log.map((l) => [new Date(l.at).toISOString().slice(11, 16), l.status])).toEqual([
      ['12:00', 'incomplete'], ['13:00', 'incomplete'], ['15:00', 'incomplete'], ['19:00', 'incomplete'], ['06:00', 'incomplete'],
    ]);
  });
});

describe('a run that waits for the person', () => {
  it('after a revoked token: one line and one e-mail, then quiet for a day, and it resumes after a reconnect', () => {
    const w = world();
    const config = w.save('recent_media', { kind: 'every_hours', everyHours: 1 });
    expect(w.tick()).toMatchObject([{ status: 'ok' }]);
    w.graph.broken = 'auth';
    w.clock.ms += HOUR;
    const [line] = w.tick();
    expect(line).toMatchObject({ status: 'failed', message: expect.stringMatching(/sign-in.*wait until then and go on by themselves/) });
    expect(w.mail.map((m) => m.subject)).toEqual(['Sheetgram: reconnect @sunny.creates so its reports go on']);
    const calls = w.graph.callsUsed;
    // The failed run left a checkpoint: before, it was due every hour, with a line each time.
    expect(w.configs.listWithStatus()[0].unfinished).toBe(true);
    expect(w.ticksUntil(w.clock.ms + 24 * HOUR)).toEqual([]);
    expect(w.mail).toHaveLength(1);
    expect(w.graph.callsUsed).toBe(calls);
    expect(w.configs.status(config.id).failures).toBe(1);

    // Reconnecting saves the account without "reconnect needed" and with a new token.
    w.graph.broken = null;
    w.accounts.save({ ...w.account, tokenIssuedAt: w.clock.ms }, { accessToken: 'token-2', issuedAt: w.clock.ms, expiresAt: null });
    const [resumed] = w.ticksUntil(w.clock.ms + HOUR);
    expect(resumed).toMatchObject({ status: 'ok' });
    expect(w.configs.status(config.id).failures).toBe(0);
    expect(w.configs.status(config.id).waiting).toBeUndefined();
    expect(new Set(w.ids(config.tab.name)).size).toBe(400);
  });

  it('gives every other report of the account its one line too, then keeps quiet', () => {
    const w = world();
    w.save('recent_media', { kind: 'every_hours', everyHours: 1 });
    w.save('media_insights', { kind: 'every_hours', everyHours: 1 });
    w.graph.broken = 'auth';
    const lines = w.ticksUntil(START + 24 * HOUR).concat(w.tick());
    // The first finds out from Instagram; the next is refused before calling it, the tick after.
    expect(lines.map((l) => l.status)).toEqual(['failed', 'failed']);
    expect(new Set(lines.map((l) => l.report))).toEqual(new Set(["User's Recent Media", 'Media Insights']));
    expect(lines[0].message).toMatch(/no longer accepts this account's sign-in/);
    expect(lines[1].message).toMatch(/needs to be reconnected/);
    expect(lines[1].at - lines[0].at).toBe(HOUR);
    expect(w.mail).toHaveLength(1);
  });

  it('on a missing permission: quiet until the report is saved again, or the account reconnected', () => {
    const w = world();
    const config = w.save('recent_media', { kind: 'every_hours', everyHours: 1 });
    w.graph.broken = 'permission';
    expect(w.tick()).toMatchObject([{ status: 'failed', message: expect.stringMatching(/permission.*wait until the report is saved again/) }]);
    expect(w.mail.map((m) => m.subject)).toEqual(['Sheetgram: "User\'s Recent Media" for @sunny.creates waits for you']);
    expect(w.ticksUntil(START + 12 * HOUR)).toEqual([]);
    // Saving the report again clears the stop (what saveConfiguration does).
    w.graph.broken = null;
    w.configs.saveStatus(config.id, { ...w.configs.status(config.id), stoppedReason: undefined });
    expect(w.ticksUntil(w.clock.ms + HOUR)).toMatchObject([{ status: 'ok' }]);

    // Again, and this time the person reconnects instead.
    w.graph.broken = 'permission';
    w.ticksUntil(w.clock.ms + HOUR);
    expect(w.ticksUntil(w.clock.ms + 5 * HOUR)).toEqual([]);
    w.graph.broken = null;
    w.accounts.save({ ...w.account, tokenIssuedAt: w.clock.ms }, { accessToken: 'token-3', issuedAt: w.clock.ms, expiresAt: null });
    expect(w.ticksUntil(w.clock.ms + HOUR)).toMatchObject([{ status: 'ok' }]);
    expect(w.mail).toHaveLength(2);
  });
});

describe('a BigQuery load that failed for a while', () => {
  it('is tried again at the hourly ticks after 1, 2, 4 and 8 hours, not at every one, and then loads', () => {
    const port = new FakeBigQuery(['acme-marketing']);
    const w = world({ bigquery: port });
    const config = w.save('recent_media', { kind: 'daily', hour: 6 }, 'cfg-bq', { destination: 'sheet_and_bigquery', bigquery: TARGET });
    const tries: number[] = [];
    port.onCall = (call) => {
      if (call.method === 'load') tries.push((w.clock.ms - START) / HOUR);
    };
    port.fail('load', { code: 503, reason: 'backendError', message: 'Backend error.' }, { times: 4 });
    expect(w.tick()).toMatchObject([{ status: 'ok', message: expect.stringContaining('BigQuery did not answer in time') }]);
    // (The next daily run, at 06:00, is 18 hours after the first.)
    w.ticksUntil(START + 17 * HOUR);
    expect(tries.map(Math.floor)).toEqual([0, 1, 3, 7, 15]);
    expect(w.configs.status(config.id).bigquery).toMatchObject({ rows: expect.any(Number) });
    expect(w.configs.status(config.id).bigquery?.error).toBeUndefined();
  });
});

describe('the end of a tick', () => {
  it('keeps time after the runs for the log and the counters: runs stop TICK_TAIL_MS before the execution\'s deadline', () => {
    const w = world();
    w.graph.msPerCall = 10_000;
    w.graph.posts = makePosts(3_000, START - HOUR, 1);
    w.save('recent_media', { kind: 'daily', hour: 12 }, 'posts');
    const startedAt = w.clock.ms;
    expect(w.tick()).toMatchObject([{ status: 'continues' }]);
    // Less the run's own reserve for writing (20 s).
    expect(w.clock.ms).toBeLessThan(startedAt + 5 * 60_000 - TICK_TAIL_MS - 20_000);
    expect(w.clock.ms).toBeGreaterThan(startedAt + 5 * 60_000 - TICK_TAIL_MS - 60_000);
  });
});

describe("the day's trigger time", () => {
  const MINUTE = 60_000;

  it('spreads a long first pull over days, keeps time for the day\'s other reports, and says so', () => {
    const w = world();
    const ledger = w.useTriggerTime(90);
    // Of Sheetgram's 81 minutes (90 x 0.9), continuing pulls may use 60.75: 7.75 are left for them, 28 in all.
    ledger.record(START - 2 * HOUR, 53 * MINUTE, new MemoryLock());
    w.graph.msPerCall = 30_000;
    w.graph.posts = makePosts(3_000, START - HOUR, 1);
    const pull = w.save('recent_media', { kind: 'daily', hour: 12 }, 'posts');
    const daily = w.save('user_information', { kind: 'daily', hour: 13 }, 'profile');

    // The first pull starts as a scheduled run (the execution's 5 minutes), then continues.
    expect(w.tick()).toMatchObject([{ status: 'continues', message: expect.stringMatching(/time limit; the next run continues/) }]);
    const second = w.ticksUntil(START + 2 * HOUR);
    expect(second.map((l) => [l.report, l.status])).toEqual([["User's Recent Media", 'continues'], ["User's Information", 'ok']]);
    // 53 + ~5.5 minutes: the second execution stopped the pull where the continuing share ends, and still ran the day's report.
    const status = w.configs.status(pull.id);
    expect(status.lastRun?.message).toMatch(/^(.* )?A long history is read over several days: Google gives scheduled runs 90 minutes a day for each person, and today's share for Sheetgram is used\. What is read so far is in the tab; Sheetgram continues (today|tomorrow), around \d\d:\d\d, or now with Run now\.$/);
    expect(status.lastRun?.message).not.toMatch(/Apps Script's time limit/);
    expect(status.resumeAt).toBeGreaterThan(w.clock.ms);
    expect(w.configs.status(daily.id).lastRun?.status).toBe('ok');

    // Not retried before then; then it goes on, and no rolling day ever goes over Sheetgram's share.
    const rowsBefore = w.ids('posts').length;
    const quiet = w.ticksUntil(status.resumeAt! - 1).filter((l) => l.report === "User's Recent Media");
    expect(quiet).toEqual([]);
    expect(w.ids('posts').length).toBe(rowsBefore);
    for (let day = 0; day < 10 && w.configs.listWithStatus().find((c) => c.config.id === pull.id)!.unfinished; day++) {
      w.ticksUntil(w.clock.ms + 24 * HOUR);
      expect(ledger.usedAt(w.clock.ms)).toBeLessThanOrEqual(81 * MINUTE);
    }
    const ids = w.ids('posts');
    expect(ids).toHaveLength(3_000);
    expect(new Set(ids).size).toBe(3_000);
  });

  it('leaves a due report waiting, without calling Instagram, when the day\'s share is used', () => {
    const w = world();
    w.useTriggerTime(90).record(START - HOUR, 80.5 * MINUTE, new MemoryLock());
    const config = w.save('user_information', { kind: 'daily', hour: 12 });
    expect(w.tick()).toEqual([]);
    expect(w.graph.callsUsed).toBe(0);
    const status = w.configs.status(config.id);
    expect(status.lastRun).toMatchObject({ status: 'continues', callsUsed: 0 });
    expect(status.lastRun?.message).toMatch(/^Google gives scheduled runs 90 minutes a day for each person, and today's share for Sheetgram is used\. Sheetgram continues tomorrow, around 12:00, or now with Run now\.$/);
    // The hour of 11:00 leaves the count at 12:00 the next day; the report runs then.
    w.ticksUntil(START + 24 * HOUR);
    expect(w.configs.status(config.id).lastRun?.status).toBe('ok');
    expect(w.mail).toEqual([]);
  });

  it('gives a Workspace account its 6 hours', () => {
    const w = world();
    w.useTriggerTime(360).record(START - HOUR, 80 * MINUTE, new MemoryLock());
    w.save('user_information', { kind: 'daily', hour: 12 });
    expect(w.tick()).toMatchObject([{ status: 'ok' }]);
  });
});
