// Sending the alerts: for each account whose alerts the running person set, the alerts not e-mailed yet,
// in one e-mail a day at most; the ids remembered so a week-long recent alert goes once; an e-mail the
// quota refused marks nothing, and a later run sends it.
import { describe, expect, it } from 'vitest';
import { alertsOf } from '../../../src/core/alerts/checks';
import { SENT_PREFIX, sendAlerts, type AlertDeps } from '../../../src/core/alerts/send';
import { alertsKey, serializeAlertSettings, type AlertSettings } from '../../../src/core/alerts/settings';
import type { Table } from '../../../src/core/functions/tables';
import { parseIsoDate } from '../../../src/core/reports/dates';
import { FakeClock, ListLog, MemoryStore } from '../../support/memory-ports';
import { BAKERY, SUNNY, TZ, earlierPosts, growthOf, profileOf, type Snapshot } from './tables';

const OWNER = 'owner-key';
/** 09:00 on Tuesday 10 March 2026 in Berlin. */
const TUESDAY = Date.parse('2026-03-10T08:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Mail {
  subject: string;
  body: string;
}

/** A document with alert settings, tabs and an e-mail that works unless told. */
class World {
  readonly store = new MemoryStore();
  readonly clock = new FakeClock(TUESDAY);
  readonly log = new ListLog();
  readonly mails: Mail[] = [];
  readonly profiles = new Map<string, Table>();
  readonly usernames = new Map<string, string>([[SUNNY.id, SUNNY.username], [BAKERY.id, BAKERY.username]]);
  growth: Table | null = null;
  growthReads = 0;
  /** What the next e-mail meets: it goes, Google's quota is spent, or there is no address. */
  mailWorks: 'sent' | 'no_quota' | 'no_address' = 'sent';
  mailCalls = 0;

  set(account: { id: string }, settings: Omit<AlertSettings, 'by'>, by = OWNER): void {
    this.store.set(alertsKey(account.id), serializeAlertSettings({ ...settings, by })!);
  }

  deps(owner = OWNER): AlertDeps {
    return {
      store: this.store, owner, timeZone: TZ, now: this.clock.now(), log: this.log,
      username: (id) => this.usernames.get(id) ?? null,
      profile: (id) => this.profiles.get(id) ?? null,
      growth: () => {
        this.growthReads++;
        return this.growth;
      },
      mail: (subject, body) => {
        this.mailCalls++;
        if (this.mailWorks !== 'sent') return this.mailWorks;
        this.mails.push({ subject, body });
        return 'sent';
      },
    };
  }

  send(owner = OWNER): string[] {
    return sendAlerts(this.deps(owner));
  }

  sent(account: { id: string }): { day: string; ids: string[] } | null {
    const raw = this.store.data.get(SENT_PREFIX + account.id);
    return raw ? JSON.parse(raw) : null;
  }
}

/** A drop of 100 followers onto each of the days given (from 1000 the day before). */
function dropsOnto(...days: string[]): Snapshot[] {
  return days.flatMap((d) => {
    const before = new Date(`${d}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    return [[before.toISOString().slice(0, 10), 1000], [d, 900]] as Snapshot[];
  });
}

describe('sendAlerts', () => {
  it('e-mails an account once a day, and the next day only what is new', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.profiles.set(SUNNY.id, profileOf([['2026-03-08', 1000], ['2026-03-09', 900]]));
    expect(world.send()).toEqual([SUNNY.id]);
    expect(world.mails).toHaveLength(1);
    expect(world.mails[0].subject).toBe('Sheetgram alert: @sunny');
    expect(world.mails[0].body).toMatch(/lost 100 followers from 2026-03-08 to 2026-03-09/);
    expect(world.sent(SUNNY)).toEqual({ day: '2026-03-10', ids: ['followers:2026-03-09'] });
    expect(world.log.lines).toContain('info: Alerts e-mailed for @sunny: 1.');

    // Later that day today's run finds another drop: it waits for tomorrow's e-mail.
    world.profiles.set(SUNNY.id, profileOf([['2026-03-08', 1000], ['2026-03-09', 900], ['2026-03-10', 780]]));
    world.clock.ms = TUESDAY + 12 * HOUR;
    expect(world.send()).toEqual([]);
    expect(world.mails).toHaveLength(1);

    // 00:30 on Wednesday in Berlin (still Tuesday in UTC) is the next day: only the new drop.
    world.clock.ms = Date.parse('2026-03-10T23:30:00Z');
    expect(world.send()).toEqual([SUNNY.id]);
    expect(world.mails).toHaveLength(2);
    expect(world.mails[1].body).toMatch(/lost 120 followers from 2026-03-09 to 2026-03-10/);
    expect(world.mails[1].body).not.toMatch(/from 2026-03-08/);
    expect(world.sent(SUNNY)).toEqual({ day: '2026-03-11', ids: ['followers:2026-03-09', 'followers:2026-03-10'] });

    // Both drops are recent all week, and neither goes again.
    for (let d = 1; d <= 5; d++) {
      world.clock.ms = TUESDAY + d * DAY;
      expect(world.send()).toEqual([]);
    }
    expect(world.mails).toHaveLength(2);
  });

  it('keeps the day of the last e-mail only when one went: a day without alerts leaves the next alert free to go', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.profiles.set(SUNNY.id, profileOf([['2026-03-09', 1000], ['2026-03-10', 990]]));
    expect(world.send()).toEqual([]);
    expect(world.mailCalls).toBe(0);
    expect(world.sent(SUNNY)).toBeNull();
    world.profiles.set(SUNNY.id, profileOf([['2026-03-09', 1000], ['2026-03-10', 900]]));
    world.clock.ms = TUESDAY + HOUR;
    expect(world.send()).toEqual([SUNNY.id]);
  });

  it('sends only the alerts the running person set', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 }, 'someone-else');
    world.profiles.set(SUNNY.id, profileOf(dropsOnto('2026-03-09')));
    expect(world.send()).toEqual([]);
    expect(world.mailCalls).toBe(0);
    expect(world.sent(SUNNY)).toBeNull();
    // The person who set them sends them.
    expect(world.send('someone-else')).toEqual([SUNNY.id]);
    expect(world.mails).toHaveLength(1);
  });

  it('marks nothing sent when the e-mail could not go, and a later run sends it', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.profiles.set(SUNNY.id, profileOf(dropsOnto('2026-03-09')));
    world.mailWorks = 'no_quota';
    expect(world.send()).toEqual([]);
    expect(world.mailCalls).toBe(1);
    expect(world.sent(SUNNY)).toBeNull();
    expect(world.log.lines).toEqual(["warn: Alerts for @sunny wait: Google's daily e-mail quota is used up; the next run tries again."]);

    // The next hour the quota is still spent: tried again.
    world.clock.ms = TUESDAY + HOUR;
    expect(world.send()).toEqual([]);
    expect(world.mailCalls).toBe(2);

    world.mailWorks = 'sent';
    world.clock.ms = TUESDAY + 2 * HOUR;
    expect(world.send()).toEqual([SUNNY.id]);
    expect(world.mails).toHaveLength(1);
    expect(world.mails[0].body).toMatch(/lost 100 followers from 2026-03-08 to 2026-03-09/);
    expect(world.sent(SUNNY)).toEqual({ day: '2026-03-10', ids: ['followers:2026-03-09'] });
  });

  it('without an address to send to, says so once and does not try every hour', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.profiles.set(SUNNY.id, profileOf(dropsOnto('2026-03-09')));
    world.mailWorks = 'no_address';
    expect(world.send()).toEqual([]);
    expect(world.log.lines).toEqual(['warn: Alerts for @sunny found but not e-mailed: no address to send to. Type one under E-mails in the sidebar.']);
    world.clock.ms = TUESDAY + HOUR;
    world.send();
    expect(world.mailCalls).toBe(1);
  });

  it('skips accounts without a known username', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.set(BAKERY, { followerDrop: 50 });
    world.profiles.set(SUNNY.id, profileOf(dropsOnto('2026-03-09')));
    world.profiles.set(BAKERY.id, profileOf(dropsOnto('2026-03-09'), BAKERY));
    world.usernames.delete(BAKERY.id);
    expect(world.send()).toEqual([SUNNY.id]);
    expect(world.mails.map((m) => m.subject)).toEqual(['Sheetgram alert: @sunny']);
    expect(world.sent(BAKERY)).toBeNull();
  });

  it('e-mails each account on its own', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.set(BAKERY, { followerDrop: 50 });
    world.profiles.set(SUNNY.id, profileOf(dropsOnto('2026-03-09')));
    world.profiles.set(BAKERY.id, profileOf(dropsOnto('2026-03-10'), BAKERY));
    expect(world.send().sort()).toEqual([SUNNY.id, BAKERY.id].sort());
    expect(world.mails.map((m) => m.subject).sort()).toEqual(['Sheetgram alert: @bakery', 'Sheetgram alert: @sunny']);
    const bakery = world.mails.find((m) => m.subject.endsWith('@bakery'))!;
    expect(bakery.body).toMatch(/^Sheetgram found this for @bakery:/);
    expect(bakery.body).toMatch(/@bakery lost 100 followers from 2026-03-09 to 2026-03-10/);
    expect(bakery.body).not.toMatch(/@sunny/);
    expect(world.sent(SUNNY)!.ids).toEqual(['followers:2026-03-09']);
    expect(world.sent(BAKERY)!.ids).toEqual(['followers:2026-03-10']);
  });

  it('lists every fresh alert in the one e-mail', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50, postBelowPercent: 50 });
    const profile = profileOf([['2026-03-06', 1000], ['2026-03-07', 900], ['2026-03-08', 900], ['2026-03-09', 700]]);
    const growth = growthOf([...earlierPosts('E', ['2026-02-20', '2026-02-21', '2026-02-22'], [100, 200, 300]), { id: 'W', posted: '2026-03-08T11:00:00Z', views: 10 }]);
    world.profiles.set(SUNNY.id, profile);
    world.growth = growth;
    expect(world.send()).toEqual([SUNNY.id]);
    const expected = alertsOf({ username: 'sunny', accountId: SUNNY.id, settings: { followerDrop: 50, postBelowPercent: 50, by: OWNER }, profile, growth, timeZone: TZ, today: parseIsoDate('2026-03-10')! });
    expect(expected.map((a) => a.id)).toEqual(['followers:2026-03-09', 'followers:2026-03-07', 'post:W']);
    const lines = world.mails[0].body.split('\n');
    expect(lines[0]).toBe('Sheetgram found these for @sunny:');
    for (const alert of expected) expect(lines).toContain(`- ${alert.text}`);
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(3);
    expect(world.mails[0].body).toMatch(/Alerts\)\.$/);
    expect(world.sent(SUNNY)!.ids).toEqual(expected.map((a) => a.id));
    expect(world.log.lines).toContain('info: Alerts e-mailed for @sunny: 3.');
  });

  it('reads the Post Growth tab once, and only when a post alert is set', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.set(BAKERY, { followerDrop: 50 });
    world.send();
    expect(world.growthReads).toBe(0);
    world.set(SUNNY, { postBelowPercent: 50 });
    world.set(BAKERY, { postBelowPercent: 50 });
    world.growth = growthOf([
      ...earlierPosts('E', ['2026-02-20', '2026-02-21', '2026-02-22'], [100, 200, 300]), { id: 'W', posted: '2026-03-08T11:00:00Z', views: 10 },
      ...earlierPosts('B', ['2026-02-20', '2026-02-21', '2026-02-22'], [100, 200, 300], BAKERY), { id: 'BW', posted: '2026-03-08T11:00:00Z', views: 10, account: BAKERY },
    ]);
    expect(world.send().sort()).toEqual([SUNNY.id, BAKERY.id].sort());
    expect(world.growthReads).toBe(1);
    expect(world.sent(SUNNY)!.ids).toEqual(['post:W']);
    expect(world.sent(BAKERY)!.ids).toEqual(['post:BW']);
  });

  it('skips unreadable settings, and never takes its own records for settings', () => {
    const world = new World();
    world.store.set(alertsKey(SUNNY.id), '{nope');
    world.store.set(alertsKey(BAKERY.id), JSON.stringify({ d: 50 }));
    world.profiles.set(SUNNY.id, profileOf(dropsOnto('2026-03-09')));
    world.profiles.set(BAKERY.id, profileOf(dropsOnto('2026-03-09'), BAKERY));
    world.store.set(`${SENT_PREFIX}${SUNNY.id}`, JSON.stringify({ day: '2026-03-01', ids: [] }));
    world.store.set('sheetgram.other', 'x');
    expect(world.send()).toEqual([]);
    expect(world.mailCalls).toBe(0);
  });

  it('reads a damaged record of what went as nothing sent', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.profiles.set(SUNNY.id, profileOf(dropsOnto('2026-03-09')));
    world.store.set(SENT_PREFIX + SUNNY.id, '{broken');
    expect(world.send()).toEqual([SUNNY.id]);
    expect(world.sent(SUNNY)).toEqual({ day: '2026-03-10', ids: ['followers:2026-03-09'] });
  });

  it('remembers the last 60 ids', () => {
    const world = new World();
    world.set(SUNNY, { followerDrop: 50 });
    world.profiles.set(SUNNY.id, profileOf(dropsOnto('2026-03-09')));
    const old = Array.from({ length: 60 }, (_, i) => `post:old${i}`);
    world.store.set(SENT_PREFIX + SUNNY.id, JSON.stringify({ day: '2026-03-09', ids: old }));
    expect(world.send()).toEqual([SUNNY.id]);
    const { ids } = world.sent(SUNNY)!;
    expect(ids).toHaveLength(60);
    expect(ids[0]).toBe('post:old1');
    expect(ids[59]).toBe('followers:2026-03-09');
  });
});
