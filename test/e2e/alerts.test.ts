// Alerts, end to end: the real bundle against the Instagram simulator over HTTP for three simulated weeks.
// @sunny.creates loses followers on most days and posts daily; its owner sets both alerts on it, none on
// @harbor.bakery. Every drop past the threshold and every weak first day, worked out here from the tabs,
// must reach the owner once, in at most one e-mail a day for the account; nothing else is e-mailed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, OWNER, refusal, scenario, stack, table } from './support';

const ZONE = 'America/New_York';
const DROP = 50;
const BELOW = 70;
const isoIn = (d: Date | number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(d));
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

describe('alerts over three weeks', () => {
  let s: Stack;
  let startMail = 0;
  const days: string[] = [];

  beforeAll(async () => {
    s = await stack({
      timeZone: ZONE,
      scenario: scenario((sc) => {
        const sunny = sc.accounts.find((a) => a.igUserId === CREATOR)!;
        sunny.followers = { ...sunny.followers, dailyNet: -30, noise: 45 };
      }),
    });
    await s.connect('instagram');
    await s.connect('facebook');
    const state = s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[] };
    const fieldsOf = (id: string) => state.reports.find((r) => r.id === id)!.fields.filter((f) => f.default).map((f) => f.id);
    for (const accountId of [CREATOR, BAKERY]) {
      for (const [reportId, tabName, mode] of [['user_information', 'Followers', 'append'], ['media_insights', 'Posts', 'update']]) {
        const { id } = s.rt.call('saveConfiguration', [{ accountId, reportId, fields: fieldsOf(reportId), tabName, mode, schedule: { kind: 'daily', hour: 6 }, settings: {} }]) as { id: string };
        s.rt.call('runConfigurationNow', [id]);
      }
    }
    const saved = s.rt.call('saveAlerts', [{ accountId: CREATOR, followerDrop: String(DROP), postBelowPercent: String(BELOW) }]) as { message: string; alerts: unknown };
    expect(saved.alerts).toEqual({ followerDrop: DROP, postBelowPercent: BELOW, byYou: true });
    startMail = s.rt.mail.length;
    for (let day = 1; day <= 21; day++) {
      s.rt.advance(DAY);
      days.push(isoIn(s.rt.clock.now()));
    }
  }, 900_000);
  afterAll(async () => {
    await s?.close();
  });

  const alertMail = () => s.rt.mail.slice(startMail).filter((m) => /^Sheetgram alert/.test(m.subject));

  it('refuses numbers that are not whole, in words, and keeps what was saved', () => {
    expect(refusal(() => s.rt.call('saveAlerts', [{ accountId: CREATOR, followerDrop: '2.5', postBelowPercent: '' }]))).toMatch(/whole number/);
    expect(refusal(() => s.rt.call('saveAlerts', [{ accountId: CREATOR, followerDrop: '', postBelowPercent: '140' }]))).toMatch(/1 to 100/);
    const state = s.rt.call('getSidebarState') as { accounts: { id: string; alerts?: unknown }[] };
    expect(state.accounts.find((a) => a.id === CREATOR)!.alerts).toEqual({ followerDrop: DROP, postBelowPercent: BELOW, byYou: true });
    expect(state.accounts.find((a) => a.id === BAKERY)!.alerts).toEqual({ followerDrop: null, postBelowPercent: null, byYou: true });
  });

  it('e-mails every drop past the threshold once, and no other', () => {
    const f = table(s, 'Followers');
    // Measured counts only: the rebuilt days before the first run are estimates.
    const byDay = new Map(f.rows.filter((r) => r[f.at('Account ID')] === CREATOR && r[f.at('Source')] === 'Read from Instagram')
      .map((r) => [isoIn(r[f.at('Run date')] as Date), r[f.at('Followers')] as number]));
    const expected = days.filter((d) => byDay.has(d) && byDay.has(shift(d, -1)) && byDay.get(shift(d, -1))! - byDay.get(d)! > DROP);
    const mailed = alertMail().flatMap((m) => [...m.body.matchAll(/lost (\d+) followers from (\S+) to (\S+) /g)].map((x) => x[3]));
    expect(expected.length).toBeGreaterThan(1);
    expect(mailed.sort()).toEqual(expected.sort());
  });

  it('e-mails every post whose first day was below the share of the median of the 10 before it, once', () => {
    const g = table(s, 'Post Growth');
    const firsts = g.rows.filter((r) => r[g.at('Account ID')] === CREATOR && r[g.at('Days since posting')] === 1)
      .map((r) => ({ posted: (r[g.at('Posted at')] as Date).getTime(), views: r[g.at('Views')] as number, link: String(r[g.at('Permalink')]) }))
      .sort((a, b) => a.posted - b.posted);
    const weak = firsts.filter((p, i) => {
      const before = firsts.slice(Math.max(0, i - 10), i).map((x) => x.views).sort((a, b) => a - b);
      if (before.length < 3) return false;
      const m = Math.floor(before.length / 2);
      const median = before.length % 2 ? before[m] : (before[m - 1] + before[m]) / 2;
      return p.views < (median * BELOW) / 100;
    }).map((p) => p.link);
    const mailed = alertMail().flatMap((m) => [...m.body.matchAll(/first day, .*?: (\S+); the alert/g)].map((x) => x[1]));
    expect(weak.length).toBeGreaterThan(0);
    expect(mailed.sort()).toEqual(weak.sort());
  });

  it('sends at most one e-mail a day for the account, to its owner, and none for the account without alerts', () => {
    const mail = alertMail();
    expect(mail.length).toBeGreaterThan(0);
    expect(mail.every((m) => m.to.length === 1 && m.to[0] === OWNER && m.subject === 'Sheetgram alert: @sunny.creates')).toBe(true);
    const perDay = new Map<string, number>();
    for (const m of mail) {
      const day = isoIn(m.sentAt);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect(Math.max(...perDay.values())).toBe(1);
  });
});
